//! `pmchart.toml`: a repository's settings, found by walking up from each file checked (or
//! named with `--config`).
//!
//! ```toml
//! template = "google-sre"   # auto | alx | google-sre | gitlab | none
//! timezone = "Europe/Berlin" # for times that state no zone
//! allow = ["PM607"]         # never reported
//! warn = ["PM601"]          # reported as warnings
//! deny = ["PM303"]          # reported as errors
//! paths = ["postmortems"]   # what `pmchart check` with no path looks at
//! exclude = ["postmortems/drafts/**"]
//! ```
//!
//! Precedence, most local first: a `<!-- pmchart-disable PM607 -->` comment in the Markdown
//! (the file's own say), then the command line (`--template`, `--tz`), then the nearest
//! `pmchart.toml`, then the defaults. Files are not merged: the nearest one is the whole
//! configuration, as with rustfmt.toml.

use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Zone;
use crate::validate::Template;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file's name.
pub const FILE_NAME: &str = "pmchart.toml";

/// What `pmchart.toml` says.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The template postmortems follow.
    #[serde(default)]
    pub template: Option<Template>,
    /// The zone of times that state none (as `--tz` takes it).
    #[serde(default)]
    pub timezone: Option<String>,
    /// Codes never reported.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Codes reported as warnings.
    #[serde(default)]
    pub warn: Vec<String>,
    /// Codes reported as errors.
    #[serde(default)]
    pub deny: Vec<String>,
    /// What `pmchart check` and `pmchart embed` look at when given no path, relative to the
    /// file's directory.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Globs (relative to the file's directory) of files to pass over, found by walking or
    /// named.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// A `pmchart.toml` read and checked: where it is, what it says, its zone and levels resolved.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The file.
    pub path: PathBuf,
    /// What it says.
    pub config: Config,
    /// `timezone`, resolved.
    pub zone: Option<Zone>,
    /// `allow`/`warn`/`deny`, resolved.
    pub levels: Levels,
    /// `exclude`, compiled against the file's directory.
    exclude: globset::GlobSet,
}

/// What a configuration does to a code's diagnostics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Levels {
    changes: Vec<(Code, Level)>,
}

/// One code's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error.
    Deny,
}

impl Levels {
    /// The level set for `code`, if any.
    pub fn of(&self, code: Code) -> Option<Level> {
        self.changes
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, l)| *l)
    }

    /// Applies the levels to `diags`: allowed ones dropped, the others' severity set.
    pub fn apply(&self, diags: &mut Vec<Diagnostic>) {
        if self.changes.is_empty() {
            return;
        }
        diags.retain_mut(|d| match self.of(d.code) {
            Some(Level::Allow) => false,
            Some(Level::Warn) => {
                d.severity = Severity::Warning;
                true
            }
            Some(Level::Deny) => {
                d.severity = Severity::Error;
                true
            }
            None => true,
        });
    }
}

/// A `pmchart.toml` that cannot be used: the message names the file, the line and what to do.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read `{}`: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// Not TOML, or not the settings pmchart knows.
    #[error("`{}`{}: {message}", path.display(), line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong and what to do.
        message: String,
    },
}

