//! Diagnostics: what is wrong with an input, where, and what to do. Readers and checks produce
//! them; the CLI prints them (rustc-style, JSON or GitHub annotations).

pub use crate::codes::{Code, Severity};
use crate::model::Span;

/// One problem found in one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// What the problem is; its stable id (`PM101`) is documented in the README.
    pub code: Code,
    /// How bad it is: the code's severity, or a warning where a kind was guessed.
    pub severity: Severity,
    /// What is wrong, in one sentence quoting the input.
    pub message: String,
    /// The place the problem is; `None` for whole-file problems.
    pub span: Option<Span>,
    /// Other places that explain it ("the previous entry is here").
    pub related: Vec<(Span, String)>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of `code`, with the code's severity.
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            span: None,
            related: Vec::new(),
            help: None,
        }
    }
    /// The severity instead of the code's: PM503 and PM504 are warnings when a kind was guessed.
    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }
    /// The place the problem is.
    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }
    /// The place the problem is, when there is one.
    pub fn at_opt(mut self, span: Option<Span>) -> Diagnostic {
        self.span = span;
        self
    }
    /// Another place that explains the problem, with a label.
    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.related.push((span, label.into()));
        self
    }
    /// What to do about it.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
    /// The 1-based line the problem is on.
    pub fn line(&self) -> Option<usize> {
        self.span.map(|s| s.line)
    }
}

/// A text quoted in a message (an entry's, a timeline item's), shortened.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX: usize = 40;
    let t = text.trim();
    if t.chars().count() <= MAX {
        t.to_string()
    } else {
        let cut: String = t.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The worst severity among `diags`, if any.
pub fn worst(diags: &[Diagnostic]) -> Option<Severity> {
    diags.iter().map(|d| d.severity).max()
}

/// Whether any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}
