//! PM601-PM607: the common postmortem template (Issue Summary, Timeline, Root cause and
//! resolution, Corrective and preventative measures; 400-600 words). Reads the facts the
//! Markdown reader gathered in [`Document`].
//!
//! Section titles are matched loosely, on words: people write "Summary", "Root Cause",
//! "Corrective Measures", "Preventive measures".

use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{Document, EventKind, Incident, Section, SectionKind};

/// The template's word range, as a reader counts words.
pub const WORDS: std::ops::RangeInclusive<usize> = 400..=600;

/// Whether a title, split into lowercase words, names a section.
type TitleTest = fn(&[String]) -> bool;

/// The four sections of the template, each with the kind the reader gives a section that is
/// one of them (see [`crate::model::SectionKind`]).
const SECTIONS: [(&str, SectionKind); 4] = [
    ("Issue Summary", SectionKind::Summary),
    ("Timeline", SectionKind::Timeline),
    ("Root cause and resolution", SectionKind::RootCause),
    (
        "Corrective and preventative measures",
        SectionKind::Measures,
    ),
];

/// The same sections recognised on their whole name, for run-in labels and to tell a section
/// of the template from a sub-heading such as the summary's own "Root cause".
const STRICT: [TitleTest; 4] = [
    |w| has(w, &["summary"]),
    |w| has(w, &["timeline", "chronology"]),
    |w| has(w, &["cause"]) && has(w, &["resolution"]),
    |w| {
        w.iter()
            .any(|w| w.starts_with("correct") || w.starts_with("prevent"))
    },
];

/// Whether the document follows one of the industry templates instead of the course one: the
/// Google SRE book's (Action Items, Lessons Learned, "Where we got lucky") or GitLab's (Root
/// Cause Analysis, "What went well" / "What went wrong"). Their sections and lengths differ from
/// the course template's by design, so its checks do not apply to them.
pub fn follows_industry_template(doc: &Document) -> bool {
    let titles: Vec<Vec<String>> = doc.sections.iter().map(|s| title_words(&s.title)).collect();
    let any = |test: &dyn Fn(&[String]) -> bool| titles.iter().any(|w| test(w));
    let lessons = any(&|w| has(w, &["lessons"]) && has(w, &["learned"]));
    let action_items = any(&|w| has(w, &["action"]) && has(w, &["items"]));
    let went = any(&|w| has(w, &["went"]) && has(w, &["well", "wrong"]));
    let lucky = any(&|w| has(w, &["lucky"]));
    let rca = any(&|w| has(w, &["root"]) && has(w, &["analysis"]));
    (lessons && (action_items || went)) || lucky || (rca && went)
}

pub fn check(incident: &Incident, doc: &Document) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if follows_industry_template(doc) {
        return diags;
    }
    let found: Vec<Option<usize>> = SECTIONS
        .iter()
        .zip(STRICT)
        .map(|((_, kind), strict)| {
            doc.sections
                .iter()
                .position(|s| strict(&title_words(&s.title)))
                .or_else(|| doc.sections.iter().position(|s| s.kind == *kind))
        })
        .collect();
    for (i, ((name, _), section)) in SECTIONS.iter().zip(&found).enumerate() {
        if section.is_none() && !has_run_in_label(doc, i) {
            diags.push(
                Diagnostic::new(
                    Code::MissingSection,
                    format!("the postmortem has no \"{name}\" section"),
                )
                .with_help(format!(
                    "add a `## {name}` section; the template has Issue Summary, Timeline, \
                         Root cause and resolution, and Corrective and preventative measures"
                )),
            );
        }
    }
    if let Some(i) = found[0] {
        diags.extend(summary_content(incident, &doc.sections[i], &block(doc, i)));
    }
    let timeline_span = found[1]
        .and_then(|i| doc.sections[i].span)
        .or_else(|| incident.events.iter().find_map(|e| e.span));
    diags.extend(timeline_phases(incident, timeline_span));
    if let Some(i) = found[3] {
        let items: usize = block(doc, i).iter().map(|s| s.list_items).sum();
        if items == 0 {
            diags.push(
                Diagnostic::new(
                    Code::MeasuresNotAList,
                    "the corrective and preventative measures are not a list of tasks",
                )
                .at_opt(doc.sections[i].span)
                .with_help(
                    "write each task as a Markdown list item (\"- [ ] Add a memory alert on the \
                     database hosts\"); plain lines run together into one paragraph, and \
                     indented ones show as code",
                ),
            );
        }
    }
    if !WORDS.contains(&doc.word_count) {
        let (what, help) = if doc.word_count < *WORDS.start() {
            (
                "short",
                "say more about the impact, the cause and what was done",
            )
        } else {
            (
                "long",
                "keep to what a reader needs: the summary, the timeline, the cause and the tasks",
            )
        };
        diags.push(
            Diagnostic::new(
                Code::WordCount,
                format!(
                    "the postmortem is {what}: {} words, the template asks for {} to {}",
                    doc.word_count,
                    WORDS.start(),
                    WORDS.end()
                ),
            )
            .with_help(help),
        );
    }
    diags
}

