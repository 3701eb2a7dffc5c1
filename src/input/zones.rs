//! Time zones as people write them next to a time: abbreviations (`WAT`, `PST`), offsets (`UTC+2`,
//! `GMT + 1`, `UTC-07:00`), IANA names (`Africa/Lagos`) and spelled-out names ("West Africa Time").
//! Ambiguous abbreviations (IST, CST, BST) keep every reading; the reader settles them.

use chrono::{FixedOffset, NaiveDateTime, Offset, TimeZone};

/// What a written zone means.
#[derive(Debug, Clone, PartialEq)]
pub enum ZoneMeaning {
    /// A fixed offset in seconds east of UTC.
    Fixed(i32),
    /// A zone with rules (`Pacific Time`, `Africa/Lagos`): the offset depends on the date.
    Iana(chrono_tz::Tz),
    /// Several zones use this abbreviation: (offset seconds, what it stands for), the most
    /// common reading first.
    Ambiguous(Vec<(i32, &'static str)>),
}

/// A zone found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneMatch {
    /// Byte offset where the zone starts in the text searched.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// As written, spelling normalised: `UTC`, `GMT+1`, `UTC-07:00`, `West Africa Time`.
    pub written: String,
    /// What it means.
    pub meaning: ZoneMeaning,
    /// The abbreviation to name the zone by on a chart, when it is one (`WAT`).
    pub abbreviation: Option<String>,
}

impl ZoneMatch {
    /// The offset in force at `naive` local time (the first reading of an ambiguous one).
    pub fn offset_at(&self, naive: &NaiveDateTime) -> FixedOffset {
        match &self.meaning {
            ZoneMeaning::Fixed(s) => FixedOffset::east_opt(*s).unwrap_or(utc()),
            ZoneMeaning::Iana(tz) => match tz.offset_from_local_datetime(naive) {
                chrono::LocalResult::Single(o) | chrono::LocalResult::Ambiguous(o, _) => o.fix(),
                chrono::LocalResult::None => tz.offset_from_utc_datetime(naive).fix(),
            },
            ZoneMeaning::Ambiguous(v) => {
                FixedOffset::east_opt(v.first().map(|x| x.0).unwrap_or(0)).unwrap_or(utc())
            }
        }
    }
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("zero offset")
}

const H: i32 = 3600;

/// Abbreviations with one meaning: (abbreviation, offset seconds).
const FIXED: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("UT", 0),
    ("Z", 0),
    ("WET", 0),
    ("WEST", H),
    ("CET", H),
    ("CEST", 2 * H),
    ("EET", 2 * H),
    ("EEST", 3 * H),
    ("MSK", 3 * H),
    ("WAT", H),
    ("CAT", 2 * H),
    ("EAT", 3 * H),
    ("SAST", 2 * H),
    ("EST", -5 * H),
    ("EDT", -4 * H),
    ("CDT", -5 * H),
    ("MST", -7 * H),
    ("MDT", -6 * H),
    ("PST", -8 * H),
    ("PDT", -7 * H),
    ("AKST", -9 * H),
    ("AKDT", -8 * H),
    ("HST", -10 * H),
    ("AST", -4 * H),
    ("ADT", -3 * H),
    ("NST", -(3 * H + 1800)),
    ("BRT", -3 * H),
    ("ART", -3 * H),
    ("PKT", 5 * H),
    ("NPT", 5 * H + 2700),
    ("ICT", 7 * H),
    ("WIB", 7 * H),
    ("SGT", 8 * H),
    ("HKT", 8 * H),
    ("PHT", 8 * H),
    ("AWST", 8 * H),
    ("JST", 9 * H),
    ("KST", 9 * H),
    ("ACST", 9 * H + 1800),
    ("AEST", 10 * H),
    ("AEDT", 11 * H),
    ("NZST", 12 * H),
    ("NZDT", 13 * H),
    ("GST", 4 * H),
    ("TRT", 3 * H),
];

/// Abbreviations with several meanings, most common first.
const AMBIGUOUS: &[(&str, &[(i32, &str)])] = &[
    (
        "IST",
        &[
            (5 * H + 1800, "India Standard Time"),
            (H, "Irish Standard Time"),
            (2 * H, "Israel Standard Time"),
        ],
    ),
    (
        "CST",
        &[
            (-6 * H, "Central Standard Time (North America)"),
            (8 * H, "China Standard Time"),
            (-5 * H, "Cuba Standard Time"),
        ],
    ),
    (
        "BST",
        &[
            (H, "British Summer Time"),
            (6 * H, "Bangladesh Standard Time"),
        ],
    ),
];

