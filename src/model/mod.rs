//! The incident model: the contract between every reader (JSON, Markdown) and everything downstream
//! (checks, layout, drawing, embedding). Readers produce it; nothing after them looks at source text.
//!
//! Times are [`When`]s: an instant with its calendar date, or a time of day when the author gave no
//! date. Both keep the offset they were written in, so the wall clock the author wrote can always
//! be printed back. A chart of times of day shows times only.

mod when;
pub use when::{TimeOfDay, When, WhenParseError};

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, Offset, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::fmt;
use std::path::PathBuf;

/// A whole incident, as read from one input.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Incident {
    /// Title of the postmortem (first heading) or given with `--title`.
    pub title: Option<String>,
    /// The zone the chart is drawn in. `None`: the zone of the first event, else UTC.
    pub display_zone: Option<Zone>,
    /// What the timeline states about its zone, when it states one for all entries.
    pub zone_note: Option<ZoneNote>,
    /// The impact window: outage start and end, as the summary states them.
    pub impact: Impact,
    /// Timeline entries in source order (not necessarily in time order: the checks report that).
    pub events: Vec<Event>,
    /// Facts about the document the checks need (sections, word counts), filled by readers of
    /// prose formats. `None` for JSON.
    pub document: Option<Document>,
    /// Where the incident was read from.
    pub source: Source,
}

/// The impact window and what the summary says about it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Impact {
    /// The outage start the summary gives.
    pub start: Option<Stamp>,
    /// The outage end the summary gives.
    pub end: Option<Stamp>,
    /// A duration stated in words ("lasted 2 hours and 30 minutes").
    pub stated_duration: Option<StatedDuration>,
}

/// A point in time as the source gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp {
    /// When.
    pub time: When,
    /// The zone as written next to this time, normalised in spelling ("WAT", "UTC+01:00").
    pub zone: Option<String>,
    /// Where it is written in the source.
    pub span: Option<Span>,
}

/// A duration the source states in words ("lasted 2 hours").
#[derive(Debug, Clone, PartialEq)]
pub struct StatedDuration {
    /// The duration.
    pub duration: Duration,
    /// Where it is written in the source.
    pub span: Option<Span>,
}

/// One timeline entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// When.
    pub time: When,
    /// End of a range ("10:10 - 10:45: ..."), an activity with a duration.
    pub end: Option<When>,
    /// What the entry means for the flow (detection, escalation …).
    pub kind: EventKind,
    /// The entry's text, without the time and without markup.
    pub text: String,
    /// Team or person: who was escalated to, who acted.
    pub actor: Option<String>,
    /// The date was rolled forward a day because the time went past midnight without a new date.
    pub rolled_over: bool,
    /// The zone as written for this entry (on it or stated for the whole timeline), spelling
    /// normalised; `None` when the source states no zone and one was assumed.
    pub zone: Option<String>,
    /// `true` when `kind` was written by the author (a `[escalate]` tag, a JSON `kind`), not guessed.
    pub kind_explicit: bool,
    /// Where the entry's time is written in the source.
    pub span: Option<Span>,
    /// How a reader decided the kind (the words and the rule), for `pmchart parse --explain`;
    /// `None` when the kind was given.
    pub kind_reason: Option<String>,
}

impl Event {
    /// An event at `time` with text, kind guessed as `Action`; readers fill in the rest.
    pub fn new(time: impl Into<When>, kind: EventKind, text: impl Into<String>) -> Event {
        Event {
            time: time.into(),
            end: None,
            kind,
            text: text.into(),
            actor: None,
            rolled_over: false,
            zone: None,
            kind_explicit: false,
            span: None,
            kind_reason: None,
        }
    }

    /// The written wall clock, `HH:MM` or `HH:MM:SS` when it has seconds.
    pub fn wall_clock(&self) -> String {
        self.time.wall_clock()
    }
}

/// What an entry means for the incident's flow. The chart draws each kind differently.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// The cause: a deploy, a config change, the first failure. Before detection.
    Trigger,
    /// The problem was noticed: an alert, a report.
    Detect,
    /// Someone took it on: the on-call engineer responded.
    Acknowledge,
    /// Handed to or joined by another team or person (the actor).
    Escalate,
    /// Investigation work, the default.
    Action,
    /// A dead end: an assumption that turned out wrong.
    Misleading,
    /// The impact was reduced or worked around.
    Mitigate,
    /// The outage ended.
    Resolve,
    /// Aftermath: postmortem written, monitoring added. Not part of the flow.
    Note,
}

