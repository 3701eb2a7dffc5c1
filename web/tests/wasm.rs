//! The exported calls in WebAssembly, run in Node by wasm-bindgen-cli's test runner:
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!     cargo test -p pmchart-web --target wasm32-unknown-unknown
//! Corpus postmortems give the SVG the native library draws (the golden files, which
//! web/tests/native.rs checks against the library); bad input gives diagnostics, not a trap.
#![cfg(target_arch = "wasm32")]

#[path = "common/cases.rs"]
mod cases;

use wasm_bindgen_test::wasm_bindgen_test;

fn rendered(text: &str, name: &str, theme: &str) -> serde_json::Value {
    serde_json::from_str(&pmchart_web::render(text, name, theme, 900, "")).expect("JSON out")
}

#[wasm_bindgen_test]
fn corpus_charts_are_the_native_librarys_svg() {
    for (name, theme, text, golden) in cases::CASES {
        let out = rendered(text, "README.md", theme);
        let svg = out["svg"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: no chart: {out}"));
        assert!(
            svg == golden,
            "{name} ({theme}): the WebAssembly SVG differs from the native one"
        );
        assert!(
            out["block"]
                .as_str()
                .is_some_and(|b| b.starts_with("<!-- pmchart:begin -->\n<picture>")),
            "{name}: no README block"
        );
    }
}

#[wasm_bindgen_test]
fn bad_input_gives_diagnostics() {
    for (text, name) in cases::BAD_INPUT {
        let out = rendered(text, name, "dark");
        assert!(out["svg"].is_null(), "{name}: a chart from {text:?}");
        let first = &out["diagnostics"][0];
        assert!(
            first["code"].is_string() && first["message"].is_string(),
            "{name}: no diagnostic for {text:?}: {out}"
        );
    }
    // A broken time is reported at its line.
    let out = rendered("## Timeline\n- 25:99 x\n- 10:00 y\n", "README.md", "light");
    let lines: Vec<u64> = out["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["line"].as_u64())
        .collect();
    assert!(lines.contains(&2), "{out}");
}

#[wasm_bindgen_test]
fn an_unknown_zone_is_an_error_not_a_trap() {
    assert_eq!(cases::unknown_zone()["diagnostics"][0]["severity"], "error");
}

#[wasm_bindgen_test]
fn the_png_is_a_png_of_the_charts_size() {
    let (_, theme, text, golden) = cases::CASES[0];
    let png = pmchart_web::png(text, "README.md", theme, 900, "", 1.0)
        .unwrap_or_else(|_| panic!("no PNG"));
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR: width and height, big-endian, at bytes 16..24; the SVG's at scale 1.
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert!(golden.contains(&format!("width=\"{width}\" height=\"{height}\"")));
}
