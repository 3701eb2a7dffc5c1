//! Many inputs at once: expanding paths, directories and globs into files, processing them in
//! parallel, and printing each file's output in input order with a summary at the end.
//!
//! `render`, `check` and `embed` share this. A subcommand gives [`run_batch`] a function that
//! handles one file and returns a [`FileOutcome`] (exit code, counts, and the text it would have
//! printed); the batch prints those buffers in input order, so parallel workers never interleave.

use crate::diagnostics::{Diagnostic, Severity};
use crate::input::SourceText;
use crate::report::{self, DiagnosticFormat};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Exit codes, as the CLI uses them: the worst one wins.
pub const EXIT_OK: u8 = 0;
pub const EXIT_ERRORS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Which files a directory stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Select {
    /// Markdown postmortems and JSON incidents (`render`, `check`).
    Inputs,
    /// Markdown only (`embed`: a JSON file has nowhere to put a chart).
    Readmes,
}

/// Why the paths given could not be expanded.
#[derive(Debug, thiserror::Error)]
pub enum ExpandError {
    #[error("invalid pattern `{pattern}`: {error}")]
    Glob {
        pattern: String,
        error: globset::Error,
    },
    #[error("no files match `{0}`")]
    NoMatch(String),
    #[error("no postmortems under `{}` (looked for README.md, .md files that mention a timeline or a postmortem{})", .0.display(), if *.1 == Select::Inputs { ", and incident .json files" } else { "" })]
    EmptyDirectory(PathBuf, Select),
    #[error("cannot read `{}`: {error}", path.display())]
    Walk { path: PathBuf, error: ignore::Error },
}

/// Expands `args` into files: a file stays as given (even a missing one: reading it reports the
/// error), a directory becomes the postmortems under it, a pattern with `*`, `?`, `[` or `{` is a
/// glob. Directories and globs honour `.gitignore` (and `.ignore`) and skip hidden files. Each
/// argument's files are sorted; duplicates are dropped, keeping the first.
pub fn expand(args: &[PathBuf], select: Select) -> Result<Vec<PathBuf>, ExpandError> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for arg in args {
        let files = if arg.as_os_str() == "-" || arg.is_file() {
            vec![arg.clone()]
        } else if arg.is_dir() {
            let files = walk(arg, |p| is_postmortem(p, select))?;
            if files.is_empty() {
                return Err(ExpandError::EmptyDirectory(arg.clone(), select));
            }
            files
        } else if is_glob(arg) {
            let files = glob(arg)?;
            if files.is_empty() {
                return Err(ExpandError::NoMatch(arg.display().to_string()));
            }
            files
        } else {
            vec![arg.clone()]
        };
        for f in files {
            if seen.insert(f.clone()) {
                out.push(f);
            }
        }
    }
    Ok(out)
}

fn is_glob(p: &Path) -> bool {
    p.to_string_lossy().contains(['*', '?', '[', '{'])
}

/// Files under `root` that `keep` accepts, sorted.
fn walk(root: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>, ExpandError> {
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        // .gitignore applies outside git checkouts too: a copied tree behaves the same.
        .require_git(false)
        .follow_links(false)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            // An unreadable directory is one bad input among the others: it is kept, so that
            // reading it reports the error in its place, and the walk goes on.
            Err(error) => {
                files.push(clean(
                    &error_path(&error).unwrap_or_else(|| root.to_path_buf()),
                ));
                continue;
            }
        };
        if entry.file_type().is_some_and(|t| t.is_file()) && keep(entry.path()) {
            files.push(clean(entry.path()));
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// The path a walk error is about.
fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.first().and_then(error_path),
        _ => None,
    }
}

/// `./a/b` → `a/b`, as people write paths.
fn clean(p: &Path) -> PathBuf {
    p.strip_prefix(".")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}

/// Files matching the glob `pattern` (`**` crosses directories, `*` does not).
fn glob(pattern: &Path) -> Result<Vec<PathBuf>, ExpandError> {
    let text = pattern.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text).to_string();
    let matcher = globset::GlobBuilder::new(&text)
        .literal_separator(true)
        .build()
        .map_err(|error| ExpandError::Glob {
            pattern: text.clone(),
            error,
        })?
        .compile_matcher();
    // Walk from the longest directory prefix without pattern characters.
    let mut base = PathBuf::new();
    for c in Path::new(&text).components() {
        if is_glob(Path::new(c.as_os_str())) {
            break;
        }
        base.push(c);
    }
    if base.as_os_str() == text.as_str() {
        return Ok(Vec::new());
    }
    let root = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    };
    if !root.is_dir() {
        return Ok(Vec::new());
    }
    walk(&root, |p| matcher.is_match(clean(p)))
}

