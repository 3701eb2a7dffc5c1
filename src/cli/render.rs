//! `pmchart render INPUT -o OUT`: the chart as SVG or PNG; `pmchart render PATH...`: many charts,
//! rendered in parallel, each beside its input or into the directory `-o` names.

use super::batch::{BatchOptions, FileOutcome};
use super::{EXIT_ERRORS, EXIT_USAGE};
use clap::{Args, ValueEnum};
use pmchart::batch::{self, Select};
use pmchart::pipeline::{self, ChartFormat, Outcome};
use pmchart::render::{self, RenderOptions, Theme};
use pmchart::report::DiagnosticFormat;
use pmchart::validate::Template;
use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(after_help = "Examples:\n  \
    pmchart render examples/one-hour-outage.json -o chart.svg\n  \
    pmchart render postmortem.md -o chart.png --theme dark --scale 2\n  \
    pmchart render incident.json -o - --format svg --tz Europe/London > chart.svg\n  \
    cat incident.json | pmchart render - -o chart.png\n  \
    pmchart render postmortems/ --format png\n  \
    pmchart render 'incidents/*.json' -o charts/")]
pub struct RenderArgs {
    /// Markdown postmortems or JSON incidents, directories or globs; `-` for standard input. In a
    /// directory (honouring .gitignore): every README.md, every other .md file that mentions a
    /// timeline or a postmortem, and every .json file with "events".
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// With one input: the chart file, `-` for standard output (then give --format). With
    /// several: a directory for the charts [default: beside each input, `timeline.svg` for a
    /// README.md, `NAME.svg` for NAME.json].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format; by default from the output's extension.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Colour theme.
    #[arg(long, value_parser = super::theme(), default_value = "light")]
    pub theme: Theme,
    /// Width in CSS pixels, 480 to 4000; the height follows the content.
    #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u32).range(480..=4000))]
    pub width: u32,
    /// Pixels per CSS pixel in PNG output.
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,
    /// Display zone, also used for times that state none (IANA name in any case, UTC, an offset like +01:00, or an abbreviation like WAT).
    #[arg(long, value_parser = super::parse_zone)]
    pub tz: Option<pmchart::Zone>,
    /// Title of the chart (instead of the document's).
    #[arg(long)]
    pub title: Option<String>,
    /// Keep text as `<text>` in the SVG (selectable; needs the Inter font to look right).
    #[arg(long)]
    pub keep_text: bool,
    /// `full`: a row per timeline entry; `compact`: lanes and a row per key moment (detection,
    /// acknowledgement, escalations, mitigation, resolution) with short labels.
    #[arg(long, value_enum, default_value_t = super::ChartLayout::Full)]
    pub layout: super::ChartLayout,
    /// Also write the laid-out text boxes and marks as JSON (kind, text, x, y, width, height).
    #[arg(long, value_name = "FILE.json")]
    pub dump_layout: Option<PathBuf>,
    /// Render even when the checks report errors.
    #[arg(long)]
    pub force: bool,
    /// How diagnostics are printed on standard error.
    #[arg(long = "diagnostics", value_parser = super::diagnostic_format(), default_value = "human")]
    pub diagnostics: DiagnosticFormat,
    #[command(flatten)]
    pub settings: super::Settings,
    #[command(flatten)]
    pub verbosity: super::Verbosity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Svg,
    Png,
}