/// Generic zones with DST rules: written as abbreviations.
const GENERIC: &[(&str, chrono_tz::Tz)] = &[
    ("PT", chrono_tz::America::Los_Angeles),
    ("MT", chrono_tz::America::Denver),
    ("CT", chrono_tz::America::Chicago),
    ("ET", chrono_tz::America::New_York),
];

/// Spelled-out names (lower case, single spaces): meaning and the abbreviation to show.
fn spelled(name: &str) -> Option<(ZoneMeaning, Option<&'static str>)> {
    use ZoneMeaning::*;
    Some(match name {
        "coordinated universal time" | "universal time" => (Fixed(0), Some("UTC")),
        "greenwich mean time" => (Fixed(0), Some("GMT")),
        "west africa time"
        | "west african time"
        | "west africa standard time"
        | "west african standard time" => (Fixed(H), Some("WAT")),
        "central africa time" | "central african time" => (Fixed(2 * H), Some("CAT")),
        "east africa time"
        | "east african time"
        | "eastern africa time"
        | "east africa standard time"
        | "east african standard time" => (Fixed(3 * H), Some("EAT")),
        "south africa standard time"
        | "south african standard time"
        | "south africa time"
        | "south african time" => (Fixed(2 * H), Some("SAST")),
        "central european time" => (Fixed(H), Some("CET")),
        "central european summer time" => (Fixed(2 * H), Some("CEST")),
        "eastern european time" => (Fixed(2 * H), Some("EET")),
        "western european time" => (Fixed(0), Some("WET")),
        "british summer time" => (Fixed(H), Some("BST")),
        "india standard time" | "indian standard time" => (Fixed(5 * H + 1800), Some("IST")),
        "pacific time" => (Iana(chrono_tz::America::Los_Angeles), Some("PT")),
        "pacific standard time" => (Fixed(-8 * H), Some("PST")),
        "pacific daylight time" => (Fixed(-7 * H), Some("PDT")),
        "mountain time" => (Iana(chrono_tz::America::Denver), Some("MT")),
        "mountain standard time" => (Fixed(-7 * H), Some("MST")),
        "central time" => (Iana(chrono_tz::America::Chicago), Some("CT")),
        "central standard time" => (Fixed(-6 * H), Some("CST")),
        "central daylight time" => (Fixed(-5 * H), Some("CDT")),
        "eastern time" => (Iana(chrono_tz::America::New_York), Some("ET")),
        "eastern standard time" => (Fixed(-5 * H), Some("EST")),
        "eastern daylight time" => (Fixed(-4 * H), Some("EDT")),
        "japan standard time" => (Fixed(9 * H), Some("JST")),
        "china standard time" => (Fixed(8 * H), Some("CST")),
        _ => return None,
    })
}

/// Every abbreviation and spelled-out name known, for misspelling suggestions.
fn known_words() -> impl Iterator<Item = &'static str> {
    FIXED
        .iter()
        .map(|x| x.0)
        .chain(AMBIGUOUS.iter().map(|x| x.0))
        .chain(GENERIC.iter().map(|x| x.0))
}

/// Looks up an abbreviation (exact upper case, or `utc`/`gmt` in any case).
pub fn abbreviation(word: &str) -> Option<ZoneMeaning> {
    let upper = word.to_ascii_uppercase();
    let exact = word == upper;
    // In lower case only abbreviations that are not also English words ("eat", "cat", "est").
    const LOWER_OK: &[&str] = &[
        "UTC", "GMT", "PST", "PDT", "EDT", "CDT", "MDT", "MST", "WAT", "SAST", "CET", "CEST",
        "EET", "EEST", "JST", "AEST", "AEDT", "NZST", "NZDT",
    ];
    let any_case = upper == "UTC" || upper == "GMT";
    let lower_ok = LOWER_OK.contains(&upper.as_str()) && word == word.to_ascii_lowercase();
    if !(exact || any_case || lower_ok) {
        return None;
    }
    if let Some((_, o)) = FIXED.iter().find(|(a, _)| *a == upper) {
        if upper == "Z" || upper == "UT" {
            return None; // Too short to trust as a word after a time.
        }
        return Some(ZoneMeaning::Fixed(*o));
    }
    if let Some((_, v)) = AMBIGUOUS.iter().find(|(a, _)| *a == upper) {
        return Some(ZoneMeaning::Ambiguous(v.to_vec()));
    }
    if let Some((_, tz)) = GENERIC.iter().find(|(a, _)| *a == upper) {
        return Some(ZoneMeaning::Iana(*tz));
    }
    None
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// `+1`, `-07:00`, `+0530`, `+ 2` at `i` (spaces allowed after the sign): (seconds, text, end),
/// read by [`crate::model::offset_prefix`].
fn offset_at(b: &[u8], i: usize) -> Option<(i32, String, usize)> {
    // A window, not the rest of the line: an offset is short, and the line may be long.
    let window = b.get(i..(i + 32).min(b.len()))?;
    let rest = match std::str::from_utf8(window) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&window[..e.valid_up_to()]).ok()?,
    };
    let (secs, len) = crate::model::offset_prefix(rest)?;
    if b.get(i + len).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let text = rest[..len].chars().filter(|c| *c != ' ').collect();
    Some((secs, text, i + len))
}

