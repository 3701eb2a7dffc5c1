//! `pmchart embed`.

use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub struct EmbedArgs {
    /// Inputs.
    pub inputs: Vec<PathBuf>,
}

pub fn run(_args: EmbedArgs) -> u8 {
    eprintln!("error: `pmchart embed` is not built yet");
    super::EXIT_USAGE
}
