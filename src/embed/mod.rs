//! Embedding the chart into a README: light and dark images beside it, and a `<picture>` block
//! between `<!-- pmchart:begin -->` and `<!-- pmchart:end -->`.
//!
//! The README is the user's work. The pure steps ([`plan_text`]: markers, placement, block,
//! splice) change nothing outside the markers, byte for byte. Writing ([`apply`]) is atomic, images
//! first and the README last, and skips files whose bytes would not change.

pub(crate) mod block;
pub mod markers;
pub(crate) mod place;
pub(crate) mod splice;
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::write;

use crate::model::Incident;
use crate::render::{self, RenderError, RenderOptions, Theme};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use markers::{MarkerError, BEGIN, END};
pub use place::PlaceError;

/// How to embed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EmbedOptions {
    /// Width and PNG scale; the theme is ignored (both are rendered).
    pub render: RenderOptions,
    /// PNG images instead of SVG.
    pub png: bool,
    /// Put a new block under this heading instead of after the Timeline section.
    pub at: Option<String>,
    /// Directory for the images, relative to the README's directory (default: beside it).
    pub image_dir: Option<PathBuf>,
    /// A Mermaid gantt block instead of images (GitHub draws it; no files are written).
    pub mermaid: bool,
}

impl EmbedOptions {
    /// Refuses an image directory the README cannot link to as written: an absolute path (the
    /// link would lose its root and point elsewhere) or a name with control characters (a line
    /// break would split the block's `srcset`).
    pub fn check_image_dir(&self) -> Result<(), EmbedError> {
        let Some(dir) = &self.image_dir else {
            return Ok(());
        };
        let why = if dir.has_root()
            || dir
                .components()
                .any(|c| matches!(c, std::path::Component::Prefix(_)))
        {
            Some("must be relative to the README's folder, as its links are (e.g. `img`)")
        } else if dir.to_string_lossy().chars().any(char::is_control) {
            Some("has control characters (a line break would split the README's image links)")
        } else {
            None
        };
        match why {
            Some(why) => Err(EmbedError::ImageDir {
                dir: dir.clone(),
                why,
            }),
            None => Ok(()),
        }
    }

    /// File names of the light and dark images.
    pub fn image_names(&self) -> (&'static str, &'static str) {
        if self.png {
            ("timeline.png", "timeline-dark.png")
        } else {
            ("timeline.svg", "timeline-dark.svg")
        }
    }

    /// The images' links as the README writes them: relative to its directory, `/`-separated.
    pub fn links(&self) -> block::ImageLinks {
        let (light, dark) = self.image_names();
        let prefix: String = match &self.image_dir {
            Some(d) => d
                .components()
                .filter_map(|c| match c {
                    std::path::Component::Normal(s) => Some(format!("{}/", s.to_string_lossy())),
                    std::path::Component::ParentDir => Some("../".to_string()),
                    _ => None,
                })
                .collect(),
            None => String::new(),
        };
        block::ImageLinks {
            light: format!("{prefix}{light}"),
            dark: format!("{prefix}{dark}"),
        }
    }

    /// Where the images go for the README at `readme`.
    pub fn image_paths(&self, readme: &Path) -> (PathBuf, PathBuf) {
        // `README.md` has the parent ``: the images are then plain `timeline.svg`.
        let mut dir = readme.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(d) = &self.image_dir {
            dir = dir.join(d);
        }
        let (light, dark) = self.image_names();
        (dir.join(light), dir.join(dark))
    }
}

impl EmbedError {
    /// Whether the problem is the machine's (rendering, writing: exit 2), not the README's.
    pub fn is_io(&self) -> bool {
        matches!(
            self,
            EmbedError::Render(_) | EmbedError::Write { .. } | EmbedError::ImageDir { .. }
        )
    }

