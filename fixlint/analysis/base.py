"""Analyses gather facts about one file during the single walk; rules judge
the facts. Several rules share one analysis (SFX301-SFX305 all read the
cookie sites), so each fact is computed once per file."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import PurePath

from .. import frameworks as fw
from ..project.needles import Needles


class _Unknown:
    __slots__ = ()

    def __repr__(self):
        return "UNKNOWN"


UNKNOWN = _Unknown()  # GuardText.project when no caller said what the project model knows


class GuardText(str):
    """A file's source lower-cased, as the per-file guards search it, that
    also remembers the text as written: a guard that needs case (a word
    boundary inside `userSid`) reads `raw`. A plain lower-cased str works
    wherever a GuardText does; such guards then fall back to the looser
    lower-case test.

    `project` is what the guards may know of the file's project model:
    UNKNOWN (nobody said: a guard that needs a project fact lets the file
    in, and sets `awaits_project`), None (no project model: the analyses
    see no project facts either), or the file's ProjectFacts or a Deferred
    of them (engine.checker.plan sets it when its caller knows it)."""

    project = UNKNOWN
    awaits_project = False
    # A guard would have let the file in had the project routed one of its
    # functions to a login or logout path (ProjectFacts.routed_elsewhere),
    # which it could not ask yet: the caller asks again for the few modules
    # the project routes to (runner.Sources), instead of waiting for every
    # file's facts.
    asks_routes = False

    def __new__(cls, text):
        self = super().__new__(cls, text.lower())
        self.raw = text
        self._known = {}
        return self

    def has(self, needle):
        """`needle in self`, each needle looked for once: the guards share
        their keywords (a needles.Probe of the lower-cased text)."""
        found = self._known.get(needle)
        if found is None:
            found = self._known[needle] = needle in self
        return found


def below_root(ctx):
    """The checked file's path below its project's root (ProjectFacts.root),
    as the project model reads its modules: the root folder's own name
    says nothing of the module (a project checked out as `web-test/` is no
    test code). The path as given without project facts, or outside the root."""
    root = getattr(ctx.project, "root", None)
    if not root:
        return ctx.path
    absolute = os.path.abspath(ctx.path)
    prefix = os.path.join(root, "")
    return PurePath(absolute[len(prefix):]) if absolute.startswith(prefix) else ctx.path


def dev_module(ctx):
    """fw.is_dev_module of the checked file, its name and folder read below
    its project's root (below_root: the checkout's own name, `web-test/`,
    says nothing); a test folder anywhere on its path as given still does
    (a test project's own root: wagtail's `wagtail/test/manage.py`)."""
    return fw.is_dev_module(below_root(ctx)) or fw.in_test_folder(ctx.path)


def project_facts(text):
    """The ProjectFacts of the file whose GuardText is `text`, None when it
    has none, or UNKNOWN: the caller cannot tell yet, and the text then
    remembers that its plan waits for the project model (a guard asking
    lets the file in). A plain lower-cased str knows nothing: UNKNOWN."""
    project = getattr(text, "project", UNKNOWN)
    if project is UNKNOWN:
        if text.__class__ is GuardText:
            text.awaits_project = True
        return UNKNOWN
    if project is not None and not hasattr(project, "helpers"):  # a Deferred (engine.checker)
        project = project.get()
    return project


def imports_helper(text, keys):
    """Whether the file whose GuardText is `text` imports a project helper
    whose profile (project/functions.py, ProjectFacts.helpers) has any of
    `keys`. Unknown: yes (project_facts)."""
    project = project_facts(text)
    if project is UNKNOWN:
        return True
    if project is None or not project.helpers:
        return False
    return any(profile.get(key) for profile in project.helpers.values() for key in keys)


# Lower-case texts many guards' keywords hold (`session_cookie_secure`,
# `permanent_session_lifetime`, `redisstorage`, `quart_auth_duration`): a
# file without one holds none of those keywords, found with one scan.
_GUARD_ANCHORS = (("sess",), ("cookie",), ("login",), ("storage",), ("quart",), ("flask",))


@lru_cache(maxsize=None)
def _keyword_needles(keywords):
    return Needles(keywords, _GUARD_ANCHORS)


def configured_keywords(config):
    """config.keywords(), worked out once per configuration (a Config is
    frozen): the guards ask for them for every file."""
    global _configured
    found = _configured  # one read: another thread may ask for another configuration
    if found[0] is not config:
        found = _configured = (config, config.keywords())
    return found[1]


_configured = (None, ())


@lru_cache(maxsize=None)
def word_patterns(word):
    """Regexes finding `word` (lower-case letters) where `frameworks.words()`
    would split it out of a name: `sid`, `user_sid`, `userSid`, `SID_KEY`,
    `sid2` - but not `consider`, `inside`, `SIDE` or `Sidebar`. A letter run
    splits the same way wherever it stands, so the text need not be
    tokenized. The word is lower-case after no letter, or Capitalised after
    anything, with no lower-case letter next; or UPPER after no capital,
    then no letter, or a capital that starts the next word (`SIDToken`).
    Each pattern starts with its literal and looks behind afterwards, so
    that `re` can skip to the literal's occurrences (about 20x faster over
    a corpus than one alternation)."""
    lower, title, upper = word, word.capitalize(), word.upper()
    return (
        re.compile(rf"{lower}(?<![A-Za-z]{lower})(?![a-z])"),
        re.compile(rf"{title}(?![a-z])"),
        re.compile(rf"{upper}(?<![A-Z]{upper})(?:(?![A-Za-z])|(?=[A-Z][a-z]))"),
    )


def has_word(text, word):
    """Whether `text` (a GuardText or a lower-cased str) may hold `word` as
    a word of a name: exactly on a GuardText, as a substring otherwise."""
    return _found(text, word, word_patterns(word))


def _found(text, lowered, patterns):
    """The cheap lower-case substring test, then, when the text as written
    is known, one of `patterns` must match it."""
    if text.__class__ is GuardText:
        if not text.has(lowered):  # other guards look for the same words
            return False
        raw = text.raw
    elif lowered not in text:
        return False
    else:
        raw = getattr(text, "raw", None)
    return raw is None or any(p.search(raw) is not None for p in patterns)


@lru_cache(maxsize=None)
def name_pattern(name):
    """A regex finding the identifier `name` written exactly so and whole:
    `MIDDLEWARE`, not `SessionMiddleware` or `MIDDLEWARE_CLASSES`."""
    return re.compile(rf"{name}(?<!\w{name})(?!\w)")


def has_name(text, name):
    """Whether `text` (a GuardText or a lower-cased str) may hold the
    identifier `name`: exactly on a GuardText, as a substring otherwise."""
    return _found(text, name.lower(), (name_pattern(name),))


class Analysis:
    #: Lower-case substrings; a file whose text holds none of them (nor one
    #: of the `words`) cannot produce a fact, and the analysis is skipped.
    #: Neither: always run.
    keywords: tuple = ()
    #: Lower-case words that count only as a word of a name (`sid` in
    #: `user_sid` or `userSid`, not in `consider`): see has_word.
    words: tuple = ()
    #: Identifiers that count only written exactly so: see has_name.
    names: tuple = ()
    #: Analyses this one reads; they are created first.
    requires: tuple = ()

    def __init__(self, ctx, analyses):
        self.ctx = ctx
        self.analyses = analyses  # type -> instance, for `requires`

    def subscribe(self, walker):
        """Register node callbacks with `walker.on(...)`."""

    def finish(self):
        """Called once after the walk."""

    @classmethod
    def wanted(cls, text, config):
        """Whether the file's text (a GuardText or a lower-cased str) can
        hold a fact."""
        if not (cls.keywords or cls.words or cls.names) or text is None:
            return True
        if cls.keywords and _keyword_needles(cls.keywords).found_in(text, text if text.__class__ is GuardText else None):
            return True
        for word in cls.words:
            if has_word(text, word):
                return True
        for name in cls.names:
            if has_name(text, name):
                return True
        for word in configured_keywords(config):
            if word in text:
                return True
        return False
