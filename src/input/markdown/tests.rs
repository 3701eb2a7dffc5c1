//! Unit tests of the Markdown reader: one per entry form and zone form.

use super::*;
use crate::model::EventKind;
use chrono::{Duration, FixedOffset};

fn read_with(md: &str, opts: &ReadOptions) -> Parsed {
    match read(md, opts) {
        Ok(p) => p,
        Err(f) => panic!("read failed: {:?}", f.diagnostics),
    }
}

fn read_ok(md: &str) -> Parsed {
    read_with(md, &ReadOptions::default())
}

/// (line, HH:MM) of every event.
fn lt(md: &str) -> Vec<(usize, String)> {
    read_ok(md)
        .incident
        .events
        .iter()
        .map(|e| (e.span.unwrap().line, e.wall_clock()))
        .collect()
}

fn pairs(v: &[(usize, &str)]) -> Vec<(usize, String)> {
    v.iter().map(|(l, t)| (*l, t.to_string())).collect()
}

fn codes(p: &Parsed) -> Vec<&'static str> {
    p.diagnostics.iter().map(|d| d.code.id()).collect()
}

#[test]
fn bullets_numbers_and_plain_lines() {
    let md = "# T\n\n## Timeline\n- 10:00 AM: a\n* 14:32 UTC - b\n+ 3:00 PM CAT- c\n1. 09:45am: d\n12:00 PM - e\no 4:05 PM: f\n";
    assert_eq!(
        lt(md),
        pairs(&[
            (4, "10:00"),
            (5, "14:32"),
            (6, "15:00"),
            (7, "09:45"),
            (8, "12:00"),
            (9, "16:05")
        ])
    );
    let p = read_ok(md);
    assert_eq!(p.incident.events[0].text, "a");
    assert_eq!(p.incident.events[1].text, "b");
    assert_eq!(p.incident.events[2].text, "c");
}

#[test]
fn bold_and_italic_times() {
    let md = "## Timeline\n- **10:30 AM:** text one\n* **09:17 UTC** - text two\n**15:00 UTC: Issue Detection**\n_16:00_: five\n";
    assert_eq!(
        lt(md),
        pairs(&[(2, "10:30"), (3, "09:17"), (4, "15:00"), (5, "16:00")])
    );
    let p = read_ok(md);
    assert_eq!(p.incident.events[0].text, "text one");
    assert_eq!(p.incident.events[2].text, "Issue Detection");
}

#[test]
fn a_sentence_wrapped_in_its_list_item_goes_on() {
    let md = "## Timeline (UTC)\n- 10:04 The flag service clamps the value at 100 without a\n  warning, and every user gets the new basket.\n- 10:11 Issue Detected\n  Monitoring alerts fired for `orders.total`.\n";
    let p = read_ok(md);
    let ev = &p.incident.events;
    assert_eq!(
        ev[0].text,
        "The flag service clamps the value at 100 without a warning, and every user gets the new basket."
    );
    // A line that starts with a capital is a statement of its own: the label keeps it apart.
    assert_eq!(ev[1].text, "Issue Detected");
}

#[test]
fn time_on_its_own_line_takes_the_text_below() {
    let md = "## Timeline\n* 10:15 AM (EAT):\n  The site went down\n- **10:20 AM:**\n  - Alert acknowledged\n";
    let p = read_ok(md);
    let ev = &p.incident.events;
    assert_eq!(ev.len(), 2);
    assert_eq!(
        (ev[0].span.unwrap().line, ev[0].text.as_str()),
        (2, "The site went down")
    );
    assert_eq!(ev[0].zone.as_deref(), Some("EAT"));
    assert_eq!(ev[1].text, "Alert acknowledged");
    assert_eq!(ev[1].kind, EventKind::Acknowledge);
}

#[test]
fn time_headings_under_a_date_heading() {
    let md = "# Outage\n\n## Timeline (UTC)\n\n#### August 15, 2024\n\n#### 00:01:\nThings broke\n\n#### 00:20:\n\nFixed\n";
    let p = read_ok(md);
    let ev = &p.incident.events;
    assert_eq!(lt(md), pairs(&[(7, "00:01"), (10, "00:20")]));
    assert!(ev.iter().all(|e| e.time.is_dated()));
    assert_eq!(ev[0].time.to_string(), "2024-08-15T00:01:00+00:00");
    assert_eq!(
        (ev[0].text.as_str(), ev[1].text.as_str()),
        ("Things broke", "Fixed")
    );
}

#[test]
fn a_date_heading_may_name_the_part_of_the_day_it_opens() {
    let md = "# Outage\n\nAll times Eastern.\n\n## Timeline\n\n### Tuesday, February 9, 2027\n\n\
- **4:15 p.m.** — A technologist notices missing results.\n\n\
### Wednesday, February 10 — Detection and Response\n\n\
- **12:30 p.m.** — **Detection.** A hospitalist calls the lab.\n\n\
**Thursday, February 11 – Recovery**\n\n\
- **6:00 p.m.** — **Incident closed.** Interface stable.\n";
    let p = read_ok(md);
    let times: Vec<String> = p
        .incident
        .events
        .iter()
        .map(|e| e.time.to_string())
        .collect();
    assert_eq!(
        times,
        [
            "2027-02-09T16:15:00-05:00",
            "2027-02-10T12:30:00-05:00",
            "2027-02-11T18:00:00-05:00"
        ]
    );
    assert!(codes(&p).is_empty(), "{:?}", p.diagnostics);
    // A plain line with a date and a dash is an entry's text, not a heading.
    let md = "# Outage\n\n## Timeline (UTC)\n\n### March 3, 2025\n\n- 10:00 - Alert fired\nMarch 4 - the team kept watching the queue\n- 11:00 - Restored\n";
    let p = read_ok(md);
    assert!(p
        .incident
        .events
        .iter()
        .all(|e| e.time.to_string().starts_with("2025-03-03")));
}

