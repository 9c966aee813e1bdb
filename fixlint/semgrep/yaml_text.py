"""A small, deterministic YAML writer for the exported Semgrep rules.

fixlint writes its Semgrep YAML itself instead of depending on PyYAML at run
time: the rules are plain data (dicts, lists, strings, numbers, booleans),
and the same input must always give byte-identical files so that
`fixlint export-semgrep --check` can compare them. Multi-line strings (the
patterns) become literal blocks, so the files read like hand-written
Semgrep rules. The test suite loads every file back with PyYAML and
requires the exact data it was written from.
"""

from __future__ import annotations

import json
import re

# Scalars written without quotes: in a flow list `[a, b]`, and in block
# context, where commas, brackets and `$` are plain text too (but `: ` and
# ` #` never are).
_PLAIN_FLOW = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-/ ]*$")
_PLAIN_BLOCK = re.compile(r"^[A-Za-z_$][A-Za-z0-9_.\-/ $(),*=<>+\[\]]*$")
_RESERVED = frozenset(("true", "false", "yes", "no", "on", "off", "null", "y", "n"))
_FLOW_WIDTH = 72


def dump(data, header=""):
    """The YAML text of `data` (a dict), after `header` comment lines."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += _mapping(data, 0)
    return "\n".join(lines) + "\n"


def _mapping(data, indent):
    pad = " " * indent
    out = []
    for key, value in data.items():
        key = _scalar(str(key))
        if isinstance(value, dict) and value:
            out.append(f"{pad}{key}:")
            out += _mapping(value, indent + 2)
        elif isinstance(value, (list, tuple)) and value and not _flow(value):
            out.append(f"{pad}{key}:")
            out += _sequence(value, indent)
        elif isinstance(value, str) and "\n" in value:
            out += _block(f"{pad}{key}: ", value, indent + 2)
        else:
            out.append(f"{pad}{key}: {_inline(value)}")
    return out


def _sequence(items, indent):
    pad = " " * indent
    out = []
    for item in items:
        if isinstance(item, dict) and item:
            inner = _mapping(item, indent + 2)
            out.append(f"{pad}- {inner[0].lstrip()}")
            out += inner[1:]
        elif isinstance(item, (list, tuple)) and item and not _flow(item):
            inner = _sequence(item, indent + 2)
            out.append(f"{pad}- {inner[0].lstrip()}")
            out += inner[1:]
        elif isinstance(item, str) and "\n" in item:
            out += _block(f"{pad}- ", item, indent + 2)
        else:
            out.append(f"{pad}- {_inline(item)}")
    return out


def _block(prefix, text, indent):
    """A literal block scalar (`|`), or a quoted string when the text has a
    shape a block cannot carry (leading spaces, trailing blank lines)."""
    body = text[:-1] if text.endswith("\n") else text
    if body.endswith("\n") or body.startswith((" ", "\t")) or "\r" in body or "\t" in body:
        return [prefix + _quoted(text)]
    chomp = "" if text.endswith("\n") else "-"
    pad = " " * indent
    return [f"{prefix}|{chomp}"] + [f"{pad}{line}" if line else "" for line in body.split("\n")]


def _flow(items):
    """Short lists of plain scalars are written `[a, b]`."""
    if not all(isinstance(i, str) and _PLAIN_FLOW.match(i) and i.lower() not in _RESERVED for i in items):
        return False
    return sum(len(i) + 2 for i in items) <= _FLOW_WIDTH


def _inline(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v, flow=True) if isinstance(v, str) else _inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{}"
    return _scalar(value)


def _scalar(text, flow=False):
    plain = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    if plain.match(text) and not text.endswith(" ") and text.lower() not in _RESERVED:
        return text
    if text.isprintable():
        return "'" + text.replace("'", "''") + "'"
    return _quoted(text)


def _quoted(text):
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)
