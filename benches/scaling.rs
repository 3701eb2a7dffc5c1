//! How cost grows with input size: each group measures n and 4n (the long line also 16n), so
//! the report shows whether the time grows by about 4 (linear) or 16 (quadratic).
//! - `markdown_entries`: a Markdown timeline of n entries, read;
//! - `markdown_long_line`: one timeline line of n words with stray markup, read;
//! - `markdown_hypotheses`: n entries that are all hypotheses ("Assumed …"), each compared
//!   with the findings after it;
//! - `json_single_line`: a minified JSON incident of n events on one line, read, checked and
//!   reported in the human format (every span's column on one huge line).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use pmchart::input::{json, markdown, ReadOptions, SourceText};
use pmchart::model::InputFormat;
use pmchart::report::{self, DiagnosticFormat};
use pmchart::validate::{self, CheckOptions};
use std::hint::black_box;

fn markdown_entries(n: usize) -> String {
    let mut s = String::from("# Outage\n\n## Timeline (UTC)\n\n");
    for i in 0..n {
        s.push_str(&format!(
            "- {:02}:{:02} - Restarted worker {i}; escalated to the DB team\n",
            (i / 60) % 24,
            i % 60
        ));
    }
    s
}

fn markdown_long_line(n: usize) -> String {
    let mut s = String::from("## Timeline\n- 10:00 UTC - ");
    for i in 0..n {
        s.push_str(if i % 7 == 0 {
            "<b "
        } else {
            "word (x) 1.2 ] [ "
        });
    }
    s.push('\n');
    s
}

fn json_single_line(n: usize) -> String {
    let events: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"time":"2024-06-05T10:{:02}:00Z","kind":"action","text":"é{i}"}}"#,
                i % 60
            )
        })
        .collect();
    format!(r#"{{"events":[{}]}}"#, events.join(","))
}

/// Timeline entries that are all hypotheses: each is compared with the findings after it.
fn markdown_hypotheses(n: usize) -> String {
    let mut s = String::from("## Timeline (UTC)\n");
    for i in 0..n {
        s.push_str(&format!(
            "- {:02}:{:02} Assumed the database cluster {i} was overloaded\n",
            (i / 60) % 24,
            i % 60
        ));
    }
    s
}

/// Reading, checking and reporting a minified JSON incident.
fn check_and_report(text: &str) -> usize {
    let parsed = json::read(text, &ReadOptions::default()).unwrap();
    let diags = validate::check(&parsed.incident, &CheckOptions::default());
    let source = SourceText {
        path: None,
        text: text.to_string(),
        format: InputFormat::Json,
    };
    let mut out = Vec::new();
    report::emit(&diags, &source, DiagnosticFormat::Human, false, &mut out).unwrap();
    out.len()
}

/// One group: `run` on the input `make` builds at each size.
fn group(
    c: &mut Criterion,
    name: &str,
    sizes: &[usize],
    make: fn(usize) -> String,
    run: fn(&str) -> usize,
) {
    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    for &n in sizes {
        let text = make(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, t| {
            b.iter(|| black_box(run(t)))
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    let read = |t: &str| {
        markdown::read(t, &ReadOptions::default())
            .map(|p| p.incident.events.len())
            .unwrap_or(0)
    };
    group(
        c,
        "markdown_entries",
        &[2_000, 8_000],
        markdown_entries,
        read,
    );
    group(
        c,
        "markdown_long_line",
        // Three sizes: a line of 10,000 words stays in the CPU's cache from one iteration to
        // the next and 40,000 do not, so the first step grows more than the work does.
        &[10_000, 40_000, 160_000],
        markdown_long_line,
        read,
    );
    group(
        c,
        "markdown_hypotheses",
        &[2_000, 8_000],
        markdown_hypotheses,
        read,
    );
    group(
        c,
        "json_single_line",
        &[5_000, 20_000],
        json_single_line,
        check_and_report,
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
