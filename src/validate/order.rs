//! PM101 entries out of time order (with the likely cause), PM104/PM105 implausible midnight
//! crossings, PM106 ranges that end before they start, PM102 duplicate entries, PM103 gaps of a month.

use super::where_is;
use crate::codes::Code;
use crate::diagnostics::excerpt;
use crate::diagnostics::Diagnostic;
use crate::model::{format_duration, Event, Incident, When};
use chrono::{Duration, NaiveTime, Timelike};
use std::collections::HashMap;

pub fn check(incident: &Incident) -> Vec<Diagnostic> {
    let mut diags = out_of_order(&incident.events);
    diags.extend(far_apart(&incident.events));
    diags.extend(ranges_ending_before_they_start(&incident.events));
    diags.extend(duplicates(&incident.events));
    diags
}

/// Each place where time goes backwards in file order, reported once, at the entry that is most
/// likely wrong. Equal times keep file order and are fine.
fn out_of_order(events: &[Event]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for i in 1..events.len() {
        let (prev, cur) = (&events[i - 1], &events[i]);
        if cur.time < prev.time {
            diags.push(backwards(events, i));
        } else if cur.rolled_over
            && cur.time - prev.time > Duration::hours(12)
            && !says_next_day(&cur.text)
        {
            diags.push(implausible_roll(prev, cur));
        }
    }
    diags
}

/// Time goes back from entry `i - 1` to entry `i`. When the earlier entry is later than the
/// entries after it too (while `i` fits with what came before), the earlier entry is the odd one.
fn backwards(events: &[Event], i: usize) -> Diagnostic {
    let (prev, cur) = (&events[i - 1], &events[i]);
    let next = events.get(i + 1);
    let before_prev = i.checked_sub(2).map(|j| &events[j]);
    let prev_is_odd =
        next.is_some_and(|n| n.time < prev.time) && before_prev.is_none_or(|b| b.time <= cur.time);

    let (odd, other, lo, hi) = if prev_is_odd {
        (prev, cur, before_prev.map(|b| b.time), Some(cur.time))
    } else {
        (cur, prev, Some(prev.time), next.map(|n| n.time))
    };
    let message = if prev_is_odd {
        format!(
            "entry at {} is later than the entries after it ({} comes before {} on {})",
            odd.wall_clock(),
            other.wall_clock(),
            odd.wall_clock(),
            where_is(other)
        )
    } else {
        format!(
            "entry out of order: {} comes after {} on {}",
            odd.wall_clock(),
            other.wall_clock(),
            where_is(other)
        )
    };
    let help = likely_cause(odd, other, prev_is_odd, lo, hi);
    let mut d = Diagnostic::new(Code::OutOfOrder, message)
        .at_opt(odd.span)
        .with_help(help);
    if let Some(s) = other.span {
        let label = if prev_is_odd {
            format!("{} comes next", other.wall_clock())
        } else {
            format!("the previous entry is at {}", other.wall_clock())
        };
        d = d.with_related(s, label);
    }
    d
}

/// What probably went wrong with `odd`, which is earlier (`!odd_is_later`) or later than its
/// neighbour `other`. `lo..=hi` is where the entry would fit.
fn likely_cause(
    odd: &Event,
    other: &Event,
    odd_is_later: bool,
    lo: Option<When>,
    hi: Option<When>,
) -> String {
    let fits = |t: When| lo.is_none_or(|l| l <= t) && hi.is_none_or(|h| t <= h);
    let near = |t: When| {
        let anchor = if odd_is_later { hi } else { lo };
        anchor.is_none_or(|a| (t - a).abs() <= Duration::hours(6))
    };
    // An AM/PM slip moves a time by exactly 12 hours.
    let half_day = if odd_is_later {
        odd.time - Duration::hours(12)
    } else {
        odd.time + Duration::hours(12)
    };
    if fits(half_day) && near(half_day) {
        return format!(
            "an AM/PM slip? {} right {} {}: did you mean {}?",
            twelve_hour(&odd.time),
            if odd_is_later { "before" } else { "after" },
            twelve_hour(&other.time),
            twelve_hour(&half_day)
        );
    }
    let (late, early) = if odd_is_later {
        (odd, other)
    } else {
        (other, odd)
    };
    if late.time.clock().hour() >= 18
        && early.time.clock().hour() < 6
        && late.time.same_day(&early.time)
    {
        return if early.time.is_dated() {
            format!(
                "if the incident went past midnight, {} is on the next day: correct its date",
                early.wall_clock()
            )
        } else {
            format!(
                "if the incident went past midnight, write the date on {} so that it falls on the next day",
                where_is(early)
            )
        };
    }
    // A typo is only worth guessing when entries on both sides say where the time belongs.
    let bounded = lo.is_some() && hi.is_some();
    if let Some(fix) = one_digit_fix(&odd.time, &fits, &near).filter(|_| bounded) {
        return format!(
            "a typo? {} would fit here; otherwise move the entry to its place in time order",
            fix.wall_clock()
        );
    }
    "correct the time (or its date), or move the entry to its place in time order".into()
}

