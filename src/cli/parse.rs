//! `pmchart parse INPUT`: the model as JSON on standard output; diagnostics on standard error.

use super::{print_diagnostics, EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use clap::Args;
use pmchart::input::json;
use pmchart::pipeline;
use pmchart::report::DiagnosticFormat;
use pmchart::validate::Template;
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
        // The template's sections and word count are `check`'s; the timeline's problems are
        // worth seeing beside what was read.
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
    // What was read is printed even when it has problems; those go to standard error.
    print_diagnostics(
        &args.verbosity.keep(&checked.diagnostics),
        &checked.source,
        args.format,
        args.settings.stderr_color(),
    );
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