#[test]
fn time_headings_at_the_timeline_heading_level() {
    let md = "### Timeline\n\n### 10:15 AM\nSite down\n\n### 10:30 AM\nFixed\n\n### Root Cause\nAt 9:00 AM x\n";
    assert_eq!(lt(md), pairs(&[(3, "10:15"), (6, "10:30")]));
    assert_eq!(read_ok(md).incident.events[0].text, "Site down");
}

#[test]
fn tables_with_zone_header_bold_dates_and_an_unclosed_row() {
    let md = "Summary: March 15, 2025\n\n## Timeline\n\n| Time (GMT + 1) | Actions |\n| --- | --- |\n| 9:45 AM | Upgrade begins |\n| **March 16, 14:30** | x |\n| 10:22AM | back onlineI\n";
    let p = read_ok(md);
    let ev = &p.incident.events;
    assert_eq!(lt(md), pairs(&[(7, "09:45"), (8, "14:30"), (9, "10:22")]));
    assert_eq!(ev[0].zone.as_deref(), Some("GMT+1"));
    assert_eq!(ev[0].time.offset().local_minus_utc(), 3600);
    assert_eq!(ev[0].text, "Upgrade begins");
    assert_eq!(
        ev[1].time.instant().unwrap().format("%Y-%m-%d").to_string(),
        "2025-03-16"
    );
}

#[test]
fn tab_separated_pseudo_table() {
    let md = "## Timeline\nTime\tEvent\n10:00\tAlert fired\n10:30\tRolled back\n";
    assert_eq!(lt(md), pairs(&[(3, "10:00"), (4, "10:30")]));
    // The fix that ended the outage, nothing later saying restored: the resolution.
    assert_eq!(read_ok(md).incident.events[1].kind, EventKind::Resolve);
}

#[test]
fn military_at_brackets_and_odd_separators() {
    let md = "## Timeline\n- 2306HRS: paged\n- 0330hrs (EAT) resolved\n- At 11:42 am: noticed\n- [10:00 AM] - text\n- 13:20PM :- text\n";
    assert_eq!(
        lt(md),
        pairs(&[
            (2, "23:06"),
            (3, "03:30"),
            (4, "11:42"),
            (5, "10:00"),
            (6, "13:20")
        ])
    );
    let p = read_ok(md);
    assert_eq!(p.incident.events[1].zone.as_deref(), Some("EAT"));
    assert!(codes(&p).contains(&"PM302"), "13:20PM warns");
}

#[test]
fn ranges_are_one_event_with_an_end() {
    let md = "## Timeline\n- 10:10 AM PST - 10:45 AM PST: investigating\n- 7:30AM to 8:05PM WAT: long\n- 1:30pm-2:30pm - short\n";
    let p = read_ok(md);
    let ev = &p.incident.events;
    assert_eq!(ev.len(), 3);
    let end = |i: usize| ev[i].end.as_ref().map(crate::model::When::wall_clock);
    assert_eq!(
        (ev[0].wall_clock(), end(0)),
        ("10:10".into(), Some("10:45".into()))
    );
    assert_eq!(
        (ev[1].wall_clock(), end(1)),
        ("07:30".into(), Some("20:05".into()))
    );
    assert_eq!(ev[1].zone.as_deref(), Some("WAT"));
    assert_eq!(
        (ev[2].wall_clock(), end(2)),
        ("13:30".into(), Some("14:30".into()))
    );
    assert_eq!(ev[0].text, "investigating");
}

#[test]
fn dates_written_in_entries() {
    let md = "## Timeline\n- 25/02/2025 8:00 PM: a\n- November 10, 2023, 08:45 AM (UTC): b\n- 2022-04-25 00:00 (GMT-04:00): c\n- 13:15 PST 29 april 2022 - d\n";
    let p = read_ok(md);
    let ev = &p.incident.events;
    let day = |i: usize| {
        ev[i]
            .time
            .instant()
            .unwrap()
            .format("%Y-%m-%d %H:%M %:z")
            .to_string()
    };
    assert_eq!(day(0), "2025-02-25 20:00 +00:00");
    assert_eq!(day(1), "2023-11-10 08:45 +00:00");
    assert_eq!(day(2), "2022-04-25 00:00 -04:00");
    assert_eq!(day(3), "2022-04-29 13:15 -08:00");
    assert_eq!(ev[3].text, "d");
    assert_eq!(ev[2].zone.as_deref(), Some("GMT-04:00"));
}

#[test]
fn iso_8601_timestamps() {
    let md = "## Timeline\n- 2024-03-10T10:00:00Z: alert\n- 2024-03-10T10:05:00+01:00 paged\n";
    let p = read_ok(md);
    let ev = &p.incident.events;
    assert_eq!(ev[0].time.to_string(), "2024-03-10T10:00:00+00:00");
    assert_eq!(ev[0].zone.as_deref(), Some("UTC"));
    assert_eq!(ev[1].time.to_string(), "2024-03-10T10:05:00+01:00");
    assert_eq!(ev[1].text, "paged");
}

#[test]
fn ambiguous_day_month_is_settled_by_context_or_left_unknown() {
    let unsettled = "## Timeline\n- 12/02/2025 8:00 PM: a\n";
    assert!(!read_ok(unsettled).incident.events[0].time.is_dated());
    let settled = "Other date: 25/01/2025\n\n## Timeline\n- 12/02/2025 8:00 PM: a\n";
    assert_eq!(
        read_ok(settled).incident.events[0]
            .time
            .instant()
            .unwrap()
            .format("%Y-%m-%d")
            .to_string(),
        "2025-02-12"
    );
}

