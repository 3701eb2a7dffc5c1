//! The rendered output: golden SVG snapshots of the examples, PNG size, byte-identical output
//! between runs, and that nothing from the input becomes markup.

use pmchart::input::{json, ReadOptions};
use pmchart::render::{self, RenderOptions, Theme};
use pmchart::Incident;
use std::path::PathBuf;

fn example(name: &str) -> Incident {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    json::read(&text, &ReadOptions::default()).unwrap().incident
}

const EXAMPLES: [&str; 4] = [
    "one-hour-outage",
    "database-failover",
    "dst-night",
    "fold-night-london",
];

fn keep_text(theme: Theme) -> RenderOptions {
    RenderOptions {
        keep_text: true,
        theme,
        ..Default::default()
    }
}

/// Golden files: the SVG with its text kept, which shows layout and drawing in reviewable form
/// (the path form is the same drawing passed through usvg, checked below for determinism).
#[test]
fn example_svgs_match_their_snapshots() {
    for name in EXAMPLES {
        let incident = example(name);
        insta::assert_snapshot!(
            format!("{name}-light"),
            render::svg(&incident, &keep_text(Theme::Light))
        );
    }
    insta::assert_snapshot!(
        "dst-night-dark",
        render::svg(&example("dst-night"), &keep_text(Theme::Dark))
    );
}

#[test]
fn svg_is_accessible_and_sized() {
    let incident = example("database-failover");
    let svg = render::svg(&incident, &RenderOptions::default());
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\""));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("viewBox=\"0 0 900 "));
    assert!(svg.contains("<title>Primary database failover stalls writes for four hours</title>"));
    let desc_start = svg.find("<desc>").unwrap();
    let desc = &svg[desc_start..svg.find("</desc>").unwrap()];
    // The description lists the timeline, one event per line.
    assert!(
        desc.contains("10:48 escalate: Escalated to the database team (DBA team)."),
        "{desc}"
    );
    assert!(
        desc.contains("Time to detect: 25 min (impact start 09:40 → detection 10:05)."),
        "{desc}"
    );
    assert!(
        desc.contains("Time to acknowledge: 6 min (detection 10:05 → acknowledgement 10:11)."),
        "{desc}"
    );
    // Text became paths: no <text> and no dependence on installed fonts.
    assert!(!svg.contains("<text"));
    assert!(svg.matches("<path").count() > 50);
    // It parses as SVG.
    let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).unwrap();
    assert_eq!(tree.size().width(), 900.0);
}

#[test]
fn keep_text_keeps_selectable_text() {
    let svg = render::svg(&example("one-hour-outage"), &keep_text(Theme::Light));
    assert!(svg.contains("<text"));
    assert!(svg.contains(">Alert: checkout error rate above 20 % for 5</text>"));
    assert!(svg.contains("font-size=\"13\""));
    assert!(!svg.contains("font-size=\"13.0"));
    assert!(svg.contains("font-family=\"Inter, "));
}

#[test]
fn png_decodes_at_the_expected_size() {
    let incident = example("one-hour-outage");
    for (scale, theme) in [(2.0, Theme::Light), (1.0, Theme::Dark), (1.5, Theme::Light)] {
        let opts = RenderOptions {
            scale,
            theme,
            ..Default::default()
        };
        let scene = render::layout(&incident, &opts);
        let png = render::png(&incident, &opts).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert_eq!(pixmap.width(), (900.0 * scale).ceil() as u32);
        assert_eq!(pixmap.height(), (scene.height * scale).ceil() as u32);
        // The background is the theme's: white or near-black in the corner.
        let corner = pixmap.pixel(0, 0).unwrap();
        match theme {
            Theme::Light => assert_eq!(
                (corner.red(), corner.green(), corner.blue()),
                (255, 255, 255)
            ),
            Theme::Dark => assert!(corner.red() < 40 && corner.alpha() == 255),
        }
    }
    let bad = RenderOptions {
        scale: 0.0,
        ..Default::default()
    };
    assert!(render::png(&incident, &bad).is_err());
}

