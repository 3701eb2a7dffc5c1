//! The Issue Summary: outage start and end (`Duration: February 15, 2023, 11:30 AM — 2:00 PM
//! (UTC)`, `Start Time: …` / `End Time: …`, `from 8:00 AM to 10:30 AM EAT`), the zone and date
//! they are stated in, and a duration stated in words ("lasted 37 minutes").

use super::entries::zone_after;
use super::lines::Line;
use super::resolve::Context;
use super::structure::{self, Structure};
use crate::diagnostics::Diagnostic;
use crate::input::timefmt::{self, DateValue, TimeMatch};
use crate::input::zones::ZoneMatch;
use crate::model::{Impact, Span, Stamp, StatedDuration};
use chrono::{Duration, NaiveDate, NaiveTime};
use std::ops::Range;

/// A start or end as the summary writes it.
#[derive(Debug, Clone)]
pub struct StampRaw {
    pub time: NaiveTime,
    pub date: Option<DateValue>,
    pub zone: Option<ZoneMatch>,
    /// Absolute byte range of the time.
    pub span: (usize, usize),
}

#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub start: Option<StampRaw>,
    pub end: Option<StampRaw>,
    /// The zone the outage window is stated in: it applies to timeline entries that state none.
    pub zone: Option<ZoneMatch>,
    /// The first date written in the summary (the start's, when it has one).
    pub date_value: Option<DateValue>,
    pub duration: Option<(Duration, (usize, usize))>,
}

/// The lines of the Issue Summary: its section, or the lines before the timeline.
pub fn region(lines: &[Line], st: &Structure, timeline: Option<usize>) -> Range<usize> {
    let hs = &st.headings;
    let pick = hs
        .iter()
        .position(|h| {
            let t = h.title.to_lowercase();
            t.contains("summary") && timeline.is_none_or(|tl| h.line < tl)
        })
        .or_else(|| {
            hs.iter()
                .position(|h| h.title.to_lowercase().contains("summary"))
        });
    let Some(k) = pick else {
        return 0..timeline.unwrap_or(lines.len().min(60));
    };
    let h = &hs[k];
    // A summary before the timeline runs up to it or to another main section, whatever the
    // heading levels in between ("# Outage Duration: ..." under "## Issue Summary").
    let before_timeline = timeline.is_some_and(|tl| tl > h.line);
    let end = hs[k + 1..]
        .iter()
        .find(|n| {
            let lower = n.title.to_lowercase();
            (!before_timeline && h.level <= 6 && n.level <= h.level)
                || structure::mentions_timeline(&lower)
                || structure::TIMELINE_ENDERS
                    .iter()
                    .any(|w| lower.starts_with(w))
        })
        .map(|n| n.line)
        .unwrap_or(lines.len());
    let end = match timeline {
        Some(tl) if tl > h.line => end.min(tl),
        _ => end,
    };
    // The lines between the document's title and its first section are the summary's too:
    // "Date: 2024-01-15", "Duration: ~50 minutes (02:00 - 02:50)" above "## Summary".
    // (A label line there, "Duration: …", may read as a title line of its own.)
    let first_section = hs[..k]
        .iter()
        .all(|p| (p.level == 1 && p.line < 5) || p.level == 7);
    let start = if first_section && before_timeline {
        0
    } else {
        h.line
    };
    start..end.max(h.line + 1)
}

fn stamp(l: &Line, t: &TimeMatch, zone: Option<ZoneMatch>) -> Option<StampRaw> {
    if t.impossible {
        return None;
    }
    Some(StampRaw {
        time: NaiveTime::from_hms_opt(t.hour, t.minute, t.second)?,
        date: None,
        zone,
        span: (l.start + t.start, l.start + t.end),
    })
}

/// Whether the words between two times make them a range: `-`, `to`, `and ending at`.
fn connects(between: &str) -> bool {
    let b = between.to_ascii_lowercase();
    let words: Vec<&str> = b
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    b.len() <= 40
        && (b.contains('-')
            || b.contains('~')
            || words.iter().any(|w| {
                matches!(
                    *w,
                    "to" | "and" | "until" | "till" | "through" | "thru" | "end" | "ended"
                )
            }))
}

/// Whether the line labels a time as the start ("Start Time:", "started", "began").
fn labels_start(lower: &str) -> bool {
    lower.contains("start") || lower.contains("began")
}

/// Whether the line labels a time as the end ("End Time:", "end :", "ended").
fn labels_end(lower: &str) -> bool {
    lower.contains("end time") || lower.contains("ended") || {
        lower.match_indices("end").any(|(i, _)| {
            let before_ok = i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphabetic();
            before_ok && lower[i + 3..].trim_start().starts_with(':')
        })
    }
}

