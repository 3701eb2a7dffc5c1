//! Putting the block into the text. Only bytes between the markers change (or, on first embed,
//! bytes are only added): the user's line endings, BOM, trailing spaces and final newline stay.

use super::markers::{MarkerPair, BEGIN, END};

/// The README's own line ending, taken from its first line: `\r\n` or `\n`.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    }
}

/// Where the block goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Between existing markers.
    Replace(MarkerPair),
    /// New markers and block at this byte offset (a line start or the end of the text).
    Insert(usize),
}

/// The new text and where the block is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spliced {
    pub text: String,
    /// 1-based line of the begin marker in the new text.
    pub line: usize,
}

/// The text with `lines` as the block at `target`.
///
/// A blank line always separates the block from the end marker: `<picture>` opens an HTML block
/// that only a blank line closes, and without one it would swallow the user's lines after the
/// end marker (a heading there would show as raw text, a code fence would not open).
pub fn splice(text: &str, target: &Target, lines: &[String]) -> Spliced {
    let eol = line_ending(text);
    let body = lines.join(eol);
    let (new, marker_at) = match target {
        Target::Replace(pair) => {
            // Keep the end marker's line (its indentation) as it is: replace from the end of the
            // begin marker to the start of the end marker's line.
            let end_line_start = text[..pair.end.start].rfind('\n').map_or(0, |i| i + 1);
            let cut = pair.begin.end..end_line_start.max(pair.begin.end);
            // Markers indented under a list item keep the block there: at column 0 it would
            // end the item, and an indented end marker after it would become code.
            let begin_line_start = text[..pair.begin.start].rfind('\n').map_or(0, |i| i + 1);
            let indent = &text[begin_line_start..pair.begin.start];
            let indent = if indent.chars().all(|c| c == ' ' || c == '\t') {
                indent
            } else {
                ""
            };
            let body = if indent.is_empty() {
                body.clone()
            } else {
                lines
                    .iter()
                    .map(|l| format!("{indent}{l}"))
                    .collect::<Vec<_>>()
                    .join(eol)
            };
            let mut new = String::with_capacity(text.len() + body.len());
            new.push_str(&text[..cut.start]);
            new.push_str(eol);
            new.push_str(&body);
            new.push_str(eol);
            new.push_str(eol);
            new.push_str(&text[cut.end..]);
            (new, pair.begin.start)
        }
        Target::Insert(offset) => {
            let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let offset = (*offset).clamp(bom, text.len());
            let (before, after) = text.split_at(offset);
            let mut block = String::new();
            if before.len() > bom {
                if !before.ends_with('\n') {
                    block.push_str(eol);
                    block.push_str(eol);
                } else if !ends_with_blank_line(before) {
                    block.push_str(eol);
                }
            }
            let marker_at = offset + block.len();
            block.push_str(BEGIN);
            block.push_str(eol);
            block.push_str(&body);
            block.push_str(eol);
            block.push_str(eol);
            block.push_str(END);
            if !after.is_empty() {
                block.push_str(eol);
                if !starts_with_blank_line(after) {
                    block.push_str(eol);
                }
            } else if before.ends_with('\n') || before.len() <= bom {
                // The text ended with a newline (or was empty): so does the new one.
                block.push_str(eol);
            }
            let mut new = String::with_capacity(text.len() + block.len());
            new.push_str(before);
            new.push_str(&block);
            new.push_str(after);
            (new, marker_at)
        }
    };
    let line = new[..marker_at].matches('\n').count() + 1;
    Spliced { text: new, line }
}

/// `before` ends with a line ending preceded by a blank line (or is only a line ending).
fn ends_with_blank_line(before: &str) -> bool {
    let Some(rest) = before.strip_suffix('\n') else {
        return false;
    };
    let rest = rest.strip_suffix('\r').unwrap_or(rest);
    let last_line = rest.rfind('\n').map_or(rest, |i| &rest[i + 1..]);
    last_line.trim().is_empty()
}

fn starts_with_blank_line(after: &str) -> bool {
    let first = after.split('\n').next().unwrap_or("");
    after.contains('\n') && first.trim().is_empty()
}

