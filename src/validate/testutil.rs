//! Test models for the checks, built by hand: event `i` sits on line `i + 1`.

use crate::diagnostics::Diagnostic;
use crate::model::{Event, EventKind, Incident, Span, Stamp, When};

/// A dated time (`2024-06-05T10:00:00Z`) or a time of day (`23:40:00Z`, `00:10:00Z +1 day`).
pub fn t(s: &str) -> When {
    s.parse()
        .unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
}

pub fn line(n: usize) -> Span {
    Span {
        line: n,
        column: 1,
        end_line: n,
        end_column: 10,
        start: n * 100,
        end: n * 100 + 9,
    }
}

/// Events `(time, kind, text)` on lines 1, 2, 3, …; kinds written explicitly.
pub fn incident(events: &[(&str, &str, &str)]) -> Incident {
    Incident {
        events: events
            .iter()
            .enumerate()
            .map(|(i, (time, kind, text))| {
                let mut e = Event::new(t(time), EventKind::parse(kind).expect("kind"), *text);
                e.kind_explicit = true;
                e.span = Some(line(i + 1));
                e
            })
            .collect(),
        ..Incident::default()
    }
}

pub fn stamp(time: &str, zone: Option<&str>, at_line: usize) -> Stamp {
    Stamp {
        time: t(time),
        zone: zone.map(str::to_string),
        span: Some(line(at_line)),
    }
}

pub fn codes(d: &[Diagnostic]) -> Vec<&'static str> {
    d.iter().map(|d| d.code.id()).collect()
}

/// The one diagnostic with `code`; fails the test if there are none or several.
pub fn only<'a>(d: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = d.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "expected one {code} in {d:#?}");
    found[0]
}
