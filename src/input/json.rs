//! The JSON input format, and the same format as output (`pmchart parse`): a round trip gives the
//! same chart. See the README's "JSON format" section and `schema/pmchart.schema.json`.

use super::{Failure, Parsed, ReadOptions};
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{
    Event, EventKind, Impact, Incident, LineIndex, Span, Stamp, StatedDuration, When, Zone,
};
use chrono::Duration;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The file as a whole. Events stay raw here so that each can be located in the text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn<'a> {
    /// The format's version; 1, the only one so far, when absent.
    #[serde(default)]
    version: Option<u32>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    impact: Option<ImpactIo>,
    /// Written by `parse`; ignored on input.
    #[serde(default)]
    #[allow(dead_code)]
    timeline: Option<TimelineIo>,
    /// Written by `parse`; ignored on input (computed from the events).
    #[serde(default)]
    #[allow(dead_code)]
    metrics: Option<serde::de::IgnoredAny>,
    #[serde(borrow)]
    events: Vec<&'a RawValue>,
}

/// One figure: measured between two moments, or why it is not.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Metric")]
struct MetricIo {
    /// What it is measured from: `impact start`, `trigger`, `first entry`, `detection`.
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_line: Option<usize>,
    /// What it is measured to: `detection`, `acknowledgement`, `mitigation`, `resolution`,
    /// `impact end`.
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minutes: Option<i64>,
    /// Why there is no figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    missing: Option<String>,
}

/// Where the Markdown reader found the timeline, and by which rule.
#[derive(Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "TimelineFound")]
struct TimelineIo {
    /// `title` (a section titled like a timeline), `title-bullet` (a bullet that only says
    /// "Timeline", entries nested below it) or `run` (consecutive lines starting with a time,
    /// found by their shape).
    found_by: String,
    /// The line of its title, or of its first entry when it has none.
    line: usize,
}

/// The outage as the summary states it.
#[derive(Deserialize, Serialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Impact")]
struct ImpactIo {
    /// Outage start: RFC 3339, or a time of day (see `Event.time`).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "when_opt")]
    #[schemars(with = "Option<String>")]
    start: Option<When>,
    /// Outage end: RFC 3339, or a time of day (see `Event.time`).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "when_opt")]
    #[schemars(with = "Option<String>")]
    end: Option<When>,
    /// A duration the source states in words, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stated_minutes: Option<i64>,
    /// Read for files written before times of day had their own form: `false` says that the
    /// dates in `start` and `end` are placeholders. Never written.
    #[serde(default = "yes", skip_serializing)]
    date_known: bool,
}

/// One timeline entry.
#[derive(Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Event")]
struct EventIo {
    /// When it happened, with the offset it was written in: RFC 3339
    /// (`2024-06-05T14:30:00+01:00`), or a time of day when the source gives no date
    /// (`14:30:00+01:00`; `00:30:00+01:00 +1 day` after the timeline crossed midnight).
    #[serde(with = "when")]
    #[schemars(
        with = "String",
        regex(
            pattern = r"^(\d{4}-\d{2}-\d{2}T)?\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})( [+-]\d+ days?)?$"
        )
    )]
    time: When,
    /// End of an activity with a duration (a range such as "10:10 - 10:45"), in the same form.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "when_opt")]
    #[schemars(with = "Option<String>")]
    end: Option<When>,
    /// What the entry means; `action` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<EventKind>,
    /// The entry's text, without the time.
    text: String,
    /// Team or person: who was escalated to, who acted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actor: Option<String>,
    /// The zone as written in the source ("WAT"); informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    zone: Option<String>,
    /// Read for files written before times of day had their own form: `false` says that the
    /// date in `time` is a placeholder. Never written.
    #[serde(default = "yes", skip_serializing)]
    date_known: bool,
    /// The date was moved to the next day because the time went past midnight.
    #[serde(default, skip_serializing_if = "is_false")]
    rolled_over: bool,
    /// Source line of the entry in the file `parse` read; informational on input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

