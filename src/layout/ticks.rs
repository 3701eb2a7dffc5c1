//! Time-axis ticks at natural wall-clock steps in the display zone, computed with the zone's rules
//! so that DST days come out right: ticks exist only at wall-clock times that happened (none in a
//! spring-forward gap, both instants of a repeated hour in a fall-back fold), and each sits at its
//! true instant.

use crate::model::Zone;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// Steps in seconds: 1, 2, 5, 10, 15, 30 min; 1, 2, 3, 6, 12 h; 1, 2, 7 days.
pub const STEPS: [i64; 14] = [
    60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
];

/// One tick.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
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
    let local_start = zone.to_local(&start).naive_local();
    let local_end = zone.to_local(&end).naive_local();
    // Wall clocks within the span lie within an hour or two of its ends' wall clocks (DST
    // shifts); walk naive wall-clock times over that range and keep those that happened.
    let margin = Duration::seconds(step.max(3 * 3600));
    let from = floor_local(local_start - margin, step);
    let until = local_end + margin;
    let mut all: Vec<Tick> = Vec::new();
    let mut t = from;
    while t <= until {
        let instants = if step >= 86400 {
            // A midnight that does not exist (some zones move clocks at 00:00): first valid hour.
            let mut found = zone.resolve_local(&t);
            let mut probe = t;
            for _ in 0..3 {
                if !found.is_empty() {
                    break;
                }
                probe += Duration::hours(1);
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
        t = next_local(t, step);
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
/// steps, a midnight counted from 1970-01-01).
fn floor_local(t: NaiveDateTime, step: i64) -> NaiveDateTime {
    if step >= 86400 {
        let days = step / 86400;
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
        let n = (t.date() - epoch).num_days();
        let floored = n - n.rem_euclid(days);
        return (epoch + Duration::days(floored)).and_time(NaiveTime::MIN);
    }
    let secs = i64::from(t.time().num_seconds_from_midnight());
    t.date().and_time(NaiveTime::MIN) + Duration::seconds(secs - secs % step)
}

fn next_local(t: NaiveDateTime, step: i64) -> NaiveDateTime {
    t + Duration::seconds(step)
}

use chrono::Timelike;

/// `HH:MM` for a tick of a sub-day step; `8 Mar` for day steps.
pub fn tick_label(tick: &Tick, step: i64) -> String {
    if step >= 86400 {
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
}
