//! `pmchart check`.

use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct CheckArgs {
    /// Inputs.
    pub inputs: Vec<PathBuf>,
}

pub fn run(_args: CheckArgs) -> u8 {
    eprintln!("error: `pmchart check` is not built yet");
    super::EXIT_USAGE
}
