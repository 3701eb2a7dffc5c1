//! What every target does with its input: the whole path a user's file takes through pmchart.

use pmchart::input::{self, SourceText};
use pmchart::model::InputFormat;
use pmchart::pipeline;
use pmchart::render::{self, RenderOptions};
use pmchart::report::{self, DiagnosticFormat};

/// The input with the line endings its first byte picks: 0 keeps the rest as it is; 1 writes its
/// line feeds as CRLF, 2 as a lone CR (old Mac files), 3 as CRLF after a UTF-8 BOM (Windows
/// editors). Real files come in all four; without this the fuzzer rarely leaves LF.
#[allow(dead_code)] // Not every target that includes this file uses it.
pub fn vary_line_endings(data: &[u8]) -> Vec<u8> {
    let Some((&pick, rest)) = data.split_first() else {
        return Vec::new();
    };
    let ending: &[u8] = match pick % 4 {
        0 => return rest.to_vec(),
        1 | 3 => b"\r\n",
        _ => b"\r",
    };
    let mut out = Vec::with_capacity(rest.len() + rest.len() / 8 + 3);
    if pick % 4 == 3 {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    for &b in rest {
        if b == b'\n' {
            out.extend_from_slice(ending);
        } else {
            out.push(b);
        }
    }
    out
}

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
    // The path every command takes: read and check, then report and draw.
    let checked = pipeline::check_source(source, &pipeline::Options::default());
    for f in [
        DiagnosticFormat::Human,
        DiagnosticFormat::Json,
        DiagnosticFormat::Github,
    ] {
        report::emit(
            &checked.diagnostics,
            &checked.source,
            f,
            true,
            &mut std::io::sink(),
        )
        .expect("a sink never fails");
    }
    if let Some(incident) = &checked.incident {
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
