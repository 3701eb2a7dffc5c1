//! `pmchart stats PATH...`: team metrics over every postmortem found (MTA, MTR and the rest),
//! as a table, JSON, CSV or Markdown, and optionally a chart.

use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use clap::Args;
use pmchart::batch::Select;
use pmchart::pipeline::{self, Outcome};
use pmchart::stats::{self, Report, Row, Skipped};
use pmchart::validate::Template;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Args)]
pub struct StatsArgs {
    /// Postmortems, directories or globs (as `check` finds them); with none, the `paths` of
    /// pmchart.toml.
    #[arg(value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// `table` (aligned, for a terminal), `json`, `csv` (one row per incident) or `markdown`
    /// (the summary, for a CI job summary).
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
    /// Also draw each incident's time to acknowledge and to resolve over time: `.svg` or `.png`.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The chart's colours.
    #[arg(long, value_parser = super::theme(), default_value = "light")]
    pub theme: pmchart::render::Theme,
    /// Zone for times that state none.
    #[arg(long, value_parser = super::parse_zone)]
    pub tz: Option<pmchart::Zone>,
    #[command(flatten)]
    pub settings: super::Settings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
    Csv,
    Markdown,
}

enum Found {
    Row(Row),
    Skipped(Skipped),
}

pub fn run(args: StatsArgs) -> u8 {
    let (finder, _, files) =
        match super::batch_files(&args.inputs, &args.settings, Select::Inputs, None) {
            Ok(found) => found,
            Err(code) => return code,
        };
    let asked = super::Asked {
        tz: args.tz.clone(),
        title: None,
        template: Some(Template::None),
    };
    let skip = |path: &PathBuf, reason: String| {
        Found::Skipped(Skipped {
            path: path.clone(),
            reason,
        })
    };
    let found: Vec<Found> = files
        .par_iter()
        .map(|path| {
            let config = match finder.for_file(path) {
                Ok(c) => c,
                Err(e) => return skip(path, e),
            };
            if config.as_ref().is_some_and(|c| c.excludes(path)) {
                return skip(path, "excluded by pmchart.toml".into());
            }
            match pipeline::check_path(path, &asked.options(config.as_deref())) {
                Err(u) => skip(path, u.error.to_string()),
                Ok(c) => match (&c.incident, c.outcome) {
                    (Some(incident), Outcome::Read) => Found::Row(Row::of(path.clone(), incident)),
                    (_, Outcome::NoTimeline) => skip(path, "no timeline (not a postmortem)".into()),
                    _ => skip(
                        path,
                        c.diagnostics
                            .first()
                            .map(|d| format!("{}: {}", d.code, d.message))
                            .unwrap_or_else(|| "not readable".into()),
                    ),
                },
            }
        })
        .collect();
    let (mut rows, mut skipped) = (Vec::new(), Vec::new());
    for f in found {
        match f {
            Found::Row(r) => rows.push(r),
            Found::Skipped(s) => skipped.push(s),
        }
    }
    let report = Report::new(rows, skipped);
    if report.rows.is_empty() {
        // Nothing to measure: say why each file gave nothing, not an empty table.
        for s in &report.skipped {
            eprintln!("note: skipped `{}`: {}", s.path.display(), s.reason);
        }
        eprintln!("error: no postmortem with a timeline was found in the paths given");
        return EXIT_ERRORS;
    }
    let text = match args.format {
        StatsFormat::Table => stats::table(
            &report,
            args.settings.color(std::io::stdout().is_terminal()),
        ),
        StatsFormat::Json => stats::json(&report),
        StatsFormat::Csv => stats::csv(&report),
        StatsFormat::Markdown => stats::markdown(&report),
    };
    if let Err(e) = super::write_output(std::path::Path::new("-"), text.as_bytes()) {
        eprintln!("error: cannot write to standard output: {e}");
        return EXIT_USAGE;
    }
    if let Some(out) = &args.output {
        let png = out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"));
        let bytes = if png {
            stats::chart_png(&report, args.theme, 2.0)
        } else {
            stats::chart_svg_outlined(&report, args.theme).map(String::into_bytes)
        };
        match bytes
            .map_err(|e| e.to_string())
            .and_then(|b| super::write_output(out, &b).map_err(|e| e.to_string()))
        {
            Ok(()) => {}
            Err(e) => {
                eprintln!("error: cannot write the chart `{}`: {e}", out.display());
                return EXIT_USAGE;
            }
        }
    }
    EXIT_OK
}
