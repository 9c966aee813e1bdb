"""Output formats for `fixlint check`.

FORMATS maps a name to `render(results, rules, out, err, options)`:
`results` are runner.FileResults whose paths are already relative to the
current directory, `rules` the rules that ran, `out` where the report goes
(stdout or --output-file), `err` stderr, `options` an Options.
"""

from __future__ import annotations

from . import gitlab, json_format, sarif, text
from .options import Options

__all__ = ["FORMATS", "Options", "TEXT_ONLY"]

FORMATS = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "gitlab": gitlab.render,
}

# Options that only make sense for people reading text; machine formats refuse them.
TEXT_ONLY = ("quiet", "statistics")
