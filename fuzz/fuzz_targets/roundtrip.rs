//! parse → JSON → read gives the same chart: whatever Markdown the reader accepts, the JSON
//! `pmchart parse` prints reads back and draws the same SVG bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmchart::input::{self, json, markdown, ReadOptions};
use pmchart::render::{self, RenderOptions};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = input::decode(&common::vary_line_endings(data)) else { return };
    let Ok(parsed) = markdown::read(&text, &ReadOptions::default()) else { return };
    let written = json::write(&parsed.incident);
    let back = json::read(&written, &ReadOptions::default())
        .unwrap_or_else(|f| panic!("parse JSON does not read back: {:?}\n{written}", f.diagnostics))
        .incident;
    let opts = RenderOptions::default();
    assert_eq!(render::svg(&parsed.incident, &opts), render::svg(&back, &opts));
});
