//! Running a batch: each file handled in parallel by a function that returns a [`FileOutcome`]
//! (exit code, counts, and the text it would have printed); the buffers are printed in input
//! order, so parallel workers never interleave, then a summary line. `render`, `check` and
//! `embed` share this.

use super::{EXIT_OK, EXIT_USAGE};
use pmchart::diagnostics::{Diagnostic, Severity};
use pmchart::input::SourceText;
use pmchart::report::{self, DiagnosticFormat};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What processing one file produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileOutcome {
    /// 0 clean or warnings only, 1 errors in the input (or stale with `--check`), 2 I/O errors.
    pub exit: u8,
    /// Printed to standard output, in input order.
    pub stdout: Vec<u8>,
    /// Printed to standard error, in input order: diagnostics and messages.
    pub stderr: Vec<u8>,
    pub charts_written: usize,
    pub warnings: usize,
    pub errors: usize,
    /// The file was passed over (not a postmortem); counted apart in the summary.
    pub skipped: bool,
}

impl FileOutcome {
    /// Prints `diags` about `source` into this outcome's standard error and counts them.
    pub fn emit(
        &mut self,
        diags: &[Diagnostic],
        source: &SourceText,
        format: DiagnosticFormat,
        color: bool,
    ) {
        let _ = report::emit(diags, source, format, color, &mut self.stderr);
        for d in diags {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => {}
            }
        }
    }

    /// Raises the exit code to `code` if it is worse.
    pub fn fail(&mut self, code: u8) {
        self.exit = self.exit.max(code);
    }

    /// Loads and checks `path`; a file that cannot be read at all is reported here (exit 2).
    pub fn checked(
        &mut self,
        path: &Path,
        opts: &pmchart::pipeline::Options,
    ) -> Option<pmchart::pipeline::Checked> {
        match pmchart::pipeline::check_path(path, opts) {
            Ok(c) => Some(c),
            Err(u) => {
                self.say(format!("error: {u}"));
                self.errors += 1;
                self.fail(EXIT_USAGE);
                None
            }
        }
    }

    /// Adds a line to standard error.
    pub fn say(&mut self, line: impl AsRef<str>) {
        self.stderr.extend_from_slice(line.as_ref().as_bytes());
        self.stderr.push(b'\n');
    }
}

/// The run as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchSummary {
    pub files: usize,
    /// Files passed over as not postmortems.
    pub skipped: usize,
    /// Files whose exit code was not 0.
    pub failed: usize,
    pub charts_written: usize,
    pub warnings: usize,
    pub errors: usize,
    pub elapsed: Duration,
    /// The worst exit code of any file.
    pub exit: u8,
}

impl std::fmt::Display for BatchSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(f, "{}", plural(self.files, "file", "files"))?;
        if self.skipped > 0 {
            write!(f, " ({} skipped)", self.skipped)?;
        }
        // Checking writes no charts: say so only when some were written.
        if self.charts_written > 0 {
            write!(
                f,
                ", {} written",
                plural(self.charts_written, "chart", "charts")
            )?;
        }
        write!(
            f,
            ", {}, {}",
            plural(self.warnings, "warning", "warnings"),
            plural(self.errors, "error", "errors"),
        )?;
        if self.failed > 0 {
            write!(f, " ({} failed)", plural(self.failed, "file", "files"))?;
        }
        write!(f, " in {:.2} s", self.elapsed.as_secs_f64())
    }
}

/// How the batch reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchOptions {
    /// Print the summary line: `None` = when there is more than one file.
    pub summary: Option<bool>,
    /// Show a progress bar on a terminal when there are at least this many files.
    pub progress_from: usize,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            summary: None,
            progress_from: 20,
        }
    }
}

