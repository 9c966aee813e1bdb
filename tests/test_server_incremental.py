"""The language server's reuse of a document's last check (server/incremental.py,
linting.Memory): after any edit, the tree is the one `ast.parse` gives for the
whole new text, and the diagnostics are the ones a check from scratch gives.
Random edits from a fixed seed (FIXLINT_FUZZ sets how many, as `make fuzz`)."""

from __future__ import annotations

import ast
import os
import random
import warnings
from pathlib import Path

import pytest

from fixlint.project import summary
from fixlint.server import incremental, linting
from fixlint.server.incremental import start_line
from fixlint.server.configuration import resolve

FIXTURES = sorted(p for p in (Path(__file__).resolve().parent.parent / "fixtures").rglob("*.py")
                  if not p.name.endswith(".fixed.py"))
EDITS = int(os.environ.get("FIXLINT_FUZZ", "0")) or 25  # edits per file

# Lines an editor's user might type, valid or not at the place they land.
TYPED = ["", "# a comment", "x = 1", "x = 1; y = 2", "def f():", "    return 1", "    pass", "else:",
         '"""', "'''", "(", ")", "]", "@app.get('/x')", "class C:", "    session.clear()",
         "from __future__ import annotations", "if x:", "    \\", "\\", "  # indented comment",
         '    session["user_id"] = user.id', "async def g():", "\tpass", "\x0c", "import os",
         "    resp.set_cookie('sid', value, secure=False)"]
CHARACTERS = "()[]{}\"'#:\\ \tx=.,"


def edit(lines, rng):
    """`lines` (with their line ends) after one random edit."""
    lines = list(lines)
    at = rng.randrange(len(lines) + 1)
    kind = rng.randrange(7)
    if kind == 0 and lines:  # replace a line with another of the file
        lines[min(at, len(lines) - 1)] = rng.choice(lines)
    elif kind == 1 and lines:  # delete one to three lines
        del lines[at:at + rng.randint(1, 3)]
    elif kind == 2:  # type a line
        lines.insert(at, rng.choice(TYPED) + "\n")
    elif kind == 3 and lines:  # type or delete a character
        index = min(at, len(lines) - 1)
        line = lines[index]
        where = rng.randrange(len(line) + 1)
        if rng.random() < 0.5:
            lines[index] = line[:where] + rng.choice(CHARACTERS) + line[where:]
        else:
            lines[index] = line[:where] + line[where + 1:]
    elif kind == 4 and lines:  # indent or dedent a line
        index = min(at, len(lines) - 1)
        line = lines[index]
        lines[index] = "    " + line if rng.random() < 0.5 else line[4:] if line.startswith("    ") else line
    elif kind == 5 and lines:  # move a block of lines
        start = rng.randrange(len(lines))
        block = lines[start:start + rng.randint(1, 8)]
        del lines[start:start + len(block)]
        where = rng.randrange(len(lines) + 1)
        lines[where:where] = block
    else:  # change a value on a line, as the latency benchmark does
        index = min(at, len(lines) - 1) if lines else 0
        if lines:
            lines[index] = lines[index].replace("True", "False", 1) if "True" in lines[index] \
                else lines[index].replace("False", "True", 1)
    return lines


def parse(text):
    with warnings.catch_warnings():  # `"\d"` in a mangled string literal
        warnings.simplefilter("ignore")
        return ast.parse(text)


def full(text):
    try:
        return ast.dump(parse(text), include_attributes=True)
    except (SyntaxError, ValueError):
        return None


def incremental_dump(parsed, text):
    try:
        return ast.dump(parsed.parse(text, parse), include_attributes=True)
    except (SyntaxError, ValueError):
        return None


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_tree_after_random_edits_is_the_tree_of_the_whole_text(fixture):
    rng = random.Random(f"{fixture.parent.name}/{fixture.name}")
    lines = fixture.read_text(encoding="utf-8").splitlines(keepends=True)
    parsed = incremental.Parsed()
    parsed.parse("".join(lines), parse)
    for _ in range(EDITS):
        before, lines = lines, edit(lines, rng)
        text = "".join(lines)
        expected = full(text)
        assert incremental_dump(parsed, text) == expected, text
        if parsed.spans is not None:  # kept from edit to edit: the spans of the tree
            assert parsed.spans == incremental.spans(parsed.tree.body), text
        if expected is None and rng.random() < 0.7:
            lines = before  # the typo is undone, as in an editor


