//! The Markdown reader: the Timeline and Issue Summary of a postmortem as people write them.
//!
//! pulldown-cmark gives the structure (headings, fenced code, prose for word counts). Timelines
//! are then read per source line, because people write them in forms Markdown structures in
//! unrelated ways: indented (a code block), as HTML, as tables, several entries on one line.
//! Each line is masked (markup blanked, same byte offsets) and scanned with the grammars of
//! `timefmt` and [`zones`](super::zones). The timeline is the section titled
//! like one that has entries, else a run of lines that start with a time, found by its shape
//! (`runs`). The stages: `lines` lexes each line once (markup masked, times, dates and zones
//! found); `structure`, `runs` and `entries` parse sections and entries from them; `resolve`
//! settles dates, zones and midnight crossings for the entries and the summary (`summary`), and
//! the kinds are judged for the whole timeline at once.

mod entries;
pub(crate) mod lines;
mod runs;
mod structure;
pub use structure::section_kind;
mod resolve;
mod summary;

use super::timefmt::DateValue;
use super::zones::{ZoneMatch, ZoneMeaning};
use super::{Failure, Parsed, ReadOptions};
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{Event, Incident, InputFormat, Source, Span, Zone, ZoneNote};
use chrono::NaiveDate;
use lines::Line;
use resolve::{
    build_events, follow_the_evidence, impact_from_markers, impact_last_day, resolve_offset,
    Context, DateFrame,
};
use std::ops::Not;
use structure::Structure;

