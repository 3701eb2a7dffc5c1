//! The Markdown reader: the Timeline and Issue Summary of a postmortem as people write them.

use super::{Failure, Parsed, ReadOptions};
use crate::diagnostics::Diagnostic;

/// Reads a postmortem's timeline from Markdown.
pub fn read(_text: &str, _opts: &ReadOptions) -> Result<Parsed, Failure> {
    Err(Failure::one(Diagnostic::error(
        "PM010",
        "no timeline found (the Markdown reader is not built yet)",
    )))
}
