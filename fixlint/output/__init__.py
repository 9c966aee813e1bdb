"""Output formats for `fixlint check`: name -> render(results, rules, out, err)."""

from . import json_format, text

FORMATS = {"text": text.render, "json": json_format.render}
