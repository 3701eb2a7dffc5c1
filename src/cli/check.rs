//! `pmchart check PATH...`: every problem in each input (files, directories, globs; checked in
//! parallel, printed in input order), on its line, with what to do.
//!
//! Diagnostics go to standard output (they are what was asked for); I/O problems such as a
//! missing file go to standard error. Exit: 0 clean or warnings only, 1 errors (or warnings with
//! `--deny-warnings`), 2 an input could not be read.

use super::batch::{BatchOptions, FileOutcome};
use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use clap::Args;
use pmchart::batch::Select;
use pmchart::diagnostics::Severity;
use pmchart::input::SourceText;
use pmchart::pipeline::{self, Outcome};
use pmchart::report::{self, DiagnosticFormat};
use pmchart::validate::Template;
use pmchart::Diagnostic;
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct CheckArgs {
    /// Markdown postmortems or JSON incidents, directories or globs; `-` for standard input. In a
    /// directory (honouring .gitignore): every README.md, every other .md file that mentions a
    /// timeline or a postmortem, and every .json file with "events".
    /// With none, the `paths` of the pmchart.toml found from the current directory.
    #[arg(value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Skip the postmortem template checks (sections, summary contents, word count); the
    /// same as `--template none`.
    #[arg(long)]
    pub no_template: bool,
    /// The template postmortems follow: `auto` (the course template, unless a document follows
    /// the Google SRE book's or GitLab's), `alx`, `google-sre`, `gitlab` or `none`.
    /// [default: `template` in pmchart.toml, else auto]
    #[arg(long, value_parser = super::template_choice(), conflicts_with = "no_template")]
    pub template: Option<Template>,
    /// Pass over files that are not postmortems, even when named: Markdown with no timeline
    /// and JSON with no `events` (always so for files found in a directory or by a glob). For
    /// hooks that are handed every README.md and .json file of a repository.
    #[arg(long)]
    pub only_postmortems: bool,
    /// How diagnostics are printed.
    /// `sarif` writes one SARIF 2.1.0 document for the whole run (GitHub code scanning).
    #[arg(long, value_parser = super::check_format(), default_value = "human")]
    pub format: DiagnosticFormat,
    /// Zone for times that state none (IANA name in any case, UTC, an offset like +01:00, or an abbreviation like WAT).
    #[arg(long, value_parser = super::parse_zone)]
    pub tz: Option<pmchart::Zone>,
    #[command(flatten)]
    pub settings: super::Settings,
    #[command(flatten)]
    pub verbosity: super::Verbosity,
}

/// The outcome for one file: what to print and how bad it is.
#[derive(Debug)]
pub struct FileResult {
    pub path: PathBuf,
    /// The text, for quoting lines; `None` when the file could not be read at all.
    pub source: Option<SourceText>,
    /// Sorted by line; whole-file problems first.
    pub diagnostics: Vec<Diagnostic>,
    pub worst: Option<Severity>,
    /// A Markdown document with no timeline at all: passed over when found by walking.
    pub no_timeline: bool,
    /// Why the file could not be read (missing, permissions): an exit code 2 problem.
    pub io_error: Option<std::io::Error>,
}

impl FileResult {
    /// "cannot read `path`: reason", when the file could not be read.
    pub fn io_message(&self) -> Option<String> {
        self.io_error
            .as_ref()
            .map(|e| format!("cannot read `{}`: {e}", self.path.display()))
    }

    /// 0 clean or warnings only, 1 errors (or warnings when denied), 2 unreadable.
    pub fn exit_code(&self, deny_warnings: bool) -> u8 {
        if self.io_error.is_some() {
            return EXIT_USAGE;
        }
        match self.worst {
            Some(Severity::Error) => EXIT_ERRORS,
            Some(Severity::Warning) if deny_warnings => EXIT_ERRORS,
            _ => EXIT_OK,
        }
    }
}

/// Loads, reads and checks one file. Prints nothing, so that batches can run it in parallel.
pub fn check_one(path: &Path, opts: &pipeline::Options) -> FileResult {
    match pipeline::check_path(path, opts) {
        Ok(c) => FileResult {
            path: path.to_path_buf(),
            worst: c.worst(),
            no_timeline: c.outcome == Outcome::NoTimeline,
            diagnostics: c.diagnostics,
            source: Some(c.source),
            io_error: None,
        },
        Err(u) => FileResult {
            path: path.to_path_buf(),
            source: None,
            diagnostics: Vec::new(),
            worst: Some(Severity::Error),
            no_timeline: false,
            io_error: Some(u.error),
        },
    }
}

