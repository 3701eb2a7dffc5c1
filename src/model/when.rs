//! When something happened, as much as the source says: an instant with a calendar date, or a time
//! of day whose date nobody wrote. The two are different types of fact, so they are different
//! variants: a time of day never becomes a date by accident (no placeholder year), and code that
//! needs a date has to say what it does when there is none.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use std::cmp::Ordering;
use std::fmt;

/// When something happened.
///
/// Moments of one incident are on one footing: all dated or all times of day (the readers settle
/// a timeline dated only in part onto its dated entries' day, see
/// [`crate::model::settle_days`]). Ordering and differences between a dated moment and a
/// time of day compare clocks only and mean little; [`When::since`] says so with `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum When {
    /// A calendar date and a wall clock with its UTC offset: an instant.
    Dated(DateTime<FixedOffset>),
    /// A wall clock with its UTC offset and no calendar date.
    TimeOfDay(TimeOfDay),
}

/// A wall clock with no date, and how many midnights the timeline crossed before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    /// Midnights crossed since the timeline's first day (0 on that day, -1 the day before), so
    /// that "23:05" then "00:30" stay 85 minutes apart and in order.
    pub day: i32,
    /// The wall clock as written.
    pub clock: NaiveTime,
    /// The UTC offset it was written in.
    pub offset: FixedOffset,
}

/// The day a time of day is placed on when it needs a position on a time axis (ordering,
/// distances, a chart's x). Never shown: a chart of times of day prints no dates.
const AXIS_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

impl When {
    /// A time of day on the timeline's `day` (0 for its first day).
    pub fn time_of_day(day: i32, clock: NaiveTime, offset: FixedOffset) -> When {
        When::TimeOfDay(TimeOfDay { day, clock, offset })
    }

    /// `true` when the source gave a calendar date.
    pub fn is_dated(&self) -> bool {
        matches!(self, When::Dated(_))
    }

    /// The calendar date, in the offset it was written in; `None` for a time of day.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            When::Dated(t) => Some(t.date_naive()),
            When::TimeOfDay(_) => None,
        }
    }

    /// The instant, when the date is known.
    pub fn instant(&self) -> Option<DateTime<FixedOffset>> {
        match self {
            When::Dated(t) => Some(*t),
            When::TimeOfDay(_) => None,
        }
    }

    /// The wall clock as written.
    pub fn clock(&self) -> NaiveTime {
        match self {
            When::Dated(t) => t.time(),
            When::TimeOfDay(t) => t.clock,
        }
    }

    /// The UTC offset it was written in.
    pub fn offset(&self) -> FixedOffset {
        match self {
            When::Dated(t) => *t.offset(),
            When::TimeOfDay(t) => t.offset,
        }
    }

    /// The written wall clock, `HH:MM`, or `HH:MM:SS` when it has seconds.
    pub fn wall_clock(&self) -> String {
        let c = self.clock();
        if c.second() == 0 {
            c.format("%H:%M").to_string()
        } else {
            c.format("%H:%M:%S").to_string()
        }
    }

    /// `true` when both are on the same day: the same date, or the same day count of a time of
    /// day (each in its own offset).
    pub fn same_day(&self, other: &When) -> bool {
        match (self, other) {
            (When::Dated(a), When::Dated(b)) => a.date_naive() == b.date_naive(),
            (When::TimeOfDay(a), When::TimeOfDay(b)) => a.day == b.day,
            _ => false,
        }
    }

    /// Another wall clock on the same day, in the same offset.
    pub fn with_clock(&self, clock: NaiveTime) -> When {
        match self {
            When::Dated(t) => t
                .offset()
                .from_local_datetime(&t.date_naive().and_time(clock))
                .single()
                .map_or(*self, When::Dated),
            When::TimeOfDay(t) => When::time_of_day(t.day, clock, t.offset),
        }
    }

    /// The position on a time axis: the instant, or for a time of day its clock on a fixed,
    /// never-shown day plus its day count. Only positions of moments on one footing compare.
    pub fn axis(&self) -> DateTime<Utc> {
        self.on_axis_day().with_timezone(&Utc)
    }

    /// [`When::axis`] in the moment's own offset: what a chart shows for it (its clock; the date
    /// only when it is dated).
    pub fn on_axis_day(&self) -> DateTime<FixedOffset> {
        match self {
            When::Dated(t) => *t,
            When::TimeOfDay(t) => {
                let day = AXIS_DAY + Duration::days(i64::from(t.day));
                t.offset
                    .from_local_datetime(&day.and_time(t.clock))
                    .single()
                    .expect("a fixed offset maps every wall clock to one instant")
            }
        }
    }

    /// How long after `earlier` this is; `None` when one is dated and the other is not.
    pub fn since(&self, earlier: &When) -> Option<Duration> {
        (self.is_dated() == earlier.is_dated()).then(|| self.axis() - earlier.axis())
    }

    /// The same moment written in another offset (the same instant, another wall clock).
    pub fn in_offset(&self, offset: FixedOffset) -> When {
        match self {
            When::Dated(t) => When::Dated(t.with_timezone(&offset)),
            When::TimeOfDay(_) => Self::from_axis(self.axis(), offset),
        }
    }

    /// The same moment as a wall clock in `zone` (what a chart in that zone shows). A time of day
    /// takes the zone's offset on 1 January when the zone has daylight saving time.
    pub fn in_zone(&self, zone: &super::Zone) -> When {
        self.in_offset(zone.offset_at(&self.axis()))
    }

    /// This time of day on calendar days: day 0 is `first_day`. A dated moment is unchanged.
    pub fn dated_from(&self, first_day: NaiveDate) -> When {
        match self {
            When::Dated(_) => *self,
            When::TimeOfDay(t) => {
                let Some(day) = first_day.checked_add_signed(Duration::days(i64::from(t.day)))
                else {
                    return *self;
                };
                t.offset
                    .from_local_datetime(&day.and_time(t.clock))
                    .single()
                    .map_or(*self, When::Dated)
            }
        }
    }

    /// A time of day placed back from an axis position (see [`When::axis`]).
    fn from_axis(at: DateTime<Utc>, offset: FixedOffset) -> When {
        let local = at.with_timezone(&offset);
        let day = (local.date_naive() - AXIS_DAY).num_days();
        When::time_of_day(
            i32::try_from(day).unwrap_or(if day < 0 { i32::MIN } else { i32::MAX }),
            local.time(),
            offset,
        )
    }

    /// `d` later (earlier when negative), on the same footing; `None` past chrono's range.
    pub fn checked_add(&self, d: Duration) -> Option<When> {
        match self {
            When::Dated(t) => t.checked_add_signed(d).map(When::Dated),
            When::TimeOfDay(t) => {
                let at = self.axis().checked_add_signed(d)?;
                Some(Self::from_axis(at, t.offset))
            }
        }
    }
}

