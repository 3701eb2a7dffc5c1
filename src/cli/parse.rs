//! `pmchart parse INPUT`: the model as JSON on standard output; diagnostics on standard error.

use super::{load_and_read, print_diagnostics, Loaded, EXIT_OK, EXIT_USAGE};
use clap::Args;
use pmchart::input::{json, ReadOptions};
use pmchart::report::DiagnosticFormat;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct ParseArgs {
    /// A Markdown postmortem or a JSON incident; `-` for standard input.
    pub input: PathBuf,
    /// Zone for times that state none (IANA name, UTC, or offset like +01:00).
    #[arg(long, value_parser = super::parse_zone)]
    pub tz: Option<pmchart::Zone>,
    /// How diagnostics are printed on standard error.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiagnosticFormat,
}

pub fn run(args: ParseArgs) -> u8 {
    let opts = ReadOptions {
        tz: args.tz,
        title: None,
    };
    match load_and_read(&args.input, &opts, args.format) {
        Loaded::Failed(code) => code,
        Loaded::Read { source, parsed } => {
            // What was read is printed even when it has problems; those go to standard error.
            print_diagnostics(&parsed.diagnostics, &source, args.format);
            let out = json::write(&parsed.incident);
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