pub fn run(args: CheckArgs) -> u8 {
    let (finder, inputs, files) =
        match super::batch_files(&args.inputs, &args.settings, Select::Inputs, None) {
            Ok(found) => found,
            Err(code) => return code,
        };
    let asked = super::Asked {
        tz: args.tz.clone(),
        title: None,
        template: if args.no_template {
            Some(Template::None)
        } else {
            args.template
        },
    };
    // Diagnostics go to standard output, so that is the stream whose terminal decides colour.
    let color = args.settings.color(std::io::stdout().is_terminal());
    // Files named one by one must be postmortems; a README found by walking may be any README.
    let named: HashSet<&PathBuf> = inputs.iter().filter(|p| p.is_file()).collect();
    let opts = BatchOptions {
        // The summary line is for people; machine formats get the findings only.
        summary: (args.format != DiagnosticFormat::Human).then_some(false),
        ..BatchOptions::default()
    };
    let quiet = args.verbosity.quiet || args.format != DiagnosticFormat::Human;
    let per_file = |path: &Path| {
        let config = match super::configured(&finder, path, quiet) {
            Ok(c) => c,
            Err(outcome) => return outcome,
        };
        let may_skip = (args.only_postmortems || !named.contains(&path.to_path_buf()))
            && path.as_os_str() != "-";
        let run = asked.options(config.as_deref());
        outcome(&check_one(path, &run), &args, color, may_skip)
    };
    if args.format != DiagnosticFormat::Sarif {
        return super::run_batch(&files, opts, args.verbosity, per_file);
    }
    // SARIF is one document for the run: the files' results are gathered, then written.
    let mut results = Vec::new();
    let summary = super::batch::run_batch_to(
        &files,
        &args.verbosity.batch(opts),
        false,
        per_file,
        &mut results,
        &mut std::io::stderr(),
    );
    let results = String::from_utf8_lossy(&results)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let log = report::sarif::log(results);
    if let Err(e) = std::io::stdout().lock().write_all(log.as_bytes()) {
        eprintln!("error: cannot write the report to standard output: {e}");
        return EXIT_USAGE;
    }
    summary.exit
}

/// One file's result as the batch prints it: diagnostics on standard output, an I/O problem on
/// standard error; a README found by walking that has no timeline is passed over.
fn outcome(r: &FileResult, args: &CheckArgs, color: bool, may_skip: bool) -> FileOutcome {
    let mut o = FileOutcome::default();
    if let Some(e) = r.io_message() {
        o.say(format!("error: {e}"));
        o.errors += 1;
        o.fail(EXIT_USAGE);
        return o;
    }
    let Some(source) = &r.source else {
        return o;
    };
    if may_skip && r.no_timeline {
        o.skipped = true;
        if args.format == DiagnosticFormat::Human && !args.verbosity.quiet {
            o.say(format!(
                "note: skipped `{}`: no timeline (not a postmortem)",
                r.path.display()
            ));
        }
        return o;
    }
    let _ = report::emit(&r.diagnostics, source, args.format, color, &mut o.stdout);
    for d in &r.diagnostics {
        match d.severity {
            Severity::Error => o.errors += 1,
            Severity::Warning => o.warnings += 1,
            Severity::Note => {}
        }
    }
    o.fail(r.exit_code(args.deny_warnings));
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    const OUT_OF_ORDER: &str = r#"{"events": [
  {"time": "2024-06-05T10:00:00Z", "kind": "detect", "text": "alert"},
  {"time": "2024-06-05T10:30:00Z", "kind": "action", "text": "rollback"},
  {"time": "2024-06-05T10:05:00Z", "kind": "resolve", "text": "recovered"}
]}"#;

    #[test]
    fn reader_and_check_diagnostics_come_together_sorted_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "a.json", OUT_OF_ORDER);
        let r = check_one(&p, &pipeline::Options::default());
        assert_eq!(r.worst, Some(Severity::Error));
        let d = r.diagnostics.iter().find(|d| d.code == "PM101").unwrap();
        assert_eq!(d.line(), Some(4));
        assert_eq!(r.exit_code(false), EXIT_ERRORS);
    }

    #[test]
    fn a_clean_file_exits_0_and_warnings_only_with_deny_warnings_exit_1() {
        let dir = tempfile::tempdir().unwrap();
        let clean = write(
            dir.path(),
            "clean.json",
            r#"{"events": [{"time": "2024-06-05T10:00:00Z", "kind": "detect", "text": "alert"},
                          {"time": "2024-06-05T10:30:00Z", "kind": "resolve", "text": "ok"}]}"#,
        );
        let r = check_one(&clean, &pipeline::Options::default());
        assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
        assert_eq!(r.exit_code(true), EXIT_OK);
        // No resolution: a warning.
        let warn = write(
            dir.path(),
            "warn.json",
            r#"{"events": [{"time": "2024-06-05T10:00:00Z", "kind": "detect", "text": "alert"}]}"#,
        );
        let r = check_one(&warn, &pipeline::Options::default());
        assert_eq!(r.worst, Some(Severity::Warning));
        assert_eq!(r.exit_code(false), EXIT_OK);
        assert_eq!(r.exit_code(true), EXIT_ERRORS);
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_its_path() {
        let r = check_one(
            Path::new("/nonexistent/postmortem.md"),
            &pipeline::Options::default(),
        );
        assert_eq!(r.exit_code(false), EXIT_USAGE);
        assert!(r
            .io_message()
            .unwrap()
            .contains("/nonexistent/postmortem.md"));
    }

    #[test]
    fn invalid_json_and_binary_input_are_errors_with_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "bad.json", "{\n  \"events\": [,]\n}");
        let r = check_one(&p, &pipeline::Options::default());
        assert_eq!(r.diagnostics[0].code, "PM001");
        assert_eq!(r.diagnostics[0].line(), Some(2));
        assert_eq!(r.exit_code(false), EXIT_ERRORS);
        let bin = dir.path().join("x.json");
        std::fs::write(&bin, b"{\0\0\x89PNG").unwrap();
        let r = check_one(&bin, &pipeline::Options::default());
        assert_eq!(r.diagnostics[0].code, "PM003");
    }
}