impl EventKind {
    /// Every kind, in the order of the flow.
    pub const ALL: [EventKind; 9] = [
        EventKind::Trigger,
        EventKind::Detect,
        EventKind::Acknowledge,
        EventKind::Escalate,
        EventKind::Action,
        EventKind::Misleading,
        EventKind::Mitigate,
        EventKind::Resolve,
        EventKind::Note,
    ];

    /// The kind's name, as in JSON and tags.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Trigger => "trigger",
            EventKind::Detect => "detect",
            EventKind::Acknowledge => "acknowledge",
            EventKind::Escalate => "escalate",
            EventKind::Action => "action",
            EventKind::Misleading => "misleading",
            EventKind::Mitigate => "mitigate",
            EventKind::Resolve => "resolve",
            EventKind::Note => "note",
        }
    }

    /// Parses a kind name or a common synonym, as written in a tag (`[escalate]`) or JSON.
    pub fn parse(s: &str) -> Option<EventKind> {
        let s = s.trim().to_ascii_lowercase();
        Some(match s.as_str() {
            "trigger" | "cause" | "start" => EventKind::Trigger,
            "detect" | "detection" | "detected" | "alert" => EventKind::Detect,
            "acknowledge" | "ack" | "acknowledged" | "acknowledgement" => EventKind::Acknowledge,
            "escalate" | "escalation" | "escalated" => EventKind::Escalate,
            "action" | "investigate" | "investigation" => EventKind::Action,
            "misleading" | "dead-end" | "dead end" | "red-herring" => EventKind::Misleading,
            "mitigate" | "mitigation" | "fix" => EventKind::Mitigate,
            "resolve" | "resolution" | "resolved" => EventKind::Resolve,
            "note" => EventKind::Note,
            _ => return None,
        })
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A time zone: an IANA zone (with DST rules) or a fixed offset with an optional name.
#[derive(Debug, Clone, PartialEq)]
pub enum Zone {
    /// A zone with rules (`Europe/London`): the offset follows the date.
    Iana(chrono_tz::Tz),
    /// A fixed offset.
    Fixed {
        /// The offset.
        offset: FixedOffset,
        /// Abbreviation as written ("WAT", "UTC"), if any.
        name: Option<String>,
    },
}

impl Zone {
    /// UTC.
    pub fn utc() -> Zone {
        Zone::Fixed {
            offset: FixedOffset::east_opt(0).expect("zero offset"),
            name: Some("UTC".into()),
        }
    }

    /// Parses an IANA name (`Africa/Lagos`), `UTC`, or an offset (`+01:00`, `UTC+1`, `UTC-07:00`).
    pub fn parse(s: &str) -> Option<Zone> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("utc") || s.eq_ignore_ascii_case("z") {
            return Some(Zone::utc());
        }
        // "WAT (UTC+01:00)": a named fixed offset, as [`Zone::qualified_name`] writes it.
        if let Some((name, rest)) = s.split_once(" (") {
            if let (Some(inner), true) = (
                rest.strip_suffix(')'),
                (2..=6).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphabetic()),
            ) {
                let offset = inner
                    .strip_prefix("UTC")
                    .or_else(|| inner.strip_prefix("GMT"))
                    .and_then(|o| parse_offset(o.trim()))?;
                return Some(Zone::Fixed {
                    offset,
                    name: Some(name.to_string()),
                });
            }
        }
        if let Ok(tz) = s.parse::<chrono_tz::Tz>() {
            return Some(Zone::Iana(tz));
        }
        let rest = s
            .strip_prefix("UTC")
            .or_else(|| s.strip_prefix("GMT"))
            .unwrap_or(s)
            .trim();
        parse_offset(rest).map(|offset| Zone::Fixed { offset, name: None })
    }

    /// The UTC offset in force at `utc`.
    pub fn offset_at(&self, utc: &DateTime<Utc>) -> FixedOffset {
        match self {
            Zone::Iana(tz) => tz.offset_from_utc_datetime(&utc.naive_utc()).fix(),
            Zone::Fixed { offset, .. } => *offset,
        }
    }

    /// `utc` as a wall clock in this zone.
    pub fn to_local(&self, utc: &DateTime<Utc>) -> DateTime<FixedOffset> {
        utc.with_timezone(&self.offset_at(utc))
    }

    /// The abbreviation in force at `utc` ("EDT", "WAT", "UTC", "+03").
    pub fn abbreviation_at(&self, utc: &DateTime<Utc>) -> String {
        match self {
            Zone::Iana(tz) => {
                let off = tz.offset_from_utc_datetime(&utc.naive_utc());
                format!("{}", off)
            }
            Zone::Fixed { name: Some(n), .. } => n.clone(),
            Zone::Fixed { offset, .. } => format_offset(offset.local_minus_utc(), true),
        }
    }

    /// How the axis names the zone: `UTC`, `WAT (UTC+01:00)`, `EDT (UTC-04:00)`.
    pub fn axis_label_at(&self, utc: &DateTime<Utc>) -> String {
        let off = self.offset_at(utc).local_minus_utc();
        let abbr = self.abbreviation_at(utc);
        if off == 0 && (abbr == "UTC" || abbr == "GMT") {
            return abbr;
        }
        let utc_form = format!("UTC{}", format_offset(off, true));
        if abbr.starts_with('+') || abbr.starts_with('-') || abbr == utc_form {
            utc_form
        } else {
            format!("{abbr} ({utc_form})")
        }
    }

    /// Canonical name: the IANA name, or `UTC`, or `UTC+01:00`.
    /// [`Zone::name`], with the abbreviation of a named fixed offset kept: "WAT (UTC+01:00)".
    /// [`Zone::parse`] reads it back to the same zone.
    pub fn qualified_name(&self) -> String {
        match self {
            Zone::Fixed {
                name: Some(n),
                offset,
            } if !(offset.local_minus_utc() == 0 && (n == "UTC" || n == "GMT"))
                && (2..=6).contains(&n.len())
                && n.chars().all(|c| c.is_ascii_alphabetic()) =>
            {
                format!("{n} ({})", self.name())
            }
            _ => self.name(),
        }
    }

    /// The IANA name, `UTC`, or `UTC+01:00`.
    pub fn name(&self) -> String {
        match self {
            Zone::Iana(tz) => tz.name().to_string(),
            Zone::Fixed { offset, name } => match name {
                Some(n) if offset.local_minus_utc() == 0 && (n == "UTC" || n == "GMT") => n.clone(),
                _ => format!("UTC{}", format_offset(offset.local_minus_utc(), true)),
            },
        }
    }

    /// Resolves a wall clock in this zone. Returns every instant it names: none in a DST gap,
    /// two in a DST fold.
    pub fn resolve_local(&self, naive: &NaiveDateTime) -> Vec<DateTime<FixedOffset>> {
        match self {
            Zone::Iana(tz) => match tz.from_local_datetime(naive) {
                chrono::LocalResult::Single(t) => vec![t.fixed_offset()],
                chrono::LocalResult::Ambiguous(a, b) => vec![a.fixed_offset(), b.fixed_offset()],
                chrono::LocalResult::None => vec![],
            },
            Zone::Fixed { offset, .. } => offset
                .from_local_datetime(naive)
                .single()
                .into_iter()
                .collect(),
        }
    }
}

