//! Many inputs at once: which files the paths, directories and globs a user gives stand for
//! (honouring `.gitignore`, in a stable order, without duplicates). Running the files and
//! printing their output is the command line's business (`src/cli/batch.rs`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

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
    /// A glob pattern that does not parse.
    #[error("invalid pattern `{pattern}`: {error}")]
    Glob {
        /// The pattern as given.
        pattern: String,
        /// Why it does not parse.
        error: globset::Error,
    },
    /// A pattern that matches no file.
    #[error("no files match `{0}`")]
    NoMatch(String),
    /// A directory with nothing pmchart reads in it.
    #[error("no postmortems under `{}` (looked for README.md, .md files that mention a timeline or a postmortem{})", .0.display(), if *.1 == Select::Inputs { ", and incident .json files" } else { "" })]
    EmptyDirectory(PathBuf, Select),
    /// A directory that could not be read while walking (reported in its place).
    #[error("cannot read `{}`: {error}", path.display())]
    Walk {
        /// The directory.
        path: PathBuf,
        /// Why it could not be read.
        error: ignore::Error,
    },
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
}