/// Section `i` with what belongs to it: its sub-headings and the title lines ("Impact:",
/// "Tasks:") under it, up to the next template section or the next heading of its rank.
fn block(doc: &Document, i: usize) -> Vec<&Section> {
    let root = &doc.sections[i];
    let mut out = vec![root];
    let root_kind = STRICT
        .iter()
        .position(|strict| strict(&title_words(&root.title)));
    for s in &doc.sections[i + 1..] {
        let w = title_words(&s.title);
        let other_template_section = STRICT
            .iter()
            .enumerate()
            .any(|(k, strict)| Some(k) != root_kind && strict(&w));
        if other_template_section || (s.level <= root.level && s.level < 7) {
            break;
        }
        out.push(s);
    }
    out
}

/// A template section written as a label that starts a paragraph ("Root Cause and Resolution:
/// The web stack's ..."). Matched more strictly than a heading, on the whole name, so that the
/// summary's own "Root cause:" line does not count as the section.
fn has_run_in_label(doc: &Document, section: usize) -> bool {
    doc.sections
        .iter()
        .flat_map(|s| s.text.lines())
        .any(|line| {
            let Some((label, _)) = line.split_once(':') else {
                return false;
            };
            let w = title_words(label);
            if w.is_empty() || w.len() > 6 {
                return false;
            }
            STRICT[section](&w) && (section != 3 || has(&w, &["measures"]))
        })
}

/// PM602-PM604: the summary gives the window with its zone, the impact and the root cause.
fn summary_content(incident: &Incident, summary: &Section, block: &[&Section]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let impact = &incident.impact;
    let mut missing = Vec::new();
    if impact.start.is_none() {
        missing.push("the start");
    }
    if impact.end.is_none() {
        missing.push("the end");
    }
    let stamps = [impact.start.as_ref(), impact.end.as_ref()];
    if stamps.iter().any(|s| s.is_some()) && stamps.iter().flatten().all(|s| s.zone.is_none()) {
        missing.push("the time zone");
    }
    if !missing.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::SummaryWithoutWindow,
                format!("the summary does not give {}", join_and(&missing)),
            )
            .at_opt(summary.span)
            .with_help(
                "state when the outage started and ended, with the zone \
                 (\"from 14:00 to 16:30 UTC\")",
            ),
        );
    }

    // "Impact:" and "Root cause:" are often title lines or sub-headings of their own.
    let text = block
        .iter()
        .map(|s| format!("{}\n{}", s.title, s.text))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    let mut lacks = Vec::new();
    if !contains_any(
        &text,
        &[
            "impact",
            "affect",
            "down",
            "unavailable",
            "outage",
            "degrad",
            "error",
            "fail",
            "slow",
            "unable",
            "inaccessible",
            "unreachable",
            "latency",
            "disrupt",
            "broke",
            "interrupt",
        ],
    ) {
        lacks.push("what was down");
    }
    if !contains_any(
        &text,
        &[
            "%",
            "percent",
            "all users",
            "all of the users",
            "all our users",
            "all of our users",
            "all customers",
            "all the users",
            "every user",
            "entire user",
            "all clients",
            "no users",
        ],
    ) {
        lacks.push("how many users were affected");
    }
    if !lacks.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::SummaryWithoutImpact,
                format!("the summary does not say {}", join_and(&lacks)),
            )
            .at_opt(summary.span)
            .with_help(
                "state the impact: what was down or slow, and the share of users it hit \
                 (\"checkout failed for about 40% of users\")",
            ),
        );
    }
    if !contains_any(
        &text,
        &[
            "caus", "due to", "result", "trigger", "stem", "because", "reason",
        ],
    ) {
        diags.push(
            Diagnostic::new(
                Code::SummaryWithoutCause,
                "the summary does not give the root cause",
            )
            .at_opt(summary.span)
            .with_help(
                "add one sentence on the cause (\"The root cause was an expired TLS certificate\")",
            ),
        );
    }
    diags
}