/// The two ends of a range written with one AM/PM: "4pm to 6" is 16:00-18:00, "12:02 to
/// 12:20 AM" is 00:02-00:20. The side without AM/PM takes the other's when that keeps the
/// range in order.
pub(crate) fn share_meridiem(a: &mut TimeMatch, b: &mut TimeMatch) {
    use timefmt::Meridiem;
    let shift = |t: &mut TimeMatch, m: Meridiem| {
        if t.meridiem.is_some() || t.worded || t.hour > 12 || t.hour == 0 {
            return false;
        }
        t.hour = match (m, t.hour) {
            (Meridiem::Am, 12) => 0,
            (Meridiem::Am, h) => h,
            (Meridiem::Pm, 12) => 12,
            (Meridiem::Pm, h) => h + 12,
        };
        t.meridiem = Some(m);
        true
    };
    let minutes = |t: &TimeMatch| t.hour * 60 + t.minute;
    if let (Some(m), None) = (a.meridiem, b.meridiem) {
        let mut c = *b;
        if shift(&mut c, m) && minutes(&c) >= minutes(a) {
            *b = c;
        }
    } else if let (None, Some(m)) = (a.meridiem, b.meridiem) {
        let mut c = *a;
        if shift(&mut c, m) && minutes(&c) <= minutes(b) {
            *a = c;
        }
    }
}

/// The times of day on a summary line that can be a start or an end: not dotted numbers
/// (`1.30`), not impossible values.
fn clock_times(line: &str) -> Vec<TimeMatch> {
    timefmt::find_times(line)
        .into_iter()
        .filter(|t| !t.dotted && !t.impossible && (!t.worded || introduced(&line[..t.start])))
        .collect()
}

/// Whether the text before a worded time (`noon`, `midnight`) makes it one: "to midnight", not
/// "Noon and midnight" in a title.
fn introduced(before: &str) -> bool {
    let last = before
        .trim_end()
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        last.as_str(),
        "at" | "to" | "until" | "till" | "by" | "from" | "around" | "after" | "before"
    )
}

/// Reads the summary lines; with no time in them, a range written in the title (`title`: its
/// line) is the outage window.
pub fn read(lines: &[Line], range: Range<usize>, title: Option<usize>) -> Summary {
    let mut s = Summary::default();
    let range = range.start.min(lines.len())..range.end.min(lines.len());
    let mut first_line_with_time = None;
    let mut start_line = None;
    for i in range.clone() {
        let l = &lines[i];
        let m = l.masked.as_str();
        let times = clock_times(m);
        if times.is_empty() {
            continue;
        }
        first_line_with_time.get_or_insert(i);
        let lower = m.to_ascii_lowercase();
        if times.len() == 1 {
            let t = &times[0];
            let labelled_start = labels_start(&lower);
            let labelled_end = labels_end(&lower);
            if labelled_start && s.start.is_none() {
                s.start = stamp(l, t, zone_after(m, t.end));
                start_line = Some(i);
            } else if labelled_end && s.end.is_none() {
                s.end = stamp(l, t, zone_after(m, t.end));
                if let (Some(e), Some(d)) = (s.end.as_mut(), date_near(l, t)) {
                    e.date = Some(d);
                }
            }
            if let (Some(st), Some(si)) = (s.start.as_mut(), start_line) {
                if si == i && st.date.is_none() {
                    st.date = date_near(l, t);
                }
            }
        }
    }
    if first_line_with_time.is_none() {
        first_line_with_time =
            title.filter(|&t| t < lines.len() && !clock_times(&lines[t].masked).is_empty());
    }
    if s.start.is_none() {
        if let Some(i) = first_line_with_time {
            let l = &lines[i];
            let m = l.masked.as_str();
            let mut times = clock_times(m);
            let za = zone_after(m, times[0].end);
            let after_a = za.as_ref().map(|z| z.end).unwrap_or(times[0].end);
            let ranged = times
                .get(1)
                .is_some_and(|b| b.start >= after_a && connects(&m[after_a..b.start]));
            if ranged {
                let (first, rest) = times.split_at_mut(1);
                share_meridiem(&mut first[0], &mut rest[0]);
            }
            let a = &times[0];
            s.start = stamp(l, a, za);
            start_line = Some(i);
            if let Some(st) = s.start.as_mut() {
                st.date = date_near(l, a);
            }
            if let Some(b) = times.get(1) {
                if ranged {
                    s.end = stamp(l, b, zone_after(m, b.end));
                    if let Some(en) = s.end.as_mut() {
                        // A date between the two times is the end's own.
                        en.date = timefmt::find_dates(m)
                            .into_iter()
                            .find(|d| d.start >= a.end && d.end <= b.start)
                            .map(|d| d.value);
                    }
                }
            }
            // A zone stated after the times: "(9:00 AM - 11:00 AM, UTC)".
            if s.start.as_ref().is_some_and(|x| x.zone.is_none())
                && s.end.as_ref().is_none_or(|x| x.zone.is_none())
            {
                s.zone = crate::input::zones::find_zone(&m[a.end..]).map(|mut z| {
                    z.start += a.end;
                    z.end += a.end;
                    z
                });
            }
        }
    }
    // "... service was restored at 05:45 AM UTC": a later time said to end the outage.
    if let (Some(st), None) = (s.start.as_ref(), s.end.as_ref()) {
        let after = st.span.1;
        let lo = start_line.unwrap_or(range.start);
        let words = [
            "restored",
            "resolved",
            "ended",
            "ending",
            "back online",
            "recovered",
            "until",
            "fixed",
        ];
        'search: for l in lines.iter().take(range.end.max(lo + 1)).skip(lo) {
            let m = l.masked.as_str();
            for t in timefmt::find_times(m) {
                if l.start + t.start < after
                    || t.dotted
                    || t.impossible
                    || (t.worded && !introduced(&m[..t.start]))
                {
                    continue;
                }
                let (a, b) = (t.start.saturating_sub(60), (t.end + 60).min(m.len()));
                let window = m.get(a..b).unwrap_or("").to_ascii_lowercase();
                if words.iter().any(|w| window.contains(w)) {
                    s.end = stamp(l, &t, zone_after(m, t.end));
                    if let Some(en) = s.end.as_mut() {
                        en.date = timefmt::find_dates(m)
                            .into_iter()
                            .rev()
                            .find(|d| d.end <= t.start && l.start + d.start >= after)
                            .map(|d| d.value);
                    }
                    break 'search;
                }
            }
        }
    }
    if s.zone.is_none() {
        s.zone = s
            .start
            .as_ref()
            .and_then(|x| x.zone.clone())
            .or_else(|| s.end.as_ref().and_then(|x| x.zone.clone()));
    }
    // "All times are in WAT" written in the summary.
    if s.zone.is_none() {
        s.zone = lines[range.clone()]
            .iter()
            .filter(|l| timefmt::find_times(&l.masked).is_empty())
            .find_map(super::entries::zone_statement);
    }
    // The summary's date: the start's, else the first one written in the summary.
    s.date_value = s.start.as_ref().and_then(|x| x.date).or_else(|| {
        let upto = start_line.map(|x| x + 1).unwrap_or(range.end);
        lines[range.start..upto.max(range.start)]
            .iter()
            .chain(lines[range.clone()].iter())
            .find_map(|l| timefmt::find_dates(&l.masked).first().map(|d| d.value))
    });
    for l in &lines[range] {
        if let Some((d, a, b)) = timefmt::find_duration(&l.masked) {
            s.duration = Some((d, (l.start + a, l.start + b)));
            break;
        }
    }
    s
}

