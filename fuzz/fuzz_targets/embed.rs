//! `embed` changes nothing of a README but what lies between its markers (or, on a first embed,
//! only adds): every byte before and after the changed region is the user's, unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmchart::embed::{self, markers, EmbedOptions};
use pmchart::input::{self, markdown, ReadOptions};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = input::decode(&common::vary_line_endings(data)) else { return };
    let Ok(parsed) = markdown::read(&text, &ReadOptions::default()) else { return };
    let Ok((new, _)) = embed::plan_text(&text, &parsed.incident, &EmbedOptions::default()) else {
        return;
    };
    let changed = common::changed_region(text.as_bytes(), new.as_bytes());
    if changed.is_empty() {
        return; // Only bytes were added.
    }
    // Bytes of the old text were replaced: they must all lie between its markers.
    let pair = markers::find(&text)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("bytes {changed:?} changed in a README without markers"));
    let end_line_start = text[..pair.end.start].rfind('\n').map_or(0, |i| i + 1);
    assert!(
        changed.start >= pair.begin.end && changed.end <= end_line_start.max(pair.begin.end),
        "bytes {changed:?} changed outside the markers {:?}..{:?}",
        pair.begin,
        pair.end
    );
});
