//! pmchart for the browser playground (`web/index.html`): one call reads a pasted postmortem
//! (Markdown or JSON) and returns its diagnostics, its SVG chart and the README block `embed`
//! writes; another draws the PNG. The same library calls as `pmchart render`, so the same input
//! gives the same SVG bytes.
//!
//! A panic cannot be caught in WebAssembly (it aborts): the hook below keeps its message, which
//! the page reads with [`last_panic`] after the call fails, and the page then starts a fresh
//! instance.

use pmchart::model::{InputFormat, SourceText};
use pmchart::pipeline::{self, ChartFormat};
use pmchart::render::{RenderOptions, Theme};
use serde::Serialize;
use std::sync::Mutex;
use wasm_bindgen::prelude::*;

static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Keeps the message of a panic for [`last_panic`].
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut p) = PANIC.lock() {
            *p = Some(info.to_string());
        }
    }));
}

/// The message of the panic that stopped the last call, if one did.
#[wasm_bindgen]
pub fn last_panic() -> Option<String> {
    PANIC.lock().ok().and_then(|p| p.clone())
}

/// One diagnostic, as the page lists it.
#[derive(Serialize)]
struct DiagnosticOut {
    code: String,
    severity: String,
    message: String,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<String>,
}

/// What [`render`] returns, as JSON.
#[derive(Serialize)]
struct Rendered {
    /// The chart, or `None` when nothing could be read or the timeline has errors.
    svg: Option<String>,
    diagnostics: Vec<DiagnosticOut>,
    /// The `<picture>` block `pmchart embed` writes for these images.
    block: Option<String>,
    title: Option<String>,
}

fn format_of(text: &str, name: &str) -> InputFormat {
    let json = name.to_ascii_lowercase().ends_with(".json")
        || (!name.to_ascii_lowercase().ends_with(".md")
            && text.trim_start().starts_with(['{', '[']));
    if json {
        InputFormat::Json
    } else {
        InputFormat::Markdown
    }
}

fn options(theme: &str, width: u32) -> RenderOptions {
    RenderOptions {
        theme: if theme == "dark" {
            Theme::Dark
        } else {
            Theme::Light
        },
        width: width.clamp(480, 4000),
        ..RenderOptions::default()
    }
}

fn check(text: &str, name: &str, tz: &str) -> Result<pipeline::Checked, String> {
    let mut opts = pipeline::Options::default();
    if !tz.trim().is_empty() {
        opts.read.tz = Some(pmchart::input::zones::zone_named(tz)?);
    }
    // The template's prose checks are `pmchart check`'s; the page shows what bears on the chart,
    // as `pmchart render` does.
    opts.checks.template = pmchart::validate::Template::None;
    let format = format_of(text, name);
    let source = SourceText {
        path: Some(name.into()),
        text: text.to_string(),
        format,
    };
    Ok(pipeline::check_source(source, &opts))
}

/// Reads `text` (named `name`, whose extension says JSON or Markdown) and returns, as JSON,
/// `{svg, diagnostics, block, title}`: the chart as `pmchart render --theme THEME --width
/// WIDTH` draws it (none when the timeline has errors), every diagnostic with its place, and
/// the README block. `tz` is `--tz` (empty: none).
#[wasm_bindgen]
pub fn render(text: &str, name: &str, theme: &str, width: u32, tz: &str) -> String {
    let checked = match check(text, name, tz) {
        Ok(c) => c,
        Err(e) => {
            return serde_json::json!({"svg": null, "block": null, "title": null,
                "diagnostics": [{"code": "tz", "severity": "error", "message": e,
                "line": null, "column": null, "end_line": null, "end_column": null, "help": null}]})
            .to_string();
        }
    };
    let diagnostics = checked
        .diagnostics
        .iter()
        .map(|d| DiagnosticOut {
            code: d.code.id().to_string(),
            severity: d.severity.as_str().to_string(),
            message: d.message.clone(),
            line: d.span.map(|s| s.line),
            column: d.span.map(|s| s.column),
            end_line: d.span.map(|s| s.end_line),
            end_column: d.span.map(|s| s.end_column),
            help: d.help.clone(),
        })
        .collect();
    let errors = checked.worst() == Some(pmchart::Severity::Error);
    let opts = options(theme, width);
    let svg = checked
        .incident
        .as_ref()
        .filter(|_| !errors)
        .and_then(|i| pipeline::draw(i, ChartFormat::Svg, &opts).ok())
        .and_then(|b| String::from_utf8(b).ok());
    let block = checked.incident.as_ref().map(|i| {
        let opts = pmchart::embed::EmbedOptions::default();
        pmchart::embed::readme_block(i, &opts)
    });
    serde_json::to_string(&Rendered {
        svg,
        diagnostics,
        block,
        title: checked.incident.as_ref().and_then(|i| i.title.clone()),
    })
    .unwrap_or_else(|_| "{}".into())
}

/// The chart as PNG at `scale` (2 by default in the CLI); an error when the timeline cannot be
/// drawn.
#[wasm_bindgen]
pub fn png(
    text: &str,
    name: &str,
    theme: &str,
    width: u32,
    tz: &str,
    scale: f32,
) -> Result<Vec<u8>, JsError> {
    let checked = check(text, name, tz).map_err(|e| JsError::new(&e))?;
    let incident = checked
        .incident
        .ok_or_else(|| JsError::new("no incident could be read: see the diagnostics"))?;
    let opts = RenderOptions {
        scale,
        ..options(theme, width)
    };
    pipeline::draw(&incident, ChartFormat::Png, &opts).map_err(|e| JsError::new(&e.to_string()))
}
