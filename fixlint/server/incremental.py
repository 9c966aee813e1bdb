"""Parsing an edited buffer again without parsing all of it.

An edit in an editor changes a few lines of one function. The module's
top-level statements that the changed lines touch are parsed again, alone,
and put in place of the old ones; the statements before them are kept, and
those after them are kept with their line numbers moved by the lines the
edit added or removed. The tree is the one `ast.parse` gives for the whole
new text (a test compares them, field by field, line and column included,
after random edits): a run of whole top-level statements, surrounded by
unchanged code at the top level, parses the same alone as in its module.

Where that reasoning could fail, the whole text is parsed instead: no
earlier tree (or the last text did not parse), changed lines above the
first statement or in the first two lines (a coding cookie), whole
statements deleted, a backslash that joins a line to the region, line
breaks that Python and `str.splitlines` disagree on, or a region that does
not parse alone (the edit opened a string or a bracket, or indented a line
into the statement above: the whole text decides). Changed lines between
two statements are parsed again with both.
"""

from __future__ import annotations

import ast
import re
import warnings


# Characters str.splitlines breaks a line at and Python's tokenizer does not
# (a lone carriage return included): such a text is parsed whole.
_ODD_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|\r(?!\n)")
_ODD_ASCII = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e")


def odd_breaks(text):
    """Whether `text` has a line break str.splitlines and Python disagree
    on. In ASCII text (nearly every buffer) a few substring searches say it
    much faster than the regular expression."""
    if not text.isascii():
        return _ODD_BREAKS.search(text) is not None
    if any(c in text for c in _ODD_ASCII):
        return True
    return "\r" in text and _ODD_BREAKS.search(text) is not None


class Parsed:
    """The last text of one document and its tree (owned here: the kept
    statements of the next tree are these nodes, their lines moved)."""

    __slots__ = ("lines", "tree", "spans")

    def __init__(self):
        self.lines = None
        self.tree = None
        self.spans = None  # the tree's statement spans (see spans()), when known

    def parse(self, text, full_parse):
        """The module's tree: `full_parse(text)` (which may raise) or the
        last tree with the changed statements parsed again."""
        lines = None if odd_breaks(text) else text.splitlines(keepends=True)
        tree = spans = None
        if self.tree is not None and lines is not None:
            tree, spans = _reparse(self.tree, self.lines, lines, self.spans)
        if tree is None:
            self.tree = self.lines = self.spans = None  # a failing full parse leaves nothing to reuse
            tree = full_parse(text)
        self.lines, self.tree, self.spans = lines, (tree if lines is not None else None), spans
        return tree


def spans(body):
    """(first line, last line) of each statement of `body`, 1-based,
    inclusive, decorators included."""
    return [(start_line(node), node.end_lineno) for node in body]


def _reparse(tree, old, new, known=None):
    """(The tree of the lines `new` from the tree of the lines `old`, its
    statement spans), or (None, None) when the text must be parsed whole.
    `known`: the spans of `tree`, when they are known."""
    first, limit = 0, min(len(old), len(new))  # first: 0-based index of the first changed line
    while first < limit and old[first] == new[first]:
        first += 1
    if first == len(old) == len(new):
        return tree, known  # the same text
    tail = 0  # equal lines at the end, after the equal start
    while tail < limit - first and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_end, delta = len(old) - tail, len(new) - len(old)  # old[first:old_end] became new[first:old_end + delta]
    body = tree.body
    lines_of = known if known is not None else spans(body)
    # The statements from the last one starting at or before the first changed
    # line to the first one ending at or after the last (or the end of the
    # text): between them, the changed lines and the comments around them...
    i = next((k for k in range(len(lines_of) - 1, -1, -1) if lines_of[k][0] <= first + 1), None)
    if i is None:
        return None, None  # the edit is above the first statement
    j = next((k for k in range(i, len(lines_of)) if lines_of[k][1] >= old_end), None)
    # ...widened to the statements that share a line with them (`a = 1; b = 2`).
    while i > 0 and lines_of[i - 1][1] >= lines_of[i][0]:
        i -= 1
    while j is not None and j + 1 < len(lines_of) and lines_of[j + 1][0] <= lines_of[j][1]:
        j += 1
    start = lines_of[i][0]
    end = lines_of[j][1] + delta if j is not None else len(new)  # the region's last line in the new text
    if start <= 2 or end < start:
        return None, None  # where a coding cookie may be; or whole statements deleted
    if new[start - 2].rstrip("\r\n").endswith("\\") or new[end - 1].rstrip("\r\n").endswith("\\"):
        return None, None  # a backslash joins the region to a line around it
    region = new[start - 1:end]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = ast.parse("".join(region))
    except Exception:  # SyntaxError, and whatever else: the whole text decides
        return None, None
    for node in parsed.body:
        ast.increment_lineno(node, start - 1)
    after = body[j + 1:] if j is not None else []
    moved = lines_of[j + 1:] if j is not None else []
    if delta:
        for node in after:
            ast.increment_lineno(node, delta)
        moved = [(first_line + delta, last_line + delta) for first_line, last_line in moved]
    return ast.Module(body=body[:i] + parsed.body + after, type_ignores=[]), lines_of[:i] + spans(parsed.body) + moved


def start_line(node):
    """The first line of a statement, its decorators included."""
    decorators = getattr(node, "decorator_list", None)
    return min([node.lineno] + [d.lineno for d in decorators]) if decorators else node.lineno
