//! Properties of the Markdown reader: whatever the text, it returns a result or a diagnostic and
//! never panics (line endings of every kind, a BOM, case-changing letters, markup fragments), and
//! the kind of line ending never changes what is read. That its cost grows linearly with long
//! lines and many entries is measured by `cargo bench --bench scaling`, not timed here.

use pmchart::input::{markdown, ReadOptions};
use proptest::prelude::*;

/// Pieces of postmortems and of the things that break readers.
fn postmortem_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "## Timeline",
        "# ",
        "### Issue Summary\n",
        "**Timeline:**",
        "Timeline (UTC)\n",
        "- ",
        "* ",
        "1. ",
        "| ",
        " |",
        "|---|---|\n",
        "\n",
        "\r\n",
        "\r",
        "\u{feff}",
        "    ",
        "\t",
        "10:00 ",
        "2:35 PM",
        "12:15 AM",
        "13:00 PM",
        "25:10",
        "2306HRS",
        "5:PM",
        "10:35 a.m:",
        "noon",
        "midnight",
        " UTC",
        " WAT",
        " GMT+1",
        " (EAT)",
        " IST",
        "Europe/Lodnon",
        " - ",
        ": ",
        " to ",
        "12/02/2025",
        "March 3, 2025",
        "25th of March",
        "January23, 2021",
        "2024-03-10T10:00:00Z",
        "Alert fired",
        "escalated to the DBA team",
        "İlker escalated to Ömer",
        "ǅ",
        "ﬁ",
        "ß",
        "rolled back",
        "resolved",
        "OUTAGE BEGINS",
        "OUTAGE ENDS",
        "<p>",
        "</p>",
        "<br>",
        ":small_orange_diamond:",
        "&emsp;",
        "`",
        "```\n",
        "[x](http://a/10:00)",
        "![i](x.png)",
        "lasted 2 hours and 30 minutes",
        "an hour and a half",
        "Furthermore, at ",
        "From ",
        "Root Cause:",
        "\u{202E}",
        "\u{0}",
        "🔥",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_reader_never_panics(text in postmortem_text()) {
        let _ = markdown::read(&text, &ReadOptions::default());
    }

    #[test]
    fn line_endings_do_not_change_what_is_read(text in postmortem_text()) {
        let lf = text.replace("\r\n", "\n").replace('\r', "\n");
        let keys = |t: &str| -> Vec<(usize, String)> {
            markdown::read(t, &ReadOptions::default())
                .map(|p| p.incident.events.iter()
                    .map(|e| (e.span.map(|s| s.line).unwrap_or(0), e.wall_clock()))
                    .collect())
                .unwrap_or_default()
        };
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        prop_assert_eq!(keys(&lf), keys(&crlf));
        prop_assert_eq!(keys(&lf), keys(&cr));
    }
}
