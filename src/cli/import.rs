//! `pmchart import pagerduty|statuspage FILE`: an on-call record as a pmchart incident (JSON) or
//! a Markdown *Timeline* section to paste into a postmortem.

use super::{print_diagnostics, EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use clap::Args;
use pmchart::input::import::{self, Service};
use pmchart::input::{self, json, LoadError, ReadOptions};
use pmchart::report::DiagnosticFormat;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ImportArgs {
    /// Where the record comes from: `pagerduty` (the log entries of an incident) or
    /// `statuspage` (incidents from a status page's API).
    #[arg(value_parser = super::choice(&Service::ALL))]
    pub service: Service,
    /// The JSON the service's API returned; `-` for standard input.
    pub input: PathBuf,
    /// `json` (pmchart's incident format) or `markdown` (a Timeline section in the template's
    /// bullet form).
    #[arg(long = "to", value_enum, default_value_t = ImportFormat::Json)]
    pub to: ImportFormat,
    /// Output file [default: standard output]; with `--all`, a folder for one file per incident.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The Statuspage incident to import, by its id, from a file of several.
    #[arg(long, conflicts_with = "all")]
    pub id: Option<String>,
    /// Every incident of a Statuspage file, one file each (named by id) in the `-o` folder.
    #[arg(long, requires = "output")]
    pub all: bool,
    /// Display zone of the incident (the records' times are exact instants; UTC by default).
    #[arg(long, value_parser = super::parse_zone)]
    pub tz: Option<pmchart::Zone>,
    #[command(flatten)]
    pub settings: super::Settings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    Json,
    Markdown,
}

fn written(incident: &pmchart::Incident, to: ImportFormat) -> String {
    match to {
        ImportFormat::Json => json::write(incident),
        ImportFormat::Markdown => pmchart::export::markdown_timeline(incident),
    }
}

pub fn run(args: ImportArgs) -> u8 {
    let source = match input::load(&args.input) {
        Ok(s) => s,
        Err(LoadError::Io { path, error }) => {
            eprintln!("error: cannot read `{}`: {error}", path.display());
            return EXIT_USAGE;
        }
        Err(LoadError::Invalid { source, diagnostic }) => {
            print_diagnostics(
                &[diagnostic],
                &source,
                DiagnosticFormat::Human,
                args.settings.stderr_color(),
            );
            return EXIT_ERRORS;
        }
    };
    let opts = ReadOptions {
        tz: args.tz.clone(),
        title: None,
    };
    let color = args.settings.stderr_color();
    if args.all {
        if args.service != Service::Statuspage {
            eprintln!("error: --all is for Statuspage files, which may hold several incidents; a PagerDuty record is one");
            return EXIT_USAGE;
        }
        let dir = args.output.as_deref().unwrap_or(Path::new("."));
        if !dir.is_dir() {
            eprintln!("error: with --all, -o names a folder, and `{}` is not one: create it first (mkdir -p)", dir.display());
            return EXIT_USAGE;
        }
        let all = match import::statuspage_incidents(&source.text, &opts) {
            Ok(all) => all,
            Err(f) => {
                print_diagnostics(&f.diagnostics, &source, DiagnosticFormat::Human, color);
                return EXIT_ERRORS;
            }
        };
        let ext = match args.to {
            ImportFormat::Json => "json",
            ImportFormat::Markdown => "md",
        };
        for (id, parsed) in all {
            // Ids come from the file: only letters, digits, `-` and `_` make a file name.
            let safe: String = id
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if safe.is_empty() {
                eprintln!(
                    "error: an incident without a usable id in `{}`; use --id",
                    args.input.display()
                );
                return EXIT_ERRORS;
            }
            let path = dir.join(format!("{safe}.{ext}"));
            if let Err(e) =
                super::write_output(&path, written(&parsed.incident, args.to).as_bytes())
            {
                eprintln!("error: cannot write `{}`: {e}", path.display());
                return EXIT_USAGE;
            }
            eprintln!("wrote {}", path.display());
        }
        return EXIT_OK;
    }
    match import::read(&source.text, args.service, args.id.as_deref(), &opts) {
        Ok(parsed) => {
            let out = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
            match super::write_output(&out, written(&parsed.incident, args.to).as_bytes()) {
                Ok(()) => EXIT_OK,
                Err(e) => {
                    eprintln!("error: cannot write `{}`: {e}", out.display());
                    EXIT_USAGE
                }
            }
        }
        Err(f) => {
            print_diagnostics(&f.diagnostics, &source, DiagnosticFormat::Human, color);
            EXIT_ERRORS
        }
    }
}