/// Reads a postmortem's timeline from Markdown.
pub fn read(text: &str, opts: &ReadOptions) -> Result<Parsed, Failure> {
    let lines = lines::split(text);
    let md_text = for_pulldown(text);
    let st = structure::parse(&md_text, &lines);
    let mut diags = Vec::new();

    let titled = find_timeline(&lines, &st);
    // A titled section with entries, else the longest run of lines that start with a time.
    let read_section = |t: &Timeline| {
        entries::extract(
            &lines,
            &st,
            t.first_line..t.end_line,
            t.found_by == FoundBy::Run,
        )
    };
    let titled_read = titled.as_ref().map(|t| (t.clone(), read_section(t)));
    let (timeline, (found, mut found_diags)) = match titled_read {
        Some((t, read)) if !read.0.is_empty() => (Some(t), read),
        titled_read => match runs::find(&lines, &st) {
            Some(run) => {
                let read = read_section(&run);
                (Some(run), read)
            }
            None => match titled_read {
                Some((t, read)) => (Some(t), read),
                None => (None, (Vec::new(), Vec::new())),
            },
        },
    };
    let section = timeline.as_ref();
    let summary_range = summary::region(&lines, &st, section.map(|t| t.heading_line));
    let title_line = st
        .headings
        .iter()
        .find(|h| h.level <= 6)
        .map(|h| h.line)
        .or_else(|| lines.iter().position(|l| !l.blank));
    let summary = summary::read(&lines, summary_range.clone(), title_line);

    if found.is_empty() {
        return Err(match titled.as_ref() {
            Some(t) => {
                let l = &lines[t.heading_line];
                Failure::one(Diagnostic::new(Code::NoTimedEntries, "the timeline section has no entries with a time of day")
                    .at(Span::from_bytes(text, l.start, l.start + l.raw.len()))
                    .with_help("write one entry per line starting with its time, e.g. `- 14:32 UTC: Alert fired`"))
            }
            None => Failure {
                diagnostics: vec![match untimed_steps(&lines, &st) {
                    // The steps are there, only their times are not: point at them.
                    Some((i, count)) => {
                        let l = &lines[i];
                        Diagnostic::new(Code::NoTimeline, format!("no timeline found: the {count} steps listed here have no times"))
                            .at(Span::from_bytes(text, l.start + l.content.min(l.raw.len()), l.start + l.raw.trim_end().len()))
                            .with_help("start each step with when it happened (`- 19:20 PST: Checked running processes`), under a `## Timeline` heading")
                    }
                    None => Diagnostic::new(Code::NoTimeline, "no timeline found: no `Timeline` section and no lines starting with a time")
                        .with_help("add a `## Timeline` section with one entry per line, e.g. `- 14:32 UTC: Alert fired`"),
                }],
                reason: super::FailureReason::NoTimeline,
            },
        });
    }
    diags.append(&mut found_diags);
    // A zone stated for the whole timeline but not known ("all times Greenwitch",
    // "Europe/Lodnon", "XYZT"): said, with the likely one, instead of silently read as another.
    {
        let stated_lines = section
            .map(|t| t.heading_line..(t.first_line + 3).min(t.end_line))
            .into_iter()
            .flatten()
            .chain(summary_range.clone());
        let mut warned: Vec<String> = Vec::new();
        for i in stated_lines {
            let Some(l) = lines.get(i) else { continue };
            if let Some((a, b, word, suggestion)) = super::zones::unknown_zone_word(&l.masked) {
                if warned.contains(&word) {
                    continue;
                }
                warned.push(word.clone());
                let d = Diagnostic::new(
                    Code::UnknownZone,
                    format!("`{word}` is not a time zone pmchart knows"),
                )
                .at(lines::span_in(l, i, l.start + a, l.start + b));
                diags.push(match suggestion {
                    Some(sg) => d.with_help(format!("did you mean `{sg}`?")),
                    None => d.with_help(
                        "write an IANA name (`Europe/London`), an offset (`UTC+01:00`) or an abbreviation such as UTC, GMT, WAT",
                    ),
                });
            }
        }
    }

    let section_zone = section
        .and_then(|t| t.zone.clone())
        .or_else(|| found.iter().find_map(|e| e.section_zone.clone()));
    let own_title = title_of(
        &lines,
        &st,
        section.map(|t| t.heading_line).unwrap_or(lines.len()),
    );
    let ctx = Context {
        text,
        lines: &lines,
        opts,
        order: day_month_order(&lines),
        known_dates: known_dates(&lines),
        summary_zone: summary.zone.clone(),
    };
    let summary_date = summary.date_value.and_then(|v| {
        let year = title_date(&lines, &st).map(|d| chrono::Datelike::year(&d));
        ctx.resolve_date(v, year)
    });
    // An ambiguous summary date that nothing settles leaves the date unknown: no guessing.
    let summary_unsettled = summary.date_value.is_some() && summary_date.is_none();
    // A date in the timeline's own title ("Timeline of events (20th December 2023)") dates
    // its entries first.
    let heading_date = section.and_then(|t| {
        let line = &lines[t.heading_line];
        let ds = super::timefmt::find_dates(&line.masked);
        let year = title_date(&lines, &st).map(|d| chrono::Datelike::year(&d));
        (ds.len() == 1 && entries::starts_with_time(line).not())
            .then(|| ctx.resolve_date(ds[0].value, year))
            .flatten()
    });
    let base_date = heading_date.or(summary_date).or_else(|| {
        if summary_unsettled {
            return None;
        }
        title_date(&lines, &st).or_else(|| {
            let stop = section.map(|t| t.heading_line).unwrap_or(lines.len());
            lines[..stop].iter().find_map(|l| {
                super::timefmt::find_dates(&l.masked)
                    .into_iter()
                    .find_map(|d| match d.value {
                        DateValue::Full(x) => Some(x),
                        _ => None,
                    })
            })
        })
    });
    let mut impact = summary::impact(&ctx, &summary, base_date, section_zone.as_ref(), &mut diags);
    // Entries dated only in part ("June 19, 7:15 AM", then "7:30 AM") with nothing else
    // dating the incident: the first written date is the incident's, so that every entry is
    // on a real day and none on a placeholder one.
    let base_date = base_date.or_else(|| {
        found.iter().find_map(|e| {
            let year = e
                .heading_date
                .and_then(|(_, d)| ctx.resolve_date(d, None))
                .map(|d| chrono::Datelike::year(&d));
            e.date
                .and_then(|d| ctx.resolve_date(d, year))
                .or_else(|| e.heading_date.and_then(|(_, d)| ctx.resolve_date(d, None)))
        })
    });
    let dates = DateFrame {
        base: base_date,
        last_day: impact_last_day(&impact),
    };
    let mut events = build_events(&ctx, &found, section_zone.as_ref(), dates, &mut diags);
    // A summary without a date over a dated timeline is on the timeline's first day.
    crate::model::settle_days(&mut events, &mut impact);
    impact_from_markers(&mut impact, &events);
    follow_the_evidence(&mut impact, &events, &mut diags);

    // The zone the chart is drawn in.
    let timeline_zone = section_zone
        .clone()
        .or_else(|| found.iter().find_map(|e| e.zone.clone()))
        .or_else(|| summary.zone.clone());
    let display_zone = opts.tz.clone().or_else(|| {
        let z = timeline_zone.as_ref()?;
        let at = events
            .first()
            .map(|e| e.time.on_axis_day().naive_local())
            .unwrap_or_default();
        match &z.meaning {
            ZoneMeaning::Iana(tz) => Some(Zone::Iana(*tz)),
            _ => z.abbreviation.as_ref().map(|a| Zone::Fixed {
                offset: resolve_offset(&ctx, z, &at),
                name: Some(a.clone()),
            }),
        }
    });
    let zone_note = section_zone
        .as_ref()
        .map(|z| ZoneNote {
            written: z.written.clone(),
            span: section.map(|t| {
                let l = &lines[t.zone_line.unwrap_or(t.heading_line)];
                Span::from_bytes(text, l.start, l.start + l.raw.len())
            }),
        })
        .or_else(|| {
            summary.zone.as_ref().map(|z| ZoneNote {
                written: z.written.clone(),
                span: None,
            })
        });

    if events.iter().all(|e| e.zone.is_none()) && !events.is_empty() {
        let assumed = opts
            .tz
            .as_ref()
            .map(Zone::name)
            .unwrap_or_else(|| "UTC".into());
        let at = section.map(|t| &lines[t.heading_line]);
        diags.push(
            Diagnostic::new(
                Code::NoZone,
                format!("no time zone is stated anywhere; the times are read as {assumed}"),
            )
            .at_opt(at.map(|l| Span::from_bytes(text, l.start, l.start + l.raw.len())))
            .with_help(
                "state the zone once, e.g. `## Timeline (UTC)`, or pass `--tz Africa/Lagos`",
            ),
        );
    }
    if events.iter().any(|e| !e.time.is_dated()) {
        diags.push(
            Diagnostic::new(Code::NoDate, "no date is given for the timeline: the chart shows times only")
                .with_help("write the date in the summary (`Duration: March 3, 2025, 02:00 - 05:45 UTC`) or above the timeline"),
        );
    }

    let title = opts
        .title
        .clone()
        .or(own_title)
        .or_else(|| fallback_title(&st, &events));
    let mut document = st.document;
    document.timeline = section.map(|t| crate::model::TimelineFound {
        found_by: t.found_by.name(),
        line: t.heading_line + 1,
    });
    // The section the entries were found in is the timeline, whatever its title says ("The
    // Investigation:"): the template checks and `embed` take it from here.
    if let Some(found) = &document.timeline {
        for s in &mut document.sections {
            if s.span.is_some_and(|sp| sp.line == found.line) {
                s.kind = crate::model::SectionKind::Timeline;
            }
        }
    }
    let incident = Incident {
        title,
        display_zone,
        zone_note,
        impact,
        events,
        document: Some(document),
        source: Source {
            path: None,
            format: InputFormat::Markdown,
        },
    };
    Ok(Parsed {
        incident,
        diagnostics: diags,
    })
}

