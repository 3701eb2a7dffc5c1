//! Bad input of every kind through the library: a diagnostic (or a quiet success), never a panic
//! or a stack overflow, in bounded time.

use pmchart::input::{self, read_text, LoadError, ReadOptions, MAX_INPUT_BYTES};
use pmchart::model::InputFormat;
use pmchart::validate::{check, CheckOptions};
use std::time::{Duration, Instant};

fn read(text: &str, format: InputFormat) -> Result<input::Parsed, input::Failure> {
    read_text(text, format, None, &ReadOptions::default())
}

/// Runs `f` on a thread with a small stack (so deep recursion shows up as a failure here rather
/// than only on smaller machines), failing if it takes longer than `limit`.
fn bounded<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let start = Instant::now();
    let out = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no panic");
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    out
}

#[test]
fn an_empty_file_is_an_error_not_a_panic() {
    let f = read("", InputFormat::Json).unwrap_err();
    assert_eq!(f.diagnostics[0].code, "PM001");
    // Markdown: whatever the reader says, it says it without panicking.
    let _ = read("", InputFormat::Markdown);
    let _ = read("\u{feff}", InputFormat::Markdown);
}

#[test]
fn a_10_mb_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.md");
    std::fs::write(&p, vec![b'a'; 10 * 1024 * 1024]).unwrap();
    match input::load(&p) {
        Err(LoadError::Invalid { diagnostic, .. }) => {
            assert_eq!(diagnostic.code, "PM003");
            assert!(
                diagnostic.message.contains("10 MB"),
                "{}",
                diagnostic.message
            );
        }
        other => panic!("expected PM003, got {other:?}"),
    }
    assert!(input::decode(&vec![b' '; MAX_INPUT_BYTES + 1]).is_err());
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let d = input::decode(b"{\"events\": []}\n\xc3\x28").unwrap_err();
    assert_eq!(d.code, "PM003");
    assert!(d.message.contains("offset 15"), "{}", d.message);
}

#[test]
fn a_hundred_thousand_entries_are_read_and_checked_in_bounded_time() {
    bounded(Duration::from_secs(30), || {
        let mut s = String::from("{\"events\": [\n");
        for i in 0..100_000u32 {
            if i > 0 {
                s.push_str(",\n");
            }
            // Every thousandth entry goes back in time: many diagnostics, still linear work.
            let minute = if i % 1000 == 999 { 0 } else { i % 1440 };
            s.push_str(&format!(
                "{{\"time\": \"2024-06-05T{:02}:{:02}:00Z\", \"kind\": \"action\", \"text\": \"step {i}\"}}",
                minute / 60,
                minute % 60
            ));
        }
        s.push_str("\n]}");
        let parsed = read(&s, InputFormat::Json).expect("valid JSON");
        assert_eq!(parsed.incident.events.len(), 100_000);
        let diags = check(&parsed.incident, &CheckOptions::default());
        assert!(diags.iter().any(|d| d.code == "PM101"));
    });
}

#[test]
fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
    for depth in [200usize, 100_000] {
        let nested_array = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let nested_object = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        for doc in [
            nested_array.clone(),
            format!("{{\"events\": {nested_array}}}"),
            format!("{{\"events\": [{nested_array}]}}"),
            format!("{{\"title\": {nested_object}, \"events\": []}}"),
            format!("{{\"events\": [{{\"time\": {nested_array}, \"text\": \"x\"}}]}}"),
        ] {
            let f = bounded(Duration::from_secs(10), move || {
                read(&doc, InputFormat::Json).map(|_| ()).unwrap_err()
            });
            assert_eq!(f.diagnostics[0].code, "PM001");
        }
    }
}

