//! Resolve: the entries the parser found, made into events. Dates (on the entry, a date heading,
//! the summary, the title; midnight crossings), zones (on the entry, the timeline's, the previous
//! entry's, the summary's, `--tz`, UTC; ambiguous abbreviations and DST gaps), and the impact
//! window against the entries. Nothing here reads text: it works on what the lines and entries
//! modules took from it.

use super::entries::RawEntry;
use super::lines::{self, Line};
use super::ReadOptions;
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::input::timefmt::DateValue;
use crate::input::zones::{ZoneMatch, ZoneMeaning};
use crate::model::{Event, Span, When};
use chrono::{
    DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
};

/// The day whose UTC offset a zone with daylight saving time gives a time of day (a time written
/// with no date): 1 January, its winter offset in the north. The time stays a time of day.
const UNDATED_OFFSET_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// A time going backwards by more than this, with no new date, is read as crossing midnight.
const ROLLOVER_GAP_HOURS: i64 = 6;

/// What the event builder needs from the whole document.
pub(super) struct Context<'a> {
    pub(super) text: &'a str,
    pub(super) lines: &'a [Line<'a>],
    pub(super) opts: &'a ReadOptions,
    pub(super) order: Option<bool>,
    pub(super) known_dates: Vec<NaiveDate>,
    pub(super) summary_zone: Option<ZoneMatch>,
}

impl Context<'_> {
    /// A written date as a calendar day, with `year` for one written without.
    pub(super) fn resolve_date(&self, v: DateValue, year: Option<i32>) -> Option<NaiveDate> {
        match v {
            DateValue::Full(d) => Some(d),
            DateValue::NoYear { month, day } => NaiveDate::from_ymd_opt(year?, month, day),
            DateValue::Ambiguous {
                first,
                second,
                year,
                ..
            } => {
                let dm = NaiveDate::from_ymd_opt(year, second, first);
                let md = NaiveDate::from_ymd_opt(year, first, second);
                match self.order {
                    Some(true) => dm,
                    Some(false) => md,
                    None => {
                        let has =
                            |d: Option<NaiveDate>| d.is_some_and(|d| self.known_dates.contains(&d));
                        match (has(dm), has(md)) {
                            (true, false) => dm,
                            (false, true) => md,
                            _ => None,
                        }
                    }
                }
            }
            DateValue::Impossible => None,
        }
    }
}

/// The offset a zone has at a local time, settling ambiguous abbreviations by `--tz` or the
/// summary's zone.
pub(super) fn resolve_offset(ctx: &Context, z: &ZoneMatch, at: &NaiveDateTime) -> FixedOffset {
    if let ZoneMeaning::Ambiguous(cands) = &z.meaning {
        if let Some(pick) = settle_ambiguous(ctx, cands, at) {
            return FixedOffset::east_opt(pick).unwrap_or(z.offset_at(at));
        }
    }
    z.offset_at(at)
}

pub(super) fn settle_ambiguous(
    ctx: &Context,
    cands: &[(i32, &str)],
    at: &NaiveDateTime,
) -> Option<i32> {
    if let Some(tz) = &ctx.opts.tz {
        let off = tz
            .resolve_local(at)
            .first()
            .map(|t| t.offset().local_minus_utc());
        if let Some(o) = off {
            if cands.iter().any(|c| c.0 == o) {
                return Some(o);
            }
        }
    }
    if let Some(sz) = &ctx.summary_zone {
        if !matches!(sz.meaning, ZoneMeaning::Ambiguous(_)) {
            let o = sz.offset_at(at).local_minus_utc();
            if cands.iter().any(|c| c.0 == o) {
                return Some(o);
            }
        }
    }
    None
}

