//! Time-axis ticks at natural wall-clock steps in the display zone, computed with the zone's rules
//! so that DST days come out right: ticks exist only at wall-clock times that happened (none in a
//! spring-forward gap, both instants of a repeated hour in a fall-back fold), and each sits at its
//! true instant.

use crate::model::Zone;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// Average Gregorian month in seconds. Steps from a month up are calendar steps (ticks on the
/// first of a month, or of a year), written as a whole number of these so that all steps share
/// one scale for choosing.
pub const MONTH: i64 = 2_629_746;
/// Average Gregorian year in seconds.
pub const YEAR: i64 = 12 * MONTH;

/// Steps in seconds: 1, 2, 5, 10, 15, 30 min; 1, 2, 3, 6, 12 h; 1, 2, 7 days; then calendar
/// steps of 1, 3, 6 months and 1, 2, 5 ... 100,000 years, so that any span chrono can hold
/// (about 524,000 years) gets a step with few ticks.
pub const STEPS: [i64; 34] = [
    60,
    120,
    300,
    600,
    900,
    1800,
    3600,
    7200,
    10800,
    21600,
    43200,
    86400,
    172800,
    604800,
    MONTH,
    3 * MONTH,
    6 * MONTH,
    YEAR,
    2 * YEAR,
    5 * YEAR,
    10 * YEAR,
    20 * YEAR,
    50 * YEAR,
    100 * YEAR,
    200 * YEAR,
    500 * YEAR,
    1_000 * YEAR,
    2_000 * YEAR,
    5_000 * YEAR,
    10_000 * YEAR,
    20_000 * YEAR,
    50_000 * YEAR,
    100_000 * YEAR,
    200_000 * YEAR,
];

/// Walking more wall-clock steps than this is refused (an empty result): a caller asked for a
/// step far too fine for its span, and the walk would take seconds and the chart megabytes.
pub const MAX_WALK: i64 = 4096;

/// One tick.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// The instant.
    pub at: DateTime<Utc>,
    /// The wall clock in the display zone.
    pub local: NaiveDateTime,
    /// UTC offset in force, seconds.
    pub offset: i32,
}

/// Every tick of `step` seconds from the last one at or before `start` to the first one at or
/// after `end`, in time order.
pub fn ticks_with_step(
    zone: &Zone,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    step: i64,
) -> Vec<Tick> {
    let step = step.max(60);
    let span = (end - start).num_seconds().max(0);
    if span / step > MAX_WALK {
        return Vec::new();
    }
    let local_start = zone.to_local(&start).naive_local();
    let local_end = zone.to_local(&end).naive_local();
    // Wall clocks within the span lie within an hour or two of its ends' wall clocks (DST
    // shifts); walk naive wall-clock times over that range and keep those that happened.
    let margin = Duration::seconds(step.max(3 * 3600));
    let (Some(from), Some(until)) = (
        local_start
            .checked_sub_signed(margin)
            .and_then(|t| floor_local(t, step)),
        local_end.checked_add_signed(margin),
    ) else {
        return Vec::new();
    };
    let mut all: Vec<Tick> = Vec::new();
    let mut t = from;
    // The span check above bounds the walk; the count is a second guard (calendar months run
    // up to 10% shorter than their nominal length).
    let walk_limit = (span + 2 * margin.num_seconds()) / step * 11 / 10 + 16;
    let mut walked = 0;
    while t <= until && walked <= walk_limit {
        walked += 1;
        let instants = if step >= 86400 {
            // A midnight that does not exist (some zones move clocks at 00:00): first valid hour.
            let mut found = zone.resolve_local(&t);
            let mut probe = t;
            for _ in 0..3 {
                if !found.is_empty() {
                    break;
                }
                match probe.checked_add_signed(Duration::hours(1)) {
                    Some(p) => probe = p,
                    None => break,
                }
                found = zone.resolve_local(&probe);
            }
            found.into_iter().take(1).collect()
        } else {
            zone.resolve_local(&t)
        };
        for i in instants {
            let at = i.with_timezone(&Utc);
            all.push(Tick {
                at,
                local: zone.to_local(&at).naive_local(),
                offset: i.offset().local_minus_utc(),
            });
        }
        match next_local(t, step) {
            Some(next) => t = next,
            None => break,
        }
    }
    all.sort_by_key(|t| t.at);
    all.dedup_by_key(|t| t.at);
    let first = all.iter().rposition(|t| t.at <= start).unwrap_or(0);
    let last = all
        .iter()
        .position(|t| t.at >= end)
        .unwrap_or(all.len().saturating_sub(1));
    all.truncate(last + 1);
    all.drain(..first.min(all.len()));
    all
}

