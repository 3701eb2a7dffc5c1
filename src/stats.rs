//! Team metrics over many postmortems (`pmchart stats`): each incident's time to detect, to
//! acknowledge, to mitigate and to resolve and its impact (as [`crate::metrics`] measures them:
//! from the detection), and over all incidents the mean, median and 90th percentile of each.
//! MTA is the mean time to acknowledge, MTR the mean time to resolve.
//!
//! Output as an aligned table, JSON, CSV or Markdown, and a chart of each incident's time to
//! acknowledge and to resolve over the incidents' dates, drawn with plotters.

use crate::draw::theme::{self, Rgb};
use crate::draw::Theme;
use crate::layout::Ink;
use crate::metrics::{self, Figure};
use crate::model::{format_duration, EventKind, Incident};
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The measures, in the order every output lists them: (key, label).
pub const MEASURES: [(&str, &str); 5] = [
    ("ttd", "Time to detect"),
    ("tta", "Time to acknowledge"),
    ("ttm", "Time to mitigate"),
    ("ttr", "Time to resolve"),
    ("impact", "Impact"),
];

/// One incident's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// The day it began (its first entry's date), when the file gives dates.
    pub date: Option<NaiveDate>,
    /// The five measures in [`MEASURES`] order; `None` where a moment is missing.
    pub values: [Option<Duration>; 5],
}

impl Row {
    /// The figures of `incident`, read from `path`.
    pub fn of(path: PathBuf, incident: &Incident) -> Row {
        let m = metrics::measure(incident);
        let d = |f: &Figure| f.duration();
        Row {
            path,
            title: incident.title.clone(),
            date: incident
                .events_by_time()
                .first()
                .and_then(|e| e.time.date()),
            values: [
                d(&m.time_to_detect),
                d(&m.time_to_acknowledge),
                d(&m.time_to_mitigate),
                d(&m.time_to_resolve),
                d(&m.impact),
            ],
        }
    }
}

/// A file that gave no incident, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why, in a few words.
    pub reason: String,
}

/// One measure over all incidents.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Aggregate {
    /// Incidents that have it.
    pub count: usize,
    /// Incidents that lack one of its moments.
    pub missing: usize,
    /// The mean (MTA for the time to acknowledge, MTR for the time to resolve).
    pub mean: Option<Duration>,
    /// The median (the mean of the middle two for an even count).
    pub median: Option<Duration>,
    /// The 90th percentile, by nearest rank: the smallest value with at least 90% at or below.
    pub p90: Option<Duration>,
}

/// `values`' aggregate; `missing` is the number of incidents without one.
pub fn aggregate(values: &[Duration], missing: usize) -> Aggregate {
    let mut v: Vec<i64> = values.iter().map(Duration::num_seconds).collect();
    v.sort_unstable();
    let n = v.len();
    if n == 0 {
        return Aggregate {
            missing,
            ..Aggregate::default()
        };
    }
    let secs = Duration::seconds;
    let sum: i64 = v.iter().sum();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    };
    let rank = (n * 9).div_ceil(10).max(1);
    Aggregate {
        count: n,
        missing,
        mean: Some(secs(sum / n as i64)),
        median: Some(secs(median)),
        p90: Some(secs(v[rank - 1])),
    }
}

/// Everything `stats` reports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// One row per incident, by date (undated last), then by path.
    pub rows: Vec<Row>,
    /// The measures over all incidents, in [`MEASURES`] order.
    pub aggregates: [Aggregate; 5],
    /// Files that gave no incident.
    pub skipped: Vec<Skipped>,
}

impl Report {
    /// The report over `rows` and `skipped`.
    pub fn new(mut rows: Vec<Row>, mut skipped: Vec<Skipped>) -> Report {
        rows.sort_by(|a, b| {
            (a.date.is_none(), a.date, &a.path).cmp(&(b.date.is_none(), b.date, &b.path))
        });
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        let aggregates = std::array::from_fn(|k| {
            let values: Vec<Duration> = rows.iter().filter_map(|r| r.values[k]).collect();
            aggregate(&values, rows.len() - values.len())
        });
        Report {
            rows,
            aggregates,
            skipped,
        }
    }
}

fn cell(d: Option<Duration>) -> String {
    d.map(format_duration).unwrap_or_else(|| "–".to_string())
}

fn minutes(d: Option<Duration>) -> Option<f64> {
    d.map(|d| (d.num_seconds() as f64 / 60.0 * 10.0).round() / 10.0)
}

/// The label of measure `k` in summaries, naming MTA and MTR.
fn summary_label(k: usize) -> String {
    match MEASURES[k].0 {
        "tta" => "Time to acknowledge (MTA = mean)".to_string(),
        "ttr" => "Time to resolve (MTR = mean)".to_string(),
        _ => MEASURES[k].1.to_string(),
    }
}