/// `+01:00` style offset (with `colon`), or `+0100`.
pub fn format_offset(secs: i32, colon: bool) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let (h, m) = (a / 3600, (a % 3600) / 60);
    if colon {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}")
    }
}

/// Parses a whole offset: `+1`, `-07:00`, `+0530`, `+5:30`, `+ 1`. Offsets beyond ±14 h are
/// rejected.
pub fn parse_offset(s: &str) -> Option<FixedOffset> {
    let s = s.trim();
    let (secs, len) = offset_prefix(s)?;
    (len == s.len())
        .then(|| FixedOffset::east_opt(secs))
        .flatten()
}

/// The offset written at the start of `s` (`+1`, `-07:00`, `+0530`, `+5:30`, `+ 2`, `−3`): its
/// seconds east of UTC and how many bytes it takes. Not an offset when a letter or digit follows,
/// beyond ±14 h, or with minutes over 59. The one reader of written offsets: `--tz`, JSON zones
/// and zones in a postmortem's text all go through it.
pub fn offset_prefix(s: &str) -> Option<(i32, usize)> {
    let (sign, after_sign) = if let Some(r) = s.strip_prefix('+') {
        (1, s.len() - r.len())
    } else if let Some(r) = s.strip_prefix(['-', '−']) {
        (-1, s.len() - r.len())
    } else {
        return None;
    };
    let b = s.as_bytes();
    let k = after_sign + b[after_sign..].iter().take_while(|c| **c == b' ').count();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let number = |from: usize, len: usize| s[from..from + len].parse::<i32>().ok();
    let nd = digits(k);
    let (h, m, end) =
        if (1..=2).contains(&nd) && b.get(k + nd) == Some(&b':') && digits(k + nd + 1) == 2 {
            (number(k, nd)?, number(k + nd + 1, 2)?, k + nd + 3)
        } else if nd == 4 {
            (number(k, 2)?, number(k + 2, 2)?, k + 4)
        } else if (1..=2).contains(&nd) {
            (number(k, nd)?, 0, k + nd)
        } else {
            return None;
        };
    if h > 14 || m > 59 || b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((sign * (h * 3600 + m * 60), end))
}

