"""Substring tests of one module's text, shared by the summary's scanners.

Every module of a project is summarised, and most hold none of the texts
the scanners look for (summary.PARSE_MARKERS, functions' words, the cookie
readers): there, each `needle in text` reads the whole text. A `Probe`
answers each needle once per text, and a `Needles` set looks for its
needles that share an anchor (a shorter text each of them holds: `from_`
for `from_object`, `from_pyfile`...) only when the anchor is there. A text
without the anchor holds none of them, so the answer is the same; the
scans are fewer. One `in` stays the cheapest scan Python has (a regex
alternation of the same needles is 15x slower: `re` tries each position).

When the caller also holds the text lower-cased as the per-file guards
search it (analysis.base.GuardText, which the CLI makes for every module
it checks before summarising it), a needle whose lower-cased text holds
one of GATES is looked for only when the lower-cased text holds that
word: the guards have asked most files for `sess`, `cookie` and `login`
already, so those answers cost nothing, and one look at the lower-cased
text for `ookie` answers both `ookie` and `OOKIE`. An ASCII needle in the
text is in the lower-cased text lower-cased, so the answer is the same.
"""

from __future__ import annotations

# Texts that many needles hold, in either case where the needles differ.
ANCHORS = (("ookie", "OOKIE"), ("ession", "ESSION"), ("from_",))


# Lower-case words that gate the needles holding them (module docstring):
# the session, cookie and login keywords every file's guards look for, and
# `ookie`, the cookie anchor in either case.
GATES = ("sess", "cookie", "login", "ookie")


class Probe:
    """One text, and the answers of `needle in text` given so far. A needle
    that holds one of the anchor texts (ANCHORS, _WORDS: `ession` of
    `.session`, `ookie` of `def get_cookie_`, `assw` of `Passw`) is looked
    for only when that text is there: most modules hold none, and one scan
    for the anchor answers every needle holding it. `lowered`: the text's
    GuardText, when the caller has one (module docstring: GATES)."""

    __slots__ = ("text", "lowered", "_known")

    def __init__(self, text, lowered=None):
        self.text = text
        self.lowered = lowered
        self._known = {}

    def has(self, needle):
        found = self._known.get(needle)
        if found is None:
            held = _HELD.get(needle)
            if held is None:
                held = _HELD[needle] = (_gates(needle), _held_anchors(needle))
            gates, anchors = held
            lowered = self.lowered
            if lowered is not None and not _passes(lowered, gates):
                found = False
            else:
                for part in anchors:
                    if not self.has(part):
                        found = False
                        break
                else:
                    found = needle in self.text
            self._known[needle] = found
        return found


def _gates(needles):
    """The GATES every one of `needles` (a needle alone, or a group) holds lower-cased."""
    if isinstance(needles, str):
        needles = (needles,)
    return tuple(gate for gate in GATES if all(gate in needle.lower() for needle in needles))


def _passes(lowered, gates):
    """Whether the lower-cased text holds every one of `gates`."""
    for gate in gates:
        if not lowered.has(gate):
            return False
    return True


# Anchors only Probe uses: the password words' (functions.PASSWORD_NEEDLES)
# stems, each held in two cases.
_WORDS = (("assw",), ("ontras",))
_PARTS = tuple(dict.fromkeys(part for group in (*ANCHORS, *_WORDS) for part in group))
_HELD = {}  # needle -> (the GATES it holds lower-cased, the anchor texts it holds (shorter than itself))


def _held_anchors(needle):
    return tuple(part for part in _PARTS if part in needle and part != needle)


class Needles:
    """A set of needles, grouped under the first of ANCHORS each holds; each
    group with the GATES all its members hold (a Probe with the lower-cased
    text skips the group, anchor and all, when one is missing)."""

    __slots__ = ("needles", "groups")

    def __init__(self, needles, anchors=ANCHORS):
        self.needles = tuple(dict.fromkeys(needles))
        groups = {}
        for needle in self.needles:
            anchor = next((a for a in anchors if any(part in needle for part in a)), ())
            groups.setdefault(anchor, []).append(needle)
        self.groups = tuple((anchor, tuple(members), _gates(members)) for anchor, members in groups.items())

    def found_in(self, text, probe=None):
        """Whether `text` holds one of the needles (`probe`: the text's Probe,
        or GuardText for a lower-cased text, when the caller keeps one)."""
        probe = probe or Probe(text)
        has = probe.has
        lowered = probe.lowered if probe.__class__ is Probe else None
        # Plain loops, no generators: every guard asks this of every file.
        for anchor, members, gates in self.groups:
            if gates and lowered is not None and not _passes(lowered, gates):
                continue
            if anchor:
                for part in anchor:
                    if has(part):
                        break
                else:
                    continue
            for needle in members:
                if has(needle):
                    return True
        return False


# What may stand between a dot and the attribute after it.
_BLANKS = frozenset(" \t\r\n\\\f")


def spells_attribute(text, name):
    """Whether `text` spells an attribute that starts with `name` (`.session`
    of `request.session`), blanks or a line continuation after the dot too."""
    if "." + name in text:
        return True
    size = len(name)
    at = text.find(name)
    while at != -1:
        before = at - 1
        while before >= 0 and text[before] in _BLANKS:
            before -= 1
        if before >= 0 and text[before] == ".":
            return True
        at = text.find(name, at + size)
    return False