#[test]
fn deeply_nested_markdown_lists_and_quotes_do_not_crash() {
    let depth = 10_000;
    let inputs = [
        format!("## Timeline\n{}> 10:00 deep\n", "> ".repeat(depth)),
        // Indentation grows with depth: 2,000 levels is 4 MB, within what pmchart reads.
        format!(
            "## Timeline\n{}",
            (0..2000)
                .map(|i| format!("{}- 10:{:02} level {i}\n", "  ".repeat(i), i % 60))
                .collect::<String>()
        ),
        format!("## Timeline\n{}- 10:00 x\n", "- ".repeat(depth)),
        format!(
            "## Timeline\n- 10:00 {}x{}\n",
            "*".repeat(depth),
            "*".repeat(depth)
        ),
        format!("## Timeline\n- 10:00 {}\n", "[".repeat(depth)),
    ];
    for text in inputs {
        bounded(Duration::from_secs(60), move || {
            // Either a timeline or a diagnostic; only a panic or a hang is wrong.
            if let Ok(p) = read(&text, InputFormat::Markdown) {
                let _ = check(&p.incident, &CheckOptions::default());
            }
        });
    }
}

#[test]
fn a_hundred_thousand_markdown_entries_are_read_and_checked_in_bounded_time() {
    let text = "# Outage\n## Timeline\n".to_string()
        + &(0..100_000u32)
            .map(|i| format!("- {:02}:{:02} step {i}\n", (i / 60) % 24, i % 60))
            .collect::<String>();
    bounded(Duration::from_secs(60), move || {
        if let Ok(p) = read(&text, InputFormat::Markdown) {
            let _ = check(&p.incident, &CheckOptions::default());
        }
    });
}

#[test]
fn json_of_the_wrong_types_names_the_path() {
    for (doc, path) in [
        ("{\"events\": {}}", "events"),
        ("{\"events\": [1]}", "events[0]"),
        ("{\"events\": [], \"title\": 3}", "title"),
        ("[]", "top level"),
    ] {
        let f = read(doc, InputFormat::Json).unwrap_err();
        let d = &f.diagnostics[0];
        assert_eq!(d.code, "PM001", "{doc}");
        assert!(d.message.contains(path), "{doc}: {}", d.message);
    }
}

/// A PNG too large to draw is refused with its size and the way out, before any pixel is
/// allocated; the same chart at `--scale 1`, or as SVG, is drawn.
#[test]
fn a_png_over_the_pixel_limit_is_refused_not_aborted() {
    use pmchart::render::{self, RenderError, RenderOptions, MAX_PNG_PIXELS};
    let mut md = String::from("## Timeline (UTC)\n");
    for i in 0..4000 {
        md.push_str(&format!(
            "- {:02}:{:02} Restarted worker {i}\n",
            (i / 60) % 24,
            i % 60
        ));
    }
    let incident = read(&md, InputFormat::Markdown).unwrap().incident;
    let opts = RenderOptions::default();
    let scene = render::layout(&incident, &opts);
    match render::check_png_size(&scene, opts.scale) {
        Err(e @ RenderError::TooLarge { width, height, .. }) => {
            assert!(width * height > MAX_PNG_PIXELS);
            let message = e.to_string();
            assert!(
                message.contains("--scale") && message.contains("SVG"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    let small = RenderOptions {
        scale: 0.5,
        ..RenderOptions::default()
    };
    assert!(render::check_png_size(&scene, small.scale).is_ok());
}

/// Reads are bounded whatever the source: a FIFO or a device is refused before it is opened (so
/// nothing blocks), and a directory too, with what to do instead.
#[cfg(unix)]
#[test]
fn non_regular_files_are_refused_without_reading() {
    for (p, says) in [
        ("/dev/zero", "not a regular file"),
        ("/dev/null", "not a regular file"),
        ("/", "a directory"),
    ] {
        match input::load(std::path::Path::new(p)) {
            Err(LoadError::Io { error, .. }) => {
                assert!(error.to_string().contains(says), "{p}: {error}")
            }
            other => panic!("{p}: {other:?}"),
        }
    }
}
