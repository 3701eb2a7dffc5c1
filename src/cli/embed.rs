//! `pmchart embed README.md...`: render each README's chart beside it (light and dark) and put an
//! image block between the pmchart markers; `--check` only compares.

use super::batch::{BatchOptions, FileOutcome};
use super::{EXIT_ERRORS, EXIT_USAGE};
use clap::Args;
use pmchart::batch::Select;
use pmchart::diagnostics::{Code, Diagnostic};
use pmchart::embed::{self, EmbedError, EmbedOptions, Placement, Stale};
use pmchart::input::SourceText;
use pmchart::model::InputFormat;
use pmchart::pipeline::{self, Outcome};
use pmchart::render::RenderOptions;
use pmchart::report::DiagnosticFormat;
use pmchart::validate::Template;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(
    after_help = "Examples:\n  pmchart embed README.md\n  pmchart embed --check --format github 'postmortems/**/README.md'\n  pmchart embed --png --at \"Impact\" README.md"
)]
pub struct EmbedArgs {
    /// READMEs, directories or globs [default: the `paths` of pmchart.toml, else
    /// ./README.md]. In a directory (honouring .gitignore): every README.md and every other .md
    /// file that mentions a timeline or a postmortem.
    #[arg(value_name = "README")]
    pub inputs: Vec<PathBuf>,
    /// Write nothing; exit 1 naming each README whose chart block or images are out of date.
    #[arg(long)]
    pub check: bool,
    /// PNG images (timeline.png, timeline-dark.png) instead of SVG.
    #[arg(long)]
    pub png: bool,
    /// A Mermaid gantt block between the markers instead of images: GitHub draws it, and no
    /// image files are written.
    #[arg(long, conflicts_with_all = ["png", "image_dir"])]
    pub mermaid: bool,
    /// Put a new block directly under this heading instead of after the Timeline section.
    #[arg(long, value_name = "HEADING")]
    pub at: Option<String>,
    /// Pass over READMEs that have no timeline and no pmchart markers (always so for READMEs
    /// found in a directory or by a glob): for hooks that get every README.md in a repository.
    #[arg(long)]
    pub only_postmortems: bool,
    /// Embed even when the timeline has errors.
    #[arg(long)]
    pub force: bool,
    /// Directory for the images, relative to each README's directory [default: beside it].
    #[arg(long, value_name = "DIR")]
    pub image_dir: Option<PathBuf>,
    /// Chart width in CSS pixels, 480 to 4000.
    #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u32).range(480..=4000))]
    pub width: u32,
    /// `compact` (default): lanes and a row per key moment, since the README shows the
    /// timeline's text right above the chart; `full`: a row per entry, as `render` draws.
    #[arg(long, value_enum, default_value_t = super::ChartLayout::Compact)]
    pub layout: super::ChartLayout,
    /// Pixels per CSS pixel in PNG images.
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,
    /// Zone for times that state none (IANA name in any case, UTC, an offset like +01:00, or an abbreviation like WAT).
    #[arg(long, value_parser = super::parse_zone)]
    pub tz: Option<pmchart::Zone>,
    /// How diagnostics and findings are printed.
    #[arg(long, value_parser = super::diagnostic_format(), default_value = "human")]
    pub format: DiagnosticFormat,
    #[command(flatten)]
    pub settings: super::Settings,
    #[command(flatten)]
    pub verbosity: super::Verbosity,
}

pub fn run(args: EmbedArgs) -> u8 {
    let (finder, inputs, files) = match super::batch_files(
        &args.inputs,
        &args.settings,
        Select::Readmes,
        Some("README.md"),
    ) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let opts = EmbedOptions {
        render: RenderOptions {
            width: args.width,
            scale: args.scale,
            compact: args.layout == super::ChartLayout::Compact,
            ..RenderOptions::default()
        },
        png: args.png,
        at: args.at.clone(),
        image_dir: args.image_dir.clone(),
        mermaid: args.mermaid,
    };
    let color = args.settings.stderr_color();
    let single = files.len() == 1;
    // READMEs named one by one must be postmortems; ones found by walking may be any README.
    let named: HashSet<&PathBuf> = inputs.iter().filter(|p| p.is_file()).collect();
    let asked = super::Asked {
        tz: args.tz.clone(),
        title: None,
        // The template checks are for `pmchart check`: an embed is about the timeline.
        template: Some(Template::None),
    };
    let quiet = args.verbosity.quiet || args.format != DiagnosticFormat::Human;
    super::run_batch(&files, BatchOptions::default(), args.verbosity, |path| {
        let config = match super::configured(&finder, path, quiet) {
            Ok(c) => c,
            Err(outcome) => return outcome,
        };
        let may_skip = args.only_postmortems || !named.contains(&path.to_path_buf());
        let run = asked.options(config.as_deref());
        embed_one(path, &args, &opts, &run, color, single, may_skip)
    })
}