#[test]
fn stray_am_pm_is_read_as_24_hour_with_a_warning() {
    let p = read_ok("## Timeline\n- 13:00 PM: a\n- 23:59 PM: b\n");
    assert_eq!(p.incident.events[0].wall_clock(), "13:00");
    assert_eq!(p.incident.events[1].wall_clock(), "23:59");
    assert_eq!(codes(&p).iter().filter(|c| **c == "PM302").count(), 2);
}

#[test]
fn impossible_times_and_dates_are_errors() {
    let p = read_ok("## Timeline\n- 25:10: a\n- 10:00: b\n- 31/02/2024 11:00: c\n");
    assert!(codes(&p).contains(&"PM301"));
    assert!(codes(&p).contains(&"PM303"));
    assert_eq!(p.incident.events.len(), 2);
    // A time that lost a digit is said, where it is, not folded into the entry above.
    let p = read_ok(
        "## Timeline\n- 10:00 - Alert fired\n- **10:7** - Team notified\n- 11:00 - Restored\n",
    );
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.code.id() == "PM301")
        .expect("PM301");
    assert_eq!(
        (d.line(), d.message.as_str()),
        (Some(3), "`10:7` is not a time of day")
    );
    // So is a template's placeholder, in a list or in a timeline of paragraphs.
    for (md, line, time) in [
        (
            "## Timeline\n- 10:00 - Alert fired\n- xx:xx - Team notified\n- 11:00 - Restored\n",
            3,
            "xx:xx",
        ),
        (
            "## Timeline\n\n10:00 AM: Alert fired\n\nHH:MM PM: Team notified\n\n11:00 AM: Restored\n",
            5,
            "HH:MM",
        ),
    ] {
        let p = read_ok(md);
        let d = p
            .diagnostics
            .iter()
            .find(|d| d.code.id() == "PM301")
            .unwrap_or_else(|| panic!("PM301 in {md:?}: {:?}", p.diagnostics));
        assert_eq!(
            (d.line(), d.message.clone()),
            (Some(line), format!("`{time}` is not a time of day"))
        );
    }
    // Prose ratios in a detail line, and two-digit minutes, are not.
    for md in [
        "## Timeline\n- 10:00 - Alert fired\n  ratio was 3:1 at the time\n- 10:07 - Team notified\n",
        "## Timeline\n\n10:00 AM: Alert fired\n3:1 of the requests failed\n\n10:07 AM: Team notified\n",
    ] {
        let p = read_ok(md);
        assert!(!codes(&p).contains(&"PM301"), "{:?}", p.diagnostics);
    }
}

#[test]
fn an_untimed_row_of_a_timeline_table_is_said() {
    let md = "## Timeline\n\n| Time | Event |\n|---|---|\n| Pre-existing | Client reports mail lost |\n| ~12:30 | Investigation begins |\n| 12:40 | Cause found |\n";
    let p = read_ok(md);
    let d: Vec<_> = p
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == "PM305")
        .collect();
    assert_eq!(d.len(), 1, "{:?}", p.diagnostics);
    assert_eq!(
        (d[0].line(), d[0].message.as_str()),
        (
            Some(5),
            "the timeline row `Pre-existing` has no time of day: it is not on the chart"
        )
    );
    assert_eq!(p.incident.events.len(), 2);
    // A placeholder time is said once, as a time that cannot be read.
    let md = "## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | Alert |\n| xx:xx | Escalated |\n| 10:40 | Restored |\n";
    let c = codes(&read_ok(md));
    assert_eq!(
        (
            c.iter().filter(|c| **c == "PM301").count(),
            c.contains(&"PM305")
        ),
        (1, false),
        "{c:?}"
    );
    // A table with no entry at all is not a timeline table: nothing to say about its rows.
    let md = "## Timeline\n- 10:00 - Alert fired\n- 10:30 - Restored\n\n| Team | Role |\n|---|---|\n| DBA | owner |\n";
    assert!(!codes(&read_ok(md)).contains(&"PM305"));
}

#[test]
fn an_untimed_item_of_a_list_of_entries_is_said() {
    // Label-style bullets, only the first with a time: the others would be left off unseen.
    let md = "## Timeline\n\n* **Issue Detected:** May 10, 2023, 08:00 AM - Monitoring alerts fired.\n* **Escalation:** The incident was escalated to the DBA team.\n* **Resolution:** The pool was resized.\n";
    let p = read_ok(md);
    let d: Vec<_> = p
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == "PM305")
        .map(|d| (d.line(), d.message.as_str()))
        .collect();
    assert_eq!(
        d,
        [
            (
                Some(4),
                "the timeline item `Escalation: The incident was escalated…` has no time of day: it is not on the chart"
            ),
            (
                Some(5),
                "the timeline item `Resolution: The pool was resized.` has no time of day: it is not on the chart"
            ),
        ]
    );
    assert_eq!(p.incident.events.len(), 1);
    // Not said: a label for the times nested under it, the zone, an item nested under an
    // entry (its details), a list that holds no entry, and the items that describe a time
    // written alone under a label: those are the entry's details, read for its kind.
    let md = "## Timeline\n\n- All times are UTC\n- **Detection:**\n  - 15:30 UTC\n  - Alerts fired for slow queries.\n  - Error rates doubled.\n- **Escalation:**\n  - 15:40 UTC\n  - Escalated to the database team.\n- 16:00 - Restored\n  - verified by the on-call\n\n## Lessons\n\n- Add alerts\n";
    let p = read_ok(md);
    assert!(!codes(&p).contains(&"PM305"), "{:?}", p.diagnostics);
    let ev = &p.incident.events;
    assert_eq!(
        (ev[0].kind, ev[1].kind, ev[1].actor.as_deref()),
        (
            EventKind::Detect,
            EventKind::Escalate,
            Some("database team")
        )
    );
}

