//! Timeline entries, line by line: which times start an entry (a leading time, a time followed by
//! a colon, the one time in a template item), their ranges, zones, dates and text; which lines
//! are details of the entry above; date headings and zone statements inside the timeline.

use super::lines::{clean, span_in, Line};
use super::structure::Structure;
use crate::codes::Code;
use crate::diagnostics::{excerpt, Diagnostic};
use crate::input::timefmt::{self, DateValue, TimeMatch};
use crate::input::zones::{self, ZoneMatch};
use std::ops::Range;

/// One timeline entry as found, before dates and zones are settled.
#[derive(Debug, Clone)]
pub struct RawEntry {
    /// Line index (0-based).
    pub line: usize,
    /// Absolute byte range of the time (and its range end) in the source.
    pub start: usize,
    pub end: usize,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// End of a range (`10:10 - 10:45`).
    pub until: Option<(u32, u32, u32)>,
    /// The zone written on the entry.
    pub zone: Option<ZoneMatch>,
    /// The date written on the entry, and where.
    pub date: Option<DateValue>,
    pub date_span: (usize, usize),
    /// The last date heading above the entry in the timeline: (its line, the date).
    pub heading_date: Option<(usize, DateValue)>,
    pub text: String,
    /// Detail lines below the entry, for guessing its kind.
    pub details: String,
    /// A zone stated inside the timeline before this entry ("All times UTC", a table header).
    pub section_zone: Option<ZoneMatch>,
    /// The kind the author tagged the entry with (`[escalate]`).
    pub tag: Option<crate::model::EventKind>,
}

/// More times than this on one line are not read (no real entry line comes close).
const MAX_TIMES_PER_LINE: usize = 500;

struct Ctx {
    indent: usize,
    table_row: bool,
    /// The entry is a sentence with a time inside it ("The error was realized on … 2:00 pm"),
    /// not a line headed by its time: the next sentence with a time is the next entry.
    sentence: bool,
    /// The entry's text started on the line below its time ("* 10:15 AM (EAT):"): the lines of
    /// that paragraph are its text, not details.
    joining: bool,
    /// The entry's line is a list item (its details are the lines under it).
    list_item: bool,
    /// Index in `out` of the first and last entries of the line.
    first: usize,
    last: usize,
}

