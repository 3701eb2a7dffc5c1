//! What every target does with its input: the whole path a user's file takes through pmchart.

use pmchart::input::{self, ReadOptions, SourceText};
use pmchart::model::InputFormat;
use pmchart::render::{self, RenderOptions};
use pmchart::report::{self, DiagnosticFormat};
use pmchart::validate::{self, CheckOptions};

/// Decode → read → check → report (every format) → render to SVG. Must never panic.
#[allow(dead_code)] // Not every target that includes this file uses it.
pub fn run(data: &[u8], format: InputFormat) {
    let text = match input::decode(data) {
        Ok(t) => t,
        Err(_) => return,
    };
    let source = SourceText {
        path: None,
        text,
        format,
    };
    let (incident, mut diags) =
        match input::read_text(&source.text, format, None, &ReadOptions::default()) {
            Ok(p) => (Some(p.incident), p.diagnostics),
            Err(f) => (None, f.diagnostics),
        };
    if let Some(incident) = &incident {
        diags.extend(validate::check(incident, &CheckOptions::default()));
    }
    for f in [
        DiagnosticFormat::Human,
        DiagnosticFormat::Json,
        DiagnosticFormat::Github,
    ] {
        report::emit(&diags, &source, f, true, &mut std::io::sink()).expect("a sink never fails");
    }
    if let Some(incident) = &incident {
        let svg = render::svg(incident, &RenderOptions::default());
        assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
    }
}

/// The bytes of `old` that `new` changed: what lies between their longest common prefix and
/// longest common suffix. Empty when `new` only added bytes at one place.
#[allow(dead_code)] // Not every target that includes this file uses it.
pub fn changed_region(old: &[u8], new: &[u8]) -> std::ops::Range<usize> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    prefix..old.len() - suffix
}
