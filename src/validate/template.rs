//! PM601-PM607: the common postmortem template (Issue Summary, Timeline, Root cause and
//! resolution, Corrective and preventative measures; 400-600 words). Reads the facts the
//! Markdown reader gathered in [`Document`].
//!
//! Section titles are matched loosely, on words: people write "Summary", "Root Cause",
//! "Corrective Measures", "Preventive measures".

use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{Document, EventKind, Incident, Section, SectionKind};

/// Which postmortem template the checks hold a document to (`template` in `pmchart.toml`,
/// `--template` on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Template {
    /// The course template ([`ALX`]), except for a document that follows the Google SRE book's
    /// or GitLab's template (Action Items with Lessons Learned, "Where we got lucky", Root
    /// Cause Analysis with "What went well"): those are not checked.
    #[default]
    Auto,
    /// Issue Summary, Timeline, Root cause and resolution, Corrective and preventative
    /// measures; 400 to 600 words; a summary that gives the window, the impact and the cause.
    Alx,
    /// The Google SRE book's postmortem (its example "Shakespeare Sonnet++").
    GoogleSre,
    /// GitLab's incident review issue template.
    Gitlab,
    /// No template checks.
    None,
}

impl Template {
    /// Every choice, by its name in `pmchart.toml` and on the command line.
    pub const ALL: [(&'static str, Template); 5] = [
        ("auto", Template::Auto),
        ("alx", Template::Alx),
        ("google-sre", Template::GoogleSre),
        ("gitlab", Template::Gitlab),
        ("none", Template::None),
    ];

    /// The profile this choice holds `doc` to, if any.
    pub fn profile_for(self, doc: &Document) -> Option<&'static Profile> {
        match self {
            Template::Auto if follows_industry_template(doc) => None,
            Template::Auto | Template::Alx => Some(&ALX),
            Template::GoogleSre => Some(&GOOGLE_SRE),
            Template::Gitlab => Some(&GITLAB),
            Template::None => None,
        }
    }
}

/// A template: the sections it asks for, its length, and which of its sections hold the
/// summary facts (PM602-PM604) and the list of tasks (PM606).
#[derive(Debug)]
pub struct Profile {
    /// Its name in `pmchart.toml`.
    pub name: &'static str,
    /// The sections, in the template's order.
    pub sections: &'static [SectionRule],
    /// The length it asks for, in words as a reader counts them (PM607).
    pub words: Option<(usize, usize)>,
    /// The section that must give the window, the impact and the cause (PM602-PM604).
    pub summary: Option<usize>,
    /// The section that must be a list of tasks (PM606).
    pub tasks: Option<usize>,
}

/// One section of a template and how its title is recognised.
#[derive(Debug)]
pub struct SectionRule {
    /// As the template writes it (quoted in PM601).
    pub name: &'static str,
    /// The title's words: one word of each group must start a word of the title ("cause"
    /// matches "Causes").
    pub words: &'static [&'static [&'static str]],
    /// The kind the reader gives a section that is this one whatever its title (see
    /// [`crate::model::SectionKind`]).
    pub kind: Option<SectionKind>,
    /// A run-in label ("Corrective measures: ...") must also have one of these words, so that
    /// a line inside another section is not taken for this one.
    pub label_words: &'static [&'static str],
}

