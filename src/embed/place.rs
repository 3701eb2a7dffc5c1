//! Where the chart block goes in a README without markers: right after the Timeline section, or
//! directly under a heading the user names (`--at`). The Timeline section is the one the Markdown
//! reader found the entries under, whatever its title; without it (a JSON incident), the heading
//! the reader's [`section_kind`] calls the timeline.
//!
//! Headings are found with pulldown-cmark (so `#` lines in code are not headings). Postmortems
//! often title their sections with a bold line (`**Timeline:**`) or a short line of its own
//! (`Timeline:`); those count as headings below level 6, so a `## Timeline` section runs over them
//! and a `Timeline:` section ends at the next title of any kind.

use crate::input::markdown::section_kind;
use crate::model::SectionKind;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// A heading or title line at the top level of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The heading's text as written, markup and `#` removed.
    pub title: String,
    /// 1-6 for `#` and setext headings; 7 for a bold or standalone title line.
    pub level: u8,
    /// Byte offset where the heading's line starts.
    pub line_start: usize,
    /// Byte offset just after the heading's line (its line ending included).
    pub line_end: usize,
    /// 1-based line number.
    pub line: usize,
}

/// Where to insert, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    /// Byte offset: always the start of a line, or the end of the text.
    pub offset: usize,
    /// The heading the block follows or sits under, as written.
    pub heading: Option<String>,
    /// `true`: directly under `heading` (`--at`); `false`: after its section.
    pub under: bool,
}

/// Why a new block has no place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    /// No Timeline section and no entries to follow.
    #[error("no Timeline section found to put the chart after")]
    NoTimeline,
    /// The place is inside an unclosed code block.
    #[error("the block would land inside a code block that is never closed (a ``` or ~~~ without its end)")]
    InsideCode,
    /// The heading `--at` names is not in the README.
    #[error("no heading `{wanted}` found{}", if available.is_empty() { String::new() } else { format!("; the headings are: {}", available.join(", ")) })]
    NoHeading {
        /// The heading asked for.
        wanted: String,
        /// The README's headings, to choose from.
        available: Vec<String>,
    },
}