/// The text as pulldown-cmark is given it, every byte offset kept: a BOM blanked (it does not
/// skip one) and a lone CR made LF (it ends an HTML block only at a blank line it sees as one).
fn for_pulldown(text: &str) -> std::borrow::Cow<'_, str> {
    let bom = text.starts_with('\u{feff}');
    let lone_cr = text
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\r' && w[1] != b'\n')
        || text.ends_with('\r');
    if !bom && !lone_cr {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    if bom {
        bytes[..3].copy_from_slice(b"   ");
    }
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes, and the BOM as a whole.
    std::borrow::Cow::Owned(String::from_utf8(bytes).expect("still UTF-8"))
}

/// The timeline section: where it starts and ends, and the zone its title states.
#[derive(Debug, Clone)]
pub(crate) struct Timeline {
    /// Its title line, or its lead-in line, or (for a run with neither) its first line.
    heading_line: usize,
    first_line: usize,
    end_line: usize,
    zone: Option<ZoneMatch>,
    zone_line: Option<usize>,
    found_by: FoundBy,
}

/// Which rule found the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FoundBy {
    /// A section titled like a timeline ("## Timeline", "**Timeline (UTC):**", "Chronology").
    Title,
    /// A bullet that only says "Timeline", its entries nested below it.
    TitleBullet,
    /// A run of lines that start with a time, found by its shape (no timeline title had any).
    Run,
}

