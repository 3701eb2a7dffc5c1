//! The `pmchart` command: thin glue over the library. Each subcommand lives in `cli/`.

mod cli;

use clap::{CommandFactory, Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "pmchart",
    version,
    about = "Turn the timeline of an incident postmortem into a chart: checked, exact about time, byte-identical everywhere.",
    after_help = "Examples:\n  pmchart render README.md -o timeline.svg\n  pmchart render examples/one-hour-outage.json -o chart.png --theme dark\n  pmchart parse README.md\n  pmchart check postmortems/\n  pmchart embed README.md"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render a chart to SVG or PNG.
    Render(cli::render::RenderArgs),
    /// Print the incident read from an input as JSON (the JSON input format).
    Parse(cli::parse::ParseArgs),
    /// Check postmortems and report every problem on its line.
    Check(cli::check::CheckArgs),
    /// Render the chart next to a README and embed it between pmchart markers.
    Embed(cli::embed::EmbedArgs),
    /// Read a PagerDuty or Statuspage record into a pmchart incident (JSON) or a Markdown
    /// Timeline section.
    Import(cli::import::ImportArgs),
    /// Write the incident in another tool's format: a Mermaid gantt block.
    Export(cli::export::ExportArgs),
    /// Team metrics over many postmortems: time to detect, acknowledge (MTA), mitigate and
    /// resolve (MTR), as a table, JSON, CSV or Markdown, and a chart.
    Stats(cli::stats::StatsArgs),
    /// Explain a diagnostic code, with an example and what pmchart reports on it; with no
    /// code, list them all.
    Explain {
        /// A code such as PM607 (any case).
        code: Option<String>,
    },
    /// Print a shell completion script: `pmchart completions bash > ~/.local/share/bash-completion/completions/pmchart`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `pmchart man > ~/.local/share/man/man1/pmchart.1`.
    Man,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Render(a) => cli::render::run(a),
        Command::Parse(a) => cli::parse::run(a),
        Command::Check(a) => cli::check::run(a),
        Command::Embed(a) => cli::embed::run(a),
        Command::Import(a) => cli::import::run(a),
        Command::Export(a) => cli::export::run(a),
        Command::Stats(a) => cli::stats::run(a),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "pmchart", &mut out);
            write_stdout(&out)
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => write_stdout(&out),
                Err(e) => {
                    eprintln!("error: cannot write the manual page: {e}");
                    cli::EXIT_USAGE
                }
            }
        }
    };
    ExitCode::from(code)
}

/// `pmchart explain [CODE]`.
fn explain(code: Option<&str>) -> u8 {
    use pmchart::codes::Code;
    match code {
        None => {
            let list: String = Code::ALL
                .iter()
                .map(|c| format!("{} {:7} {}\n", c.id(), c.severity().as_str(), c.meaning()))
                .collect();
            write_stdout(list.as_bytes())
        }
        Some(id) => match Code::from_id(&id.trim().to_ascii_uppercase()) {
            Some(c) => write_stdout(pmchart::explain::explain(c).as_bytes()),
            None => {
                eprintln!(
                    "error: `{}` is not a pmchart code; `pmchart explain` lists them (PM001 to PM705)",
                    id.chars().filter(|c| !pmchart::inert::is_active(*c)).collect::<String>()
                );
                cli::EXIT_USAGE
            }
        },
    }
}

/// Writes generated text to standard output; a closed or full output is exit 2.
fn write_stdout(bytes: &[u8]) -> u8 {
    match std::io::stdout().lock().write_all(bytes) {
        Ok(()) => cli::EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            cli::EXIT_USAGE
        }
    }
}