/// The smallest natural step that gives at most `max_ticks` intervals over the span.
pub fn choose_step(start: DateTime<Utc>, end: DateTime<Utc>, max_ticks: usize) -> i64 {
    let span = (end - start).num_seconds().max(1);
    let max_ticks = max_ticks.max(1) as i64;
    STEPS
        .iter()
        .copied()
        .find(|s| (span + s - 1) / s <= max_ticks)
        .unwrap_or(STEPS[STEPS.len() - 1])
}

/// The naive time at or before `t` that is a whole number of `step`s into its day (or, for day
/// steps, a midnight counted from 1970-01-01; for calendar steps, the first of a month whose
/// number of months since year 0 is a whole number of steps). None past chrono's range.
fn floor_local(t: NaiveDateTime, step: i64) -> Option<NaiveDateTime> {
    if step >= MONTH {
        let months = step / MONTH;
        let index = i64::from(t.year()) * 12 + i64::from(t.month0());
        let floored = index - index.rem_euclid(months);
        let year = i32::try_from(floored.div_euclid(12)).ok()?;
        let month = u32::try_from(floored.rem_euclid(12)).ok()? + 1;
        return Some(NaiveDate::from_ymd_opt(year, month, 1)?.and_time(NaiveTime::MIN));
    }
    if step >= 86400 {
        let days = step / 86400;
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
        let n = (t.date() - epoch).num_days();
        let floored = n - n.rem_euclid(days);
        return epoch
            .checked_add_signed(Duration::days(floored))
            .map(|d| d.and_time(NaiveTime::MIN));
    }
    let secs = i64::from(t.time().num_seconds_from_midnight());
    t.date()
        .and_time(NaiveTime::MIN)
        .checked_add_signed(Duration::seconds(secs - secs % step))
}

fn next_local(t: NaiveDateTime, step: i64) -> Option<NaiveDateTime> {
    if step >= MONTH {
        let months = u32::try_from(step / MONTH).ok()?;
        return t.checked_add_months(Months::new(months));
    }
    t.checked_add_signed(Duration::seconds(step))
}

use chrono::{Datelike, Months, Timelike};

/// `HH:MM` for a tick of a sub-day step; `8 Mar` for day steps; `Mar 2026` for month steps;
/// `2026` for year steps.
pub fn tick_label(tick: &Tick, step: i64) -> String {
    if step >= YEAR {
        // Not `%Y`, which writes years past 9999 as `+10000`.
        tick.local.year().to_string()
    } else if step >= MONTH {
        tick.local.format("%b %Y").to_string()
    } else if step >= 86400 {
        tick.local.format("%-d %b").to_string()
    } else {
        tick.local.format("%H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn labels(z: &Zone, a: &str, b: &str, step: i64) -> Vec<String> {
        ticks_with_step(z, utc(a), utc(b), step)
            .iter()
            .map(|t| tick_label(t, step))
            .collect()
    }

    #[test]
    fn steps_follow_the_span() {
        let s = utc("2026-01-01T00:00:00Z");
        assert_eq!(choose_step(s, s + Duration::minutes(5), 8), 60);
        assert_eq!(choose_step(s, s + Duration::hours(1), 8), 600);
        assert_eq!(choose_step(s, s + Duration::days(3), 8), 43200);
    }

    #[test]
    fn ticks_cover_the_span_on_round_wall_clock_times() {
        let z = Zone::utc();
        assert_eq!(
            labels(&z, "2026-01-01T10:02:00Z", "2026-01-01T10:58:00Z", 900),
            ["10:00", "10:15", "10:30", "10:45", "11:00"]
        );
    }

    #[test]
    fn long_spans_get_calendar_steps_and_fine_steps_are_refused() {
        let z = Zone::utc();
        let (a, b) = ("1800-03-01T10:00:00Z", "2101-01-02T00:00:00Z");
        let step = choose_step(utc(a), utc(b), 8);
        assert_eq!(step, 50 * YEAR);
        assert_eq!(
            labels(&z, a, b, step),
            ["1800", "1850", "1900", "1950", "2000", "2050", "2100", "2150"]
        );
        assert_eq!(
            labels(&z, "2026-01-20T00:00:00Z", "2026-05-03T00:00:00Z", MONTH),
            ["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026"]
        );
        // A week step over 7,000 years would walk 365,000 weeks: refused, not walked.
        assert!(ticks_with_step(
            &z,
            utc("2024-06-05T09:00:00Z"),
            utc("9251-05-05T10:00:00Z"),
            604800
        )
        .is_empty());
        assert_eq!(
            choose_step(utc("0001-01-01T00:00:00Z"), utc("9999-12-31T23:59:59Z"), 12),
            1_000 * YEAR
        );
    }
}
