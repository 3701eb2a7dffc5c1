//! On-call records read as incidents: PagerDuty's log entries and Atlassian Statuspage's
//! incidents, recognised by their shape in any JSON input (`render`, `check`, `embed`) or named
//! with `pmchart import pagerduty|statuspage`.
//!
//! - **PagerDuty**, `GET /incidents/{id}/log_entries`
//!   (<https://developer.pagerduty.com/api-reference/367de9e6e9ec5-list-log-entries-for-an-incident>):
//!   the response's `log_entries` array, a bare array of log entries, or an `incident` object
//!   with its `log_entries`. `created_at` is the time; entries are sorted (pages arrive newest
//!   first). Each entry's `type` (`trigger_log_entry`, …; `_reference` suffixes accepted) gives
//!   the kind: see [`pagerduty_kind`].
//! - **Statuspage**, `GET /api/v2/incidents.json` (<https://doers.statuspage.io/api/v2/incidents/>)
//!   or one incident object: `started_at` and `resolved_at` are the impact window, each of
//!   `incident_updates` an event at `display_at` with `body` as its text and `status` giving the
//!   kind: see [`statuspage_kind`]. A file of several incidents is one incident per `--id`
//!   (`pmchart import statuspage --id ID`, or `--all` for every one).

use super::{Failure, FailureReason, Parsed, ReadOptions};
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{Event, EventKind, Impact, Incident, LineIndex, Span, Stamp, When, Zone};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde_json::value::RawValue;

/// Which service a record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// PagerDuty log entries.
    PagerDuty,
    /// Atlassian Statuspage incidents.
    Statuspage,
}

impl Service {
    /// Every service, by its name on the command line.
    pub const ALL: [(&'static str, Service); 2] = [
        ("pagerduty", Service::PagerDuty),
        ("statuspage", Service::Statuspage),
    ];

    /// Its name, as people write it.
    pub fn name(self) -> &'static str {
        match self {
            Service::PagerDuty => "PagerDuty",
            Service::Statuspage => "Statuspage",
        }
    }
}

/// The service whose record `text` looks like, if any: PagerDuty log entries have `type`s
/// ending in `_log_entry`; Statuspage incidents have `incident_updates`.
/// pmchart's own format (an object with `events`) is never taken for one, whatever its texts
/// say.
pub fn detect(text: &str) -> Option<Service> {
    // Cheap tests on the text first: most JSON inputs are pmchart's own format.
    let service = if text.contains("_log_entry") {
        Service::PagerDuty
    } else if text.contains("\"incident_updates\"") {
        Service::Statuspage
    } else {
        return None;
    };
    #[derive(Deserialize)]
    struct Top {
        events: Option<serde::de::IgnoredAny>,
    }
    match serde_json::from_str::<Top>(text) {
        Ok(Top { events: Some(_) }) => None,
        _ => Some(service),
    }
}

/// One incident read from a record of `service`. `id` picks one of several Statuspage
/// incidents.
pub fn read(
    text: &str,
    service: Service,
    id: Option<&str>,
    opts: &ReadOptions,
) -> Result<Parsed, Failure> {
    match service {
        Service::PagerDuty => pagerduty(text, opts),
        Service::Statuspage => {
            let mut all = statuspage_incidents(text, opts)?;
            match (id, all.len()) {
                (Some(id), _) => match all.iter().position(|(i, _)| i == id) {
                    Some(k) => Ok(all.swap_remove(k).1),
                    None => Err(several(&all, Some(id))),
                },
                (None, 1) => Ok(all.remove(0).1),
                (None, _) => Err(several(&all, None)),
            }
        }
    }
}

fn several(all: &[(String, Parsed)], asked: Option<&str>) -> Failure {
    let list: Vec<String> = all
        .iter()
        .take(20)
        .map(|(id, p)| {
            format!(
                "`{id}` ({})",
                p.incident.title.as_deref().unwrap_or("untitled")
            )
        })
        .collect();
    let what = match asked {
        Some(id) => format!("no incident with the id `{id}` in this Statuspage file"),
        None => format!(
            "this Statuspage file holds {} incidents; a chart is of one",
            all.len()
        ),
    };
    Failure::one(Diagnostic::new(Code::InvalidJson, what).with_help(format!(
        "pick one with `pmchart import statuspage --id ID FILE`, or import them all with \
         `--all -o DIR`; the incidents: {}",
        list.join(", ")
    )))
}

fn invalid(text: &str, at: usize, len: usize, message: String, help: &str) -> Failure {
    Failure {
        diagnostics: vec![Diagnostic::new(Code::InvalidJson, message)
            .at(Span::from_bytes(text, at, at + len))
            .with_help(help)],
        reason: FailureReason::Invalid,
    }
}