#[test]
fn a_sentence_with_a_time_after_an_entry_is_an_entry() {
    // Plain lines: after an entry's sentence, a line of its own with a time in it is the next
    // entry; lines with none stay the entry's details.
    let md = "Timeline:\nJune 20, 2023, 10:00 AM: The issue was detected when monitoring alerted.\nInvestigation began immediately.\nThe incident was escalated to the database team.\nThe incident was resolved on June 21, 2023, 2:00 PM, after a long investigation.\n\nRoot Cause:\nA cache.\n";
    assert_eq!(lt(md), pairs(&[(2, "10:00"), (5, "14:00")]));
    let p = read_ok(md);
    assert_eq!(
        (p.incident.events[0].kind, p.incident.events[1].kind),
        (EventKind::Detect, EventKind::Resolve)
    );
    // Under a label-like entry ("Issue Detected"), the line below is its details, time and all;
    // so is a line that goes on with the sentence, and an item under a bullet.
    for md in [
        "Timeline:\n10:00 AM: Issue Detected\nMonitoring alerts fired at 10:02 AM\n10:30 AM: Restored.\n",
        "Timeline:\n10:00 AM: Alerts fired for the API.\nthe on-call replied at 10:02 AM\n10:30 AM: Restored.\n",
        "Timeline:\n- 10:00 AM: Alerts fired for the API.\n  The on-call replied at 10:02 AM.\n- 10:30 AM: Restored.\n",
    ] {
        assert_eq!(lt(md), pairs(&[(2, "10:00"), (4, "10:30")]), "{md}");
    }
}

#[test]
fn html_inside_markdown() {
    let md = "### Timeline\n<ul>\n<li><strong>10:30 AM:</strong>Issue detected</li>\n<li><strong>10:35 AM:</strong><img src=\"a.svg\">Engaged on-call&emsp;engineer<br/></li>\n</ul>\n";
    let p = read_ok(md);
    let ev = &p.incident.events;
    assert_eq!(lt(md), pairs(&[(3, "10:30"), (4, "10:35")]));
    assert_eq!(ev[0].text, "Issue detected");
    assert_eq!(ev[1].text, "Engaged on-call engineer");
}

#[test]
fn indented_timeline_parsed_as_code_by_markdown() {
    let md = "Timeline:\n\n    10:45 AM (UTC): Issue Detected\n        Alerts fired; complete recovery by 1:30 PM (UTC).\n\n    11:05 AM (UTC): Escalated to the DB team\n";
    assert_eq!(lt(md), pairs(&[(3, "10:45"), (6, "11:05")]));
    let p = read_ok(md);
    assert_eq!(p.incident.events[1].kind, EventKind::Escalate);
    assert_eq!(p.incident.events[1].actor.as_deref(), Some("DB team"));
}

#[test]
fn crlf_bom_emoji_and_curly_punctuation() {
    let md = "\u{feff}# T\r\n\r\n## ⏲ Timeline ⏱\r\n- 🚨 10:00 UTC – “Alert” fired\r\n- 10:05 UTC — on-call’s ack\r\n";
    let p = read_ok(md);
    assert_eq!(lt(md), pairs(&[(4, "10:00"), (5, "10:05")]));
    assert_eq!(p.incident.events[0].text, "“Alert” fired");
    assert_eq!(p.incident.title.as_deref(), Some("T"));
}

#[test]
fn several_entries_on_one_line() {
    let md = "## Timeline\n12:00pm EAT: Issue was detected. 12:06pm EAT: Checked headers 12:09pm EAT: Fixed.\n";
    let p = read_ok(md);
    assert_eq!(lt(md), pairs(&[(2, "12:00"), (2, "12:06"), (2, "12:09")]));
    assert_eq!(p.incident.events[1].text, "Checked headers");
}

#[test]
fn entries_separated_by_html_line_breaks() {
    let md = "## Timeline\n10:00 AM - alert<br/>10:05 AM - paged<br>**10:10 AM** - fixed\n";
    assert_eq!(lt(md), pairs(&[(2, "10:00"), (2, "10:05"), (2, "10:10")]));
    assert_eq!(read_ok(md).incident.events[1].text, "paged");
}

#[test]
fn entries_run_together_as_sentences() {
    let md =
        "## Timeline\n10:00 - alert fired; 10:05 - paged. 10:10 UTC - fixed, by 10:20 all good\n";
    assert_eq!(lt(md), pairs(&[(2, "10:00"), (2, "10:05"), (2, "10:10")]));
}

#[test]
fn numbered_section_titles() {
    let md = "1. Issue Summary\n\nDown from 10:00 to 11:00 UTC.\n\n## 2. Timeline\n- 10:00 UTC: a\n\n## 3. Root cause\nAt 9:00 x\n";
    assert_eq!(lt(md), pairs(&[(6, "10:00")]));
}

#[test]
fn template_items_with_a_time_mid_sentence() {
    let md = "Timeline:\n\nIssue Detection:\n\nFirst identified at 08:00 UTC through monitoring.\nEscalation:\n\nEscalated to DevOps.\n";
    let p = read_ok(md);
    assert_eq!(lt(md), pairs(&[(5, "08:00")]));
    assert_eq!(
        p.incident.events[0].text,
        "First identified through monitoring."
    );
}