MODULE = '''\
"""A module."""

from flask import Flask, make_response, session

app = Flask(__name__)


@app.get("/a")
def a():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", secure=True)
    return resp


@app.get("/b")
def b():
    session.clear()
    return "ok"
'''


def test_an_edit_inside_one_function_parses_only_that_function_again():
    parsed = incremental.Parsed()
    before = parsed.parse(MODULE, ast.parse)
    kept = list(before.body)
    after = parsed.parse(MODULE.replace("secure=True", "secure=False"), ast.parse)
    assert [node is old for node, old in zip(after.body, kept)] == [True, True, True, False, True]
    grown = MODULE.replace("secure=True)", "secure=False)\n    resp.headers['X'] = '1'")
    tree = parsed.parse(grown, ast.parse)
    assert tree.body[-1] is kept[-1] and tree.body[-1].lineno == 17  # moved down one line
    assert ast.dump(tree, include_attributes=True) == full(grown)


def test_statements_sharing_a_line_with_the_edited_one_are_parsed_again_with_it():
    text = MODULE + "a = 1; b = 2\nc = 3\n"
    parsed = incremental.Parsed()
    parsed.parse(text, parse)
    edited = text.replace("b = 2", "b = 4")
    assert incremental_dump(parsed, edited) == full(edited)


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_give_the_tree_of_the_whole_text(end):
    text = MODULE.replace("\n", end)
    parsed = incremental.Parsed()
    parsed.parse(text, parse)
    for edited in (text.replace("secure=True", "secure=False"),
                   text.replace("session.clear()", "session.clear()" + end + "    x = 1")):
        assert incremental_dump(parsed, edited) == full(edited)


def test_a_text_that_no_longer_parses_gives_the_parser_s_error_and_the_next_one_parses_whole():
    parsed = incremental.Parsed()
    parsed.parse(MODULE, ast.parse)
    with pytest.raises(SyntaxError):
        parsed.parse(MODULE.replace('"ok")', '"ok"'), ast.parse)
    assert ast.dump(parsed.parse(MODULE, ast.parse), include_attributes=True) == full(MODULE)


CHECKED = [p for p in FIXTURES if p.parent.name in ("flask", "django", "fastapi")][::3]


