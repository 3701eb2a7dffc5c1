//! Every problem pmchart reports, one variant each, with its code, severity, meaning and what to
//! do. Diagnostics carry a [`Code`]; the README's tables of codes are generated from [`Code::ALL`]
//! (`tests/readme_codes.rs` fails when they are stale; `PMCHART_UPDATE_README=1` rewrites them).

use serde::Serialize;

/// How bad a diagnostic is: notes inform, warnings point at likely mistakes, errors fail the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information; never changes the exit code.
    Note,
    /// Probably wrong or missing; fails only with `--deny-warnings`.
    Warning,
    /// Wrong: the check fails, and the chart is not drawn without `--force`.
    Error,
}

impl Severity {
    /// `note`, `warning` or `error`, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Where in the README a code is documented: one table per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Reading the input, any format.
    Input,
    /// Reading Markdown.
    Reader,
    /// Entries in time order.
    Order,
    /// Time zones within a timeline.
    Zones,
    /// The summary against the timeline.
    Summary,
    /// The on-call flow.
    Flow,
    /// The postmortem template.
    Template,
    /// `pmchart embed`.
    Embed,
}

impl Group {
    /// Every group, in the README's order.
    pub const ALL: [Group; 8] = [
        Group::Input,
        Group::Reader,
        Group::Order,
        Group::Zones,
        Group::Summary,
        Group::Flow,
        Group::Template,
        Group::Embed,
    ];

    /// The group's name in the README's markers (`<!-- codes:order -->`).
    pub fn name(self) -> &'static str {
        match self {
            Group::Input => "input",
            Group::Reader => "reader",
            Group::Order => "order",
            Group::Zones => "zones",
            Group::Summary => "summary",
            Group::Flow => "flow",
            Group::Template => "template",
            Group::Embed => "embed",
        }
    }
}

/// A problem pmchart reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// PM001: invalid JSON, or JSON of the wrong shape.
    InvalidJson,
    /// PM002: unknown time zone in the JSON timezone field.
    UnknownDisplayZone,
    /// PM003: not a postmortem: binary, not UTF-8, or too large.
    NotText,
    /// PM014: in JSON, some times have a date and others only a time of day.
    DatedInPart,
    /// PM010: no Timeline section and no line starting with a time.
    NoTimeline,
    /// PM011: the timeline has no entry with a time of day.
    NoTimedEntries,
    /// PM012: an entry was moved to the next day because its time is earlier than the previous one.
    RolledPastMidnight,
    /// PM013: no date anywhere: the chart shows times only.
    NoDate,
    /// PM201: no time zone stated anywhere.
    NoZone,
    /// PM203: an ambiguous abbreviation.
    AmbiguousZone,
    /// PM204: an unknown zone word, with the likely one.
    UnknownZone,
    /// PM205: a local time that does not exist in the zone.
    TimeInDstGap,
    /// PM206: a local time that happens twice.
    TimeInDstFold,
    /// PM301: an impossible time.
    ImpossibleTime,
    /// PM302: a 24-hour time with AM/PM.
    MeridiemOn24HourTime,
    /// PM303: an impossible date.
    ImpossibleDate,
    /// PM304: more than 500 times on one line.
    TooManyTimesOnALine,
    /// PM305: a row of a timeline table, or an item of a list of entries, with no time of day,
    /// left off the chart.
    UntimedRow,
    /// PM406: the summary's window contains no entry of its timeline.
    WindowOffTimeline,
    /// PM101: an entry is earlier than the one before it.
    OutOfOrder,
    /// PM104: an entry read as the next day, more than 12 hours after the previous one.
    LongGapAfterMidnight,
    /// PM105: an entry read as the next day that is an AM/PM slip.
    AmPmSlipAfterMidnight,
    /// PM106: a range whose end is before its start.
    RangeEndsBeforeStart,
    /// PM103: more than 30 days between two entries next to each other in time.
    FarApart,
    /// PM102: the same time and the same text twice.
    Duplicate,
    /// PM202: zones mixed within one timeline.
    MixedZones,
    /// PM401: the summary's start is after the first detection in the timeline.
    StartAfterDetection,
    /// PM402: the summary's end matches none of the timeline's resolution entries.
    EndOffResolution,
    /// PM403: the stated duration disagrees with the start and end.
    StatedDurationDisagrees,
    /// PM404: the summary's end is before its start.
    EndBeforeStart,
    /// PM405: timeline entries before the outage start.
    EntriesBeforeStart,
    /// PM501: no entry says when the problem was detected.
    NoDetection,
    /// PM502: no entry says when the incident was resolved.
    NoResolution,
    /// PM503: an acknowledgement earlier than the detection.
    AcknowledgedBeforeDetection,
    /// PM504: a resolution earlier than the detection.
    ResolvedBeforeDetection,
    /// PM505: an escalation that names nobody.
    EscalationToNobody,
    /// PM601: a section of the template is missing.
    MissingSection,
    /// PM602: the summary does not give the outage's start, its end, or the time zone.
    SummaryWithoutWindow,
    /// PM603: the summary does not say what was down, or how many users were affected.
    SummaryWithoutImpact,
    /// PM604: the summary does not give the root cause.
    SummaryWithoutCause,
    /// PM605: the timeline lacks a phase the template asks for.
    TimelineWithoutPhases,
    /// PM606: the corrective and preventative measures are not a list.
    MeasuresNotAList,
    /// PM607: the word count is outside 400-600 words, counted as a reader would.
    WordCount,
    /// PM701: `embed --check`: the chart is out of date.
    ChartStale,
    /// PM702: the pmchart markers are broken.
    MarkersBroken,
    /// PM703: nowhere to put a new block.
    NowhereToEmbed,
    /// PM704: the timeline has errors.
    TimelineHasErrors,
    /// PM705: the images cannot be rendered or written.
    ImagesNotWritten,
}