#[cfg(test)]
mod tests {
    #[test]
    fn markers_indented_under_a_list_item_keep_the_block_indented() {
        let text = "- Chart:\n\n  <!-- pmchart:begin -->\n  old\n  <!-- pmchart:end -->\n- next\n";
        let pair = crate::embed::markers::find(text).unwrap().unwrap();
        let s = splice(
            text,
            &Target::Replace(pair),
            &["<picture>".into(), "</picture>".into()],
        );
        assert_eq!(
            s.text,
            "- Chart:\n\n  <!-- pmchart:begin -->\n  <picture>\n  </picture>\n\n  <!-- pmchart:end -->\n- next\n"
        );
        // And found again, so that the next run replaces it rather than failing.
        assert!(crate::embed::markers::find(&s.text).unwrap().is_some());
    }

    use super::*;
    use crate::embed::markers;

    fn lines() -> Vec<String> {
        vec!["<picture>".into(), "</picture>".into()]
    }

    #[test]
    fn line_ending_follows_the_first_line() {
        assert_eq!(line_ending("a\r\nb\n"), "\r\n");
        assert_eq!(line_ending("a\nb\r\n"), "\n");
        assert_eq!(line_ending("no newline"), "\n");
    }

    #[test]
    fn insert_before_a_heading_keeps_both_sides() {
        let text = "## Timeline\n\n- a\n\n## Next\n";
        let at = text.find("## Next").unwrap();
        let s = splice(text, &Target::Insert(at), &lines());
        assert_eq!(
            s.text,
            "## Timeline\n\n- a\n\n<!-- pmchart:begin -->\n<picture>\n</picture>\n\n<!-- pmchart:end -->\n\n## Next\n"
        );
        assert_eq!(s.line, 5);
    }

    #[test]
    fn insert_adds_blank_lines_where_missing() {
        let text = "## Timeline\r\n- a\r\n## Next\r\n";
        let at = text.find("## Next").unwrap();
        let s = splice(text, &Target::Insert(at), &lines());
        assert_eq!(
            s.text,
            "## Timeline\r\n- a\r\n\r\n<!-- pmchart:begin -->\r\n<picture>\r\n</picture>\r\n\r\n<!-- pmchart:end -->\r\n\r\n## Next\r\n"
        );
    }

    #[test]
    fn insert_at_the_end_keeps_a_missing_final_newline_missing() {
        let text = "## Timeline\n\n- a";
        let s = splice(text, &Target::Insert(text.len()), &lines());
        assert!(s.text.starts_with(text));
        assert!(s.text.ends_with(
            "\n\n<!-- pmchart:begin -->\n<picture>\n</picture>\n\n<!-- pmchart:end -->"
        ));
        let text = "## Timeline\n\n- a\n";
        let s = splice(text, &Target::Insert(text.len()), &lines());
        assert!(s.text.ends_with(
            "- a\n\n<!-- pmchart:begin -->\n<picture>\n</picture>\n\n<!-- pmchart:end -->\n"
        ));
    }

    #[test]
    fn replace_changes_only_the_bytes_between_the_markers() {
        let text = "\u{feff}x  \r\n<!-- pmchart:begin -->\r\nold\r\n  <!-- pmchart:end -->\r\ny  ";
        let pair = markers::find(text).unwrap().unwrap();
        let s = splice(text, &Target::Replace(pair.clone()), &lines());
        let prefix = &text[..pair.begin.end];
        let suffix = &text[pair.end.start - 2..];
        assert!(s.text.starts_with(prefix));
        assert!(s.text.ends_with(suffix));
        assert_eq!(
            s.text,
            "\u{feff}x  \r\n<!-- pmchart:begin -->\r\n<picture>\r\n</picture>\r\n\r\n  <!-- pmchart:end -->\r\ny  "
        );
        assert_eq!(s.line, 2);
        // Splicing again gives the same bytes.
        let again = markers::find(&s.text).unwrap().unwrap();
        assert_eq!(
            splice(&s.text, &Target::Replace(again), &lines()).text,
            s.text
        );
    }

    #[test]
    fn insert_never_goes_before_a_bom() {
        let text = "\u{feff}# T\n";
        let s = splice(text, &Target::Insert(0), &lines());
        assert!(s.text.starts_with("\u{feff}<!-- pmchart:begin -->\n"));
        assert!(s.text.ends_with("<!-- pmchart:end -->\n\n# T\n"));
    }
}
