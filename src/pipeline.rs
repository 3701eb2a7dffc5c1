//! The pipeline every command runs, as two calls: [`check_path`] (or [`check_source`]) reads one
//! input into a checked incident — its text, the incident, the reader's and the checks'
//! diagnostics sorted once, and what became of it — and [`draw`] renders a checked incident.
//! `check`, `render`, `embed`, the batch runner, the benches and the fuzz targets all go through
//! them, so each command differs only in what it does with the result.

use crate::diagnostics::{Diagnostic, Severity};
use crate::input::{self, FailureReason, LoadError, ReadOptions, SourceText};
use crate::model::Incident;
use crate::render::{self, RenderError, RenderOptions};
use crate::validate::{self, CheckOptions};
use std::path::{Path, PathBuf};

/// How to read and check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How to read (zone, title).
    pub read: ReadOptions,
    /// Which checks to run.
    pub checks: CheckOptions,
    /// Codes dropped or reported at another severity (`allow`/`warn`/`deny` in pmchart.toml).
    pub levels: crate::config::Levels,
}

/// What became of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An incident was read; it may still have errors (see the diagnostics).
    Read,
    /// A Markdown document with no timeline at all (PM010): likely not a postmortem, which a
    /// command walking a directory passes over.
    NoTimeline,
    /// The input is not an incident pmchart can read (bad JSON, binary, no timed entry).
    Failed,
}

/// One input, read and checked.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The text, for diagnostics that quote it.
    pub source: SourceText,
    /// The incident, when one was read.
    pub incident: Option<Incident>,
    /// The reader's and the checks' diagnostics, by position, whole-file problems first.
    pub diagnostics: Vec<Diagnostic>,
    /// What became of it.
    pub outcome: Outcome,
}

impl Checked {
    /// The most severe diagnostic's severity.
    pub fn worst(&self) -> Option<Severity> {
        crate::diagnostics::worst(&self.diagnostics)
    }

    /// How many diagnostics are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// An input that could not be read at all (missing, permissions): nothing to quote.
#[derive(Debug, thiserror::Error)]
#[error("cannot read `{}`: {error}", path.display())]
pub struct Unreadable {
    /// The path given.
    pub path: PathBuf,
    /// Why it could not be read.
    pub error: std::io::Error,
}

/// Loads `path` (`-` for standard input) and checks it. Fails only when nothing could be read;
/// a file that is not text pmchart can use is a [`Checked`] with its diagnostic.
pub fn check_path(path: &Path, opts: &Options) -> Result<Checked, Unreadable> {
    match input::load(path) {
        Ok(source) => Ok(check_source(source, opts)),
        Err(LoadError::Io { path, error }) => Err(Unreadable { path, error }),
        Err(LoadError::Invalid { source, diagnostic }) => Ok(Checked {
            source,
            incident: None,
            diagnostics: vec![diagnostic],
            outcome: Outcome::Failed,
        }),
    }
}

/// Reads and checks text already in memory.
pub fn check_source(source: SourceText, opts: &Options) -> Checked {
    let read = input::read_text(
        &source.text,
        source.format,
        source.path.as_deref(),
        &opts.read,
    );
    let (incident, mut diagnostics, outcome) = match read {
        Ok(parsed) => {
            let mut d = parsed.diagnostics;
            d.extend(validate::check(&parsed.incident, &opts.checks));
            (Some(parsed.incident), d, Outcome::Read)
        }
        Err(f) => {
            let outcome = match f.reason {
                FailureReason::NoTimeline => Outcome::NoTimeline,
                FailureReason::Invalid => Outcome::Failed,
            };
            (None, f.diagnostics, outcome)
        }
    };
    // The file's own `pmchart-disable` comments, then the configuration's levels.
    if let Some(doc) = incident.as_ref().and_then(|i| i.document.as_ref()) {
        if !doc.disabled.is_empty() {
            diagnostics.retain(|d| !doc.disabled.iter().any(|c| d.code == c.as_str()));
        }
    }
    opts.levels.apply(&mut diagnostics);
    validate::sort_by_position(&mut diagnostics);
    Checked {
        source,
        incident,
        diagnostics,
        outcome,
    }
}

/// A chart in the format asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    /// SVG text.
    Svg,
    /// PNG bytes.
    Png,
}

/// Lays out and draws an incident: SVG text or PNG bytes (the PNG refused past the pixel
/// budget before anything is allocated).
pub fn draw(
    incident: &Incident,
    format: ChartFormat,
    opts: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    let scene = render::layout(incident, opts);
    draw_scene(&scene, format, opts)
}

/// [`draw`] for a scene already laid out (`render --dump-layout` keeps it).
pub fn draw_scene(
    scene: &crate::layout::Scene,
    format: ChartFormat,
    opts: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    match format {
        ChartFormat::Svg => Ok(crate::draw::svg(scene, opts.theme, opts.keep_text).into_bytes()),
        ChartFormat::Png => render::png_of_scene(scene, opts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str, format: crate::model::InputFormat) -> SourceText {
        SourceText {
            path: None,
            text: text.into(),
            format,
        }
    }

    #[test]
    fn a_readme_without_a_timeline_says_so_without_a_code_match() {
        let c = check_source(
            source(
                "# Project\n\nSome text.\n",
                crate::model::InputFormat::Markdown,
            ),
            &Options::default(),
        );
        assert_eq!(c.outcome, Outcome::NoTimeline);
        assert!(c.incident.is_none());
        let c = check_source(
            source(
                "## Timeline\n\nTo be written.\n",
                crate::model::InputFormat::Markdown,
            ),
            &Options::default(),
        );
        assert_eq!(c.outcome, Outcome::Failed);
    }

    #[test]
    fn reader_and_check_diagnostics_come_sorted_by_position() {
        let json = r#"{"events": [
  {"time": "2024-06-05T10:00:00Z", "kind": "detect", "text": "alert"},
  {"time": "2024-06-05T10:30:00Z", "kind": "action", "text": "rollback"},
  {"time": "2024-06-05T10:05:00Z", "kind": "resolve", "text": "recovered"}
]}"#;
        let c = check_source(
            source(json, crate::model::InputFormat::Json),
            &Options::default(),
        );
        assert_eq!(c.outcome, Outcome::Read);
        let lines: Vec<Option<usize>> = c.diagnostics.iter().map(|d| d.line()).collect();
        let mut sorted = lines.clone();
        sorted.sort_by_key(|l| l.unwrap_or(0));
        assert_eq!(lines, sorted);
        assert!(c.diagnostics.iter().any(|d| d.code == "PM101"));
        assert_eq!(c.worst(), Some(Severity::Error));
        let png = draw(
            c.incident.as_ref().unwrap(),
            ChartFormat::Png,
            &RenderOptions::default(),
        )
        .unwrap();
        assert_eq!(&png[..4], b"\x89PNG");
    }
}