const fn rule(
    name: &'static str,
    words: &'static [&'static [&'static str]],
    kind: Option<SectionKind>,
) -> SectionRule {
    SectionRule {
        name,
        words,
        kind,
        label_words: &[],
    }
}

/// The course template (the default).
pub const ALX: Profile = Profile {
    name: "alx",
    sections: &[
        rule("Issue Summary", &[&["summary"]], Some(SectionKind::Summary)),
        rule(
            "Timeline",
            &[&["timeline", "chronology"]],
            Some(SectionKind::Timeline),
        ),
        rule(
            "Root cause and resolution",
            &[&["cause"], &["resolution"]],
            Some(SectionKind::RootCause),
        ),
        SectionRule {
            name: "Corrective and preventative measures",
            words: &[&["correct", "prevent"]],
            kind: Some(SectionKind::Measures),
            label_words: &["measures"],
        },
    ],
    words: Some((400, 600)),
    summary: Some(0),
    tasks: Some(3),
};

/// The Google SRE book's postmortem template. Its action items are a table, so PM606 does
/// not apply; it sets no length.
pub const GOOGLE_SRE: Profile = Profile {
    name: "google-sre",
    sections: &[
        rule("Summary", &[&["summary"]], Some(SectionKind::Summary)),
        rule("Impact", &[&["impact"]], None),
        rule("Root Causes", &[&["root"], &["cause"]], None),
        rule("Trigger", &[&["trigger"]], None),
        rule("Resolution", &[&["resolution"]], None),
        rule("Detection", &[&["detection"]], None),
        rule("Action Items", &[&["action"], &["item"]], None),
        rule("Lessons Learned", &[&["lesson"]], None),
        rule(
            "Timeline",
            &[&["timeline", "chronology"]],
            Some(SectionKind::Timeline),
        ),
    ],
    words: None,
    summary: None,
    tasks: None,
};

/// GitLab's incident review issue template.
pub const GITLAB: Profile = Profile {
    name: "gitlab",
    sections: &[
        rule("Summary", &[&["summary"]], Some(SectionKind::Summary)),
        rule("Impact & Metrics", &[&["impact"]], None),
        rule("Detection & Response", &[&["detection"]], None),
        rule(
            "Timeline",
            &[&["timeline", "chronology"]],
            Some(SectionKind::Timeline),
        ),
        rule("Root Cause Analysis", &[&["root"], &["cause"]], None),
        rule("What went well", &[&["went", "going"], &["well"]], None),
        rule("What can be improved", &[&["improve"]], None),
        rule(
            "Corrective actions",
            &[&["corrective", "follow"], &["action", "up"]],
            None,
        ),
    ],
    words: None,
    summary: None,
    tasks: Some(7),
};

impl SectionRule {
    fn matches(&self, title: &[String]) -> bool {
        self.words
            .iter()
            .all(|group| title.iter().any(|w| group.iter().any(|g| w.starts_with(g))))
    }
}

/// Whether the document follows one of the industry templates instead of the course one: the
/// Google SRE book's (Action Items, Lessons Learned, "Where we got lucky") or GitLab's (Root
/// Cause Analysis, "What went well" / "What went wrong"). With [`Template::Auto`] the course
/// template's checks do not apply to them.
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

/// PM601-PM607 for `doc` held to `template`.
pub fn check(incident: &Incident, doc: &Document, template: Template) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let Some(profile) = template.profile_for(doc) else {
        return diags;
    };
    let rules = profile.sections;
    let found: Vec<Option<usize>> = rules
        .iter()
        .map(|rule| {
            doc.sections
                .iter()
                .position(|s| rule.matches(&title_words(&s.title)))
                .or_else(|| {
                    rule.kind
                        .and_then(|kind| doc.sections.iter().position(|s| s.kind == kind))
                })
        })
        .collect();
    let all_names = rules.iter().map(|r| r.name).collect::<Vec<_>>();
    for (i, (rule, section)) in rules.iter().zip(&found).enumerate() {
        if section.is_none() && !has_run_in_label(doc, profile, i) {
            let name = rule.name;
            diags.push(
                Diagnostic::new(
                    Code::MissingSection,
                    format!("the postmortem has no \"{name}\" section"),
                )
                .with_help(format!(
                    "add a `## {name}` section; the {} template has {}",
                    profile.name,
                    join_and(&all_names)
                )),
            );
        }
    }
    if let Some(i) = profile.summary.and_then(|k| found[k]) {
        diags.extend(summary_content(
            incident,
            &doc.sections[i],
            &block(doc, profile, i),
        ));
    }
    let timeline_span = rules
        .iter()
        .position(|r| r.kind == Some(SectionKind::Timeline))
        .and_then(|k| found[k])
        .and_then(|i| doc.sections[i].span)
        .or_else(|| incident.events.iter().find_map(|e| e.span));
    diags.extend(timeline_phases(incident, timeline_span));
    if let Some(i) = profile.tasks.and_then(|k| found[k]) {
        let items: usize = block(doc, profile, i).iter().map(|s| s.list_items).sum();
        if items == 0 {
            diags.push(
                Diagnostic::new(
                    Code::MeasuresNotAList,
                    format!(
                        "the {} are not a list of tasks",
                        doc.sections[i].title.trim().to_lowercase()
                    ),
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
    if let Some((low, high)) = profile.words {
        if !(low..=high).contains(&doc.word_count) {
            let (what, help) = if doc.word_count < low {
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
                        "the postmortem is {what}: {} words, the template asks for {low} to {high}",
                        doc.word_count,
                    ),
                )
                .with_help(format!(
                    "{help} (another template? set `template` in pmchart.toml, see `pmchart explain PM607`)"
                )),
            );
        }
    }
    diags
}

/// Section `i` with what belongs to it: its sub-headings and the title lines ("Impact:",
/// "Tasks:") under it, up to the next template section or the next heading of its rank.
fn block<'a>(doc: &'a Document, profile: &Profile, i: usize) -> Vec<&'a Section> {
    let root = &doc.sections[i];
    let mut out = vec![root];
    let rules = profile.sections;
    let root_kind = rules
        .iter()
        .position(|r| r.matches(&title_words(&root.title)));
    for s in &doc.sections[i + 1..] {
        let w = title_words(&s.title);
        let other_template_section = rules
            .iter()
            .enumerate()
            .any(|(k, r)| Some(k) != root_kind && r.matches(&w));
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
fn has_run_in_label(doc: &Document, profile: &Profile, section: usize) -> bool {
    let rule = &profile.sections[section];
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
            rule.matches(&w) && (rule.label_words.is_empty() || has(&w, rule.label_words))
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
            disabled: Vec::new(),
        });
        inc
    }

    fn run(inc: &Incident) -> Vec<Diagnostic> {
        check(inc, inc.document.as_ref().unwrap(), Template::Auto)
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
        let on = super::super::check(
            &inc,
            &super::super::CheckOptions {
                template: Template::Auto,
            },
        );
        assert!(on.iter().any(|d| d.code == "PM607"));
        let off = super::super::check(
            &inc,
            &super::super::CheckOptions {
                template: Template::None,
            },
        );
        assert!(off.is_empty(), "{off:#?}");
    }
}
