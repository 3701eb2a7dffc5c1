//! Subcommands. Each parses its arguments, calls the library, prints, and returns an exit code:
//! 0 clean or warnings only, 1 errors in an input, 2 usage or I/O errors.

pub mod batch;
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

/// `--quiet` and `--verbose`, on every command.
#[derive(clap::Args, Debug, Clone, Copy, Default)]
pub struct Verbosity {
    /// Print only errors and the findings asked for: no summary line, progress bar, notes or
    /// "wrote" lines.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say what was done when standard error is not a terminal (the files written).
    #[arg(short, long)]
    pub verbose: bool,
}

impl Verbosity {
    /// Batch options with the summary and progress bar off when quiet.
    pub fn batch(self, mut opts: batch::BatchOptions) -> batch::BatchOptions {
        if self.quiet {
            opts.summary = Some(false);
            opts.progress_from = usize::MAX;
        }
        opts
    }

    /// The diagnostics to print alongside a command's output: all of them, or the errors only
    /// when quiet.
    pub fn keep(self, diags: &[Diagnostic]) -> Vec<Diagnostic> {
        diags
            .iter()
            .filter(|d| !self.quiet || d.severity == pmchart::Severity::Error)
            .cloned()
            .collect()
    }

    /// Whether to say what was done: on a terminal unless quiet, always when verbose.
    pub fn says_what_was_done(self) -> bool {
        self.verbose || (!self.quiet && std::io::stderr().is_terminal())
    }
}

/// Runs `per_file` over `files` as a batch with the verbosity's options; the exit code.
pub fn run_batch<F>(
    files: &[std::path::PathBuf],
    opts: batch::BatchOptions,
    verbosity: Verbosity,
    per_file: F,
) -> u8
where
    F: Fn(&std::path::Path) -> batch::FileOutcome + Sync,
{
    batch::run_batch_to(
        files,
        &verbosity.batch(opts),
        std::io::stderr().is_terminal(),
        per_file,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    )
    .exit
}

/// A value chosen by name from `choices` (the library's types know no clap): the names show in
/// `--help` and the completions.
fn choice<T: Clone + Send + Sync + 'static>(
    choices: &'static [(&'static str, T)],
) -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(choices.iter().map(|(name, _)| *name)).map(move |s| {
        choices
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, v)| v.clone())
            .expect("clap checked the value against the choices")
    })
}

/// `--format human|json|github`.
pub fn diagnostic_format() -> impl clap::builder::TypedValueParser<Value = DiagnosticFormat> {
    choice(&DiagnosticFormat::ALL)
}

/// `--theme light|dark`.
pub fn theme() -> impl clap::builder::TypedValueParser<Value = pmchart::render::Theme> {
    choice(&pmchart::render::Theme::ALL)
}

/// Parses `--tz` values for clap: what the Markdown reader accepts as a written zone.
pub fn parse_zone(s: &str) -> Result<pmchart::Zone, String> {
    pmchart::input::zones::zone_named(s)
}

/// Whether diagnostics on standard error get colour: a terminal, and no `NO_COLOR`.
pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints diagnostics about `source` to standard error.
pub fn print_diagnostics(diags: &[Diagnostic], source: &SourceText, format: DiagnosticFormat) {
    // Buffered: codespan writes piece by piece, a system call each on a bare stderr.
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let _ = report::emit(diags, source, format, stderr_color(), &mut err);
    let _ = std::io::Write::flush(&mut err);
}

/// Which chart: a row per entry, or the key moments only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartLayout {
    Full,
    Compact,
}