fn not_json(text: &str, e: serde_json::Error, service: Service) -> Failure {
    let at = super::json::byte_of_line_col(text, e.line(), e.column()).min(text.len());
    invalid(
        text,
        at,
        usize::from(at < text.len()),
        format!("this {} record is not valid JSON: {e}", service.name()),
        "save the API's response as it came, or fix the JSON at that place",
    )
}

fn time_of(raw: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(raw).ok()
}

/// The place in `text` of a raw value borrowed from it.
fn span_of(text: &str, lines: &LineIndex, raw: &RawValue) -> Span {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    lines.span(start, start + raw.get().len())
}

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    summary: Option<String>,
}

#[derive(Deserialize)]
struct Channel {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    details: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct LogEntry {
    #[serde(rename = "type")]
    kind: String,
    created_at: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    agent: Option<Named>,
    #[serde(default)]
    channel: Option<Channel>,
    #[serde(default)]
    assignees: Vec<Named>,
    #[serde(default)]
    incident: Option<Named>,
}

/// What a PagerDuty log entry type means for the chart: its kind, or `None` for entries that
/// are dropped (`notify`: one per person paged, which says nothing the escalation does not).
/// Types the chart has no place for (`snooze`, `unacknowledge`, `urgency_change`,
/// `priority_change`, `reach_trigger_limit`, `exhaust_escalation_path`, any unknown type) are
/// kept as notes.
pub fn pagerduty_kind(entry_type: &str) -> Option<EventKind> {
    let t = entry_type
        .trim_end_matches("_reference")
        .trim_end_matches("_log_entry");
    Some(match t {
        "trigger" => EventKind::Detect,
        "acknowledge" | "acknowledgement" => EventKind::Acknowledge,
        "escalate" | "assign" | "delegate" => EventKind::Escalate,
        "annotate" => EventKind::Action,
        "resolve" => EventKind::Resolve,
        "notify" => return None,
        _ => EventKind::Note,
    })
}

/// How an incident was triggered, from the trigger entry's channel.
fn trigger_text(channel: Option<&Channel>, summary: Option<&str>) -> String {
    let how = channel.and_then(|c| c.kind.as_deref()).map(|k| match k {
        "api" | "events_api" | "events_api_v2" => "through the Events API".to_string(),
        "email" => "by email".to_string(),
        "web_trigger" | "website" => "from the website".to_string(),
        "nagios" => "by Nagios".to_string(),
        "auto" => "automatically".to_string(),
        "mobile" => "from the mobile app".to_string(),
        other => format!("through {}", other.replace('_', " ")),
    });
    let subject = channel
        .and_then(|c| c.summary.as_deref())
        .filter(|s| !s.is_empty());
    match (subject, how) {
        (Some(s), Some(how)) => format!("Triggered {how}: {s}"),
        (Some(s), None) => format!("Triggered: {s}"),
        (None, Some(how)) => format!("Triggered {how}"),
        (None, None) => summary.unwrap_or("Triggered").to_string(),
    }
}

fn pagerduty(text: &str, opts: &ReadOptions) -> Result<Parsed, Failure> {
    #[derive(Deserialize)]
    struct IncidentObject<'a> {
        #[serde(default)]
        summary: Option<String>,
        #[serde(default)]
        title: Option<String>,
        #[serde(default, borrow)]
        log_entries: Option<Vec<&'a RawValue>>,
    }
    #[derive(Deserialize)]
    struct Response<'a> {
        #[serde(default, borrow)]
        log_entries: Option<Vec<&'a RawValue>>,
        #[serde(default, borrow)]
        incident: Option<IncidentObject<'a>>,
    }
    // The shapes are tried in turn (an untagged enum cannot borrow raw values, which keep
    // each entry's place in the file).
    let bare = text.trim_start().starts_with('[');
    let (raw_entries, mut title) = if bare {
        let v: Vec<&RawValue> =
            serde_json::from_str(text).map_err(|e| not_json(text, e, Service::PagerDuty))?;
        (v, None)
    } else {
        let Response {
            log_entries,
            incident,
        } = serde_json::from_str(text).map_err(|e| not_json(text, e, Service::PagerDuty))?;
        {
            let title = incident
                .as_ref()
                .and_then(|i| i.title.clone().or_else(|| i.summary.clone()));
            let entries = log_entries
                .or_else(|| incident.and_then(|i| i.log_entries))
                .unwrap_or_default();
            (entries, title)
        }
    };
    let lines = LineIndex::new(text);
    let mut events = Vec::new();
    for raw in raw_entries {
        let span = span_of(text, &lines, raw);
        let entry: LogEntry = serde_json::from_str(raw.get()).map_err(|e| Failure {
            diagnostics: vec![Diagnostic::new(
                Code::InvalidJson,
                format!("a PagerDuty log entry without what pmchart needs: {e}"),
            )
            .at(span)
            .with_help(
                "each log entry needs its `type` and `created_at`, as the API returns them",
            )],
            reason: FailureReason::Invalid,
        })?;
        let Some(time) = time_of(&entry.created_at) else {
            return Err(Failure::one(
                Diagnostic::new(
                    Code::InvalidJson,
                    format!(
                        "`created_at`: `{}` is not an RFC 3339 time",
                        entry.created_at
                    ),
                )
                .at(span)
                .with_help("PagerDuty writes times as `2024-06-05T14:32:07Z`"),
            ));
        };
        if title.is_none() {
            title = entry.incident.as_ref().and_then(|i| i.summary.clone());
        }
        let Some(kind) = pagerduty_kind(&entry.kind) else {
            continue;
        };
        let short = entry
            .kind
            .trim_end_matches("_reference")
            .trim_end_matches("_log_entry")
            .to_string();
        let agent = entry.agent.and_then(|a| a.summary);
        let (text_out, actor) = match kind {
            EventKind::Detect => (
                trigger_text(entry.channel.as_ref(), entry.summary.as_deref()),
                None,
            ),
            EventKind::Acknowledge => (
                entry.summary.unwrap_or_else(|| "Acknowledged".to_string()),
                agent,
            ),
            EventKind::Escalate => {
                let to: Vec<String> = entry
                    .assignees
                    .into_iter()
                    .filter_map(|a| a.summary)
                    .collect();
                let actor = if to.is_empty() {
                    agent
                } else {
                    Some(to.join(", "))
                };
                (
                    entry.summary.unwrap_or_else(|| match &actor {
                        Some(a) => format!("Escalated to {a}"),
                        None => "Escalated".to_string(),
                    }),
                    actor,
                )
            }
            EventKind::Action => {
                let note = entry.channel.as_ref().and_then(|c| {
                    c.summary.clone().or_else(|| {
                        c.details
                            .as_ref()
                            .and_then(|d| d.as_str().map(str::to_string))
                    })
                });
                (
                    note.or(entry.summary)
                        .unwrap_or_else(|| "Note added".to_string()),
                    agent,
                )
            }
            EventKind::Resolve => (
                entry.summary.unwrap_or_else(|| "Resolved".to_string()),
                agent,
            ),
            _ => (
                entry.summary.unwrap_or_else(|| short.replace('_', " ")),
                None,
            ),
        };
        let mut event = Event::new(When::Dated(time), kind, text_out);
        event.actor = actor;
        event.kind_explicit = true;
        event.kind_reason = Some(format!("PagerDuty {short} log entry"));
        event.span = Some(span);
        events.push(event);
    }
    if events.is_empty() {
        return Err(Failure::one(
            Diagnostic::new(
                Code::NoTimedEntries,
                "the PagerDuty record has no log entries",
            )
            .with_help(
                "save the response of GET /incidents/{id}/log_entries (every page), which \
                     lists the incident's trigger, acknowledgements, escalations and resolution",
            ),
        ));
    }
    // Pages come newest first; the same instant keeps the record's order.
    events.sort_by_key(|e| e.time);
    Ok(Parsed {
        incident: Incident {
            title,
            display_zone: Some(opts.tz.clone().unwrap_or_else(Zone::utc)),
            events,
            ..Incident::default()
        },
        diagnostics: Vec::new(),
    })
}