/// PM605: the timeline covers detection and how, actions, misleading paths, escalation and
/// resolution. Missing detection and resolution are PM501/PM502 already.
fn timeline_phases(incident: &Incident, at: Option<crate::model::Span>) -> Vec<Diagnostic> {
    let has_kind = |kinds: &[EventKind]| incident.events.iter().any(|e| kinds.contains(&e.kind));
    let mut missing = Vec::new();
    let detections: Vec<_> = incident
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Detect)
        .collect();
    if !detections.is_empty()
        && !detections.iter().any(|e| {
            contains_any(
                &e.text.to_lowercase(),
                &[
                    "alert",
                    "monitor",
                    "customer",
                    "user",
                    "report",
                    "notic",
                    "engineer",
                    "page",
                    "ticket",
                    "complain",
                    "dashboard",
                    "observ",
                    "discover",
                    "spot",
                    "found",
                    "check",
                    "detect",
                    "saw",
                    "by ",
                ],
            )
        })
    {
        missing.push("how the problem was detected");
    }
    if !has_kind(&[EventKind::Action, EventKind::Mitigate]) {
        missing.push("the actions taken");
    }
    if !has_kind(&[EventKind::Misleading]) {
        missing.push("the misleading paths taken");
    }
    if !has_kind(&[EventKind::Escalate]) {
        missing.push("who it was escalated to");
    }
    if missing.is_empty() {
        return Vec::new();
    }
    vec![Diagnostic::new(
        Code::TimelineWithoutPhases,
        format!("the timeline does not show {}", join_and(&missing)),
    )
    .at_opt(at)
    .with_help(
        "the template's timeline covers detection and how, the actions, the misleading \
         investigation paths, the escalation and the resolution; add the missing entries \
         (a tag such as `[misleading]` or `[escalate]` marks one)",
    )]
}

fn title_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn has(words: &[String], any: &[&str]) -> bool {
    words.iter().any(|w| any.contains(&w.as_str()))
}