    /// The error as a diagnostic about the README `text`: its code, the line of a broken
    /// marker, and what to do.
    pub fn diagnostic(&self, text: &str) -> Diagnostic {
        let (code, help) = match self {
            EmbedError::Markers(_) => (
                Code::MarkersBroken,
                "each `<!-- pmchart:begin -->` needs one `<!-- pmchart:end -->` after it, at the same indentation; remove a stray one",
            ),
            EmbedError::Place(_) => (
                Code::NowhereToEmbed,
                "add a Timeline section, put `<!-- pmchart:begin -->` and `<!-- pmchart:end -->` where the chart should go, or name a heading with --at",
            ),
            EmbedError::Render(_) | EmbedError::Write { .. } | EmbedError::ImageDir { .. } => (
                Code::ImagesNotWritten,
                "check that the README's folder is writable and that --image-dir is a relative path",
            ),
        };
        let line = match self {
            EmbedError::Markers(m) => m.line(),
            _ => None,
        };
        Diagnostic::new(code, self.to_string())
            .at_opt(line.and_then(|l| crate::model::line_span(text, l)))
            .with_help(help)
    }
}

/// Why a chart could not be embedded.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// The README's markers are broken.
    #[error(transparent)]
    Markers(#[from] MarkerError),
    #[error(
        "{0}: add `{BEGIN}` and `{END}` where the chart should go, or name a heading with --at"
    )]
    /// There is no place for a new block.
    Place(#[from] PlaceError),
    /// The images could not be drawn.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// `--image-dir` cannot be linked from the README (absolute, or with control characters).
    #[error("--image-dir `{}`: {why}", dir.display().to_string().escape_debug())]
    ImageDir {
        /// The directory given.
        dir: PathBuf,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A file could not be written.
    #[error("cannot write `{}`: {error}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why not.
        error: std::io::Error,
    },
}

/// Where the block went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Between existing markers, the begin marker on `line`.
    /// An existing block was replaced; its begin marker is on `line`.
    Replaced {
        /// 1-based line of the begin marker.
        line: usize,
    },
    /// New markers on `line`, after the section of `heading` (or under it with `--at`).
    Inserted {
        /// 1-based line of the new begin marker.
        line: usize,
        /// The heading the block follows or sits under.
        heading: Option<String>,
        /// Directly under the heading (`--at`) rather than after its section.
        under: bool,
    },
}

impl Placement {
    /// The block's begin marker line.
    pub fn line(&self) -> usize {
        match self {
            Placement::Replaced { line } | Placement::Inserted { line, .. } => *line,
        }
    }

    /// "line 12, after the section \"Timeline\"".
    pub fn describe(&self) -> String {
        match self {
            Placement::Replaced { line } => format!("line {line}, between the pmchart markers"),
            Placement::Inserted {
                line,
                heading: Some(h),
                under: true,
            } => format!("line {line}, under the heading \"{h}\""),
            Placement::Inserted {
                line,
                heading: Some(h),
                under: false,
            } => format!("line {line}, after the section \"{h}\""),
            Placement::Inserted { line, .. } => {
                format!("line {line}, after the last timeline entry")
            }
        }
    }
}

/// The lines between the markers for `incident`: the `<picture>` block, or the Mermaid gantt.
fn block_lines(incident: &Incident, opts: &EmbedOptions) -> Vec<String> {
    if opts.mermaid {
        // The gantt's lines all start with spaces or a keyword: no line of it can close the
        // fence, whatever the entries say (see `export::mermaid_text`).
        std::iter::once("```mermaid".to_string())
            .chain(crate::export::mermaid(incident).lines().map(str::to_string))
            .chain(std::iter::once("```".to_string()))
            .collect()
    } else {
        block::block_lines(&opts.links(), &block::alt_text(incident))
    }
}

/// The block `embed` writes for `incident`, markers included: text to paste into a README
/// beside the two images (the playground's "Copy the README block").
pub fn readme_block(incident: &Incident, opts: &EmbedOptions) -> String {
    format!(
        "{}\n{}\n\n{}\n",
        markers::BEGIN,
        block_lines(incident, opts).join("\n"),
        markers::END
    )
}

