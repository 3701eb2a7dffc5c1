//! Layout → PNG under the pixel budget: whatever Markdown the reader accepts either draws a PNG of
//! exactly the scene's size or is refused by the size check before anything is allocated; the
//! rasteriser itself never fails and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmchart::input::{self, markdown, ReadOptions};
use pmchart::render::{self, RenderError, RenderOptions, Theme};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = input::decode(&common::vary_line_endings(data)) else { return };
    let Ok(parsed) = markdown::read(&text, &ReadOptions::default()) else { return };
    // Both themes and layouts; a small scale keeps each run fast while the size check still
    // sees the whole scene.
    let first = text.len() % 4;
    let opts = RenderOptions {
        theme: if first & 1 == 0 { Theme::Light } else { Theme::Dark },
        compact: first & 2 != 0,
        scale: 0.25,
        ..RenderOptions::default()
    };
    let scene = render::layout(&parsed.incident, &opts);
    match render::png_of_scene(&scene, &opts) {
        Ok(png) => {
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
            // IHDR: width and height, big-endian, at bytes 16..24.
            let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
            let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
            assert_eq!(width, (scene.width * opts.scale).ceil() as u32);
            assert_eq!(height, (scene.height * opts.scale).ceil() as u32);
        }
        Err(RenderError::TooLarge { .. }) => {
            assert!(render::check_png_size(&scene, opts.scale).is_err());
        }
        Err(e) => panic!("a chart that fits the budget did not draw: {e}"),
    }
});