#[test]
fn timeline_heading_forms() {
    for heading in [
        "## Timeline",
        "Timeline (UTC)",
        "**Timeline:**",
        "### ⏲ Timeline ⏱",
        "Timeline of events",
        "# Chronology",
        "🕒 Timeline (a rollercoaster)",
    ] {
        let md = format!("# T\n\nSome intro at 09:00 UTC.\n\n{heading}\n\n- 10:00 UTC: a\n\n## Root Cause\n\nAt 11:00 UTC it broke.\n");
        assert_eq!(lt(&md), pairs(&[(7, "10:00")]), "{heading}");
    }
}

#[test]
fn timeline_as_a_bullet_with_nested_entries() {
    let md = "## Issue Summary\n- **Duration:** 10:00 - 11:00 UTC\n- **Timeline:**\n  - 10:00: alert\n  - 10:30: fixed\n- **Root cause:** x at 09:00\n";
    assert_eq!(lt(md), pairs(&[(4, "10:00"), (5, "10:30")]));
}

#[test]
fn timeline_ends_at_the_next_section_title() {
    let md = "Timeline\n10:00 UTC: a\nRoot Cause and Resolution\nAt 10:30 UTC x\n";
    assert_eq!(lt(md), pairs(&[(2, "10:00")]));
}

#[test]
fn zone_stated_once_applies_to_every_entry() {
    for (md, zone, off) in [
        ("## Timeline (all times WAT)\n- 10:00: a\n", "WAT", 3600),
        (
            "## Timeline\nAll times are in EAT.\n- 10:00: a\n",
            "EAT",
            3 * 3600,
        ),
        (
            "## Issue Summary\nFrom 8:00 AM to 10:30 AM UTC-07:00.\n\n## Timeline\n- 10:00: a\n",
            "UTC-07:00",
            -7 * 3600,
        ),
        ("## Timeline (UTC+2)\n- 10:00: a\n", "UTC+2", 7200),
        (
            "## Issue Summary\nAll times in this report are CAT.\n\n## Timeline\n- 10:00: a\n",
            "CAT",
            7200,
        ),
        (
            "## Timeline (Africa/Lagos)\n- 10:00: a\n",
            "Africa/Lagos",
            3600,
        ),
        (
            "## Timeline (West African Time)\n- 10:00: a\n",
            "West African Time",
            3600,
        ),
        (
            "## Timeline (East Africa Time)\n- 10:00: a\n",
            "East Africa Time",
            3 * 3600,
        ),
        ("## Timeline (GMT + 1)\n- 10:00: a\n", "GMT+1", 3600),
    ] {
        let p = read_ok(md);
        let e = &p.incident.events[0];
        assert_eq!(e.zone.as_deref(), Some(zone), "{md}");
        assert_eq!(e.time.offset().local_minus_utc(), off, "{md}");
        assert_eq!(e.wall_clock(), "10:00");
        assert!(!codes(&p).contains(&"PM201"));
    }
}

#[test]
fn entry_zone_wins_over_the_stated_one() {
    let p = read_ok("## Timeline (all times pacific Time)\n- 13:00 (UTC): a\n- 14:00: b\n");
    assert_eq!(p.incident.events[0].zone.as_deref(), Some("UTC"));
    assert_eq!(p.incident.events[1].zone.as_deref(), Some("pacific Time"));
}

#[test]
fn no_zone_anywhere_uses_tz_or_utc_and_says_so() {
    let md = "## Timeline\n- 10:00: a\n";
    let p = read_ok(md);
    assert_eq!(p.incident.events[0].zone, None);
    assert_eq!(p.incident.events[0].time.offset().local_minus_utc(), 0);
    assert!(codes(&p).contains(&"PM201"));
    let opts = ReadOptions {
        tz: Zone::parse("Africa/Nairobi"),
        title: None,
    };
    let p = read_with(md, &opts);
    assert_eq!(
        p.incident.events[0].time.offset().local_minus_utc(),
        3 * 3600
    );
    assert_eq!(p.incident.display_zone, Zone::parse("Africa/Nairobi"));
}

#[test]
fn iana_zone_offset_follows_the_date_with_gap_and_fold_reported() {
    let md = "Date: July 1, 2024\n\n## Timeline (America/New_York)\n- 10:00: a\n";
    let p = read_ok(md);
    assert_eq!(
        p.incident.events[0].time.offset().local_minus_utc(),
        -4 * 3600
    );
    assert_eq!(p.incident.display_zone, Zone::parse("America/New_York"));
    let gap = read_ok("Date: March 10, 2024\n\n## Timeline (America/New_York)\n- 02:30: a\n");
    assert!(codes(&gap).contains(&"PM205"));
    let fold = read_ok("Date: November 3, 2024\n\n## Timeline (America/New_York)\n- 01:30: a\n");
    assert!(codes(&fold).contains(&"PM206"));
}

#[test]
fn ambiguous_abbreviations_are_settled_by_tz_or_warned() {
    let md = "## Timeline\n- 10:00 IST: a\n";
    let p = read_ok(md);
    assert!(codes(&p).contains(&"PM203"));
    assert_eq!(
        p.incident.events[0].time.offset().local_minus_utc(),
        5 * 3600 + 1800
    );
    let opts = ReadOptions {
        tz: Zone::parse("Europe/Dublin"),
        title: None,
    };
    let p = read_with(
        "Date: July 10, 2024\n\n## Timeline\n- 10:00 IST: a\n",
        &opts,
    );
    assert!(!codes(&p).contains(&"PM203"));
    assert_eq!(p.incident.events[0].time.offset().local_minus_utc(), 3600);
}

#[test]
fn misspelt_zone_gets_a_suggestion() {
    let p = read_ok("## Timeline\n- 10:00 UCT: a\n");
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.code == "PM204")
        .expect("PM204");
    assert!(d.help.as_deref().unwrap().contains("UTC"));
}