pub fn run(args: RenderArgs) -> u8 {
    if !(args.scale.is_finite() && args.scale > 0.0 && args.scale <= 8.0) {
        eprintln!(
            "error: --scale must be above 0 and at most 8 (got {})",
            args.scale
        );
        return EXIT_USAGE;
    }
    let finder = match args.settings.finder() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let files = match batch::expand(&args.inputs, Select::Inputs) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    // One file named as such (not a directory or a glob that found one): `-o` is the chart.
    let single = args.inputs.len() == 1 && files.len() == 1 && files[0] == args.inputs[0];
    let targets = match plan_targets(&args, &files, single) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_USAGE;
        }
    };
    let color = args.settings.stderr_color();
    // Files named one by one must be postmortems; a README found by walking may be any README.
    let named: HashSet<&PathBuf> = args.inputs.iter().filter(|p| p.is_file()).collect();
    let by_input: HashMap<&Path, &(PathBuf, OutputFormat)> = files
        .iter()
        .map(PathBuf::as_path)
        .zip(targets.iter())
        .collect();
    let asked = super::Asked {
        tz: args.tz.clone(),
        title: args.title.clone(),
        // The template checks (sections, word count) are `check`'s business, not the chart's:
        // render reports what bears on the timeline it draws.
        template: Some(Template::None),
    };
    let quiet = args.verbosity.quiet || args.diagnostics != DiagnosticFormat::Human;
    super::run_batch(&files, BatchOptions::default(), args.verbosity, |path| {
        let (target, format) = by_input[path];
        let config = match super::configured(&finder, path, quiet) {
            Ok(c) => c,
            Err(outcome) => return outcome,
        };
        let may_skip = !named.contains(&path.to_path_buf()) && path.as_os_str() != "-";
        let run = asked.options(config.as_deref());
        render_one(
            path,
            (target, *format),
            &args,
            &run,
            color,
            single,
            may_skip,
        )
    })
}

/// Where each input's chart goes, and in which format. With one input, `-o` names the chart
/// (or a directory to put it in); with several, `-o` is a directory, or each chart goes beside
/// its input. Two inputs that would write the same chart are refused before anything is written.
fn plan_targets(
    args: &RenderArgs,
    files: &[PathBuf],
    single: bool,
) -> Result<Vec<(PathBuf, OutputFormat)>, String> {
    if !single && args.dump_layout.is_some() {
        return Err("--dump-layout takes a single input".into());
    }
    let into_dir = args.output.as_deref().filter(|o| o.is_dir());
    if single && into_dir.is_none() {
        if let Some(out) = &args.output {
            let to_stdout = out == Path::new("-");
            let format = args.format.or_else(|| format_from_extension(out)).ok_or_else(|| {
                if to_stdout {
                    "`-o -` writes to standard output, which has no file name to tell the format \
                     by: add --format svg or --format png"
                        .to_string()
                } else {
                    format!(
                        "cannot tell the output format from `{}`: name it .svg or .png, or give --format svg|png",
                        out.display()
                    )
                }
            })?;
            if to_stdout && format == OutputFormat::Png && std::io::stdout().is_terminal() {
                return Err("refusing to write a PNG to the terminal: redirect it \
                            (`-o - --format png > chart.png`) or give -o chart.png"
                    .into());
            }
            return Ok(vec![(out.clone(), format)]);
        }
    }
    let format = args.format.unwrap_or(OutputFormat::Svg);
    let dir = match (&args.output, into_dir) {
        (_, Some(d)) => Some(d.to_path_buf()),
        (None, None) => None,
        (Some(out), None) => {
            if out.as_os_str() == "-" || format_from_extension(out).is_some() || out.exists() {
                return Err(format!(
                    "with several inputs, -o names a directory for the charts (got `{}`); leave it out to write each chart beside its input",
                    out.display()
                ));
            }
            std::fs::create_dir_all(out)
                .map_err(|e| format!("cannot create `{}`: {e}", out.display()))?;
            Some(out.clone())
        }
    };
    let ext = match format {
        OutputFormat::Svg => "svg",
        OutputFormat::Png => "png",
    };
    let mut targets = Vec::with_capacity(files.len());
    let mut claimed: HashMap<PathBuf, &Path> = HashMap::new();
    for input in files {
        if input.as_os_str() == "-" && dir.is_none() {
            return Err("standard input has no directory to put its chart beside: give -o".into());
        }
        let target = chart_path(input, dir.as_deref(), ext);
        if let Some(first) = claimed.insert(target.clone(), input) {
            return Err(format!(
                "`{}` and `{}` would both write `{}`; render them separately with -o",
                first.display(),
                input.display(),
                target.display()
            ));
        }
        targets.push((target, format));
    }
    Ok(targets)
}