impl Loaded {
    /// Reads and checks the file at `path`.
    pub fn read(path: &Path) -> Result<Loaded, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        Loaded::parse(path, &text)
    }

    /// Checks `text`, the contents of `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Loaded, ConfigError> {
        let invalid = |line: Option<usize>, message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            message,
        };
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let config: Config = toml::from_str(text).map_err(|e| {
            invalid(
                e.span().map(|s| line_of(s.start)),
                format!(
                    "{} (the settings are described in the README, \"Configure\")",
                    e.message().trim_end()
                ),
            )
        })?;
        // Where a setting is written, for messages about its value.
        let line_with = |needle: &str| text.find(needle).map(line_of);
        let zone = match &config.timezone {
            None => None,
            Some(name) => Some(
                crate::input::zones::zone_named(name)
                    .map_err(|e| invalid(line_with("timezone"), format!("`timezone`: {e}")))?,
            ),
        };
        let mut changes: Vec<(Code, Level)> = Vec::new();
        for (list, level) in [
            (&config.allow, Level::Allow),
            (&config.warn, Level::Warn),
            (&config.deny, Level::Deny),
        ] {
            for id in list {
                let code = Code::from_id(id.trim()).ok_or_else(|| {
                    invalid(
                        line_with(id),
                        format!(
                            "`{id}` is not a pmchart code; the codes are listed in the README \
                             (\"The checks\") and by `pmchart explain`"
                        ),
                    )
                })?;
                if let Some((_, other)) = changes.iter().find(|(c, _)| *c == code) {
                    return Err(invalid(
                        line_with(id),
                        format!(
                            "`{id}` is in both `{}` and `{}`; keep it in one",
                            level_name(*other),
                            level_name(level)
                        ),
                    ));
                }
                changes.push((code, level));
            }
        }
        let mut exclude = globset::GlobSetBuilder::new();
        for pattern in &config.exclude {
            let glob = globset::GlobBuilder::new(pattern.trim_start_matches("./"))
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    invalid(
                        line_with(pattern),
                        format!("`exclude`: `{pattern}` is not a glob: {}", e.kind()),
                    )
                })?;
            exclude.add(glob);
        }
        let exclude = exclude.build().map_err(|e| invalid(None, e.to_string()))?;
        Ok(Loaded {
            path: path.to_path_buf(),
            config,
            zone,
            levels: Levels { changes },
            exclude,
        })
    }

    /// The nearest `pmchart.toml` in `dir` or a directory above it.
    pub fn discover(dir: &Path) -> Result<Option<Loaded>, ConfigError> {
        let start = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
        for d in start.ancestors() {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                // Named as the user would: relative to the current directory when under it.
                let shown = std::env::current_dir()
                    .ok()
                    .and_then(|cwd| candidate.strip_prefix(cwd).ok().map(Path::to_path_buf))
                    .unwrap_or(candidate);
                return Loaded::read(&shown).map(Some);
            }
        }
        Ok(None)
    }

    /// Whether `path` is excluded by `exclude` (whose globs are relative to this file's
    /// directory).
    pub fn excludes(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let absolute = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let base = match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => absolute(p),
            _ => absolute(Path::new(".")),
        };
        match absolute(path).strip_prefix(&base) {
            Ok(rel) => self.exclude.is_match(rel),
            Err(_) => false,
        }
    }

    /// `paths`, relative to the file's directory.
    pub fn paths(&self) -> Vec<PathBuf> {
        let base = self.path.parent().unwrap_or(Path::new("."));
        self.config.paths.iter().map(|p| base.join(p)).collect()
    }
}

/// A directory's configuration, or why it cannot be used (the message to print).
type Found = Result<Option<std::sync::Arc<Loaded>>, String>;

/// Finds each file's configuration: the one named (`--config`), or the nearest `pmchart.toml`
/// above the file, each directory looked up once.
#[derive(Debug, Default)]
pub struct Finder {
    explicit: Option<std::sync::Arc<Loaded>>,
    by_dir: std::sync::Mutex<std::collections::HashMap<PathBuf, Found>>,
}

impl Finder {
    /// A finder that uses `explicit` for every file when given (read now), else discovers.
    pub fn new(explicit: Option<&Path>) -> Result<Finder, ConfigError> {
        Ok(Finder {
            explicit: explicit
                .map(Loaded::read)
                .transpose()?
                .map(std::sync::Arc::new),
            by_dir: Default::default(),
        })
    }