fn embed_one(
    path: &Path,
    args: &EmbedArgs,
    opts: &EmbedOptions,
    pipeline_opts: &pipeline::Options,
    color: bool,
    single: bool,
    may_skip: bool,
) -> FileOutcome {
    let mut o = FileOutcome::default();
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        o.say(
            "error: `pmchart embed` writes into a README file: give its path, not standard input",
        );
        o.fail(EXIT_USAGE);
        return o;
    }
    let Some(checked) = o.checked(path, pipeline_opts) else {
        return o;
    };
    let source = &checked.source;
    if source.format != InputFormat::Markdown {
        o.say(format!(
            "error: `{name}` is JSON: `pmchart embed` puts the chart into a Markdown README (use `pmchart render` for JSON)"
        ));
        o.fail(EXIT_USAGE);
        return o;
    }
    if may_skip
        && checked.outcome == Outcome::NoTimeline
        && matches!(embed::markers::find(&source.text), Ok(None))
    {
        o.skipped = true;
        if args.format == DiagnosticFormat::Human && !args.verbosity.quiet {
            o.say(format!(
                "note: skipped `{name}`: no timeline and no pmchart markers (not a postmortem)"
            ));
        }
        return o;
    }
    let diags = &checked.diagnostics;
    o.emit(&args.verbosity.keep(diags), source, args.format, color);
    let Some(incident) = &checked.incident else {
        o.fail(EXIT_ERRORS);
        return o;
    };
    if pmchart::diagnostics::has_errors(diags) && !args.force {
        let n = diags
            .iter()
            .filter(|d| d.severity == pmchart::Severity::Error)
            .count();
        let d = Diagnostic::new(
            Code::TimelineHasErrors,
            format!(
                "{}: the timeline has {n} error{}",
                if args.check {
                    "cannot check the chart"
                } else {
                    "not embedding the chart"
                },
                if n == 1 { "" } else { "s" },
            ),
        )
        .with_help(format!(
            "fix {} (above), or pass --force to embed anyway",
            if n == 1 { "it" } else { "them" }
        ));
        finding(&mut o, args.format, source, color, d);
        o.fail(EXIT_ERRORS);
        return o;
    }
    let plan = match embed::plan(path, &source.text, incident, opts) {
        Ok(p) => p,
        Err(e) => return failed(o, args.format, source, color, e),
    };
    if args.check {
        let stale = embed::stale(&plan);
        for s in &stale {
            let line = match s {
                Stale::Block { line } => Some(*line),
                _ => None,
            };
            let d = Diagnostic::new(Code::ChartStale, format!("{s}"))
                .at_opt(line.and_then(|l| pmchart::model::line_span(&source.text, l)))
                .with_help(format!("run `pmchart embed {name}` and commit the result"));
            finding(&mut o, args.format, source, color, d);
        }
        if stale.is_empty()
            && single
            && args.format == DiagnosticFormat::Human
            && !args.verbosity.quiet
        {
            o.say(format!("{name}: the chart is up to date"));
        }
        if !stale.is_empty() {
            o.fail(EXIT_ERRORS);
        }
        return o;
    }
    match embed::apply(&plan) {
        Ok(written) => {
            o.charts_written += written.images.len();
            let what = match (&plan.placement, written.readme) {
                (_, false) if written.images.is_empty() => "the chart is up to date".to_string(),
                (_, false) => "images updated; the block was up to date".to_string(),
                (Placement::Replaced { line }, true) => {
                    format!("updated the chart block on line {line}")
                }
                (p @ Placement::Inserted { .. }, true) => {
                    format!("inserted the chart at {}", p.describe())
                }
            };
            let images: Vec<String> = written
                .images
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            let mut line = format!("{name}: {what}");
            if !images.is_empty() {
                line.push_str(&format!(" (wrote {})", images.join(", ")));
            }
            if args.format == DiagnosticFormat::Human {
                if !args.verbosity.quiet {
                    o.say(line);
                }
            } else if args.format == DiagnosticFormat::Json {
                let v = serde_json::json!({
                    "file": name,
                    "line": plan.placement.line(),
                    "readme_written": written.readme,
                    "images_written": images,
                    "message": what,
                });
                o.stdout.extend_from_slice(format!("{v}\n").as_bytes());
            }
        }
        Err(e) => return failed(o, args.format, source, color, e),
    }
    o
}

/// An embed error as a finding: markers and placement are the README's problems (exit 1), a
/// render or write failure an I/O one (exit 2).
fn failed(
    mut o: FileOutcome,
    format: DiagnosticFormat,
    source: &SourceText,
    color: bool,
    e: EmbedError,
) -> FileOutcome {
    let exit = if e.is_io() { EXIT_USAGE } else { EXIT_ERRORS };
    finding(&mut o, format, source, color, e.diagnostic(&source.text));
    o.fail(exit);
    o
}

/// A finding about a README, printed like every diagnostic (human, JSON with the same fields as
/// `check`, or a GitHub annotation, all through one escaper).
fn finding(
    o: &mut FileOutcome,
    format: DiagnosticFormat,
    source: &SourceText,
    color: bool,
    d: Diagnostic,
) {
    o.emit(&[d], source, format, color);
}