/// A zone the timeline states once for all its entries ("all times UTC", "Timeline (EAT)").
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneNote {
    /// As written, spelling normalised.
    pub written: String,
    /// Where it is written in the source.
    pub span: Option<Span>,
}

/// Where something is in the source. Lines and columns are 1-based; columns count characters;
/// `start..end` are byte offsets into the source (for diagnostics reporters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based character column of the start.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based character column of the end.
    pub end_column: usize,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
}

impl Span {
    /// The span of bytes `start..end` of `source`, with lines and columns computed.
    pub fn from_bytes(source: &str, start: usize, end: usize) -> Span {
        Span::with(source.len(), start, end, |at| line_col(source, at))
    }

    /// Clamps `start..end` into a text of `len` bytes and places both ends with `place`.
    fn with(len: usize, start: usize, end: usize, place: impl Fn(usize) -> (usize, usize)) -> Span {
        let end = end.min(len).max(start.min(len));
        let start = start.min(end);
        let (line, column) = place(start);
        let (end_line, end_column) = place(end);
        Span {
            line,
            column,
            end_line,
            end_column,
            start,
            end,
        }
    }
}

/// The span of 1-based line `line` of `text` (its content, without the line ending), when the
/// text has that line.
pub fn line_span(text: &str, line: usize) -> Option<Span> {
    let (start, end) = *line_bounds(text).get(line.checked_sub(1)?)?;
    Some(Span::from_bytes(text, start, end))
}

/// The line starts of a text, so that many spans cost a binary search each rather than a scan
/// from the start of the text (quadratic over 100,000 entries).
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
    /// Characters before each multiple of [`CHUNK`] bytes: a column is then counted over at
    /// most one chunk, so spans on one huge line (a minified JSON) cost linear time, not
    /// quadratic.
    chars_before_chunk: Vec<usize>,
    /// The line (1-based) of the last lookup. Readers ask for spans mostly in order, so the next
    /// one is on that line or the next and is found without a search: a binary search per span
    /// made reading cost more per entry the longer the file.
    last_line: Cell<usize>,
}

/// Bytes between the character-count checkpoints of a [`LineIndex`].
const CHUNK: usize = 1024;

/// Characters that start in `bytes` (UTF-8 continuation bytes are not starts).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count()
}

/// Each line of `source` as (start, end of its content): a line ends at `\n`, `\r\n` or a lone
/// `\r`, as in CommonMark. The one definition of a line that the readers, spans and
/// diagnostics share, so pulldown-cmark's offsets and pmchart's line numbers always agree.
pub fn line_bounds(source: &str) -> Vec<(usize, usize)> {
    let b = source.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                out.push((start, i));
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, b.len()));
    out
}