/// Characters from a file's title that must not act on a terminal: dropped.
fn inert(text: &str) -> String {
    text.chars()
        .filter(|c| !crate::inert::is_active(*c))
        .collect()
}

/// The aligned table for a terminal: one row per incident, then the summary. `bold` wraps the
/// headers in ANSI bold.
pub fn table(report: &Report, bold: bool) -> String {
    let (b, r) = if bold {
        ("\u{1b}[1m", "\u{1b}[0m")
    } else {
        ("", "")
    };
    let mut rows: Vec<Vec<String>> = vec![["file", "date", "TTD", "TTA", "TTM", "TTR", "impact"]
        .iter()
        .map(|s| s.to_string())
        .collect()];
    for row in &report.rows {
        let mut cells = vec![
            inert(&row.path.display().to_string()),
            row.date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "no date".into()),
        ];
        cells.extend(row.values.iter().map(|v| cell(*v)));
        rows.push(cells);
    }
    let mut out = align(&rows, b, r);
    out.push('\n');
    let mut summary: Vec<Vec<String>> =
        vec![["measure", "incidents", "missing", "mean", "median", "p90"]
            .iter()
            .map(|s| s.to_string())
            .collect()];
    for (k, a) in report.aggregates.iter().enumerate() {
        summary.push(vec![
            summary_label(k),
            a.count.to_string(),
            a.missing.to_string(),
            cell(a.mean),
            cell(a.median),
            cell(a.p90),
        ]);
    }
    out.push_str(&align(&summary, b, r));
    if !report.skipped.is_empty() {
        let _ = writeln!(out, "\n{b}skipped{r}");
        for s in &report.skipped {
            let _ = writeln!(
                out,
                "  {}: {}",
                inert(&s.path.display().to_string()),
                inert(&s.reason)
            );
        }
    }
    out
}

