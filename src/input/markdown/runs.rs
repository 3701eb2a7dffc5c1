//! A timeline found by its shape: consecutive lines that start with a time of day, wherever they
//! stand ("The following events took place October 4, 2021:", "The Investigation:", or no title
//! at all). Used when no section titled like a timeline has entries.

use super::entries::starts_with_time;
use super::lines::Line;
use super::structure::{self, Heading, Structure};
use super::{FoundBy, Timeline};
use std::collections::HashMap;

/// Fewer entries than this, with no timeline title, is a time mentioned in prose, not a timeline.
const MIN_RUN_ENTRIES: usize = 2;

/// Non-entry lines (not indented under an entry) allowed between two entries of one run.
const MAX_GAP_LINES: usize = 3;

/// A run of entry lines: its first and last entry lines and how many entries it has.
#[derive(Debug, Clone, Copy)]
struct Run {
    first: usize,
    last: usize,
    entries: usize,
    indent: usize,
}

/// The longest run of lines starting with a time outside the Issue Summary, as a timeline.
pub(super) fn find(lines: &[Line], st: &Structure) -> Option<Timeline> {
    let summary = summary_section(lines, st);
    let heading_at: HashMap<usize, &Heading> = st.headings.iter().map(|h| (h.line, h)).collect();
    let mut best: Option<Run> = None;
    let mut cur: Option<Run> = None;
    let mut gap = 0usize;
    let close = |cur: &mut Option<Run>, best: &mut Option<Run>| {
        if let Some(r) = cur.take() {
            if best.is_none_or(|b| r.entries > b.entries) {
                *best = Some(r);
            }
        }
    };
    for (i, l) in lines.iter().enumerate() {
        if st.fenced[i] || l.blank {
            continue;
        }
        let entry = starts_with_time(l) && !summary.contains(&i);
        if entry {
            match cur.as_mut() {
                Some(r) => {
                    r.last = i;
                    r.entries += 1;
                }
                None => {
                    cur = Some(Run {
                        first: i,
                        last: i,
                        entries: 1,
                        indent: l.indent,
                    })
                }
            }
            gap = 0;
            continue;
        }
        let Some(r) = cur.as_ref() else { continue };
        // A label line ("The Investigation:") introduces what follows: a new run.
        if is_label(l) {
            close(&mut cur, &mut best);
            continue;
        }
        // A title ends a run, except a Markdown heading right after an entry that is not a
        // section pmchart knows: a timeline divided into phases ("### The Awakening"). Prose
        // that is not indented under the entries ends it too.
        if let Some(h) = heading_at.get(&i) {
            let lower = h.title.to_lowercase();
            let known = structure::TIMELINE_ENDERS
                .iter()
                .chain(structure::TIMELINE_PARTS)
                .any(|w| lower.starts_with(w));
            if h.level == 7 || known || gap > 0 {
                close(&mut cur, &mut best);
            } else {
                gap += 1;
            }
            continue;
        }
        if l.indent <= r.indent {
            gap += 1;
            if gap > MAX_GAP_LINES {
                close(&mut cur, &mut best);
            }
        }
    }
    close(&mut cur, &mut best);
    let run = best.filter(|r| r.entries >= MIN_RUN_ENTRIES)?;
    // The line that introduces the run ("The Investigation:"), when there is one right above.
    let lead_in = (0..run.first)
        .rev()
        .find(|&k| !lines[k].blank)
        .filter(|&k| {
            run.first - k <= 2
                && (heading_at.contains_key(&k) || lines[k].raw.trim_end().ends_with(':'))
        });
    let zone = lead_in.and_then(|k| super::super::zones::find_zone(&lines[k].masked));
    Some(Timeline {
        heading_line: lead_in.unwrap_or(run.first),
        first_line: run.first,
        end_line: run_end(lines, st, &heading_at, run),
        zone_line: zone.as_ref().and(lead_in),
        zone,
        found_by: FoundBy::Run,
    })
}

/// The line after the run's last entry and the lines that belong to it: those right below it,
/// and those indented under it after a blank line.
fn run_end(
    lines: &[Line],
    st: &Structure,
    heading_at: &HashMap<usize, &Heading>,
    run: Run,
) -> usize {
    let mut k = run.last + 1;
    while k < lines.len() && !heading_at.contains_key(&k) {
        let l = &lines[k];
        if l.blank {
            let next = (k + 1..lines.len()).find(|&j| !lines[j].blank);
            match next {
                Some(j) if lines[j].indent > run.indent && !heading_at.contains_key(&j) => k = j,
                _ => break,
            }
        } else if st.fenced[k] || l.indent > run.indent || !lines[k - 1].blank {
            k += 1;
        } else {
            break;
        }
    }
    k
}

/// A short line ending with a colon that is not a list item: it labels what follows.
fn is_label(l: &Line) -> bool {
    let clean = super::lines::clean(l.raw);
    !l.list_item
        && !l.table_row
        && l.raw.trim_end().trim_end_matches(['*', '_']).ends_with(':')
        && (1..=5).contains(&clean.split_whitespace().count())
}

/// The lines of a section titled "… summary …", whose times are the outage window.
fn summary_section(lines: &[Line], st: &Structure) -> std::ops::Range<usize> {
    st.headings
        .iter()
        .enumerate()
        .find(|(_, h)| !h.generic && h.title.to_lowercase().contains("summary"))
        .map(|(k, h)| h.line..super::structure::section_end(&st.headings, k, lines.len()))
        .unwrap_or(0..0)
}