/// The README text with the block for `incident` in it: no rendering, no files.
pub fn plan_text(
    text: &str,
    incident: &Incident,
    opts: &EmbedOptions,
) -> Result<(String, Placement), EmbedError> {
    let lines = block_lines(incident, opts);
    match markers::find(text)? {
        Some(pair) => {
            let s = splice::splice(text, &splice::Target::Replace(pair), &lines);
            Ok((s.text, Placement::Replaced { line: s.line }))
        }
        None => {
            // Entry spans point into the README only when it was read from Markdown.
            let from_markdown = incident.source.format == crate::model::InputFormat::Markdown;
            let last_entry_end = incident
                .events
                .iter()
                .filter(|_| from_markdown)
                .filter_map(|e| e.span.map(|s| s.end))
                .filter(|&end| end <= text.len())
                .max();
            let timeline_line = incident
                .document
                .as_ref()
                .and_then(|d| d.timeline.as_ref())
                .filter(|_| from_markdown)
                .map(|t| t.line);
            let ins = place::find_insertion_with(
                text,
                opts.at.as_deref(),
                last_entry_end,
                reader_headings(text, incident),
                timeline_line,
            )?;
            let s = splice::splice(text, &splice::Target::Insert(ins.offset), &lines);
            // The new markers must be found again, or the next run would insert a second block:
            // they are not when the text ends inside an unclosed code fence.
            if !matches!(markers::find(&s.text), Ok(Some(p)) if p.begin_line == s.line) {
                return Err(PlaceError::InsideCode.into());
            }
            Ok((
                s.text,
                Placement::Inserted {
                    line: s.line,
                    heading: ins.heading,
                    under: ins.under,
                },
            ))
        }
    }
}

/// The section titles the Markdown reader found, as headings for placing the block.
fn reader_headings(text: &str, incident: &Incident) -> Vec<place::Heading> {
    if incident.source.format != crate::model::InputFormat::Markdown {
        return Vec::new();
    }
    let Some(doc) = &incident.document else {
        return Vec::new();
    };
    doc.sections
        .iter()
        .filter_map(|s| {
            let span = s.span?;
            let start = span.start.min(text.len());
            if !text.is_char_boundary(start) {
                return None;
            }
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[start..]
                .find('\n')
                .map_or(text.len(), |i| start + i + 1);
            Some(place::Heading {
                title: s.title.clone(),
                level: s.level,
                line_start,
                line_end,
                line: span.line,
            })
        })
        .collect()
}

/// One image file to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Where the image goes.
    pub path: PathBuf,
    /// The image's bytes.
    pub bytes: Vec<u8>,
}

/// The light and dark images for the README at `readme`.
pub fn render_images(
    readme: &Path,
    incident: &Incident,
    opts: &EmbedOptions,
) -> Result<Vec<Image>, EmbedError> {
    if opts.mermaid {
        return Ok(Vec::new());
    }
    let (light_path, dark_path) = opts.image_paths(readme);
    let mut images = Vec::with_capacity(2);
    for (theme, path) in [(Theme::Light, light_path), (Theme::Dark, dark_path)] {
        let ro = RenderOptions {
            theme,
            ..opts.render.clone()
        };
        let bytes = if opts.png {
            render::png(incident, &ro)?
        } else {
            render::svg(incident, &ro).into_bytes()
        };
        images.push(Image { path, bytes });
    }
    Ok(images)
}

/// Everything an embed would write.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The README.
    pub readme: PathBuf,
    /// The README as it is now and as it would be.
    pub old_text: String,
    /// The README's text with the block.
    pub new_text: String,
    /// Where the block goes.
    pub placement: Placement,
    /// The images to write.
    pub images: Vec<Image>,
}

/// Plans the embed of `incident` into the README at `readme` whose text is `text`.
pub fn plan(
    readme: &Path,
    text: &str,
    incident: &Incident,
    opts: &EmbedOptions,
) -> Result<Plan, EmbedError> {
    opts.check_image_dir()?;
    let (new_text, placement) = plan_text(text, incident, opts)?;
    let images = render_images(readme, incident, opts)?;
    Ok(Plan {
        readme: readme.to_path_buf(),
        old_text: text.to_string(),
        new_text,
        placement,
        images,
    })
}

