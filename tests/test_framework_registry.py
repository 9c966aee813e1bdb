"""The framework registry: framework knowledge lives in fixlint/frameworks/,
one adapter value per framework, and the rest of fixlint asks the registry.

Adding a framework is one adapter module (registered in
fixlint.frameworks.FRAMEWORKS), one fixtures folder and regeneration; these
tests hold every adapter to that."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from fixlint import frameworks as fw
from fixlint.rules import all_rules
from tests.annotations import FIXTURES, parse

PACKAGE = Path(fw.__file__).resolve().parent.parent
# Modules of fixlint/frameworks/ that every analysis shares: the registry and
# its shapes, the vocabularies (login words, session-id names), the standard
# library's cookies and randomness, and hand-rolled stores' methods.
SHARED_MODULES = frozenset(
    ("__init__", "base", "auth", "vocabularies", "session_id_words", "stdlib", "hand_rolled")
)
# Adapter modules: the per-framework knowledge analyses must not reach into,
# every other module of fixlint/frameworks/ (a new adapter is one at once).
ADAPTER_MODULES = frozenset(
    p.stem for p in (PACKAGE / "frameworks").glob("*.py") if p.stem not in SHARED_MODULES
)
# Layers that ask the registry: analyses, rules, fixes and the engine, the
# project model (whose summaries read framework data), the language server
# and the Semgrep export.
REGISTRY_USERS = ("analysis", "rules", "fix", "engine", "project", "server", "semgrep")


def _framework_names():
    names = set()
    for framework in fw.FRAMEWORKS:
        names.update((framework.key, framework.label, framework.label.lower()))
        names.update(label for _, label in framework.label_variants)
        names.update(framework.packages)
    names.discard("")
    return names


def _outside_frameworks():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "frameworks" not in path.relative_to(PACKAGE).parts:
            yield path


def _strings(node):
    if node.__class__ is ast.Constant and isinstance(node.value, str):
        return [node.value]
    if node.__class__ in (ast.Tuple, ast.List, ast.Set):
        return [e.value for e in node.elts if e.__class__ is ast.Constant and isinstance(e.value, str)]
    return []


def test_no_framework_name_comparison_outside_frameworks():
    """`framework == "flask"`, `key in ("django", ...)`, `label == "FastAPI"`:
    frameworks travel as adapter objects, compared by identity."""
    names = _framework_names()
    found = []
    for path in _outside_frameworks():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if node.__class__ is not ast.Compare:
                continue
            for operand in (node.left, *node.comparators):
                hits = names.intersection(_strings(operand))
                if hits:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {sorted(hits)}")
    assert not found, "framework names compared as strings:\n" + "\n".join(found)


def test_the_check_would_see_a_comparison(tmp_path):
    tree = ast.parse('if framework == "flask":\n    pass\n')
    compare = next(n for n in ast.walk(tree) if n.__class__ is ast.Compare)
    assert _framework_names().intersection(_strings(compare.comparators[0])) == {"flask"}


def _adapter_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if node.__class__ is ast.ImportFrom and node.module is not None:
            parts = node.module.split(".")
            if parts[-1] in ADAPTER_MODULES and "frameworks" in parts:
                found.add(parts[-1])
            if parts[-1] == "frameworks":
                found.update(a.name for a in node.names if a.name in ADAPTER_MODULES)
    return found


def _registry_users():
    return [p for p in _outside_frameworks() if p.relative_to(PACKAGE).parts[0] in REGISTRY_USERS]


@pytest.mark.parametrize("path", _registry_users(), ids=lambda p: "/".join(p.relative_to(PACKAGE).parts))
def test_analyses_loop_over_the_registry(path):
    """An analysis, rule, fix, the project model or the language server asks
    the registry (`fw.FRAMEWORKS`, an adapter's fields), never one
    framework's module."""
    imported = _adapter_imports(path)
    assert not imported, f"{path.name} imports adapter modules {sorted(imported)}"


def test_the_registry_checks_cover_the_project_model_server_and_fixes():
    """Both checks reach every layer named in issue 14: no adapter imports
    (REGISTRY_USERS) and no framework names compared as strings (every
    module outside frameworks/)."""
    covered = {p.relative_to(PACKAGE).parts[0] for p in _registry_users()}
    assert {"project", "server", "fix", "analysis", "rules", "semgrep"} <= covered
    compared = {p.relative_to(PACKAGE).parts[0] for p in _outside_frameworks()}
    assert {"project", "server", "fix"} <= compared
    assert "summary.py" in {p.name for p in _registry_users() if p.parent.name == "project"}


def test_every_framework_module_is_an_adapter_unless_shared():
    """The check covers the newer adapters (Quart, Tornado, aiohttp...),
    not a list written when there were seven."""
    assert {"quart", "tornado", "litestar", "pyramid", "aiohttp_session", "flask"} <= ADAPTER_MODULES
    assert SHARED_MODULES <= {p.stem for p in (PACKAGE / "frameworks").glob("*.py")}


def test_the_import_check_would_see_an_adapter_import(tmp_path):
    module = tmp_path / "summary.py"
    module.write_text("from ..frameworks import flask as flask_fw\nfrom ..frameworks import FLASK, django\n")
    assert _adapter_imports(module) == {"flask", "django"}


def test_the_registry_holds_every_adapter_once():
    assert len({id(f) for f in fw.FRAMEWORKS}) == len(fw.FRAMEWORKS)
    assert len({f.key for f in fw.FRAMEWORKS}) == len(fw.FRAMEWORKS)
    for framework in fw.FRAMEWORKS:
        assert framework.extends is None or framework.extends in fw.FRAMEWORKS, framework.key
        assert set(framework.advice) <= {r.code for r in all_rules()}, framework.key


WITH_FIXTURES = [f for f in fw.FRAMEWORKS if f.fixtures]


@pytest.mark.parametrize("framework", WITH_FIXTURES, ids=lambda f: f.key)
def test_each_framework_has_fixtures_advice_and_both_kinds_of_lines(framework):
    """fixtures/<framework>/ exists, and every rule that covers the framework
    (gives advice for it) has advice text and at least one line that must be
    reported and one that must stay silent there."""
    folder = FIXTURES / framework.fixtures
    assert folder.is_dir(), f"no {folder}"
    marks = {"ruleid": set(), "ok": set()}
    for path in folder.rglob("*.py"):
        notes = parse(path)
        for kind in marks:
            marks[kind].update(name for _, name in notes.marks[kind])
    rules = [r for r in all_rules() if r.code in framework.advice]
    assert rules, f"{framework.key} gives no advice for any rule"
    for rule in rules:
        advice = framework.advice[rule.code]
        assert advice.docs and all(text for _, text in advice.docs), (framework.key, rule.code)
        assert rule.name in marks["ruleid"], f"no `ruleid: {rule.name}` line under {folder}"
        assert rule.name in marks["ok"], f"no `ok: {rule.name}` line under {folder}"


def test_web_frameworks_route_and_receive_requests():
    for framework in fw.WEB_FRAMEWORKS:
        assert framework.routing is not None and framework.requests is not None, framework.key
        assert framework.backend is not None, framework.key


def test_rule_pages_take_their_advice_from_the_adapters():
    for rule in all_rules():
        expected = {h: t for f in fw.FRAMEWORKS if rule.code in f.advice for h, t in f.advice[rule.code].docs}
        assert rule.fixes == expected, rule.code
        assert rule.fixes, rule.code


def test_the_parity_record_has_a_row_per_fixtures_folder():
    """Each framework's fixtures are measured on their own (issue 20: the
    parity table has a row per framework), with lines that must be reported."""
    from fixlint.parity import record

    root = Path(__file__).resolve().parent.parent / "fixtures"
    folders = {p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    rows = record().get("frameworks", {})
    assert folders and folders <= set(rows), sorted(folders - set(rows))
    assert all(rows[name]["lines"] > 0 for name in folders)


# -- framework facts as strings ----------------------------------------------
# Layers whose code must hold no framework fact as a string: a qualified name
# inside a framework's package (`"flask.session"`, `"django.contrib.auth.login"`),
# a setting an adapter defines (`"SESSION_COOKIE_SECURE"`), or a method only
# adapters name (`"add_middleware"`, `"set_signed_cookie"`, `"as_view"`,
# `"expires_days"`). Those are adapter data, read through the registry.
# The rules and their Semgrep export are covered too (issue 20): SFX101's,
# SFX102's and SFX201's twins are the adapters' (Framework.semgrep_twins);
# the cookie rules' and SFX202's read adapter data (semgrep_config_forms,
# Middleware.semgrep_shared, semgrep_session_ids, settings_required).
FACT_LAYERS = ("analysis", "project", "fix", "engine", "server", "rules", "semgrep")
# Left on purpose: (module, string) -> why.
FACT_ALLOWED = {
    ("engine/values.py", "django.utils.timezone.now"):
        "the engine sits below the frameworks layer (it imports no adapter): one of the clocks "
        "a cookie expiry is evaluated against, with the stdlib's",
}
# Method and keyword names every adapter leaves generic (Werkzeug's,
# Django's and Starlette's `set_cookie`, `max_age`, `expires`, `delete_cookie`).
_GENERIC_METHODS = frozenset(("set_cookie", "max_age", "expires", "delete_cookie"))


def _fact_strings():
    packages = {p for f in fw.FRAMEWORKS for p in f.packages} | {
        p for f in fw.FRAMEWORKS for p, _ in f.label_variants}
    prefixes = tuple(f"{p}." for p in sorted(packages))
    names = set(fw.SETTING_NAMES) | set(fw.HTTPS_ONLY_NAMES - fw.SECURE_KEYWORDS)
    for f in fw.FRAMEWORKS:
        names |= set(f.cookie_setters) | set(f.cookie_lifetimes) | f.middleware_methods
        names |= f.cookie_deleters | f.cookie_clearers | f.cookie_clear_all | f.identity_cookie_setters
        names |= set(f.settings_required)
        if f.routing is not None:
            names |= f.routing.view_factories
    return prefixes, names - _GENERIC_METHODS


def _docstrings(tree):
    found = set()
    for node in ast.walk(tree):
        if node.__class__ in (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if first.__class__ is ast.Expr and first.value.__class__ is ast.Constant:
                found.add(id(first.value))
    return found


def _framework_facts(path, prefixes, names):
    """(line, string) for each framework fact a module's code (not its
    docstrings) writes as a string."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    return sorted(
        (node.lineno, node.value) for node in ast.walk(tree)
        if node.__class__ is ast.Constant and isinstance(node.value, str) and id(node) not in docstrings
        and (node.value.startswith(prefixes) or node.value in names)
    )


def test_analyses_hold_no_framework_facts_as_strings():
    """Issue 14: framework knowledge (qualified names, settings, the methods
    only one framework has) lives in the adapters; analyses, the project
    model, fixes, the engine and the server read it from the registry."""
    prefixes, names = _fact_strings()
    found = []
    for layer in FACT_LAYERS:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            module = "/".join(path.relative_to(PACKAGE).parts)
            for line, text in _framework_facts(path, prefixes, names):
                if (module, text) not in FACT_ALLOWED:
                    found.append(f"{module}:{line} {text!r}")
    assert not found, "framework facts written outside the adapters:\n" + "\n".join(found)


def test_the_fact_check_would_see_framework_strings(tmp_path):
    module = tmp_path / "cookies.py"
    module.write_text(
        '"""Docs may say flask.session and add_middleware."""\n'
        'SECURE = "SESSION_COOKIE_SECURE"\n'
        'if attr == "add_middleware" or qualname == "django.contrib.auth.login":\n'
        '    params = ("key", "value", "salt") if attr == "set_signed_cookie" else ()\n'
        'option = "max_age"\n'
    )
    prefixes, names = _fact_strings()
    assert _framework_facts(module, prefixes, names) == [
        (2, "SESSION_COOKIE_SECURE"), (3, "add_middleware"), (3, "django.contrib.auth.login"), (4, "set_signed_cookie"),
    ]


def test_every_allowed_fact_is_still_there():
    """The allow-list shrinks when a fact moves: an entry whose string is
    gone fails here."""
    prefixes, names = _fact_strings()
    for module, text in FACT_ALLOWED:
        found = {t for _, t in _framework_facts(PACKAGE / module, prefixes, names)}
        assert text in found, f"{module} no longer writes {text!r}: drop it from FACT_ALLOWED"


# -- named adapters -------------------------------------------------------------
# Analyses, rules, fixes, the project model, the server and the Semgrep export
# loop over the registry and read an adapter's fields; they never pick one
# adapter by its name (`fw.FLASK`, `from ..frameworks import DJANGO`). The
# shared values (hand-rolled stores, the stdlib) are not adapters.
def _adapter_values():
    import importlib

    from fixlint.frameworks.base import Framework

    names = set()
    for stem in ADAPTER_MODULES:
        module = importlib.import_module(f"fixlint.frameworks.{stem}")
        names |= {name for name, value in vars(module).items() if isinstance(value, Framework)}
    return frozenset(names)


ADAPTER_VALUES = _adapter_values()
# Left on purpose, for now: (module, adapter value) -> why. The list only
# shrinks; it is empty since issue 20's last leftovers moved to adapter data.
NAMED_ALLOWED = {}


def _named_adapters(path):
    """(line, name) for each adapter value a module picks by name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if node.__class__ is ast.Attribute and node.attr in ADAPTER_VALUES:
            found.add((node.lineno, node.attr))
        elif node.__class__ is ast.ImportFrom and node.module is not None and "frameworks" in node.module.split("."):
            found.update((node.lineno, a.name) for a in node.names if a.name in ADAPTER_VALUES)
    return sorted(found)


def test_no_layer_picks_an_adapter_by_name():
    """Issue 20: a framework is one adapter module plus fixtures plus
    regeneration, so nothing outside fixlint/frameworks/ may single one
    out — analyses, rules (their Semgrep twins included), fixes, the
    project model, the engine, the server and the Semgrep export."""
    found = []
    for path in _registry_users():
        module = "/".join(path.relative_to(PACKAGE).parts)
        for line, name in _named_adapters(path):
            if (module, name) not in NAMED_ALLOWED:
                found.append(f"{module}:{line} {name}")
    assert not found, "adapters picked by name outside fixlint/frameworks/:\n" + "\n".join(found)


def test_the_named_adapter_check_would_see_one(tmp_path):
    module = tmp_path / "sfx999_rule.py"
    module.write_text(
        "from .. import frameworks as fw\n"
        "from ..frameworks import DJANGO, FRAMEWORKS\n"
        "MODULES = fw.FLASK.semgrep_imports()\n"
        "ALL = [f for f in fw.FRAMEWORKS if f.backend]\n"
    )
    assert _named_adapters(module) == [(2, "DJANGO"), (3, "FLASK")]
    assert {"FLASK", "DJANGO", "QUART_AUTH", "AIOHTTP_SESSION"} <= ADAPTER_VALUES
    assert "HAND_ROLLED" not in ADAPTER_VALUES and "FRAMEWORKS" not in ADAPTER_VALUES


def test_every_allowed_named_adapter_is_still_there():
    """The allow-list shrinks when a module stops naming an adapter."""
    for module, name in NAMED_ALLOWED:
        assert name in {n for _, n in _named_adapters(PACKAGE / module)}, (
            f"{module} no longer names {name}: drop it from NAMED_ALLOWED")


def test_the_semgrep_twins_of_sfx101_sfx102_and_sfx201_come_from_the_adapters():
    """Their rule modules and shared helpers name no adapter and no
    framework fact; every twin comes from an adapter's semgrep_twins."""
    for module in ("rules/_lifecycle_semgrep.py", "rules/sfx101_session_not_regenerated_on_login.py",
                   "rules/sfx102_session_not_invalidated_on_logout.py", "rules/_session_id_semgrep.py",
                   "rules/sfx201_session_id_from_request_parameter.py", "rules/sfx204_weak_session_id.py"):
        assert not {(m, n) for m, n in NAMED_ALLOWED if m == module}, module
        assert not {(m, t) for m, t in FACT_ALLOWED if m == module}, module
    owners = {code: [f.key for f in fw.FRAMEWORKS if code in f.semgrep_twins] for code in ("SFX101", "SFX102", "SFX201")}
    assert {"flask", "django", "starlette", "pyramid", "litestar", "aiohttp_session"} <= set(owners["SFX101"])
    assert {"flask", "django", "pyramid", "litestar", "aiohttp_session"} <= set(owners["SFX102"])
    assert {"flask", "django", "starlette", "pyramid"} <= set(owners["SFX201"])


def test_fixes_and_the_lifecycle_read_session_proxies_from_the_registry():
    """analysis/lifecycle.py, fix/login.py and fix/sessions.py ask the
    registry for importable session proxies, the import a fix adds for one,
    and what a session interface is called on (issue 20 leftovers)."""
    for module in ("analysis/lifecycle.py", "fix/login.py", "fix/sessions.py"):
        assert not {(m, n) for m, n in NAMED_ALLOWED if m == module}, module
        assert not _named_adapters(PACKAGE / module), module
    assert ".".join(fw.SESSION_PROXY_IMPORT) in fw.SESSION_PROXIES
    assert fw.INTERFACE_OWNERS and fw.INTERFACE_PROXIES


def test_the_cookie_rules_semgrep_twins_read_the_adapters():
    """SFX301-SFX305's shared Semgrep helpers name no adapter and no
    framework fact: the shared SessionMiddleware twins, the config forms
    and the modules that vouch for SameSite are adapter data."""
    from fixlint.rules import _cookie_semgrep as sg

    for module in ("rules/_cookie_semgrep.py", "rules/sfx301_cookie_without_httponly.py",
                   "rules/sfx302_cookie_without_secure.py", "rules/sfx303_cookie_without_samesite.py",
                   "rules/sfx304_session_lifetime_too_long.py", "rules/sfx305_session_cookie_without_host_prefix.py"):
        assert not _named_adapters(PACKAGE / module), module
        assert not {(m, n) for m, n in NAMED_ALLOWED if m == module}, module
    assert not {(m, t) for m, t in FACT_ALLOWED if m.startswith("rules/")}
    assert not _named_adapters(PACKAGE / "rules/sfx202_session_id_in_url.py")
    assert [f.key for f in fw.FRAMEWORKS if f.semgrep_session_ids] == ["flask_session", "django"]
    owners = [f.key for f in fw.FRAMEWORKS for m in f.middleware if m.semgrep_shared]
    assert owners == ["starlette", "starsessions"]
    assert sg.SHARED_MIDDLEWARE == tuple(m for f in fw.FRAMEWORKS for m in f.middleware if m.semgrep_shared)
    for mw in sg.SHARED_MIDDLEWARE:  # the shared twins ask each for these options
        assert {"secure", "samesite", "lifetime", "name", "domain", "path"} <= set(mw.options), mw.label
        assert not mw.constructed, mw.label
    assert sg.CONFIG_FORMS and all("$KEY" in pattern and "$V" in pattern for pattern, _ in sg.CONFIG_FORMS)
    assert [f.key for f in fw.FRAMEWORKS if f.semgrep_config_forms] == ["flask", "django"]
    assert {"fastapi", "starlette.responses"} <= sg.SAMESITE_BY_IMPORT_MODULES


def test_sfx102s_flake8_path_reads_whose_login_call_is_no_partial_removal():
    """`login_user()` inside a logout is no partial removal: adapter data
    (bind_not_partial_in_logout), set on Flask-Login only, so
    aiohttp-security's remember() still counts as one (unchanged)."""
    assert [f.key for f in fw.FRAMEWORKS if f.bind_not_partial_in_logout] == ["flask_login"]
    assert not _named_adapters(PACKAGE / "rules/sfx102_session_not_invalidated_on_logout.py")
