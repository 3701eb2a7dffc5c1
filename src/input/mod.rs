//! Readers: JSON and Markdown text in, an [`Incident`] plus diagnostics out.

pub mod import;
pub mod json;
pub(crate) mod kinds;
pub mod markdown;
pub(crate) mod timefmt;
pub mod zones;

use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::model::{Incident, InputFormat, Source, Span, Zone};
use std::path::{Path, PathBuf};

/// Inputs larger than this are refused before parsing: a postmortem is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// What a reader needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The zone for times that state none, and the display zone (`--tz`).
    pub tz: Option<Zone>,
    /// Overrides the title (`--title`).
    pub title: Option<String>,
}

/// A successful read: the incident and what the reader noticed on the way (warnings, notes).
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The incident read.
    pub incident: Incident,
    /// The reader's diagnostics (problems found while reading).
    pub diagnostics: Vec<Diagnostic>,
}

/// A read that produced no incident: the reasons, as diagnostics.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The reader's diagnostics (problems found while reading).
    pub diagnostics: Vec<Diagnostic>,
    /// Why, in a form callers decide on (a README without a timeline is skipped in a walk).
    pub reason: FailureReason,
}

/// Why a read produced no incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailureReason {
    /// The input is not an incident pmchart can read: bad JSON, no timed entry, … (the
    /// diagnostics say).
    #[default]
    Invalid,
    /// No timeline at all: a Markdown document with none (PM010), or JSON with no `events`
    /// (`renovate.json`): likely not a postmortem.
    NoTimeline,
}

impl Failure {
    /// One diagnostic, for an input that is not a readable incident.
    pub fn one(d: Diagnostic) -> Failure {
        Failure {
            diagnostics: vec![d],
            reason: FailureReason::Invalid,
        }
    }
}

pub use crate::model::SourceText;

/// Chooses the format from the file name: `.json` is JSON, anything else Markdown.
pub fn format_for_path(path: &Path) -> InputFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => InputFormat::Json,
        _ => InputFormat::Markdown,
    }
}

/// Turns raw bytes into text, refusing what is not a postmortem: too large, binary, not UTF-8.
/// The errors say where and what to do.
// A refused input is rare and its diagnostic goes straight to the user: no boxing.
#[allow(clippy::result_large_err)]
pub fn decode(bytes: &[u8]) -> Result<String, Diagnostic> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Diagnostic::new(
            Code::NotText,
            format!(
                "the file is {} MB, larger than the {} MB pmchart reads",
                bytes.len() / (1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        )
        .with_help("point pmchart at the postmortem itself (a README.md or a .json file)"));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Diagnostic::new(
            Code::NotText,
            format!("this looks like a binary file (a NUL byte at offset {at}), not a postmortem"),
        )
        .with_help("point pmchart at a Markdown or JSON file"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let text = String::from_utf8_lossy(&bytes[..at]);
            let (line, column) = crate::model::line_col(&text, at);
            Err(Diagnostic::new(Code::NotText,
                format!(
                    "the file is not valid UTF-8: byte 0x{:02X} at offset {at} (line {line}, column {column})",
                    bytes[at]
                ),
            )
            .at(Span::from_bytes(&text, at, at))
            .with_help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"))
        }
    }
}

/// Reads text in the given format.
pub fn read_text(
    text: &str,
    format: InputFormat,
    path: Option<&Path>,
    opts: &ReadOptions,
) -> Result<Parsed, Failure> {
    let mut parsed = match format {
        // An on-call record (PagerDuty, Statuspage) is recognised by its shape.
        InputFormat::Json => match import::detect(text) {
            Some(service) => import::read(text, service, None, opts)?,
            None => json::read(text, opts)?,
        },
        InputFormat::Markdown => markdown::read(text, opts)?,
    };
    parsed.incident.source = Source {
        path: path.map(Path::to_path_buf),
        format,
    };
    Ok(parsed)
}

