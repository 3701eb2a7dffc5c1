//! The playground's calls on the native target: the SVG is the library's, byte for byte, and
//! bad input gives diagnostics, never a panic (`cargo test -p pmchart-web`). The same calls in
//! WebAssembly are tested by web/tests/wasm.rs (against the golden SVGs checked here), the
//! optimised module by web/tests/node.mjs and the page by web/tests/page.mjs.

#![cfg(not(target_arch = "wasm32"))]

#[path = "common/cases.rs"]
mod cases;

use pmchart::model::{InputFormat, SourceText};
use pmchart::pipeline::{self, ChartFormat};
use pmchart::render::{RenderOptions, Theme};

fn corpus(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../shared/corpus/postmortems/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the corpus is at ../shared/corpus beside the repository")
}

fn library_svg(text: &str, theme: Theme) -> String {
    let mut opts = pipeline::Options::default();
    opts.checks.template = pmchart::validate::Template::None;
    let checked = pipeline::check_source(
        SourceText {
            path: Some("README.md".into()),
            text: text.into(),
            format: InputFormat::Markdown,
        },
        &opts,
    );
    let ro = RenderOptions {
        theme,
        ..RenderOptions::default()
    };
    String::from_utf8(
        pipeline::draw(checked.incident.as_ref().unwrap(), ChartFormat::Svg, &ro).unwrap(),
    )
    .unwrap()
}

#[test]
fn the_page_draws_the_librarys_svg() {
    let dir = format!(
        "{}/../../shared/corpus/postmortems",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the corpus")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    let mut drawn = 0;
    for name in names.iter().take(20) {
        let text = corpus(name);
        let out: serde_json::Value =
            serde_json::from_str(&pmchart_web::render(&text, "README.md", "dark", 900, ""))
                .unwrap();
        if let Some(svg) = out["svg"].as_str() {
            assert_eq!(svg, library_svg(&text, Theme::Dark), "{name}");
            drawn += 1;
        }
        assert!(
            out["block"]
                .as_str()
                .is_some_and(|b| b.starts_with("<!-- pmchart:begin -->\n<picture>")),
            "{name}"
        );
    }
    assert!(drawn >= 15, "only {drawn} of 20 drawn");
}

/// The golden SVGs web/tests/wasm.rs compares the WebAssembly build with are what the native
/// library draws (PMCHART_UPDATE_GOLDEN=1 rewrites them).
#[test]
fn the_golden_svgs_are_the_native_librarys() {
    let update = std::env::var_os("PMCHART_UPDATE_GOLDEN").is_some();
    for (name, theme, text, golden) in cases::CASES {
        let theme_of = if theme == "dark" {
            Theme::Dark
        } else {
            Theme::Light
        };
        let svg = library_svg(text, theme_of);
        let file = format!(
            "{}/tests/golden/{}.{theme}.svg",
            env!("CARGO_MANIFEST_DIR"),
            name.trim_end_matches(".md")
        );
        if update {
            std::fs::write(&file, &svg).unwrap();
        } else {
            assert!(
                svg == golden,
                "{file} is not what the library draws: PMCHART_UPDATE_GOLDEN=1 cargo test -p pmchart-web"
            );
        }
    }
}

#[test]
fn bad_input_gives_diagnostics_not_a_panic() {
    let long = "- 10:00 a very long line ".repeat(20_000);
    let cases = cases::BAD_INPUT
        .iter()
        .copied()
        .chain([(long.as_str(), "README.md")]);
    for (text, name) in cases {
        let out = std::panic::catch_unwind(|| pmchart_web::render(text, name, "light", 900, ""));
        let out: serde_json::Value = serde_json::from_str(&out.expect("no panic")).unwrap();
        assert!(
            !out["diagnostics"].as_array().unwrap().is_empty(),
            "{name}: {out}"
        );
    }
    assert_eq!(cases::unknown_zone()["diagnostics"][0]["severity"], "error");
    let png = pmchart_web::png(&corpus(&first_md()), "README.md", "light", 900, "", 1.0);
    assert!(png.is_ok());
}

fn first_md() -> String {
    let dir = format!(
        "{}/../../shared/corpus/postmortems",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names.remove(0)
}