/// The markers industry templates write in capitals in the entry text (the Google SRE book's
/// `OUTAGE BEGINS` … `OUTAGE ENDS`, also `INCIDENT BEGINS` / `INCIDENT ENDS`) state the impact
/// window where the summary does not: the outage markers first, the incident ones otherwise.
pub(super) fn impact_from_markers(impact: &mut crate::model::Impact, events: &[Event]) {
    let marked = |words: &[&str]| {
        events.iter().find(|e| {
            words.iter().any(|w| {
                e.text.match_indices(w).any(|(i, _)| {
                    let end = i + w.len();
                    !e.text[..i].ends_with(|c: char| c.is_alphanumeric())
                        && !e.text[end..].starts_with(|c: char| c.is_alphanumeric())
                })
            })
        })
    };
    let stamp = |e: &Event| crate::model::Stamp {
        time: e.time,
        zone: e.zone.clone(),
        span: e.span,
    };
    if impact.start.is_none() {
        if let Some(e) = marked(&["OUTAGE BEGINS", "OUTAGE STARTS"])
            .or_else(|| marked(&["INCIDENT BEGINS", "INCIDENT STARTS"]))
        {
            impact.start = Some(stamp(e));
        }
    }
    if impact.end.is_none() {
        if let Some(e) = marked(&["OUTAGE ENDS", "OUTAGE ENDED"])
            .or_else(|| marked(&["INCIDENT ENDS", "INCIDENT ENDED"]))
        {
            impact.end = Some(stamp(e));
        }
    }
}

/// A summary window that no entry of the timeline falls in contradicts its own timeline
/// (`12:02 to 12:20 AM` for a timeline at noon): the window is read 12 hours off when that fits
/// the entries (an AM/PM slip), else dropped so that the chart's impact follows the entries;
/// either way PM406 says so.
pub(super) fn follow_the_evidence(
    impact: &mut crate::model::Impact,
    events: &[Event],
    diags: &mut Vec<Diagnostic>,
) {
    let (Some(start), Some(end)) = (impact.start.as_ref(), impact.end.as_ref()) else {
        return;
    };
    if events.len() < 2 || end.time < start.time {
        return;
    }
    let slack = Duration::minutes(30);
    let inside = |shift: Duration| {
        events
            .iter()
            .filter(|e| e.time >= start.time + shift - slack && e.time <= end.time + shift + slack)
            .count()
    };
    if inside(Duration::zero()) > 0 {
        return;
    }
    let hm = |t: &When| t.clock().format("%H:%M").to_string();
    let written = format!("{}–{}", hm(&start.time), hm(&end.time));
    let span = start.span;
    let best = [Duration::hours(12), Duration::hours(-12)]
        .into_iter()
        .max_by_key(|d| inside(*d))
        .filter(|d| 2 * inside(*d) >= events.len());
    let diagnostic = match best {
        Some(shift) => {
            let (s, e) = (start.time + shift, end.time + shift);
            let d = Diagnostic::new(Code::WindowOffTimeline,
                format!(
                    "the summary's window {written} contains no entry of the timeline; read as {}–{} (AM/PM?)",
                    hm(&s),
                    hm(&e)
                ),
            )
            .with_help("correct AM/PM in the summary so that it agrees with the timeline");
            if let Some(st) = impact.start.as_mut() {
                st.time = s;
            }
            if let Some(en) = impact.end.as_mut() {
                en.time = e;
            }
            d
        }
        None => {
            impact.start = None;
            impact.end = None;
            Diagnostic::new(Code::WindowOffTimeline,
                format!(
                    "the summary's window {written} contains no entry of the timeline; the chart's impact follows the timeline"
                ),
            )
            .with_help("correct the summary's start and end, or their dates")
        }
    };
    diags.push(diagnostic.at_opt(span));
}

/// The days the timeline's dates are read against.
#[derive(Debug, Clone, Copy)]
pub(super) struct DateFrame {
    /// The incident's day (summary, title, or the first date before the timeline).
    pub(super) base: Option<NaiveDate>,
    /// The last day of the outage as the summary states it (its end, or its start plus the
    /// stated duration): a time going backwards is not rolled past it.
    pub(super) last_day: Option<NaiveDate>,
}