/// The date written closest before the time on its line, else the first one after it.
fn date_near(l: &Line, t: &TimeMatch) -> Option<DateValue> {
    let dates = timefmt::find_dates(&l.masked);
    dates
        .iter()
        .rev()
        .find(|d| d.end <= t.start)
        .or_else(|| dates.iter().find(|d| d.start >= t.end))
        .map(|d| d.value)
}

/// The impact window as model stamps.
pub fn impact(
    ctx: &Context,
    s: &Summary,
    base_date: Option<NaiveDate>,
    timeline_zone: Option<&ZoneMatch>,
    diags: &mut Vec<Diagnostic>,
) -> Impact {
    let mut warned = Vec::new();
    let make = |raw: &StampRaw,
                fallback_date: Option<NaiveDate>,
                diags: &mut Vec<Diagnostic>,
                warned: &mut Vec<String>|
     -> Stamp {
        let year = fallback_date.map(|d| chrono::Datelike::year(&d));
        let own = raw.date.and_then(|v| ctx.resolve_date(v, year));
        let zone = raw
            .zone
            .clone()
            .or_else(|| s.zone.clone())
            .or_else(|| timeline_zone.cloned());
        let span = Span::from_bytes(ctx.text, raw.span.0, raw.span.1);
        let day = super::resolve::Day {
            date: own.or(fallback_date),
            undated: 0,
        };
        let time = super::resolve::moment(ctx, zone.as_ref(), day, raw.time, span, diags, warned);
        Stamp {
            time,
            zone: zone.map(|z| z.written),
            span: Some(span),
        }
    };
    let start_base = base_date;
    let start = s
        .start
        .as_ref()
        .map(|r| make(r, start_base, diags, &mut warned));
    let end = s.end.as_ref().map(|r| {
        let base = start.as_ref().and_then(|st| st.time.date()).or(base_date);
        let mut stamp = make(r, base, diags, &mut warned);
        // "From 11 PM to 1:30 AM": an end before the start with no date of its own is the next
        // day, when that makes a plausible outage (at most 12 hours, or the stated duration).
        // "From 11 AM to 12:30 AM" is not: it stays before its start, for PM404 to point out
        // the AM/PM slip.
        if let Some(st) = &start {
            if r.date.is_none() && stamp.time < st.time {
                let rolled = stamp.time + Duration::days(1) - st.time;
                let stated = s.duration.map(|(d, _)| d);
                let agrees = stated.is_some_and(|d| (d - rolled).num_minutes().abs() <= 15);
                if rolled <= Duration::hours(12) || agrees {
                    stamp.time += Duration::days(1);
                }
            }
        }
        stamp
    });
    Impact {
        start,
        end,
        stated_duration: s.duration.map(|(d, (a, b))| StatedDuration {
            duration: d,
            span: Some(Span::from_bytes(ctx.text, a, b)),
        }),
    }
}
