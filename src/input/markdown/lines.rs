//! The source as lines, each with a "masked" copy: same byte length, ASCII only, with Markdown and
//! HTML markup, emoji and links blanked out and typographic punctuation made plain. The time, date
//! and zone scanners run on the masked copy, so their byte offsets are source offsets.

/// One source line.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Byte offset of the line in the source.
    pub start: usize,
    /// The line without its `\n` / `\r\n`.
    pub raw: &'a str,
    pub masked: String,
    /// Leading whitespace width (a tab counts 4).
    pub indent: usize,
    /// Offset in the line where the content starts: after indentation, quote and list markers.
    pub content: usize,
    pub list_item: bool,
    /// Starts with `|` or is tab-separated: a table row.
    pub table_row: bool,
    /// `|---|---|`: a table's separator row.
    pub table_separator: bool,
    pub blank: bool,
}

/// The span of bytes `from..to` (absolute) inside line `index`, computed from the line alone:
/// `Span::from_bytes` scans from the start of the file, too slow for every entry of a big one.
pub fn span_in(line: &Line, index: usize, from: usize, to: usize) -> crate::model::Span {
    let len = line.raw.len();
    let clamp = |x: usize| {
        let mut k = x.saturating_sub(line.start).min(len);
        while !line.raw.is_char_boundary(k) {
            k -= 1;
        }
        k
    };
    let (a, b) = (clamp(from), clamp(to.max(from)));
    crate::model::Span {
        line: index + 1,
        column: line.raw[..a].chars().count() + 1,
        end_line: index + 1,
        end_column: line.raw[..b].chars().count() + 1,
        start: line.start + a,
        end: line.start + b,
    }
}

/// Splits the source into lines (at `\n`, `\r\n` or a lone `\r`: [`crate::model::line_bounds`]),
/// masking each.
pub fn split(text: &str) -> Vec<Line<'_>> {
    crate::model::line_bounds(text)
        .into_iter()
        .map(|(start, end)| make_line(start, &text[start..end]))
        .collect()
}

fn make_line(start: usize, raw: &str) -> Line<'_> {
    let masked = mask(raw);
    let b = raw.as_bytes();
    let mut i = 0;
    let mut indent = 0;
    // A BOM at the start of the file is not indentation.
    if raw.starts_with('\u{feff}') {
        i = 3;
    }
    while i < b.len() {
        match b[i] {
            b' ' => indent += 1,
            b'\t' => indent += 4,
            _ => break,
        }
        i += 1;
    }
    let mut content = i;
    let mut list_item = false;
    // Block quotes.
    while b.get(content) == Some(&b'>') {
        content += 1;
        while matches!(b.get(content), Some(b' ') | Some(b'\t')) {
            content += 1;
        }
    }
    // List markers: -, *, +, 1., 1), o, •.
    let rest = &raw[content..];
    // A bullet written without its space, right before a time: `-10:35 text`.
    let glued = rest.len() > 1
        && matches!(rest.as_bytes()[0], b'-' | b'*' | b'+')
        && rest.as_bytes()[1].is_ascii_digit()
        && crate::input::timefmt::time_at(rest, 1).is_some_and(|t| !t.dotted && !t.impossible);
    let marker_len = if glued
        || rest.starts_with("- ")
        || rest.starts_with("* ")
        || rest.starts_with("+ ")
        || rest.starts_with("-\t")
        || rest.starts_with("*\t")
        || rest.starts_with("o ")
    {
        1
    } else if rest.starts_with('•') || rest.starts_with('◦') || rest.starts_with('▪') {
        rest.chars().next().map(char::len_utf8).unwrap_or(1)
    } else {
        let nd = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&nd)
            && matches!(rest.as_bytes().get(nd), Some(b'.') | Some(b')'))
            && matches!(rest.as_bytes().get(nd + 1), Some(b' ') | Some(b'\t'))
        {
            nd + 1
        } else {
            0
        }
    };
    if marker_len > 0 {
        list_item = true;
        content += marker_len;
    }
    // Skip the blanked markup and spaces after the marker.
    let mb = masked.as_bytes();
    while mb.get(content) == Some(&b' ') {
        content += 1;
    }
    let trimmed = raw.trim();
    let table_separator = trimmed.starts_with('|')
        && trimmed.contains('-')
        && trimmed
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
    let table_row = trimmed.starts_with('|')
        || (raw.contains('\t')
            && !list_item
            && indent == 0
            && raw
                .trim_start()
                .split('\t')
                .filter(|c| !c.trim().is_empty())
                .count()
                >= 2);
    Line {
        start,
        raw,
        blank: masked.trim().is_empty(),
        masked,
        indent,
        content: content.min(raw.len()),
        list_item,
        table_row,
        table_separator,
    }
}

