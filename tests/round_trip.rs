//! `parse` prints JSON that reads back to the same chart: for every corpus postmortem, the SVG of
//! the Markdown and the SVG of its `parse` JSON are the same bytes (zone names, kinds, actors,
//! dates and the impact window all survive the trip).

use pmchart::input::{json, markdown, ReadOptions};
use pmchart::render::{self, RenderOptions};
use std::path::PathBuf;

#[test]
fn parse_json_renders_the_same_chart_as_the_markdown() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/postmortems");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus is missing at {} ({e})", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let opts = RenderOptions::default();
    let (mut compared, mut differ) = (0, Vec::new());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(parsed) = markdown::read(&text, &ReadOptions::default()) else {
            continue;
        };
        let written = json::write(&parsed.incident);
        let back = json::read(&written, &ReadOptions::default())
            .unwrap_or_else(|f| panic!("{}: {:?}", path.display(), f.diagnostics))
            .incident;
        compared += 1;
        if render::svg(&parsed.incident, &opts) != render::svg(&back, &opts) {
            differ.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(compared >= 140, "only {compared} corpus files read");
    assert!(
        differ.is_empty(),
        "{} of {compared} differ: {differ:?}",
        differ.len()
    );
}