/// The zone written exactly at byte `i` of `s` (markup already blanked), if one is.
pub fn zone_at(s: &str, i: usize) -> Option<ZoneMatch> {
    let b = s.as_bytes();
    if i >= b.len() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let wl = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if wl == 0 {
        // A bare offset: `+01:00`.
        // Only written apart from the time and with its digits attached: `10:00 +01:00`, not
        // the dash of a range `9:00 AM - 11:00 AM`.
        let attached = b.get(i + 1).is_some_and(u8::is_ascii_digit);
        let spaced = i > 0 && b[i - 1] == b' ';
        if (b[i] == b'+' || b[i] == b'-') && attached && spaced {
            let (secs, text, end) = offset_at(b, i)?;
            let mut k = end;
            while b.get(k) == Some(&b' ') {
                k += 1;
            }
            let rest = s[k..].to_ascii_lowercase();
            let meridiem = ["am", "pm", "a.m", "p.m"].iter().any(|m| {
                rest.starts_with(m)
                    && !rest
                        .as_bytes()
                        .get(m.len())
                        .is_some_and(u8::is_ascii_alphabetic)
            });
            if meridiem {
                return None; // `-11:00 AM`: a time.
            }
            if !text.contains(':') && text.len() != 5 {
                return None; // `- 1` is a dash and a number, not an offset.
            }
            return Some(ZoneMatch {
                start: i,
                end,
                written: text,
                meaning: ZoneMeaning::Fixed(secs),
                abbreviation: None,
            });
        }
        return None;
    }
    let word = &s[i..i + wl];
    let upper = word.to_ascii_uppercase();
    // IANA: Area/Location[/Sub].
    if b.get(i + wl) == Some(&b'/') && word.chars().next().is_some_and(|c| c.is_uppercase()) {
        let len = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'_' | b'-' | b'+'))
            .count();
        let cand = s[i..i + len].trim_end_matches(['-', '+', '/']);
        if let Ok(tz) = cand.parse::<chrono_tz::Tz>() {
            return Some(ZoneMatch {
                start: i,
                end: i + cand.len(),
                written: tz.name().to_string(),
                meaning: ZoneMeaning::Iana(tz),
                abbreviation: None,
            });
        }
    }
    // UTC / GMT with an offset: UTC+2, GMT + 1, UTC-07:00.
    if upper == "UTC" || upper == "GMT" {
        let k = skip_spaces(b, i + wl);
        if let Some((secs, text, end)) = offset_at(b, k) {
            // "GMT - text" is a dash, not an offset: an offset's digits follow the sign closely.
            let spaced_after = skip_spaces(b, k + 1) > k + 1;
            let spaced_before = k > i + wl;
            let dash_punctuation = b[k] == b'-' && spaced_after && spaced_before;
            if !dash_punctuation && skip_spaces(b, k + 1) <= k + 2 && k <= i + wl + 1 {
                return Some(ZoneMatch {
                    start: i,
                    end,
                    written: format!("{upper}{text}"),
                    meaning: ZoneMeaning::Fixed(secs),
                    abbreviation: None,
                });
            }
        }
    }
    // Spelled-out names, up to five words.
    if word.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        let mut words = Vec::new();
        let mut k = i;
        let mut best: Option<ZoneMatch> = None;
        for _ in 0..5 {
            let n = b[k..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            if n == 0 {
                break;
            }
            words.push(&s[k..k + n]);
            let end = k + n;
            let name = words.join(" ").to_ascii_lowercase();
            if let Some((meaning, abbr)) = spelled(&name) {
                best = Some(ZoneMatch {
                    start: i,
                    end,
                    written: words.join(" "),
                    meaning,
                    abbreviation: abbr.map(str::to_string),
                });
            }
            k = end;
            if b.get(k) != Some(&b' ') {
                break;
            }
            k += 1;
        }
        if best.is_some() {
            return best;
        }
        // "All times Eastern", "times are Pacific": the region alone, after the times it is
        // for, is that region's time.
        let region = &s[i..i + b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count()];
        // Only the few words before it are read: this runs at every word of a line.
        let after_times = || {
            let mut from = i.saturating_sub(24);
            while !s.is_char_boundary(from) {
                from += 1;
            }
            let before = s[from..i].trim_end().to_ascii_lowercase();
            [
                "times",
                "times are",
                "times in",
                "times are in",
                "time is",
                "time",
            ]
            .iter()
            .any(|t| {
                // A whole word: not "downtime Central".
                before
                    .strip_suffix(t)
                    .is_some_and(|head| !head.ends_with(|c: char| c.is_alphanumeric()))
            })
        };
        if matches!(region, "Eastern" | "Pacific" | "Central" | "Mountain") && after_times() {
            let name = format!("{} time", region.to_ascii_lowercase());
            if let Some((meaning, abbr)) = spelled(&name) {
                return Some(ZoneMatch {
                    start: i,
                    end: i + region.len(),
                    written: format!("{region} Time"),
                    meaning,
                    abbreviation: abbr.map(str::to_string),
                });
            }
        }
    }
    // A city's time: "Lagos time", "New York time" (the city of an IANA zone).
    if let Some(m) = city_time_at(s, i) {
        return Some(m);
    }
    if b.get(i + wl).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let meaning = abbreviation(word)?;
    Some(ZoneMatch {
        start: i,
        end: i + wl,
        written: upper.clone(),
        meaning,
        abbreviation: Some(upper),
    })
}