/// Entries in `range` of lines. With `leading_only`, only lines that start with a time count
/// (used when there is no timeline section).
pub fn extract(
    lines: &[Line],
    st: &Structure,
    range: Range<usize>,
    leading_only: bool,
) -> (Vec<RawEntry>, Vec<Diagnostic>) {
    let mut out: Vec<RawEntry> = Vec::new();
    let mut diags = Vec::new();
    let mut ctx: Option<Ctx> = None;
    let mut blank_since = false;
    let mut heading_date: Option<(usize, DateValue)> = None;
    let mut section_zone: Option<ZoneMatch> = None;
    // Entries of the last timed line still waiting for their text.
    let mut awaiting: Option<(usize, usize)> = None;
    // The previous line when it was an untimed label ending with a colon: (indent, text).
    let mut label_above: Option<(usize, String)> = None;
    // Entries of a time alone under a label ("- **Detection:**", "  - 15:30 UTC"): the items
    // after it, up to the next time, say what happened.
    let mut labelled: Option<(usize, usize)> = None;
    // The table being read: its body rows with no time, said once the table has shown itself
    // a timeline (a row with an entry).
    let mut table = TableRun::default();
    // The list being read, and its items with no time: said at its end if it gave entries.
    let mut list = ListRun::default();
    let range = range.start.min(lines.len())..range.end.min(lines.len());
    for i in range {
        if st.fenced.get(i).copied().unwrap_or(false) {
            continue;
        }
        let l = &lines[i];
        if !l.table_row && !l.table_separator {
            table.flush(lines, &mut diags);
        }
        if l.blank {
            blank_since = true;
            continue;
        }
        // A list ends at a line outside it: a paragraph after a blank line, a shallower item,
        // a table or a heading.
        let outside_list = if l.list_item {
            list.indent.is_some_and(|d| l.indent < d)
        } else {
            list.indent.is_some_and(|d| l.indent <= d)
                && (blank_since || l.table_row || super::structure::title_line(l).is_some())
        };
        if outside_list {
            list.flush(lines, &mut diags);
        }
        if l.table_separator {
            table.body = true;
            continue;
        }
        let m = l.masked.as_str();
        let lead_pos = leading_start(m, l.content);
        let times: Vec<TimeMatch> = timefmt::find_times(m)
            .into_iter()
            .filter(|t| {
                let is_leading = t.start == lead_pos;
                let loose = t.dotted || t.worded;
                (!loose || is_leading || t.meridiem.is_some() || zone_after(m, t.end).is_some())
                    && (!t.impossible || is_leading)
            })
            // A line holds a handful of entries; a pathological one must not cost quadratic
            // time. One past the limit tells that it was passed, which is said, not hidden.
            .take(MAX_TIMES_PER_LINE + 1)
            .collect();
        let mut times = times;
        if times.len() > MAX_TIMES_PER_LINE {
            let t = times[MAX_TIMES_PER_LINE];
            times.truncate(MAX_TIMES_PER_LINE);
            diags.push(
                Diagnostic::new(Code::TooManyTimesOnALine,
                    format!(
                        "more than {MAX_TIMES_PER_LINE} times on one line: those after the {MAX_TIMES_PER_LINE}th are not read as entries"
                    ),
                )
                .at(span_in(l, i, l.start + t.start, l.start + t.end))
                .with_help("put one entry per line"),
            );
        }
        let leading = times.iter().position(|t| t.start == lead_pos);
        let continues = ctx.as_ref().is_some_and(|c| {
            l.indent > c.indent || (!l.list_item && !l.table_row && !c.table_row && !blank_since)
        });
        let blank_before = blank_since;
        blank_since = false;
        let this_label = (times.is_empty()
            && l.raw.trim_end().trim_end_matches(['*', '_']).ends_with(':'))
        .then(|| (l.indent, clean(&l.raw[l.content.min(l.raw.len())..])));
        let label_above = std::mem::replace(&mut label_above, this_label);
        if times.is_empty() {
            let in_entries = l.list_item || ctx.is_some();
            let unreadable = in_entries.then(|| unreadable_lead_time(l)).flatten();
            // A row with no time is said at the table's end, unless its time was said here.
            if l.table_row && table.body && unreadable.is_none() {
                table.untimed.lines.push(i);
            }
            if let Some((a, b, help)) = unreadable {
                // "- 10:7 - Team notified", "xx:xx PM: The user was informed": an entry whose
                // time cannot be read would otherwise join the entry above without a word.
                diags.push(
                    Diagnostic::new(
                        Code::ImpossibleTime,
                        format!("`{}` is not a time of day", &l.raw[a..b]),
                    )
                    .at(span_in(l, i, l.start + a, l.start + b))
                    .with_help(help),
                );
            }
            if let Some(dv) = date_line(l) {
                heading_date = Some((i, dv));
                ctx = None;
                awaiting = None;
                continue;
            }
            let zone_line = zone_statement(l);
            if !leading_only {
                if let Some(z) = zone_line.clone() {
                    section_zone.get_or_insert(z);
                }
            }
            // An item of a list of entries with no time, at the entries' level: not a label
            // for the times below it, not the zone, not a time said unreadable above.
            let untimed_item = l.list_item
                && !leading_only
                && unreadable.is_none()
                && !l.raw.trim_end().trim_end_matches(['*', '_']).ends_with(':')
                && zone_line.is_none()
                && list.indent.is_none_or(|d| d == l.indent);
            // Whether the line went into an entry above.
            let mut used = false;
            if let Some((a, b)) = labelled.take() {
                if untimed_item {
                    let t = clean(&l.raw[l.content.min(l.raw.len())..]);
                    for e in &mut out[a..=b] {
                        if e.details.len() < 400 {
                            if !e.details.is_empty() {
                                e.details.push(' ');
                            }
                            e.details.push_str(&t);
                        }
                    }
                    used = true;
                    // Every item up to the next time says more of it.
                    labelled = Some((a, b));
                }
            }
            match ctx.as_mut() {
                Some(c) if continues => {
                    let t = clean(&l.raw[l.content.min(l.raw.len())..]);
                    let was_joining = c.joining && !blank_before;
                    for e in &mut out[c.first..=c.last] {
                        // A sentence wrapped onto the next line of its paragraph goes on: "It
                        // clamps the value at 100 without a" / "warning, and every user …". (A
                        // line that starts with a capital starts a statement of its own: "Issue
                        // Detected" / "Monitoring alerts fired" is a label and its details.)
                        let mid_sentence = !blank_before
                            && t.starts_with(|c: char| c.is_lowercase())
                            && !e
                                .text
                                .trim_end()
                                .ends_with(['.', '!', '?', ':', ';', ')', '"', '”']);
                        if e.text.is_empty() {
                            e.text = t.clone();
                            c.joining = true;
                        } else if (was_joining || mid_sentence) && e.text.len() < 400 {
                            e.text.push(' ');
                            e.text.push_str(&t);
                        } else if e.details.len() < 400 {
                            e.details.push(' ');
                            e.details.push_str(&t);
                        }
                    }
                    if !was_joining && !out[c.first..=c.last].iter().all(|e| e.text == t) {
                        c.joining = false;
                    }
                }
                _ => {
                    ctx = None;
                    // A time heading's text after a blank line: "#### 00:01:", "", "Things broke".
                    if let Some((a, b)) = awaiting {
                        if super::structure::title_line(l).is_none() && !l.table_row {
                            let t = clean(&l.raw[l.content.min(l.raw.len())..]);
                            for e in &mut out[a..=b] {
                                if e.text.is_empty() {
                                    e.text = t.clone();
                                    used = true;
                                }
                            }
                        }
                    }
                }
            }
            if untimed_item && !used {
                list.indent = Some(l.indent);
                list.untimed.lines.push(i);
            }
            awaiting = None;
            continue;
        }
        awaiting = None;
        labelled = None;
        let mut leading = leading;
        // In a timeline of plain lines, a line at the entry's own level that starts a new
        // sentence after the entry's ended is a statement of its own, and a time written in it
        // is an entry ("June 20, 10:00 AM: Alert fired." / "The incident was resolved on June
        // 21, 2:00 PM."), as in a timeline of sentences.
        let own_statement = ctx.as_ref().is_some_and(|c| {
            !c.list_item
                && !c.table_row
                && !l.list_item
                && l.indent == c.indent
                && l.raw[l.content.min(l.raw.len())..].starts_with(char::is_uppercase)
                && out[c.last].text.trim_end().ends_with(['.', '!', '?'])
        });
        let detail_of_head = continues
            && !own_statement
            && ctx
                .as_ref()
                .is_some_and(|c| !c.sentence || l.indent > c.indent);
        if leading.is_none() && !leading_only && detail_of_head {
            // A time inside the details of an entry belongs to that entry, unless it heads an
            // entry of its own after other text (`</code> 2113hrs WAT: She then …`).
            leading = times.iter().position(|t| followed_by_colon(m, t));
        }
        if leading.is_none() && (leading_only || detail_of_head) {
            continue;
        }
        let first = out.len();
        read_line(l, i, &times, leading, &mut out, &mut diags);
        table.untimed.entries |= l.table_row && out.len() > first;
        if l.list_item && out.len() > first {
            if list.indent.is_some_and(|d| d != l.indent) {
                list.flush(lines, &mut diags);
            }
            list.indent = Some(l.indent);
            list.untimed.entries = true;
        }
        if out.len() > first {
            for e in &mut out[first..] {
                e.heading_date = heading_date;
                e.section_zone = section_zone.clone();
            }
            ctx = Some(Ctx {
                indent: l.indent,
                table_row: l.table_row,
                sentence: leading.is_none(),
                joining: false,
                list_item: l.list_item,
                first,
                last: out.len() - 1,
            });
            if out[first..].iter().any(|e| e.text.is_empty()) {
                // A time nested under a label ("- **Detection Time:**", "  - 03:45 UTC") takes
                // the label; otherwise the text comes from the line below.
                match &label_above {
                    Some((indent, label)) if *indent < l.indent => {
                        for e in &mut out[first..] {
                            if e.text.is_empty() {
                                e.text = label.clone();
                            }
                        }
                        labelled = Some((first, out.len() - 1));
                    }
                    _ => awaiting = Some((first, out.len() - 1)),
                }
            }
        }
    }
    table.flush(lines, &mut diags);
    list.flush(lines, &mut diags);
    (out, diags)
}

