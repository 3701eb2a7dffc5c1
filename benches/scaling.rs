//! How cost grows with input size: each group measures n and 4n, so the report shows whether
//! the time grows by about 4 (linear) or 16 (quadratic).
//! - `markdown_entries`: a Markdown timeline of n entries, read;
//! - `markdown_long_line`: one timeline line of n words with stray markup, read;
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

fn bench(c: &mut Criterion) {
    let opts = ReadOptions::default();
    let mut g = c.benchmark_group("markdown_entries");
    g.sample_size(10);
    for n in [2_000, 8_000] {
        let text = markdown_entries(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, t| {
            b.iter(|| black_box(markdown::read(t, &opts).is_ok()))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("markdown_long_line");
    g.sample_size(10);
    for n in [10_000, 40_000] {
        let text = markdown_long_line(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, t| {
            b.iter(|| black_box(markdown::read(t, &opts).is_ok()))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("json_single_line");
    g.sample_size(10);
    for n in [5_000, 20_000] {
        let text = json_single_line(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, t| {
            b.iter(|| {
                let parsed = json::read(t, &opts).unwrap();
                let diags = validate::check(&parsed.incident, &CheckOptions::default());
                let source = SourceText {
                    path: None,
                    text: t.clone(),
                    format: InputFormat::Json,
                };
                let mut out = Vec::new();
                report::emit(&diags, &source, DiagnosticFormat::Human, false, &mut out).unwrap();
                black_box(out.len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