/// `<City> time` where the city names an IANA zone: (zone, end).
fn city_time_at(s: &str, i: usize) -> Option<ZoneMatch> {
    let b = s.as_bytes();
    if !b[i].is_ascii_uppercase() {
        return None;
    }
    // Up to three capitalised words, then "time".
    let mut k = i;
    let mut words: Vec<&str> = Vec::new();
    for _ in 0..3 {
        let n = b[k..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if n == 0 || !b[k].is_ascii_uppercase() {
            break;
        }
        words.push(&s[k..k + n]);
        k += n;
        let next = s[k..].trim_start_matches(' ');
        let skipped = s.len() - k - next.len();
        let lower: String = next
            .chars()
            .take(5)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("time") && !next.as_bytes().get(4).is_some_and(u8::is_ascii_alphabetic)
        {
            let city = words.join("_");
            let tz = chrono_tz::TZ_VARIANTS.iter().find(|tz| {
                tz.name()
                    .rsplit('/')
                    .next()
                    .is_some_and(|c| c.eq_ignore_ascii_case(&city))
                    && tz.name().contains('/')
            })?;
            let end = k + skipped + 4;
            return Some(ZoneMatch {
                start: i,
                end,
                written: s[i..end].to_string(),
                meaning: ZoneMeaning::Iana(*tz),
                abbreviation: None,
            });
        }
        if skipped != 1 {
            break;
        }
        k += 1;
    }
    None
}

/// The first zone anywhere in `s`.
pub fn find_zone(s: &str) -> Option<ZoneMatch> {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| {
            (b[i].is_ascii_alphabetic() || b[i] == b'+')
                && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
        })
        .find_map(|i| zone_at(s, i).filter(|z| !matches!(z.written.as_str(), "ET" | "MT" | "CT")))
}

