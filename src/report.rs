//! Printing diagnostics: rustc-style for people, JSON for tools, GitHub workflow annotations,
//! SARIF for code scanning (see [`sarif`]).

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::SourceText;
use codespan_reporting::diagnostic::{self as cs, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor, Chars, Config};
use serde::Serialize;
use std::io::{self, Write};

/// How diagnostics are printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiagnosticFormat {
    /// rustc-style, with the source line and an underline; coloured on a terminal.
    #[default]
    Human,
    /// One JSON object per line and diagnostic.
    Json,
    /// GitHub Actions workflow annotations (`::error file=…,line=…::message`).
    Github,
    /// SARIF 2.1.0 results, one JSON object per line and diagnostic: [`sarif::log`] gathers a
    /// run's lines into the one document code scanning reads (`pmchart check --format sarif`).
    Sarif,
}

impl DiagnosticFormat {
    /// Every format, by its name on the command line.
    pub const ALL: [(&'static str, DiagnosticFormat); 3] = [
        ("human", DiagnosticFormat::Human),
        ("json", DiagnosticFormat::Json),
        ("github", DiagnosticFormat::Github),
    ];

    /// The formats `pmchart check` offers: these and SARIF, which is a whole run's document.
    pub const FOR_CHECK: [(&'static str, DiagnosticFormat); 4] = [
        ("human", DiagnosticFormat::Human),
        ("json", DiagnosticFormat::Json),
        ("github", DiagnosticFormat::Github),
        ("sarif", DiagnosticFormat::Sarif),
    ];
}

/// Writes `diags` about `source` to `out`. `color` applies to the human format only.
pub fn emit(
    diags: &[Diagnostic],
    source: &SourceText,
    format: DiagnosticFormat,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let file = source.display_name();
    match format {
        DiagnosticFormat::Human => human(diags, source, color, out),
        DiagnosticFormat::Json => {
            for d in diags {
                let line = serde_json::to_string(&JsonDiagnostic::new(d, &file))
                    .map_err(io::Error::other)?;
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
        DiagnosticFormat::Github => {
            for d in diags {
                writeln!(out, "{}", github_annotation(d, &file))?;
            }
            Ok(())
        }
        DiagnosticFormat::Sarif => {
            for d in diags {
                writeln!(out, "{}", sarif::result(d, &file))?;
            }
            Ok(())
        }
    }
}

/// The rustc look, through codespan-reporting: header, `--> file:line:col`, the source line with
/// an underline, related places underlined with `-`, and `= help:`.
fn human(
    diags: &[Diagnostic],
    source: &SourceText,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let name = source.display_name();
    // The source is quoted back to a terminal: control characters and bidi overrides from the
    // input must not act on it. Replacements keep every byte offset. A lone CR (old Mac line
    // endings) becomes a line feed, so that codespan sees the lines pmchart counts; without it
    // such a file is one line, quoted whole for every diagnostic.
    let text = lone_cr_as_lf(&neutralise_keeping_offsets(&source.text));
    let file = SimpleFile::new(name.as_str(), text.as_str());
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    let lines = crate::model::line_bounds(&text);
    for d in diags {
        // A line too long to quote (a minified JSON) is named, and an excerpt around the span
        // shown, instead: quoting it whole for every diagnostic would print gigabytes.
        if let Some(s) = d.span {
            let (ls, le) = lines
                .get(s.line.saturating_sub(1))
                .copied()
                .unwrap_or((0, 0));
            if le - ls > MAX_QUOTED_LINE {
                let from = floor_char(&text, s.start.saturating_sub(EXCERPT).max(ls));
                let to = floor_char(&text, (s.end + EXCERPT).min(le).max(from));
                plain(d, &name, Some(&text[from..to]), out)?;
                continue;
            }
        }
        let rendered = to_codespan(d, &name, &text);
        let result = if color {
            let mut ansi = termcolor::Ansi::new(&mut *out);
            term::emit_to_write_style(&mut ansi, &config, &file, &rendered)
        } else {
            term::emit_to_io_write(&mut *out, &config, &file, &rendered)
        };
        if let Err(e) = result {
            // A span codespan cannot place: say it plainly rather than lose the diagnostic.
            match e {
                codespan_reporting::files::Error::Io(e) => return Err(e),
                _ => plain(d, &name, None, out)?,
            }
        }
    }
    Ok(())
}

/// `text` with every CR that is not followed by LF written as LF: the same bytes, lines as
/// [`crate::model::line_bounds`] counts them.
fn lone_cr_as_lf(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, _) in text.match_indices('\r') {
        if b.get(i + 1) != Some(&b'\n') {
            out.push_str(&text[last..i]);
            out.push('\n');
            last = i + 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Source lines longer than this (in bytes) are not quoted whole.
const MAX_QUOTED_LINE: usize = 1000;
/// Bytes shown on either side of a span on such a line.
const EXCERPT: usize = 60;

/// `i`, moved back onto a character boundary of `text`.
fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn to_codespan(d: &Diagnostic, name: &str, text: &str) -> cs::Diagnostic<()> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let message = neutralise(&d.message);
    let mut out = cs::Diagnostic::new(severity).with_code(d.code);
    out = match d.span {
        Some(s) => out
            .with_message(message)
            .with_label(Label::primary((), byte_range(text, s.start, s.end))),
        // A whole-file problem has no line to show: name the file in the header, as compilers do.
        None => out.with_message(format!("{name}: {message}")),
    };
    for (span, label) in &d.related {
        out = out.with_label(
            Label::secondary((), byte_range(text, span.start, span.end))
                .with_message(neutralise(label)),
        );
    }
    if let Some(h) = &d.help {
        out = out.with_note(format!("help: {}", neutralise(h)));
    }
    out
}

/// `start..end` clamped into `text` and onto character boundaries.
fn byte_range(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let clamp = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let end = clamp(end);
    clamp(start).min(end)..end
}

/// The fallback when codespan cannot render: `severity[code]: file:line:col: message`.
/// The diagnostic without codespan: its header, an excerpt of the source line when given, help.
fn plain(d: &Diagnostic, name: &str, excerpt: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    match d.span {
        Some(s) => writeln!(
            out,
            "{}[{}]: {name}:{}:{}: {}",
            d.severity.as_str(),
            d.code,
            s.line,
            s.column,
            neutralise(&d.message)
        )?,
        None => writeln!(
            out,
            "{}[{}]: {name}: {}",
            d.severity.as_str(),
            d.code,
            neutralise(&d.message)
        )?,
    }
    if let Some(x) = excerpt {
        writeln!(out, "  | …{}…", neutralise(x))?;
    }
    if let Some(h) = &d.help {
        writeln!(out, "  = help: {}", neutralise(h))?;
    }
    Ok(())
}

/// Characters that would act on a terminal rather than show (see [`crate::inert`]), but tab and
/// line breaks, which the source excerpt lays out itself.
fn is_active(c: char) -> bool {
    crate::inert::is_active(c) && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` with active characters replaced by visible ones of the same UTF-8 length.
fn neutralise_keeping_offsets(text: &str) -> String {
    text.chars()
        .map(|c| {
            if !is_active(c) {
                return c;
            }
            match c.len_utf8() {
                1 => '?',
                2 => '\u{00BF}', // ¿
                _ => '\u{FFFD}',
            }
        })
        .collect()
}

/// A message, label or help for one line of output: active characters become U+FFFD, and line
/// breaks and tabs are written as `\n`, `\r`, `\t`, so that text quoted from the input (a JSON
/// key holding "\n::error file=…::") can never start a line of its own, where a terminal or a CI
/// runner would take it for one of its commands.
fn neutralise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_active(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub mod sarif {
    //! SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one run, pmchart's codes as its
    //! rules, each diagnostic a result at its file, line and column (columns in Unicode code
    //! points, as pmchart counts them).

    use crate::codes::Code;
    use crate::diagnostics::{Diagnostic, Severity};
    use serde_json::{json, Value};

    fn level(s: Severity) -> &'static str {
        match s {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    /// A path as a relative URI reference: `/` separators, and every byte outside the
    /// unreserved set percent-encoded.
    pub fn uri(path: &str) -> String {
        let mut out = String::with_capacity(path.len());
        for b in path.replace('\\', "/").bytes() {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// One diagnostic about `file` as a SARIF result (one line of JSON).
    pub fn result(d: &Diagnostic, file: &str) -> Value {
        let mut physical = json!({ "artifactLocation": { "uri": uri(file) } });
        if let Some(s) = d.span {
            physical["region"] = json!({
                "startLine": s.line,
                "startColumn": s.column,
                "endLine": s.end_line,
                "endColumn": s.end_column,
            });
        }
        let text = match &d.help {
            Some(h) => format!("{}\nhelp: {h}", d.message),
            None => d.message.clone(),
        };
        let rule_index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
        json!({
            "ruleId": d.code.id(),
            "ruleIndex": rule_index,
            "level": level(d.severity),
            "message": { "text": text },
            "locations": [ { "physicalLocation": physical } ],
        })
    }

    /// The SARIF document of a run whose results are `results` (as [`result`] makes them).
    pub fn log(results: Vec<Value>) -> String {
        let rules: Vec<Value> = Code::ALL
            .iter()
            .map(|c| {
                json!({
                    "id": c.id(),
                    "shortDescription": { "text": c.meaning() },
                    "help": { "text": c.what_to_do() },
                    "defaultConfiguration": { "level": level(c.severity()) },
                    "properties": { "tags": [c.group().name()] },
                })
            })
            .collect();
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "pmchart",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        serde_json::to_string_pretty(&doc).expect("a JSON value serialises") + "\n"
    }
}

/// `--format json`: one object per line, the fields in this order.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    /// This output's version: 1.
    version: u32,
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<&'a str>,
}

impl<'a> JsonDiagnostic<'a> {
    fn new(d: &'a Diagnostic, file: &'a str) -> Self {
        JsonDiagnostic {
            version: 1,
            code: d.code.id(),
            severity: d.severity.as_str(),
            message: &d.message,
            file,
            line: d.span.map(|s| s.line),
            column: d.span.map(|s| s.column),
            end_line: d.span.map(|s| s.end_line),
            end_column: d.span.map(|s| s.end_column),
            help: d.help.as_deref(),
        }
    }
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=PM101::message`, with the help on a
/// second line of the message. Notes become `notice`.
pub fn github_annotation(d: &Diagnostic, file: &str) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut props = vec![format!("file={}", escape_property(file))];
    if let Some(s) = d.span {
        props.push(format!("line={}", s.line));
        props.push(format!("col={}", s.column));
        props.push(format!("endLine={}", s.end_line));
        props.push(format!("endColumn={}", s.end_column));
    }
    props.push(format!("title={}", escape_property(d.code.id())));
    // Quoted input is neutralised first (no ESC, BEL or bidi controls reach the log); the line
    // break before the help is the annotation's own.
    let mut message = neutralise(&d.message);
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&neutralise(h));
    }
    format!("::{level} {}::{}", props.join(","), escape_data(&message))
}

/// GitHub's escaping for the message of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping for a property value: the message escapes, and `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::Code;

    #[test]
    fn a_file_with_old_mac_line_endings_is_quoted_line_by_line() {
        let text = format!(
            "# T\r## Timeline\r{}\r- 10:30 x\r- 10:05 y\r",
            "z".repeat(5000)
        );
        let source = SourceText {
            path: None,
            text,
            format: crate::model::InputFormat::Markdown,
        };
        let d = Diagnostic::new(Code::OutOfOrder, "out of order").at(Span::from_bytes(
            &source.text,
            source.text.find("10:05").unwrap(),
            source.text.find("10:05").unwrap() + 5,
        ));
        let mut out = Vec::new();
        emit(&[d], &source, DiagnosticFormat::Human, false, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("--> <stdin>:5:3"), "{out}");
        assert!(out.contains("5 | - 10:05 y"), "{out}");
        assert!(
            out.len() < 500,
            "the whole file was quoted: {} bytes",
            out.len()
        );
    }
    use crate::model::{InputFormat, Span};
    use std::path::PathBuf;

    const SRC: &str = "# Outage\n## Timeline\n- 10:30 Rolled back\n- 10:05 Alert fired\n";

    fn source() -> SourceText {
        SourceText {
            path: Some(PathBuf::from("docs/README.md")),
            text: SRC.to_string(),
            format: InputFormat::Markdown,
        }
    }

    fn span_of(needle: &str) -> Span {
        let at = SRC.find(needle).unwrap();
        Span::from_bytes(SRC, at, at + needle.len())
    }

    fn out_of_order() -> Diagnostic {
        Diagnostic::new(
            Code::OutOfOrder,
            "entry out of order: 10:05 comes after 10:30 on line 3",
        )
        .at(span_of("10:05"))
        .with_related(span_of("10:30"), "the previous entry is at 10:30")
        .with_help("correct the time, or move the entry")
    }

    fn render(diags: &[Diagnostic], format: DiagnosticFormat, color: bool) -> String {
        let mut out = Vec::new();
        emit(diags, &source(), format, color, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn human_output_shows_the_line_the_underline_and_the_help() {
        let s = render(&[out_of_order()], DiagnosticFormat::Human, false);
        assert!(s.starts_with("error[PM101]: entry out of order"), "{s}");
        assert!(s.contains("--> docs/README.md:4:3"), "{s}");
        assert!(s.contains("4 | - 10:05 Alert fired"), "{s}");
        assert!(s.contains("^^^^^"), "{s}");
        assert!(s.contains("----- the previous entry is at 10:30"), "{s}");
        assert!(s.contains("= help: correct the time"), "{s}");
        assert!(!s.contains('\u{1b}'), "no colour when not asked: {s}");
    }

    #[test]
    fn human_output_is_coloured_only_when_asked() {
        let s = render(&[out_of_order()], DiagnosticFormat::Human, true);
        assert!(s.contains("\u{1b}["), "{s:?}");
    }

    #[test]
    fn a_whole_file_problem_names_the_file() {
        let d = Diagnostic::new(
            Code::MissingSection,
            "the postmortem has no \"Timeline\" section",
        );
        let s = render(&[d], DiagnosticFormat::Human, false);
        assert!(
            s.starts_with("warning[PM601]: docs/README.md: the postmortem has no"),
            "{s}"
        );
    }

    #[test]
    fn terminal_control_characters_from_the_input_are_not_echoed() {
        let text = "- 10:05 \u{1b}[31mred\u{202e} text\n";
        let src = SourceText {
            path: None,
            text: text.into(),
            format: InputFormat::Markdown,
        };
        let d = Diagnostic::new(Code::OutOfOrder, "bad \u{1b}[2J").at(Span::from_bytes(text, 2, 7));
        let mut out = Vec::new();
        emit(&[d], &src, DiagnosticFormat::Human, false, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{s:?}");
        assert!(s.contains("<stdin>:1:3"), "{s}");
    }

    #[test]
    fn spans_past_the_end_of_the_text_do_not_panic() {
        let d = Diagnostic::new(Code::NotText, "x").at(Span {
            line: 9,
            column: 1,
            end_line: 9,
            end_column: 2,
            start: 10_000,
            end: 10_001,
        });
        let s = render(&[d], DiagnosticFormat::Human, false);
        assert!(s.contains("PM003"), "{s}");
    }

    #[test]
    fn json_output_is_one_object_per_line_with_every_field() {
        let whole = Diagnostic::new(Code::NoDate, "no date");
        let s = render(&[out_of_order(), whole], DiagnosticFormat::Json, false);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 2);
        let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(v["code"], "PM101");
        assert_eq!(v["severity"], "error");
        assert_eq!(v["file"], "docs/README.md");
        assert_eq!(v["line"], 4);
        assert_eq!(v["column"], 3);
        assert_eq!(v["end_line"], 4);
        assert_eq!(v["end_column"], 8);
        assert_eq!(v["help"], "correct the time, or move the entry");
        assert!(v["message"]
            .as_str()
            .unwrap()
            .starts_with("entry out of order"));
        let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(v["severity"], "note");
        assert!(v["line"].is_null() && v["help"].is_null());
    }

    #[test]
    fn github_output_is_a_workflow_annotation() {
        let s = render(&[out_of_order()], DiagnosticFormat::Github, false);
        assert_eq!(
            s,
            "::error file=docs/README.md,line=4,col=3,endLine=4,endColumn=8,title=PM101::\
             entry out of order: 10:05 comes after 10:30 on line 3%0Ahelp: correct the time, or move the entry\n"
        );
        let note = Diagnostic::new(Code::EntriesBeforeStart, "1 entry is before the start");
        assert_eq!(
            github_annotation(&note, "a.md"),
            "::notice file=a.md,title=PM405::1 entry is before the start"
        );
    }

    #[test]
    fn github_output_escapes_percent_newlines_and_property_separators() {
        let d =
            Diagnostic::new(Code::SummaryWithoutImpact, "50% down\r\nnext").at(span_of("10:05"));
        assert_eq!(
            github_annotation(&d, "dir,x/a:b.md"),
            // A line break quoted in a message is shown, not obeyed.
            "::warning file=dir%2Cx/a%3Ab.md,line=4,col=3,endLine=4,endColumn=8,title=PM603::50%25 down\\r\\nnext"
        );
    }
}