/// Columns padded to their widest cell (counted in characters); the first row is the header.
fn align(rows: &[Vec<String>], b: &str, r: &str) -> String {
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| {
            rows.iter()
                .map(|row| row[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
            .collect();
        let line = line.join("  ");
        if i == 0 {
            let _ = writeln!(out, "{b}{}{r}", line.trim_end());
        } else {
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    out
}

/// `--format markdown`: the summary as a Markdown table (for a CI job summary).
pub fn markdown(report: &Report) -> String {
    let mut out = format!(
        "### Team metrics ({} incidents)\n\n| measure | incidents | missing | mean | median | p90 |\n| --- | ---: | ---: | ---: | ---: | ---: |\n",
        report.rows.len()
    );
    for (k, a) in report.aggregates.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            summary_label(k),
            a.count,
            a.missing,
            cell(a.mean),
            cell(a.median),
            cell(a.p90)
        );
    }
    out
}

/// `--format csv`: one row per incident, durations in minutes (empty when missing).
pub fn csv(report: &Report) -> String {
    let quote = |s: &str| format!("\"{}\"", inert(s).replace('"', "\"\""));
    let mut out = String::from(
        "file,title,date,ttd_minutes,tta_minutes,ttm_minutes,ttr_minutes,impact_minutes\n",
    );
    for row in &report.rows {
        let nums: Vec<String> = row
            .values
            .iter()
            .map(|v| minutes(*v).map(|m| m.to_string()).unwrap_or_default())
            .collect();
        // A cell starting with = + - @ is a formula to a spreadsheet: quoted and prefixed.
        let safe = |s: &str| {
            if s.starts_with(['=', '+', '-', '@']) {
                format!("'{s}")
            } else {
                s.to_string()
            }
        };
        let _ = writeln!(
            out,
            "{},{},{},{}",
            quote(&safe(&row.path.display().to_string())),
            quote(&safe(row.title.as_deref().unwrap_or(""))),
            row.date.map(|d| d.to_string()).unwrap_or_default(),
            nums.join(",")
        );
    }
    out
}

/// `--format json`: the incidents, the summary and the skipped files (`version` 1).
pub fn json(report: &Report) -> String {
    #[derive(Serialize)]
    struct AggregateOut {
        incidents: usize,
        missing: usize,
        mean_minutes: Option<f64>,
        median_minutes: Option<f64>,
        p90_minutes: Option<f64>,
    }
    let incidents: Vec<serde_json::Value> = report
        .rows
        .iter()
        .map(|r| {
            let mut o = serde_json::json!({
                "file": r.path.display().to_string(),
                "title": r.title,
                "date": r.date.map(|d| d.to_string()),
            });
            for (k, v) in r.values.iter().enumerate() {
                o[format!("{}_minutes", MEASURES[k].0)] = serde_json::json!(minutes(*v));
            }
            o
        })
        .collect();
    let mut summary = serde_json::Map::new();
    for (k, a) in report.aggregates.iter().enumerate() {
        summary.insert(
            MEASURES[k].0.to_string(),
            serde_json::to_value(AggregateOut {
                incidents: a.count,
                missing: a.missing,
                mean_minutes: minutes(a.mean),
                median_minutes: minutes(a.median),
                p90_minutes: minutes(a.p90),
            })
            .expect("serialises"),
        );
    }
    let doc = serde_json::json!({
        "version": 1,
        "incidents": incidents,
        "summary": summary,
        "skipped": report.skipped,
    });
    serde_json::to_string_pretty(&doc).expect("serialises") + "\n"
}

fn rgb(c: Rgb) -> plotters::style::RGBColor {
    plotters::style::RGBColor(c.0, c.1, c.2)
}

/// The chart's size in CSS pixels.
pub const CHART_SIZE: (u32, u32) = (900, 440);

/// The chart as SVG: each dated incident's time to acknowledge and time to resolve (minutes, on
/// a log scale when they spread over more than a factor of 30) over its date, with each
/// measure's median as a dashed line, in the incident chart's font and palette. Incidents
/// without a date are not placed; the caption says how many.
pub fn chart_svg(report: &Report, theme: Theme) -> String {
    use plotters::prelude::*;
    let dated: Vec<&Row> = report.rows.iter().filter(|r| r.date.is_some()).collect();
    let undated = report.rows.len() - dated.len();
    let mins = |d: Duration| (d.num_seconds() as f64 / 60.0).max(0.5);
    let series = [
        (
            1usize,
            "Time to acknowledge",
            theme::kind_color(theme, EventKind::Acknowledge),
        ),
        (
            3usize,
            "Time to resolve",
            theme::kind_color(theme, EventKind::Resolve),
        ),
    ];
    let all: Vec<f64> = dated
        .iter()
        .flat_map(|r| series.iter().filter_map(|(k, _, _)| r.values[*k].map(mins)))
        .collect();
    let (lo, hi) = all
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let (lo, hi) = if all.is_empty() {
        (1.0, 60.0)
    } else {
        (lo, hi)
    };
    let day = |d: NaiveDate| d.num_days_from_ce() as f64;
    let (x0, x1) = dated
        .iter()
        .filter_map(|r| r.date.map(day))
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (x0, x1) = if dated.is_empty() {
        (0.0, 1.0)
    } else if x1 - x0 < 1.0 {
        (x0 - 1.0, x1 + 1.0)
    } else {
        let pad = (x1 - x0) * 0.04;
        (x0 - pad, x1 + pad)
    };
    let text = theme::color(theme, Ink::Text);
    let muted = theme::color(theme, Ink::Muted);
    let grid = theme::color(theme, Ink::Grid);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, CHART_SIZE).into_drawing_area();
        let _ = root.fill(&rgb(theme::color(theme, Ink::Background)));
        let font = |size: f64, c: Rgb| ("Inter", size).into_font().color(&rgb(c));
        let caption = if undated > 0 {
            format!(
                "Acknowledgement and resolution, {} incidents ({undated} without a date, not placed)",
                dated.len()
            )
        } else {
            format!("Acknowledgement and resolution, {} incidents", dated.len())
        };
        let log = hi / lo > 30.0;
        let minutes_label = |y: &f64| {
            let v = y.round() as i64;
            if v >= 1000 {
                format!("{},{:03}", v / 1000, v % 1000)
            } else if *y >= 1.0 || *y == 0.0 {
                v.to_string()
            } else {
                format!("{y:.1}")
            }
        };
        let date_label = |x: &f64| {
            NaiveDate::from_num_days_from_ce_opt(x.round() as i32)
                .map(|d| d.format("%b %Y").to_string())
                .unwrap_or_default()
        };
        let mut builder = ChartBuilder::on(&root);
        // The caption and the legend above the plot (drawn below), where no point can be.
        builder
            .margin(16)
            .margin_top(78)
            .x_label_area_size(36)
            .y_label_area_size(64);
        // The two scales are two chart types in plotters; the drawing below is the same.
        macro_rules! draw {
            ($chart:expr) => {{
                let mut chart = $chart;
                let _ = chart
                    .configure_mesh()
                    .light_line_style(rgb(grid).mix(0.0))
                    .bold_line_style(rgb(grid))
                    .axis_style(rgb(muted))
                    .label_style(font(12.0, muted))
                    .axis_desc_style(font(13.0, text))
                    .x_label_formatter(&date_label)
                    .y_label_formatter(&minutes_label)
                    .y_desc(if log {
                        "minutes (log scale)"
                    } else {
                        "minutes"
                    })
                    .x_labels(6)
                    .y_labels(6)
                    .draw();
                for (k, _, colour) in series {
                    let points: Vec<(f64, f64)> = dated
                        .iter()
                        .filter_map(|r| Some((day(r.date?), mins(r.values[k]?))))
                        .collect();
                    let c = rgb(colour);
                    let _ =
                        chart.draw_series(points.iter().map(|p| Circle::new(*p, 4, c.filled())));
                    if let Some(median) = report.aggregates[k].median {
                        let m = mins(median);
                        let _ = chart.draw_series(DashedLineSeries::new(
                            vec![(x0, m), (x1, m)],
                            6,
                            4,
                            c.stroke_width(1),
                        ));
                    }
                }
            }};
        }
        if log {
            if let Ok(chart) = builder.build_cartesian_2d(x0..x1, (lo * 0.8..hi * 1.25).log_scale())
            {
                draw!(chart);
            }
        } else if let Ok(chart) = builder.build_cartesian_2d(x0..x1, 0.0..hi * 1.1) {
            draw!(chart);
        }
        let _ = root.draw(&Text::new(caption, (16, 14), font(17.0, text)));
        // The legend, under the caption: a dot per measure, then the dashed median.
        let mut x = 22;
        for (k, label, colour) in series {
            let c = rgb(colour);
            let median = report.aggregates[k]
                .median
                .map(|m| format!(" (median {}, dashed)", format_duration(m)))
                .unwrap_or_default();
            let item = format!("{label}{median}");
            let _ = root.draw(&Circle::new((x, 55), 4, c.filled()));
            let _ = root.draw(&Text::new(item.clone(), (x + 10, 48), font(12.0, text)));
            x += 40
                + (crate::layout::text::width(&item, 12.0, crate::layout::text::Weight::Regular)
                    as i32);
        }
        let _ = root.present();
    }
    svg
}

