//! `pmchart render INPUT -o OUT`: the chart as SVG or PNG.

use super::{load_and_read, print_diagnostics, Loaded, EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use clap::{Args, ValueEnum};
use pmchart::input::ReadOptions;
use pmchart::layout::{Scene, Shape};
use pmchart::render::{self, RenderOptions, Theme};
use pmchart::report::DiagnosticFormat;
use pmchart::validate::{self, CheckOptions};
use pmchart::Severity;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(after_help = "Examples:\n  \
    pmchart render examples/one-hour-outage.json -o chart.svg\n  \
    pmchart render postmortem.md -o chart.png --theme dark --scale 2\n  \
    pmchart render incident.json -o - --format svg --tz Europe/London > chart.svg\n  \
    cat incident.json | pmchart render - -o chart.png")]
pub struct RenderArgs {
    /// A Markdown postmortem or a JSON incident; `-` for standard input.
    pub input: PathBuf,
    /// Where to write the chart; `-` for standard output (then give --format).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Output format; by default from the output's extension.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t)]
    pub theme: Theme,
    /// Width in CSS pixels; the height follows the content.
    #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u32).range(480..=4000))]
    pub width: u32,
    /// Pixels per CSS pixel in PNG output.
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,
    /// Display zone, also used for times that state none (IANA name, UTC, or offset like +01:00).
    #[arg(long, value_parser = super::parse_zone)]
    pub tz: Option<pmchart::Zone>,
    /// Title of the chart (instead of the document's).
    #[arg(long)]
    pub title: Option<String>,
    /// Keep text as `<text>` in the SVG (selectable; needs the Inter font to look right).
    #[arg(long)]
    pub keep_text: bool,
    /// Also write the laid-out text boxes and marks as JSON (kind, text, x, y, width, height).
    #[arg(long, value_name = "FILE.json")]
    pub dump_layout: Option<PathBuf>,
    /// Render even when the checks report errors.
    #[arg(long)]
    pub force: bool,
    /// How diagnostics are printed on standard error.
    #[arg(long = "diagnostics", value_enum, default_value_t)]
    pub diagnostics: DiagnosticFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Svg,
    Png,
}

pub fn run(args: RenderArgs) -> u8 {
    let format = match args.format.or_else(|| format_from_extension(&args.output)) {
        Some(f) => f,
        None => {
            eprintln!(
                "error: cannot tell the output format from `{}`: name it .svg or .png, or give --format svg|png",
                args.output.display()
            );
            return EXIT_USAGE;
        }
    };
    if !(args.scale.is_finite() && args.scale > 0.0 && args.scale <= 8.0) {
        eprintln!(
            "error: --scale must be above 0 and at most 8 (got {})",
            args.scale
        );
        return EXIT_USAGE;
    }
    let read_opts = ReadOptions {
        tz: args.tz.clone(),
        title: args.title.clone(),
    };
    let (source, parsed) = match load_and_read(&args.input, &read_opts, args.diagnostics) {
        Loaded::Failed(code) => return code,
        Loaded::Read { source, parsed } => (source, parsed),
    };
    let mut incident = parsed.incident;
    if let Some(z) = args.tz {
        incident.display_zone = Some(z);
    }
    if let Some(t) = args.title {
        incident.title = Some(t);
    }
    let mut diags = parsed.diagnostics;
    diags.extend(validate::check(&incident, &CheckOptions::default()));
    print_diagnostics(&diags, &source, args.diagnostics);
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 && !args.force {
        eprintln!(
            "error: {} has {errors} error{}; fix {} or pass --force to render anyway",
            source.display_name(),
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "it" } else { "them" },
        );
        return EXIT_ERRORS;
    }

    let opts = RenderOptions {
        width: args.width,
        theme: args.theme,
        scale: args.scale,
        keep_text: args.keep_text,
    };
    let scene = render::layout(&incident, &opts);
    if let Some(path) = &args.dump_layout {
        let dump = serde_json::to_string_pretty(&dump_layout(&scene))
            .expect("the layout always serialises")
            + "\n";
        if let Err(e) = write_output(path, dump.as_bytes()) {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            return EXIT_USAGE;
        }
    }
    let bytes = match format {
        OutputFormat::Svg => pmchart::draw::svg(&scene, opts.theme, opts.keep_text).into_bytes(),
        OutputFormat::Png => match pmchart::draw::png(&scene, opts.theme, opts.scale) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: cannot rasterise the chart: {e}");
                return EXIT_USAGE;
            }
        },
    };
    if let Err(e) = write_output(&args.output, &bytes) {
        eprintln!("error: cannot write `{}`: {e}", args.output.display());
        return EXIT_USAGE;
    }
    EXIT_OK
}

fn format_from_extension(path: &Path) -> Option<OutputFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "svg" => Some(OutputFormat::Svg),
        "png" => Some(OutputFormat::Png),
        _ => None,
    }
}

/// Writes to standard output for `-`, else atomically: a temporary file beside the target,
/// renamed over it, so a reader never sees half a chart.
fn write_output(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path == Path::new("-") {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        return out.flush();
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    // A chart is for sharing: readable by all, like a file the user would save (tempfile
    // creates files readable by the owner only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// One entry of `--dump-layout`.
#[derive(Serialize)]
struct DumpItem<'a> {
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
}

#[derive(Serialize)]
struct Dump<'a> {
    width: f32,
    height: f32,
    items: Vec<DumpItem<'a>>,
}

fn dump_layout(scene: &Scene) -> Dump<'_> {
    let items = scene
        .shapes
        .iter()
        .map(|s| {
            let b = s.bounds();
            let role = serde_json::to_value(s.role())
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let kind = match s {
                Shape::Marker(m) => format!("{role}:{}", m.kind),
                _ => role,
            };
            DumpItem {
                kind,
                text: s.text(),
                x: b.x,
                y: b.y,
                width: b.width,
                height: b.height,
            }
        })
        .collect();
    Dump {
        width: scene.width,
        height: scene.height,
        items,
    }
}