/// The lines of one list or table in the timeline that have no time of day, and whether any
/// of its lines gave an entry: only then is it a timeline, and its untimed lines are said at
/// its end (PM305), since they would be left off the chart without a word.
#[derive(Default)]
struct UntimedLines {
    entries: bool,
    lines: Vec<usize>,
}

impl UntimedLines {
    /// Says each untimed line as `what` quotes it (`row`/`item` and the bytes to point at).
    fn flush(
        &mut self,
        lines: &[Line],
        diags: &mut Vec<Diagnostic>,
        what: impl Fn(&Line) -> Option<(&'static str, Range<usize>)>,
    ) {
        let run = std::mem::take(self);
        if !run.entries {
            return;
        }
        for i in run.lines {
            let l = &lines[i];
            let Some((kind, at)) = what(l).filter(|(_, at)| at.end > at.start) else {
                continue;
            };
            let quoted = excerpt(&clean(&l.raw[at.clone()]));
            diags.push(
                Diagnostic::new(
                    Code::UntimedRow,
                    format!(
                        "the timeline {kind} `{quoted}` has no time of day: it is not on the chart"
                    ),
                )
                .at(span_in(l, i, l.start + at.start, l.start + at.end))
                .with_help("write when it happened (`12:10`, `~12:10`), or say it in the summary"),
            );
        }
    }
}

/// A list met in the timeline: the indent of its items and its untimed items
/// (`* **Escalation:** the incident was escalated to …`).
#[derive(Default)]
struct ListRun {
    indent: Option<usize>,
    untimed: UntimedLines,
}

impl ListRun {
    fn flush(&mut self, lines: &[Line], diags: &mut Vec<Diagnostic>) {
        self.indent = None;
        self.untimed.flush(lines, diags, |l| {
            let from = l.content.min(l.raw.len());
            Some(("item", from..l.raw.trim_end().len().max(from)))
        });
    }
}

/// A Markdown table met in the timeline: whether its separator has passed (rows after it are
/// the body) and its untimed body rows (`| Pre-existing | Client reports … |`).
#[derive(Default)]
struct TableRun {
    body: bool,
    untimed: UntimedLines,
}

impl TableRun {
    fn flush(&mut self, lines: &[Line], diags: &mut Vec<Diagnostic>) {
        self.body = false;
        self.untimed.flush(lines, diags, |l| {
            // The first cell, where the time would be.
            let open = l.raw.find('|')?;
            let cell_end = l.raw[open + 1..]
                .find('|')
                .map_or(l.raw.len(), |k| open + 1 + k);
            let cell = &l.raw[open + 1..cell_end];
            let from = open + 1 + (cell.len() - cell.trim_start().len());
            Some(("row", from..open + 1 + cell.trim_end().len()))
        });
    }
}

/// Whether the line starts with a time of day (after markup, `At`, a date).
pub fn starts_with_time(l: &Line) -> bool {
    let p = leading_start(&l.masked, l.content);
    timefmt::time_at(&l.masked, p).is_some()
}

/// Where a leading time would start: after `At`, `~`, a date, brackets and emoji.
fn leading_start(m: &str, content: usize) -> usize {
    let b = m.as_bytes();
    let skip = |mut p: usize| {
        while p < b.len() && matches!(b[p], b' ' | b'(' | b'@' | b'~' | b',' | b';') {
            p += 1;
        }
        p
    };
    let mut p = skip(content);
    for _ in 0..3 {
        let lower: String = m[p..]
            .chars()
            .take(14)
            .collect::<String>()
            .to_ascii_lowercase();
        let mut moved = false;
        for w in [
            "at ",
            "around ",
            "approximately ",
            "approx. ",
            "about ",
            "on ",
            "time: ",
            "from ",
            "between ",
            "by ",
        ] {
            if lower.starts_with(w) {
                p = skip(p + w.len());
                moved = true;
            }
        }
        // A connective before the time: "Furthermore, at 1:00 PM -", "Then, 10:05 -".
        let word = m[p..].bytes().take_while(u8::is_ascii_alphabetic).count();
        if (2..=12).contains(&word) && m[p + word..].starts_with(", ") {
            let after = skip(p + word + 1);
            let next = m[after..(after + 8).min(m.len())].to_ascii_lowercase();
            if next.starts_with(|c: char| c.is_ascii_digit())
                || ["at ", "around ", "by "]
                    .iter()
                    .any(|w| next.starts_with(w))
            {
                p = after;
                moved = true;
            }
        }
        // Weekday before a date: "Tue, 1 Nov".
        if let Some(d) = timefmt::date_at(m, p) {
            p = skip(d.end);
            // ISO 8601 `T` between date and time.
            if d.end == p && m[p..].starts_with('T') {
                p += 1;
            }
            if m[p..].starts_with('-') {
                p = skip(p + 1);
            }
            moved = true;
        }
        if !moved {
            break;
        }
    }
    p
}

/// A zone written right after a time: ` UTC`, ` (EAT)`, `(GMT + 1)`.
pub fn zone_after(m: &str, pos: usize) -> Option<ZoneMatch> {
    let b = m.as_bytes();
    // ISO 8601 times carry `Z` or an attached offset: 2024-03-10T10:00:00Z, ...T10:00+01:00.
    let time_start = pos
        - b[..pos]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit() || **c == b':' || **c == b'.')
            .count();
    let iso = time_start >= 2 && b[time_start - 1] == b'T' && b[time_start - 2].is_ascii_digit();
    if iso {
        if b.get(pos) == Some(&b'Z') && !b.get(pos + 1).is_some_and(u8::is_ascii_alphanumeric) {
            return Some(ZoneMatch {
                start: pos,
                end: pos + 1,
                written: "UTC".into(),
                meaning: zones::ZoneMeaning::Fixed(0),
                abbreviation: Some("UTC".into()),
            });
        }
        if matches!(b.get(pos), Some(b'+') | Some(b'-')) {
            let spaced = format!(" {}", &m[pos..]);
            if let Some(mut z) = zones::zone_at(&spaced, 1) {
                z.start = pos;
                z.end = pos + z.end - 1;
                return Some(z);
            }
        }
    }
    let mut p = pos;
    while matches!(b.get(p), Some(b' ')) {
        p += 1;
    }
    if b.get(p) == Some(&b'(') {
        p += 1;
        while matches!(b.get(p), Some(b' ')) {
            p += 1;
        }
    }
    if p - pos > 4 {
        return None;
    }
    zones::zone_at(m, p)
}