/// What is out of date, as `--check` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// The README has no pmchart block yet.
    NoBlock,
    /// The block differs from what would be generated (begin marker on `line`).
    /// The block starting on `line` differs from the one the timeline gives.
    Block {
        /// 1-based line of the begin marker.
        line: usize,
    },
    /// An image is missing.
    MissingImage(PathBuf),
    /// An image's bytes differ.
    Image(PathBuf),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::NoBlock => write!(f, "no pmchart block: the chart is not embedded yet"),
            Stale::Block { line } => write!(f, "the chart block on line {line} is out of date"),
            Stale::MissingImage(p) => write!(f, "the image `{}` is missing", p.display()),
            Stale::Image(p) => write!(f, "the image `{}` is out of date", p.display()),
        }
    }
}

/// Compares the plan with what is on disk; nothing is written. Empty: up to date.
pub fn stale(plan: &Plan) -> Vec<Stale> {
    let mut out = Vec::new();
    match &plan.placement {
        Placement::Inserted { .. } => out.push(Stale::NoBlock),
        Placement::Replaced { line } if plan.new_text != plan.old_text => {
            out.push(Stale::Block { line: *line })
        }
        Placement::Replaced { .. } => {}
    }
    for image in &plan.images {
        match std::fs::read(&image.path) {
            Ok(bytes) if bytes == image.bytes => {}
            Ok(_) => out.push(Stale::Image(image.path.clone())),
            Err(_) => out.push(Stale::MissingImage(image.path.clone())),
        }
    }
    out
}

/// What [`apply`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The images written (the unchanged ones are not rewritten).
    pub images: Vec<PathBuf>,
    /// Whether the README was rewritten.
    pub readme: bool,
}

/// Writes the plan: changed images first, then the README if it changed. Each write is atomic; on
/// an error the README is untouched.
pub fn apply(plan: &Plan) -> Result<Written, EmbedError> {
    let mut written = Written::default();
    for image in &plan.images {
        if std::fs::read(&image.path).is_ok_and(|b| b == image.bytes) {
            continue;
        }
        if let Some(dir) = image.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|error| EmbedError::Write {
                path: dir.to_path_buf(),
                error,
            })?;
        }
        write::write_atomic(&image.path, &image.bytes, false, write::Owner::Generated).map_err(
            |error| EmbedError::Write {
                path: image.path.clone(),
                error,
            },
        )?;
        written.images.push(image.path.clone());
    }
    if plan.new_text != plan.old_text {
        write::write_atomic(
            &plan.readme,
            plan.new_text.as_bytes(),
            true,
            write::Owner::User,
        )
        .map_err(|error| EmbedError::Write {
            path: plan.readme.clone(),
            error,
        })?;
        written.readme = true;
    }
    Ok(written)
}