/// What the README says about a code.
struct Doc {
    id: &'static str,
    severity: Severity,
    /// "error / warning" where the severity depends on who wrote the kinds.
    severity_text: Option<&'static str>,
    group: Group,
    meaning: &'static str,
    what_to_do: &'static str,
}

impl Code {
    /// Every code, in the README's order.
    pub const ALL: [Code; 48] = [
        Code::InvalidJson,
        Code::UnknownDisplayZone,
        Code::NotText,
        Code::DatedInPart,
        Code::NoTimeline,
        Code::NoTimedEntries,
        Code::RolledPastMidnight,
        Code::NoDate,
        Code::NoZone,
        Code::AmbiguousZone,
        Code::UnknownZone,
        Code::TimeInDstGap,
        Code::TimeInDstFold,
        Code::ImpossibleTime,
        Code::MeridiemOn24HourTime,
        Code::ImpossibleDate,
        Code::TooManyTimesOnALine,
        Code::UntimedRow,
        Code::WindowOffTimeline,
        Code::OutOfOrder,
        Code::LongGapAfterMidnight,
        Code::AmPmSlipAfterMidnight,
        Code::RangeEndsBeforeStart,
        Code::FarApart,
        Code::Duplicate,
        Code::MixedZones,
        Code::StartAfterDetection,
        Code::EndOffResolution,
        Code::StatedDurationDisagrees,
        Code::EndBeforeStart,
        Code::EntriesBeforeStart,
        Code::NoDetection,
        Code::NoResolution,
        Code::AcknowledgedBeforeDetection,
        Code::ResolvedBeforeDetection,
        Code::EscalationToNobody,
        Code::MissingSection,
        Code::SummaryWithoutWindow,
        Code::SummaryWithoutImpact,
        Code::SummaryWithoutCause,
        Code::TimelineWithoutPhases,
        Code::MeasuresNotAList,
        Code::WordCount,
        Code::ChartStale,
        Code::MarkersBroken,
        Code::NowhereToEmbed,
        Code::TimelineHasErrors,
        Code::ImagesNotWritten,
    ];

