//! The document's structure from pulldown-cmark: headings, fenced code, and the prose facts
//! (sections, word counts) the template checks need. Standalone title lines ("Timeline:",
//! "**Root Cause**") that Markdown does not call headings are found per line here too.

use super::lines::{clean, Line};
use crate::model::{Document, Section, SectionKind};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// A heading or a standalone title line.
#[derive(Debug, Clone)]
pub struct Heading {
    /// Index of the line it starts on.
    pub line: usize,
    /// 1-6 for Markdown headings, 7 for a title line.
    pub level: u8,
    /// Text without markup or emoji.
    pub title: String,
    /// A title line known by its shape only ("Route Cause:", "**Resolution:**"), not by its
    /// words: it ends a timeline written as plain lines, and is not a section for the checks.
    pub generic: bool,
}

/// What pulldown-cmark tells about the document.
pub struct Structure {
    pub headings: Vec<Heading>,
    /// Lines inside fenced code blocks (logs, configs): never timeline entries.
    pub fenced: Vec<bool>,
    pub document: Document,
}

/// The line index holding byte `offset`.
pub fn line_of(lines: &[Line], offset: usize) -> usize {
    match lines.binary_search_by(|l| l.start.cmp(&offset)) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    }
}

fn count_words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Words that start the titles of the sections that come before or hold the timeline; with
/// [`TIMELINE_ENDERS`] they make every section title pmchart knows (matched as prefixes).
const OPENING_SECTION_WORDS: &[&str] = &[
    "issue summary",
    "executive summary",
    "summary",
    "incident summary",
    "timeline",
    "time line",
    "chronology",
    "sequence of events",
    "resolution and recovery",
    "impact",
    "duration",
];

/// Section titles that close a timeline written as plain lines.
pub const TIMELINE_ENDERS: &[&str] = &[
    "root cause",
    "cause and resolution",
    "corrective",
    "preventive",
    "preventative",
    "prevention",
    "lessons",
    "conclusion",
    "action items",
    "follow-up",
    "follow up",
    "next steps",
    "recommendations",
    "what went",
    "root-cause",
    "rca",
    "remediation",
    "contributing factors",
    "takeaways",
    "key takeaways",
    "appendix",
    "references",
];

/// Parts of the course template's Timeline ("Misleading investigation/debugging paths"): they end
/// a timeline written as plain lines, but not one whose Markdown heading they are nested under.
pub const TIMELINE_PARTS: &[&str] = &["misleading investigation", "debugging paths"];

/// The title text of a line if it stands alone as a section title: not a list item or table row,
/// at most a few words, starting with a known section word ("Timeline (UTC):", "**Root Cause**").
pub fn title_line(line: &Line) -> Option<String> {
    if line.blank || line.list_item || line.table_row {
        return None;
    }
    let title = clean(line.raw);
    let title = title.trim_end_matches([':', ' ', '.']).to_string();
    let lower = title.to_lowercase();
    let words = count_words(&title);
    let known = OPENING_SECTION_WORDS
        .iter()
        .chain(TIMELINE_ENDERS)
        .chain(TIMELINE_PARTS)
        .any(|w| lower.starts_with(w));
    let timeline_intro =
        mentions_timeline(&lower) && line.raw.trim_end().ends_with(':') && words <= 14;
    ((known && words <= 8) || timeline_intro).then_some(title)
}

/// A line shaped like a section title though its words are not known ones: at most five words,
/// no time of day, ending with a colon, after a blank line ("Route Cause:", "**Resolution:**").
fn generic_title_line(line: &Line, after_blank: bool) -> Option<String> {
    if !after_blank || line.blank || line.list_item || line.table_row || line.indent >= 4 {
        return None;
    }
    let bare = line.raw.trim().trim_end_matches(['*', '_', ' ']);
    if !bare.ends_with(':') {
        return None;
    }
    let title = clean(line.raw);
    let title = title.trim_end_matches([':', ' ']).to_string();
    let starts_alpha = title.chars().next().is_some_and(char::is_alphabetic);
    let timed = !crate::input::timefmt::find_times(&line.masked).is_empty();
    (starts_alpha && !timed && (1..=5).contains(&count_words(&title))).then_some(title)
}

