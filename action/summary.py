#!/usr/bin/env python3
"""The pmchart action's job summary (Markdown on standard output): each postmortem with
findings, its errors and warnings, and its chart's status, from the JSON lines of
`pmchart check --format json` and `pmchart embed --check --format json`.

    summary.py CHECK.jsonl EMBED.jsonl MODE CHANGED
"""
import json
import sys


def lines(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
    return out


def cell(text):
    """Text safe in a Markdown table cell: no pipes, no newlines, no HTML."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace(">", "&gt;").replace("\n", " "))


check_path, embed_path, mode, changed = sys.argv[1:5]
files = {}
for d in lines(check_path):
    f = files.setdefault(d["file"], {"error": 0, "warning": 0, "note": 0, "chart": []})
    f[d["severity"]] = f.get(d["severity"], 0) + 1
for d in lines(embed_path):
    f = files.setdefault(d["file"], {"error": 0, "warning": 0, "note": 0, "chart": []})
    f["chart"].append(d["message"])

print("## Postmortem charts (pmchart)\n")
if not files:
    print("Every postmortem checked clean, and every chart is up to date.\n")
else:
    print("| postmortem | errors | warnings | chart |")
    print("| --- | ---: | ---: | --- |")
    for name in sorted(files):
        f = files[name]
        chart = "; ".join(f["chart"]) if f["chart"] else "up to date"
        print(f"| `{cell(name)}` | {f['error']} | {f['warning']} | {cell(chart)} |")
    print()
    print("Postmortems not listed checked clean, with their charts up to date. "
          "Run `pmchart check PATH` for each finding in full, and `pmchart embed PATH` "
          "to refresh a chart.\n")
if mode == "embed" and changed == "true":
    print("Refreshed charts were committed to this branch.\n")