/// Byte ranges of code (fenced, indented, inline) in `text`: markers there are examples.
pub(crate) fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (event, range) in Parser::new_ext(text, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => open = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = open.take() {
                    out.push(start..range.end);
                }
            }
            Event::Code(_) => out.push(range),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event as Entry, EventKind};
    use chrono::DateTime;

    fn incident() -> Incident {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        Incident {
            events: vec![
                Entry::new(t("2024-06-05T14:30:00+00:00"), EventKind::Detect, "alert"),
                Entry::new(t("2024-06-05T15:00:00+00:00"), EventKind::Resolve, "fixed"),
            ],
            ..Incident::default()
        }
    }

    #[test]
    fn first_embed_inserts_then_updates_in_place() {
        let text = "# P\n\n## Timeline\n\n- 14:30 alert\n\n## Root cause\n\ndisk\n";
        let (new, placement) = plan_text(text, &incident(), &EmbedOptions::default()).unwrap();
        assert_eq!(
            placement,
            Placement::Inserted {
                line: 7,
                heading: Some("Timeline".into()),
                under: false
            }
        );
        assert!(new.starts_with(
            "# P\n\n## Timeline\n\n- 14:30 alert\n\n<!-- pmchart:begin -->\n<picture>\n"
        ));
        assert!(new.ends_with("</picture>\n\n<!-- pmchart:end -->\n\n## Root cause\n\ndisk\n"));
        assert!(new.contains("srcset=\"timeline-dark.svg\""));
        let (again, placement) = plan_text(&new, &incident(), &EmbedOptions::default()).unwrap();
        assert_eq!(again, new);
        assert_eq!(placement, Placement::Replaced { line: 7 });
    }

    #[test]
    fn a_block_that_would_be_inside_an_open_code_fence_is_refused() {
        let text = "## Timeline\n\n- 14:30 alert\n\n```\nlog line\n";
        let e = plan_text(text, &incident(), &EmbedOptions::default()).unwrap_err();
        assert!(e.to_string().contains("never closed"), "{e}");
    }

    #[test]
    fn an_image_dir_the_readme_cannot_link_is_refused() {
        for bad in ["/tmp/charts", "img\nx"] {
            let opts = EmbedOptions {
                image_dir: Some(PathBuf::from(bad)),
                ..EmbedOptions::default()
            };
            assert!(
                matches!(opts.check_image_dir(), Err(EmbedError::ImageDir { .. })),
                "{bad:?}"
            );
        }
        let ok = EmbedOptions {
            image_dir: Some(PathBuf::from("img/charts")),
            ..EmbedOptions::default()
        };
        assert!(ok.check_image_dir().is_ok());
    }

    #[test]
    fn png_and_image_dir_change_the_links() {
        let opts = EmbedOptions {
            png: true,
            image_dir: Some(PathBuf::from("img/charts")),
            ..EmbedOptions::default()
        };
        assert_eq!(opts.links().dark, "img/charts/timeline-dark.png");
        assert_eq!(
            opts.image_paths(Path::new("pm/README.md")).0,
            Path::new("pm/img/charts/timeline.png")
        );
        assert_eq!(
            EmbedOptions::default()
                .image_paths(Path::new("README.md"))
                .1,
            Path::new("timeline-dark.svg")
        );
    }

    #[test]
    fn broken_markers_stop_the_embed() {
        let text = "## Timeline\n\n<!-- pmchart:begin -->\n- 14:30 alert\n";
        let e = plan_text(text, &incident(), &EmbedOptions::default()).unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
    }

    #[test]
    fn apply_writes_images_then_the_readme_and_check_sees_it() {
        let dir = tempfile::tempdir().unwrap();
        let readme = dir.path().join("README.md");
        let text = "## Timeline\n\n- 14:30 alert\n";
        std::fs::write(&readme, text).unwrap();
        let p = plan(&readme, text, &incident(), &EmbedOptions::default()).unwrap();
        assert_eq!(stale(&p).len(), 3);
        let w = apply(&p).unwrap();
        assert!(w.readme);
        assert_eq!(w.images.len(), 2);
        let now = std::fs::read_to_string(&readme).unwrap();
        let p2 = plan(&readme, &now, &incident(), &EmbedOptions::default()).unwrap();
        assert_eq!(stale(&p2), vec![]);
        assert_eq!(apply(&p2).unwrap(), Written::default());
    }

    #[test]
    fn a_failing_image_write_leaves_the_readme() {
        let dir = tempfile::tempdir().unwrap();
        let readme = dir.path().join("README.md");
        let text = "## Timeline\n\n- 14:30 alert\n";
        std::fs::write(&readme, text).unwrap();
        std::fs::create_dir(dir.path().join("timeline-dark.svg")).unwrap();
        let p = plan(&readme, text, &incident(), &EmbedOptions::default()).unwrap();
        let e = apply(&p).unwrap_err();
        assert!(e.to_string().contains("timeline-dark.svg"), "{e}");
        assert_eq!(std::fs::read_to_string(&readme).unwrap(), text);
    }
}