/// Every top-level heading and title line, in document order.
pub fn headings(text: &str) -> Vec<Heading> {
    let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[body_start..];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut pending: Option<(Range<usize>, Option<u8>)> = None;
    for (event, range) in Parser::new_ext(body, Options::all()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    match &tag {
                        Tag::Heading { level, .. } => {
                            pending = Some((range.clone(), Some(heading_level(*level))))
                        }
                        Tag::Paragraph => pending = Some((range.clone(), None)),
                        _ => {}
                    }
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && matches!(end, TagEnd::Heading(_) | TagEnd::Paragraph) {
                    if let Some((r, level)) = pending.take() {
                        let r = r.start + body_start..r.end + body_start;
                        out.extend(headings_in_block(text, r, level));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The headings in block `range`: a `#`/setext heading (`level`), or a paragraph's title lines.
/// A paragraph's first line is a title when it is short; a later line when it is bold or ends
/// with a colon (`Root Cause:` written straight after the timeline, without a blank line).
fn headings_in_block(text: &str, range: Range<usize>, level: Option<u8>) -> Vec<Heading> {
    let first_line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let first_line_no = text[..first_line_start].matches('\n').count() + 1;
    let mut out = Vec::new();
    let mut start = range.start;
    let mut index = 0;
    while start < range.end {
        let line_end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        let content = text[start..line_end].trim_end_matches(['\n', '\r']);
        let found = match level {
            Some(level) => {
                let t = content.trim().trim_start_matches('#').trim_end();
                Some((strip_markup(t.trim_end_matches('#')), level))
            }
            None => title_line(content, index == 0).map(|t| (t, 7)),
        };
        if let Some((title, level)) = found {
            out.push(Heading {
                title,
                level,
                line_start: if index == 0 { first_line_start } else { start },
                line_end,
                line: first_line_no + index,
            });
        }
        if level.is_some() {
            break;
        }
        start = line_end;
        index += 1;
    }
    out
}

/// The title a paragraph's first line names, if it is one: fully bold (`**Timeline**`), ending
/// with a colon (`Timeline:`), or a short line alone (`Timeline`). Lines that start with a time or
/// a digit are timeline entries, not titles. The first line of a paragraph counts: many
/// postmortems write `Timeline` with the entries on the very next lines.
fn title_line(line: &str, first: bool) -> Option<String> {
    let trimmed = line.trim();
    let bare = trimmed.trim_end_matches(':').trim_end();
    let bold = ["**", "__"]
        .iter()
        .any(|m| bare.len() > 4 && bare.starts_with(m) && bare.trim_end_matches(':').ends_with(m));
    let title = strip_markup(trimmed);
    let words = title.split_whitespace().count();
    if words == 0 || words > 8 || looks_timed(&title) {
        return None;
    }
    let colon = strip_markup_keep_colon(trimmed).ends_with(':');
    let short_alone = first && words <= 5 && !title.ends_with(['.', '!', '?', ',']);
    (bold || colon || short_alone).then(|| title.trim_end_matches(':').trim().to_string())
}

/// Starts with a digit or holds a clock time (`10:45`): a timeline entry rather than a title.
fn looks_timed(s: &str) -> bool {
    let b = s.as_bytes();
    s.trim_start().starts_with(|c: char| c.is_ascii_digit())
        || b.windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit())
}

fn strip_markup(s: &str) -> String {
    strip_markup_keep_colon(s)
        .trim_end_matches(':')
        .trim()
        .to_string()
}

fn strip_markup_keep_colon(s: &str) -> String {
    let t: String = s
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect();
    t.trim().to_string()
}

/// Lower-case words of letters and digits: emoji, punctuation and markup fall away.
pub fn normalize(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the block goes. `at`: a heading the user named; `last_entry_end`: the byte offset where
/// the reader's last timeline entry ends, so the section cannot be taken to end before it.
#[cfg(test)]
pub fn find_insertion(
    text: &str,
    at: Option<&str>,
    last_entry_end: Option<usize>,
) -> Result<Insertion, PlaceError> {
    find_insertion_with(text, at, last_entry_end, Vec::new(), None)
}

/// [`find_insertion`] with what the Markdown reader decided: the section titles it found on
/// lines of their own (`Root Cause and Resolution` in the middle of a paragraph), and the line of
/// the title it found the timeline under (whatever that title says).
pub fn find_insertion_with(
    text: &str,
    at: Option<&str>,
    last_entry_end: Option<usize>,
    extra: Vec<Heading>,
    timeline_line: Option<usize>,
) -> Result<Insertion, PlaceError> {
    let mut hs = headings(text);
    for h in extra {
        let valid = h.line_start <= text.len()
            && text.is_char_boundary(h.line_start)
            && (h.line_start == 0 || text[..h.line_start].ends_with('\n'));
        if valid && !hs.iter().any(|o| o.line_start == h.line_start) {
            hs.push(h);
        }
    }
    hs.sort_by_key(|h| h.line_start);
    if let Some(wanted) = at {
        let w = normalize(wanted);
        let found = hs.iter().find(|h| normalize(&h.title) == w).or_else(|| {
            hs.iter().find(|h| {
                let n = normalize(&h.title);
                !w.is_empty() && n.starts_with(&w) && n[w.len()..].starts_with(' ')
            })
        });
        return match found {
            Some(h) => Ok(Insertion {
                offset: h.line_end,
                heading: Some(h.title.clone()),
                under: true,
            }),
            None => Err(PlaceError::NoHeading {
                wanted: wanted.to_string(),
                available: hs
                    .iter()
                    .filter(|h| h.level <= 6)
                    .map(|h| h.title.clone())
                    .collect(),
            }),
        };
    }
    let by_reader = timeline_line.and_then(|l| hs.iter().position(|h| h.line == l));
    let by_title = || {
        hs.iter()
            .position(|h| section_kind(&h.title) == SectionKind::Timeline)
    };
    let Some(index) = by_reader.or_else(by_title) else {
        // No Timeline heading, but the reader found entries: put the block after the block
        // holding the last one, before the next heading.
        return match last_entry_end {
            Some(end) => Ok(Insertion {
                offset: hs
                    .iter()
                    .find(|h| h.line_start >= end)
                    .map_or(text.len(), |h| h.line_start),
                heading: None,
                under: false,
            }),
            None => Err(PlaceError::NoTimeline),
        };
    };
    let timeline = &hs[index];
    let not_before = last_entry_end.unwrap_or(0).max(timeline.line_end);
    let offset = hs[index + 1..]
        .iter()
        .find(|h| h.level <= timeline.level && h.line_start >= not_before)
        .map_or(text.len(), |h| h.line_start);
    Ok(Insertion {
        offset,
        heading: Some(timeline.title.clone()),
        under: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<(String, u8)> {
        headings(text)
            .into_iter()
            .map(|h| (h.title, h.level))
            .collect()
    }

    #[test]
    fn finds_atx_setext_bold_and_colon_titles() {
        let text = "# Title\n\nIntro text that is a sentence.\n\n**Timeline**\n\n- 10:00 x\n\nRoot cause:\nthe disk\n\nSummary\n=======\n\n```\n# not a heading\n```\n";
        assert_eq!(
            titles(text),
            vec![
                ("Title".to_string(), 1),
                ("Timeline".to_string(), 7),
                ("Root cause".to_string(), 7),
                ("Summary".to_string(), 1),
            ]
        );
    }

    #[test]
    fn a_title_on_the_first_line_of_a_paragraph_counts() {
        let text = "Intro.\n\nTimeline\n14:00 UTC: alert\n14:10 UTC: fix\n\nRoot cause:\ndisk\n";
        let i = find_insertion(text, None, None).unwrap();
        assert_eq!(&text[i.offset..], "Root cause:\ndisk\n");
    }

    #[test]
    fn a_colon_title_inside_a_paragraph_counts() {
        let text = "Timeline:\n1:45 PM: deploy\n4:30 PM: fixed\nRoot Cause and Resolution:\nRoot Cause: a script.\n";
        let hs = headings(text);
        assert_eq!(hs.len(), 2);
        assert_eq!(
            (hs[1].title.as_str(), hs[1].line),
            ("Root Cause and Resolution", 4)
        );
        let i = find_insertion(text, None, Some(text.find("fixed").unwrap())).unwrap();
        assert_eq!(
            &text[i.offset..],
            "Root Cause and Resolution:\nRoot Cause: a script.\n"
        );
    }

    #[test]
    fn a_reader_s_section_titles_end_the_section_too() {
        let text = "Timeline\n2:00 PM: a\n3:30 PM: b\nRoot Cause and Resolution\nRoot cause: x\n";
        let start = text.find("Root Cause and").unwrap();
        let extra = vec![Heading {
            title: "Root Cause and Resolution".into(),
            level: 7,
            line_start: start,
            line_end: start + 26,
            line: 4,
        }];
        let last = text.find("3:30 PM: b").unwrap() + 10;
        let i = find_insertion_with(text, None, Some(last), extra, None).unwrap();
        assert_eq!(i.offset, start);
        assert_eq!(
            find_insertion(text, None, Some(last)).unwrap().offset,
            text.len()
        );
    }

    #[test]
    fn entries_are_not_titles() {
        assert_eq!(
            titles("10:45 AM (UTC): Issue Detected\n\n**10:50**: paged\n"),
            vec![]
        );
    }

    #[test]
    fn timeline_titles_in_many_spellings() {
        for t in [
            "Timeline",
            "Timeline (UTC)",
            "⏱️ Timeline (UTC)",
            "📅 Timeline - A Journey Through the Stars",
            "Timeline(all times in UTC)",
            "Incident timeline",
            "Chronology",
            "Timeline of events",
        ] {
            assert_eq!(section_kind(t), SectionKind::Timeline, "{t}");
        }
        for t in ["Time Travel Gone Wrong", "Root cause", "Impact"] {
            assert_ne!(section_kind(t), SectionKind::Timeline, "{t}");
        }
    }

    #[test]
    fn inserts_before_the_next_heading_of_the_same_level() {
        let text = "# P\n\n## Timeline\n\n- 10:00 a\n\n### Detail\n\nmore\n\n## Root cause\n\nx\n";
        let i = find_insertion(text, None, None).unwrap();
        assert_eq!(&text[i.offset..], "## Root cause\n\nx\n");
        assert_eq!(i.heading.as_deref(), Some("Timeline"));
    }

    #[test]
    fn level_three_timeline_with_emoji_ends_at_a_level_two_heading() {
        let text = "## Report\n\n### ⏱️ Timeline (UTC)\n\n- 10:00 a\n\n## Next\n";
        let i = find_insertion(text, None, None).unwrap();
        assert_eq!(&text[i.offset..], "## Next\n");
    }

    #[test]
    fn a_bold_timeline_ends_at_the_next_title_line() {
        let text = "**Timeline:**\n- 10:00 a\n- 11:00 b\n\n**Root Cause:** disk\n";
        let i = find_insertion(text, None, None).unwrap();
        assert_eq!(&text[i.offset..], "**Root Cause:** disk\n");
    }

    #[test]
    fn the_section_runs_to_the_end_of_the_text() {
        let text = "## Timeline\n\n- 10:00 a";
        assert_eq!(find_insertion(text, None, None).unwrap().offset, text.len());
    }

    #[test]
    fn two_timelines_take_the_first() {
        let text = "## Timeline\n\n- 10:00 a\n\n## Timeline\n\n- 11:00 b\n";
        let i = find_insertion(text, None, None).unwrap();
        assert_eq!(i.offset, text.find("## Timeline\n\n- 11").unwrap());
    }

    #[test]
    fn the_section_does_not_end_before_the_last_entry() {
        // "Later:" looks like a title line, but the reader saw an entry after it.
        let text = "Timeline:\n\n- 10:00 a\n\nLater:\n\n- 11:00 b\n\nRoot cause:\n\nx\n";
        let last = text.find("11:00 b").unwrap() + 7;
        let i = find_insertion(text, None, Some(last)).unwrap();
        assert_eq!(&text[i.offset..], "Root cause:\n\nx\n");
    }

    #[test]
    fn at_puts_the_block_under_the_named_heading() {
        let text = "# P\n\n## 💥 Impact\n\nusers\n";
        let i = find_insertion(text, Some("impact"), None).unwrap();
        assert!(i.under);
        assert_eq!(&text[i.offset..], "\nusers\n");
        let e = find_insertion(text, Some("Nope"), None).unwrap_err();
        assert!(e.to_string().contains("P, 💥 Impact"), "{e}");
    }

    #[test]
    fn no_timeline_without_entries_is_an_error() {
        assert_eq!(
            find_insertion("# P\n\ntext\n", None, None),
            Err(PlaceError::NoTimeline)
        );
        let text = "# P\n\n- 10:00 a\n\n# Q\n";
        let i = find_insertion(text, None, Some(13)).unwrap();
        assert_eq!(&text[i.offset..], "# Q\n");
    }

    #[test]
    fn a_bom_does_not_hide_the_first_heading() {
        let text = "\u{feff}## Timeline\r\n\r\n- 10:00 a\r\n\r\n## Next\r\n";
        let i = find_insertion(text, None, None).unwrap();
        assert_eq!(&text[i.offset..], "## Next\r\n");
    }
}
