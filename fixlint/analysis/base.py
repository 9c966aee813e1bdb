"""Analyses gather facts about one file during the single walk; rules judge
the facts. Several rules share one analysis (SFX301-SFX305 all read the
cookie sites), so each fact is computed once per file."""

from __future__ import annotations


class Analysis:
    #: Lower-case substrings; a file whose text holds none of them cannot
    #: produce a fact, and the analysis is skipped. Empty: always run.
    keywords: tuple = ()
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
        """Whether the file's lower-cased text can hold a fact."""
        if not cls.keywords or text is None:
            return True
        if any(word in text for word in cls.keywords):
            return True
        return any(word in text for word in config.keywords())