/// An unknown capitalised word where a zone would go (`UCT`) and the zone it likely means.
fn misspelt_zone(m: &str, pos: usize) -> Option<(usize, usize, String, &'static str)> {
    let b = m.as_bytes();
    let mut p = pos;
    while matches!(b.get(p), Some(b' ') | Some(b'(')) && p < pos + 3 {
        p += 1;
    }
    let n = b[p.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    if !(3..=5).contains(&n) || b.get(p + n).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let word = &m[p..p + n];
    zones::suggest(word).map(|s| (p, p + n, word.to_string(), s))
}

/// Whether a time (with its zone) is followed by a colon: an entry's head (`12:06pm EAT: ...`).
fn followed_by_colon(m: &str, t: &TimeMatch) -> bool {
    let b = m.as_bytes();
    let mut p = zone_after(m, t.end).map(|z| z.end).unwrap_or(t.end);
    while matches!(b.get(p), Some(b' ') | Some(b')')) {
        p += 1;
    }
    b.get(p) == Some(&b':') && !b.get(p + 1).is_some_and(|c| c.is_ascii_digit())
}

/// Whether the time starts a sentence or a clause: after `.` or `;`.
fn after_sentence(m: &str, t: &TimeMatch) -> bool {
    m[..t.start].trim_end().ends_with(['.', ';'])
}

/// Whether the time (with its zone) is followed by a dash and text: `10:05 - paged`.
fn followed_by_dash(m: &str, t: &TimeMatch) -> bool {
    let p = zone_after(m, t.end).map(|z| z.end).unwrap_or(t.end);
    let rest = m[p..].trim_start();
    rest.starts_with('-')
        && !rest[1..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
}

/// Whether an HTML line break comes right before the time: `... x<br/>10:05 AM - y`.
fn after_line_break(raw: &str, t: &TimeMatch) -> bool {
    let before = raw[..t.start]
        .trim_end_matches([' ', '*', '_'])
        .to_ascii_lowercase();
    ["<br>", "<br/>", "<br />"]
        .iter()
        .any(|b| before.ends_with(b))
}

/// The time a range ends at, if `times[k]` starts one: `10:10 AM PST - 10:45 AM`, `7:30AM to 8:05PM`.
fn range_end(m: &str, times: &[TimeMatch], k: usize, after: usize) -> Option<usize> {
    let next = times.get(k + 1)?;
    let between = m.get(after..next.start)?.trim().to_ascii_lowercase();
    matches!(
        between.as_str(),
        "-" | "--" | "to" | "until" | "till" | "til" | "through" | "thru" | "and"
    )
    .then_some(k + 1)
}

/// Reads the entries of one line.
fn read_line(
    l: &Line,
    line_idx: usize,
    times: &[TimeMatch],
    leading: Option<usize>,
    out: &mut Vec<RawEntry>,
    diags: &mut Vec<Diagnostic>,
) {
    let m = l.masked.as_str();
    let mut dates = timefmt::find_dates(m);
    dates.truncate(MAX_TIMES_PER_LINE);
    // Entry heads: the leading time (or the first time), then every later time with a colon.
    let first = leading.unwrap_or(0);
    let sentence = leading.is_none() && !followed_by_colon(m, &times[first]);
    let mut heads = vec![first];
    let mut k = first;
    let mut consumed: Vec<(usize, Option<usize>, usize, Option<ZoneMatch>)> = Vec::new();
    while k < times.len() {
        let t = &times[k];
        let zone = zone_after(m, t.end);
        let mut after = zone.as_ref().map(|z| z.end).unwrap_or(t.end);
        let mut zone = zone;
        let end_k = range_end(m, times, k, after);
        if let Some(e) = end_k {
            let ez = zone_after(m, times[e].end);
            after = ez.as_ref().map(|z| z.end).unwrap_or(times[e].end);
            if zone.is_none() {
                zone = ez;
            }
        }
        consumed.push((k, end_k, after, zone));
        // The next head: a later time followed by a colon.
        let from = end_k.unwrap_or(k) + 1;
        match (from..times.len()).find(|&j| {
            times[j].start >= after
                && (followed_by_colon(m, &times[j])
                    || after_line_break(l.raw, &times[j])
                    || (after_sentence(m, &times[j]) && followed_by_dash(m, &times[j])))
        }) {
            Some(j) => {
                heads.push(j);
                k = j;
            }
            None => break,
        }
    }
    for (n, (k, end_k, after, zone)) in consumed.iter().enumerate() {
        let t = &times[*k];
        let span_end = end_k.map(|e| times[e].end).unwrap_or(t.end);
        let span = span_in(l, line_idx, l.start + t.start, l.start + span_end);
        if t.impossible {
            diags.push(
                Diagnostic::new(
                    Code::ImpossibleTime,
                    format!("`{}` is not a time of day", &l.raw[t.start..t.end]),
                )
                .at(span)
                .with_help("hours go from 0 to 23 (1 to 12 with AM/PM) and minutes from 0 to 59"),
            );
            continue;
        }
        if t.stray_meridiem {
            diags.push(
                Diagnostic::new(
                    Code::MeridiemOn24HourTime,
                    format!(
                        "`{}` is a 24-hour time with AM/PM; read as {:02}:{:02}",
                        &l.raw[t.start..t.end],
                        t.hour,
                        t.minute
                    ),
                )
                .at(span)
                .with_help("drop the AM/PM, or write the 12-hour time"),
            );
        }
        if zone.is_none() {
            if let Some((a, b, word, sugg)) = misspelt_zone(m, span_end) {
                diags.push(
                    Diagnostic::new(
                        Code::UnknownZone,
                        format!("`{word}` is not a time zone pmchart knows"),
                    )
                    .at(span_in(l, line_idx, l.start + a, l.start + b))
                    .with_help(format!("did you mean `{sugg}`?")),
                );
            }
        }
        let next_head = consumed
            .get(n + 1)
            .map(|c| times[c.0].start)
            .unwrap_or(m.len());
        let prev_end = if n == 0 { l.content } else { consumed[n - 1].2 };
        // The entry's date: written just before the time (after the previous entry), or just after.
        let mut text_from = *after;
        let mut date = None;
        let mut date_span = (0, 0);
        if let Some(d) = dates
            .iter()
            .rev()
            .find(|d| d.end <= t.start && d.start >= prev_end)
        {
            date = Some(d.value);
            date_span = (l.start + d.start, l.start + d.end);
        } else if let Some(d) = dates.iter().find(|d| {
            d.start >= *after
                && d.start < next_head
                && m[*after..d.start]
                    .chars()
                    .all(|c| matches!(c, ' ' | ',' | ')' | '(' | ';'))
        }) {
            date = Some(d.value);
            date_span = (l.start + d.start, l.start + d.end);
            text_from = d.end;
        }
        // An author's kind tag (`[escalate]`) read before markup is cleaned away.
        let rest_raw = &l.raw[text_from.min(next_head)..next_head];
        let tagged =
            crate::input::kinds::explicit_kind(rest_raw.trim().trim_end_matches(['.', ';']));
        let tag = tagged.as_ref().map(|(k, _)| *k);
        let entry_text = if let Some((_, untagged)) = &tagged {
            clean(untagged)
        } else if sentence && n == 0 {
            // The sentence without its time, and without a date written just before it.
            let date_before = date.is_some() && date_span.1 <= l.start + t.start;
            let cut = if date_before {
                date_span
                    .0
                    .saturating_sub(l.start)
                    .max(l.content.min(t.start))
            } else {
                t.start
            };
            let before = clean(&l.raw[l.content.min(cut)..cut]);
            // "Detected at Nov 1, 2022 6:00 AM", "solved later by 3:00 pm": the preposition
            // goes with the time or date taken out.
            let mut before = before.as_str();
            while let Some(shorter) = ["at", "on", "by", "around", "about", "approximately", "of"]
                .iter()
                .find_map(|p| {
                    before
                        .strip_suffix(p)
                        .filter(|b| b.is_empty() || b.ends_with(' '))
                        .map(str::trim_end)
                })
            {
                before = shorter;
            }
            let before = before.to_string();
            let rest = clean(&l.raw[text_from.min(next_head)..next_head]);
            format!("{before} {rest}").trim().to_string()
        } else {
            clean(&l.raw[text_from.min(next_head)..next_head])
        };
        let until = end_k.map(|e| (times[e].hour, times[e].minute, times[e].second));
        out.push(RawEntry {
            line: line_idx,
            start: l.start + t.start,
            end: l.start + span_end,
            hour: t.hour,
            minute: t.minute,
            second: t.second,
            until: until.filter(|_| !end_k.is_some_and(|e| times[e].impossible)),
            zone: zone.clone(),
            date,
            date_span,
            heading_date: None,
            text: entry_text,
            details: String::new(),
            section_zone: None,
            tag,
        });
    }
}

/// A line that only gives a date (a date heading): `**Nov 22rd 2019**`, `#### August 15, 2024`,
/// or a heading that starts with one and then names the day's part after a dash or colon:
/// `### Wednesday, February 10 — Detection and Response`.
fn date_line(l: &Line) -> Option<DateValue> {
    let dates = timefmt::find_dates(&l.masked);
    if dates.len() != 1 {
        return None;
    }
    let d = dates[0];
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
            .count()
    };
    let (before, after) = (&l.masked[..d.start], &l.masked[d.end..]);
    let only_a_date = words(before) + words(after) <= 2;
    // Only a heading or a bold line: a plain line `March 3 - Server down` is an entry.
    let own_line = {
        let content = l.raw.trim_start();
        !l.list_item && !l.table_row && (content.starts_with('#') || content.starts_with("**"))
    };
    // The separator read from the source: the masked copy is ASCII only.
    let titled = own_line
        && words(before) <= 1
        && l.raw.get(d.end..).is_some_and(|rest| {
            rest.trim_start_matches(['*', '_', ' '])
                .starts_with(['—', '–', '-', ':', '|', '('])
        });
    (only_a_date || titled).then_some(d.value)
}

/// A time at the start of an entry's line that cannot be read, as byte offsets in the line, and
/// what to do: an hour with a one-digit minute (`10:7`), or a template's placeholder (`xx:xx`,
/// `HH:MM`).
fn unreadable_lead_time(l: &Line) -> Option<(usize, usize, &'static str)> {
    let b = l.masked.as_bytes();
    let mut k = l.content.min(b.len());
    // Past spaces and emphasis: "**xx:xx PM**".
    while k < b.len() && matches!(b[k], b' ' | b'*' | b'_') {
        k += 1;
    }
    let start = k;
    let run = |from: usize, ok: fn(u8) -> bool| {
        b.get(from..)
            .map_or(0, |r| r.iter().take_while(|&&c| ok(c)).count())
    };
    let hour = run(k, |c| c.is_ascii_digit());
    // On a list item only: a paragraph's line may open with a ratio ("3:1 of the requests").
    if l.list_item
        && (1..=2).contains(&hour)
        && b.get(k + hour) == Some(&b':')
        && run(k + hour + 1, |c| c.is_ascii_digit()) == 1
    {
        return Some((
            start,
            k + hour + 2,
            "write the minutes with two digits (`10:07`)",
        ));
    }
    // A placeholder left in a template: `xx:xx`, `HH:MM`, `??:??`.
    let hour = run(k, |c| matches!(c, b'x' | b'X' | b'h' | b'H' | b'?'));
    let minute = run(k + hour + 1, |c| {
        matches!(c, b'x' | b'X' | b'm' | b'M' | b'?')
    });
    let ends = b
        .get(k + hour + 1 + minute)
        .is_none_or(|c| !c.is_ascii_alphanumeric());
    ((1..=2).contains(&hour) && b.get(k + hour) == Some(&b':') && minute == 2 && ends).then_some((
        start,
        k + hour + 1 + minute,
        "write the time it happened (`14:25`); a moment whose time is not known belongs in the text of the entry before it",
    ))
}

/// A zone stated for the timeline on a line of its own: "All times are in UTC", a table header
/// `| Time (GMT + 1) | Actions |`.
pub(super) fn zone_statement(l: &Line) -> Option<ZoneMatch> {
    let lower = l.masked.to_ascii_lowercase();
    // "time", "times", "timezone" as words: not "downtime".
    let says_time = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| matches!(w, "time" | "times" | "timezone" | "zone" | "tz"));
    if !says_time {
        return None;
    }
    if !l.table_row && lower.split_whitespace().count() > 12 {
        return None;
    }
    zones::find_zone(&l.masked)
}
