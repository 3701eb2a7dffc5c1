//! Subcommands. Each parses its arguments, calls the library, prints, and returns an exit code:
//! 0 clean or warnings only, 1 errors in an input, 2 usage or I/O errors.

pub mod batch;
pub mod check;
pub mod embed;
pub mod export;
pub mod import;
pub mod parse;
pub mod render;
pub mod stats;

use pmchart::input::SourceText;
use pmchart::report::{self, DiagnosticFormat};
use pmchart::Diagnostic;
use std::io::{IsTerminal, Write};

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

/// `--config` and `--color`, on every command.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Settings {
    /// Use this pmchart.toml for every file, instead of the nearest one above each file.
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// Colour in diagnostics: `auto` (on a terminal, unless NO_COLOR is set), `always` or
    /// `never`.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    /// Always, even into a pipe or file.
    Always,
    /// Never.
    Never,
}

impl Settings {
    /// Whether diagnostics written to a stream get colour.
    pub fn color(&self, stream_is_terminal: bool) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }

    /// Whether diagnostics on standard error get colour.
    pub fn stderr_color(&self) -> bool {
        self.color(std::io::stderr().is_terminal())
    }

    /// The configuration finder; an unusable `--config` file is the error to print.
    pub fn finder(&self) -> Result<pmchart::config::Finder, String> {
        pmchart::config::Finder::new(self.config.as_deref()).map_err(|e| e.to_string())
    }
}

/// What the command line says about reading and checking, before a file's configuration.
#[derive(Debug, Clone, Default)]
pub struct Asked {
    /// `--tz`.
    pub tz: Option<pmchart::Zone>,
    /// `--title`.
    pub title: Option<String>,
    /// `--template` / `--no-template` (check); `Some(None)` for the commands that draw.
    pub template: Option<pmchart::validate::Template>,
}

impl Asked {
    /// The pipeline options for a file: the command line over its configuration.
    pub fn options(&self, config: Option<&pmchart::config::Loaded>) -> pmchart::pipeline::Options {
        use pmchart::validate::Template;
        pmchart::pipeline::Options {
            read: pmchart::input::ReadOptions {
                tz: self
                    .tz
                    .clone()
                    .or_else(|| config.and_then(|c| c.zone.clone())),
                title: self.title.clone(),
            },
            checks: pmchart::validate::CheckOptions {
                template: self
                    .template
                    .or_else(|| config.and_then(|c| c.config.template))
                    .unwrap_or(Template::Auto),
            },
            levels: config.map(|c| c.levels.clone()).unwrap_or_default(),
        }
    }
}

/// The configuration for one file of a batch, or the outcome that reports why there is none
/// to use (an unusable pmchart.toml: exit 2) or that the file is excluded by it.
pub fn configured(
    finder: &pmchart::config::Finder,
    path: &std::path::Path,
    quiet: bool,
) -> Result<Option<std::sync::Arc<pmchart::config::Loaded>>, batch::FileOutcome> {
    let mut o = batch::FileOutcome::default();
    match finder.for_file(path) {
        Err(msg) => {
            o.say(format!("error: {msg}"));
            o.errors = 1;
            o.fail(EXIT_USAGE);
            Err(o)
        }
        Ok(Some(c)) if c.excludes(path) => {
            o.skipped = true;
            if !quiet {
                o.say(format!(
                    "note: skipped `{}`: excluded by `{}`",
                    path.display(),
                    c.path.display()
                ));
            }
            Err(o)
        }
        Ok(c) => Ok(c),
    }
}

/// One named input read and checked with its configuration (the single-file commands, `parse`
/// and `export`), the template checks off; its diagnostics printed to standard error. `Err` is
/// the exit code after saying why nothing could be read.
pub fn check_single(
    input: &std::path::Path,
    tz: Option<pmchart::Zone>,
    settings: &Settings,
    verbosity: Verbosity,
    format: DiagnosticFormat,
) -> Result<pmchart::pipeline::Checked, u8> {
    let config = settings
        .finder()
        .and_then(|f| f.for_file(input))
        .map_err(|e| {
            eprintln!("error: {e}");
            EXIT_USAGE
        })?;
    let opts = Asked {
        tz,
        title: None,
        // The template's sections and word count are `check`'s; the timeline's problems are
        // worth seeing beside what was read.
        template: Some(pmchart::validate::Template::None),
    }
    .options(config.as_deref());
    let checked = pmchart::pipeline::check_path(input, &opts).map_err(|u| {
        eprintln!("error: {u}");
        EXIT_USAGE
    })?;
    print_diagnostics(
        &verbosity.keep(&checked.diagnostics),
        &checked.source,
        format,
        settings.stderr_color(),
    );
    Ok(checked)
}