/// Loads a file (or standard input for `-`) into memory, choosing its format.
///
/// Every read is bounded: at most [`MAX_INPUT_BYTES`] + 1 bytes are taken from the file or the
/// pipe, so `/dev/zero` or an endless stdin is refused once past the limit, never read to
/// exhaustion. A path that is not a regular file (a FIFO, a device, a directory) is refused
/// before it is opened, so nothing blocks on it; pipe such input to `-` instead.
// A refused input is rare and its diagnostic goes straight to the user: no boxing.
#[allow(clippy::result_large_err)]
pub fn load(path: &Path) -> Result<SourceText, LoadError> {
    let io_error = |error: std::io::Error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    };
    let mut file_size = None;
    let (bytes, path_opt) = if path == Path::new("-") {
        let bytes = read_bounded(std::io::stdin().lock()).map_err(|e| LoadError::Io {
            path: PathBuf::from("<stdin>"),
            error: e,
        })?;
        (bytes, None)
    } else {
        let meta = std::fs::metadata(path).map_err(io_error)?;
        if meta.is_dir() {
            // Say why the directory cannot be read when it cannot (permissions), else what it is.
            let error = std::fs::read_dir(path).err().unwrap_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "a directory, not a file")
            });
            return Err(io_error(error));
        }
        if !meta.is_file() {
            return Err(io_error(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file (a FIFO or a device); to read a pipe, give `-` and redirect it to standard input",
            )));
        }
        file_size = Some(meta.len());
        let file = std::fs::File::open(path).map_err(io_error)?;
        (
            read_bounded(file).map_err(io_error)?,
            Some(path.to_path_buf()),
        )
    };
    if bytes.len() > MAX_INPUT_BYTES {
        // Refused before anything is parsed; the length read stops one byte past the limit.
        let d = decode(&bytes).unwrap_err();
        return Err(LoadError::Invalid {
            source: SourceText {
                format: path_opt
                    .as_deref()
                    .map(format_for_path)
                    .unwrap_or(InputFormat::Markdown),
                path: path_opt,
                text: String::new(),
            },
            diagnostic: Diagnostic {
                message: match file_size {
                    Some(n) => format!(
                        "the file is {} MB, larger than the {} MB pmchart reads",
                        n / (1024 * 1024),
                        MAX_INPUT_BYTES / (1024 * 1024)
                    ),
                    None => format!(
                        "the input is larger than the {} MB pmchart reads",
                        MAX_INPUT_BYTES / (1024 * 1024)
                    ),
                },
                ..d
            },
        });
    }
    let format = match &path_opt {
        Some(p) => format_for_path(p),
        None => {
            if json::looks_like_json(&String::from_utf8_lossy(&bytes[..bytes.len().min(64)])) {
                InputFormat::Json
            } else {
                InputFormat::Markdown
            }
        }
    };
    match decode(&bytes) {
        Ok(text) => Ok(SourceText {
            path: path_opt,
            text,
            format,
        }),
        Err(diagnostic) => Err(LoadError::Invalid {
            source: SourceText {
                path: path_opt,
                text: String::from_utf8_lossy(&bytes[..bytes.len().min(MAX_INPUT_BYTES)])
                    .into_owned(),
                format,
            },
            diagnostic,
        }),
    }
}

/// Reads at most [`MAX_INPUT_BYTES`] + 1 bytes: one past the limit tells that it was passed.
fn read_bounded(reader: impl std::io::Read) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    std::io::Read::read_to_end(&mut reader.take(MAX_INPUT_BYTES as u64 + 1), &mut buf)?;
    Ok(buf)
}

/// Why a file could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// It could not be read at all (missing, permissions).
    Io {
        /// The path given.
        path: PathBuf,
        /// Why it could not be read.
        error: std::io::Error,
    },
    /// It was read but is not text pmchart can use.
    Invalid {
        /// The text (for quoting).
        source: SourceText,
        /// Why it is not usable (PM003).
        diagnostic: Diagnostic,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io { path, error } => {
                write!(f, "cannot read `{}`: {error}", path.display())
            }
            LoadError::Invalid { source, diagnostic } => {
                write!(f, "{}: {}", source.display_name(), diagnostic.message)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_byte_offset_and_line() {
        let d = decode(b"# T\nab\xffc").unwrap_err();
        assert!(d.message.contains("offset 6"), "{}", d.message);
        assert!(d.message.contains("line 2"), "{}", d.message);
    }

    #[test]
    fn binary_and_huge_inputs_are_refused() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0")
            .unwrap_err()
            .message
            .contains("binary"));
        let big = vec![b'a'; MAX_INPUT_BYTES + 1];
        assert!(decode(&big).unwrap_err().message.contains("larger"));
    }
}
