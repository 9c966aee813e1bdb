"""What the user asked of the report, beyond its format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    color: bool = False  # ANSI colours in the text format
    quiet: int = 0  # text: 1 = only the names of files with findings, 2 = nothing
    statistics: bool = False  # text: a count per code after the findings


DEFAULT = Options()