/// A time one changed digit away from `t`'s `HH:MM` that fits, the nearest if several do.
fn one_digit_fix(
    t: &When,
    fits: &dyn Fn(When) -> bool,
    near: &dyn Fn(When) -> bool,
) -> Option<When> {
    let c = t.clock();
    let digits = [
        c.hour() / 10,
        c.hour() % 10,
        c.minute() / 10,
        c.minute() % 10,
    ];
    let mut found: Vec<When> = Vec::new();
    for pos in 0..4 {
        for d in 0..10 {
            if d == digits[pos] {
                continue;
            }
            let mut g = digits;
            g[pos] = d;
            let (h, m) = (g[0] * 10 + g[1], g[2] * 10 + g[3]);
            let Some(clock) = NaiveTime::from_hms_opt(h, m, c.second()) else {
                continue;
            };
            let c = t.with_clock(clock);
            if fits(c) && near(c) {
                found.push(c);
            }
        }
    }
    found.into_iter().min_by_key(|c| (*c - *t).abs())
}

/// `12:15 AM`, `3:05 PM`.
pub(crate) fn twelve_hour(t: &When) -> String {
    let t = t.clock();
    let h = t.hour() % 12;
    format!(
        "{}:{:02} {}",
        if h == 0 { 12 } else { h },
        t.minute(),
        if t.hour() < 12 { "AM" } else { "PM" }
    )
}