impl FoundBy {
    /// The name `parse` reports.
    pub fn name(self) -> &'static str {
        match self {
            FoundBy::Title => "title",
            FoundBy::TitleBullet => "title-bullet",
            FoundBy::Run => "run",
        }
    }
}

/// The first section titled like a timeline that has timed entries; else the first one titled so.
fn find_timeline(lines: &[Line], st: &Structure) -> Option<Timeline> {
    let mut first: Option<Timeline> = None;
    // Titles that start with "Timeline" first; then titles that mention it ("Let's go through the
    // timeline:"), so that a document title like "Timeline of an outage" does not swallow all.
    let starts = |h: &structure::Heading| {
        let lower = h.title.to_lowercase();
        // "2. Timeline", "⏱ Timeline": numbering and emoji before the word.
        let lower = lower.trim_start_matches(|c: char| !c.is_alphabetic());
        [
            "timeline",
            "time line",
            "chronology",
            "sequence of events",
            "incident timeline",
            "detailed timeline",
        ]
        .iter()
        .any(|w| lower.starts_with(w))
    };
    let order: Vec<usize> = (0..st.headings.len())
        .filter(|&k| starts(&st.headings[k]))
        .chain((0..st.headings.len()).filter(|&k| {
            !starts(&st.headings[k])
                && structure::mentions_timeline(&st.headings[k].title.to_lowercase())
        }))
        .collect();
    for k in order {
        let h = &st.headings[k];
        // The section ends at the next heading of the same or a higher level, or the next section
        // title; headings that only give a time or a date ("#### 00:01:") are entries inside it.
        let end = timeline_end(lines, st, k, false);
        // A title with nothing under it but sections of its own level ("### Timeline:", then
        // "### Detection:", "### Resolution:"): those sections are the timeline.
        let end = if (h.line + 1..end).all(|i| lines[i].blank) {
            timeline_end(lines, st, k, true)
        } else {
            end
        };
        let masked = &lines[h.line].masked;
        let zone = super::zones::find_zone(masked);
        let t = Timeline {
            heading_line: h.line,
            first_line: h.line + 1,
            end_line: end.max(h.line + 1),
            zone_line: zone.as_ref().map(|_| h.line),
            zone,
            found_by: FoundBy::Title,
        };
        let has_times = (t.first_line..t.end_line)
            .any(|i| !st.fenced[i] && !super::timefmt::find_times(&lines[i].masked).is_empty());
        if has_times {
            return Some(t);
        }
        if first.is_none() {
            first = Some(t);
        }
    }
    // A bullet that only says "Timeline" (`- **Timeline:**`), its entries nested below it.
    for (i, l) in lines.iter().enumerate() {
        if !l.list_item || st.fenced[i] {
            continue;
        }
        let title = lines::clean(&l.raw[l.content.min(l.raw.len())..]);
        let title = title.trim_end_matches([':', ' ']).to_lowercase();
        if !(structure::mentions_timeline(&title) && title.split_whitespace().count() <= 4) {
            continue;
        }
        let end = (i + 1..lines.len())
            .find(|&k| !lines[k].blank && lines[k].indent <= l.indent)
            .unwrap_or(lines.len());
        let has_times = (i + 1..end)
            .any(|k| !st.fenced[k] && !super::timefmt::find_times(&lines[k].masked).is_empty());
        if has_times {
            let zone = super::zones::find_zone(&l.masked);
            return Some(Timeline {
                heading_line: i,
                first_line: i + 1,
                end_line: end,
                zone_line: zone.as_ref().map(|_| i),
                zone,
                found_by: FoundBy::TitleBullet,
            });
        }
    }
    first
}

/// The line where the timeline titled by heading `k` ends: the next heading of the same or a
/// higher level, or the next section title; headings that only give a time or a date
/// ("#### 00:01:") are entries inside it. With `siblings`, headings of the same level go on it.
fn timeline_end(lines: &[Line], st: &Structure, k: usize, siblings: bool) -> usize {
    let h = &st.headings[k];
    st.headings[k + 1..]
        .iter()
        .filter(|n| !is_date_heading(lines, n.line) && !entries::starts_with_time(&lines[n.line]))
        .find(|n| {
            let lower = n.title.to_lowercase();
            let starts = |words: &[&str]| words.iter().any(|w| lower.starts_with(w));
            let nested = h.level <= 6 && n.level <= 6 && n.level > h.level;
            (if siblings {
                n.level < h.level
            } else {
                n.level <= h.level
            }) || (h.level == 7 && n.level <= 6 && !siblings)
                || starts(structure::TIMELINE_ENDERS)
                || (!nested && starts(structure::TIMELINE_PARTS))
        })
        .map(|n| n.line)
        .unwrap_or(lines.len())
}