    fn doc(self) -> Doc {
        let (id, severity, severity_text, group, meaning, what_to_do) = match self {
            Code::InvalidJson => (
                "PM001",
                Severity::Error,
                None,
                Group::Input,
                "invalid JSON (with line and column), or JSON of the wrong shape or type (with the JSON path, e.g. `events[3].time`)",
                "fix the JSON at that place; [the JSON format](#the-json-format) lists the fields",
            ),
            Code::UnknownDisplayZone => (
                "PM002",
                Severity::Error,
                None,
                Group::Input,
                "unknown time zone in the JSON `timezone` field",
                "use an IANA name (`Europe/London`), `UTC` or an offset (`+01:00`)",
            ),
            Code::NotText => (
                "PM003",
                Severity::Error,
                None,
                Group::Input,
                "not a postmortem: a binary file (names the offset of the first NUL byte), not UTF-8 (names the byte, its offset, line and column), or larger than 8 MB",
                "point pmchart at the Markdown or JSON file; save it as UTF-8",
            ),
            Code::DatedInPart => (
                "PM014",
                Severity::Note,
                None,
                Group::Input,
                "in JSON, some times have a date and others only a time of day: the undated ones are read on the first date given",
                "give every time a date, or none",
            ),
            Code::NoTimeline => (
                "PM010",
                Severity::Error,
                None,
                Group::Reader,
                "no Timeline section and no line starting with a time",
                "add a \"Timeline\" section with one entry per line, `10:00 AM - what happened`",
            ),
            Code::NoTimedEntries => (
                "PM011",
                Severity::Error,
                None,
                Group::Reader,
                "the timeline has no entry with a time of day",
                "start each entry with its time",
            ),
            Code::RolledPastMidnight => (
                "PM012",
                Severity::Note,
                None,
                Group::Reader,
                "an entry was moved to the next day because its time is earlier than the previous one",
                "write the date if the guess is wrong",
            ),
            Code::NoDate => (
                "PM013",
                Severity::Note,
                None,
                Group::Reader,
                "no date anywhere: the chart shows times only",
                "give the date in the summary or the title",
            ),
            Code::NoZone => (
                "PM201",
                Severity::Warning,
                None,
                Group::Reader,
                "no time zone stated anywhere; says which was assumed (`--tz`, else UTC)",
                "state it once: \"Timeline (all times UTC)\"",
            ),
            Code::AmbiguousZone => (
                "PM203",
                Severity::Warning,
                None,
                Group::Reader,
                "an ambiguous abbreviation (IST, CST, BST) with nothing to settle it",
                "write the offset (`IST (UTC+05:30)`) or pass `--tz`",
            ),
            Code::UnknownZone => (
                "PM204",
                Severity::Warning,
                None,
                Group::Reader,
                "an unknown zone word, with the likely one (\"Greenwitch\" → GMT?)",
                "correct the spelling",
            ),
            Code::TimeInDstGap => (
                "PM205",
                Severity::Error,
                None,
                Group::Reader,
                "a local time that does not exist in the zone (a DST gap, 02:30 on the spring-forward night)",
                "correct the time or the zone",
            ),
            Code::TimeInDstFold => (
                "PM206",
                Severity::Warning,
                None,
                Group::Reader,
                "a local time that happens twice (the fall-back hour); the first is used",
                "write the offset to say which",
            ),
            Code::ImpossibleTime => (
                "PM301",
                Severity::Error,
                None,
                Group::Reader,
                "an impossible time (`25:10`, `10:75`, `10:7`) or a placeholder (`xx:xx`)",
                "correct it",
            ),
            Code::MeridiemOn24HourTime => (
                "PM302",
                Severity::Warning,
                None,
                Group::Reader,
                "a 24-hour time with AM/PM (`13:00 PM`), read as 24-hour",
                "drop the AM/PM",
            ),
            Code::ImpossibleDate => (
                "PM303",
                Severity::Error,
                None,
                Group::Reader,
                "an impossible date (`31/02/2024`)",
                "correct it",
            ),
            Code::TooManyTimesOnALine => (
                "PM304",
                Severity::Warning,
                None,
                Group::Reader,
                "more than 500 times on one line: the rest are not read as entries",
                "put one entry per line",
            ),
            Code::UntimedRow => (
                "PM305",
                Severity::Warning,
                None,
                Group::Reader,
                "a row of a timeline table or an item of a list of entries with no time of day (`Pre-existing`, `* **Escalation:** …`): not on the chart",
                "write when it happened (`12:10`, `~12:10`), or say it in the summary",
            ),
            Code::WindowOffTimeline => (
                "PM406",
                Severity::Warning,
                None,
                Group::Reader,
                "the summary's window contains no entry of its timeline; read 12 hours off when that fits (AM/PM), else the chart's impact follows the timeline",
                "correct the summary's start and end",
            ),
            Code::OutOfOrder => (
                "PM101",
                Severity::Error,
                None,
                Group::Order,
                "an entry is earlier than the one before it. The message names both lines; the help names the likely cause: an **AM/PM slip** (`12:15 AM` right after `12:00 PM`: did you mean 12:15 PM?), a **midnight crossing** without a date (`00:10` after `23:40` on the same day), or a **typo** one digit away from a time that fits (`11:35` among `10:30` and `10:40`: 10:35?). When one entry is later than the entries on both sides of it, that entry is the one reported. Entries with equal times are fine and keep their file order.",
                "correct the time, or its date, or move the entry to its place",
            ),
            Code::LongGapAfterMidnight => (
                "PM104",
                Severity::Warning,
                None,
                Group::Order,
                "an entry the reader moved to the next day (a time earlier than the previous one, read as past midnight) more than 12 hours after the previous entry (not when the entry itself says \"the following day\", \"next morning\" …): more likely a slip than a quiet night",
                "write the date if it really is the next day; otherwise correct the time",
            ),
            Code::AmPmSlipAfterMidnight => (
                "PM105",
                Severity::Error,
                None,
                Group::Order,
                "an entry the reader moved to the next day where twelve hours earlier it would follow naturally (`12:15 AM` right after `12:00 PM`): an AM/PM slip",
                "correct AM/PM; if it really is the next day, write its date",
            ),
            Code::RangeEndsBeforeStart => (
                "PM106",
                Severity::Error,
                None,
                Group::Order,
                "a range whose end is before its start (`10:45 - 10:10`)",
                "swap the two times, or correct the one that is wrong",
            ),
            Code::FarApart => (
                "PM103",
                Severity::Warning,
                None,
                Group::Order,
                "more than 30 days between two entries next to each other in time (both with a date): more likely a typo in a date or a year than one incident",
                "correct the date",
            ),
            Code::Duplicate => (
                "PM102",
                Severity::Warning,
                None,
                Group::Order,
                "the same time and the same text twice (case, spacing and final punctuation do not count)",
                "remove one of them",
            ),
            Code::MixedZones => (
                "PM202",
                Severity::Warning,
                None,
                Group::Zones,
                "zones mixed within one timeline: an entry written in another zone than most entries, at a different offset (one `4:00 PM EDT` among CAT entries). The help gives the time converted (`16:00 EDT is 22:00 CAT`). The same offset under two names (`UTC`, `GMT`) is not reported. pmchart places every entry correctly either way.",
                "write every entry in one zone",
            ),
            Code::StartAfterDetection => (
                "PM401",
                Severity::Warning,
                None,
                Group::Summary,
                "the summary's start is after the first detection in the timeline (or, with no detection entry, after the first entry that is not the cause): an outage starts no later than it is noticed",
                "correct the summary's start",
            ),
            Code::EndOffResolution => (
                "PM402",
                Severity::Warning,
                None,
                Group::Summary,
                "the summary's end matches none of the timeline's resolution entries; the message says how far it is from the last one",
                "make the end and the resolution agree",
            ),
            Code::StatedDurationDisagrees => (
                "PM403",
                Severity::Warning,
                None,
                Group::Summary,
                "the stated duration (\"lasted 2 hours\") disagrees with start to end by more than a tenth of it (at least 5 minutes)",
                "correct the duration, or the start or end",
            ),
            Code::EndBeforeStart => (
                "PM404",
                Severity::Error,
                None,
                Group::Summary,
                "the summary's end is before its start; the help points out an AM/PM slip (\"from 11 AM to 12:30 AM\": did you mean 12:30 PM?)",
                "correct one of them; past midnight, give both dates",
            ),
            Code::EntriesBeforeStart => (
                "PM405",
                Severity::Note,
                None,
                Group::Summary,
                "timeline entries before the outage start: fine for what caused it (a deploy, a change)",
                "nothing, unless the start is wrong",
            ),
            Code::NoDetection => (
                "PM501",
                Severity::Warning,
                None,
                Group::Flow,
                "no entry says when the problem was detected",
                "add it (\"14:05 Alert fired: …\"), or tag an entry `[detect]`",
            ),
            Code::NoResolution => (
                "PM502",
                Severity::Warning,
                None,
                Group::Flow,
                "no entry says when the incident was resolved (a mitigation alone is not a resolution)",
                "add it (\"16:30 Resolved: …\"), or tag an entry `[resolve]`",
            ),
            Code::AcknowledgedBeforeDetection => (
                "PM503",
                Severity::Error,
                Some("error / warning"),
                Group::Flow,
                "an acknowledgement earlier than the detection (or, without one, the cause); not repeated for an entry PM101 already reports",
                "correct one of the times or kinds",
            ),
            Code::ResolvedBeforeDetection => (
                "PM504",
                Severity::Error,
                Some("error / warning"),
                Group::Flow,
                "a resolution earlier than the detection; not repeated for an entry PM101 already reports",
                "correct one of the times or kinds",
            ),
            Code::EscalationToNobody => (
                "PM505",
                Severity::Warning,
                None,
                Group::Flow,
                "an escalation that names nobody",
                "name the team or person it went to",
            ),
            Code::MissingSection => (
                "PM601",
                Severity::Warning,
                None,
                Group::Template,
                "a section of the template is missing (named in the message). A section written as a label that starts a paragraph (\"Root Cause and Resolution: The …\") counts when it names the section in full",
                "add it",
            ),
            Code::SummaryWithoutWindow => (
                "PM602",
                Severity::Warning,
                None,
                Group::Template,
                "the summary does not give the outage's start, its end, or the time zone",
                "\"from 14:00 to 16:30 UTC\"",
            ),
            Code::SummaryWithoutImpact => (
                "PM603",
                Severity::Warning,
                None,
                Group::Template,
                "the summary does not say what was down, or how many users were affected (a percentage, \"all users\")",
                "\"checkout failed for about 40% of users\"",
            ),
            Code::SummaryWithoutCause => (
                "PM604",
                Severity::Warning,
                None,
                Group::Template,
                "the summary does not give the root cause",
                "one sentence on the cause",
            ),
            Code::TimelineWithoutPhases => (
                "PM605",
                Severity::Warning,
                None,
                Group::Template,
                "the timeline does not show how the problem was detected, the actions taken, the misleading paths taken, or who it was escalated to (from the entries' kinds; detection and resolution themselves are PM501/PM502)",
                "add the entries; `[misleading]` or `[escalate]` tags mark them",
            ),
            Code::MeasuresNotAList => (
                "PM606",
                Severity::Warning,
                None,
                Group::Template,
                "the corrective and preventative measures (with their sub-headings, e.g. \"Tasks:\") hold no Markdown list: plain lines run together into one paragraph, indented ones show as code",
                "one task per list item, TODO-style (`- [ ] …`)",
            ),
            Code::WordCount => (
                "PM607",
                Severity::Warning,
                None,
                Group::Template,
                "the word count is outside 400-600 words, counted as a reader would: prose, not Markdown syntax, HTML or image links",
                "say more, or cut to what a reader needs",
            ),
            Code::ChartStale => (
                "PM701",
                Severity::Error,
                None,
                Group::Embed,
                "`--check`: the chart block or an image differs from what the timeline gives now (names which)",
                "run `pmchart embed` and commit the result",
            ),
            Code::MarkersBroken => (
                "PM702",
                Severity::Error,
                None,
                Group::Embed,
                "the pmchart markers are broken: a begin without its end, an end without a begin, two blocks",
                "one `<!-- pmchart:begin -->` and one `<!-- pmchart:end -->`, at the same indentation",
            ),
            Code::NowhereToEmbed => (
                "PM703",
                Severity::Error,
                None,
                Group::Embed,
                "nowhere to put a new block: the heading `--at` names is not there (the headings are listed), or the place is inside an unclosed code block",
                "name a heading that exists, or write the markers where the chart goes",
            ),
            Code::TimelineHasErrors => (
                "PM704",
                Severity::Error,
                None,
                Group::Embed,
                "the timeline has errors (printed above): not embedding, or not checking, a chart of it",
                "fix them, or `--force`",
            ),
            Code::ImagesNotWritten => (
                "PM705",
                Severity::Error,
                None,
                Group::Embed,
                "the images cannot be rendered or written (an `--image-dir` that is absolute or holds control characters, a folder that is not writable); exit 2",
                "a relative `--image-dir`, a writable folder",
            ),
        };
        Doc {
            id,
            severity,
            severity_text,
            group,
            meaning,
            what_to_do,
        }
    }