/// What a Statuspage update status means: the first `investigating` is the detection (later
/// ones are investigation), `identified` is work on the cause, `monitoring` the mitigation
/// being watched, `resolved` the resolution, `postmortem` a note; maintenance statuses
/// (`scheduled`, `in_progress`, `verifying`, `completed`) and unknown ones are notes.
pub fn statuspage_kind(status: &str, first_investigating: bool) -> EventKind {
    match status {
        "investigating" if first_investigating => EventKind::Detect,
        "investigating" | "identified" | "update" => EventKind::Action,
        "monitoring" => EventKind::Mitigate,
        "resolved" => EventKind::Resolve,
        _ => EventKind::Note,
    }
}

/// Every incident of a Statuspage file, with its id (for `import statuspage --all`).
pub fn statuspage_incidents(
    text: &str,
    opts: &ReadOptions,
) -> Result<Vec<(String, Parsed)>, Failure> {
    #[derive(Deserialize)]
    struct Top<'a> {
        #[serde(default, borrow)]
        incidents: Option<Vec<&'a RawValue>>,
        #[serde(default, borrow)]
        incident: Option<&'a RawValue>,
    }
    let top: Top =
        serde_json::from_str(text).map_err(|e| not_json(text, e, Service::Statuspage))?;
    let raws = match (top.incidents, top.incident) {
        (Some(many), _) => many,
        (None, Some(one)) => vec![one],
        // The incident object itself.
        (None, None) => vec![serde_json::from_str::<&RawValue>(text)
            .map_err(|e| not_json(text, e, Service::Statuspage))?],
    };
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    for raw in raws {
        out.push(statuspage_one(text, &lines, raw, opts)?);
    }
    if out.is_empty() {
        return Err(Failure::one(
            Diagnostic::new(
                Code::NoTimedEntries,
                "the Statuspage file lists no incidents",
            )
            .with_help("save the response of GET /api/v2/incidents.json from the status page"),
        ));
    }
    Ok(out)
}

