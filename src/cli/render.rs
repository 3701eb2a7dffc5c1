//! `pmchart render`.

use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct RenderArgs {
    /// Inputs.
    pub inputs: Vec<PathBuf>,
}

pub fn run(_args: RenderArgs) -> u8 {
    eprintln!("error: `pmchart render` is not built yet");
    super::EXIT_USAGE
}
