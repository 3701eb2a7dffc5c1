//! For WebAssembly, where every byte of the .wasm is downloaded before the first chart, the
//! embedded fonts are stored deflated (530 KB become 290 KB) and inflated once, when first used
//! (`layout::text::font_bytes`). Native builds embed them as they are: no work at start-up.

use std::path::PathBuf;

const FONTS: [&str; 2] = ["Inter-Regular.otf", "Inter-SemiBold.otf"];

fn main() {
    for name in FONTS {
        println!("cargo::rerun-if-changed=fonts/{name}");
    }
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() != Ok("wasm32") {
        return;
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in FONTS {
        let font = std::fs::read(PathBuf::from("fonts").join(name))
            .unwrap_or_else(|e| panic!("cannot read fonts/{name}: {e}"));
        let deflated = miniz_oxide::deflate::compress_to_vec(&font, 10);
        std::fs::write(out.join(format!("{name}.deflate")), deflated)
            .unwrap_or_else(|e| panic!("cannot write to OUT_DIR: {e}"));
    }
}