/// The entry's own words place it on a later day ("The following day, ...").
fn says_next_day(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "next day",
        "following day",
        "next morning",
        "following morning",
        "tomorrow",
        "overnight",
        "day after",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// The reader moved `cur` to the next day, but the gap that makes is longer than half a day:
/// more likely a slip than an incident that went quiet overnight.
fn implausible_roll(prev: &Event, cur: &Event) -> Diagnostic {
    let gap = cur.time - prev.time;
    let same_day_pm = cur.time - Duration::hours(12);
    // "12:00 PM" then "12:15 AM": twelve hours off the natural next entry is an AM/PM slip, an
    // error; a longer quiet night is only odd, a warning.
    let slip = same_day_pm >= prev.time && same_day_pm - prev.time <= Duration::hours(6);
    let help = if slip {
        format!(
            "an AM/PM slip? {} right after {}: did you mean {}? If it is the next day, write its date",
            twelve_hour(&cur.time),
            twelve_hour(&prev.time),
            twelve_hour(&same_day_pm)
        )
    } else {
        "if the entry really is on the next day, write its date; otherwise correct the time".into()
    };
    let mut d = Diagnostic::new(
        if slip {
            Code::AmPmSlipAfterMidnight
        } else {
            Code::LongGapAfterMidnight
        },
        format!(
            "{} was taken to be on the next day, {} after the previous entry at {} on {}",
            cur.wall_clock(),
            format_duration(gap),
            prev.wall_clock(),
            where_is(prev)
        ),
    )
    .at_opt(cur.span)
    .with_help(help);
    if let Some(s) = prev.span {
        d = d.with_related(s, format!("the previous entry is at {}", prev.wall_clock()));
    }
    d
}

/// Entries longer than this apart (in time order) are more likely a typo in a date than one
/// incident: PM103.
const LONGEST_GAP_DAYS: i64 = 30;

/// PM103: a gap of over a month between consecutive entries in time order, reported at the
/// entry after it (with the one before as related).
fn far_apart(events: &[Event]) -> Vec<Diagnostic> {
    // A placeholder day says nothing about how far apart entries are.
    let mut by_time: Vec<&Event> = events.iter().filter(|e| e.time.is_dated()).collect();
    by_time.sort_by_key(|e| e.time);
    by_time
        .windows(2)
        .filter(|w| w[1].time - w[0].time > Duration::days(LONGEST_GAP_DAYS))
        .map(|w| {
            let (before, after) = (w[0], w[1]);
            let days = (after.time - before.time).num_days();
            let gap = if days >= 730 {
                format!("{} years", days / 365)
            } else {
                format!("{days} days")
            };
            let mut d = Diagnostic::new(
                Code::FarApart,
                format!(
                    "{gap} between this entry ({}) and the one before it in time ({}, {})",
                    dated(&after.time),
                    dated(&before.time),
                    where_is(before)
                ),
            )
            .at_opt(after.span)
            .with_help("a typo in a date or a year? One incident's timeline rarely spans a month");
            if let Some(s) = before.span {
                d = d.with_related(s, "the entry before the gap");
            }
            d
        })
        .collect()
}

/// `2024-06-05 14:30`, or the wall clock alone for a time of day.
fn dated(t: &When) -> String {
    match t.date() {
        Some(d) => format!("{} {}", d.format("%Y-%m-%d"), t.clock().format("%H:%M")),
        None => t.wall_clock(),
    }
}

/// A range ("10:45 - 10:10") whose end is before its start.
fn ranges_ending_before_they_start(events: &[Event]) -> Vec<Diagnostic> {
    events
        .iter()
        .filter(|e| e.end.is_some_and(|end| end < e.time))
        .map(|e| {
            let end = e.end.expect("filtered on end");
            Diagnostic::new(
                Code::RangeEndsBeforeStart,
                format!(
                    "the range ends at {} before it starts at {}",
                    end.wall_clock(),
                    e.wall_clock()
                ),
            )
            .at_opt(e.span)
            .with_help("swap the two times, or correct the one that is wrong")
        })
        .collect()
}

/// The same time and the same text twice.
fn duplicates(events: &[Event]) -> Vec<Diagnostic> {
    // Sized once and hashed with foldhash: growing a SipHash map rehashed every text at each
    // doubling, a tenth of reading a long timeline.
    let mut seen: HashMap<(When, String), &Event, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(events.len(), Default::default());
    let mut diags = Vec::new();
    for e in events {
        let key = (e.time, normalise(&e.text));
        match seen.get(&key) {
            Some(first) => {
                let mut d = Diagnostic::new(
                    Code::Duplicate,
                    format!(
                        "duplicate entry: {} \"{}\" is already on {}",
                        e.wall_clock(),
                        excerpt(&e.text),
                        where_is(first)
                    ),
                )
                .at_opt(e.span)
                .with_help("remove one of the two entries");
                if let Some(s) = first.span {
                    d = d.with_related(s, "first written here");
                }
                diags.push(d);
            }
            None => {
                seen.insert(key, e);
            }
        }
    }
    diags
}

/// Text compared for duplicates: case, spacing and final punctuation do not count.
fn normalise(text: &str) -> String {
    // Built in one buffer: no list of words, no second string for ASCII text.
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.truncate(out.trim_end_matches(['.', '!', ';', ',']).len());
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::diagnostics::Severity;

    #[test]
    fn an_earlier_entry_names_both_lines() {
        let inc = incident(&[
            ("2024-06-05T10:00:00Z", "detect", "a"),
            ("2024-06-05T10:30:00Z", "action", "b"),
            ("2024-06-05T10:05:00Z", "action", "c"),
            ("2024-06-05T10:40:00Z", "resolve", "d"),
        ]);
        let d = check(&inc);
        let d = only(&d, "PM101");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.line(), Some(3));
        assert_eq!(d.related[0].0.line, 2);
        assert!(d.message.contains("line 2"), "{}", d.message);
    }

    #[test]
    fn equal_times_keep_file_order() {
        let inc = incident(&[
            ("2024-06-05T10:00:00Z", "detect", "a"),
            ("2024-06-05T10:00:00Z", "action", "b"),
        ]);
        assert!(check(&inc).is_empty());
    }

    #[test]
    fn twelve_fifteen_am_after_noon_suggests_pm() {
        let inc = incident(&[
            ("2024-06-05T11:50:00Z", "detect", "a"),
            ("2024-06-05T12:00:00Z", "action", "b"),
            ("2024-06-05T00:15:00Z", "action", "c"),
            ("2024-06-05T12:30:00Z", "resolve", "d"),
        ]);
        let d = check(&inc);
        let d = only(&d, "PM101");
        assert_eq!(d.line(), Some(3));
        let help = d.help.as_deref().unwrap();
        assert!(help.contains("did you mean 12:15 PM"), "{help}");
        assert!(help.contains("12:15 AM right after 12:00 PM"), "{help}");
    }

    #[test]
    fn an_entry_too_late_is_the_one_reported() {
        // 11:35 is later than everything after it; 10:35 fits where it is.
        let inc = incident(&[
            ("2024-06-05T10:00:00Z", "detect", "a"),
            ("2024-06-05T11:35:00Z", "action", "b"),
            ("2024-06-05T10:36:00Z", "action", "c"),
            ("2024-06-05T10:40:00Z", "resolve", "d"),
        ]);
        let d = check(&inc);
        let d = only(&d, "PM101");
        assert_eq!(d.line(), Some(2));
        assert_eq!(d.related[0].0.line, 3);
        let help = d.help.as_deref().unwrap();
        assert!(help.contains("a typo? 10:35 would fit"), "{help}");
    }

    #[test]
    fn a_midnight_crossing_without_a_date_says_so() {
        let inc = incident(&[("23:40:00Z", "detect", "a"), ("00:10:00Z", "action", "b")]);
        let d = check(&inc);
        let d = only(&d, "PM101");
        assert_eq!(d.line(), Some(2));
        assert!(d.help.as_deref().unwrap().contains("past midnight"));
    }

    #[test]
    fn an_am_pm_slip_rolled_over_is_an_error() {
        let mut inc = incident(&[
            ("2024-06-05T12:00:00Z", "detect", "a"),
            ("2024-06-06T00:15:00Z", "action", "b"),
        ]);
        inc.events[1].rolled_over = true;
        let d = check(&inc);
        let d = only(&d, "PM105");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.line(), Some(2));
        assert!(d.help.as_deref().unwrap().contains("did you mean 12:15 PM"));
    }

    #[test]
    fn a_long_quiet_night_rolled_over_is_a_warning() {
        let mut inc = incident(&[
            ("2024-06-05T15:00:00Z", "detect", "a"),
            ("2024-06-06T09:30:00Z", "action", "b"),
        ]);
        inc.events[1].rolled_over = true;
        let d = check(&inc);
        assert_eq!(only(&d, "PM104").severity, Severity::Warning);
    }

    #[test]
    fn a_roll_over_the_entry_itself_explains_is_fine() {
        let mut inc = incident(&[
            ("2024-06-05T21:00:00Z", "detect", "a"),
            (
                "2024-06-06T10:00:00Z",
                "resolve",
                "The following day, all was well",
            ),
        ]);
        inc.events[1].rolled_over = true;
        assert!(check(&inc).is_empty());
        inc.events[1].text = "All was well".into();
        assert_eq!(only(&check(&inc), "PM105").line(), Some(2));
    }

    #[test]
    fn a_plausible_roll_over_is_fine() {
        let mut inc = incident(&[
            ("2024-06-05T23:50:00Z", "detect", "a"),
            ("2024-06-06T00:15:00Z", "action", "b"),
        ]);
        inc.events[1].rolled_over = true;
        assert!(check(&inc).is_empty());
    }

    #[test]
    fn a_range_ending_before_it_starts_is_an_error() {
        let mut inc = incident(&[("2024-06-05T10:45:00Z", "action", "a")]);
        inc.events[0].end = Some(t("2024-06-05T10:10:00Z"));
        let d = check(&inc);
        assert_eq!(only(&d, "PM106").line(), Some(1));
    }

    #[test]
    fn a_gap_of_over_a_month_is_a_likely_date_typo() {
        let inc = incident(&[
            ("2024-06-05T10:00:00Z", "detect", "a"),
            ("2042-06-05T10:30:00Z", "action", "b"),
            ("2042-06-05T10:40:00Z", "resolve", "c"),
        ]);
        let d = check(&inc);
        let gap = only(&d, "PM103");
        assert_eq!(gap.line(), Some(2));
        assert_eq!(gap.related[0].0.line, 1);
        assert!(
            gap.message.starts_with("18 years between"),
            "{}",
            gap.message
        );
        let inc = incident(&[
            ("2024-06-05T10:00:00Z", "detect", "a"),
            ("2024-06-25T10:30:00Z", "resolve", "b"),
        ]);
        assert!(check(&inc).is_empty());
        let inc = incident(&[
            ("10:00:00Z", "detect", "a"),
            ("2024-06-05T10:30:00Z", "resolve", "b"),
        ]);
        assert!(check(&inc).is_empty());
    }

    #[test]
    fn the_same_time_and_text_twice_is_a_duplicate() {
        let inc = incident(&[
            ("2024-06-05T10:00:00Z", "detect", "Alert fired."),
            ("2024-06-05T10:05:00Z", "action", "b"),
            ("2024-06-05T10:05:00Z", "action", "c"),
            ("2024-06-05T10:00:00Z", "detect", "alert  fired"),
        ]);
        let d = check(&inc);
        let dup = only(&d, "PM102");
        assert_eq!(dup.line(), Some(4));
        assert_eq!(dup.related[0].0.line, 1);
        // 10:00 after 10:05 is also out of order.
        assert_eq!(only(&d, "PM101").line(), Some(4));
    }
}