#[test]
fn text_is_drawn_in_the_png() {
    // usvg drops text silently when the font family is missing: check that ink appears where
    // the title's box is.
    let incident = example("one-hour-outage");
    let opts = RenderOptions {
        scale: 1.0,
        ..Default::default()
    };
    let scene = render::layout(&incident, &opts);
    let title = scene
        .shapes
        .iter()
        .find(|s| s.role() == pmchart::layout::Role::Title)
        .unwrap()
        .bounds();
    let pixmap =
        resvg::tiny_skia::Pixmap::decode_png(&render::png(&incident, &opts).unwrap()).unwrap();
    let mut dark = 0;
    for y in title.y as u32..(title.y + title.height) as u32 {
        for x in title.x as u32..(title.x + title.width) as u32 {
            if pixmap.pixel(x, y).unwrap().red() < 128 {
                dark += 1;
            }
        }
    }
    assert!(dark > 500, "only {dark} dark pixels in the title box");
}

/// Every example in both themes, at the default size and scale.
fn every_example_and_theme() -> Vec<(&'static str, pmchart::Incident, RenderOptions)> {
    EXAMPLES
        .iter()
        .flat_map(|name| {
            [Theme::Light, Theme::Dark].map(|theme| {
                let opts = RenderOptions {
                    theme,
                    ..Default::default()
                };
                (*name, example(name), opts)
            })
        })
        .collect()
}

#[test]
fn output_is_byte_identical_between_runs() {
    for (_, incident, opts) in every_example_and_theme() {
        assert_eq!(render::svg(&incident, &opts), render::svg(&incident, &opts));
        assert_eq!(
            render::png(&incident, &opts).unwrap(),
            render::png(&incident, &opts).unwrap()
        );
    }
}

#[test]
fn nothing_from_the_input_becomes_markup() {
    let src = r#"{
      "title": "<script>alert(1)</script> & ]]> \u0007 \u202Egnp.exe",
      "events": [
        {"time": "2026-01-01T10:00:00Z", "kind": "detect", "text": "<img src=x onerror=alert(1)> & \"quotes\" 'single' ]]> <!-- c --> <![CDATA[x]]>"},
        {"time": "2026-01-01T10:30:00Z", "kind": "escalate", "actor": "</svg><svg onload=alert(1)>", "text": "bell\u0007 nul-ish \u001b[31m and \u202Eoverride\u202C and \u2066isolate\u2069"},
        {"time": "2026-01-01T11:00:00Z", "kind": "resolve", "text": "done"}
      ]
    }"#;
    let incident = json::read(src, &ReadOptions::default()).unwrap().incident;
    for keep in [true, false] {
        let svg = render::svg(
            &incident,
            &RenderOptions {
                keep_text: keep,
                ..Default::default()
            },
        );
        for bad in [
            "<script",
            "<img",
            "<!--",
            "<![CDATA",
            "<svg onload",
            "</svg><svg",
            "\u{7}",
            "\u{1b}",
            "\u{202E}",
            "\u{2066}",
        ] {
            assert!(!svg.contains(bad), "keep_text={keep}: found {bad:?}");
        }
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt;"));
        // One root element, well-formed XML.
        assert_eq!(svg.matches("<svg").count(), 1);
        let doc = usvg::roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        if keep {
            assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
        }
    }
}

/// The layout's text boxes are what is drawn: every glyph usvg lays out lies inside its box.
#[test]
fn drawn_text_stays_inside_the_measured_boxes() {
    for name in EXAMPLES {
        let incident = example(name);
        let scene = render::layout(&incident, &RenderOptions::default());
        let boxes: Vec<&pmchart::layout::TextBox> = scene
            .shapes
            .iter()
            .filter_map(|s| match s {
                pmchart::layout::Shape::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        let tree = pmchart::draw::tree(&pmchart::draw::svg(&scene, Theme::Light, true)).unwrap();
        let mut drawn = Vec::new();
        collect_text_bounds(tree.root(), &mut drawn);
        assert_eq!(drawn.len(), boxes.len(), "{name}: a text was dropped");
        for (b, r) in boxes.iter().zip(&drawn) {
            let tol = 1.0;
            assert!(
                r.left() >= b.x - tol
                    && r.right() <= b.x + b.width + tol
                    && r.top() >= b.y - 0.01
                    && r.bottom() <= b.y + b.height + 0.01,
                "{name}: {:?} drawn at {:?}, box {} {} {} {}",
                b.text,
                r,
                b.x,
                b.y,
                b.width,
                b.height
            );
        }
    }
}

fn collect_text_bounds(group: &usvg::Group, out: &mut Vec<usvg::Rect>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect_text_bounds(g, out),
            usvg::Node::Text(t) => out.push(t.abs_bounding_box()),
            _ => {}
        }
    }
}