/// A heading that only gives a date ("#### August 15, 2024"): part of the timeline.
fn is_date_heading(lines: &[Line], i: usize) -> bool {
    let m = &lines[i].masked;
    let dates = super::timefmt::find_dates(m);
    dates.len() == 1 && {
        let d = dates[0];
        let rest = format!("{}{}", &m[..d.start], &m[d.end..]);
        rest.split_whitespace().count() <= 2
    }
}

/// The postmortem's own title: the first heading or opening line (before the timeline) that
/// names the incident. Section headings ("Issue Summary"), the course task's name ("0x19.
/// Postmortem") and bare words like "Postmortem" or "Incident report" are not titles; a
/// "Postmortem:" prefix is dropped. `None` when the document has no title of its own.
fn title_of(lines: &[Line], st: &Structure, before: usize) -> Option<String> {
    // The opening lines (the second, when the first is generic: "Incident Reports" then
    // "September 12, 2024 - Checkout Service Outage"). An image or HTML, or a sentence, is
    // not a title.
    let opening_lines = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.blank)
        .take(2)
        .enumerate()
        .filter(|&(k, (i, _))| {
            let raw = lines[i].raw.trim_start();
            // The second only when shaped like a title: a few words from a capital or a digit
            // (not "This postmortem is a scrutiny of …", not a word cut in two).
            let title_shaped = k == 0
                || (raw.split_whitespace().count() <= 8
                    && lines::clean(raw)
                        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
            title_shaped && !raw.starts_with(['<', '!', '[']) && !raw.trim_end().ends_with('.')
        })
        .map(|(_, (i, _))| i);
    // The title comes before the first section ("Issue Summary", "Timeline").
    let first_section = st
        .headings
        .iter()
        .find(|h| structure::title_line_words(&h.title.to_lowercase()))
        .map(|h| h.line)
        .unwrap_or(usize::MAX);
    let before = before.min(first_section.saturating_add(1));
    let candidates = st
        .headings
        .iter()
        .filter(|h| h.level <= 6 && h.line < before)
        .map(|h| h.title.clone())
        .chain(
            opening_lines
                .filter(|&i| i < before && !st.headings.iter().any(|h| h.line == i))
                .map(|i| lines::clean(lines[i].raw)),
        );
    for t in candidates {
        if let Some(t) = own_title(&t) {
            return Some(t);
        }
    }
    None
}

/// The title without a "Postmortem:" or task-number prefix, if what is left names something.
fn own_title(raw: &str) -> Option<String> {
    let words = |s: &str| s.split_whitespace().count();
    let mut t = raw
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '(' | ')' | '!' | '?'))
        .to_string();
    if t.is_empty() || words(&t) > 20 {
        return None;
    }
    // "0x19. Postmortem", "0x19-postmortem", "Project 0x19-Postmortem": a course task's name.
    let task = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.len() > 2 && w.starts_with("0x") && w[2..].chars().take(2).all(|c| c.is_ascii_hexdigit())
    };
    let kept: Vec<&str> = t
        .split_whitespace()
        .filter(|w| !task(w) && !task(w.split('-').next().unwrap_or(w)))
        .collect();
    t = kept.join(" ");
    // "September 12, 2024 - Checkout Service Outage": the date is the subtitle's.
    if let Some(d) = crate::input::timefmt::find_dates(&t)
        .first()
        .filter(|d| d.start == 0)
    {
        let rest = t[d.end..].trim_start_matches([' ', '-', '–', '—', ':', '|', ',']);
        if !rest.is_empty() {
            t = rest.to_string();
        }
    }
    // Generic words that only say what kind of document this is.
    const GENERIC: &[&str] = &[
        "postmortem",
        "post-mortem",
        "post",
        "mortem",
        "incident",
        "incidents",
        "report",
        "reports",
        "analysis",
        "review",
        "project",
        "my",
        "first",
        "the",
        "a",
        "an",
        "of",
        "for",
        "web",
        "stack",
        "debugging",
        "task",
        "summary",
        "issue",
        "readme",
        "alx",
        "-",
        ":",
        "|",
    ];
    let lower = t.to_lowercase();
    // Numbers are task numbering ("0. My first postmortem").
    let bare = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == ':')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .all(|w| {
            // A generic word with a typo is still one ("ssue Summary", "Postmprtem").
            GENERIC
                .iter()
                .any(|g| *g == w || (g.len() >= 5 && one_edit_apart(w, g)))
                || w.chars().all(|c| c.is_ascii_digit())
        });
    let section = structure::title_line_words(&lower);
    if bare || section {
        return None;
    }
    // "Postmortem: Web Stack Outage on …" → "Web Stack Outage on …".
    for prefix in [
        "outage postmortem",
        "incident postmortem",
        "incident report",
        "postmortem report",
        "postmortem",
        "post-mortem",
        "post mortem",
        "report",
    ] {
        if lower.starts_with(prefix) {
            let rest = t[prefix.len()..].trim_start_matches([' ', ':', '-', '–', '—', '|']);
            // "Postmortem of the WordPress outage" → "WordPress outage".
            let rest = ["of ", "for ", "on ", "the "]
                .iter()
                .fold(rest, |r, p| r.strip_prefix(p).unwrap_or(r));
            if words(rest) >= 2 {
                // "staging database outage" → "Staging database outage".
                let mut c = rest.chars();
                t = c
                    .next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default();
            }
            break;
        }
    }
    Some(t)
}