/// An incident for pmchart: its timeline and, optionally, its impact window.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, title = "pmchart incident")]
struct FileOut {
    /// The version of this format: 1. Optional on input; a later version pmchart does not
    /// know is refused.
    version: u32,
    /// Chart title.
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    /// Display zone: an IANA name (`Europe/London`), `UTC`, an offset (`+01:00`), or a named
    /// offset (`WAT (UTC+01:00)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    timezone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    impact: Option<ImpactIo>,
    /// Where the reader found the timeline in a Markdown postmortem (ignored on input).
    #[serde(skip_serializing_if = "Option::is_none")]
    timeline: Option<TimelineIo>,
    /// The durations on-call teams are judged by, each with the two moments it is measured
    /// between (ignored on input: computed from the events). Keys: `impact`, `ttd` (time to
    /// detect), `tta` (acknowledge), `ttm` (mitigate), `ttr` (resolve).
    metrics: std::collections::BTreeMap<String, MetricIo>,
    /// Timeline entries in the order written.
    events: Vec<EventIo>,
}

/// A [`When`] as written by its `Display`: RFC 3339 with the written offset kept (`+00:00`,
/// never `Z`), fractions only when present, or a time of day: one spelling, so output is stable.
mod when {
    use crate::model::When;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &When, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(t)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<When, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

mod when_opt {
    use crate::model::When;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<When>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::when::serialize(t, s),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<When>, D::Error> {
        #[derive(serde::Deserialize)]
        struct Wrapped(#[serde(with = "super::when")] When);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|Wrapped(t)| t))
    }
}

/// Files written before times of day had their own form carry a placeholder date and
/// `date_known: false`: each such time becomes a time of day, its day counted from the earliest
/// placeholder date in the file.
fn undate_legacy(events: &mut [(Event, bool)], impact: &mut Option<ImpactIo>) {
    let legacy = |w: &When, known: bool| (!known).then(|| w.date()).flatten();
    let first = events
        .iter()
        .flat_map(|(e, known)| {
            [Some(e.time), e.end]
                .into_iter()
                .flatten()
                .map(move |w| (w, *known))
        })
        .chain(impact.iter().flat_map(|i| {
            [i.start, i.end]
                .into_iter()
                .flatten()
                .map(move |w| (w, i.date_known))
        }))
        .filter_map(|(w, known)| legacy(&w, known))
        .min();
    let Some(first) = first else { return };
    let undate = |w: When| match w.date() {
        Some(d) => When::time_of_day(
            i32::try_from((d - first).num_days()).unwrap_or(0),
            w.clock(),
            w.offset(),
        ),
        None => w,
    };
    for (e, known) in events.iter_mut() {
        if !*known {
            e.time = undate(e.time);
            e.end = e.end.map(undate);
        }
    }
    if let Some(i) = impact.as_mut().filter(|i| !i.date_known) {
        i.start = i.start.map(undate);
        i.end = i.end.map(undate);
    }
}

fn yes() -> bool {
    true
}
fn is_false(b: &bool) -> bool {
    !*b
}

/// The version of the JSON format `parse` writes and this reader reads.
pub const FORMAT_VERSION: u32 = 1;

/// Whether `text` is JSON whose top level is an object with an `events` key: one without is
/// some other JSON file (`renovate.json`, `package.json`), not an incident gone wrong.
fn has_events_key(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Keys {
        events: Option<serde::de::IgnoredAny>,
    }
    match serde_json::from_str::<Keys>(text) {
        Ok(k) => k.events.is_some(),
        // Broken JSON was meant as an incident when it mentions "events"; valid JSON that is
        // not an object is not one.
        Err(e) => {
            !matches!(e.classify(), serde_json::error::Category::Data)
                && text.contains("\"events\"")
        }
    }
}

/// Reads an incident from JSON text.
pub fn read(original: &str, opts: &ReadOptions) -> Result<Parsed, Failure> {
    // A BOM (editors on Windows write one) is blanked for serde_json, byte offsets unchanged;
    // spans are still computed on the original text.
    let blanked;
    let text = match original.strip_prefix('\u{feff}') {
        Some(rest) => {
            blanked = format!("   {rest}");
            blanked.as_str()
        }
        None => original,
    };
    let whole = &mut serde_json::Deserializer::from_str(text);
    let file: FileIn = serde_path_to_error::deserialize(whole).map_err(|e| {
        let mut f = Failure::one(json_error(text, 0, "", e));
        if !has_events_key(text) {
            f.reason = super::FailureReason::NoTimeline;
        }
        f
    })?;

    if let Some(v) = file.version.filter(|v| *v != FORMAT_VERSION) {
        let at = text.find("\"version\"").unwrap_or(0);
        return Err(Failure::one(
            Diagnostic::new(
                Code::InvalidJson,
                format!("`version`: {v} is not a version of the format this pmchart reads"),
            )
            .at(Span::from_bytes(text, at, at + "\"version\"".len()))
            .with_help(format!(
                "this pmchart reads version {FORMAT_VERSION}: update pmchart, or write the \
                 file in version {FORMAT_VERSION} (the README, \"The JSON format\")"
            )),
        ));
    }
    let mut diagnostics = Vec::new();
    let mut events = Vec::with_capacity(file.events.len());
    let lines = LineIndex::new(original);
    for (i, raw) in file.events.iter().enumerate() {
        let raw_text = raw.get();
        // The raw value borrows from `text`, so its place in the file is a pointer difference.
        let offset = raw_text.as_ptr() as usize - text.as_ptr() as usize;
        let prefix = format!("events[{i}]");
        let de = &mut serde_json::Deserializer::from_str(raw_text);
        match serde_path_to_error::deserialize::<_, EventIo>(de) {
            Ok(e) => {
                let span = lines.span(offset, offset + raw_text.len());
                let known = e.date_known;
                events.push((event_from_io(e, span), known));
            }
            Err(e) => diagnostics.push(json_error(text, offset, &prefix, e)),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Failure {
            diagnostics,
            reason: super::FailureReason::Invalid,
        });
    }

    let display_zone = match (&opts.tz, &file.timezone) {
        (Some(z), _) => Some(z.clone()),
        (None, Some(name)) => match Zone::parse(name) {
            Some(z) => Some(z),
            None => {
                let at = text.find(&format!("\"{name}\"")).unwrap_or(0);
                return Err(Failure::one(
                    Diagnostic::new(
                        Code::UnknownDisplayZone,
                        format!("`timezone`: unknown time zone `{name}`"),
                    )
                    .at(Span::from_bytes(text, at, at + name.len() + 2))
                    .with_help(
                        "use an IANA name such as `Europe/London` or `America/New_York`, \
                             `UTC`, or an offset such as `+01:00`",
                    ),
                ));
            }
        },
        (None, None) => None,
    };

    // chrono panics on durations beyond ±292 million years; nothing real lasts a century.
    const MAX_STATED_MINUTES: i64 = 100 * 366 * 24 * 60;
    if let Some(m) = file.impact.as_ref().and_then(|i| i.stated_minutes) {
        if !(0..=MAX_STATED_MINUTES).contains(&m) {
            let at = text.find("\"stated_minutes\"").unwrap_or(0);
            return Err(Failure::one(
                Diagnostic::new(
                    Code::InvalidJson,
                    format!("`impact.stated_minutes`: {m} is not a duration an outage can have"),
                )
                .at(Span::from_bytes(text, at, at + "\"stated_minutes\"".len()))
                .with_help("give the outage's stated duration in minutes, e.g. `150`"),
            ));
        }
    }
    let mut impact = file.impact;
    undate_legacy(&mut events, &mut impact);
    let mut events: Vec<Event> = events.into_iter().map(|(e, _)| e).collect();
    let mut impact = impact.map(impact_from_io).unwrap_or_default();
    if let Some(day) = crate::model::settle_days(&mut events, &mut impact) {
        diagnostics.push(
            Diagnostic::new(Code::DatedInPart,
                format!(
                    "some times have a date and others only a time of day: those are read on {day}, the first date given"
                ),
            )
            .with_help("give every time a date, or none"),
        );
    }
    let incident = Incident {
        title: opts.title.clone().or(file.title),
        display_zone,
        zone_note: None,
        impact,
        events,
        document: None,
        source: Default::default(),
    };
    Ok(Parsed {
        incident,
        diagnostics,
    })
}

fn event_from_io(e: EventIo, span: Span) -> Event {
    Event {
        time: e.time,
        end: e.end,
        kind: e.kind.unwrap_or(EventKind::Action),
        kind_explicit: e.kind.is_some(),
        text: e.text,
        actor: e.actor,
        rolled_over: e.rolled_over,
        zone: e.zone,
        span: Some(span),
        kind_reason: None,
    }
}

fn impact_from_io(i: ImpactIo) -> Impact {
    let stamp = |t: Option<When>| {
        t.map(|time| Stamp {
            time,
            zone: None,
            span: None,
        })
    };
    Impact {
        start: stamp(i.start),
        end: stamp(i.end),
        stated_duration: i.stated_minutes.map(|m| StatedDuration {
            duration: Duration::minutes(m),
            span: None,
        }),
    }
}

/// A JSON error as a diagnostic: the JSON path, the line and column, and what to do.
fn json_error(
    text: &str,
    offset: usize,
    prefix: &str,
    err: serde_path_to_error::Error<serde_json::Error>,
) -> Diagnostic {
    let path = err.path().to_string();
    let path = match (prefix.is_empty(), path.as_str()) {
        (true, ".") => String::new(),
        (true, p) => p.to_string(),
        (false, ".") => prefix.to_string(),
        (false, p) => format!("{prefix}.{p}"),
    };
    let inner = err.into_inner();
    // serde_json counts lines and columns within the text it was given; turn that into bytes.
    let local = byte_of_line_col(&text[offset..], inner.line(), inner.column());
    let at = offset + local;
    let span = Span::from_bytes(text, at, (at + 1).min(text.len()));
    let message = strip_position(&inner.to_string());
    let (msg, help) = match inner.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => (
            format!("invalid JSON: {message}"),
            "fix the JSON syntax at this place (a missing comma, quote or bracket is the usual cause)",
        ),
        _ if message.contains("unknown field") => (
            format!("`{path}`: {message}"),
            "remove the field or correct its spelling; the README lists the fields of the format",
        ),
        _ => (
            format!("`{}`: {message}", if path.is_empty() { "(top level)" } else { &path }),
            "see the README's JSON format section for the expected shape",
        ),
    };
    Diagnostic::new(Code::InvalidJson, msg)
        .at(span)
        .with_help(help)
}

/// serde_json appends " at line L column C"; the span carries that already.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

pub(crate) fn byte_of_line_col(text: &str, line: usize, column: usize) -> usize {
    if line == 0 {
        return 0;
    }
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    // serde_json's column is 1-based and counts bytes; 0 means "before the first byte".
    (start + column.saturating_sub(1)).min(text.len())
}

/// Writes the incident in the JSON input format (pretty-printed, ending in a newline).
pub fn write(incident: &Incident) -> String {
    let impact = &incident.impact;
    let impact_out = (impact.start.is_some()
        || impact.end.is_some()
        || impact.stated_duration.is_some())
    .then(|| ImpactIo {
        start: impact.start.as_ref().map(|s| s.time),
        end: impact.end.as_ref().map(|s| s.time),
        stated_minutes: impact
            .stated_duration
            .as_ref()
            .map(|d| d.duration.num_minutes()),
        date_known: true,
    });
    let out = FileOut {
        version: FORMAT_VERSION,
        title: incident.title.clone(),
        timezone: incident.display_zone.as_ref().map(Zone::qualified_name),
        impact: impact_out,
        metrics: crate::metrics::measure(incident)
            .all()
            .into_iter()
            .map(|(key, _, figure)| {
                let io = match figure {
                    crate::metrics::Figure::Measured { from, to } => MetricIo {
                        from: Some(from.what.to_string()),
                        from_line: from.line,
                        to: Some(to.what.to_string()),
                        to_line: to.line,
                        minutes: figure.duration().map(|d| d.num_minutes()),
                        missing: None,
                    },
                    crate::metrics::Figure::Missing(why)
                    | crate::metrics::Figure::NotMeaningful(why) => MetricIo {
                        from: None,
                        from_line: None,
                        to: None,
                        to_line: None,
                        minutes: None,
                        missing: Some(why.to_string()),
                    },
                };
                (key.to_string(), io)
            })
            .collect(),
        timeline: incident
            .document
            .as_ref()
            .and_then(|d| d.timeline.as_ref())
            .map(|t| TimelineIo {
                found_by: t.found_by.to_string(),
                line: t.line,
            }),
        events: incident
            .events
            .iter()
            .map(|e| EventIo {
                time: e.time,
                end: e.end,
                kind: Some(e.kind),
                text: e.text.clone(),
                actor: e.actor.clone(),
                zone: e.zone.clone(),
                date_known: true,
                rolled_over: e.rolled_over,
                line: e.span.map(|s| s.line),
                column: e.span.map(|s| s.column),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).expect("the model always serialises");
    s.push('\n');
    s
}

/// The JSON Schema of the format, as committed in `schema/pmchart.schema.json`.
pub fn schema() -> String {
    let mut s = serde_json::to_string_pretty(&schemars::schema_for!(FileOut))
        .expect("a schema always serialises");
    s.push('\n');
    s
}

/// Whether `text` looks like JSON rather than Markdown (used for standard input).
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_written_version_is_read_and_a_later_one_refused() {
        let ev = r#"{"time": "2024-06-05T10:00:00Z", "kind": "detect", "text": "a"}"#;
        let written = write(
            &read(&format!(r#"{{"events": [{ev}]}}"#), &ReadOptions::default())
                .unwrap()
                .incident,
        );
        assert!(written.starts_with("{\n  \"version\": 1,"), "{written}");
        assert!(read(&written, &ReadOptions::default()).is_ok());
        let later = format!("{{\n\"version\": 2, \"events\": [{ev}]}}");
        let f = read(&later, &ReadOptions::default()).unwrap_err();
        let d = &f.diagnostics[0];
        assert_eq!(d.code.id(), "PM001");
        assert!(d.message.contains("2 is not a version"), "{}", d.message);
        assert_eq!(d.span.map(|s| s.line), Some(2));
    }

    #[test]
    fn json_that_is_not_an_incident_has_no_timeline() {
        for other in [
            r#"{"extends": ["config:base"]}"#,
            "[1, 2]",
            "not json at all",
        ] {
            let f = read(other, &ReadOptions::default()).unwrap_err();
            assert_eq!(f.reason, crate::input::FailureReason::NoTimeline, "{other}");
        }
        for broken in [r#"{"events": [}"#, r#"{"events": 3}"#] {
            let f = read(broken, &ReadOptions::default()).unwrap_err();
            assert_eq!(f.reason, crate::input::FailureReason::Invalid, "{broken}");
        }
    }

    #[test]
    fn a_bom_is_not_an_error_and_spans_stay_in_place() {
        let text = "\u{feff}{\"events\": [{\"time\": \"2024-06-05T10:00:00Z\", \"kind\": \"detect\", \"text\": \"a\"}]}";
        let p = read(text, &ReadOptions::default()).unwrap();
        let span = p.incident.events[0].span.unwrap();
        // The BOM is one character: the event's `{` is the 14th.
        assert_eq!((span.line, span.column), (1, 14));
        assert_eq!(&text[span.start..span.start + 1], "{");
    }

    use super::*;

    fn read_str(s: &str) -> Result<Parsed, Failure> {
        read(s, &ReadOptions::default())
    }

    #[test]
    fn reads_times_kinds_and_lines() {
        let src = r#"{
  "title": "DB outage",
  "timezone": "Africa/Lagos",
  "events": [
    {"time": "2024-06-05T14:30:00+01:00", "kind": "detect", "text": "Alert fired"},
    {"time": "2024-06-05T15:00:00+01:00", "end": "2024-06-05T15:20:00+01:00", "text": "Rollback"}
  ]
}"#;
        let p = read_str(src).unwrap();
        let ev = &p.incident.events;
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[0].time.to_string(), "2024-06-05T14:30:00+01:00");
        assert_eq!(ev[0].kind, EventKind::Detect);
        assert!(ev[0].kind_explicit);
        assert_eq!(ev[1].kind, EventKind::Action);
        assert_eq!(ev[0].span.unwrap().line, 5);
        assert_eq!(ev[1].span.unwrap().line, 6);
        assert_eq!(ev[1].end.unwrap().to_string(), "2024-06-05T15:20:00+01:00");
        assert_eq!(p.incident.display_zone.unwrap().name(), "Africa/Lagos");
    }

    #[test]
    fn a_bad_time_names_the_json_path_and_line() {
        let src = "{\n \"events\": [\n  {\"time\": \"2024-06-05T14:30:00+01:00\", \"text\": \"a\"},\n  {\"time\": \"14:30\", \"text\": \"b\"}\n ]\n}";
        let d = &read_str(src).unwrap_err().diagnostics[0];
        assert_eq!(d.code, "PM001");
        assert!(d.message.starts_with("`events[1].time`"), "{}", d.message);
        assert_eq!(d.line(), Some(4));
    }

    #[test]
    fn an_unknown_field_is_an_error_with_its_path() {
        let src =
            "{\"events\": [{\"time\": \"2024-06-05T14:30:00Z\", \"text\": \"a\", \"colour\": 1}]}";
        let d = &read_str(src).unwrap_err().diagnostics[0];
        assert!(d.message.contains("events[0]"), "{}", d.message);
        assert!(
            d.message.contains("unknown field `colour`"),
            "{}",
            d.message
        );
        let src = "{\"event\": []}";
        let d = &read_str(src).unwrap_err().diagnostics[0];
        assert!(d.message.contains("unknown field `event`"), "{}", d.message);
    }

    #[test]
    fn a_syntax_error_gives_line_and_column() {
        let src =
            "{\n  \"events\": [\n    {\"time\": \"2024-06-05T14:30:00Z\" \"text\": \"a\"}\n  ]\n}";
        let d = &read_str(src).unwrap_err().diagnostics[0];
        assert!(d.message.starts_with("invalid JSON"), "{}", d.message);
        assert_eq!(d.line(), Some(3));
        assert_eq!(d.span.unwrap().column, 37);
    }

    #[test]
    fn wrong_types_and_unknown_zones_are_errors() {
        let p = read_str("{\"title\": null, \"events\": [{\"time\": \"2024-06-05T14:30:00Z\", \"end\": null, \"text\": \"a\"}]}");
        assert!(
            p.unwrap().incident.events[0].end.is_none(),
            "explicit nulls are accepted"
        );
        let d = &read_str("{\"events\": 3}").unwrap_err().diagnostics[0];
        assert!(d.message.contains("events"), "{}", d.message);
        let d = &read_str("{\"timezone\": \"Mars/Olympus\", \"events\": []}")
            .unwrap_err()
            .diagnostics[0];
        assert_eq!(d.code, "PM002");
        assert!(d.message.contains("Mars/Olympus"));
        let d = &read_str("{\"events\": [{\"time\": \"2024-06-05T14:30:00Z\", \"text\": \"a\", \"kind\": \"party\"}]}")
            .unwrap_err()
            .diagnostics[0];
        assert!(d.message.contains("events[0].kind"), "{}", d.message);
    }

    #[test]
    fn an_impossible_stated_duration_is_an_error_not_a_panic() {
        for m in ["-5", "9223372036854775807"] {
            let src = format!("{{\"impact\": {{\"stated_minutes\": {m}}}, \"events\": []}}");
            let d = &read_str(&src).unwrap_err().diagnostics[0];
            assert_eq!(d.code, "PM001");
            assert!(d.message.contains("stated_minutes"), "{}", d.message);
        }
    }

    #[test]
    fn the_committed_schema_is_the_generated_one() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/pmchart.schema.json");
        if std::env::var_os("PMCHART_UPDATE_SCHEMA").is_some() {
            std::fs::write(path, schema()).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(
            committed,
            schema(),
            "schema/pmchart.schema.json is stale: run PMCHART_UPDATE_SCHEMA=1 cargo test schema"
        );
    }

    #[test]
    fn write_then_read_gives_the_same_model() {
        let src = r#"{"title": "T", "timezone": "Europe/London",
          "impact": {"start": "2024-03-31T00:30:00+00:00", "end": "2024-03-31T02:30:00+01:00", "stated_minutes": 60},
          "events": [{"time": "2024-03-31T00:40:00+00:00", "kind": "detect", "text": "x", "actor": "SRE", "zone": "GMT"},
                     {"time": "2024-03-31T09:00:00+00:00", "kind": "note", "text": "y", "date_known": false}]}"#;
        let a = read_str(src).unwrap().incident;
        let out = write(&a);
        let b = read_str(&out).unwrap().incident;
        let strip = |mut i: Incident| {
            i.events.iter_mut().for_each(|e| e.span = None);
            i
        };
        assert_eq!(strip(a), strip(b));
        assert!(out.contains("\"time\": \"2024-03-31T00:40:00+00:00\""));
        assert!(out.contains("\"line\": 3"));
    }

    #[test]
    fn times_of_day_are_written_and_read_without_a_date() {
        let src = r#"{"events": [{"time": "23:05:00+03:00", "kind": "detect", "text": "a"},
                                 {"time": "00:30:00+03:00 +1 day", "kind": "resolve", "text": "b"}]}"#;
        let p = read_str(src).unwrap();
        assert!(p.diagnostics.is_empty());
        let ev = &p.incident.events;
        assert_eq!(ev[0].time.date(), None);
        assert_eq!(ev[1].time - ev[0].time, Duration::minutes(85));
        let out = write(&p.incident);
        assert!(out.contains("\"time\": \"00:30:00+03:00 +1 day\""), "{out}");
        assert!(!out.contains("date_known"), "{out}");
        let times = |i: &Incident| i.events.iter().map(|e| e.time).collect::<Vec<_>>();
        assert_eq!(times(&read_str(&out).unwrap().incident), times(&p.incident));
    }

    #[test]
    fn a_file_dated_in_part_is_read_on_its_first_date() {
        let src = r#"{"events": [{"time": "23:05:00+03:00", "kind": "detect", "text": "a"},
                                 {"time": "2024-05-03T23:40:00+03:00", "kind": "action", "text": "b"},
                                 {"time": "00:30:00+03:00 +1 day", "kind": "resolve", "text": "c"}]}"#;
        let p = read_str(src).unwrap();
        let codes: Vec<&str> = p.diagnostics.iter().map(|d| d.code.id()).collect();
        assert_eq!(codes, ["PM014"]);
        let ev = &p.incident.events;
        assert_eq!(ev[0].time.to_string(), "2024-05-03T23:05:00+03:00");
        assert_eq!(ev[2].time.to_string(), "2024-05-04T00:30:00+03:00");
    }

    #[test]
    fn placeholder_dates_of_older_files_become_times_of_day() {
        let src = r#"{"impact": {"start": "2000-01-01T23:00:00Z", "date_known": false},
          "events": [{"time": "2000-01-01T23:05:00Z", "kind": "detect", "text": "a", "date_known": false},
                     {"time": "2000-01-02T00:30:00Z", "kind": "resolve", "text": "b", "date_known": false}]}"#;
        let p = read_str(src).unwrap();
        let ev = &p.incident.events;
        assert_eq!(ev[0].time.to_string(), "23:05:00+00:00");
        assert_eq!(ev[1].time.to_string(), "00:30:00+00:00 +1 day");
        let start = p.incident.impact.start.as_ref().unwrap();
        assert_eq!(start.time.to_string(), "23:00:00+00:00");
    }
}
