//! `pmchart embed README.md...`: render each README's chart beside it (light and dark) and put an
//! image block between the pmchart markers; `--check` only compares.

use super::{EXIT_ERRORS, EXIT_USAGE};
use clap::Args;
use pmchart::batch::{self, FileOutcome, Select};
use pmchart::embed::{self, EmbedError, EmbedOptions, Placement, Stale};
use pmchart::input::ReadOptions;
use pmchart::model::InputFormat;
use pmchart::pipeline::{self, Outcome};
use pmchart::render::RenderOptions;
use pmchart::report::DiagnosticFormat;
use pmchart::validate::CheckOptions;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(
    after_help = "Examples:\n  pmchart embed README.md\n  pmchart embed --check --format github 'postmortems/**/README.md'\n  pmchart embed --png --at \"Impact\" README.md"
)]
pub struct EmbedArgs {
    /// READMEs, directories (every README.md under them, honouring .gitignore) or globs.
    #[arg(required = true, value_name = "README")]
    pub inputs: Vec<PathBuf>,
    /// Write nothing; exit 1 naming each README whose chart block or images are out of date.
    #[arg(long)]
    pub check: bool,
    /// PNG images (timeline.png, timeline-dark.png) instead of SVG.
    #[arg(long)]
    pub png: bool,
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
    /// Chart width in CSS pixels.
    #[arg(long, default_value_t = 900)]
    pub width: u32,
    /// `compact` (default): lanes and a row per key moment, since the README shows the
    /// timeline's text right above the chart; `full`: a row per entry, as `render` draws.
    #[arg(long, value_enum, default_value_t = super::ChartLayout::Compact)]
    pub layout: super::ChartLayout,
    /// Pixels per CSS pixel in PNG images.
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,
    /// Zone for times that state none (IANA name, UTC, or offset like +01:00).
    #[arg(long, value_parser = super::parse_zone)]
    pub tz: Option<pmchart::Zone>,
    /// How diagnostics and findings are printed.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiagnosticFormat,
}

pub fn run(args: EmbedArgs) -> u8 {
    let files = match batch::expand(&args.inputs, Select::Readmes) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
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
    };
    let color = super::stderr_color();
    let single = files.len() == 1;
    // READMEs named one by one must be postmortems; ones found by walking may be any README.
    let named: HashSet<&PathBuf> = args.inputs.iter().filter(|p| p.is_file()).collect();
    batch::run_batch(&files, |path| {
        let may_skip = args.only_postmortems || !named.contains(&path.to_path_buf());
        embed_one(path, &args, &opts, color, single, may_skip)
    })
    .exit
}

fn embed_one(
    path: &Path,
    args: &EmbedArgs,
    opts: &EmbedOptions,
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
    let pipeline_opts = pipeline::Options {
        read: ReadOptions {
            tz: args.tz.clone(),
            title: None,
        },
        // The template checks are for `pmchart check`: an embed is about the timeline.
        checks: CheckOptions { template: false },
    };
    let checked = match pipeline::check_path(path, &pipeline_opts) {
        Ok(c) => c,
        Err(u) => {
            o.say(format!("error: {u}"));
            o.errors += 1;
            o.fail(EXIT_USAGE);
            return o;
        }
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
        if args.format == DiagnosticFormat::Human {
            o.say(format!(
                "note: skipped `{name}`: no timeline and no pmchart markers (not a postmortem)"
            ));
        }
        return o;
    }
    let diags = &checked.diagnostics;
    o.emit(diags, source, args.format, color);
    let Some(incident) = &checked.incident else {
        o.fail(EXIT_ERRORS);
        return o;
    };
    if pmchart::diagnostics::has_errors(diags) && !args.force {
        let n = diags
            .iter()
            .filter(|d| d.severity == pmchart::Severity::Error)
            .count();
        finding(
            &mut o,
            args.format,
            &name,
            None,
            &format!(
                "{}: the timeline has {n} error{} (fix {}, or use --force)",
                if args.check {
                    "cannot check the chart"
                } else {
                    "not embedding the chart"
                },
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" }
            ),
        );
        o.fail(EXIT_ERRORS);
        return o;
    }
    let plan = match embed::plan(path, &source.text, incident, opts) {
        Ok(p) => p,
        Err(e) => return failed(o, args.format, &name, e),
    };
    if args.check {
        let stale = embed::stale(&plan);
        for s in &stale {
            let line = match s {
                Stale::Block { line } => Some(*line),
                _ => None,
            };
            finding(
                &mut o,
                args.format,
                &name,
                line,
                &format!("{s}; run `pmchart embed {name}` and commit the result"),
            );
            o.errors += 1;
        }
        if stale.is_empty() && single && args.format == DiagnosticFormat::Human {
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
                o.say(line);
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
        Err(e) => return failed(o, args.format, &name, e),
    }
    o
}

fn failed(mut o: FileOutcome, format: DiagnosticFormat, name: &str, e: EmbedError) -> FileOutcome {
    let code = match e {
        EmbedError::Markers(_) | EmbedError::Place(_) => EXIT_ERRORS,
        EmbedError::Render(_) | EmbedError::Write { .. } | EmbedError::ImageDir { .. } => {
            EXIT_USAGE
        }
    };
    let line = match &e {
        EmbedError::Markers(m) => m.line(),
        _ => None,
    };
    finding(&mut o, format, name, line, &e.to_string());
    o.errors += 1;
    o.fail(code);
    o
}

/// An error about a whole README, in the chosen format.
fn finding(
    o: &mut FileOutcome,
    format: DiagnosticFormat,
    name: &str,
    line: Option<usize>,
    message: &str,
) {
    match format {
        DiagnosticFormat::Human => match line {
            Some(l) => o.say(format!("error: {message}\n  --> {name}:{l}")),
            None => o.say(format!("error: {message}\n  --> {name}")),
        },
        DiagnosticFormat::Github => {
            let at = line.map(|l| format!(",line={l}")).unwrap_or_default();
            o.say(format!(
                "::error file={}{at},title=pmchart::{}",
                github_escape_property(name),
                github_escape_data(message)
            ));
        }
        DiagnosticFormat::Json => {
            let v = serde_json::json!({
                "file": name,
                "line": line,
                "severity": "error",
                "message": message,
            });
            o.say(v.to_string());
        }
    }
}

/// GitHub workflow commands: `%`, CR and LF are escaped in messages; also `:` and `,` in properties.
fn github_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn github_escape_property(s: &str) -> String {
    github_escape_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}