/// Whether lower-case title text names a section pmchart knows ("issue summary", "timeline",
/// "root cause and resolution"): a section heading, not a document's title.
pub fn title_line_words(lower: &str) -> bool {
    let lower = lower.trim_start_matches(|c: char| !c.is_alphabetic());
    OPENING_SECTION_WORDS
        .iter()
        .chain(TIMELINE_ENDERS)
        .chain(TIMELINE_PARTS)
        .any(|w| lower.starts_with(w))
}

/// What a section is by its title, matched loosely on words: people write "Summary", "Root
/// Cause", "Corrective Measures", "Preventive measures". The one place titles are classified;
/// the reader also marks the section it found the timeline in (see `read`).
pub fn section_kind(title: &str) -> SectionKind {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has = |any: &[&str]| words.iter().any(|w| any.contains(&w.as_str()));
    let starts = |any: &[&str]| words.iter().any(|w| any.iter().any(|a| w.starts_with(a)));
    if has(&[
        "timeline",
        "timelines",
        "chronology",
        "chronologie",
        "cronologia",
    ]) || (has(&["sequence"]) && has(&["events"]))
    {
        SectionKind::Timeline
    } else if has(&["summary", "overview"]) {
        SectionKind::Summary
    } else if has(&["cause", "causes", "resolution", "rca"]) {
        SectionKind::RootCause
    } else if starts(&["correct", "prevent", "remediat"])
        || has(&["measures", "follow"])
        || (has(&["action"]) && has(&["items"]))
    {
        SectionKind::Measures
    } else {
        SectionKind::Other
    }
}

/// Whether a title names the timeline.
pub fn mentions_timeline(lower: &str) -> bool {
    ["timeline", "time line", "chronology", "sequence of events"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Parses the document once with pulldown-cmark.
pub fn parse(text: &str, lines: &[Line]) -> Structure {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut headings = Vec::new();
    let mut fenced = vec![false; lines.len()];
    // Prose pieces: (byte offset, text, top-level list item starts here).
    let mut pieces: Vec<(usize, String)> = Vec::new();
    let mut items: Vec<(usize, usize)> = Vec::new(); // (offset, list depth)
    let mut heading: Option<(usize, u8, String)> = None;
    let mut image_depth = 0usize;
    let mut in_fence = false;
    let mut list_depth = 0usize;
    let mut disabled: Vec<String> = Vec::new();
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((range.start, level as u8, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                // A sub-heading's words end their line: "Duration of Outage", then "The outage
                // lasted …", not "OutageThe".
                pieces.push((range.end, "\n".to_string()));
                if let Some((start, level, title)) = heading.take() {
                    let title = clean(&title);
                    headings.push(Heading {
                        line: line_of(lines, start),
                        level,
                        title,
                        generic: false,
                    });
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                in_fence = true;
                let (a, b) = (
                    line_of(lines, range.start),
                    line_of(lines, range.end.saturating_sub(1)),
                );
                for f in fenced.iter_mut().take(b + 1).skip(a) {
                    *f = true;
                }
            }
            Event::End(TagEnd::CodeBlock) => in_fence = false,
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => items.push((range.start, list_depth)),
            Event::Html(t) | Event::InlineHtml(t) => {
                if let Some(codes) = crate::config::disable_directive(&t) {
                    disabled.extend(codes);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&t);
                    title.push(' ');
                }
                if image_depth == 0 && !in_fence {
                    pieces.push((range.start, t.into_string()));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push(' ');
                }
                pieces.push((range.start, "\n".to_string()));
            }
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableHead)
            | Event::End(TagEnd::TableRow) => {
                pieces.push((range.end, "\n".to_string()));
            }
            // Cells are words apart: "| Impact | 20% of users |".
            Event::End(TagEnd::TableCell) => pieces.push((range.end, " ".to_string())),
            _ => {}
        }
    }
    // Standalone title lines become level-7 headings.
    let heading_lines: std::collections::HashSet<usize> = headings.iter().map(|h| h.line).collect();
    for (i, l) in lines.iter().enumerate() {
        if fenced[i] || heading_lines.contains(&i) {
            continue;
        }
        let after_blank = i == 0 || lines[i - 1].blank;
        // An indented title is a code block to Markdown, but people indent titles too; an
        // indented line only counts when it stands alone after a blank line.
        let known = title_line(l).filter(|_| l.indent < 4 || after_blank);
        let generic = known.is_none();
        if let Some(title) = known.or_else(|| generic_title_line(l, after_blank)) {
            headings.push(Heading {
                line: i,
                level: 7,
                title,
                generic,
            });
        }
    }
    headings.sort_by_key(|h| h.line);
    let mut document = document(text, lines, &headings, &pieces, &items);
    document.disabled = disabled;
    Structure {
        headings,
        fenced,
        document,
    }
}