/// The calendar day the summary's outage ends on, when the summary says.
pub(super) fn impact_last_day(impact: &crate::model::Impact) -> Option<NaiveDate> {
    if let Some(date) = impact.end.as_ref().and_then(|e| e.time.date()) {
        return Some(date);
    }
    let start = impact.start.as_ref()?;
    let stated = impact.stated_duration.as_ref()?;
    start.time.checked_add(stated.duration)?.date()
}

/// Turns found entries into events: dates (entry, heading, summary, title; midnight rollover),
/// zones (entry, timeline, previous entry, summary, `--tz`, UTC), kinds.
pub(super) fn build_events(
    ctx: &Context,
    found: &[RawEntry],
    section_zone: Option<&ZoneMatch>,
    dates: DateFrame,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Event> {
    let base_date = dates.base;
    let mut events = Vec::with_capacity(found.len());
    // Each event's text with its detail lines, and the kind its author tagged it with.
    let mut full_texts: Vec<String> = Vec::with_capacity(found.len());
    let mut tags = Vec::with_capacity(found.len());
    let mut cur_date = base_date;
    // The day of entries with no date, counted from the first: moved on at each midnight crossing.
    let mut undated_day: i32 = 0;
    let mut prev_time: Option<NaiveTime> = None;
    let mut last_zone: Option<ZoneMatch> = None;
    let mut heading_seen = usize::MAX;
    let mut warned_ambiguous: Vec<String> = Vec::new();
    for e in found {
        let span = lines::span_in(&ctx.lines[e.line], e.line, e.start, e.end);
        let Some(time) = NaiveTime::from_hms_opt(e.hour, e.minute, e.second) else {
            continue;
        };
        // A date heading above this entry (new since the last one) starts a new day.
        if let Some((hl, dv)) = e.heading_date {
            if hl != heading_seen {
                heading_seen = hl;
                let year = cur_date
                    .map(|d| chrono::Datelike::year(&d))
                    .or(base_date.map(|d| chrono::Datelike::year(&d)));
                if let Some(d) = ctx.resolve_date(dv, year) {
                    cur_date = Some(d);
                    prev_time = None;
                }
            }
        }
        let mut rolled = false;
        let explicit = e.date.and_then(|dv| {
            let year = cur_date.or(base_date).map(|d| chrono::Datelike::year(&d));
            if dv == DateValue::Impossible {
                diags.push(
                    Diagnostic::new(Code::ImpossibleDate, "this date does not exist")
                        .at(lines::span_in(
                            &ctx.lines[e.line],
                            e.line,
                            e.date_span.0,
                            e.date_span.1,
                        ))
                        .with_help("check the day and month (is it day/month or month/day?)"),
                );
            }
            ctx.resolve_date(dv, year)
        });
        let date =
            if let Some(d) = explicit {
                cur_date = Some(d);
                Some(d)
            } else if let Some(d) = cur_date {
                Some(match prev_time {
                    // Never past the last day the summary gives the outage: "12:00 PM" then
                    // "12:15 AM" in a 1-hour outage is an AM/PM slip (the checks say so), not a
                    // new day.
                    Some(p)
                        if p - time > Duration::hours(ROLLOVER_GAP_HOURS)
                            && dates.last_day.is_none_or(|last| d < last) =>
                    {
                        let next = d.succ_opt().unwrap_or(d);
                        cur_date = Some(next);
                        rolled = true;
                        diags.push(
                        Diagnostic::new(Code::RolledPastMidnight,
                            format!(
                                "{} comes after {} with no new date: read as the next day, {next}",
                                time.format("%H:%M"),
                                p.format("%H:%M")
                            ),
                        )
                        .at(span)
                        .with_help(
                            "write the date on the entry or as a heading above it if this is wrong",
                        ),
                    );
                        next
                    }
                    _ => d,
                })
            } else {
                // With no date at all, a time going backwards still crosses midnight ("2305HRS"
                // then "0030HRS"): the day stays unknown, the order stays right.
                match prev_time {
                    Some(p) if p - time > Duration::hours(ROLLOVER_GAP_HOURS) => {
                        undated_day = undated_day.saturating_add(1);
                        rolled = true;
                        diags.push(
                        Diagnostic::new(Code::RolledPastMidnight,
                            format!(
                                "{} comes after {} with no date: read as the next day",
                                time.format("%H:%M"),
                                p.format("%H:%M")
                            ),
                        )
                        .at(span)
                        .with_help(
                            "write the date on the entry or as a heading above it if this is wrong",
                        ),
                    );
                    }
                    _ => {}
                }
                None
            };
        prev_time = Some(time);

        // Zone: on the entry, stated for the timeline, on the previous entry, in the summary.
        let zone = e
            .zone
            .clone()
            .or_else(|| section_zone.cloned())
            .or_else(|| last_zone.clone())
            .or_else(|| ctx.summary_zone.clone());
        if e.zone.is_some() {
            last_zone = e.zone.clone();
        }
        let at = Day {
            date,
            undated: undated_day,
        };
        let t = moment(
            ctx,
            zone.as_ref(),
            at,
            time,
            span,
            diags,
            &mut warned_ambiguous,
        );
        let zone_written = zone.as_ref().map(|z| z.written.clone());
        let end = e.until.and_then(|(h, m, s)| {
            let et = NaiveTime::from_hms_opt(h, m, s)?;
            // "23:30 - 00:15" crosses midnight; "10:45 - 10:10" ends before it starts, which the
            // checks report (PM106) rather than a 23-hour range being drawn.
            let next_day = et < time && time - et > Duration::hours(12);
            let end_at = if next_day {
                Day {
                    date: date.map(|d| d.succ_opt()).unwrap_or(date),
                    undated: undated_day.saturating_add(1),
                }
            } else {
                at
            };
            let naive = end_at.naive(et);
            let offset = match &zone {
                Some(z) => resolve_offset(ctx, z, &naive),
                None => t.offset(),
            };
            Some(end_at.moment(et, offset))
        });
        // Kinds are decided below, for the whole timeline at once.
        let mut ev = Event::new(
            t,
            e.tag.unwrap_or(crate::model::EventKind::Action),
            e.text.clone(),
        );
        ev.end = end;
        ev.rolled_over = rolled;
        ev.zone = zone_written;
        ev.kind_explicit = e.tag.is_some();
        ev.span = Some(span);
        events.push(ev);
        full_texts.push(if e.details.is_empty() {
            e.text.clone()
        } else {
            format!("{}. {}", e.text.trim_end_matches('.'), e.details)
        });
        tags.push(e.tag);
    }
    let judged = crate::input::kinds::judge_timeline(&full_texts, &tags);
    for ((ev, j), full) in events.iter_mut().zip(judged).zip(&full_texts) {
        ev.kind = j.kind;
        if ev.kind == crate::model::EventKind::Escalate {
            ev.actor = crate::input::kinds::escalation_actor(full);
        }
        ev.kind_reason = Some(j.explain());
    }
    events
}

/// The day a wall clock is on: a calendar date, or the count of midnights since the timeline's
/// first entry when no date is written.
#[derive(Debug, Clone, Copy)]
pub(super) struct Day {
    pub(super) date: Option<NaiveDate>,
    pub(super) undated: i32,
}

impl Day {
    /// The wall clock on a day that gives its zone an offset: the date, else
    /// [`UNDATED_OFFSET_DAY`].
    fn naive(self, time: NaiveTime) -> NaiveDateTime {
        self.date.unwrap_or(UNDATED_OFFSET_DAY).and_time(time)
    }

    /// The moment: dated when the date is known, else a time of day.
    fn moment(self, time: NaiveTime, offset: FixedOffset) -> When {
        let of_day = When::time_of_day(self.undated, time, offset);
        match self.date {
            Some(d) => When::time_of_day(0, time, offset).dated_from(d),
            None => of_day,
        }
    }
}

/// A wall clock on `day` in `zone` (else `--tz`, else UTC): DST gaps and folds reported,
/// ambiguous abbreviations settled.
pub(super) fn moment(
    ctx: &Context,
    zone: Option<&ZoneMatch>,
    day: Day,
    time: NaiveTime,
    span: Span,
    diags: &mut Vec<Diagnostic>,
    warned: &mut Vec<String>,
) -> When {
    let naive = day.naive(time);
    let t = match zone {
        Some(z) => local_in_zone(ctx, z, &naive, span, diags, warned),
        None => match &ctx.opts.tz {
            Some(tz) => tz
                .resolve_local(&naive)
                .into_iter()
                .next()
                .unwrap_or_else(|| utc_fixed(&naive)),
            None => utc_fixed(&naive),
        },
    };
    match day.date {
        Some(_) => When::Dated(t),
        // The offset is what the zone gives that wall clock; the clock is the one written.
        None => When::time_of_day(day.undated, time, *t.offset()),
    }
}

pub(super) fn utc_fixed(naive: &NaiveDateTime) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0)
        .expect("zero offset")
        .from_utc_datetime(naive)
}