/// `timeline.EXT` beside a README, `STEM.EXT` beside any other input; in `dir`, a README's chart
/// is named after the README's directory so that several READMEs do not collide.
fn chart_path(input: &Path, dir: Option<&Path>, ext: &str) -> PathBuf {
    let is_readme = input
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("README.md"));
    let stem = |p: &Path| -> Option<String> {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty() && s != "." && s != "..")
    };
    match dir {
        None => input.with_file_name(if is_readme {
            format!("timeline.{ext}")
        } else {
            format!("{}.{ext}", stem(input).unwrap_or_else(|| "timeline".into()))
        }),
        Some(dir) => {
            let name = if input.as_os_str() == "-" {
                "stdin".to_string()
            } else if is_readme {
                // `a/b/README.md` -> `b`; a README in the working directory -> its name.
                input
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .map(Path::to_path_buf)
                    .or_else(|| std::env::current_dir().ok())
                    .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| "timeline".into())
            } else {
                stem(input).unwrap_or_else(|| "timeline".into())
            };
            dir.join(format!("{name}.{ext}"))
        }
    }
}

/// Reads, checks and renders one input to `target`. Prints nothing itself (the batch does).
fn render_one(
    path: &Path,
    (target, format): (&Path, OutputFormat),
    args: &RenderArgs,
    pipeline_opts: &pipeline::Options,
    color: bool,
    single: bool,
    may_skip: bool,
) -> FileOutcome {
    let mut o = FileOutcome::default();
    let Some(checked) = o.checked(path, pipeline_opts) else {
        return o;
    };
    if may_skip && checked.outcome == Outcome::NoTimeline {
        o.skipped = true;
        if args.diagnostics == DiagnosticFormat::Human && !args.verbosity.quiet {
            o.say(format!(
                "note: skipped `{}`: no timeline (not a postmortem)",
                path.display()
            ));
        }
        return o;
    }
    o.emit(
        &args.verbosity.keep(&checked.diagnostics),
        &checked.source,
        args.diagnostics,
        color,
    );
    let Some(incident) = &checked.incident else {
        o.fail(EXIT_ERRORS);
        return o;
    };
    let errors = checked.errors();
    if errors > 0 && !args.force {
        o.say(format!(
            "error: {} has {errors} error{}; fix {} or pass --force to render anyway",
            checked.source.display_name(),
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "it" } else { "them" },
        ));
        o.fail(EXIT_ERRORS);
        return o;
    }

    let opts = RenderOptions {
        width: args.width,
        theme: args.theme,
        scale: args.scale,
        keep_text: args.keep_text,
        compact: args.layout == super::ChartLayout::Compact,
    };
    let scene = render::layout(incident, &opts);
    if let Some(dump_path) = &args.dump_layout {
        let dump = scene.boxes_json();
        if let Err(e) = super::write_output(dump_path, dump.as_bytes()) {
            o.say(format!(
                "error: cannot write `{}`: {e}",
                dump_path.display()
            ));
            o.fail(EXIT_USAGE);
            return o;
        }
    }
    let chart_format = match format {
        OutputFormat::Svg => ChartFormat::Svg,
        OutputFormat::Png => ChartFormat::Png,
    };
    let bytes = match pipeline::draw_scene(&scene, chart_format, &opts) {
        Ok(b) => b,
        Err(e) => {
            o.say(format!("error: {}: {e}", path.display()));
            o.fail(EXIT_USAGE);
            return o;
        }
    };
    if let Err(e) = super::write_output(target, &bytes) {
        o.say(format!("error: cannot write `{}`: {e}", target.display()));
        o.fail(EXIT_USAGE);
        return o;
    }
    o.charts_written += 1;
    if args.diagnostics == DiagnosticFormat::Human && target != Path::new("-") {
        if !single && !args.verbosity.quiet {
            o.say(format!("{}: wrote {}", path.display(), target.display()));
        } else if single && args.verbosity.says_what_was_done() {
            o.say(format!("wrote {}", target.display()));
        }
    }
    o
}

fn format_from_extension(path: &Path) -> Option<OutputFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "svg" => Some(OutputFormat::Svg),
        "png" => Some(OutputFormat::Png),
        _ => None,
    }
}