/// Whether `a` becomes `b` by one letter inserted, deleted or changed, or two neighbours
/// swapped ("incidnet").
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            let differ: Vec<usize> = (0..short.len()).filter(|&i| short[i] != long[i]).collect();
            match differ[..] {
                [_] => true,
                [i, j] => j == i + 1 && short[i] == long[j] && short[j] == long[i],
                _ => false,
            }
        }
        1 => {
            let cut = short.iter().zip(long).take_while(|(x, y)| x == y).count();
            short[cut..] == long[cut + 1..]
        }
        _ => false,
    }
}

/// A title for a postmortem that has none of its own: what the summary says went down, and when
/// ("Checkout outage, 5 June 2024"); else "Incident of 5 June 2024"; else the first entry.
fn fallback_title(st: &Structure, events: &[Event]) -> Option<String> {
    let date = events
        .iter()
        .find_map(|e| e.time.date())
        .map(|d| d.format("%-d %B %Y").to_string());
    let summary_text = st
        .document
        .sections
        .iter()
        .find(|s| s.title.to_lowercase().contains("summary"))
        .map(|s| s.text.clone())
        .unwrap_or_default();
    let subject = outage_subject(&summary_text);
    match (subject, date) {
        (Some(s), Some(d)) => Some(format!("{s}, {d}")),
        (Some(s), None) => Some(s),
        (None, Some(d)) => Some(format!("Incident of {d}")),
        // What became known first says best what happened.
        (None, None) => events
            .iter()
            .find(|e| e.kind == crate::model::EventKind::Detect)
            .or(events.first())
            .map(|e| {
                // Whole words, at most about 60 characters.
                let mut t = String::new();
                for w in e.text.split_whitespace() {
                    if !t.is_empty() && t.chars().count() + w.chars().count() >= 60 {
                        t.push('…');
                        break;
                    }
                    if !t.is_empty() {
                        t.push(' ');
                    }
                    t.push_str(w);
                }
                // A title starts with a capital, though the entry may not.
                let mut chars = t.chars();
                match chars.next() {
                    Some(c) => c.to_uppercase().chain(chars).collect(),
                    None => t,
                }
            }),
    }
}

/// "API outage" from "… requests to the API outage …": up to three words before "outage",
/// "downtime" or "disruption", without determiners.
fn outage_subject(text: &str) -> Option<String> {
    let ws: Vec<&str> = text.split_whitespace().collect();
    let mentions = ws.iter().enumerate().filter(|(_, w)| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        matches!(w.as_str(), "outage" | "downtime" | "disruption")
    });
    // The first mention with a subject before it ("Duration of Outage" has none).
    mentions
        .map(|(k, _)| k)
        .find_map(|k| subject_before(&ws, k))
}