impl<'a> LineIndex<'a> {
    /// The index of `source`, built in one pass.
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let starts = line_bounds(source).into_iter().map(|(s, _)| s).collect();
        let mut chars_before_chunk = vec![0];
        for chunk in source.as_bytes().chunks(CHUNK) {
            let last = *chars_before_chunk.last().unwrap_or(&0);
            chars_before_chunk.push(last + char_starts(chunk));
        }
        LineIndex {
            source,
            starts,
            chars_before_chunk,
            last_line: Cell::new(1),
        }
    }

    /// Characters before byte `offset` (a char boundary) in the whole source.
    fn chars_before(&self, offset: usize) -> usize {
        let k = offset / CHUNK;
        self.chars_before_chunk[k] + char_starts(&self.source.as_bytes()[k * CHUNK..offset])
    }

    /// The same as [`line_col`], faster.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let line_start = self.starts[line - 1];
        // Short lines are counted over directly; a long one (minified JSON) through the chunks.
        let column = if offset - line_start <= CHUNK {
            char_starts(&self.source.as_bytes()[line_start..offset])
        } else {
            self.chars_before(offset) - self.chars_before(line_start)
        };
        (line, column + 1)
    }

    /// The 1-based line holding byte `offset`: the last lookup's line or the next when it is
    /// there, else a binary search.
    fn line_of(&self, offset: usize) -> usize {
        let holds = |line: usize| {
            self.starts[line - 1] <= offset && self.starts.get(line).is_none_or(|&n| offset < n)
        };
        let last = self.last_line.get();
        let line = if holds(last) {
            last
        } else if last < self.starts.len() && holds(last + 1) {
            last + 1
        } else {
            self.starts.partition_point(|&s| s <= offset)
        };
        self.last_line.set(line);
        line
    }

    /// The same as [`Span::from_bytes`], faster.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::with(self.source.len(), start, end, |at| self.line_col(at))
    }
}

/// 1-based line and character column of byte `offset` (clamped to a char boundary).
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    LineIndex::new(source).line_col(offset)
}

/// Facts about a prose document (Markdown) that the template checks need, gathered by the reader
/// so that no check has to parse Markdown again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Every section, in document order.
    pub sections: Vec<Section>,
    /// Words of prose as a reader counts them: no Markdown syntax, HTML, image links or code fences.
    pub word_count: usize,
    /// Where the reader found the timeline.
    pub timeline: Option<TimelineFound>,
    /// Codes turned off for this file by `<!-- pmchart-disable PM607 -->` comments.
    pub disabled: Vec<String>,
}

/// Where the reader found the timeline, and by which rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimelineFound {
    /// `title`, `title-bullet` or `run` (see the README, "Reading Markdown").
    pub found_by: &'static str,
    /// 1-based line of its title, or of its first entry when it has none.
    pub line: usize,
}

/// One section of the document: a heading (or bold title line) and what follows until the next
/// heading of the same or higher level.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    /// The heading's text without markup or emoji.
    pub title: String,
    /// 1-6 for `#` headings; 7 for a bold or standalone title line.
    pub level: u8,
    /// Where it is written in the source.
    pub span: Option<Span>,
    /// The section's prose as plain text, paragraphs separated by newlines.
    pub text: String,
    /// Words of prose in the section.
    pub word_count: usize,
    /// List items directly in the section (a TODO-like list counts its items here).
    pub list_items: usize,
    /// What the section is, decided once by the reader; the template checks and `embed` use it.
    pub kind: SectionKind,
}

/// What a section of a postmortem is: one of the parts the template checks and `embed` look
/// for, named by its title, or (for the timeline) the section the reader found the entries in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SectionKind {
    /// "Issue Summary", "Summary", "Overview".
    Summary,
    /// "Timeline", "Chronology", "Sequence of events", or where the entries were found.
    Timeline,
    /// "Root cause and resolution", "Root Cause", "Resolution", "RCA".
    RootCause,
    /// "Corrective and preventative measures", "Preventive measures", "Action items".
    Measures,
    /// Anything else.
    #[default]
    Other,
}

/// Where an incident came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Source {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// How it is read.
    pub format: InputFormat,
}

impl Source {
    /// The path to show in messages: the file's path or `<stdin>`.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "<stdin>".to_string(),
        }
    }
}

/// An input loaded into memory, kept for diagnostics that quote it.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// The whole text.
    pub text: String,
    /// How it is read.
    pub format: InputFormat,
}

impl SourceText {
    /// The path to show in messages, or `<stdin>`.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "<stdin>".to_string(),
        }
    }
}

/// The formats pmchart reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// The JSON incident format (`pmchart parse` writes it).
    #[default]
    Json,
    /// A postmortem in Markdown.
    Markdown,
}

impl Incident {
    /// Events in time order (stable: equal times keep file order).
    pub fn events_by_time(&self) -> Vec<&Event> {
        let mut v: Vec<&Event> = self.events.iter().collect();
        v.sort_by_key(|e| e.time);
        v
    }