fn statuspage_one(
    text: &str,
    lines: &LineIndex,
    raw: &RawValue,
    opts: &ReadOptions,
) -> Result<(String, Parsed), Failure> {
    #[derive(Deserialize)]
    struct Update<'a> {
        status: String,
        #[serde(default)]
        body: Option<String>,
        #[serde(default)]
        display_at: Option<&'a str>,
        #[serde(default)]
        created_at: Option<&'a str>,
    }
    #[derive(Deserialize)]
    struct IncidentIn<'a> {
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        started_at: Option<&'a str>,
        #[serde(default)]
        created_at: Option<&'a str>,
        #[serde(default)]
        resolved_at: Option<&'a str>,
        #[serde(default, borrow)]
        incident_updates: Vec<&'a RawValue>,
    }
    let at = span_of(text, lines, raw);
    let incident: IncidentIn = serde_json::from_str(raw.get()).map_err(|e| {
        Failure::one(
            Diagnostic::new(
                Code::InvalidJson,
                format!("a Statuspage incident pmchart cannot read: {e}"),
            )
            .at(at)
            .with_help("save the incident as the API returns it, with its `incident_updates`"),
        )
    })?;
    let mut events = Vec::new();
    for raw_update in &incident.incident_updates {
        let span = span_of(text, lines, raw_update);
        let u: Update = serde_json::from_str(raw_update.get()).map_err(|e| {
            Failure::one(
                Diagnostic::new(
                    Code::InvalidJson,
                    format!("a Statuspage update pmchart cannot read: {e}"),
                )
                .at(span)
                .with_help("each update needs its `status` and `display_at` (or `created_at`)"),
            )
        })?;
        let written = u.display_at.or(u.created_at).unwrap_or("");
        let Some(time) = time_of(written) else {
            return Err(Failure::one(
                Diagnostic::new(
                    Code::InvalidJson,
                    format!("`display_at`: `{written}` is not an RFC 3339 time"),
                )
                .at(span)
                .with_help("Statuspage writes times as `2024-06-05T14:32:07.000-06:00`"),
            ));
        };
        let body = u.body.unwrap_or_default();
        let mut event = Event::new(When::Dated(time), EventKind::Note, body.trim().to_string());
        event.kind_explicit = true;
        event.kind_reason = Some(format!("Statuspage status `{}`", u.status));
        event.span = Some(span);
        events.push((u.status, event));
    }
    // Updates are listed newest first.
    events.sort_by_key(|(_, e)| e.time);
    let mut seen_investigating = false;
    let events: Vec<Event> = events
        .into_iter()
        .map(|(status, mut e)| {
            let first = status == "investigating" && !seen_investigating;
            seen_investigating |= status == "investigating";
            e.kind = statuspage_kind(&status, first);
            if e.text.is_empty() {
                e.text = status.replace('_', " ");
            }
            e
        })
        .collect();
    let stamp = |s: Option<&str>| {
        s.and_then(time_of).map(|t| Stamp {
            time: When::Dated(t),
            zone: None,
            span: Some(at),
        })
    };
    let id = incident.id.clone().unwrap_or_default();
    if events.is_empty() {
        return Err(Failure::one(
            Diagnostic::new(
                Code::NoTimedEntries,
                format!(
                    "the Statuspage incident `{}` has no updates",
                    incident.name.as_deref().unwrap_or(&id)
                ),
            )
            .at(at)
            .with_help("an incident's timeline is its `incident_updates`"),
        ));
    }
    let parsed = Parsed {
        incident: Incident {
            title: incident.name,
            display_zone: Some(opts.tz.clone().unwrap_or_else(Zone::utc)),
            impact: Impact {
                start: stamp(incident.started_at.or(incident.created_at)),
                end: stamp(incident.resolved_at),
                stated_duration: None,
            },
            events,
            ..Incident::default()
        },
        diagnostics: Vec::new(),
    };
    Ok((id, parsed))
}
