//! Finding the `<!-- pmchart:begin -->` / `<!-- pmchart:end -->` pair in a README.
//!
//! Markers count only on a line of their own and outside code (a README that documents pmchart
//! shows them in a code block). Anything ambiguous is an error, never a guess: the bytes between
//! the markers are replaced, and a wrong guess would destroy the user's text.

use super::code_ranges;
use std::ops::Range;

/// The line that opens the chart block.
pub const BEGIN: &str = "<!-- pmchart:begin -->";
/// The line that closes the chart block.
pub const END: &str = "<!-- pmchart:end -->";

/// The marker pair found in a README.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerPair {
    /// Bytes of the begin marker itself (without indentation or line ending).
    pub begin: Range<usize>,
    /// Bytes of the end marker itself.
    pub end: Range<usize>,
    /// 1-based line of the begin marker.
    pub begin_line: usize,
    /// 1-based line of the end marker.
    pub end_line: usize,
}

impl MarkerPair {
    /// The bytes strictly between the markers: what embedding replaces.
    pub fn inner(&self) -> Range<usize> {
        self.begin.end..self.end.start
    }
}

/// Why the markers cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkerError {
    /// A begin marker with no end after it.
    #[error("line {line}: `{BEGIN}` has no `{END}` after it")]
    BeginWithoutEnd {
        /// 1-based line of the begin marker.
        line: usize,
    },
    /// An end marker with no begin before it.
    #[error("line {line}: `{END}` has no `{BEGIN}` before it")]
    EndWithoutBegin {
        /// 1-based line of the end marker.
        line: usize,
    },
    /// Two blocks in one README.
    #[error("two pmchart blocks (lines {first} and {second}): keep one pair of markers")]
    TwoBlocks {
        /// 1-based line of the first begin marker.
        first: usize,
        /// 1-based line of the second.
        second: usize,
    },
    /// A begin marker inside an open block.
    #[error("line {line}: `{BEGIN}` again before the block opened on line {open} is closed")]
    NestedBegin {
        /// 1-based line of the inner begin marker.
        line: usize,
        /// 1-based line of the block it is inside.
        open: usize,
    },
    #[error(
        "line {line}: a pmchart marker must be on a line of its own, written `{BEGIN}` or `{END}`"
    )]
    /// A marker that shares its line with other text.
    NotAlone {
        /// 1-based line of the marker.
        line: usize,
    },
}

impl MarkerError {
    /// The line the error is about.
    pub fn line(&self) -> Option<usize> {
        Some(match self {
            MarkerError::BeginWithoutEnd { line }
            | MarkerError::EndWithoutBegin { line }
            | MarkerError::NestedBegin { line, .. }
            | MarkerError::NotAlone { line } => *line,
            MarkerError::TwoBlocks { second, .. } => *second,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Begin,
    End,
}

/// Finds the marker pair: `Ok(None)` when there are no markers.
pub fn find(text: &str) -> Result<Option<MarkerPair>, MarkerError> {
    let code = code_ranges(text);
    let mut found: Vec<(Kind, Range<usize>, usize)> = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let line_no = index + 1;
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        let lead = content.len() - content.trim_start().len();
        if !trimmed.starts_with("<!--") || code.iter().any(|r| r.contains(&(start + lead))) {
            continue;
        }
        let kind = match marker_kind(trimmed) {
            Some(kind) => kind,
            None if trimmed.contains("pmchart:begin") || trimmed.contains("pmchart:end") => {
                return Err(MarkerError::NotAlone { line: line_no })
            }
            None => continue,
        };
        let marker = start + lead..start + lead + trimmed.len();
        found.push((kind, marker, line_no));
    }
    let mut pair: Option<MarkerPair> = None;
    let mut open: Option<(Range<usize>, usize)> = None;
    for (kind, range, line) in found {
        match (kind, open.take()) {
            (Kind::Begin, None) => {
                if let Some(p) = &pair {
                    return Err(MarkerError::TwoBlocks {
                        first: p.begin_line,
                        second: line,
                    });
                }
                open = Some((range, line));
            }
            (Kind::Begin, Some((_, open_line))) => {
                return Err(MarkerError::NestedBegin {
                    line,
                    open: open_line,
                })
            }
            (Kind::End, None) => return Err(MarkerError::EndWithoutBegin { line }),
            (Kind::End, Some((begin, begin_line))) => {
                pair = Some(MarkerPair {
                    begin,
                    end: range,
                    begin_line,
                    end_line: line,
                });
            }
        }
    }
    if let Some((_, line)) = open {
        return Err(MarkerError::BeginWithoutEnd { line });
    }
    Ok(pair)
}

/// `<!-- pmchart:begin -->`, also written without the inner spaces.
fn marker_kind(trimmed: &str) -> Option<Kind> {
    let inner = trimmed.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    match inner {
        "pmchart:begin" => Some(Kind::Begin),
        "pmchart:end" => Some(Kind::End),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_pair_and_its_inner_bytes() {
        let text = "# T\n\n<!-- pmchart:begin -->\nold\n<!-- pmchart:end -->\nafter\n";
        let p = find(text).unwrap().unwrap();
        assert_eq!(&text[p.begin.clone()], BEGIN);
        assert_eq!(&text[p.end.clone()], END);
        assert_eq!(&text[p.inner()], "\nold\n");
        assert_eq!((p.begin_line, p.end_line), (3, 5));
    }

    #[test]
    fn indented_and_spaceless_markers_count() {
        let text = "  <!--pmchart:begin-->\r\n<!-- pmchart:end -->  \r\n";
        let p = find(text).unwrap().unwrap();
        assert_eq!(&text[p.begin.clone()], "<!--pmchart:begin-->");
        assert_eq!(&text[p.inner()], "\r\n");
    }

    #[test]
    fn no_markers_is_none() {
        assert_eq!(find("# T\n<!-- a comment -->\n").unwrap(), None);
    }

    #[test]
    fn markers_in_code_are_ignored() {
        let text = "# Docs\n\n```md\n<!-- pmchart:begin -->\n```\n\n    <!-- pmchart:end -->\n";
        assert_eq!(find(text).unwrap(), None);
    }

    #[test]
    fn broken_markers_are_errors_naming_the_line() {
        assert_eq!(
            find("a\n<!-- pmchart:begin -->\nb\n"),
            Err(MarkerError::BeginWithoutEnd { line: 2 })
        );
        assert_eq!(
            find("<!-- pmchart:end -->\n"),
            Err(MarkerError::EndWithoutBegin { line: 1 })
        );
        assert_eq!(
            find("<!-- pmchart:end -->\n<!-- pmchart:begin -->\n"),
            Err(MarkerError::EndWithoutBegin { line: 1 })
        );
        let two = "<!-- pmchart:begin -->\n<!-- pmchart:end -->\nx\n<!-- pmchart:begin -->\n<!-- pmchart:end -->\n";
        assert_eq!(
            find(two),
            Err(MarkerError::TwoBlocks {
                first: 1,
                second: 4
            })
        );
        assert_eq!(
            find("<!-- pmchart:begin -->\n<!-- pmchart:begin -->\n<!-- pmchart:end -->\n"),
            Err(MarkerError::NestedBegin { line: 2, open: 1 })
        );
        assert_eq!(
            find("<!-- pmchart:begin --> <img src=x>\n<!-- pmchart:end -->\n"),
            Err(MarkerError::NotAlone { line: 1 })
        );
    }
}
