#![no_main]
//! Json input through read → check → report → SVG.

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::run(data, pmchart::model::InputFormat::Json));
