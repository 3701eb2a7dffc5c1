#![no_main]
//! Markdown input, with its line endings varied, through read → check → report → SVG.

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::run(
    &common::vary_line_endings(data),
    pmchart::model::InputFormat::Markdown
));