@pytest.mark.parametrize("fixture", CHECKED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_checks_that_reuse_the_last_one_give_the_diagnostics_of_a_check_from_scratch(fixture, tmp_path):
    rng = random.Random(f"check {fixture.parent.name}/{fixture.name}")
    path = str(tmp_path / fixture.name)
    settings = resolve(str(tmp_path), {})
    memory = linting.Memory()
    lines = fixture.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(max(EDITS // 3, 5)):
        text = "".join(lines)
        assert linting.check(text, path, settings, memory) == linting.check(text, path, settings), text
        lines = edit(lines, rng)


PLANNED = [p for p in FIXTURES if "fix" in p.name] + FIXTURES[1::5]


@pytest.mark.parametrize("fixture", PLANNED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixes_planned_from_the_facts_of_the_last_check_are_the_fixes_planned_from_scratch(fixture, tmp_path):
    """Code actions judge the facts the last check kept (linting.Memory)
    instead of analysing the buffer again: the same plans, after edits."""
    rng = random.Random(f"plans {fixture.parent.name}/{fixture.name}")
    path = str(tmp_path / fixture.name)
    settings = resolve(str(tmp_path), {})
    memory = linting.Memory()
    lines = fixture.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(5):
        text = "".join(lines)
        linting.check(text, path, settings, memory)
        kept = memory.analysed(text, settings)
        assert kept is not None or not linting.check(text, path, settings).findings
        assert linting.plans(text, path, settings, memory) == linting.plans(text, path, settings), text
        lines = edit(lines, rng)


@pytest.mark.parametrize("fixture", FIXTURES[::2], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_noqa_line_found_in_the_finding_s_statement_is_the_one_found_in_the_whole_text(fixture, tmp_path):
    """The noqa action tokenizes only the top-level statement holding the
    finding (Memory.statement_lines): the line is the same, also for
    findings on a line shared by two statements or under a decorator."""
    from fixlint import noqa

    path = str(tmp_path / fixture.name)
    settings = resolve(str(tmp_path), {})
    memory = linting.Memory()
    rng = random.Random(f"noqa {fixture.parent.name}/{fixture.name}")
    lines = fixture.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(3):
        text = "".join(lines)
        for finding in linting.check(text, path, settings, memory).findings:
            region = memory.statement_lines(text, settings, finding.line)
            if region is None:
                # a line no top-level statement holds (a settings module's line-1 finding on a
                # comment): the whole text decides, as comment_line does without a region
                tree = memory.analysed(text, settings).ctx.tree
                assert not any(start_line(n) <= finding.line <= n.end_lineno for n in tree.body), finding
            else:
                assert region[0] <= finding.line <= region[1]
            assert noqa.comment_line(text, finding.line, region) == noqa.comment_line(text, finding.line), finding
        lines = edit(lines, rng)


def test_a_region_joined_to_the_line_above_or_missing_the_line_leaves_the_whole_text_to_decide():
    from fixlint import noqa

    text = "x = 1 + \\\n    2  # the statement's last line\ny = 3\n"
    assert noqa.comment_line(text, 1) == 2
    assert noqa.comment_line(text, 1, (2, 2)) == 2  # the line is not in the region
    assert noqa.comment_line(text, 2, (2, 2)) == 2  # a backslash joins line 2 to line 1
    assert noqa.comment_line(text, 3, (3, 3)) == 3


def test_the_facts_of_a_check_serve_only_its_own_text_and_settings(tmp_path):
    path = str(tmp_path / "views.py")
    settings, other = resolve(str(tmp_path), {}), resolve(str(tmp_path), {"ignore": ["SFX303"]})
    memory = linting.Memory()
    linting.check(MODULE, path, settings, memory)
    assert memory.analysed(MODULE, settings) is not None
    assert memory.analysed(MODULE, other) is None
    assert memory.analysed(MODULE + "\n", settings) is None
    memory.parse(MODULE + "\n", path)  # the next check moves the kept tree's statements
    assert memory.analysed(MODULE, settings) is None


@pytest.mark.parametrize("fixture", FIXTURES[::4], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_function_profiles_kept_from_the_last_text_give_the_summary_of_the_new_one(fixture):
    rng = random.Random(f"profiles {fixture.parent.name}/{fixture.name}")
    known = {}
    lines = fixture.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(EDITS):
        text = "".join(lines)
        assert summary.summarise(text, known=known) == summary.summarise(text), text
        lines = edit(lines, rng)


@pytest.mark.parametrize("app", ["flask/factory_app", "flask/helper_modules", "django/ticketshop",
                                 "fastapi/depends_modules"])
def test_an_edited_module_of_a_project_gets_the_facts_of_a_project_built_with_its_text(app, tmp_path, monkeypatch):
    """The server keeps the other modules' links when a buffer differs from
    its file (Project.with_module): the facts equal a model built afresh
    from every module's summary and the buffer's."""
    import shutil

    from fixlint import project

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root = tmp_path / "app"
    shutil.copytree(Path(__file__).resolve().parent.parent / "fixtures" / app, root)
    (root / "pyproject.toml").write_text("[project]\nname = 'app'\n", encoding="utf-8")
    linting.forget_projects()
    modules = sorted(str(p) for p in root.rglob("*.py"))
    rng = random.Random(f"project {app}")
    edited = []  # (module, text): each import line of each module deleted, then random edits
    for path in modules:
        lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
        edited += [(path, "".join(lines[:i] + lines[i + 1:])) for i, line in enumerate(lines) if "import" in line]
    for _ in range(max(EDITS // 3, 5)):
        path = rng.choice(modules)
        edited.append((path, "".join(edit(Path(path).read_text(encoding="utf-8").splitlines(keepends=True), rng))))
    try:
        for path, text in edited:
            disk = project.build(str(root))
            own = summary.summarise(text)
            expected = project.Project(str(root), {**{p: disk.summaries[p] for p in disk.summaries},
                                                   path: own}).facts_for(path)
            assert linting.project_facts(path, text, {}) == expected, (path, text)
    finally:
        linting.forget_projects()


def test_the_quick_odd_break_test_agrees_with_the_pattern():
    """incremental.odd_breaks answers ASCII text with substring searches:
    the same answer as the pattern, on random texts of every break."""
    chars = ["a", " ", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "é"]
    rng = random.Random("odd breaks")
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 6)))
        assert incremental.odd_breaks(text) == (incremental._ODD_BREAKS.search(text) is not None), repr(text)


# Why a check cannot keep the last check's findings for the top-level
# statements an edit left alone: the analyses judge each statement with
# facts from the others (a helper's body, a config assignment, a call from a
# handler). Each edit below changes one statement and a finding on a line of
# another; the check that reuses the last one must see it.
TWO_WAYS = '''import random

from flask import Flask, make_response, redirect, request, session

app = Flask(__name__)


def new_id():
    return secrets.token_urlsafe(32)


@app.get("/cookie")
def cookie():
    resp = make_response("ok")
    resp.set_cookie("sid", new_id(), httponly=True, secure=True, samesite="Lax")
    return resp


def remember(user):
    session["user_id"] = user.id


@app.post("/login")
def login():
    user = find_user(request.form["username"])
    if user and user.check_password(request.form["password"]):
        remember(user)
    return redirect("/")
'''
ACROSS = [  # (what the edit changes, its new text, the code that appears (+) or goes (-) elsewhere)
    ("a helper's return value", ("return secrets.token_urlsafe(32)", "return str(random.random())"), "+SFX204"),
    ("a helper called by a login", ('    session["user_id"] = user.id',
                                    '    session.clear()\n    session["user_id"] = user.id'), "-SFX101"),
    ("the app's config", ("app = Flask(__name__)\n", "app = Flask(__name__)\n\n\n"
                          "app.config['SESSION_COOKIE_SECURE'] = True\n"), "-SFX302"),
]


@pytest.mark.parametrize("what, change, effect", ACROSS, ids=[a[0] for a in ACROSS])
def test_an_edit_of_one_statement_changes_the_findings_of_another(what, change, effect, tmp_path_factory):
    folder = tmp_path_factory.mktemp("shop", numbered=True)  # a folder named test_... holds test code
    path = str(folder / "app.py")
    settings = resolve(str(folder), {})
    memory = linting.Memory()
    before = linting.check(TWO_WAYS, path, settings, memory).findings
    text = TWO_WAYS.replace(*change)
    edited = incremental.spans(ast.parse(text).body)
    first = next(n for n, (a, b) in enumerate(zip(TWO_WAYS.splitlines(), text.splitlines()), 1) if a != b)
    edited = next(span for span in edited if span[0] <= first <= span[1])
    after = linting.check(text, path, settings, memory)
    assert after == linting.check(text, path, settings)
    moved = text.count("\n") - TWO_WAYS.count("\n")
    old = {(f.line + (moved if f.line > first else 0), f.code) for f in before}
    new = {(f.line, f.code) for f in after.findings}
    changed = (new - old) if effect[0] == "+" else (old - new)
    assert {code for _, code in changed} == {effect[1:]}, (before, after)
    assert all(not edited[0] <= line <= edited[1] for line, _ in changed), (edited, changed)
