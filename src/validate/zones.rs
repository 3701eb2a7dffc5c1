//! PM202: zones mixed within one timeline (one `4:00 PM EDT` among CAT entries).
//!
//! The other zone problems (none stated, ambiguous or misspelt abbreviations, DST gaps and folds)
//! need the written text and are reported by the readers.

use super::where_is;
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{format_offset, Event, Incident};

pub fn check(incident: &Incident) -> Vec<Diagnostic> {
    let zoned: Vec<&Event> = incident
        .events
        .iter()
        .filter(|e| e.zone.is_some())
        .collect();
    let Some(main_zone) = most_common_zone(&zoned) else {
        return Vec::new();
    };
    let main_first = zoned
        .iter()
        .find(|e| e.zone.as_deref() == Some(main_zone))
        .expect("the most common zone is written on some entry");
    let main_offset = main_first.time.offset();
    zoned
        .iter()
        .filter(|e| e.zone.as_deref() != Some(main_zone))
        // The same offset under another name (UTC and GMT) draws the same chart: not worth a word.
        .filter(|e| e.time.offset() != main_offset)
        .map(|e| {
            let written = e.zone.as_deref().unwrap_or_default();
            let converted = e.time.in_offset(main_offset);
            let mut d = Diagnostic::new(Code::MixedZones,
                format!(
                    "this entry is in {written} (UTC{}) while the timeline is in {main_zone} (UTC{})",
                    format_offset(e.time.offset().local_minus_utc(), true),
                    format_offset(main_offset.local_minus_utc(), true),
                ),
            )
            .at_opt(e.span)
            .with_help(format!(
                "write every entry in one zone: {} {written} is {} {main_zone}",
                e.wall_clock(),
                converted.wall_clock()
            ));
            if let Some(s) = main_first.span {
                d = d.with_related(s, format!("{main_zone} is used from {}", where_is(main_first)));
            }
            d
        })
        .collect()
}

/// The zone written on most entries; on a tie, the one written first.
fn most_common_zone<'a>(events: &[&'a Event]) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for e in events {
        let z = e.zone.as_deref().expect("only zoned events");
        match counts.iter_mut().find(|(name, _)| *name == z) {
            Some((_, n)) => *n += 1,
            None => counts.push((z, 1)),
        }
    }
    // max_by_key returns the last maximum; reverse so that the first written wins a tie.
    counts
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(z, _)| z)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    fn zoned(events: &[(&str, &str)]) -> Incident {
        let raw: Vec<(&str, &str, &str)> =
            events.iter().map(|(t, _)| (*t, "action", "x")).collect();
        let mut inc = incident(&raw);
        for (e, (_, z)) in inc.events.iter_mut().zip(events) {
            e.zone = Some(z.to_string());
        }
        inc
    }

    #[test]
    fn one_edt_entry_among_cat_entries_is_reported_with_the_conversion() {
        let inc = zoned(&[
            ("2024-06-05T21:00:00+02:00", "CAT"),
            ("2024-06-05T16:00:00-04:00", "EDT"),
            ("2024-06-05T22:30:00+02:00", "CAT"),
        ]);
        let d = check(&inc);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "PM202");
        assert_eq!(d[0].line(), Some(2));
        assert_eq!(d[0].related[0].0.line, 1);
        assert!(d[0].message.contains("EDT (UTC-04:00)"), "{}", d[0].message);
        assert!(d[0]
            .help
            .as_deref()
            .unwrap()
            .contains("16:00 EDT is 22:00 CAT"));
    }

    #[test]
    fn one_zone_or_the_same_offset_under_two_names_is_fine() {
        let inc = zoned(&[
            ("2024-06-05T21:00:00+00:00", "UTC"),
            ("2024-06-05T21:10:00+00:00", "GMT"),
            ("2024-06-05T21:20:00+00:00", "UTC"),
        ]);
        assert!(check(&inc).is_empty());
    }
}