/// Text as paths is written by pmchart from the same shaping and outlines usvg uses: the
/// picture matches usvg's own rendering of the `<text>` elements, pixel for pixel within
/// anti-aliasing noise.
#[test]
fn text_paths_look_like_usvg_text() {
    for name in ["one-hour-outage", "fold-night-london"] {
        let incident = example(name);
        let opts = RenderOptions {
            scale: 1.0,
            ..Default::default()
        };
        let scene = render::layout(&incident, &opts);
        let ours =
            resvg::tiny_skia::Pixmap::decode_png(&render::png(&incident, &opts).unwrap()).unwrap();
        let usvg_text =
            pmchart::draw::tree(&pmchart::draw::svg(&scene, Theme::Light, true)).unwrap();
        let theirs = resvg::tiny_skia::Pixmap::decode_png(
            &pmchart::draw::rasterise(&usvg_text, 1.0).unwrap(),
        )
        .unwrap();
        assert_eq!(
            (ours.width(), ours.height()),
            (theirs.width(), theirs.height())
        );
        let differing = ours
            .data()
            .chunks_exact(4)
            .zip(theirs.data().chunks_exact(4))
            .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 48))
            .count();
        let total = (ours.width() * ours.height()) as usize;
        assert!(
            differing * 2000 < total,
            "{name}: {differing} of {total} pixels differ"
        );
    }
}

/// The PNG is what resvg draws from the SVG pmchart writes: the same pixels, byte for byte (the
/// resvg CLI uses the same library; `benches/compare/run.py` times it against pmchart).
#[test]
fn the_png_is_what_resvg_draws_from_the_svg() {
    for (name, incident, opts) in every_example_and_theme() {
        let ours =
            resvg::tiny_skia::Pixmap::decode_png(&render::png(&incident, &opts).unwrap()).unwrap();
        let svg = render::svg(&incident, &opts);
        let theirs = resvg::tiny_skia::Pixmap::decode_png(
            &pmchart::draw::rasterise(&pmchart::draw::tree(&svg).unwrap(), opts.scale).unwrap(),
        )
        .unwrap();
        assert_eq!(
            (ours.width(), ours.height()),
            (theirs.width(), theirs.height())
        );
        assert!(
            ours.data() == theirs.data(),
            "{name} {:?}: the pixels differ",
            opts.theme
        );
    }
}

/// The PNG is drawn without writing or parsing SVG (`src/draw/raster.rs`): over every corpus
/// chart, both themes and three scales, its pixels are still exactly resvg's from the SVG.
#[test]
fn corpus_pngs_are_what_resvg_draws_from_the_svg() {
    let dir =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/postmortems");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus is missing at {} ({e})", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let (mut compared, mut differ) = (0, Vec::new());
    for (i, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let Ok(read) = pmchart::input::markdown::read(&text, &Default::default()) else {
            continue;
        };
        let opts = RenderOptions {
            theme: if i % 2 == 0 {
                Theme::Light
            } else {
                Theme::Dark
            },
            scale: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 1.5][i % 8],
            ..Default::default()
        };
        let ours =
            resvg::tiny_skia::Pixmap::decode_png(&render::png(&read.incident, &opts).unwrap())
                .unwrap();
        let svg = render::svg(&read.incident, &opts);
        let theirs = resvg::tiny_skia::Pixmap::decode_png(
            &pmchart::draw::rasterise(&pmchart::draw::tree(&svg).unwrap(), opts.scale).unwrap(),
        )
        .unwrap();
        compared += 1;
        if ours.width() != theirs.width()
            || ours.height() != theirs.height()
            || ours.data() != theirs.data()
        {
            differ.push(format!(
                "{} ({:?}, scale {})",
                path.file_name().unwrap().to_string_lossy(),
                opts.theme,
                opts.scale
            ));
        }
    }
    assert!(compared >= 140, "only {compared} corpus files read");
    assert!(
        differ.is_empty(),
        "{} of {compared} differ: {differ:?}",
        differ.len()
    );
}
