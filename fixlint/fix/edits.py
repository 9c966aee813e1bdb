"""What a fix changes, said in terms of the stdlib `ast` tree detection uses.

Planners (one module per fix family) turn findings into Plans made of these
edits; fixlint.fix.apply carries them out with libcst. An edit names its
target by the ast node's span, so this module (and the planners) never
import libcst: the flake8 plugin's path stays light.

Values are Python objects (`True`, `"Lax"`), not source text: the applier
writes them in the file's own style (its quote character).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

SAFE = "safe"
UNSAFE = "unsafe"


class Span(NamedTuple):
    """An ast node's position: 1-based lines, 0-based UTF-8 byte columns."""

    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def of(cls, node):
        return cls(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)


@dataclass(frozen=True)
class Expression:
    """A value written as source text: an expression the file already uses
    (`not app.debug`), reused by a fix."""

    text: str

    def __repr__(self):  # how titles and inserted statements spell it
        return self.text


@dataclass(frozen=True)
class AddKeyword:
    """Pass `name=value` to a call that does not pass it yet."""

    call: Span
    name: str
    value: object


@dataclass(frozen=True)
class ReplaceValue:
    """Replace a literal expression (an argument, a setting's value)."""

    expr: Span
    value: object


@dataclass(frozen=True)
class AppendToString:
    """Append text inside a string literal or f-string, before its closing
    quote (an attribute at the end of a `Set-Cookie` value)."""

    expr: Span
    text: str


@dataclass(frozen=True)
class ReplaceInString:
    """Replace the first match of a case-insensitive regular expression in
    the literal text of a string or f-string."""

    expr: Span
    pattern: str
    new: str


@dataclass(frozen=True)
class InsertStatements:
    """Insert statements, at the anchor statement's indentation, before or
    after it. `code` is source text; comment lines (`# ...`) become comments
    above the first statement."""

    anchor: Span
    code: tuple
    after: bool = False


@dataclass(frozen=True)
class ReplaceStatement:
    """Replace one statement with others (`code` as in InsertStatements).
    Its comments stay: those above it go above the first new statement, a
    trailing one after the last. Empty `code` deletes the statement, and
    its comments move above the statement that follows it."""

    stmt: Span
    code: tuple


@dataclass(frozen=True)
class EnsureImport:
    """`from module import name`, added after the module's last top-level
    import unless the module already binds `name` at top level."""

    module: str
    name: str


class Plan(NamedTuple):
    """The edits that fix one finding, applied all together or not at all."""

    finding: object  # the rule's Finding, exactly as check() reports it
    edits: tuple
    safety: str  # SAFE or UNSAFE
    title: str  # what the fix does, one line (`add secure=True`)
    why: str = ""  # for an unsafe fix: what it may break


class Decline(NamedTuple):
    """A finding its planner looked at and will not fix, and why: shown as
    `no fix: <reason>` among the findings left."""

    finding: object
    reason: str


def target(edit):
    """The span an edit works on (None for EnsureImport)."""
    for attr in ("call", "expr", "anchor", "stmt"):
        span = getattr(edit, attr, None)
        if span is not None:
            return span
    return None


def _inside(inner, outer):
    return (outer.line, outer.col) <= (inner.line, inner.col) and (
        (inner.end_line, inner.end_col) <= (outer.end_line, outer.end_col)
    )


def conflicts(a, b):
    """Whether two edits of different plans cannot both be applied in one
    pass (the later plan then waits for the next pass)."""
    if repr(a) == repr(b) or isinstance(a, EnsureImport) or isinstance(b, EnsureImport):
        return False  # the same edit twice is applied once (repr: True == 1)
    span_a, span_b = target(a), target(b)
    if isinstance(a, ReplaceStatement) or isinstance(b, ReplaceStatement):
        return _inside(span_a, span_b) or _inside(span_b, span_a)
    if {type(a), type(b)} == {ReplaceInString, AppendToString}:
        return False  # the replacement and the appended attribute compose
    replacing = (ReplaceValue, ReplaceInString)
    if isinstance(a, replacing) or isinstance(b, replacing):
        return span_a == span_b
    if isinstance(a, AddKeyword) and isinstance(b, AddKeyword):
        return span_a == span_b and a.name == b.name
    return False