    /// Every moment of the incident: events, their ends, the impact window.
    fn moments(&self) -> impl Iterator<Item = &When> {
        self.events
            .iter()
            .flat_map(|e| std::iter::once(&e.time).chain(&e.end))
            .chain(self.impact.start.as_ref().map(|s| &s.time))
            .chain(self.impact.end.as_ref().map(|s| &s.time))
    }

    /// `true` when every event and the impact window have a known date.
    pub fn dates_known(&self) -> bool {
        self.moments().all(When::is_dated)
    }

    /// The zone to draw in: the one chosen, else the first event's offset, else UTC.
    pub fn zone_for_display(&self) -> Zone {
        if let Some(z) = &self.display_zone {
            return z.clone();
        }
        if let Some(e) = self.events.first() {
            let name = e
                .zone
                .clone()
                .filter(|z| z.chars().all(|c| c.is_ascii_uppercase()));
            // An unnamed zero offset is UTC (times read as UTC when no zone is stated): the
            // axis says "UTC", not "UTC+00:00".
            if name.is_none() && e.time.offset().local_minus_utc() == 0 {
                return Zone::utc();
            }
            return Zone::Fixed {
                offset: e.time.offset(),
                name,
            };
        }
        Zone::utc()
    }

    /// The first event of `kind` in time order.
    pub fn first_of(&self, kind: EventKind) -> Option<&Event> {
        self.events
            .iter()
            .filter(|e| e.kind == kind)
            .min_by_key(|e| e.time)
    }

    /// The last event of `kind` in time order.
    pub fn last_of(&self, kind: EventKind) -> Option<&Event> {
        self.events
            .iter()
            .filter(|e| e.kind == kind)
            .max_by_key(|e| e.time)
    }

    /// Impact start: the summary's, else the trigger's or the first event's time.
    pub fn impact_start(&self) -> Option<When> {
        self.impact
            .start
            .as_ref()
            .map(|s| s.time)
            .or_else(|| self.events_by_time().first().map(|e| e.time))
    }

    /// Impact end: the summary's, else the last resolution, else the last event (or its end).
    pub fn impact_end(&self) -> Option<When> {
        self.impact.end.as_ref().map(|s| s.time).or_else(|| {
            self.last_of(EventKind::Resolve)
                .map(|e| e.end.unwrap_or(e.time))
                .or_else(|| self.events.iter().map(|e| e.end.unwrap_or(e.time)).max())
        })
    }
}

/// Puts moments dated only in part on one footing: every time of day goes on the day of the first
/// dated moment (events first, then the impact window), plus its own day count. Returns the day
/// used, when anything moved. A chart never spans the years between a real date and no date.
pub fn settle_days(events: &mut [Event], impact: &mut Impact) -> Option<chrono::NaiveDate> {
    let all = || {
        events
            .iter()
            .flat_map(|e| std::iter::once(e.time).chain(e.end))
            .chain(impact.start.as_ref().map(|s| s.time))
            .chain(impact.end.as_ref().map(|s| s.time))
    };
    if all().all(|w| w.is_dated()) {
        return None;
    }
    let first_day = all().find_map(|w| w.date())?;
    for e in events.iter_mut() {
        e.time = e.time.dated_from(first_day);
        e.end = e.end.map(|t| t.dated_from(first_day));
    }
    for s in [&mut impact.start, &mut impact.end].into_iter().flatten() {
        s.time = s.time.dated_from(first_day);
    }
    Some(first_day)
}

