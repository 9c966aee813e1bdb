"""The results as JSON (bench/results/latest.json) and as the Markdown table
the README includes (bench/results/latest.md, rendered from the JSON)."""

from __future__ import annotations

import json

from .measure import summarise

_MET = {True: "**met**", False: "not met", None: "n/a"}


def measurement_record(measurement, runs):
    """One measurement's JSON record from its Runs."""
    record = {
        "key": measurement.key,
        "label": measurement.label,
        "on": measurement.target,
        "runs": [_run_record(r) for r in runs],
    }
    for field in ("cpu", "wall"):
        summary = summarise([getattr(r, field) for r in runs])
        record[field] = {"median": round(summary.median, 3), "min": round(summary.low, 3),
                         "max": round(summary.high, 3)}
    record["rss_mb"] = round(max(r.rss_mb for r in runs), 1)
    return record


def _run_record(run):
    record = {"wall": round(run.wall, 3), "cpu": round(run.cpu, 3), "rss_mb": round(run.rss_mb, 1)}
    for figure in ("fixlint_cpu", "latency_ms"):
        if getattr(run, figure) is not None:
            record[figure] = round(getattr(run, figure), 3)
    return record


def to_json(document):
    return json.dumps(document, indent=2, sort_keys=False) + "\n"


def _seconds(stats):
    return f"{stats['median']:.2f} ({stats['min']:.2f}–{stats['max']:.2f})"


def _corpus_line(corpus):
    parts = [f"{p['name']} ({p['files']} files)" for p in corpus["packages"]]
    return (f"Corpus: {', '.join(parts)} — {corpus['files']} files, "
            f"{corpus['lines']:,} lines.")


def _machine_line(machine):
    versions = ", ".join(f"{name} {value}" for name, value in machine["versions"].items() if value)
    memory = f", {machine['memory_gib']} GiB" if machine.get("memory_gib") else ""
    return (f"Machine: {machine['cpu']}, {machine['cores']} cores{memory}, {machine['os']}, "
            f"Python {machine['python']}. Versions: {versions}.")


def markdown(document):
    """The table, the targets and what they were measured on."""
    lines = [
        f"Latest run: {document['date']}, {document['repeat']} interleaved rounds; "
        "median of the runs, with min–max in brackets.",
        "",
        _machine_line(document["machine"]),
        "",
        _corpus_line(document["corpus"]),
        "",
        "| tool | on | runs | CPU s | wall s | peak RSS MB |",
        "|---|---|---|---|---|---|",
    ]
    for record in document["measurements"]:
        lines.append(f"| `{record['label']}` | {record['on']} | {len(record['runs'])} | {_seconds(record['cpu'])} | "
                     f"{_seconds(record['wall'])} | {record['rss_mb']:.0f} |")
    for label, reason in document.get("skipped", {}).items():
        lines.append(f"| `{label}` | corpus | | {reason} | | |")
    lines += ["", "| target | measured (CPU time; wall in brackets) | |", "|---|---|---|"]
    for target in document["targets"]:
        lines.append(f"| {target['text']} | {target['measured']} | {_MET[target['met']]} |")
    return "\n".join(lines) + "\n"
