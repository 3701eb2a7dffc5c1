//! Properties of rendering: it never panics on a valid model, and whatever the entries say, the
//! SVG is well-formed XML in which nothing from the input became markup. An SVG in a README is
//! active content.

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use pmchart::model::{Event, EventKind, Impact, Incident, Stamp, When, Zone};
use pmchart::render::{self, RenderOptions, Theme};
use proptest::prelude::*;

/// Text an attacker or a careless author might put in an entry.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "&",
        "&amp;",
        "]]>",
        "<![CDATA[",
        "<script>alert(1)</script>",
        "\"",
        "'",
        "</text>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "onload=\"x()\"",
        "\u{202E}",
        "\u{2066}",
        "\u{200F}",
        "\u{0}",
        "\u{1}",
        "\u{7}",
        "\u{1b}[31m",
        "\u{7f}",
        "\u{85}",
        "\u{FFFE}",
        "\u{FEFF}",
        "\r\n",
        "\t",
        "\u{1F525}",
        "x\u{0301}",
        "日本語",
        "مرحبا",
        " ",
        "Database",
        "rolled back",
        "%",
        "{",
        "}",
        "\\",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

fn any_kind() -> impl Strategy<Value = EventKind> {
    prop::sample::select(EventKind::ALL.to_vec())
}

fn any_offset() -> impl Strategy<Value = FixedOffset> {
    (-14 * 4..=14 * 4).prop_map(|q| FixedOffset::east_opt(q * 900).expect("within ±14 h"))
}

fn any_event() -> impl Strategy<Value = Event> {
    (
        0i64..(14 * 24 * 60),
        prop::option::of(0i64..(24 * 60)),
        any_kind(),
        hostile_text(),
        prop::option::of(hostile_text()),
        any_offset(),
        any::<bool>(),
        prop::option::of(hostile_text()),
    )
        .prop_map(
            |(minute, length, kind, text, actor, offset, date_known, zone)| {
                let base = offset
                    .with_ymd_and_hms(2024, 6, 1, 0, 0, 0)
                    .single()
                    .expect("fixed offsets are unambiguous");
                // A time of day keeps the day count from the first day; a dated time its date.
                let when = |t: DateTime<FixedOffset>| {
                    if date_known {
                        When::Dated(t)
                    } else {
                        let day = (t.date_naive() - base.date_naive()).num_days();
                        When::time_of_day(day as i32, t.time(), *t.offset())
                    }
                };
                let time = base + Duration::minutes(minute);
                let mut e = Event::new(when(time), kind, text);
                e.end = length.map(|l| when(time + Duration::minutes(l)));
                e.actor = actor;
                e.zone = zone;
                e
            },
        )
}

fn any_zone() -> impl Strategy<Value = Option<Zone>> {
    prop::option::of(prop::sample::select(vec![
        "UTC",
        "Africa/Lagos",
        "America/New_York",
        "Asia/Kolkata",
        "Pacific/Chatham",
        "+05:45",
        "-09:30",
    ]))
    .prop_map(|z| z.and_then(Zone::parse))
}

fn stamp(t: When) -> Stamp {
    Stamp {
        time: t,
        zone: Some("UTC".into()),
        span: None,
    }
}

fn any_incident() -> impl Strategy<Value = Incident> {
    (
        prop::collection::vec(any_event(), 1..40),
        prop::option::of(hostile_text()),
        any_zone(),
        prop::option::of((0i64..(7 * 24 * 60), -600i64..(3 * 24 * 60))),
    )
        .prop_map(|(events, title, display_zone, window)| {
            let impact = match window {
                Some((start, len)) => {
                    let s = events[0].time + Duration::minutes(start - 3 * 24 * 60);
                    Impact {
                        start: Some(stamp(s)),
                        end: Some(stamp(s + Duration::minutes(len))),
                        stated_duration: None,
                    }
                }
                None => Impact::default(),
            };
            Incident {
                title,
                display_zone,
                impact,
                events,
                ..Incident::default()
            }
        })
}

fn any_options() -> impl Strategy<Value = RenderOptions> {
    (
        200u32..2400,
        prop::sample::select(vec![Theme::Light, Theme::Dark]),
        any::<bool>(),
    )
        .prop_map(|(width, theme, keep_text)| RenderOptions {
            width,
            theme,
            keep_text,
            ..RenderOptions::default()
        })
}

/// Elements and attributes that would make an SVG do something rather than show something.
fn assert_inert(svg: &str) {
    let doc = match roxmltree::Document::parse(svg) {
        Ok(d) => d,
        Err(e) => panic!("the SVG is not well-formed XML: {e}\n{svg}"),
    };
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    for node in doc.descendants() {
        if node.is_element() {
            let name = node.tag_name().name().to_ascii_lowercase();
            assert!(
                !matches!(
                    name.as_str(),
                    "script" | "foreignobject" | "iframe" | "object" | "embed" | "a"
                ),
                "input became markup: <{name}>"
            );
            for a in node.attributes() {
                let n = a.name().to_ascii_lowercase();
                assert!(!n.starts_with("on"), "event handler attribute {n}");
                if n == "href" {
                    assert!(
                        !a.value()
                            .trim_start()
                            .to_ascii_lowercase()
                            .starts_with("javascript"),
                        "javascript link"
                    );
                }
            }
        }
        if node.is_pi() {
            panic!("processing instruction in the SVG");
        }
    }
    // Bidi overrides would reorder what a reader sees; controls have no place in a chart.
    for c in svg.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        let control = c.is_control() && !matches!(c, '\n' | '\r' | '\t');
        assert!(
            !bidi && !control,
            "an active character U+{:04X} reached the SVG",
            c as u32
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn rendering_any_valid_model_gives_inert_well_formed_svg(
        incident in any_incident(),
        opts in any_options(),
    ) {
        let svg = render::svg(&incident, &opts);
        assert_inert(&svg);
    }

    #[test]
    fn checks_never_panic_on_any_valid_model(incident in any_incident()) {
        let diags = pmchart::validate::check(&incident, &Default::default());
        for d in &diags {
            prop_assert!(d.code.id().starts_with("PM") && d.code.id().len() == 5);
            prop_assert!(!d.message.is_empty());
        }
    }
}

#[test]
fn the_classic_injections_stay_text() {
    let t = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2024, 6, 5, 14, 0, 0)
        .unwrap();
    let texts = [
        "<script>alert(1)</script>",
        "]]><svg onload=alert(1)>",
        "a & b < c > d \" ' ",
        "\u{202E}gnp.exe",
        "bell\u{7}nul\u{0}esc\u{1b}",
    ];
    for keep_text in [false, true] {
        let mut incident = Incident {
            title: Some("<title>&</title>".into()),
            ..Incident::default()
        };
        for (i, text) in texts.iter().enumerate() {
            let mut e = Event::new(
                t + Duration::minutes(i as i64 * 10),
                EventKind::Action,
                *text,
            );
            e.actor = Some("<b>team</b>".into());
            incident.events.push(e);
        }
        let svg = render::svg(
            &incident,
            &RenderOptions {
                keep_text,
                ..RenderOptions::default()
            },
        );
        assert_inert(&svg);
    }
}