/// Blanks markup in `raw`, keeping byte length: HTML tags and entities, emphasis, backticks,
/// images and link targets, bare URLs, emoji. Dashes, quotes and odd spaces become ASCII.
pub fn mask(raw: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(raw.len());
    for c in raw.chars() {
        let n = c.len_utf8();
        let rep = match c {
            '\t' => b' ',
            '*' | '`' | '~' | '|' | '[' | ']' | '#' | '>' | '<' | '=' => b' ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => b'-',
            '\u{2018}' | '\u{2019}' => b'\'',
            '\u{201C}' | '\u{201D}' => b'"',
            c if c.is_ascii() => c as u8,
            _ => b' ',
        };
        out.push(rep);
        out.extend(std::iter::repeat_n(b' ', n - 1));
    }
    for (from, to) in markup_ranges(raw) {
        for x in out.iter_mut().take(to).skip(from) {
            *x = b' ';
        }
    }
    // Emphasis underscores at word edges, not inside snake_case words.
    let b = raw.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'_' {
            let before = i > 0 && b[i - 1].is_ascii_alphanumeric();
            let after = b.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric());
            if !(before && after) {
                out[i] = b' ';
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Byte ranges of markup that hides its content from a reader: HTML tags and entities, images,
/// link targets, bare URLs, emoji shortcodes.
fn markup_ranges(raw: &str) -> Vec<(usize, usize)> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let (mut gt, mut lt) = (NextFinder::new(raw, ">"), NextFinder::new(raw, "<"));
    let (mut link, mut paren) = (NextFinder::new(raw, "]("), NextFinder::new(raw, ")"));
    let mut i = 0;
    while i < b.len() {
        let found = match b[i] {
            b'<' if b
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!') =>
            {
                // A tag closes before the next `<`.
                gt.find(i)
                    .filter(|&g| lt.find(i + 1).is_none_or_ge(g))
                    .map(|g| g + 1)
            }
            b'&' => {
                let len = b[i + 1..]
                    .iter()
                    .take(10)
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
                    .count();
                (len > 0 && b.get(i + 1 + len) == Some(&b';')).then_some(i + len + 2)
            }
            b'!' if b.get(i + 1) == Some(&b'[') => link
                .find(i)
                .and_then(|close| paren.find(close).map(|e| e + 1)),
            b']' if b.get(i + 1) == Some(&b'(') => paren.find(i).map(|e| e + 1),
            // Emoji shortcodes: `:small_orange_diamond:`, `:white_check_mark:`.
            b':' if i == 0 || !b[i - 1].is_ascii_alphanumeric() => {
                let inner = b[i + 1..]
                    .iter()
                    .take(40)
                    .take_while(|c| {
                        c.is_ascii_lowercase()
                            || c.is_ascii_digit()
                            || matches!(c, b'_' | b'+' | b'-')
                    })
                    .count();
                (inner >= 2 && b[i + 1].is_ascii_lowercase() && b.get(i + 1 + inner) == Some(&b':'))
                    .then_some(i + inner + 2)
            }
            b'h' if raw[i..].starts_with("http://") || raw[i..].starts_with("https://") => Some(
                raw[i..]
                    .find(|c: char| c.is_whitespace() || c == ')' || c == '>')
                    .map(|e| i + e)
                    .unwrap_or(b.len()),
            ),
            _ => None,
        };
        match found {
            Some(end) if end > i => {
                out.push((i, end));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Finds the next occurrence of a pattern for queries that move forward through a line, in
/// amortised linear time: an unclosed `<` in a huge line must not make every later `<` scan to
/// its end.
struct NextFinder<'a> {
    raw: &'a str,
    pat: &'static str,
    /// (query position, answer) of the last search.
    cached: Option<(usize, Option<usize>)>,
}

impl<'a> NextFinder<'a> {
    fn new(raw: &'a str, pat: &'static str) -> Self {
        NextFinder {
            raw,
            pat,
            cached: None,
        }
    }

    /// Absolute position of the first `pat` at or after `i`.
    fn find(&mut self, i: usize) -> Option<usize> {
        if let Some((q, r)) = self.cached {
            if i >= q && r.is_none_or_ge(i) {
                return r;
            }
        }
        let r = self
            .raw
            .get(i..)
            .and_then(|s| s.find(self.pat))
            .map(|e| i + e);
        self.cached = Some((i, r));
        r
    }
}

trait NoneOrGe {
    fn is_none_or_ge(&self, i: usize) -> bool;
}

impl NoneOrGe for Option<usize> {
    fn is_none_or_ge(&self, i: usize) -> bool {
        self.is_none_or(|r| r >= i)
    }
}

/// Plain text of a piece of a line as a reader sees it: no markup, no emoji, no links' targets,
/// whitespace collapsed, leading separators (`: - | )`) removed.
pub fn clean(raw: &str) -> String {
    let masked = mask(raw);
    let ranges = markup_ranges(raw);
    let mut next_range = 0;
    // Keep non-ASCII letters (é, ñ) and typographic punctuation outside markup; drop emoji.
    let mut s = String::with_capacity(raw.len());
    for (i, c) in raw.char_indices() {
        // Ranges are sorted and disjoint: advance past those that end before `i`.
        while next_range < ranges.len() && ranges[next_range].1 <= i {
            next_range += 1;
        }
        let in_markup = ranges.get(next_range).is_some_and(|r| r.0 <= i);
        let keep = if c.is_ascii() {
            // Comparison signs and `#` are text here ("rate > 5%", "issue #42").
            masked.as_bytes()[i] != b' ' || (matches!(c, '>' | '<' | '=' | '#') && !in_markup)
        } else {
            !in_markup
                && (c.is_alphanumeric()
                    || matches!(
                        c,
                        '\u{2010}'
                            ..='\u{2015}'
                                | '\u{2018}'
                                | '\u{2019}'
                                | '\u{201C}'
                                | '\u{201D}'
                                | '\u{2026}'
                    ))
        };
        s.push(if keep { c } else { ' ' });
    }
    let mut collapsed = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        // Markup dropped before a stop leaves no space in front of it: "`rollout: 15`." reads
        // "rollout: 15.", not "rollout: 15 .".
        let stop = w.starts_with(['.', ',', ';', ':', '!', '?', ')'])
            && w.chars().nth(1).is_none_or(|c| !c.is_alphanumeric());
        if !collapsed.is_empty() && !stop {
            collapsed.push(' ');
        }
        collapsed.push_str(w);
    }
    collapsed
        .trim_start_matches(|c: char| {
            matches!(
                c,
                ':' | '-' | '|' | ')' | ',' | ';' | '.' | ' ' | '–' | '—' | '>' | '=' | '#'
            )
        })
        .trim_end_matches([' ', '|', '(', ':'])
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_markup_leaves_no_space_before_a_stop() {
        assert_eq!(
            clean("He writes `rollout: 150` instead of `rollout: 15`."),
            "He writes rollout: 150 instead of rollout: 15."
        );
        // A word that starts with a stop is a word: ".NET", ":8080".
        assert_eq!(clean("Moved to .NET on :8080"), "Moved to .NET on :8080");
    }

    #[test]
    fn mask_keeps_byte_length_and_blanks_markup() {
        for s in [
            "<li><strong>10:30 AM:</strong>text</li>",
            "- **10:30 AM:** 🚨 text – more “quoted”",
            "![img](https://x/y.png) 10:00 &emsp; [link](http://a:80)",
        ] {
            assert_eq!(mask(s).len(), s.len(), "{s}");
        }
        assert_eq!(
            mask("<li><strong>10:30 AM:</strong>x</li>").trim(),
            "10:30 AM:         x"
        );
        assert!(mask("a – b").contains(" -"));
        assert!(!mask("see https://x.io/12:30 ok").contains("12:30"));
    }

    #[test]
    fn lines_know_lists_tables_and_indentation() {
        let ls = split("- a\r\n    10:45 AM (UTC): x\n| 9:45 AM | t |\n|---|---|\n1. b\n\u{feff}x");
        assert!(ls[0].list_item && ls[0].raw == "- a");
        assert_eq!(ls[1].indent, 4);
        assert!(ls[2].table_row && !ls[2].table_separator);
        assert!(ls[3].table_separator);
        assert!(ls[4].list_item);
        assert_eq!(ls[5].indent, 0);
        assert_eq!(ls[1].start, 5);
    }

    #[test]
    fn clean_text_has_no_markup_or_emoji() {
        assert_eq!(
            clean(":** 🚨 Our `nginx` **was** down"),
            "Our nginx was down"
        );
        assert_eq!(
            clean("</strong><img src=\"a.svg\">Database ok.</li>"),
            "Database ok."
        );
        assert_eq!(clean(" | Upgrades begins |"), "Upgrades begins");
        assert_eq!(
            clean("Amisaday Martínez – done"),
            "Amisaday Martínez – done"
        );
    }
}