/// A zone given on the command line (`--tz`), read as the Markdown reader reads a written zone:
/// an IANA name in any case (`africa/lagos`), `UTC`, an offset (`+01:00`, `UTC+1`), an
/// abbreviation (`WAT`, `pst`) or a spelled-out name ("West Africa Time"). An ambiguous
/// abbreviation (IST, CST, BST) is refused with its readings, since nothing settles it.
pub fn zone_named(s: &str) -> Result<crate::model::Zone, String> {
    use crate::model::Zone;
    let s = s.trim();
    if let Some(z) = Zone::parse(s) {
        return Ok(z);
    }
    if let Some(tz) = chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(s))
    {
        return Ok(Zone::Iana(*tz));
    }
    // On the command line a lower-case word is a zone, not an English word ("eat", "ist").
    let upper = s.to_ascii_uppercase();
    let whole = [s, upper.as_str()]
        .into_iter()
        .find_map(|w| zone_at(w, 0).filter(|z| z.start == 0 && z.end == w.len()));
    match whole.map(|z| (z.meaning, z.abbreviation)) {
        Some((ZoneMeaning::Fixed(secs), name)) => Ok(Zone::Fixed {
            offset: FixedOffset::east_opt(secs).unwrap_or(utc()),
            name,
        }),
        Some((ZoneMeaning::Iana(tz), _)) => Ok(Zone::Iana(tz)),
        Some((ZoneMeaning::Ambiguous(readings), _)) => Err(format!(
            "`{s}` can mean {}: give the offset (e.g. `{}`) or an IANA name",
            readings
                .iter()
                .map(|(o, n)| format!("{n} (UTC{})", crate::model::format_offset(*o, true)))
                .collect::<Vec<_>>()
                .join(", "),
            crate::model::format_offset(readings[0].0, true)
        )),
        None => Err(match suggest(s) {
            Some(likely) => format!("unknown time zone `{s}`: did you mean `{likely}`?"),
            None => format!(
                "unknown time zone `{s}`: use an IANA name (Europe/London), UTC, an offset \
                 (+01:00) or an abbreviation (WAT, PST)"
            ),
        }),
    }
}

/// Levenshtein distance, for suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// For an unknown upper-case word written where a zone goes (`UCT`, `WTA`), the known
/// abbreviation it most likely misspells.
pub fn suggest(word: &str) -> Option<&'static str> {
    let upper = word.to_ascii_uppercase();
    if upper.len() < 3 || abbreviation(&upper).is_some() {
        return None;
    }
    let mut sorted: Vec<char> = upper.chars().collect();
    sorted.sort_unstable();
    known_words()
        .filter(|k| k.len() >= 3)
        .map(|k| {
            let mut ks: Vec<char> = k.chars().collect();
            ks.sort_unstable();
            // A transposition (`UCT` for `UTC`) counts as one edit.
            let anagram = ks == sorted;
            let d = if anagram { 1 } else { edit_distance(&upper, k) };
            (d, !anagram, k)
        })
        .filter(|(d, _, _)| *d <= 1)
        .min()
        .map(|(_, _, k)| k)
}

/// In a line that states the zone ("Timeline (all times Greenwitch)", "All times in XYZT"), the
/// word where the zone should be when it is not one pmchart knows: (start, end, word, the zone it
/// likely means). A misspelt IANA name (`Europe/Lodnon`) is matched against the IANA table, a
/// misspelt place or abbreviation against the known ones.
pub fn unknown_zone_word(line: &str) -> Option<(usize, usize, String, Option<String>)> {
    let lower = line.to_ascii_lowercase();
    let at = [
        "all times in ",
        "all times are in ",
        "all times are ",
        "all times ",
        "times in ",
        "time zone: ",
        "timezone: ",
        "(times in ",
    ]
    .iter()
    .find_map(|k| lower.find(k).map(|i| i + k.len()))?;
    let b = line.as_bytes();
    let mut start = at;
    while start < b.len() && matches!(b[start], b' ' | b'(') {
        start += 1;
    }
    let end = start
        + b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'_' | b'-' | b'+'))
            .count();
    // Read in place too: "All times Eastern" is a zone only after the times it is for.
    if end <= start + 1
        || find_zone(&line[start..]).is_some_and(|z| z.start == 0)
        || zone_at(line, start).is_some()
    {
        return None;
    }
    let word = line[start..end].to_string();
    let suggestion = if word.contains('/') {
        let w = word.to_ascii_lowercase();
        chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| {
                (
                    edit_distance(&w, &tz.name().to_ascii_lowercase()),
                    tz.name(),
                )
            })
            .filter(|(d, _)| *d <= 2)
            .min()
            .map(|(_, n)| n.to_string())
    } else if let Some(s) = suggest(&word) {
        Some(s.to_string())
    } else {
        // A spelled-out name's first word, misspelt: "Greenwitch" for Greenwich (GMT).
        let w = word.to_ascii_lowercase();
        SPELLED_FIRST_WORDS
            .iter()
            .filter(|(name, _)| edit_distance(&w, name) <= 2 && w.len() >= 5)
            .min_by_key(|(name, _)| edit_distance(&w, name))
            .map(|(name, abbr)| format!("{abbr} ({name})"))
    };
    // A plain word that is no zone at all ("All times in the morning") is not flagged.
    let looks_like_zone = word.contains('/')
        || word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '+' || c == '-')
        || suggestion.is_some();
    looks_like_zone.then_some((start, end, word, suggestion))
}

