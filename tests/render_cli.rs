//! `pmchart render` end to end: formats from extensions and flags, standard input and output,
//! the layout dump, refusing what it cannot do.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn pmchart() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pmchart"))
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{name}.json"))
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("pmchart runs")
}

#[test]
fn renders_svg_and_png_by_extension_and_dumps_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("chart.svg");
    let png = dir.path().join("chart.png");
    let dump = dir.path().join("layout.json");
    let out = run(pmchart()
        .arg("render")
        .arg(example("one-hour-outage"))
        .arg("-o")
        .arg(&svg)
        .arg("--dump-layout")
        .arg(&dump));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg xmlns"));
    assert!(text.contains("role=\"img\""));

    let layout: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&dump).unwrap()).unwrap();
    assert_eq!(layout["width"], 900.0);
    let items = layout["items"].as_array().unwrap();
    let title = items.iter().find(|i| i["kind"] == "title").unwrap();
    assert_eq!(
        title["text"],
        "Checkout API outage after a configuration push"
    );
    for key in ["x", "y", "width", "height"] {
        assert!(title[key].is_number(), "{key}");
    }
    assert!(items.iter().any(|i| i["kind"] == "marker:detect"));
    assert!(items.iter().any(|i| i["kind"] == "tick-label"));

    let out = run(pmchart()
        .arg("render")
        .arg(example("one-hour-outage"))
        .args(["--theme", "dark", "--scale", "1", "--width", "700", "-o"])
        .arg(&png));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!(pixmap.width(), 700);
}

#[test]
fn reads_standard_input_and_writes_standard_output() {
    let mut child = pmchart()
        .args(["render", "-", "-o", "-", "--format", "svg", "--keep-text"])
        .args(["--title", "From stdin & <friends>", "--tz", "Europe/London"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(example("database-failover")).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains("<title>From stdin &amp; &lt;friends&gt;</title>"));
    // --tz changes the display zone: February in London is GMT, the events were written in UTC.
    assert!(svg.contains("Times in GMT"), "zone label");
    assert!(svg.contains("<text"));
}

#[test]
fn unknown_output_formats_and_bad_input_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(pmchart()
        .arg("render")
        .arg(example("one-hour-outage"))
        .arg("-o")
        .arg(dir.path().join("chart.gif")));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format svg|png"));

    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"events\": [{\"time\": \"yesterday\", \"text\": \"a\"}]}",
    )
    .unwrap();
    let target = dir.path().join("chart.svg");
    let out = run(pmchart().arg("render").arg(&bad).arg("-o").arg(&target));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PM001"));
    assert!(!target.exists(), "nothing is written for bad input");

    let out = run(pmchart()
        .arg("render")
        .arg(example("one-hour-outage"))
        .args(["--scale", "0", "-o"])
        .arg(dir.path().join("chart.png")));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_same_input_gives_the_same_bytes_from_separate_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for i in 0..2 {
        for ext in ["svg", "png"] {
            let path = dir.path().join(format!("chart{i}.{ext}"));
            let out = run(pmchart()
                .arg("render")
                .arg(example("dst-night"))
                .arg("-o")
                .arg(&path));
            assert!(out.status.success());
            outputs.push(std::fs::read(&path).unwrap());
        }
    }
    assert_eq!(outputs[0], outputs[2]);
    assert_eq!(outputs[1], outputs[3]);
}

#[test]
fn several_inputs_render_into_an_output_directory() {
    let dir = tempfile::tempdir().unwrap();
    let charts = dir.path().join("charts");
    let out = run(pmchart()
        .arg("render")
        .arg(example("one-hour-outage"))
        .arg(example("dst-night"))
        .arg("-o")
        .arg(&charts));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    for name in ["one-hour-outage.svg", "dst-night.svg"] {
        let text = std::fs::read_to_string(charts.join(name)).unwrap();
        assert!(text.starts_with("<svg xmlns"), "{name}");
    }
    assert_eq!(std::fs::read_dir(&charts).unwrap().count(), 2);
    assert!(err.contains("2 files, 2 charts written"), "{err}");
    // The same bytes as rendering the file alone.
    let alone = dir.path().join("alone.svg");
    assert!(run(pmchart()
        .arg("render")
        .arg(example("dst-night"))
        .arg("-o")
        .arg(&alone))
    .status
    .success());
    assert_eq!(
        std::fs::read(&alone).unwrap(),
        std::fs::read(charts.join("dst-night.svg")).unwrap()
    );

    // Several charts cannot go to one file or to standard output.
    for target in [PathBuf::from("-"), dir.path().join("one.svg")] {
        let out = run(pmchart()
            .arg("render")
            .arg(example("one-hour-outage"))
            .arg(example("dst-night"))
            .arg("-o")
            .arg(&target));
        assert_eq!(out.status.code(), Some(2), "{}", target.display());
        assert!(String::from_utf8_lossy(&out.stderr).contains("-o names a directory"));
        assert!(!target.exists() || target == Path::new("-"));
    }
}