/// The configuration finder and the files a batch command looks at: the paths given (or the
/// configured `paths`, or `fallback`), expanded as `select` says. `Err` is the exit code after
/// saying why.
pub fn batch_files(
    inputs: &[std::path::PathBuf],
    settings: &Settings,
    select: pmchart::batch::Select,
    fallback: Option<&str>,
) -> Result<
    (
        pmchart::config::Finder,
        Vec<std::path::PathBuf>,
        Vec<std::path::PathBuf>,
    ),
    u8,
> {
    let usage = |e: String| {
        eprintln!("error: {e}");
        EXIT_USAGE
    };
    let finder = settings.finder().map_err(usage)?;
    let inputs = inputs_or_configured(inputs, &finder, fallback).map_err(usage)?;
    let files = pmchart::batch::expand(&inputs, select).map_err(|e| usage(e.to_string()))?;
    Ok((finder, inputs, files))
}

/// The paths given, or with none the `paths` of the pmchart.toml found from the current
/// directory (or named by `--config`).
/// `fallback` is what the command looks at when there is neither.
pub fn inputs_or_configured(
    inputs: &[std::path::PathBuf],
    finder: &pmchart::config::Finder,
    fallback: Option<&str>,
) -> Result<Vec<std::path::PathBuf>, String> {
    if !inputs.is_empty() {
        return Ok(inputs.to_vec());
    }
    match finder.for_file(std::path::Path::new("-"))? {
        Some(c) if !c.config.paths.is_empty() => Ok(c.paths()),
        _ if fallback.is_some() => Ok(fallback.into_iter().map(Into::into).collect()),
        Some(c) => Err(format!(
            "no path given, and `{}` lists no `paths`: name the postmortems to look at, or add \
             `paths = [\"postmortems\"]` to it",
            c.path.display()
        )),
        None => Err(
            "no path given: name the postmortems to look at (`pmchart check postmortems/`), or \
             list them in a pmchart.toml (`paths = [\"postmortems\"]`)"
                .to_string(),
        ),
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
pub fn choice<T: Clone + Send + Sync + 'static>(
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

/// `check --format human|json|github|sarif`.
pub fn check_format() -> impl clap::builder::TypedValueParser<Value = DiagnosticFormat> {
    choice(&DiagnosticFormat::FOR_CHECK)
}

/// `--template auto|alx|google-sre|gitlab|none`.
pub fn template_choice() -> impl clap::builder::TypedValueParser<Value = pmchart::validate::Template>
{
    choice(&pmchart::validate::Template::ALL)
}

/// `--theme light|dark`.
pub fn theme() -> impl clap::builder::TypedValueParser<Value = pmchart::render::Theme> {
    choice(&pmchart::render::Theme::ALL)
}

/// Parses `--tz` values for clap: what the Markdown reader accepts as a written zone.
pub fn parse_zone(s: &str) -> Result<pmchart::Zone, String> {
    pmchart::input::zones::zone_named(s)
}

/// Prints diagnostics about `source` to standard error.
pub fn print_diagnostics(
    diags: &[Diagnostic],
    source: &SourceText,
    format: DiagnosticFormat,
    color: bool,
) {
    // Buffered: codespan writes piece by piece, a system call each on a bare stderr.
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let _ = report::emit(diags, source, format, color, &mut err);
    let _ = std::io::Write::flush(&mut err);
}

/// Which chart: a row per entry, or the key moments only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartLayout {
    Full,
    Compact,
}

/// Writes to standard output for `-`, else atomically (see [`pmchart::write`]): a reader never
/// sees half a file, and a symlink at the path is replaced, never written through. A folder
/// that does not exist is named in the error, not the temporary file.
pub fn write_output(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    if path == std::path::Path::new("-") {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        return out.flush();
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    if !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!(
                "the folder `{}` does not exist: create it first (mkdir -p)",
                dir.display()
            ),
        ));
    }
    pmchart::write::write_atomic(path, bytes, false, pmchart::write::Owner::Generated)
}