/// First words of spelled-out zone names and places that name a zone, for suggestions.
const SPELLED_FIRST_WORDS: &[(&str, &str)] = &[
    ("greenwich", "GMT"),
    ("coordinated", "UTC"),
    ("universal", "UTC"),
    ("pacific", "PT"),
    ("eastern", "ET"),
    ("central", "CT"),
    ("mountain", "MT"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_alone_after_the_times_is_its_time() {
        use crate::model::Zone;
        for line in [
            "All times Eastern.",
            "Times are Pacific",
            "all times in Central",
        ] {
            let z = find_zone(line).unwrap_or_else(|| panic!("{line}"));
            assert!(z.written.ends_with(" Time"), "{line}: {}", z.written);
            assert!(matches!(z.meaning, ZoneMeaning::Iana(_)), "{line}");
        }
        assert_eq!(
            zone_named("Eastern Time"),
            Ok(Zone::Iana(chrono_tz::America::New_York))
        );
        assert_eq!(unknown_zone_word("All times Eastern."), None);
        // Not in prose: "the Eastern region", "central database".
        assert!(find_zone("Traffic from the Eastern region grew").is_none());
        assert!(find_zone("the central database time out").is_none());
        assert!(find_zone("After the downtime Central servers were rebooted").is_none());
    }

    #[test]
    fn a_command_line_zone_is_read_as_the_reader_reads_one() {
        use crate::model::Zone;
        assert_eq!(
            zone_named("africa/lagos"),
            Ok(Zone::Iana(chrono_tz::Africa::Lagos))
        );
        assert_eq!(
            zone_named("Europe/London"),
            Ok(Zone::Iana(chrono_tz::Europe::London))
        );
        let wat = zone_named("WAT").unwrap();
        assert_eq!(wat.qualified_name(), "WAT (UTC+01:00)");
        assert_eq!(zone_named("+05:30").unwrap().name(), "UTC+05:30");
        assert_eq!(
            zone_named("eat").unwrap().qualified_name(),
            "EAT (UTC+03:00)"
        );
        let ist = zone_named("ist").unwrap_err();
        assert!(
            ist.contains("can mean") && ist.contains("UTC+05:30"),
            "{ist}"
        );
        assert!(zone_named("Europe/Lodnon")
            .unwrap_err()
            .contains("unknown time zone"));
    }

    #[test]
    fn unknown_zone_words_are_found_with_their_likely_zone() {
        let f = |s: &str| unknown_zone_word(s).map(|(_, _, w, sg)| (w, sg));
        assert_eq!(
            f("Timeline (all times Greenwitch, United Kingdom)"),
            Some(("Greenwitch".into(), Some("GMT (greenwich)".into())))
        );
        assert_eq!(
            f("All times in Europe/Lodnon"),
            Some(("Europe/Lodnon".into(), Some("Europe/London".into())))
        );
        assert_eq!(f("All times in XYZT"), Some(("XYZT".into(), None)));
        assert_eq!(f("All times in UTC"), None);
        assert_eq!(f("All times in Africa/Lagos"), None);
        assert_eq!(f("All times in the morning"), None);
    }

    fn z(s: &str) -> ZoneMatch {
        zone_at(s, 0).unwrap_or_else(|| panic!("no zone in {s}"))
    }
    fn secs(m: &ZoneMatch) -> i32 {
        let naive = "2024-01-15T12:00:00".parse::<NaiveDateTime>().unwrap();
        m.offset_at(&naive).local_minus_utc()
    }

    #[test]
    fn offsets_in_every_written_form() {
        for (s, written, off) in [
            ("UTC+2", "UTC+2", 2 * H),
            ("GMT + 1)", "GMT+1", H),
            ("GMT +1", "GMT+1", H),
            ("UTC-07:00", "UTC-07:00", -7 * H),
            ("GMT-04:00)", "GMT-04:00", -4 * H),
            ("GMT-5", "GMT-5", -5 * H),
            ("UTC+05:30", "UTC+05:30", 5 * H + 1800),
        ] {
            let m = z(s);
            assert_eq!((m.written.as_str(), secs(&m)), (written, off), "{s}");
        }
        assert_eq!(zone_at("x +01:00", 2).unwrap().written, "+01:00");
        assert!(zone_at("x - 11:00 AM", 2).is_none());
        assert!(zone_at("x -11:00 AM", 2).is_none());
        // A dash after UTC is punctuation, not an offset.
        assert_eq!(z("UTC - Monitoring").written, "UTC");
        assert_eq!(z("UTC - 5 servers").written, "UTC");
    }

    #[test]
    fn abbreviations_have_their_offsets() {
        for (s, off) in [
            ("UTC", 0),
            ("utc", 0),
            ("GMT", 0),
            ("WAT", H),
            ("EAT", 3 * H),
            ("CAT", 2 * H),
            ("SAST", 2 * H),
            ("EST", -5 * H),
            ("EDT", -4 * H),
            ("PST", -8 * H),
            ("PDT", -7 * H),
            ("EET", 2 * H),
            ("CET", H),
        ] {
            assert_eq!(secs(&z(s)), off, "{s}");
        }
        // Words that are also abbreviations are only zones in capitals.
        assert!(zone_at("eat lunch", 0).is_none());
        assert!(zone_at("est.", 0).is_none());
        assert_eq!(z("pst:").written, "PST");
        assert_eq!(z("Utc").written, "UTC");
        assert_eq!(secs(&z("wat)")), H);
        assert!(zone_at("Cat", 0).is_none());
    }

    #[test]
    fn ambiguous_abbreviations_keep_every_reading() {
        for s in ["IST", "CST", "BST"] {
            match z(s).meaning {
                ZoneMeaning::Ambiguous(v) => assert!(v.len() >= 2, "{s}"),
                other => panic!("{s}: {other:?}"),
            }
        }
    }

    #[test]
    fn iana_and_spelled_out_names() {
        let m = z("Africa/Lagos time");
        assert_eq!(m.written, "Africa/Lagos");
        assert_eq!(secs(&m), H);
        let m = z("America/New_York)");
        assert_eq!(m.meaning, ZoneMeaning::Iana(chrono_tz::America::New_York));
        let m = z("West African Time)");
        assert_eq!((m.abbreviation.as_deref(), secs(&m)), (Some("WAT"), H));
        assert_eq!(secs(&z("East Africa Time")), 3 * H);
        assert_eq!(
            z("South African Standard Time, UTC+2").written,
            "South African Standard Time"
        );
        // Pacific Time follows DST.
        let pt = z("Pacific Time");
        let summer = "2024-07-15T12:00:00".parse::<NaiveDateTime>().unwrap();
        assert_eq!(pt.offset_at(&summer).local_minus_utc(), -7 * H);
        assert_eq!(secs(&pt), -8 * H);
        assert_eq!(secs(&z("PT")), -8 * H);
    }

    #[test]
    fn city_times_name_their_iana_zone() {
        let m = z("Lagos time)");
        assert_eq!((m.written.as_str(), secs(&m)), ("Lagos time", H));
        assert_eq!(m.meaning, ZoneMeaning::Iana(chrono_tz::Africa::Lagos));
        assert_eq!(
            z("New York Time").meaning,
            ZoneMeaning::Iana(chrono_tz::America::New_York)
        );
        assert!(zone_at("Some time", 0).is_none());
    }

    #[test]
    fn misspellings_get_a_suggestion() {
        assert_eq!(suggest("UCT"), Some("UTC"));
        assert_eq!(suggest("WTA"), Some("WAT"));
        assert_eq!(suggest("ESTT"), Some("EST"));
        assert_eq!(suggest("UTC"), None);
        assert_eq!(suggest("HELLO"), None);
    }

    #[test]
    fn finds_a_zone_in_a_sentence() {
        assert_eq!(
            find_zone("Timeline (all times in UTC)").unwrap().written,
            "UTC"
        );
        assert_eq!(
            find_zone("| Time (GMT + 1) | Actions |").unwrap().written,
            "GMT+1"
        );
        assert!(find_zone("Timeline of events").is_none());
    }
}