/// Runs `per_file` on every input in parallel and writes each file's output to `out` and `err`; `progress`: whether `err` is a terminal.
pub fn run_batch_to<F>(
    inputs: &[PathBuf],
    opts: &BatchOptions,
    progress: bool,
    per_file: F,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> BatchSummary
where
    F: Fn(&Path) -> FileOutcome + Sync,
{
    let started = Instant::now();
    let bar = if progress && inputs.len() >= opts.progress_from {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:30} {pos}/{len} files {elapsed} (ETA {eta})",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut summary = BatchSummary {
        files: inputs.len(),
        ..BatchSummary::default()
    };
    // The first failure to write the report (a full disk, a closed pipe): the diagnostics are
    // lost, which must not pass for a clean run.
    let mut write_error: Option<std::io::Error> = None;
    let mut record = |o: FileOutcome| {
        bar.suspend(|| {
            if let Err(e) = out.write_all(&o.stdout) {
                write_error.get_or_insert(e);
            }
            let _ = err.write_all(&o.stderr);
        });
        summary.charts_written += o.charts_written;
        summary.warnings += o.warnings;
        summary.errors += o.errors;
        summary.failed += usize::from(o.exit != EXIT_OK);
        summary.skipped += usize::from(o.skipped);
        summary.exit = summary.exit.max(o.exit);
    };
    if let [only] = inputs {
        // One file (the common `render README.md`): no thread pool to start, about a third of
        // the process's time for one small chart.
        record(run_one(only, &per_file));
        bar.inc(1);
    } else {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, FileOutcome)>();
        std::thread::scope(|scope| {
            let per_file = &per_file;
            scope.spawn(move || {
                inputs
                    .par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (i, path)| {
                        let _ = tx.send((i, run_one(path, per_file)));
                    });
            });
            // Print as soon as the next file in input order is done; hold later ones until then.
            let mut waiting: BTreeMap<usize, FileOutcome> = BTreeMap::new();
            let mut next = 0;
            for (i, outcome) in rx {
                waiting.insert(i, outcome);
                bar.inc(1);
                while let Some(o) = waiting.remove(&next) {
                    record(o);
                    next += 1;
                }
            }
        });
    }
    bar.finish_and_clear();
    if let Err(e) = out.flush() {
        write_error.get_or_insert(e);
    }
    if let Some(e) = write_error {
        let _ = writeln!(
            err,
            "error: cannot write the report to standard output: {e}"
        );
        summary.exit = summary.exit.max(EXIT_USAGE);
    }
    summary.elapsed = started.elapsed();
    if opts.summary.unwrap_or(inputs.len() > 1) {
        let _ = writeln!(err, "{summary}");
    }
    let _ = err.flush();
    summary
}

/// One file; a panic in it is reported as that file's failure, and the others carry on.
fn run_one<F>(path: &Path, per_file: &F) -> FileOutcome
where
    F: Fn(&Path) -> FileOutcome + Sync,
{
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| per_file(path))) {
        Ok(o) => o,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let mut o = FileOutcome::default();
            o.say(format!(
                "error: internal error in pmchart while processing `{}`: {what} (please report it)",
                path.display()
            ));
            o.errors = 1;
            o.fail(EXIT_USAGE);
            o
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::EXIT_ERRORS;

    #[test]
    fn output_comes_in_input_order_and_the_worst_exit_wins() {
        let inputs: Vec<PathBuf> = (0..40).map(|i| PathBuf::from(format!("f{i:02}"))).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let summary = run_batch_to(
            &inputs,
            &BatchOptions::default(),
            false,
            |p| {
                let n: u64 = p.to_string_lossy()[1..].parse().unwrap();
                // Later files finish first.
                std::thread::sleep(Duration::from_millis(40 - n));
                let mut o = FileOutcome {
                    stdout: format!("{}\n", p.display()).into_bytes(),
                    charts_written: 1,
                    ..FileOutcome::default()
                };
                if n == 7 {
                    o.say("error: f07 is broken");
                    o.errors = 1;
                    o.fail(EXIT_ERRORS);
                }
                if n == 9 {
                    panic!("boom");
                }
                o
            },
            &mut out,
            &mut err,
        );
        let expected: String = inputs
            .iter()
            .map(|p| format!("{}\n", p.display()))
            .collect::<String>()
            .replace("f09\n", "");
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        let err = String::from_utf8(err).unwrap();
        assert!(
            err.starts_with("error: f07 is broken\nerror: internal error"),
            "{err}"
        );
        assert!(
            err.contains("40 files, 39 charts written, 0 warnings, 2 errors (2 files failed) in "),
            "{err}"
        );
        assert_eq!(summary.exit, EXIT_USAGE);
        assert_eq!(summary.failed, 2);
    }

    #[test]
    fn the_summary_line_reads_well() {
        let mut s = BatchSummary {
            files: 3,
            skipped: 1,
            warnings: 1,
            elapsed: Duration::from_millis(1234),
            ..BatchSummary::default()
        };
        assert_eq!(
            s.to_string(),
            "3 files (1 skipped), 1 warning, 0 errors in 1.23 s"
        );
        s.charts_written = 4;
        s.failed = 1;
        s.errors = 2;
        assert_eq!(
            s.to_string(),
            "3 files (1 skipped), 4 charts written, 1 warning, 2 errors (1 file failed) in 1.23 s"
        );
    }

    #[test]
    fn one_file_prints_no_summary() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let s = run_batch_to(
            &[PathBuf::from("x")],
            &BatchOptions::default(),
            false,
            |_| FileOutcome::default(),
            &mut out,
            &mut err,
        );
        assert!(err.is_empty());
        assert_eq!(s.exit, EXIT_OK);
    }
}