/// A wall clock in a written zone: DST gaps and folds reported, ambiguous abbreviations settled.
pub(super) fn local_in_zone(
    ctx: &Context,
    z: &ZoneMatch,
    naive: &NaiveDateTime,
    span: Span,
    diags: &mut Vec<Diagnostic>,
    warned: &mut Vec<String>,
) -> DateTime<FixedOffset> {
    match &z.meaning {
        ZoneMeaning::Iana(tz) => {
            match tz.from_local_datetime(naive) {
                chrono::LocalResult::Single(t) => t.fixed_offset(),
                chrono::LocalResult::Ambiguous(a, _) => {
                    diags.push(
                    Diagnostic::new(Code::TimeInDstFold,
                        format!("{} happens twice in {} that day (clocks go back); the first is used", naive.time().format("%H:%M"), z.written),
                    )
                    .at(span)
                    .with_help("write the offset (e.g. `01:30 UTC-04:00`) to say which one"),
                );
                    a.fixed_offset()
                }
                chrono::LocalResult::None => {
                    diags.push(
                        Diagnostic::new(
                            Code::TimeInDstGap,
                            format!(
                                "{} does not exist in {} that day (clocks go forward)",
                                naive.time().format("%H:%M"),
                                z.written
                            ),
                        )
                        .at(span)
                        .with_help("check the time, or write it with its UTC offset"),
                    );
                    let off = tz.offset_from_utc_datetime(naive).fix();
                    off.from_local_datetime(naive)
                        .single()
                        .unwrap_or_else(|| utc_fixed(naive))
                }
            }
        }
        ZoneMeaning::Ambiguous(cands) => {
            let off = match settle_ambiguous(ctx, cands, naive) {
                Some(o) => o,
                None => {
                    if !warned.contains(&z.written) {
                        warned.push(z.written.clone());
                        let readings: Vec<String> = cands
                            .iter()
                            .map(|(o, n)| {
                                format!("{n} (UTC{})", crate::model::format_offset(*o, true))
                            })
                            .collect();
                        diags.push(
                            Diagnostic::new(Code::AmbiguousZone,
                                format!("`{}` can mean {}; read as the first", z.written, readings.join(", ")),
                            )
                            .at(span)
                            .with_help("pass `--tz` with the zone meant, or write the offset (e.g. `UTC-06:00`)"),
                        );
                    }
                    cands[0].0
                }
            };
            FixedOffset::east_opt(off)
                .and_then(|o| o.from_local_datetime(naive).single())
                .unwrap_or_else(|| utc_fixed(naive))
        }
        ZoneMeaning::Fixed(s) => FixedOffset::east_opt(*s)
            .and_then(|o| o.from_local_datetime(naive).single())
            .unwrap_or_else(|| utc_fixed(naive)),
    }
}
