//! pmchart: turn the timeline of an incident postmortem into a chart.
//!
//! Data flows one way: [`input`] (Markdown, JSON) → [`model`] (an incident: events at a
//! [`model::When`], kinds, actors, source spans) → [`validate`] (diagnostics, each with a
//! [`codes::Code`]) → [`layout`] (a scene of positioned boxes, marks and labels) → [`draw`] (SVG,
//! PNG). [`pipeline`] offers the two calls every command makes: read and check one input, then
//! draw it. [`embed`] writes the chart into a README; [`report`] prints diagnostics; [`batch`]
//! says which files a directory or a glob stands for. The `pmchart` binary is thin glue over
//! these (clap, exit codes and terminals live only in `src/cli/`).
//!
//! ```
//! use pmchart::model::{InputFormat, SourceText};
//! use pmchart::pipeline::{self, ChartFormat, Options, Outcome};
//! use pmchart::render::RenderOptions;
//!
//! let source = SourceText {
//!     path: None,
//!     text: "# Checkout down\n\n## Timeline (UTC)\n\
//!            - 3 May 2024 10:00: Alert fired\n\
//!            - 10:05: Paged the DB team\n\
//!            - 10:40: Service restored\n"
//!         .into(),
//!     format: InputFormat::Markdown,
//! };
//! let checked = pipeline::check_source(source, &Options::default());
//! assert_eq!(checked.outcome, Outcome::Read);
//! let incident = checked.incident.as_ref().unwrap();
//! assert_eq!(incident.events.len(), 3);
//! assert_eq!(incident.events[2].time.to_string(), "2024-05-03T10:40:00+00:00");
//!
//! let svg = pipeline::draw(incident, ChartFormat::Svg, &RenderOptions::default()).unwrap();
//! assert!(svg.starts_with(b"<svg"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch;
pub mod codes;
pub mod config;
pub mod diagnostics;
pub mod draw;
pub mod embed;
pub mod explain;
pub mod export;
pub mod inert;
pub mod input;
pub mod layout;
pub mod metrics;
pub mod model;
pub mod narrative;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod stats;
pub mod validate;
pub mod write;

pub use diagnostics::{Diagnostic, Severity};
pub use model::{Event, EventKind, Incident, Zone};
