//! `pmchart export --to mermaid INPUT`: the incident as a Mermaid gantt block, which GitHub
//! renders in Markdown without image files.

use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use clap::Args;
use pmchart::report::DiagnosticFormat;
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
    let checked = match super::check_single(
        &args.input,
        args.tz.clone(),
        &args.settings,
        args.verbosity,
        DiagnosticFormat::Human,
    ) {
        Ok(c) => c,
        Err(code) => return code,
    };
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