impl From<DateTime<FixedOffset>> for When {
    fn from(t: DateTime<FixedOffset>) -> When {
        When::Dated(t)
    }
}

impl Ord for When {
    /// By axis position (see [`When::axis`]); equal positions by offset and footing, so that the
    /// order is total and agrees with `==`.
    fn cmp(&self, other: &When) -> Ordering {
        self.axis()
            .cmp(&other.axis())
            .then_with(|| {
                self.offset()
                    .local_minus_utc()
                    .cmp(&other.offset().local_minus_utc())
            })
            .then_with(|| self.is_dated().cmp(&other.is_dated()))
    }
}

impl PartialOrd for When {
    fn partial_cmp(&self, other: &When) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl std::ops::Sub for When {
    type Output = Duration;
    /// The distance between axis positions: the real duration between moments on one footing.
    fn sub(self, other: When) -> Duration {
        self.axis() - other.axis()
    }
}

impl std::ops::Add<Duration> for When {
    type Output = When;
    /// Panics only past chrono's range (about 262,000 years); use [`When::checked_add`] on
    /// durations from input.
    fn add(self, d: Duration) -> When {
        self.checked_add(d).unwrap_or(self)
    }
}

impl std::ops::AddAssign<Duration> for When {
    fn add_assign(&mut self, d: Duration) {
        *self = *self + d;
    }
}

impl std::ops::Sub<Duration> for When {
    type Output = When;
    fn sub(self, d: Duration) -> When {
        self + -d
    }
}

impl fmt::Display for When {
    /// RFC 3339 for a dated moment (`2024-06-05T14:30:00+01:00`); for a time of day its clock and
    /// offset (`14:30:00+01:00`), then the day when it is not the first (`00:30:00+00:00 +1 day`, `23:00:00+00:00 -1 day`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Dated(t) => f.write_str(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)),
            When::TimeOfDay(t) => {
                let clock = t.clock.format("%H:%M:%S%.f").to_string();
                let offset = super::format_offset(t.offset.local_minus_utc(), true);
                write!(f, "{clock}{offset}")?;
                match t.day {
                    0 => Ok(()),
                    1 => f.write_str(" +1 day"),
                    -1 => f.write_str(" -1 day"),
                    n => write!(f, " {n:+} days"),
                }
            }
        }
    }
}