    /// The configuration for `file` (`-`, standard input, looks from the current directory).
    /// The error is the message to print: the configuration file, its line and what to do.
    pub fn for_file(&self, file: &Path) -> Found {
        if let Some(l) = &self.explicit {
            return Ok(Some(l.clone()));
        }
        let dir = match file.parent() {
            Some(p) if file.as_os_str() != "-" => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut cache = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(dir.clone())
            .or_insert_with(|| {
                Loaded::discover(&dir)
                    .map(|l| l.map(std::sync::Arc::new))
                    .map_err(|e| e.to_string())
            })
            .clone()
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Allow => "allow",
        Level::Warn => "warn",
        Level::Deny => "deny",
    }
}

/// The codes a `<!-- pmchart-disable PM607 PM601 -->` comment names, if `html` is one.
pub fn disable_directive(html: &str) -> Option<Vec<String>> {
    let inner = html.trim().strip_prefix("<!--")?;
    let inner = inner.split("-->").next()?.trim();
    let rest = inner.strip_prefix("pmchart-disable")?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some(
        rest.split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_uppercase())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Loaded, ConfigError> {
        Loaded::parse(Path::new("repo/pmchart.toml"), text)
    }

    #[test]
    fn every_setting_is_read() {
        let l = parse(
            "template = \"google-sre\"\ntimezone = \"Europe/Berlin\"\nallow = [\"PM607\"]\n\
             warn = [\"PM601\"]\ndeny = [\"PM303\"]\npaths = [\"postmortems\"]\n\
             exclude = [\"postmortems/drafts/**\"]\n",
        )
        .unwrap();
        assert_eq!(l.config.template, Some(Template::GoogleSre));
        assert_eq!(l.zone, crate::model::Zone::parse("Europe/Berlin"));
        assert_eq!(l.levels.of(Code::WordCount), Some(Level::Allow));
        assert_eq!(l.levels.of(Code::MissingSection), Some(Level::Warn));
        assert_eq!(
            l.levels.of(Code::from_id("PM303").unwrap()),
            Some(Level::Deny)
        );
        assert_eq!(l.paths(), vec![PathBuf::from("repo/postmortems")]);
    }

    #[test]
    fn mistakes_name_the_line_and_what_to_do() {
        let e = parse("template = \"alx\"\ntemplte = \"gitlab\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("`repo/pmchart.toml` line 2: unknown field `templte`"),
            "{e}"
        );
        assert!(e.contains("expected one of `template`, `timezone`"), "{e}");
        let e = parse("template = \"sre\"\n").unwrap_err().to_string();
        assert!(e.contains("line 1") && e.contains("google-sre"), "{e}");
        let e = parse("\n\nallow = [\"PM999\"]\n").unwrap_err().to_string();
        assert!(e.contains("line 3: `PM999` is not a pmchart code"), "{e}");
        let e = parse("allow = [\"PM607\"]\ndeny = [\"PM607\"]\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("in both `allow` and `deny`"), "{e}");
        let e = parse("timezone = \"Mars/Olympus\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1: `timezone`:"), "{e}");
    }

    #[test]
    fn levels_drop_or_change_severity() {
        let l = parse("allow = [\"PM607\"]\ndeny = [\"PM601\"]\n").unwrap();
        let mut diags = vec![
            Diagnostic::new(Code::WordCount, "long"),
            Diagnostic::new(Code::MissingSection, "no section"),
            Diagnostic::new(Code::MeasuresNotAList, "not a list"),
        ];
        l.levels.apply(&mut diags);
        let got: Vec<_> = diags.iter().map(|d| (d.code.id(), d.severity)).collect();
        assert_eq!(
            got,
            vec![
                ("PM601", Severity::Error),
                ("PM606", Code::MeasuresNotAList.severity())
            ]
        );
    }

    #[test]
    fn the_nearest_file_is_found_walking_up() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        assert!(Loaded::discover(&deep).unwrap().is_none());
        std::fs::write(dir.path().join("pmchart.toml"), "template = \"none\"\n").unwrap();
        std::fs::write(dir.path().join("a/pmchart.toml"), "template = \"gitlab\"\n").unwrap();
        let found = Loaded::discover(&deep).unwrap().unwrap();
        assert_eq!(found.config.template, Some(Template::Gitlab));
        assert!(found.path.ends_with("a/pmchart.toml"));
        let top = Loaded::discover(dir.path()).unwrap().unwrap();
        assert_eq!(top.config.template, Some(Template::None));
    }

    #[test]
    fn exclude_globs_are_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pm/drafts")).unwrap();
        let cfg = dir.path().join("pmchart.toml");
        std::fs::write(&cfg, "exclude = [\"pm/drafts/**\"]\n").unwrap();
        let l = Loaded::read(&cfg).unwrap();
        assert!(l.excludes(&dir.path().join("pm/drafts/README.md")));
        assert!(!l.excludes(&dir.path().join("pm/README.md")));
    }

    #[test]
    fn disable_comments_name_codes() {
        assert_eq!(
            disable_directive("<!-- pmchart-disable PM607, pm601 -->"),
            Some(vec!["PM607".to_string(), "PM601".to_string()])
        );
        assert_eq!(disable_directive("<!-- pmchart-disabled PM607 -->"), None);
        assert_eq!(disable_directive("<!-- a comment -->"), None);
        assert_eq!(disable_directive("<div>"), None);
    }
}
