"""Output formats for `fixlint check`.

FORMATS names each format's module; `renderer(name)` imports it on first use
(so `fixlint check` pays only for the format it prints) and returns its
`render(results, rules, out, err, options)`: `results` are runner.FileResults
whose paths are already relative to the current directory, `rules` the rules
that ran, `out` where the report goes (stdout or --output-file), `err`
stderr, `options` an Options.
"""

from __future__ import annotations

import importlib

from .options import Options

__all__ = ["FORMATS", "Options", "TEXT_ONLY", "renderer"]

FORMATS = {
    "text": "text",  # flake8-style lines, the default
    "json": "json_format",
    "sarif": "sarif",  # SARIF 2.1.0, for GitHub code scanning
    "gitlab": "gitlab",  # GitLab SAST report
}

# Options that only make sense for people reading text; machine formats refuse them.
TEXT_ONLY = ("quiet", "statistics")


def renderer(name):
    return importlib.import_module(f"{__name__}.{FORMATS[name]}").render