/// Why a written moment could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{written}` is not a time pmchart reads: write a date and time with its UTC offset (`2024-06-05T14:30:00+01:00`), or a time of day with its offset (`14:30:00+01:00`; `00:30:00+01:00 +1 day` after midnight)")]
pub struct WhenParseError {
    /// What was written.
    pub written: String,
}

impl std::str::FromStr for When {
    type Err = WhenParseError;
    /// Reads what [`When`]'s `Display` writes.
    fn from_str(s: &str) -> Result<When, WhenParseError> {
        let err = || WhenParseError {
            written: s.to_string(),
        };
        let s = s.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(When::Dated(t));
        }
        let (clock_part, day) = match s.split_once(' ') {
            Some((c, d)) => {
                let n = d
                    .strip_suffix(" days")
                    .or_else(|| d.strip_suffix(" day"))
                    .filter(|n| n.starts_with(['+', '-']))
                    .and_then(|n| n.parse::<i32>().ok())
                    .ok_or_else(err)?;
                (c, n)
            }
            None => (s, 0),
        };
        // A time of day is the RFC 3339 time after any date: parse it on a day to reuse chrono's
        // reader of offsets and fractions.
        let t =
            DateTime::parse_from_rfc3339(&format!("2000-01-01T{clock_part}")).map_err(|_| err())?;
        Ok(When::time_of_day(day, t.time(), *t.offset()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tod(s: &str) -> When {
        s.parse().unwrap()
    }

    #[test]
    fn a_time_of_day_has_no_date_and_prints_none() {
        let w = tod("14:30:00+01:00");
        assert_eq!(w.date(), None);
        assert_eq!(w.instant(), None);
        assert!(!w.is_dated());
        assert_eq!(w.wall_clock(), "14:30");
        assert_eq!(w.to_string(), "14:30:00+01:00");
        assert_eq!(tod("00:30:05Z +1 day").to_string(), "00:30:05+00:00 +1 day");
        assert_eq!(
            tod("00:30:05Z +3 days").to_string(),
            "00:30:05+00:00 +3 days"
        );
        assert_eq!(tod("00:30:05Z +3 days").wall_clock(), "00:30:05");
        assert!("25:00:00Z".parse::<When>().is_err());
        assert!("14:30:00Z +x days".parse::<When>().is_err());
        assert!("14:30:00Z 2 days".parse::<When>().is_err());
    }

    #[test]
    fn midnight_crossings_keep_order_and_distance() {
        let late = tod("23:05:00+03:00");
        let early_next = tod("00:30:00+03:00 +1 day");
        assert!(early_next > late);
        assert_eq!(early_next.since(&late), Some(Duration::minutes(85)));
        assert_eq!(late + Duration::minutes(85), early_next);
        assert_eq!(
            (late - Duration::hours(24)).to_string(),
            "23:05:00+03:00 -1 day"
        );
        assert_eq!(tod("23:05:00+03:00 -1 day"), late - Duration::days(1));
    }

    #[test]
    fn dated_and_undated_moments_have_no_distance() {
        let dated: When = "2024-06-05T14:30:00Z".parse().unwrap();
        assert_eq!(dated.since(&tod("14:00:00Z")), None);
        assert_eq!(dated.date(), NaiveDate::from_ymd_opt(2024, 6, 5));
        assert_eq!(dated.to_string(), "2024-06-05T14:30:00+00:00");
    }

    #[test]
    fn a_time_of_day_takes_a_date_with_its_day_count() {
        let first = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        let w = tod("00:30:00+01:00 +1 day").dated_from(first);
        assert_eq!(w, "2025-01-01T00:30:00+01:00".parse().unwrap());
    }

    #[test]
    fn another_offset_keeps_the_instant() {
        let w = tod("00:30:00+01:00 +1 day").in_offset(FixedOffset::east_opt(0).unwrap());
        assert_eq!(w.to_string(), "23:30:00+00:00");
        assert_eq!(w.axis(), tod("00:30:00+01:00 +1 day").axis());
    }
}
