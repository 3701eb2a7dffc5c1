//! `pmchart export --to mermaid INPUT`: the incident as a Mermaid gantt block, which GitHub
//! renders in Markdown without image files.

use super::{print_diagnostics, EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use clap::Args;
use pmchart::pipeline;
use pmchart::report::DiagnosticFormat;
use pmchart::validate::Template;
use pmchart::Severity;
use std::path::PathBuf;

#[derive(Args)]
pub struct ExportArgs {
    /// The format to write: `mermaid` (a ```mermaid gantt block).
    #[arg(long = "to", value_enum, default_value_t = ExportFormat::Mermaid)]
    pub to: ExportFormat,
    /// A Markdown postmortem, a JSON incident or an on-call record; `-` for standard input.
    pub input: PathBuf,
    /// Output file [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Zone for times that state none, and the chart's zone.
    #[arg(long, value_parser = super::parse_zone)]
    pub tz: Option<pmchart::Zone>,
    /// Export even when the checks report errors.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub settings: super::Settings,
    #[command(flatten)]
    pub verbosity: super::Verbosity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Mermaid,
}

pub fn run(args: ExportArgs) -> u8 {
    let config = match args.settings.finder().and_then(|f| f.for_file(&args.input)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let opts = super::Asked {
        tz: args.tz.clone(),
        title: None,
        template: Some(Template::None),
    }
    .options(config.as_deref());
    let checked = match pipeline::check_path(&args.input, &opts) {
        Ok(c) => c,
        Err(u) => {
            eprintln!("error: {u}");
            return EXIT_USAGE;
        }
    };
    print_diagnostics(
        &args.verbosity.keep(&checked.diagnostics),
        &checked.source,
        DiagnosticFormat::Human,
        args.settings.stderr_color(),
    );
    let Some(incident) = &checked.incident else {
        return EXIT_ERRORS;
    };
    if checked.worst() == Some(Severity::Error) && !args.force {
        eprintln!("error: the timeline has errors: fix them, or export anyway with --force");
        return EXIT_ERRORS;
    }
    let block = format!("```mermaid\n{}```\n", pmchart::export::mermaid(incident));
    let out = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
    match super::write_output(&out, block.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write `{}`: {e}", out.display());
            EXIT_USAGE
        }
    }
}
