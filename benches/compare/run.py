#!/usr/bin/env python3
"""Whole processes, interleaved, medians: pmchart against mermaid-cli (the same incident as a
Mermaid gantt) and against the resvg CLI rasterising pmchart's own SVG at the same scale. Prints
the figures of the README's Speed section.

    benches/compare/run.py [RUNS]

Needs a release build (cargo build --release); mermaid-cli (npm install @mermaid-js/mermaid-cli,
with PUPPETEER_SKIP_DOWNLOAD=1) and Chromium (Debian: chromium), found through $MMDC and
$CHROMIUM; the resvg CLI (cargo install resvg --locked), through $RESVG.
"""
import os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
root = Path(__file__).resolve().parents[2]
# $PMCHART: the binary to time (a release archive's, built as .github/workflows/release.yml
# builds it); by default this clone's release build.
pmchart = os.environ.get("PMCHART", str(root / "target/release/pmchart"))
mmdc = shutil.which(os.environ.get("MMDC", "mmdc"))
resvg = shutil.which(os.environ.get("RESVG", "resvg"))
if not (mmdc and resvg):
    sys.exit("needs mermaid-cli ($MMDC or mmdc on PATH) and the resvg CLI ($RESVG or resvg)")
chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
incident = str(root / "examples/one-hour-outage.json")
with tempfile.TemporaryDirectory() as work:
    w = Path(work)
    (w / "outage.mmd").write_text((root / "benches/compare/one-hour-outage.mmd").read_text())
    (w / "pp.json").write_text(
        '{"executablePath": "%s", "args": ["--no-sandbox", "--disable-gpu"]}' % chromium)
    subprocess.run([pmchart, "render", incident, "-o", str(w / "chart.svg"), "-q"], check=True)
    commands = {
        "pmchart SVG": [pmchart, "render", incident, "-o", str(w / "p.svg"), "-q"],
        "pmchart PNG": [pmchart, "render", incident, "-o", str(w / "p.png"), "-q"],
        "resvg CLI PNG": [resvg, "--zoom", "2", str(w / "chart.svg"), str(w / "r.png")],
        "mermaid-cli SVG": [mmdc, "-p", str(w / "pp.json"), "-i", str(w / "outage.mmd"), "-o", str(w / "m.svg"), "-q"],
        "mermaid-cli PNG": [mmdc, "-p", str(w / "pp.json"), "-i", str(w / "outage.mmd"), "-o", str(w / "m.png"), "-q"],
    }
    times = {k: [] for k in commands}
    # posix_spawn and waitpid: subprocess.run's own cost (a millisecond or more) would be a
    # sixth of pmchart's time and nothing of mermaid-cli's.
    quiet = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
             (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
    for _ in range(runs):
        for name, cmd in commands.items():
            t = time.perf_counter()
            pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=quiet)
            _, status = os.waitpid(pid, 0)
            times[name].append(time.perf_counter() - t)
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"{name} failed: {' '.join(cmd)}")
    med = {k: statistics.median(v) for k, v in times.items()}
    for k, v in med.items():
        print(f"{k:32} {v * 1000:9.1f} ms")
    print(f"SVG: mermaid-cli takes {med['mermaid-cli SVG'] / med['pmchart SVG']:.0f}x pmchart's time")
    print(f"PNG: mermaid-cli takes {med['mermaid-cli PNG'] / med['pmchart PNG']:.0f}x pmchart's time")
    print(f"PNG: pmchart takes {med['pmchart PNG'] / med['resvg CLI PNG']:.2f}x the time of the resvg CLI rasterising pmchart's SVG")
    load = open("/proc/loadavg").read().split()[:3]
    print(f"machine: {os.cpu_count()} cores, load {' '.join(load)}, {runs} runs each, interleaved")