#[test]
fn a_directory_renders_beside_each_input_and_a_bad_file_does_not_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("pm/db")).unwrap();
    std::fs::write(
        root.join("pm/db/README.md"),
        "# DB outage\n\n## Timeline\n\n- 2024-06-05 10:00 UTC: Alert fired, on-call paged\n\
         - 10:20 UTC: Rolled back the config\n- 10:30 UTC: Service recovered\n",
    )
    .unwrap();
    std::fs::copy(example("one-hour-outage"), root.join("pm/api.json")).unwrap();
    std::fs::write(
        root.join("pm/bad.json"),
        "{\"events\": [{\"time\": \"yesterday\", \"text\": \"a\"}]}",
    )
    .unwrap();
    let out = run(pmchart()
        .arg("render")
        .arg(root.join("pm"))
        .args(["--format", "png", "--scale", "1"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("PM001"), "{err}");
    assert!(err.contains("3 files, 2 charts written"), "{err}");
    for chart in ["pm/db/timeline.png", "pm/api.png"] {
        let bytes = std::fs::read(root.join(chart)).unwrap();
        assert!(
            resvg::tiny_skia::Pixmap::decode_png(&bytes).is_ok(),
            "{chart}"
        );
    }
    assert!(!root.join("pm/bad.png").exists());
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn completions_and_the_manual_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run(pmchart().args(["completions", shell]));
        assert!(out.status.success(), "{shell}: {}", stderr_of(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("pmchart") && text.contains("render"),
            "{shell}"
        );
    }
    let out = run(pmchart().arg("man"));
    assert!(out.status.success());
    let man = String::from_utf8(out.stdout).unwrap();
    assert!(man.contains(".TH pmchart 1"), "{man}");
}

#[test]
fn standard_output_needs_a_format_and_a_missing_folder_is_named() {
    let out = run(pmchart().args([
        "render",
        example("one-hour-outage").to_str().unwrap(),
        "-o",
        "-",
    ]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("add --format svg or --format png"),
        "{}",
        stderr_of(&out)
    );

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing/charts/chart.svg");
    let out = run(pmchart()
        .args(["render", example("one-hour-outage").to_str().unwrap(), "-o"])
        .arg(&target));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("the folder") && err.contains("missing/charts` does not exist"),
        "{err}"
    );
    assert!(!err.contains("charts/.tmp"), "{err}");
}

#[test]
fn quiet_says_nothing_verbose_says_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("chart.svg");
    let input = example("one-hour-outage");
    let out = run(pmchart()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&target)
        .arg("-v"));
    assert!(out.status.success());
    assert_eq!(stderr_of(&out), format!("wrote {}\n", target.display()));
    // Not a terminal and not verbose: nothing.
    let out = run(pmchart().arg("render").arg(&input).arg("-o").arg(&target));
    assert_eq!(stderr_of(&out), "");
    // A batch with --quiet: no per-file lines and no summary.
    let out = run(pmchart()
        .arg("render")
        .arg(&input)
        .arg(example("one-hour-outage"))
        .arg("-o")
        .arg(dir.path())
        .arg("--quiet"));
    assert_eq!(stderr_of(&out), "", "{}", stderr_of(&out));
    let out = run(pmchart().args(["render", "-q", "-v"]).arg(&input));
    assert_eq!(out.status.code(), Some(2), "--quiet and --verbose conflict");
}

#[test]
fn tz_takes_what_the_reader_takes() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("chart.svg");
    let input = example("one-hour-outage");
    for tz in ["WAT", "wat", "africa/lagos", "UTC+1", "+01:00"] {
        let out = run(pmchart()
            .arg("render")
            .arg(&input)
            .arg("-o")
            .arg(&target)
            .args(["--tz", tz]));
        assert!(out.status.success(), "{tz}: {}", stderr_of(&out));
    }
    let out = run(pmchart()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&target)
        .args(["--tz", "ist"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("can mean India Standard Time (UTC+05:30)"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn the_width_range_is_in_the_help_and_enforced() {
    for cmd in ["render", "embed"] {
        let out = run(pmchart().args([cmd, "--help"]));
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("480 to 4000"), "{cmd}: {help}");
    }
    let out = run(pmchart()
        .arg("render")
        .arg(example("one-hour-outage"))
        .args(["-o", "-", "--format", "svg", "--width", "5000"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("480..=4000"),
        "{}",
        stderr_of(&out)
    );
}
