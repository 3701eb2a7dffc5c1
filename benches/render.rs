//! Speed of the whole path, per chart: JSON → SVG (text as paths), JSON → PNG at 2x, and
//! rasterising an already parsed tree alone, for comparison.
//! Targets on a 2-core machine: SVG under 2 ms, PNG (2x) under 25 ms.

use criterion::{criterion_group, criterion_main, Criterion};
use pmchart::input::{json, ReadOptions};
use pmchart::render::{self, RenderOptions};
use std::hint::black_box;
use std::path::PathBuf;

const EXAMPLES: [&str; 4] = [
    "one-hour-outage",
    "database-failover",
    "dst-night",
    "fold-night-london",
];

fn source(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{name}.json"));
    std::fs::read_to_string(path).unwrap()
}

fn bench(c: &mut Criterion) {
    let opts = RenderOptions::default();
    for name in EXAMPLES {
        let text = source(name);
        let mut g = c.benchmark_group(name);
        g.sample_size(30);
        g.bench_function("json_to_svg", |b| {
            b.iter(|| {
                let incident = json::read(black_box(&text), &ReadOptions::default())
                    .unwrap()
                    .incident;
                black_box(render::svg(&incident, &opts))
            })
        });
        g.bench_function("json_to_png_2x", |b| {
            b.iter(|| {
                let incident = json::read(black_box(&text), &ReadOptions::default())
                    .unwrap()
                    .incident;
                black_box(render::png(&incident, &opts).unwrap())
            })
        });
        let incident = json::read(&text, &ReadOptions::default()).unwrap().incident;
        let scene = render::layout(&incident, &opts);
        let tree = pmchart::draw::tree(&pmchart::draw::svg(&scene, opts.theme, true)).unwrap();
        g.bench_function("rasterise_2x_only", |b| {
            b.iter(|| black_box(pmchart::draw::rasterise(&tree, 2.0).unwrap()))
        });
        g.bench_function("layout_only", |b| {
            b.iter(|| black_box(render::layout(&incident, &opts)))
        });
        g.bench_function("svg_with_text_only", |b| {
            b.iter(|| black_box(pmchart::draw::svg(&scene, opts.theme, true)))
        });
        let drawn = pmchart::draw::svg(&scene, opts.theme, true);
        g.bench_function("compare_usvg_text_layout", |b| {
            b.iter(|| black_box(pmchart::draw::tree(&drawn).unwrap()))
        });
        g.bench_function("compare_usvg_text_to_paths_writer", |b| {
            b.iter(|| black_box(tree.to_string(&usvg::WriteOptions::default())))
        });
        g.bench_function("render_pixmap_only", |b| {
            b.iter(|| {
                let mut pixmap =
                    resvg::tiny_skia::Pixmap::new(1800, (scene.height * 2.0) as u32).unwrap();
                resvg::render(
                    &tree,
                    resvg::tiny_skia::Transform::from_scale(2.0, 2.0),
                    &mut pixmap.as_mut(),
                );
                black_box(pixmap)
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