    /// The stable code printed in every diagnostic (`PM101`).
    pub fn id(self) -> &'static str {
        self.doc().id
    }

    /// How bad it is. PM503 and PM504 are warnings instead when a reader guessed a kind.
    pub fn severity(self) -> Severity {
        self.doc().severity
    }

    /// The README table the code is documented in.
    pub fn group(self) -> Group {
        self.doc().group
    }

    /// What the problem is, as the README's table says.
    pub fn meaning(self) -> &'static str {
        self.doc().meaning
    }

    /// What to do about it, as the README's table says.
    pub fn what_to_do(self) -> &'static str {
        self.doc().what_to_do
    }

    /// The code of `id`, if it is one.
    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The README's table of a group's codes, as Markdown.
    pub fn readme_table(group: Group) -> String {
        let mut out =
            String::from("| code | severity | meaning | what to do |\n| --- | --- | --- | --- |\n");
        for c in Code::ALL.into_iter().filter(|c| c.group() == group) {
            let d = c.doc();
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                d.id,
                d.severity_text.unwrap_or(d.severity.as_str()),
                d.meaning,
                d.what_to_do
            ));
        }
        out
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_read_back() {
        let mut ids: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Code::ALL.len());
        for c in Code::ALL {
            assert_eq!(Code::from_id(c.id()), Some(c));
        }
    }
}
