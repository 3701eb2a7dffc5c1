//! `pmchart parse INPUT`: the model as JSON on standard output; diagnostics on standard error.

use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use clap::Args;
use pmchart::input::json;
use pmchart::report::DiagnosticFormat;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct ParseArgs {
    /// A Markdown postmortem or a JSON incident; `-` for standard input.
    pub input: PathBuf,
    /// Zone for times that state none (IANA name in any case, UTC, an offset like +01:00, or an abbreviation like WAT).
    #[arg(long, value_parser = super::parse_zone)]
    pub tz: Option<pmchart::Zone>,
    /// How diagnostics are printed on standard error.
    #[arg(long, value_parser = super::diagnostic_format(), default_value = "human")]
    pub format: DiagnosticFormat,
    /// Instead of the JSON, print each entry's kind and the words and rule that decided it,
    /// then the metrics with the two entries each is measured between.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub settings: super::Settings,
    #[command(flatten)]
    pub verbosity: super::Verbosity,
}

pub fn run(args: ParseArgs) -> u8 {
    let checked = match super::check_single(
        &args.input,
        args.tz.clone(),
        &args.settings,
        args.verbosity,
        args.format,
    ) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match &checked.incident {
        None => EXIT_ERRORS,
        Some(incident) => {
            let out = if args.explain {
                pmchart::narrative::explain(incident)
            } else {
                json::write(incident)
            };
            match std::io::stdout().lock().write_all(out.as_bytes()) {
                Ok(()) => EXIT_OK,
                Err(e) => {
                    eprintln!("error: cannot write to standard output: {e}");
                    EXIT_USAGE
                }
            }
        }
    }
}