#[test]
fn display_zone_is_the_timeline_abbreviation() {
    let p = read_ok("## Timeline (WAT)\n- 10:00: a\n");
    assert_eq!(
        p.incident.display_zone,
        Some(Zone::Fixed {
            offset: FixedOffset::east_opt(3600).unwrap(),
            name: Some("WAT".into())
        })
    );
}

#[test]
fn midnight_crossing_rolls_the_date() {
    let md = "Duration: May 15, 2023\n\n## Timeline\n- 11:30 PM: a\n- 00:10 AM: b\n- 00:05 AM: c\n";
    let p = read_ok(md);
    let ev = &p.incident.events;
    assert_eq!(ev[0].time.instant().unwrap().format("%d").to_string(), "15");
    assert_eq!(ev[1].time.instant().unwrap().format("%d").to_string(), "16");
    assert!(ev[1].rolled_over && !ev[2].rolled_over);
    assert_eq!(ev[2].time.instant().unwrap().format("%d").to_string(), "16");
    assert!(codes(&p).contains(&"PM012"));
}

#[test]
fn no_date_anywhere_gives_times_of_day() {
    let p = read_ok("## Timeline\n- 10:00 UTC: a\n");
    assert!(!p.incident.events[0].time.is_dated());
    assert!(codes(&p).contains(&"PM013"));
    // Past midnight with no date: the day count moves on, the date stays unknown.
    let p = read_ok("## Timeline\n- 2305HRS EAT: alert fired\n- 0030HRS EAT: service restored\n");
    let ev = &p.incident.events;
    assert_eq!(ev[0].time.to_string(), "23:05:00+03:00");
    assert_eq!(ev[1].time.to_string(), "00:30:00+03:00 +1 day");
    assert_eq!(ev[1].time.since(&ev[0].time), Some(Duration::minutes(85)));
    assert!(ev[1].rolled_over);
}

#[test]
fn an_undated_summary_over_a_dated_timeline_is_on_its_first_day() {
    let p = read_ok(
        "## Issue Summary\nFrom 10:00 to 11:00 UTC the site was down.\n\n## Timeline\n- 3 May 2024 10:05 UTC: alert fired\n- 10:50 UTC: service restored\n",
    );
    let impact = &p.incident.impact;
    assert_eq!(
        impact.start.as_ref().unwrap().time.to_string(),
        "2024-05-03T10:00:00+00:00"
    );
    assert_eq!(
        impact.end.as_ref().unwrap().time.to_string(),
        "2024-05-03T11:00:00+00:00"
    );
    assert!(p.incident.dates_known());
}

#[test]
fn date_from_title_or_summary() {
    let p = read_ok("# Outage on May 20th, 2024\n\n## Timeline\n- 1:45 PM: a\n");
    assert_eq!(
        p.incident.events[0]
            .time
            .instant()
            .unwrap()
            .format("%Y-%m-%d")
            .to_string(),
        "2024-05-20"
    );
    let p = read_ok("## Issue Summary\nDuration: 1 hour (12:00 PM - 1:30 PM UTC 18-08-24)\n\n## Timeline\n- 12:00 PM: a\n");
    assert_eq!(
        p.incident.events[0]
            .time
            .instant()
            .unwrap()
            .format("%Y-%m-%d")
            .to_string(),
        "2024-08-18"
    );
}

#[test]
fn summary_forms_set_the_impact_window() {
    let stamp = |p: &Parsed| {
        let i = &p.incident.impact;
        (
            i.start.as_ref().map(|s| s.time.to_string()),
            i.end.as_ref().map(|s| s.time.to_string()),
            i.stated_duration.as_ref().map(|d| d.duration.num_minutes()),
        )
    };
    let tl = "\n\n## Timeline\n- 11:40 AM: a\n";
    let p = read_ok("# Outage of March 3, 2025 (10:00-12:00 UTC)\n\n## Issue Summary\nThe API failed.\n\n## Timeline\n- 10:05: a\n");
    assert_eq!(
        stamp(&p),
        (
            Some("2025-03-03T10:00:00+00:00".into()),
            Some("2025-03-03T12:00:00+00:00".into()),
            None
        )
    );
    // The lines between the title and the summary section are the summary's.
    let p = read_ok("# Payment outage\n\nDate: 2024-01-15\nDuration: ~50 minutes (02:00 - 02:50 UTC)\n\n## Summary\nPayments failed.\n\n## Timeline\n- 01:45 - Disk at 78%\n- 02:10 - Alert fired\n");
    assert_eq!(
        stamp(&p),
        (
            Some("2024-01-15T02:00:00+00:00".into()),
            Some("2024-01-15T02:50:00+00:00".into()),
            Some(50)
        )
    );
    let p = read_ok(&format!(
        "## Issue Summary\nDuration: February 15, 2023, 11:30 AM — 2:00 PM (UTC){tl}"
    ));
    assert_eq!(
        stamp(&p),
        (
            Some("2023-02-15T11:30:00+00:00".into()),
            Some("2023-02-15T14:00:00+00:00".into()),
            None
        )
    );
    let p = read_ok(&format!("## Issue Summary\n- Duration:\n  - Start Time: June 20, 2024, 10:00 AM UTC\n  - End Time: June 20, 2024, 12:30 PM UTC{tl}"));
    assert_eq!(
        stamp(&p),
        (
            Some("2024-06-20T10:00:00+00:00".into()),
            Some("2024-06-20T12:30:00+00:00".into()),
            None
        )
    );
    let p = read_ok(&format!(
        "## Issue Summary\nOn May 10th, 2023, from 8:00 AM to 10:30 AM EAT, the site was down.{tl}"
    ));
    assert_eq!(
        stamp(&p),
        (
            Some("2023-05-10T08:00:00+03:00".into()),
            Some("2023-05-10T10:30:00+03:00".into()),
            None
        )
    );
    let p = read_ok(&format!("## Issue Summary\nOn May 10th, 2023, from **2305HRS EAT** to **0030HRS EAT** it was down.{tl}"));
    assert_eq!(
        stamp(&p),
        (
            Some("2023-05-10T23:05:00+03:00".into()),
            Some("2023-05-11T00:30:00+03:00".into()),
            None
        )
    );
    let p = read_ok(&format!("## Issue Summary\nOn 31st January 2023 (10am GMT + 1), the outage lasted for 37 minutes.{tl}"));
    assert_eq!(
        stamp(&p),
        (Some("2023-01-31T10:00:00+01:00".into()), None, Some(37))
    );
    let p = read_ok(&format!("## Issue Summary\nOn **March 3, 2025, at 02:00 AM UTC**, the server failed.\n\nService was restored at **05:45 AM UTC**.{tl}"));
    assert_eq!(
        stamp(&p),
        (
            Some("2025-03-03T02:00:00+00:00".into()),
            Some("2025-03-03T05:45:00+00:00".into()),
            None
        )
    );
    let p = read_ok(&format!("## Issue Summary\nThe outage lasted 2 hours and 30 minutes, starting at 2:00 PM and ending at 4:30 PM (UTC).{tl}"));
    assert_eq!(stamp(&p).2, Some(150));
    assert!(stamp(&p).1.is_some());
}

