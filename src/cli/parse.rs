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
    /// Instead of the JSON, print each entry's kind and the words and rule that decided it,
    /// then the metrics with the two entries each is measured between.
    #[arg(long)]
    pub explain: bool,
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
            let out = if args.explain {
                explain(&parsed.incident)
            } else {
                json::write(&parsed.incident)
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

/// One line per entry: where, when, the kind and why; then the metrics and their endpoints.
fn explain(incident: &pmchart::Incident) -> String {
    let clean = |s: &str| -> String {
        // Entry text is the author's: no control characters reach the terminal.
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    let mut out = String::new();
    for e in &incident.events {
        let line = e.span.map(|s| s.line.to_string()).unwrap_or_default();
        let why = e
            .kind_reason
            .clone()
            .unwrap_or_else(|| format!("{} (given)", e.kind));
        let text: String = clean(&e.text).chars().take(60).collect();
        out.push_str(&format!(
            "line {line:>4}  {}  {}\n            {text}\n",
            e.wall_clock(),
            clean(&why)
        ));
        if let Some(a) = &e.actor {
            out.push_str(&format!("            escalated to: {}\n", clean(a)));
        }
    }
    out.push('\n');
    for (_, label, figure) in pmchart::metrics::measure(incident).all() {
        out.push_str(&format!("{label}: {}\n", figure.explain()));
    }
    out
}
