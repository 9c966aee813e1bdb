"""`# noqa` for the CLI, exactly as flake8 reads it.

flake8 searches the whole logical line a finding sits on (a `# noqa` at the
end of a multi-line call covers every line of it), matches codes by prefix
(`# noqa: SFX3` silences SFX302), treats `# noqa` without codes as blanket,
and skips a file that has a `# flake8: noqa` line.
"""

from __future__ import annotations

import re
import tokenize

from .lines import physical_lines

# Same expressions as flake8.defaults.
NOQA_INLINE = re.compile(
    r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?",
    re.IGNORECASE,
)
NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.IGNORECASE)


def file_is_skipped(lines):
    return any(NOQA_FILE.match(line) for line in lines)


def text_is_skipped(text, lowered):
    """file_is_skipped for a whole source; `lowered` is `text.lower()`.
    Most files never say "flake8", and finding that out costs one scan
    instead of a regex per line (re's IGNORECASE folds no other character
    onto these letters than str.lower() does)."""
    return "flake8" in lowered and file_is_skipped(physical_lines(text))


def _logical_spans(lines):
    """(first, last) physical line numbers of each logical line, or None
    when the source does not tokenize."""
    spans = []
    try:
        tokens = list(tokenize.generate_tokens(iter(lines).__next__))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    first, last = len(lines) + 2, -1
    for tok in tokens:
        if tok.type in (tokenize.ENDMARKER, tokenize.DEDENT):
            continue
        first = min(first, tok.start[0])
        last = max(last, tok.end[0])
        if tok.type in (tokenize.NL, tokenize.NEWLINE):
            spans.append((first, last))
            first, last = len(lines) + 2, -1
    return spans


def _logical_lines(source):
    """Line number -> the text of the logical line holding it."""
    lines = physical_lines(source, keepends=True)
    spans = _logical_spans(lines)
    if spans is None:
        return {i + 1: line for i, line in enumerate(lines)}
    mapping = {}
    for first, last in spans:
        joined = "".join(lines[first - 1:last])
        for number in range(first, last + 1):
            mapping[number] = joined
    return mapping


def comment_line(source, line, region=None):
    """The physical line where a `# noqa` comment covers `line`: the last
    line of its logical line (a comment there is outside any string).
    `region`: (first, last), the lines of whole top-level statements that
    hold `line`; only those are tokenized (they tokenize alone as in their
    module), unless a backslash joins them to the line above."""
    lines = physical_lines(source, keepends=True)
    spans, offset = None, 0
    if region is not None:
        first, last = region
        if 1 <= first <= line <= last <= len(lines) and not (
                first > 1 and lines[first - 2].rstrip("\r\n").endswith("\\")):
            spans, offset = _logical_spans(lines[first - 1:last]), first - 1
    if spans is None:
        spans, offset = _logical_spans(lines) or (), 0
    return next((last + offset for first, last in spans if first + offset <= line <= last + offset), line)


def suppression(text, code):
    """`text` (one physical line, without its line break) with `code` added
    to its `# noqa: ...` comment, or with a new one."""
    match = NOQA_INLINE.search(text)
    if match is None:
        return f"{text.rstrip()}  # noqa: {code}"
    if match.group("codes") is None:
        return text  # a blanket `# noqa` already covers it
    start = match.start("codes")
    codes = match.group("codes").rstrip(", \t")
    return f"{text[:start]}{codes}, {code}{text[start + len(codes):]}"


def _suppressed(code, text):
    match = NOQA_INLINE.search(text)
    if match is None:
        return False
    codes = match.group("codes")
    if codes is None:
        return True
    wanted = {c for c in re.split(r"[,\s]+", codes.strip()) if c}
    return code in wanted or code.startswith(tuple(wanted))


def filter_findings(findings, source, lowered=None):
    """The findings no `# noqa` comment silences. `lowered`: the source
    lower-cased, when the caller has it (the guards' GuardText): the
    source is then not lowered again."""
    if not findings or "noqa" not in (source.lower() if lowered is None else lowered):
        return list(findings)
    mapping = _logical_lines(source)
    return [f for f in findings if not _suppressed(f.code, mapping.get(f.line, ""))]