/// "2 h 30 min", "45 min", "1 day 3 h", "2 days", "30 s": every duration pmchart prints (the
/// chart, the diagnostics, the README's alt text) is written this one way.
pub fn format_duration(d: Duration) -> String {
    let secs = d.num_seconds().max(0);
    let (days, hours, mins) = (secs / 86400, (secs % 86400) / 3600, (secs % 3600) / 60);
    let day_words = |d: i64| format!("{d} day{}", if d == 1 { "" } else { "s" });
    match (days, hours, mins) {
        (0, 0, 0) if secs == 0 => "0 min".to_string(),
        (0, 0, 0) => format!("{secs} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => day_words(d),
        (d, h, _) => format!("{} {h} h", day_words(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_index_answers_offsets_in_any_order() {
        let source = "ab\ncd\r\n\r\né€x\rlast";
        // By hand: (offset, line, column) for every char boundary.
        let expected = [
            (0, 1, 1),
            (1, 1, 2),
            (2, 1, 3),
            (3, 2, 1),
            (5, 2, 3),
            (6, 2, 4),
            (7, 3, 1),
            (8, 3, 2),
            (9, 4, 1),
            (11, 4, 2),
            (14, 4, 3),
            (15, 4, 4),
            (16, 5, 1),
            (20, 5, 5),
        ];
        let index = LineIndex::new(source);
        let forward = expected.iter();
        let backward = expected.iter().rev();
        let jumping = expected.iter().step_by(3).chain(expected.iter().step_by(2));
        for (offset, line, column) in forward.chain(backward).chain(jumping) {
            assert_eq!(index.line_col(*offset), (*line, *column), "offset {offset}");
            assert_eq!(
                line_col(source, *offset),
                (*line, *column),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn offsets_parse_in_every_written_form() {
        for (s, secs) in [
            ("+1", 3600),
            ("-07:00", -25200),
            ("+0530", 19800),
            ("+5:30", 19800),
            ("+ 1", 3600),
        ] {
            assert_eq!(
                parse_offset(s).map(|o| o.local_minus_utc()),
                Some(secs),
                "{s}"
            );
        }
        assert_eq!(parse_offset("+15"), None);
        assert_eq!(parse_offset("1"), None);
        assert_eq!(
            parse_offset("−3").map(|o| o.local_minus_utc()),
            Some(-10800)
        );
        assert_eq!(offset_prefix("+01:00 WAT"), Some((3600, 6)));
        assert_eq!(offset_prefix("+1h"), None);
    }

    #[test]
    fn zone_labels_name_abbreviation_and_offset() {
        let t: DateTime<Utc> = "2026-07-01T12:00:00Z".parse().unwrap();
        assert_eq!(Zone::utc().axis_label_at(&t), "UTC");
        let ny = Zone::parse("America/New_York").unwrap();
        assert_eq!(ny.axis_label_at(&t), "EDT (UTC-04:00)");
        let wat = Zone::Fixed {
            offset: FixedOffset::east_opt(3600).unwrap(),
            name: Some("WAT".into()),
        };
        assert_eq!(wat.axis_label_at(&t), "WAT (UTC+01:00)");
        assert_eq!(Zone::parse("UTC+2").unwrap().name(), "UTC+02:00");
    }

    #[test]
    fn dst_gap_and_fold_resolve_to_zero_and_two_instants() {
        let ny = Zone::parse("America/New_York").unwrap();
        let gap = "2026-03-08T02:30:00".parse::<NaiveDateTime>().unwrap();
        assert!(ny.resolve_local(&gap).is_empty());
        let fold = "2026-11-01T01:30:00".parse::<NaiveDateTime>().unwrap();
        assert_eq!(ny.resolve_local(&fold).len(), 2);
    }

    #[test]
    fn spans_count_lines_and_characters() {
        let src = "ab\nçd ef\n";
        let s = Span::from_bytes(src, 7, 9);
        assert_eq!((s.line, s.column, s.end_line, s.end_column), (2, 4, 2, 6));
    }

    #[test]
    fn the_line_index_agrees_with_span_from_bytes() {
        let src = "ab\nçd ef\n\n{\"x\": 1}\n";
        let index = LineIndex::new(src);
        for (a, b) in [
            (0, 2),
            (3, 5),
            (4, 6),
            (7, 9),
            (11, 19),
            (1, 5),
            (9, 3),
            (0, 99),
        ] {
            assert_eq!(index.span(a, b), Span::from_bytes(src, a, b), "{a}..{b}");
        }
    }

    #[test]
    fn durations_read_like_a_person_writes_them() {
        assert_eq!(format_duration(Duration::minutes(150)), "2 h 30 min");
        assert_eq!(format_duration(Duration::minutes(45)), "45 min");
        assert_eq!(format_duration(Duration::hours(27)), "1 day 3 h");
        assert_eq!(format_duration(Duration::hours(48)), "2 days");
        assert_eq!(format_duration(Duration::zero()), "0 min");
        assert_eq!(format_duration(Duration::seconds(40)), "40 s");
    }
}