/// The line index after the last line of the section opened by heading `k`.
pub fn section_end(headings: &[Heading], k: usize, n_lines: usize) -> usize {
    let level = headings[k].level;
    headings[k + 1..]
        .iter()
        .filter(|h| !h.generic)
        .find(|h| h.level <= level || (level == 7 && h.level == 7))
        .map(|h| h.line)
        .unwrap_or(n_lines)
}

fn document(
    text: &str,
    lines: &[Line],
    headings: &[Heading],
    pieces: &[(usize, String)],
    items: &[(usize, usize)],
) -> Document {
    let piece_text = |from: usize, to: usize, skip_line: Option<usize>| -> String {
        let mut s = String::new();
        // Pieces are in document order: find the slice for `from..to` by binary search.
        let lo = pieces.partition_point(|(o, _)| *o < from);
        let hi = pieces.partition_point(|(o, _)| *o < to);
        for (off, t) in &pieces[lo..hi.max(lo)] {
            if skip_line.is_some_and(|l| line_of(lines, *off) == l) {
                continue;
            }
            s.push_str(t);
        }
        s.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let byte_of = |line: usize| lines.get(line).map(|l| l.start).unwrap_or(text.len());
    let mut sections = Vec::new();
    for (k, h) in headings.iter().enumerate() {
        if h.generic {
            continue;
        }
        let end_line = section_end(headings, k, lines.len());
        let (from, to) = (byte_of(h.line), byte_of(end_line));
        let body = piece_text(from, to, Some(h.line));
        // Items of the outermost list in the section.
        let in_section = {
            let lo = items.partition_point(|(o, _)| *o < from);
            let hi = items.partition_point(|(o, _)| *o < to);
            &items[lo..hi.max(lo)]
        };
        let min_depth = in_section.iter().map(|(_, d)| *d).min();
        // Lines ticked off with a symbol ("✅ Optimise queries") read as a TODO list too.
        let ticked = lines[(h.line + 1).min(lines.len())..end_line.min(lines.len())]
            .iter()
            .filter(|l| {
                !l.list_item
                    && l.raw
                        .trim_start()
                        .starts_with(['✅', '✔', '☑', '☐', '⬜', '🔲', '✓', '▢', '❌', '🔳'])
            })
            .count();
        let list_items = in_section
            .iter()
            .filter(|(_, d)| Some(*d) == min_depth)
            .count()
            + ticked;
        let line = &lines[h.line];
        sections.push(Section {
            title: h.title.clone(),
            level: h.level,
            span: Some(super::lines::span_in(
                line,
                h.line,
                line.start,
                line.start + line.raw.len(),
            )),
            word_count: count_words(&body),
            text: body,
            list_items,
            kind: section_kind(&h.title),
        });
    }
    let all = piece_text(0, usize::MAX, None);
    Document {
        sections,
        word_count: count_words(&all),
        timeline: None,
        disabled: Vec::new(),
    }
}