#[test]
fn kinds_from_words_and_author_tags() {
    let md = "## Timeline\n- 10:00: Alert fired\n- 10:05: Paged and responded\n- 10:10: Escalated to the DB team\n- 10:20: Assumed DNS; a red herring\n- 10:30: Rolled back the deploy\n- 10:40: Service restored\n- 10:50: Checked logs\n- 10:55: Called Bob [escalate]\n";
    let p = read_ok(md);
    let kinds: Vec<EventKind> = p.incident.events.iter().map(|e| e.kind).collect();
    use EventKind::*;
    assert_eq!(
        kinds,
        vec![
            Detect,
            Acknowledge,
            Escalate,
            Misleading,
            Mitigate,
            Resolve,
            // Work after the resolution is a follow-up.
            Note,
            Escalate
        ]
    );
    let last = p.incident.events.last().unwrap();
    assert!(last.kind_explicit);
    assert_eq!(last.text, "Called Bob");
    assert_eq!(p.incident.events[2].actor.as_deref(), Some("DB team"));
}

#[test]
fn spans_point_at_the_time() {
    let md = "## Timeline\n- **10:00 AM** a\n";
    let p = read_ok(md);
    let s = p.incident.events[0].span.unwrap();
    assert_eq!((s.line, s.column), (2, 5));
    assert_eq!(&md[s.start..s.end], "10:00 AM");
}

#[test]
fn no_timeline_fails_with_pm010_and_empty_timeline_with_pm011() {
    let f = read(
        "# Postmortem\n\nNothing happened.\n",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(f.diagnostics[0].code, "PM010");
    let f = read(
        "# P\n\n## Timeline\n\nWe did things.\n",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(f.diagnostics[0].code, "PM011");
    assert!(read("", &ReadOptions::default()).is_err());
    // Steps written without times: the error points at them.
    let md = "# Postmortem\n\n## Debugging Process\n\n1. Checked running processes.\n2. Ran strace on Apache.\n3. Removed the typo.\n\n## Prevention\n\n- Test first\n- Monitor\n- Review\n";
    let f = read(md, &ReadOptions::default()).unwrap_err();
    let d = &f.diagnostics[0];
    assert_eq!(
        (d.code.id(), d.message.as_str(), d.line()),
        (
            "PM010",
            "no timeline found: the 3 steps listed here have no times",
            Some(5)
        )
    );
    // A list of measures is no list of steps.
    let md = "# Postmortem\n\nAn outage.\n\n## Corrective measures\n\n1. Test first\n2. Monitor\n3. Review\n";
    let f = read(md, &ReadOptions::default()).unwrap_err();
    assert_eq!(
        (f.diagnostics[0].line(), f.diagnostics[0].message.as_str()),
        (
            None,
            "no timeline found: no `Timeline` section and no lines starting with a time"
        )
    );
}

#[test]
fn fallback_without_a_timeline_section_reads_lines_starting_with_a_time() {
    let md = "# P\n\n## Executive Summary\nBetween 10:00 AM and 12:45 PM EST we were down.\n\n## Detection\n- **10:00 AM EST:** Anomalies detected\n- **10:05 AM EST:** Paged\n";
    assert_eq!(lt(md), pairs(&[(7, "10:00"), (8, "10:05")]));
}

#[test]
fn document_facts_for_the_template_checks() {
    let md = "# Title\n\n## Issue Summary\n\nTwo words. ![an image](x.png) <b>bold</b>\n\n## Timeline\n- 10:00: a b\n- 10:05: c\n\n## Corrective and preventative measures\n- [ ] task one\n- [ ] task two\n  - sub\n";
    let p = read_ok(md);
    let doc = p.incident.document.unwrap();
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Title",
            "Issue Summary",
            "Timeline",
            "Corrective and preventative measures"
        ]
    );
    let summary = &doc.sections[1];
    assert_eq!(summary.word_count, 3, "{:?}", summary.text);
    assert_eq!(doc.sections[3].list_items, 2);
    assert!(doc.word_count > 10);
}