/// Whether a file found in a directory is a postmortem: a `README.md`; another Markdown file
/// (`2024-06-05-checkout.md`) whose first 64 KB speak of a timeline or a postmortem, so that a
/// CHANGELOG.md or CONTRIBUTING.md is left alone; or (for `Inputs`) a JSON file that holds
/// `"events"`, so that `package.json` and editor settings are left alone.
fn is_postmortem(path: &Path, select: Select) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.eq_ignore_ascii_case("README.md") {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    let head = || {
        let mut head = Vec::with_capacity(64 * 1024);
        std::fs::File::open(path)
            .and_then(|f| {
                std::io::Read::read_to_end(&mut std::io::Read::take(f, 64 * 1024), &mut head)
            })
            .ok()
            .map(|_| String::from_utf8_lossy(&head).to_lowercase())
    };
    if lower.ends_with(".md") {
        return head().is_some_and(|h| {
            ["timeline", "postmortem", "post-mortem", "post mortem"]
                .iter()
                .any(|w| h.contains(w))
        });
    }
    select == Select::Inputs
        && lower.ends_with(".json")
        && head().is_some_and(|h| h.contains("\"events\""))
}

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

/// Runs `per_file` on every input in parallel, prints each file's output to standard output and
/// error in input order, then the summary on standard error (when there is more than one file).
/// The exit code to return is `summary.exit`.
pub fn run_batch<F>(inputs: &[PathBuf], per_file: F) -> BatchSummary
where
    F: Fn(&Path) -> FileOutcome + Sync,
{
    let progress = std::io::stderr().is_terminal();
    run_batch_to(
        inputs,
        &BatchOptions::default(),
        progress,
        per_file,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    )
}

/// [`run_batch`] writing to `out` and `err`; `progress`: whether `err` is a terminal.
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
                next += 1;
            }
        }
    });
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
    #[test]
    fn a_walk_error_names_its_path_to_be_reported_in_place() {
        let e = ignore::Error::WithDepth {
            depth: 2,
            err: Box::new(ignore::Error::WithPath {
                path: PathBuf::from("pm/locked"),
                err: Box::new(ignore::Error::Io(std::io::Error::other(
                    "permission denied",
                ))),
            }),
        };
        assert_eq!(error_path(&e), Some(PathBuf::from("pm/locked")));
    }

    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (p, text) in [
            ("b/README.md", "# B"),
            ("a/README.md", "# A"),
            ("a/incident.json", "{\"events\": []}"),
            ("a/package.json", "{\"name\": \"x\"}"),
            ("a/notes.md", "# notes"),
            ("target/README.md", "# build output"),
            (".hidden/README.md", "# hidden"),
            ("node_modules/x/README.md", "# dep"),
            (".gitignore", "target/\nnode_modules/\n"),
        ] {
            let path = root.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn rel(dir: &Path, files: Vec<PathBuf>) -> Vec<String> {
        files
            .iter()
            .map(|f| {
                f.strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn a_directory_expands_to_readmes_and_incidents_sorted_honouring_gitignore() {
        let dir = tree();
        let files = expand(&[dir.path().to_path_buf()], Select::Inputs).unwrap();
        assert_eq!(
            rel(dir.path(), files),
            ["a/README.md", "a/incident.json", "b/README.md"]
        );
        let files = expand(&[dir.path().to_path_buf()], Select::Readmes).unwrap();
        assert_eq!(rel(dir.path(), files), ["a/README.md", "b/README.md"]);
    }

    #[test]
    fn globs_expand_and_files_stay_as_given_without_duplicates() {
        let dir = tree();
        let pattern = dir.path().join("**/README.md");
        let explicit = dir.path().join("b/README.md");
        let files = expand(&[explicit, pattern], Select::Inputs).unwrap();
        assert_eq!(rel(dir.path(), files), ["b/README.md", "a/README.md"]);
        let star = dir.path().join("*/notes.md");
        assert_eq!(
            rel(dir.path(), expand(&[star], Select::Inputs).unwrap()),
            ["a/notes.md"]
        );
    }

    #[test]
    fn empty_expansions_and_bad_patterns_are_errors() {
        let dir = tree();
        let e = expand(&[dir.path().join("**/*.txt")], Select::Inputs).unwrap_err();
        assert!(e.to_string().contains("no files match"), "{e}");
        let e = expand(&[dir.path().join("a[")], Select::Inputs).unwrap_err();
        assert!(e.to_string().contains("invalid pattern"), "{e}");
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let e = expand(&[empty], Select::Readmes).unwrap_err();
        assert!(e.to_string().contains("no postmortems"), "{e}");
        // A missing plain path is kept: reading it reports the error with the others.
        let missing = dir.path().join("missing.md");
        assert_eq!(
            expand(std::slice::from_ref(&missing), Select::Inputs).unwrap(),
            [missing]
        );
    }

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