/// Up to three words before `ws[k]` naming what went down, or `None`.
fn subject_before(ws: &[&str], k: usize) -> Option<String> {
    const SKIP: &[&str] = &[
        "the",
        "a",
        "an",
        "our",
        "this",
        "that",
        "of",
        "in",
        "on",
        "to",
        "an",
        "major",
        "significant",
        "complete",
        "partial",
        "was",
        "an",
        "experienced",
        "had",
        "caused",
        "resulting",
        "service",
        "unexpected",
        "and",
        "with",
        "by",
        "from",
        "for",
        "at",
    ];
    let mut start = k;
    while start > 0 && k - start < 3 {
        let w = ws[start - 1];
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        // A measure ("a 100% downtime", "a 2-hour outage") says how much, not what went down.
        let measure = bare.contains(|c: char| c.is_ascii_digit());
        if bare.is_empty()
            || measure
            || SKIP.contains(&bare.as_str())
            || w.ends_with([',', '.', ';', ':'])
        {
            break;
        }
        start -= 1;
    }
    let mut phrase: String = ws[start..=k]
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(first) = phrase.get(..1) {
        phrase = first.to_uppercase() + &phrase[1..];
    }
    (start < k).then_some(phrase)
}

/// A date in the title (first heading, or first line).
fn title_date(lines: &[Line], st: &Structure) -> Option<NaiveDate> {
    let line = st
        .headings
        .iter()
        .find(|h| h.level <= 6)
        .map(|h| h.line)
        .or_else(|| lines.iter().position(|l| !l.blank))?;
    super::timefmt::find_dates(&lines[line].masked)
        .into_iter()
        .find_map(|d| match d.value {
            DateValue::Full(x) => Some(x),
            _ => None,
        })
}

/// Day/month order settled by the document: `Some(true)` when its numeric dates are day first.
fn day_month_order(lines: &[Line]) -> Option<bool> {
    let mut day_first = 0;
    let mut month_first = 0;
    for l in lines {
        for d in super::timefmt::find_dates(&l.masked) {
            let s = &l.masked[d.start..d.end];
            let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
            if parts.len() == 3
                && parts[0].len() <= 2
                && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
            {
                let a: u32 = parts[0].parse().unwrap_or(0);
                let b: u32 = parts[1].parse().unwrap_or(0);
                if a > 12 && b <= 12 {
                    day_first += 1;
                } else if b > 12 && a <= 12 {
                    month_first += 1;
                }
            }
        }
    }
    match (day_first > 0, month_first > 0) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// Every unambiguous date written in the document (to settle `12/02/2025`).
fn known_dates(lines: &[Line]) -> Vec<NaiveDate> {
    let mut v = Vec::new();
    for l in lines {
        for d in super::timefmt::find_dates(&l.masked) {
            if let DateValue::Full(x) = d.value {
                v.push(x);
            }
        }
        if v.len() > 1000 {
            break;
        }
    }
    v.truncate(1000);
    v
}

/// A list of at least three steps with no time that reads as what was done: numbered, or in
/// a section about the response ("## Debugging Process"), not in one of measures or lessons.
/// Its first item's line and its length.
fn untimed_steps(lines: &[Line], st: &Structure) -> Option<(usize, usize)> {
    const RESPONSE: &[&str] = &[
        "debug",
        "process",
        "steps",
        "response",
        "investigat",
        "what happened",
        "events",
        "chronolog",
        "sequence",
    ];
    const OTHER: &[&str] = &[
        "measure",
        "prevent",
        "corrective",
        "lesson",
        "action item",
        "task",
        "todo",
        "summary",
        "impact",
        "root cause",
        "requirement",
        "resource",
    ];
    let section_of = |i: usize| {
        st.headings
            .iter()
            .rfind(|h| h.line < i)
            .map(|h| h.title.to_lowercase())
            .unwrap_or_default()
    };
    let numbered = |l: &Line| {
        l.raw
            .trim_start()
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        if !l.list_item || st.fenced.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        // The run of items at this indent, blank lines and deeper lines allowed between.
        let (first, indent) = (i, l.indent);
        let (mut count, mut all_numbered) = (0, true);
        while i < lines.len() {
            let m = &lines[i];
            if m.list_item && m.indent == indent {
                count += 1;
                all_numbered &= numbered(m);
            } else if !(m.blank || m.indent > indent) {
                break;
            }
            i += 1;
        }
        let section = section_of(first);
        let about_response = RESPONSE.iter().any(|w| section.contains(w));
        let about_other = OTHER.iter().any(|w| section.contains(w));
        if count >= 3 && !about_other && (all_numbered || about_response) {
            return Some((first, count));
        }
    }
    None
}

#[cfg(test)]
mod tests;