fn contains_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| text.contains(n))
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    fn section(title: &str, at: usize, text: &str, list_items: usize) -> Section {
        Section {
            title: title.into(),
            level: 2,
            span: Some(line(at)),
            text: text.into(),
            word_count: text.split_whitespace().count(),
            list_items,
            kind: crate::input::markdown::section_kind(title),
        }
    }

    /// A postmortem that follows the template in every point.
    fn complete() -> Incident {
        let mut inc = incident(&[
            ("2024-06-05T14:05:00Z", "detect", "Monitoring alert fired"),
            (
                "2024-06-05T14:10:00Z",
                "misleading",
                "Suspected the network",
            ),
            (
                "2024-06-05T14:20:00Z",
                "escalate",
                "Escalated to the DB team",
            ),
            ("2024-06-05T14:25:00Z", "action", "Restarted the database"),
            ("2024-06-05T14:30:00Z", "resolve", "Service back"),
        ]);
        inc.events[2].actor = Some("DB team".into());
        inc.impact.start = Some(stamp("2024-06-05T14:00:00Z", Some("UTC"), 3));
        inc.impact.end = Some(stamp("2024-06-05T14:30:00Z", Some("UTC"), 3));
        inc.document = Some(Document {
            sections: vec![
                section(
                    "Issue Summary",
                    2,
                    "From 14:00 to 14:30 UTC the API was down for 80% of users. \
                     The root cause was a full disk.",
                    0,
                ),
                section("Timeline (UTC)", 10, "", 5),
                section("Root Cause", 20, "The disk filled up.", 0),
                section("Corrective Measures", 30, "", 3),
            ],
            word_count: 450,
            timeline: None,
        });
        inc
    }

    fn run(inc: &Incident) -> Vec<Diagnostic> {
        check(inc, inc.document.as_ref().unwrap())
    }

    #[test]
    fn a_complete_postmortem_passes() {
        assert!(run(&complete()).is_empty(), "{:#?}", run(&complete()));
    }

    #[test]
    fn loosely_named_sections_are_found() {
        let mut inc = complete();
        let doc = inc.document.as_mut().unwrap();
        for (s, title) in doc.sections.iter_mut().zip([
            "Summary",
            "Timeline",
            "Root cause and resolution",
            "Preventive measures",
        ]) {
            s.title = title.into();
            s.kind = crate::input::markdown::section_kind(title);
        }
        assert!(run(&inc).is_empty());
    }

    #[test]
    fn a_missing_section_is_named() {
        let mut inc = complete();
        inc.document.as_mut().unwrap().sections.remove(2);
        let d = run(&inc);
        let d = only(&d, "PM601");
        assert!(
            d.message.contains("Root cause and resolution"),
            "{}",
            d.message
        );
        assert_eq!(d.span, None);
    }

    #[test]
    fn a_summary_without_end_or_zone_is_reported_on_its_heading() {
        let mut inc = complete();
        inc.impact.end = None;
        inc.impact.start.as_mut().unwrap().zone = None;
        let d = run(&inc);
        let d = only(&d, "PM602");
        assert_eq!(d.line(), Some(2));
        assert!(
            d.message.contains("the end and the time zone"),
            "{}",
            d.message
        );
    }

    #[test]
    fn a_summary_without_impact_share_or_cause_is_reported() {
        let mut inc = complete();
        inc.document.as_mut().unwrap().sections[0].text =
            "From 14:00 to 14:30 UTC the API was down.".into();
        let d = run(&inc);
        assert_eq!(codes(&d), vec!["PM603", "PM604"]);
        assert!(d[0].message.contains("how many users"), "{}", d[0].message);
        assert!(!d[0].message.contains("what was down"), "{}", d[0].message);
        assert!(d.iter().all(|d| d.line() == Some(2)));
    }

    #[test]
    fn impact_and_cause_under_their_own_title_lines_count_for_the_summary() {
        let mut inc = complete();
        let doc = inc.document.as_mut().unwrap();
        doc.sections[0].text = "From 14:00 to 14:30 UTC.".into();
        doc.sections.insert(
            1,
            section("Impact", 4, "The API was down for 80% of users.", 0),
        );
        doc.sections[1].level = 7;
        doc.sections
            .insert(2, section("Root cause", 5, "A full disk.", 0));
        doc.sections[2].level = 7;
        assert!(run(&inc).is_empty(), "{:#?}", run(&inc));
    }

    #[test]
    fn a_section_written_as_a_run_in_label_counts() {
        let mut inc = complete();
        let doc = inc.document.as_mut().unwrap();
        doc.sections.remove(2);
        doc.sections[1].text =
            "10:00 things happened\nRoot Cause and Resolution: the disk filled up.".into();
        assert!(run(&inc).is_empty(), "{:#?}", run(&inc));
        // The summary's own "Root cause:" line is not the section.
        let doc = inc.document.as_mut().unwrap();
        doc.sections[1].text = "Root cause: the disk.".into();
        assert_eq!(only(&run(&inc), "PM601").code, "PM601");
    }

    #[test]
    fn tasks_under_a_sub_heading_of_the_measures_count() {
        let mut inc = complete();
        let doc = inc.document.as_mut().unwrap();
        doc.sections[3].list_items = 0;
        let mut tasks = section("Tasks", 31, "", 2);
        tasks.level = 3;
        doc.sections.push(tasks);
        assert!(run(&inc).is_empty(), "{:#?}", run(&inc));
    }

    #[test]
    fn a_timeline_without_misleading_paths_or_escalation_is_reported() {
        let mut inc = complete();
        inc.events
            .retain(|e| !matches!(e.kind, EventKind::Misleading | EventKind::Escalate));
        let d = run(&inc);
        let d = only(&d, "PM605");
        assert_eq!(d.line(), Some(10));
        assert!(
            d.message
                .contains("misleading paths taken and who it was escalated to"),
            "{}",
            d.message
        );
    }

    #[test]
    fn measures_without_a_list_are_reported() {
        let mut inc = complete();
        inc.document.as_mut().unwrap().sections[3].list_items = 0;
        let d = run(&inc);
        assert_eq!(only(&d, "PM606").line(), Some(30));
    }

    #[test]
    fn a_word_count_outside_the_range_is_reported() {
        for (words, ok) in [(399, false), (400, true), (600, true), (601, false)] {
            let mut inc = complete();
            inc.document.as_mut().unwrap().word_count = words;
            let d = run(&inc);
            assert_eq!(d.iter().any(|d| d.code == "PM607"), !ok, "{words}");
        }
    }

    #[test]
    fn template_checks_run_only_when_asked_and_for_documents() {
        let mut inc = complete();
        inc.document.as_mut().unwrap().word_count = 10;
        let on = super::super::check(&inc, &super::super::CheckOptions { template: true });
        assert!(on.iter().any(|d| d.code == "PM607"));
        let off = super::super::check(&inc, &super::super::CheckOptions { template: false });
        assert!(off.is_empty(), "{off:#?}");
    }
}
