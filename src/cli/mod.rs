//! Subcommands. Each parses its arguments, calls the library, prints, and returns an exit code:
//! 0 clean or warnings only, 1 errors in an input, 2 usage or I/O errors.

pub mod check;
pub mod embed;
pub mod parse;
pub mod render;

use pmchart::input::SourceText;
use pmchart::report::{self, DiagnosticFormat};
use pmchart::Diagnostic;
use std::io::IsTerminal;

pub const EXIT_OK: u8 = 0;
pub const EXIT_ERRORS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Parses `--tz` values for clap.
pub fn parse_zone(s: &str) -> Result<pmchart::Zone, String> {
    pmchart::Zone::parse(s).ok_or_else(|| {
        format!(
            "unknown time zone `{s}`: use an IANA name (Europe/London), UTC, or an offset (+01:00)"
        )
    })
}

/// Whether diagnostics on standard error get colour: a terminal, and no `NO_COLOR`.
pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints diagnostics about `source` to standard error.
pub fn print_diagnostics(diags: &[Diagnostic], source: &SourceText, format: DiagnosticFormat) {
    let mut err = std::io::stderr().lock();
    let _ = report::emit(diags, source, format, stderr_color(), &mut err);
}

/// Which chart: a row per entry, or the key moments only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartLayout {
    Full,
    Compact,
}