#[test]
fn random_markdown_soup_never_panics() {
    // A deterministic generator over the characters that matter to the grammars.
    let alphabet: Vec<&str> = vec![
        "1",
        "2",
        "9",
        "0",
        ":",
        ".",
        "/",
        "-",
        " ",
        "\n",
        "\r\n",
        "\t",
        "AM",
        "pm",
        "UTC",
        "GMT",
        "+",
        "IST",
        "HRS",
        "h",
        "|",
        "*",
        "_",
        "`",
        "#",
        "## Timeline\n",
        "> ",
        "- ",
        "<li>",
        "</",
        ">",
        "&emsp;",
        "[",
        "](",
        ")",
        "(",
        "é",
        "🚨",
        "–",
        "’",
        "\u{feff}",
        "March",
        "2024",
        "31",
        "th",
        "to",
        "at ",
        "Summary\n",
        "Duration:",
        "Start Time:",
        "lasted",
        "minutes",
        "[escalate]",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..400 {
        let mut s = String::new();
        for _ in 0..200 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push_str(alphabet[(seed >> 33) as usize % alphabet.len()]);
        }
        let _ = read(&s, &ReadOptions::default());
        let _ = read(
            &s,
            &ReadOptions {
                tz: Zone::parse("America/New_York"),
                title: None,
            },
        );
    }
}

#[test]
fn never_panics_on_odd_input_and_stays_fast() {
    let start = std::time::Instant::now();
    let deep_lists: String = (0..5000)
        .map(|i| format!("{}- 10:{:02} x\n", " ".repeat(i % 200 * 2), i % 60))
        .collect();
    let deep_quotes = format!("## Timeline\n{}10:00 x\n", ">".repeat(20000));
    let many: String = std::iter::once("## Timeline\n".to_string())
        .chain((0..100_000).map(|i| format!("- {:02}:{:02} UTC: entry\n", (i / 60) % 24, i % 60)))
        .collect();
    let long_line = format!("## Timeline\n{}", "10:00 ".repeat(200_000));
    let colon_dates = format!("## Timeline\n{}", "1 May 2024 10:00: x ".repeat(100_000));
    let garbage = "\u{0}\u{feff}<<<<<**__``[](!)|||\r\r\n\t\t&&&;;;".repeat(1000);
    for input in [
        String::new(),
        "\n\n\n".into(),
        "#".into(),
        "## Timeline".into(),
        deep_lists,
        deep_quotes,
        long_line,
        colon_dates,
        format!("## Timeline\n10:00 {}", "<a![x](".repeat(300_000)),
        garbage,
        "## Timeline\n- 99:99 PM: x\n- 12/13/14/15 10:00\n- 2024-02-30 10:00\n".into(),
    ] {
        let t = std::time::Instant::now();
        let _ = read(&input, &ReadOptions::default());
        assert!(
            t.elapsed().as_secs() < 20,
            "{} bytes took {:?}",
            input.len(),
            t.elapsed()
        );
    }
    let p = read(&many, &ReadOptions::default()).unwrap();
    assert_eq!(p.incident.events.len(), 100_000);
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
}

#[test]
fn too_many_times_on_one_line_is_said_not_hidden() {
    let line: Vec<String> = (0..600)
        .map(|i| format!("{:02}:{:02}: x.", (i / 60) % 24, i % 60))
        .collect();
    let md = format!("## Timeline\n{}\n", line.join(" "));
    let p = read_ok(&md);
    assert_eq!(p.incident.events.len(), 500);
    let d = p
        .diagnostics
        .iter()
        .find(|d| d.code == "PM304")
        .expect("PM304");
    assert_eq!(d.span.unwrap().line, 2);
}

#[test]
fn a_range_that_ends_before_it_starts_stays_backwards_for_the_checks() {
    let p = read_ok("## Timeline (UTC)\n- 10:45 - 10:10 rolled back\n- 23:30 - 00:15 batch ran\n");
    let ev = &p.incident.events;
    assert!(
        ev[0].end.unwrap() < ev[0].time,
        "not drawn as a 23-hour range"
    );
    assert_eq!((ev[1].end.unwrap() - ev[1].time).num_minutes(), 45);
}

#[test]
fn a_summary_end_twelve_hours_off_stays_before_its_start() {
    let tl = "\n## Timeline (UTC)\n- 11:00 AM alert\n- 12:30 PM resolved\n";
    let p = read_ok(&format!(
        "# T\nFrom 11 AM to 12:30 AM on 3 May 2024 (UTC), the site was down.\n{tl}"
    ));
    let (s, e) = (
        p.incident.impact.start.unwrap().time,
        p.incident.impact.end.unwrap().time,
    );
    assert!(e < s, "left for PM404, not read as 13.5 hours");
    // A real night: 11 PM to 1:30 AM is the next day.
    let p = read_ok(&format!(
        "# T\nFrom 11 PM to 1:30 AM on 3 May 2024 (UTC), the site was down.\n{tl}"
    ));
    let (s, e) = (
        p.incident.impact.start.unwrap().time,
        p.incident.impact.end.unwrap().time,
    );
    assert_eq!((e - s).num_minutes(), 150);
}

#[test]
fn with_no_zone_stated_the_chart_is_labelled_utc() {
    let at = chrono::Utc::now();
    let label = |md: &str| read_ok(md).incident.zone_for_display().axis_label_at(&at);
    assert_eq!(
        label("## Timeline\n- 10:00 Alert\n- 10:30 Restored\n"),
        "UTC"
    );
    assert_eq!(
        label("## Timeline\n- 10:00 GMT Alert\n- 10:30 GMT Restored\n"),
        "GMT"
    );
    assert_eq!(
        label("## Timeline\n- 10:00 WAT Alert\n- 10:30 WAT Restored\n"),
        "WAT (UTC+01:00)"
    );
}
