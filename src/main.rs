//! The `pmchart` command: thin glue over the library. Each subcommand lives in `cli/`.

mod cli;

use clap::{Parser, Subcommand};
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Render(a) => cli::render::run(a),
        Command::Parse(a) => cli::parse::run(a),
        Command::Check(a) => cli::check::run(a),
        Command::Embed(a) => cli::embed::run(a),
    };
    ExitCode::from(code)
}
