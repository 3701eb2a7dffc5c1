//! The lanes band: the impact bar and one lane per phase present.

use super::text::Weight;
use super::*;
use super::{Builder, TextStyle};

/// A lane's label in the left column.
const LANE_LABEL: TextStyle = TextStyle {
    size: SMALL_SIZE,
    weight: Weight::Semibold,
    ink: Ink::Text,
    role: Role::LaneLabel,
};

impl Builder {
    /// The impact bar and one lane per phase present.
    pub(super) fn lanes(
        &mut self,
        incident: &Incident,
        events: &[&Event],
        axis: &Axis,
        y: f32,
    ) -> f32 {
        let mut y = y;
        let bar_y = |row: f32| row + (LANE_HEIGHT - BAR_HEIGHT) / 2.0;
        let label_y = |row: f32| row + (LANE_HEIGHT - text_height(SMALL_SIZE)) / 2.0;
        if let (Some(s), Some(e)) = (incident.impact_start(), incident.impact_end()) {
            self.text_line("Impact", (MARGIN, label_y(y)), LANE_LABEL);
            let (xs, xe) = (axis.x(s.axis()), axis.x(e.axis()));
            self.rect(RectMark {
                role: Role::ImpactBar,
                x: xs,
                y: bar_y(y),
                width: (xe - xs).max(3.0),
                height: BAR_HEIGHT,
                fill: Ink::Impact,
                opacity: 0.9,
                radius: 3.0,
                hatched: false,
            });
            y += LANE_HEIGHT;
        }
        let impact_end = incident.impact_end().map(|t| t.axis());
        // For each position in time order, the next resolution and the next entry that leaves the
        // Detection phase at or after it: computed once, so a bar's end is found in constant time
        // (scanning forward for every entry was quadratic in long timelines).
        let suffix = |keep: &dyn Fn(&Event) -> bool| {
            let mut next = vec![None; events.len() + 1];
            for i in (0..events.len()).rev() {
                next[i] = if keep(events[i]) {
                    Some(events[i].time.axis())
                } else {
                    next[i + 1]
                };
            }
            next
        };
        let next_resolution = suffix(&|o| o.kind == EventKind::Resolve);
        let next_after_detection =
            suffix(&|o| !matches!(Lane::of(o.kind), Some(Lane::Detection) | None));
        for lane in Lane::ALL {
            let in_lane: Vec<&Event> = events
                .iter()
                .copied()
                .filter(|e| Lane::of(e.kind) == Some(lane))
                .collect();
            // No Detection lane without a detection: an acknowledgement alone is no phase.
            let no_detection =
                lane == Lane::Detection && !in_lane.iter().any(|e| e.kind == EventKind::Detect);
            if in_lane.is_empty() || no_detection {
                continue;
            }
            self.text_line(lane.name(), (MARGIN, label_y(y)), LANE_LABEL);
            let mut after = 0;
            for (i, e) in in_lane.iter().enumerate() {
                let start = e.time.axis();
                if lane == Lane::Resolution && e.end.is_none() {
                    self.marker(
                        e.kind,
                        axis.x(start),
                        y + LANE_HEIGHT / 2.0,
                        MARKER,
                        Role::Marker,
                    );
                    continue;
                }
                let next_in_lane = in_lane.get(i + 1).map(|n| n.time.axis());
                // The first event after this entry's time. Events and the lane are in time
                // order, so this only moves forward: a binary search per entry jumped around a
                // long timeline's events and cost more per entry the longer it was.
                while after < events.len() && events[after].time.axis() <= start {
                    after += 1;
                }
                let terminal = match lane {
                    Lane::Detection => next_after_detection[after],
                    _ => next_resolution[after],
                }
                .or(impact_end);
                let end = e
                    .end
                    .map(|t| t.axis())
                    .or(next_in_lane)
                    .or(terminal)
                    .unwrap_or(start)
                    .max(start);
                let (xs, mut xe) = (axis.x(start), axis.x(end));
                if next_in_lane.is_some_and(|n| axis.x(n) <= xe) && xe - xs > 3.0 {
                    xe -= 1.0; // a hairline between bars that touch
                }
                let misleading = e.kind == EventKind::Misleading;
                self.rect(RectMark {
                    role: Role::PhaseBar,
                    x: xs,
                    y: bar_y(y),
                    width: (xe - xs).max(3.0),
                    height: BAR_HEIGHT,
                    fill: if misleading {
                        Ink::Kind(EventKind::Misleading)
                    } else {
                        Ink::Lane(lane)
                    },
                    opacity: if misleading { 0.9 } else { 0.85 },
                    radius: 2.0,
                    hatched: misleading,
                });
            }
            y += LANE_HEIGHT;
        }
        y
    }
}
