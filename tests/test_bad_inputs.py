"""Files fixlint cannot analyse get one clear line each, the run goes on,
and the exit status says so: `check` and `fix`, serial and parallel."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from .helpers import run_cli, write

VULNERABLE = """
from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp

SECURE_SSL_REDIRECT = True  # HTTPS only: the Secure fix is safe
"""
FINDING = "app.py:5:5: SFX302"

# Syntax from a Python newer than the one running the tests.
NEWER = [((3, 12), "type Handler = int\n"), ((3, 14), 'greeting = t"hi {name}"\n')]
NEWER_SOURCE = next((source for version, source in NEWER if sys.version_info[:2] < version), None)

HUGE_MB = 24
BIG_ENOUGH = f"{HUGE_MB + 8}M"  # --max-file-size for huge.py (the default is 4M)

# fixlint parses only files whose text could hold a finding (the per-file
# guards): a file that cannot be parsed says so when it names a session.
SESSION = "from flask import session\n"

# Each bad file: (the phrase its one error line carries, how to make it).
BAD = {
    "syntax.py": ("syntax error: ", lambda p: p.write_text("def f(:\n" + SESSION)),
    "latin1.py": ("cannot decode: invalid or missing encoding declaration",
                  lambda p: p.write_bytes(b"name = 'caf\xe9'\n")),
    "unknown_cookie.py": ("cannot decode: unknown encoding: uft-8",
                          lambda p: p.write_bytes(b"# -*- coding: uft-8 -*-\nx = 1\n")),
    "wrong_cookie.py": ("cannot decode as ascii",
                        lambda p: p.write_bytes("# coding: ascii\nname = 'café'\n".encode())),
    "nul.py": ("not Python source: the file contains NUL bytes", lambda p: p.write_bytes(b"x = 1\x00\n")),
    "image.py": ("not Python source", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")),
    "too_nested.py": ("syntax error: too many nested parentheses",
                      lambda p: p.write_text("x = " + "(" * 1000 + "1" + ")" * 1000 + "\n" + SESSION)),
    # 100 000 left-nested additions: the parser recurses past its limit.
    "long_sum.py": ("cannot parse: ",
                    lambda p: p.write_text("x = " + " + ".join(["1"] * 100_000) + "\n" + SESSION)),
    "loop.py": ("cannot read file: Too many levels of symbolic links", lambda p: os.symlink(p.name, p)),
    "dangling.py": ("cannot read file: No such file or directory", lambda p: os.symlink("gone.py", p)),
    "fifo.py": ("not a regular file", lambda p: os.mkfifo(p)),
}
if NEWER_SOURCE:
    BAD["newer.py"] = ("syntax error: ", lambda p: p.write_text(NEWER_SOURCE + SESSION))

# Files that are odd but fine: analysed, and the finding in them reported.
GOOD = {
    "empty.py": lambda p: p.write_text(""),
    "bom.py": lambda p: p.write_bytes(b"\xef\xbb\xbf" + VULNERABLE.encode()),
    # A 24 MB file whose one line is a string literal, then a finding.
    "huge.py": lambda p: p.write_text('DATA = "' + "x" * (HUGE_MB << 20) + '"\n' + VULNERABLE),
    # One 1 MB line of code.
    "long_line.py": lambda p: p.write_text("DATA = [" + "1, " * 350_000 + "]\n" + VULNERABLE),
    # Nested as deep as the parser allows, in expressions the analyses read.
    "deep.py": lambda p: p.write_text(VULNERABLE + "resp = make_response(" + "not " * 2900 + "x)\n"
                                      + "resp.set_cookie(" + "(" * 190 + "'sid'" + ")" * 190 + ")\n"),
    # `"\d"` warns while parsing; under -W error that must not become an error.
    "warns.py": lambda p: p.write_text('PATTERN = "\\d+"\n' + VULNERABLE),
    # Broken, but names no session, cookie or login: no rule could report
    # anything in it, so it is not parsed (its syntax error is flake8's E999).
    "unrelated.py": lambda p: p.write_text("def f(:\n    return sorted(items, key=len)\n"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad_inputs")
    write(root, "app.py", VULNERABLE)
    for name, (_, make) in BAD.items():
        make(root / name)
    for name, make in GOOD.items():
        make(root / name)
    (root / "pkg").mkdir()
    os.symlink("..", root / "pkg" / "up")  # a folder loop: never followed
    return root


def error_lines(stderr):
    return [line for line in stderr.splitlines() if ": error: " in line]


def assert_one_line_per_bad_file(stderr):
    lines = error_lines(stderr)
    for name, (phrase, _) in BAD.items():
        mine = [line for line in lines if line.startswith(name + ":")]
        assert len(mine) == 1 and phrase in mine[0], (name, mine)
    assert len(lines) == len(BAD), lines
    assert "Traceback" not in stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_reports_each_bad_file_once_and_goes_on(project, jobs):
    done = run_cli("check", "-j", jobs, "--max-file-size", BIG_ENOUGH, ".", cwd=project,
                   env={"PYTHONWARNINGS": "error"})
    assert done.returncode == 2
    assert_one_line_per_bad_file(done.stderr)
    assert f"fixlint: {len(BAD)} files could not be analysed" in done.stderr
    reported = {line.split(":")[0] for line in done.stdout.splitlines()}
    assert reported == {"app.py", "bom.py", "huge.py", "long_line.py", "deep.py", "warns.py"}
    assert FINDING in done.stdout
    assert len(set(done.stdout.splitlines())) == len(done.stdout.splitlines())  # pkg/up -> .. not followed


def test_a_file_over_max_file_size_is_skipped_in_one_line_before_it_is_read(project):
    done = run_cli("check", "huge.py", "app.py", cwd=project)
    assert done.returncode == 2
    size = (project / "huge.py").stat().st_size
    assert done.stderr.splitlines() == [
        f"huge.py:1:1: error: skipped: {size:,} bytes, more than max-file-size (4,194,304 bytes)",
        "fixlint: 1 file could not be analysed",
    ]
    assert FINDING in done.stdout


def test_exit_zero_keeps_the_lines_but_exits_0(project):
    done = run_cli("check", "--exit-zero", "--exclude", "huge.py,long_line.py", ".", cwd=project)
    assert done.returncode == 0
    assert_one_line_per_bad_file(done.stderr)


def test_json_report_lists_the_errors_and_exits_2(project):
    import json

    done = run_cli("check", "--format", "json", "--exclude", "huge.py,long_line.py", ".", cwd=project)
    assert done.returncode == 2
    errors = json.loads(done.stdout)["errors"]
    assert sorted(e["path"] for e in errors) == sorted(BAD)


# libcst needs about half a millisecond per node: rewriting long_line.py
# would take about a minute, which the time limit test below covers.
SLOW_TO_REWRITE = "long_line.py"
# libcst recurses: deep.py is checked, but cannot be rewritten.
NOT_REWRITTEN = "deep.py:1:1: error: cannot rewrite: the code is nested too deeply for libcst; not fixed"


def test_fix_reports_each_bad_file_once_and_still_fixes_the_rest(project):
    done = run_cli("fix", "--exclude", SLOW_TO_REWRITE, "--max-file-size", BIG_ENOUGH, ".", cwd=project)
    assert done.returncode == 2
    assert NOT_REWRITTEN in done.stderr.splitlines()
    assert_one_line_per_bad_file(done.stderr.replace(NOT_REWRITTEN + "\n", ""))
    assert "+++ b/app.py" in done.stdout
    assert "+++ b/huge.py" in done.stdout


def test_fix_write_leaves_bad_files_untouched(project, tmp_path):
    for name in ("app.py", "syntax.py", "latin1.py", "nul.py", "deep.py"):
        shutil.copyfile(project / name, tmp_path / name)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    done = run_cli("fix", "--write", ".", cwd=tmp_path)
    assert done.returncode == 2
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert [name for name in before if after[name] != before[name]] == ["app.py"]


def test_fix_gives_up_on_a_file_at_the_time_limit(tmp_path):
    # Checking takes well under a second; rewriting with libcst, ~15 s.
    write(tmp_path, "app.py", "DATA = [" + "1, " * 30_000 + "]\n" + VULNERABLE.lstrip("\n"))
    done = run_cli("fix", "--per-file-timeout", "3", "app.py", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        "app.py:1:1: error: skipped: not analysed within 3 s (per-file-timeout); not fixed")
    assert done.stdout == ""


@pytest.mark.skipif(NEWER_SOURCE is None, reason="no syntax known to be newer than this Python")
def test_newer_syntax_names_the_python_that_parsed_it(project):
    done = run_cli("check", "newer.py", cwd=project)
    version = "%d.%d" % sys.version_info[:2]
    assert done.stderr.startswith("newer.py:1:")
    assert f"(parsed as Python {version}" in done.stderr


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="Python 3.14 reads `except A, B:` (PEP 758)")
def test_unbracketed_exceptions_say_which_python_reads_them(tmp_path):
    write(tmp_path, "handlers.py", SESSION + "try:\n    pass\nexcept KeyError, ValueError:\n    pass\n")
    done = run_cli("check", "handlers.py", cwd=tmp_path)
    assert done.stderr.startswith("handlers.py:4:")
    assert "Python 3.14 reads `except A, B:` without brackets (PEP 758): run fixlint under the project's " \
           "Python" in done.stderr


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="Python 3.14 reads `except A, B:` (PEP 758)")
def test_python2_except_names_python2_not_a_newer_python(tmp_path):
    # `except Exception, e:` binds e in Python 2; Python 3.14 would read two exception types
    write(tmp_path, "handlers.py", SESSION + "try:\n    pass\nexcept Exception, e:\n    pass\n")
    done = run_cli("check", "handlers.py", cwd=tmp_path)
    assert done.stderr.startswith("handlers.py:4:")
    assert "`except X, name:` is Python 2 syntax: fixlint reads Python 3 code" in done.stderr
    assert "3.14" not in done.stderr


@pytest.mark.parametrize("source", ["type Handler = int\n", "type Pair[T] = tuple[T, T]\n",
                                    "def first[T](xs: list[T]) -> T:\n    return xs[0]\n",
                                    "class Box[T]:\n    pass\n"])
def test_type_parameters_only_a_newer_python_reads_say_which_python_reads_them(tmp_path, source):
    write(tmp_path, "typed.py", SESSION + source)
    done = run_cli("check", "typed.py", cwd=tmp_path)
    if sys.version_info >= (3, 12):
        assert "typed.py" not in done.stderr
    else:
        assert done.stderr.startswith("typed.py:2:")
        assert "Python 3.12 reads type parameters and type aliases (PEP 695): run fixlint under the project's " \
               "Python" in done.stderr


def test_an_f_string_only_a_newer_python_reads_says_which_python_reads_it(tmp_path):
    write(tmp_path, "report.py", SESSION + 'row = {"name": "x"}\nlabel = f"{row["name"]}"\n')
    done = run_cli("check", "report.py", cwd=tmp_path)
    if sys.version_info >= (3, 12):
        assert "report.py" not in done.stderr
    else:
        assert done.stderr.startswith("report.py:3:")
        assert "Python 3.12 reads f-strings that reuse their quotes: run fixlint under the project's Python" \
            in done.stderr


def as_unprivileged(*args):
    """The CLI's arguments, run without root's power to read anything:
    chmod 000 means nothing to root, so drop the capabilities that ignore it."""
    if os.geteuid() != 0:
        return args
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return ("--bounding-set=-dac_override,-dac_read_search", sys.executable, "-m", "fixlint", *args)


def run_unprivileged(*args, cwd):
    import subprocess

    argv = as_unprivileged(*args)
    if argv is args:
        return run_cli(*args, cwd=cwd)
    return subprocess.run(["setpriv", *argv], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", ["check", "fix"])
def test_unreadable_files_and_folders_are_one_line_each(tmp_path, command):
    write(tmp_path, "app.py", VULNERABLE)
    write(tmp_path, "secret.py", VULNERABLE)
    write(tmp_path, "locked/inside.py", VULNERABLE)
    os.chmod(tmp_path / "secret.py", 0)
    os.chmod(tmp_path / "locked", 0)
    try:
        done = run_unprivileged(command, ".", cwd=tmp_path)
    finally:
        os.chmod(tmp_path / "locked", 0o755)
    assert done.returncode == 2
    lines = error_lines(done.stderr)
    assert len(lines) == 2, done.stderr
    assert lines[0].startswith("locked:1:1: error: cannot read directory: Permission denied")
    assert lines[1].startswith("secret.py:1:1: error: cannot read file: Permission denied")
    assert ("+++ b/app.py" if command == "fix" else FINDING) in done.stdout


def test_unreadable_configuration_names_the_file(tmp_path):
    write(tmp_path, "app.py", VULNERABLE)
    write(tmp_path, "pyproject.toml", "[tool.fixlint]\n")
    os.chmod(tmp_path / "pyproject.toml", 0)
    done = run_unprivileged("check", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == f"fixlint: error: {tmp_path / 'pyproject.toml'}: cannot read: Permission denied\n"


def test_discovery_uses_no_deprecated_pathspec_api(tmp_path):
    import warnings

    from fixlint import runner

    write(tmp_path, ".gitignore", "generated/\n*.tmp.py\n")
    write(tmp_path, "generated/app.py", VULNERABLE)
    write(tmp_path, "app.py", VULNERABLE)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        files, errors = runner.discover([str(tmp_path)], ["build/", "*.bak.py"])
    assert (files, errors) == ([str(tmp_path / "app.py")], [])


@pytest.mark.parametrize("command", [
    ("check",), ("check", "--format", "json"), ("check", "--format", "sarif"),
    ("check", "--format", "gitlab"), ("fix",),
])
def test_a_file_name_that_is_not_utf8_is_reported_not_fatal(tmp_path, command):
    import json
    import subprocess

    write(tmp_path, "ok.py", VULNERABLE)
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.py"), "w") as f:
        f.write(VULNERABLE.lstrip("\n"))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # a strict UTF-8 stdout, as most terminals get
    done = subprocess.run([sys.executable, "-m", "fixlint", *command, "."], cwd=tmp_path, env=env,
                          capture_output=True, timeout=300)
    assert done.returncode == 1, done.stderr
    if command[-1] in ("json", "sarif", "gitlab"):
        text = json.dumps(json.loads(done.stdout.decode("utf-8")))  # valid UTF-8 JSON
        # the byte as the text \xe9 (or %E9 in a URI): no lone surrogate that strict parsers reject
        assert {"json": "caf\\\\xe9.py", "sarif": "caf%E9.py", "gitlab": "caf\\\\xe9.py"}[command[-1]] in text
        assert "\\udc" not in text
    else:  # the byte escaped as ls -b shows it; in a diff, quoted as git quotes it (git apply reads it back)
        assert (b'+++ "b/caf\\351.py"' if command == ("fix",) else b"caf\\xe9.py:5:5: SFX302") in done.stdout


# A form feed (^L) page break: whitespace to Python, a line break to str.splitlines.
PAGED = 'from flask import make_response\n\x0c\n\ndef view():\n    resp = make_response("ok")\n{line}    return resp\n'
COOKIE = '    resp.set_cookie("sid", "v", httponly=True, samesite="Lax"){comment}\n'


def test_noqa_after_a_form_feed_is_on_the_right_line(tmp_path):
    (tmp_path / "app.py").write_text(PAGED.format(line=COOKIE.format(comment="  # noqa: SFX302")))
    assert run_cli("check", "app.py", cwd=tmp_path).stdout == ""


def test_fix_diff_after_a_form_feed_numbers_lines_as_python_does(tmp_path):
    (tmp_path / "app.py").write_text(PAGED.format(line=COOKIE.format(comment="")))
    done = run_cli("fix", "--unsafe-fixes", "app.py", cwd=tmp_path)  # the Secure fix: no HTTPS decision here
    assert "@@ -3,5 +3,5 @@\n \n def view():\n" in done.stdout  # the cookie is line 6 of 7


def _called_from_depth(frames, work):
    return work() if frames == 0 else _called_from_depth(frames - 1, work)


def test_whether_a_deep_file_parses_does_not_depend_on_the_callers_stack():
    # 3.11 shares the parser's nesting budget with the frames on the stack:
    # 2,950 levels parse from the top of a process, not from 60 calls down
    # (a -j worker's depth) unless the parse starts again on an empty stack.
    from fixlint.project import summary
    from fixlint.runner import SourceError, parse_source

    deep = VULNERABLE + "resp = make_response(" + "not " * 2950 + "x)\n"
    assert _called_from_depth(60, lambda: parse_source(deep, "deep.py")).body
    assert _called_from_depth(60, lambda: summary._parse(deep)) is not None
    deeper = "x = (" + "not " * 3200 + "x)\n"
    with pytest.raises(SourceError, match="nested too deeply"):
        _called_from_depth(60, lambda: parse_source(deeper, "deeper.py"))
    assert summary._parse(deeper) is None


def _discovered_by_os_walk(root):
    """What discovery must find under `root`, the slow way: os.walk (links
    to folders listed, not entered), every .py file, one per real path."""
    found, seen = [], set()
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.normpath(os.path.join(folder, name))
            if name.endswith(".py") and os.path.realpath(path) not in seen:
                seen.add(os.path.realpath(path))
                found.append(path)
    return found


def test_discovery_finds_what_os_walk_and_realpath_find_in_a_tree_of_links(tmp_path):
    from fixlint import runner

    real = tmp_path / "real"
    for name in ("app.py", "pkg/views.py", "pkg/sub/models.py", "other/z.py", "other/a.py"):
        write(real, name, VULNERABLE)
    (real / "pkg" / "again.py").symlink_to(real / "app.py")  # the same file twice: found once
    (real / "a_link.py").symlink_to(real / "pkg" / "sub" / "models.py")  # found before the file, in a folder below
    (real / "pkg" / "outside.py").symlink_to(tmp_path / "elsewhere.py")  # dangling: kept, reading it says why
    (real / "linked_pkg").symlink_to(real / "pkg")  # a link to a folder: listed, not entered
    (tmp_path / "via_link").symlink_to(real)  # the whole tree under another name
    (real / "pkg" / "loop").symlink_to(real)
    for roots in ([real], [tmp_path / "via_link"], [real, tmp_path / "via_link"], [tmp_path / "via_link", real]):
        files, errors = runner.discover([str(r) for r in roots])
        expected = []
        for r in roots:
            expected += _discovered_by_os_walk(str(r))
        reals = set()
        expected = [p for p in expected if not (os.path.realpath(p) in reals or reals.add(os.path.realpath(p)))]
        assert (files, errors) == (expected, [])
    assert str(tmp_path / "via_link" / "app.py") in runner.discover([str(tmp_path / "via_link")])[0]  # as named