/// The chart as SVG with its text as paths in the embedded font (the same on every machine),
/// through usvg, which reads plotters' output with pmchart's fonts.
#[cfg(feature = "svg-text")]
pub fn chart_svg_outlined(report: &Report, theme: Theme) -> Result<String, crate::draw::DrawError> {
    let tree = crate::draw::tree(&chart_svg(report, theme))?;
    let opts = usvg::WriteOptions {
        coordinates_precision: 2,
        transforms_precision: 4,
        ..usvg::WriteOptions::default()
    };
    let svg = tree.to_string(&opts);
    // usvg writes no title: the chart's name, for screen readers and tooltips.
    let title = format!(
        "<title>Time to acknowledge and time to resolve of {} incidents, with their medians</title>",
        report.rows.len()
    );
    Ok(match svg.find('>') {
        Some(i) => format!("{}{title}{}", &svg[..=i], &svg[i + 1..]),
        None => svg,
    })
}

/// The chart as PNG at `scale` pixels per CSS pixel.
#[cfg(feature = "svg-text")]
pub fn chart_png(
    report: &Report,
    theme: Theme,
    scale: f32,
) -> Result<Vec<u8>, crate::draw::DrawError> {
    crate::draw::rasterise(&crate::draw::tree(&chart_svg(report, theme))?, scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(v: i64) -> Duration {
        Duration::minutes(v)
    }

    #[test]
    fn aggregates_by_hand() {
        // 4, 10, 12, 30, 60 minutes: mean 23.2 min, median 12, p90 (5th of 5) 60.
        let a = aggregate(&[m(30), m(4), m(60), m(12), m(10)], 2);
        assert_eq!(a.count, 5);
        assert_eq!(a.missing, 2);
        assert_eq!(a.mean, Some(Duration::seconds(23 * 60 + 12)));
        assert_eq!(a.median, Some(m(12)));
        assert_eq!(a.p90, Some(m(60)));
        // Ten values 1..=10: median 5.5 min, p90 the 9th.
        let ten: Vec<Duration> = (1..=10).map(m).collect();
        let a = aggregate(&ten, 0);
        assert_eq!(a.median, Some(Duration::seconds(330)));
        assert_eq!(a.p90, Some(m(9)));
        assert_eq!(aggregate(&[], 3).mean, None);
    }

    #[test]
    fn csv_cells_cannot_become_formulas() {
        let r = Report::new(
            vec![Row {
                path: "=cmd|x.md".into(),
                title: Some("@SUM(1)".into()),
                date: None,
                values: [None, Some(m(5)), None, Some(m(30)), None],
            }],
            Vec::new(),
        );
        let text = csv(&r);
        assert!(
            text.contains("\"'=cmd|x.md\",\"'@SUM(1)\",,,5,,30,\n"),
            "{text}"
        );
    }
}
