//! Times of day, dates and durations as people write them in postmortems: `2:35 PM`, `09:45am`,
//! `2306HRS`, `15.25`, `4pm`; `November 10, 2023`, `29 april 2022`, `2022-04-25`, `12/02/2025`,
//! `18-08-24`, `Nov 22rd 2019`; `2 hours and 30 minutes`.
//!
//! The scanners work on text where markup has already been blanked out (same byte length), so the
//! byte offsets they return are offsets in the source line. They only look at ASCII bytes.

use chrono::{Duration, NaiveDate};

/// AM or PM as written after a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meridiem {
    Am,
    Pm,
}

/// A time of day found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeMatch {
    /// Byte range of the time, including its AM/PM or HRS suffix.
    pub start: usize,
    pub end: usize,
    /// 24-hour wall clock as meant (AM/PM applied). Meaningless when `impossible`.
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// `13:00 PM`: a 24-hour time with a stray AM/PM, read as 24-hour.
    pub stray_meridiem: bool,
    /// `25:10`, `10:75`, `13 PM`: no such time of day.
    pub impossible: bool,
    /// Written with a dot (`15.25`): only trusted where a time is expected.
    pub dotted: bool,
    /// Written with an AM/PM suffix.
    pub meridiem: Option<Meridiem>,
    /// Only an hour (`4pm`), no minutes.
    pub hour_only: bool,
    /// A word (`noon`, `midnight`): like a dotted time, only trusted where a time is expected.
    pub worded: bool,
}

