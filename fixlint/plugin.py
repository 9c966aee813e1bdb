"""The flake8 plugin: `flake8 --select SFX`.

It checks the tree flake8 already parsed (never parses again), registers
every option of fixlint.config as `--fixlint-<name>` (command line and
setup.cfg/tox.ini/.flake8), and keeps opt-in rules off through flake8's
`extend_default_ignore`. It imports nothing heavy: no libcst, no YAML.

Project facts (fixlint.project) are built lazily, once per process and
project root, through an on-disk cache keyed by each module's path, size
and mtime, so that a one-file run from pre-commit or an editor reads only
the modules that changed. `--fixlint-no-cache` (or `fixlint-no-cache =
true` in the flake8 configuration) builds them afresh without the cache.

flake8 runs every installed plugin whatever `--select` says and only then
drops the codes not selected, so the plugin asks flake8's own decision
engine which SFX codes can be reported and checks only those: with
`--select E,W,F` fixlint costs nothing.
"""

from __future__ import annotations

from . import __version__
from .analysis.base import GuardText
from .config import OPTIONS, Config, ConfigError
from .engine import collector
from .engine.checker import Deferred, check_tree
from .output.escape import shown
from .rules import all_rules

INTERNAL_ERROR = "SFX000"


def _parse_duration_flag(value):
    from argparse import ArgumentTypeError

    from .config import parse_duration

    try:
        return parse_duration(value, "--fixlint-max-session-lifetime")
    except ConfigError as exc:
        raise ArgumentTypeError(str(exc)) from None


def _named_explicitly(code, options):
    """Whether the user's `select`/`extend-select` (or `enable-extensions`)
    names `code` or a prefix of it. flake8's own default selection does not
    count: it is what an `ignore =` line silently widens."""
    named = []
    for attr in ("select", "extend_select", "enable_extensions"):
        value = getattr(options, attr, None) or ()
        named += [value] if isinstance(value, str) else list(value)
    return any(code.startswith(prefix.strip().upper()) for prefix in named if prefix.strip())


def _selected_rules(options):
    """The rules whose codes flake8 will report under `options` (every
    default rule when flake8's decision engine cannot be asked).

    An opt-in rule runs only when the user names it: flake8 keeps it off
    through its default ignore list, which any `ignore =` replaces, so
    `ignore = E203,W503` alone would otherwise turn it on."""
    rules = [r for r in all_rules() if r.default_enabled or _named_explicitly(r.code, options)]
    try:
        from flake8.style_guide import Decision, DecisionEngine

        engine = DecisionEngine(options)
        return tuple(r for r in rules if engine.decision_for(r.code) is Decision.Selected)
    except Exception:  # another flake8 version: check everything, flake8 filters
        return tuple(rules)


class Plugin:
    name = "fixlint"
    version = __version__
    config = Config()
    rules = None  # None: every rule (set from flake8's selection by parse_options)
    use_cache = True
    # Folder -> its project root, for the files of this flake8 run: set
    # afresh by parse_options, which flake8 calls once per run in each
    # process. Nothing a run checks creates or removes a root marker, so
    # the answers cannot go stale within it (None: no run, no memory).
    roots = None

    def __init__(self, tree, filename="<unknown>", lines=None):
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, parser):
        for option in OPTIONS:
            kwargs = {"parse_from_config": True, "help": f"fixlint: {option.help}"}
            if option.kind == "list":
                kwargs["comma_separated_list"] = True
                kwargs["default"] = ",".join(option.default)
            elif option.kind == "duration":
                kwargs["type"] = _parse_duration_flag
                kwargs["default"] = option.default
            elif option.kind == "bool":
                kwargs["action"] = "store_true"
                kwargs["default"] = option.default
            parser.add_option(option.flake8_flag, **kwargs)
            for alias in option.aliases:  # an older name: read when given
                parser.add_option(f"--fixlint-{alias}", parse_from_config=True, comma_separated_list=True,
                                  default=None, help=f"fixlint: the older name of {option.flake8_flag}")
        parser.add_option("--fixlint-no-cache", action="store_true", parse_from_config=True,
                          help="fixlint: build the project model without its on-disk cache")
        parser.extend_default_ignore([r.code for r in all_rules() if not r.default_enabled])

    @classmethod
    def parse_options(cls, options):
        values = {}
        for option in OPTIONS:
            value = getattr(options, f"fixlint_{option.attr}", None)
            for alias in option.aliases:
                value = getattr(options, "fixlint_" + alias.replace("-", "_"), None) or value
            if value is not None:
                values[option.name] = value
        try:
            cls.config = Config.from_mapping(values, source="flake8")
        except ConfigError as exc:
            from flake8.exceptions import ExecutionFailed

            raise ExecutionFailed(f"fixlint: {exc}") from None
        cls.rules = _selected_rules(options)
        cls.use_cache = not getattr(options, "fixlint_no_cache", False)
        cls.roots = {}

    def run(self):
        rules = all_rules() if self.rules is None else self.rules
        if not rules:
            return
        text = GuardText("".join(self.lines)) if self.lines is not None else None
        with collector.paused():
            result = check_tree(self.tree, self.filename, self.config, rules, text,
                                project=Deferred(self._project, text))
        for finding in result.findings:
            yield finding.line, finding.col, f"{finding.code} {shown(finding.message)}", type(self)
        for error in result.errors:
            yield error.line, 0, f"{INTERNAL_ERROR} fixlint {error.describe()}", type(self)

    def _project(self, text):
        """The file's project facts; None when it has none (or when building
        them failed: the file is then judged alone, as before)."""
        from . import project

        try:
            source = text.raw if text is not None else None
            return project.for_file(self.filename, self.use_cache, self.tree, source, self.roots)
        except Exception:  # pragma: no cover - the project model must never cost a file its check
            return None
