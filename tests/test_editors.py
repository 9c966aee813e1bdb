"""Editors read flake8's output: the settings the README shows, exercised
with real flake8 and parsed the way each editor parses it."""

from __future__ import annotations

import json
import re

from .helpers import ROOT, run_flake8, write

# A finding 4 spaces in: flake8 prints column 5 (1-based), editors show it there.
SOURCE = """
from flask import make_response


def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp
"""
LINE, COLUMN = 6, 5


def test_default_flake8_output_has_1_based_line_and_column(tmp_path):
    write(tmp_path, "app.py", SOURCE)
    done = run_flake8("--isolated", "app.py", cwd=tmp_path)
    assert done.stdout.splitlines() == [
        f"app.py:{LINE}:{COLUMN}: SFX302 cookie 'sid' is set without Secure; pass secure=True to set_cookie() (Flask)"
    ]


def test_vscode_flake8_extension_settings(tmp_path):
    """ms-python.flake8 runs flake8 with `flake8.args` plus its own --format
    `row,col,type,code:text`, then turns the 1-based row and column into
    0-based editor positions, and looks the code up in `flake8.severity` by
    ever shorter prefixes (SFX302, SFX30, SFX3, SFX) before the type letter."""
    settings = json.loads((ROOT / "docs/editors/vscode-settings.json").read_text(encoding="utf-8"))
    # The bundled flake8 has no fixlint: the interpreter's flake8 must be used.
    assert settings["flake8.importStrategy"] == "fromEnvironment"
    write(tmp_path, "app.py", SOURCE)
    extension_format = "--format='%(row)d,%(col)d,%(code).1s,%(code)s:%(text)s'"
    done = run_flake8(*settings["flake8.args"], extension_format, "app.py", cwd=tmp_path)
    lines = [line[1:-1] if line.startswith("'") and line.endswith("'") else line for line in done.stdout.splitlines()]
    shape = re.compile(r"(?P<line>\d+),(?P<column>-?\d+),(?P<type>\w+),(?P<code>\w+\d+):(?P<message>.*)")
    (match,) = [m for m in map(shape.match, lines) if m and m["code"].startswith("SFX")]
    position = (int(match["line"]) - 1, int(match["column"]) - 1)
    assert position == (LINE - 1, COLUMN - 1)  # under the `r` of `resp`
    assert SOURCE.lstrip("\n").splitlines()[position[0]][position[1]:].startswith("resp.set_cookie")
    code, severity = match["code"], settings["flake8.severity"]
    while code and code not in severity:
        code = code[:-1]
    assert severity.get(code, severity.get(match["type"])) == "Warning"


def _pycharm_fields():
    rows = (ROOT / "docs/editors/pycharm-external-tool.md").read_text(encoding="utf-8").splitlines()[2:]
    return {cells[0]: cells[1].strip("`") for cells in
            ([c.strip() for c in row.strip("|").split("|")] for row in rows)}


def test_pycharm_external_tool_output_filter_links_findings(tmp_path):
    fields = _pycharm_fields()
    assert fields["Program"] == "$PyInterpreterDirectory$/python"
    assert fields["Arguments"].startswith("-m flake8 ") and fields["Arguments"].endswith("$FilePath$")
    write(tmp_path, "pkg/app.py", SOURCE)
    path = str(tmp_path / "pkg/app.py")
    args = fields["Arguments"].split()[2:-1] + [path]  # the tool runs on the current file's absolute path
    done = run_flake8(*args, cwd=tmp_path)
    # An output filter is a regular expression with macros for the file, line and column.
    pattern = fields["Output filters"]
    for macro, group in (("FILE_PATH", r"(?P<file>.+?)"), ("LINE", r"(?P<line>\d+)"), ("COLUMN", r"(?P<column>\d+)")):
        pattern = pattern.replace(f"${macro}$", group)
    matches = [m for m in map(re.compile(pattern).fullmatch, done.stdout.splitlines()) if m]
    assert [(m["file"], int(m["line"]), int(m["column"])) for m in matches] == [(path, LINE, COLUMN)]