impl TimeMatch {
    /// 00:00 at byte `i`, nothing read yet: what the scanner fills in.
    fn at(i: usize) -> TimeMatch {
        TimeMatch {
            start: i,
            end: i,
            hour: 0,
            minute: 0,
            second: 0,
            stray_meridiem: false,
            impossible: false,
            dotted: false,
            meridiem: None,
            hour_only: false,
            worded: false,
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn digits_at(b: &[u8], i: usize) -> usize {
    b[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

fn num(b: &[u8], i: usize, n: usize) -> u32 {
    b[i..i + n].iter().fold(0u32, |a, c| {
        a.saturating_mul(10).saturating_add((c - b'0') as u32)
    })
}

/// Reads `am`, `pm`, `a.m.`, `p.m.` (any case) at `i`, not followed by a letter.
fn meridiem_at(b: &[u8], i: usize) -> Option<(Meridiem, usize)> {
    let lower = |k: usize| b.get(k).map(|c| c.to_ascii_lowercase());
    let m = match lower(i)? {
        b'a' => Meridiem::Am,
        b'p' => Meridiem::Pm,
        _ => return None,
    };
    let end = if lower(i + 1) == Some(b'm') {
        i + 2
    } else if lower(i + 1) == Some(b'.') && lower(i + 2) == Some(b'm') {
        if lower(i + 3) == Some(b'.') {
            i + 4
        } else {
            i + 3
        }
    } else {
        return None;
    };
    if b.get(end).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((m, end))
}

/// Reads `hrs`, `hr`, `h`, `hours` after a military time (`2306HRS`).
fn hrs_at(b: &[u8], i: usize) -> Option<usize> {
    for suffix in ["hours", "hrs", "hr", "h"] {
        let n = suffix.len();
        if b.len() >= i + n
            && b[i..i + n].eq_ignore_ascii_case(suffix.as_bytes())
            && !b.get(i + n).is_some_and(|c| c.is_ascii_alphabetic())
        {
            return Some(i + n);
        }
    }
    None
}

/// The time of day starting exactly at byte `i`, if one does.
pub fn time_at(s: &str, i: usize) -> Option<TimeMatch> {
    let b = s.as_bytes();
    if i >= b.len() {
        return None;
    }
    if !b[i].is_ascii_digit() {
        let (hour, end) = word_time_at(b, i)?;
        return Some(TimeMatch {
            end,
            hour,
            worded: true,
            ..TimeMatch::at(i)
        });
    }
    // The offset of a zone (`UTC-07:00`, `GMT+1`), not a time.
    if i >= 4
        && matches!(b[i - 1], b'+' | b'-')
        && matches!(&b[i - 4..i - 1].to_ascii_uppercase()[..], b"UTC" | b"GMT")
    {
        return None;
    }
    // ISO 8601: 2024-03-10T10:00:00Z.
    let iso = i >= 2 && b[i - 1] == b'T' && b[i - 2].is_ascii_digit();
    if !iso && i > 0 && (is_word_byte(b[i - 1]) || matches!(b[i - 1], b'.' | b':' | b'/' | b',')) {
        // Inside a number, a version, a path, a ratio or a list of values.
        return None;
    }
    let nd = digits_at(b, i);
    let mut t = TimeMatch::at(i);
    let mut j;
    if (1..=2).contains(&nd)
        && matches!(b.get(i + nd), Some(b':') | Some(b'.'))
        && digits_at(b, i + nd + 1) == 2
    {
        t.dotted = b[i + nd] == b'.';
        t.hour = num(b, i, nd);
        t.minute = num(b, i + nd + 1, 2);
        j = i + nd + 3;
        if t.dotted && matches!(b.get(j), Some(b'.')) && digits_at(b, j + 1) > 0 {
            return None; // 1.25.3: a version
        }
        if !t.dotted && b.get(j) == Some(&b':') && digits_at(b, j + 1) == 2 {
            t.second = num(b, j + 1, 2);
            j += 3;
            // Fractions of a second (`12:00:01.123`) belong to the time.
            if b.get(j) == Some(&b'.') && digits_at(b, j + 1) > 0 {
                j += 1 + digits_at(b, j + 1);
            }
        }
        if b.get(j).is_some_and(u8::is_ascii_digit)
            || (b.get(j) == Some(&b':') && b.get(j + 1).is_some_and(u8::is_ascii_digit))
        {
            return None;
        }
    } else if nd == 4 {
        // Military time: 2306HRS, 0330 hrs.
        let mut k = i + 4;
        if b.get(k) == Some(&b' ') {
            k += 1;
        }
        let end = hrs_at(b, k)?;
        t.hour = num(b, i, 2);
        t.minute = num(b, i + 2, 2);
        t.end = end;
        t.impossible = t.hour > 24 || t.minute > 59 || (t.hour == 24 && t.minute > 0);
        if t.hour == 24 && !t.impossible {
            t.hour = 0;
        }
        return Some(t);
    } else if (1..=2).contains(&nd)
        && matches!(b.get(i + nd), Some(b'h') | Some(b'H'))
        && digits_at(b, i + nd + 1) == 2
        && !b.get(i + nd + 3).is_some_and(|c| c.is_ascii_alphanumeric())
    {
        // 10h30: the French way. Like `15.25`, only trusted where a time is expected.
        t.dotted = true;
        t.hour = num(b, i, nd);
        t.minute = num(b, i + nd + 1, 2);
        t.end = i + nd + 3;
        t.impossible = t.hour > 23 || t.minute > 59;
        return Some(t);
    } else if (1..=2).contains(&nd)
        && b.get(i + nd) == Some(&b':')
        && meridiem_at(b, i + nd + 1).is_some()
    {
        // `5:PM`: an hour, a colon, AM/PM (the minutes left out).
        t.hour = num(b, i, nd);
        t.hour_only = true;
        j = i + nd + 1;
    } else if (1..=2).contains(&nd) {
        t.hour = num(b, i, nd);
        t.hour_only = true;
        j = i + nd;
    } else {
        return None;
    }
    t.end = j;
    // AM/PM, possibly after one space.
    let k = if b.get(j) == Some(&b' ') { j + 1 } else { j };
    if let Some((m, end)) = meridiem_at(b, k) {
        t.meridiem = Some(m);
        t.end = end;
    } else if t.hour_only {
        // "12 noon", "12 midnight".
        if let Some((hour, end)) = word_time_at(b, k).filter(|_| t.hour == 12) {
            t.hour = hour;
            t.hour_only = false;
            t.end = end;
            return Some(t);
        }
        // A bare hour with a zone: "to 6 GMT".
        let zone = super::zones::zone_at(s, k)
            .filter(|z| k > j && z.abbreviation.is_some() && b[k].is_ascii_uppercase());
        if zone.is_none() || t.hour > 23 {
            return None;
        }
        t.end = j;
        return Some(t);
    } else if let Some(end) = hrs_at(b, j).filter(|_| !t.dotted) {
        // 10:00hrs
        t.end = end;
    }
    t.impossible = t.minute > 59 || t.second > 59;
    match t.meridiem {
        // 00:15 AM: midnight written with AM; 00:15 PM is read as written.
        Some(_) if t.hour == 0 && !t.hour_only => {}
        Some(m) if (1..=12).contains(&t.hour) => {
            t.hour = match (m, t.hour) {
                (Meridiem::Am, 12) => 0,
                (Meridiem::Am, h) => h,
                (Meridiem::Pm, 12) => 12,
                (Meridiem::Pm, h) => h + 12,
            };
        }
        Some(_) if (13..=23).contains(&t.hour) && !t.hour_only => t.stray_meridiem = true,
        Some(_) => t.impossible = true,
        None => {
            if t.hour > 23 {
                t.impossible = true;
            }
        }
    }
    Some(t)
}

/// `noon`, `midday` or `midnight` (any case) at `i`, not inside a word: (hour, end).
fn word_time_at(b: &[u8], i: usize) -> Option<(u32, usize)> {
    if i > 0 && b[i - 1].is_ascii_alphabetic() {
        return None;
    }
    for (word, hour) in [("noon", 12), ("midday", 12), ("midnight", 0)] {
        let n = word.len();
        if b.len() >= i + n
            && b[i..i + n].eq_ignore_ascii_case(word.as_bytes())
            && !b.get(i + n).is_some_and(|c| c.is_ascii_alphabetic())
        {
            return Some((hour, i + n));
        }
    }
    None
}

/// Every time of day in `s`, left to right, not overlapping.
pub fn find_times(s: &str) -> Vec<TimeMatch> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'n' | b'N' | b'm' | b'M') {
            if let Some(t) = time_at(s, i) {
                i = t.end;
                out.push(t);
                continue;
            }
        }
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            if let Some(t) = time_at(s, i) {
                i = t.end.max(i + 1);
                out.push(t);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// A date as written: complete, without a year, or with day and month order unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    Full(NaiveDate),
    /// `March 15`: the year comes from context.
    NoYear {
        month: u32,
        day: u32,
    },
    /// `12/02/2025`: `first/second/year`, either order possible.
    Ambiguous {
        first: u32,
        second: u32,
        year: i32,
        separator: u8,
    },
    /// `31/02/2024`, `February 30, 2023`: no such day.
    Impossible,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name or its abbreviation (`Sep`, `Sept`, `Nov.`) at `i`: (month, end).
fn month_at(b: &[u8], i: usize) -> Option<(u32, usize)> {
    if i > 0 && b[i - 1].is_ascii_alphabetic() {
        return None;
    }
    let n = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if n < 3 {
        return None;
    }
    let word = std::str::from_utf8(&b[i..i + n]).ok()?.to_ascii_lowercase();
    for (k, m) in MONTHS.iter().enumerate() {
        if word == *m || (n == 3 && m.starts_with(&word)) || (word == "sept" && k == 8) {
            let mut end = i + n;
            if n <= 4 && b.get(end) == Some(&b'.') {
                end += 1;
            }
            return Some((k as u32 + 1, end));
        }
    }
    None
}

/// A day of the month at `i` with an optional ordinal suffix (`22nd`, `22rd`): (day, end).
fn day_at(b: &[u8], i: usize) -> Option<(u32, usize)> {
    if i > 0 && b[i - 1].is_ascii_digit() {
        return None;
    }
    let nd = digits_at(b, i);
    if !(1..=2).contains(&nd) {
        return None;
    }
    let day = num(b, i, nd);
    let mut end = i + nd;
    if b.len() >= end + 2 {
        let suf = b[end..end + 2].to_ascii_lowercase();
        if matches!(&suf[..], b"st" | b"nd" | b"rd" | b"th")
            && !b.get(end + 2).is_some_and(|c| c.is_ascii_alphabetic())
        {
            end += 2;
        }
    }
    if b.get(end).is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || *c == b':'
            || *c == b'.' && b.get(end + 1).is_some_and(|d| d.is_ascii_digit())
    }) {
        return None;
    }
    (1..=31).contains(&day).then_some((day, end))
}

/// Skips spaces and at most one comma (`, ` or ` ,`).
fn skip_sep(b: &[u8], mut i: usize, allow_comma: bool) -> usize {
    let mut comma = false;
    while let Some(c) = b.get(i) {
        if *c == b' ' {
            i += 1;
        } else if *c == b',' && allow_comma && !comma {
            comma = true;
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// A 4-digit year at `i` not followed by more digits (a year, not a time `2306HRS`).
fn year_at(b: &[u8], i: usize) -> Option<(i32, usize)> {
    if digits_at(b, i) != 4 {
        return None;
    }
    // `2306HRS`, `2030:15` are times; `June 5, 2024:` ends a lead-in line.
    if hrs_at(b, i + 4).is_some()
        || (b.get(i + 4) == Some(&b':') && b.get(i + 5).is_some_and(u8::is_ascii_digit))
    {
        return None;
    }
    let y = num(b, i, 4) as i32;
    (1970..=2100).contains(&y).then_some((y, i + 4))
}

fn full(y: i32, m: u32, d: u32) -> DateValue {
    NaiveDate::from_ymd_opt(y, m, d)
        .map(DateValue::Full)
        .unwrap_or(DateValue::Impossible)
}

/// The date starting exactly at byte `i`, if one does.
pub fn date_at(s: &str, i: usize) -> Option<DateMatch> {
    let b = s.as_bytes();
    if i >= b.len() {
        return None;
    }
    // Month name first: "November 10, 2023", "Nov 22rd 2019", "March 15".
    if let Some((month, e)) = month_at(b, i) {
        let k = skip_sep(b, e, false);
        if let Some((day, e2)) = day_at(b, k) {
            let k2 = skip_sep(b, e2, true);
            if let Some((year, e3)) = year_at(b, k2) {
                return Some(DateMatch {
                    start: i,
                    end: e3,
                    value: full(year, month, day),
                });
            }
            // "March 15, 14:30": no year.
            if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
                return Some(DateMatch {
                    start: i,
                    end: e2,
                    value: DateValue::Impossible,
                });
            }
            return Some(DateMatch {
                start: i,
                end: e2,
                value: DateValue::NoYear { month, day },
            });
        }
        return None;
    }
    if !b[i].is_ascii_digit()
        || (i > 0
            && (b[i - 1].is_ascii_alphanumeric()
                || b[i - 1] == b'/'
                || b[i - 1] == b'.'
                || b[i - 1] == b':'
                || b[i - 1] == b'-'))
    {
        return None;
    }
    let nd = digits_at(b, i);
    // ISO: 2024-08-15, 2024/08/15.
    if nd == 4 {
        let sep = *b.get(i + 4)?;
        if (sep == b'-' || sep == b'/') && (1..=2).contains(&digits_at(b, i + 5)) {
            let m_n = digits_at(b, i + 5);
            let k = i + 5 + m_n;
            if b.get(k) == Some(&sep) && (1..=2).contains(&digits_at(b, k + 1)) {
                let d_n = digits_at(b, k + 1);
                let end = k + 1 + d_n;
                if b.get(end).is_some_and(|c| c.is_ascii_digit()) {
                    return None;
                }
                let y = num(b, i, 4) as i32;
                // The years a postmortem's incident can have, as for written-out dates: a
                // date near 9999 would roll past what RFC 3339 can write back.
                if !(1970..=2100).contains(&y) {
                    return None;
                }
                return Some(DateMatch {
                    start: i,
                    end,
                    value: full(y, num(b, i + 5, m_n), num(b, k + 1, d_n)),
                });
            }
        }
        return None;
    }
    // Day first with a month name: "29 april 2022", "31st January 2023", "13th April, 2024",
    // "25th of March".
    if let Some((day, e)) = day_at(b, i) {
        let k = skip_sep(b, e, false);
        if k >= e {
            let k = if b.get(k) == Some(&b'-') { k + 1 } else { k };
            let k = if b.len() >= k + 3 && b[k..k + 3].eq_ignore_ascii_case(b"of ") {
                skip_sep(b, k + 3, false)
            } else {
                k
            };
            if let Some((month, e2)) = month_at(b, k) {
                let k2 = skip_sep(b, e2, true);
                let k2 = if b.get(k2) == Some(&b'-') { k2 + 1 } else { k2 };
                if let Some((year, e3)) = year_at(b, k2) {
                    return Some(DateMatch {
                        start: i,
                        end: e3,
                        value: full(year, month, day),
                    });
                }
                return Some(DateMatch {
                    start: i,
                    end: e2,
                    value: if NaiveDate::from_ymd_opt(2000, month, day).is_some() {
                        DateValue::NoYear { month, day }
                    } else {
                        DateValue::Impossible
                    },
                });
            }
        }
    }
    // Numeric: 12/02/2025, 18-08-24, 10.02.2022.
    if (1..=2).contains(&nd) {
        let sep = *b.get(i + nd)?;
        if !matches!(sep, b'/' | b'-' | b'.') {
            return None;
        }
        let n2 = digits_at(b, i + nd + 1);
        if !(1..=2).contains(&n2) || b.get(i + nd + 1 + n2) != Some(&sep) {
            return None;
        }
        let k = i + nd + 1 + n2 + 1;
        let n3 = digits_at(b, k);
        if n3 != 2 && n3 != 4 {
            return None;
        }
        let end = k + n3;
        let (p1, p2) = (num(b, i, nd), num(b, i + nd + 1, n2));
        let mut year = num(b, k, n3) as i32;
        if n3 == 2 {
            if p1 > 31 {
                // YY-MM-DD
                return Some(DateMatch {
                    start: i,
                    end,
                    value: full(2000 + p1 as i32, p2, year as u32),
                });
            }
            year += 2000;
        }
        let value = match (p1 > 12, p2 > 12) {
            (true, true) => DateValue::Impossible,
            (true, false) => full(year, p2, p1),
            (false, true) => full(year, p1, p2),
            (false, false) if p1 == p2 => full(year, p1, p2),
            (false, false) => {
                if p1 == 0 || p2 == 0 {
                    DateValue::Impossible
                } else {
                    DateValue::Ambiguous {
                        first: p1,
                        second: p2,
                        year,
                        separator: sep,
                    }
                }
            }
        };
        return Some(DateMatch {
            start: i,
            end,
            value,
        });
    }
    None
}

/// Every date in `s`, left to right.
pub fn find_dates(s: &str) -> Vec<DateMatch> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if boundary && (b[i].is_ascii_alphanumeric()) {
            if let Some(d) = date_at(s, i) {
                i = d.end.max(i + 1);
                out.push(d);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The length of a duration unit word in seconds: `hours`, `hrs`, `h`, `min`, `m`, `days`, ….
fn unit_seconds(word: &str) -> Option<f64> {
    Some(match word {
        "hour" | "hours" | "hr" | "hrs" | "h" => 3600.0,
        "minute" | "minutes" | "min" | "mins" | "m" => 60.0,
        "second" | "seconds" | "sec" | "secs" | "s" => 1.0,
        "day" | "days" | "d" => 86400.0,
        _ => return None,
    })
}

/// One part of a duration at byte `i` of lower-case `s`: a number or `a`/`an`/`one`/`half a(n)`,
/// then a unit, then an optional `and a half`. Returns (seconds, end).
fn duration_part(s: &str, i: usize) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let word_end = |k: usize| {
        k + b[k..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count()
    };
    let skip = |mut k: usize| {
        while matches!(b.get(k), Some(b' ') | Some(b'-')) {
            k += 1;
        }
        k
    };
    let (value, k) = if b.get(i).is_some_and(u8::is_ascii_digit) {
        let nd = digits_at(b, i);
        // Four digits are a year or a military time (`2305HRS`), not a duration.
        if nd > 3 {
            return None;
        }
        let mut value = num(b, i, nd) as f64;
        let mut k = i + nd;
        if b.get(k) == Some(&b'.') && digits_at(b, k + 1) > 0 {
            let nf = digits_at(b, k + 1).min(6);
            value += num(b, k + 1, nf) as f64 / 10f64.powi(nf as i32);
            k += 1 + digits_at(b, k + 1);
        }
        (value, k)
    } else {
        let w = word_end(i);
        match &s[i..w] {
            "a" | "an" | "one" => (1.0, w),
            "half" => {
                // "half an hour", "half a day".
                let k = skip(w);
                let w2 = word_end(k);
                if !matches!(&s[k..w2], "a" | "an") {
                    return None;
                }
                (0.5, w2)
            }
            _ => return None,
        }
    };
    let k = skip(k);
    let w = word_end(k);
    let unit = unit_seconds(&s[k..w])?;
    let mut seconds = value * unit;
    let mut end = w;
    // "an hour and a half".
    let rest = &s[end..];
    for tail in [" and a half", " and half"] {
        if rest.starts_with(tail)
            && !rest
                .as_bytes()
                .get(tail.len())
                .is_some_and(u8::is_ascii_alphabetic)
        {
            seconds += unit / 2.0;
            end += tail.len();
            break;
        }
    }
    Some((seconds, end))
}

/// Whether `before` ends with a word that introduces a duration: "lasted", "for", "took", ….
fn after_duration_cue(before: &str) -> bool {
    let last = before
        .trim_end()
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        last,
        "lasted"
            | "lasting"
            | "for"
            | "took"
            | "duration"
            | "about"
            | "approximately"
            | "around"
            | "roughly"
            | "nearly"
            | "almost"
            | "over"
            | "within"
    )
}

/// A duration stated in words: "2 hours and 30 minutes", "37 minutes", "1 hour", "2.5 hours",
/// "55-minute", "2 days 3 hrs", "1 h 30 m", "an hour and a half", "half an hour". Returns the
/// duration and its byte range.
pub fn find_duration(s: &str) -> Option<(Duration, usize, usize)> {
    let lower = s.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let boundary =
            i == 0 || !(b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b':' | b'.'));
        if !boundary || !(b[i].is_ascii_digit() || matches!(b[i], b'a' | b'o' | b'h')) {
            i += 1;
            continue;
        }
        // Spelled-out amounts ("an hour") are common in prose: only after a word that
        // introduces a duration ("lasted an hour and a half", "for half an hour").
        if !b[i].is_ascii_digit() && !after_duration_cue(&lower[..i]) {
            i += 1;
            continue;
        }
        let Some((first, mut end)) = duration_part(&lower, i) else {
            i += 1;
            continue;
        };
        let mut total = first;
        // Later parts joined by spaces, commas or "and": "2 days, 3 hours and 5 minutes".
        loop {
            let mut k = end;
            while matches!(b.get(k), Some(b' ') | Some(b',')) {
                k += 1;
            }
            if lower[k..].starts_with("and ") {
                k += 4;
            }
            match duration_part(&lower, k).filter(|_| b.get(k).is_some_and(u8::is_ascii_digit)) {
                Some((more, e)) => {
                    total += more;
                    end = e;
                }
                None => break,
            }
        }
        if total > 0.0 {
            return Some((Duration::seconds(total.round() as i64), i, end));
        }
        i = end.max(i + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(s: &str) -> Option<(u32, u32, u32)> {
        find_times(s).first().map(|t| (t.hour, t.minute, t.second))
    }

    #[test]
    fn every_written_time_form_reads_as_its_wall_clock() {
        for (s, want) in [
            ("10:00 AM: text", (10, 0, 0)),
            ("14:32 UTC - text", (14, 32, 0)),
            ("3:00 PM CAT- text", (15, 0, 0)),
            ("- 12:00 PM - text", (12, 0, 0)),
            ("09:45am: text", (9, 45, 0)),
            ("12:15 AM", (0, 15, 0)),
            ("2306HRS EAT", (23, 6, 0)),
            ("0330hrs (EAT)", (3, 30, 0)),
            ("At 11:42 am:", (11, 42, 0)),
            ("[10:00 AM] -", (10, 0, 0)),
            ("13:20PM :-", (13, 20, 0)),
            ("13:00 PM", (13, 0, 0)),
            ("23:59 PM", (23, 59, 0)),
            ("15.25 PST", (15, 25, 0)),
            ("from 4pm to 6", (16, 0, 0)),
            ("7:30AM to 8:05PM WAT", (7, 30, 0)),
            ("12:00:01 start", (12, 0, 1)),
            ("5:50p.m. text", (17, 50, 0)),
            ("10 AM", (10, 0, 0)),
            ("14:05: text", (14, 5, 0)),
            ("10h30 : text", (10, 30, 0)),
            ("10:00hrs: text", (10, 0, 0)),
            ("2024-03-10T10:00:05Z", (10, 0, 5)),
        ] {
            assert_eq!(hm(s), Some(want), "{s}");
        }
    }

    #[test]
    fn stray_meridiem_and_impossible_times_are_flagged() {
        let t = find_times("13:00 PM")[0];
        assert!(t.stray_meridiem && !t.impossible);
        assert!(find_times("25:10 text")[0].impossible);
        assert!(find_times("10:75")[0].impossible);
        assert!(!find_times("10:15 PM")[0].stray_meridiem);
    }

    #[test]
    fn numbers_that_are_not_times_are_left_alone() {
        for s in [
            "version 1.2",
            "127.0.0.1:8080",
            "HTTP 500 error",
            "nginx 1.25.3",
            "ratio 3:1",
            "in 2024",
            "pid 31101",
        ] {
            assert!(
                find_times(s).iter().all(|t| t.dotted) || find_times(s).is_empty(),
                "{s}"
            );
        }
        assert!(find_times("nginx 1.25.3").is_empty());
        assert!(find_times("127.0.0.1:8080").is_empty());
    }

    #[test]
    fn ranges_give_two_times() {
        let t = find_times("1:30pm-2:30pm - text");
        assert_eq!((t[0].hour, t[1].hour), (13, 14));
        let t = find_times("10:10 AM PST - 10:45 AM PST: text");
        assert_eq!((t[0].minute, t[1].minute), (10, 45));
    }

    fn d(s: &str) -> DateValue {
        find_dates(s).first().expect(s).value
    }
    fn ymd(y: i32, m: u32, dd: u32) -> DateValue {
        DateValue::Full(NaiveDate::from_ymd_opt(y, m, dd).unwrap())
    }

    #[test]
    fn every_written_date_form_reads_as_its_day() {
        for (s, want) in [
            ("November 10, 2023, 08:45 AM (UTC):", ymd(2023, 11, 10)),
            ("2022-04-25 00:00 (GMT-04:00)", ymd(2022, 4, 25)),
            ("13:15 PST 29 april 2022", ymd(2022, 4, 29)),
            ("June 7th, 2024, 13:15", ymd(2024, 6, 7)),
            ("**Nov 22rd 2019**", ymd(2019, 11, 22)),
            ("Detected at Nov 1, 2022 6:00 AM", ymd(2022, 11, 1)),
            ("On 31st January 2023 (10am", ymd(2023, 1, 31)),
            ("13th April, 2024; 09:45am", ymd(2024, 4, 13)),
            ("1:30 PM UTC 18-08-24", ymd(2024, 8, 18)),
            ("Tue, 1 Nov 2022 07:32:16 GMT", ymd(2022, 11, 1)),
            ("25/12/2024 8:00 PM", ymd(2024, 12, 25)),
            ("Feb 18, 2025", ymd(2025, 2, 18)),
            ("Sept. 3, 2021", ymd(2021, 9, 3)),
        ] {
            assert_eq!(d(s), want, "{s}");
        }
        assert_eq!(
            d("| **March 15, 14:30** |"),
            DateValue::NoYear { month: 3, day: 15 }
        );
        assert!(matches!(
            d("12/02/2025 8:00 PM:"),
            DateValue::Ambiguous {
                first: 12,
                second: 2,
                ..
            }
        ));
        assert_eq!(d("31/02/2024"), DateValue::Impossible);
        assert_eq!(d("February 30, 2023"), DateValue::Impossible);
    }

    #[test]
    fn iso_dates_outside_the_incident_years_are_not_dates() {
        assert!(find_dates("9999-12-31").is_empty());
        assert!(find_dates("1900-01-01").is_empty());
        assert_eq!(find_dates("2024-03-10").len(), 1);
    }

    #[test]
    fn times_are_not_dates() {
        assert!(find_dates("14:30 UTC").is_empty());
        assert!(find_dates("at 10:00 AM").is_empty());
        assert!(find_dates("2306HRS").is_empty());
        assert!(find_dates("may cause").is_empty());
    }

    #[test]
    fn durations_in_words() {
        let mins = |s: &str| find_duration(s).map(|(d, _, _)| d.num_minutes());
        assert_eq!(mins("lasted 2 hours and 30 minutes"), Some(150));
        assert_eq!(mins("which lasted for 37 minutes"), Some(37));
        assert_eq!(mins("(1 hour)"), Some(60));
        assert_eq!(mins("(3 hours, 30 minutes)"), Some(210));
        assert_eq!(mins("down for 2.5 hours"), Some(150));
        assert_eq!(mins("took a 55-minute nap"), Some(55));
        assert_eq!(mins("(19 hours, 15 minutes)"), Some(1155));
        assert_eq!(mins("affected 30% of users"), None);
        assert_eq!(mins("lasted 2 days 3 hrs"), Some(3060));
        assert_eq!(mins("down 1 h 30 m"), Some(90));
        assert_eq!(mins("for an hour and a half"), Some(90));
        assert_eq!(mins("about half an hour"), Some(30));
        assert_eq!(mins("the outage lasted 90 minutes"), Some(90));
        assert_eq!(mins("lasted a day and a half"), Some(2160));
        assert_eq!(mins("at 2305HRS"), None);
        assert_eq!(mins("a cat"), None);
        assert_eq!(mins("in a minute we knew"), None);
        assert_eq!(mins("on 3 servers"), None);
    }
}
