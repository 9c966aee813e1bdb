"""Hostile repositories and environments (issue 21): nothing forged, nothing
lost, nothing touched outside the tree.

A file name or a name in the checked code may be built to fool a terminal or
a CI log; a worker may be killed; the file being fixed may be a symlink out
of the tree, have hard links, belong to someone else or be swapped for a
FIFO mid-run; the report may have nowhere to go. Each case has one clear
outcome here. Most run `fixlint.cli.main` in-process (so that a worker can
be made to die on purpose; forked workers inherit the patch).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fixlint import runner
from fixlint.fix import fixer as engine
from fixlint.output.escape import clip, diff_name, shown, shown_path
from fixlint.plugin import Plugin

from .helpers import ROOT, write
from .helpers import run_main as run

VULNERABLE = """from flask import make_response

def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp

SECURE_SSL_REDIRECT = True  # HTTPS only: the Secure fix is safe (fixlint.fix.https)
"""
FINDING = ":5:5: SFX302 cookie 'sid' is set without Secure"

TITLE = "x\033]0;TITLE\007.py"  # sets the terminal's title when printed raw
FORGER = "e.py:1:1: SFX000 fake\nreal.py"  # forges a finding line in a CI log when printed raw
BROKEN = "bad\033[31m.py"  # a syntax error: its name goes to stderr


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    write(tmp_path, TITLE, VULNERABLE)
    write(tmp_path, FORGER, VULNERABLE)
    write(tmp_path, BROKEN, "from flask import session\ndef f(:\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _raw_control(text):
    return [c for c in text if c != "\n" and not c.isprintable()]  # ESC, BEL, a bare CR...


# -- 1. names escaped in every output ------------------------------------------

@pytest.mark.parametrize("args", [
    ("check", "."),
    ("check", "--color", "always", "."),
    ("check", "-q", "."),
    ("check", "--statistics", "."),
    ("fix", "."),
    ("fix", "--write", "."),
])
def test_file_names_reach_no_terminal_raw(hostile, capsys, args):
    status, out, err = run(capsys, *args)
    assert status == 2  # bad.py does not parse
    for stream in (out, err):
        assert not _raw_control(re.sub(r"\033\[(1|31|36)?m", "", stream))  # fixlint's own colours only
        assert not any(line.startswith(("e.py:1:1:", "real.py")) for line in stream.splitlines())
    assert "bad\\x1b[31m.py:2:7: error: " in err


def test_text_findings_keep_one_line_each_with_the_name_escaped(hostile, capsys):
    status, out, _ = run(capsys, "check", "--select", "SFX302", TITLE, FORGER)
    assert status == 1
    assert out.splitlines() == [
        "e.py\\x3a1\\x3a1: SFX000 fake\\nreal.py" + FINDING + "; pass secure=True to set_cookie() (Flask)",
        "x\\x1b]0;TITLE\\x07.py" + FINDING + "; pass secure=True to set_cookie() (Flask)",
    ]


def test_fix_diff_headers_quote_names_as_git_does_and_apply(hostile, capsys):
    subprocess.run(["git", "init", "-q", "."], check=True)
    status, out, _ = run(capsys, "fix", "--select", "SFX302", TITLE, FORGER)
    assert status == 1
    assert '--- "a/x\\033]0;TITLE\\a.py"\n+++ "b/x\\033]0;TITLE\\a.py"\n' in out
    assert '+++ "b/e.py:1:1: SFX000 fake\\nreal.py"\n' in out
    (hostile / "fix.patch").write_text(out)
    applied = subprocess.run(["git", "apply", "fix.patch"], capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert "secure=True" in (hostile / TITLE).read_text() and "secure=True" in (hostile / FORGER).read_text()


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_machine_formats_stay_valid_and_name_the_real_file(hostile, capsys, fmt):
    (hostile / os.fsdecode(b"caf\xe9.py")).write_text(VULNERABLE)
    status, out, _ = run(capsys, "check", "--format", fmt, ".")
    assert status == 2
    assert not re.search(r"\\ud[89a-f]", out, re.IGNORECASE)  # no lone surrogate, escaped or raw
    document = json.loads(out)
    text = json.dumps(document, ensure_ascii=False)
    text.encode("utf-8")  # valid Unicode throughout
    if fmt == "json":
        paths = {f["path"] for f in document["findings"]} | {e["path"] for e in document["errors"]}
        assert {TITLE, FORGER, BROKEN, "caf\\xe9.py"} <= paths


def test_shown_escapes_what_a_terminal_would_act_on():
    assert shown("a\nb\r\tc\x00\x7f\x9b") == "a\\nb\\r\\tc\\x00\\x7f\\x9b"
    assert shown("evil\u202etxt.py\u2028") == "evil\\u202etxt.py\\u2028"  # bidi override, line separator
    assert shown(os.fsdecode(b"caf\xe9.py")) == "caf\\xe9.py"
    assert shown("café — ok.py") == "café — ok.py"
    assert shown_path("a.py:12:3") == "a.py\\x3a12\\x3a3" and shown_path("C:/x.py") == "C:/x.py"
    assert diff_name("a/plain_name-1.py") == "a/plain_name-1.py"
    assert diff_name("a/my app.py") == "a/my app.py\t"  # as git writes it: patch ends the name at the tab
    assert diff_name('a/q"\\\n\xe9.py') == '"a/q\\"\\\\\\n\\303\\251.py"'


def test_long_names_are_shortened_in_the_middle():
    name = "s" * 5_000_000
    message = f"cookie {name!r} is set without Secure; pass secure=True to set_cookie() (Flask)"
    short = shown(message)
    assert len(short) < 200
    assert short.startswith("cookie 'sss") and short.endswith("pass secure=True to set_cookie() (Flask)")
    assert "…" in short and clip("short words stay") == "short words stay"
    deep = "/".join(["folder"] * 100) + "/app.py"
    assert shown_path(deep) == deep  # an editor must still find the file


def test_a_huge_cookie_name_is_not_echoed_in_full(tmp_path, monkeypatch, capsys):
    name = "s" * 300_000
    write(tmp_path, "app.py", VULNERABLE.replace('"sid"', f'"session_{name}"'))
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "check", "app.py")
    assert status == 1
    assert len(out) < 400 and out.count("\n") == 1 and "…" in out
    source = (tmp_path / "app.py").read_text()
    plugin = Plugin(ast.parse(source), "app.py", source.splitlines(keepends=True))
    messages = [message for _, _, message, _ in plugin.run()]
    assert messages and all(len(message) < 500 and "…" in message for message in messages)
    status, out, _ = run(capsys, "check", "--format", "json", "app.py")
    assert [len(f["message"]) < 400 and "…" in f["message"] for f in json.loads(out)["findings"]] == [True]


# -- 2. python -m fixlint -------------------------------------------------------

KEYWORD_SHADOW = """open("keyword.ran", "w").write("ran")
kwlist = softkwlist = []
def iskeyword(name): return False
def issoftkeyword(name): return False
"""


def test_python_m_refuses_to_go_on_after_python_ran_a_module_from_the_folder(tmp_path):
    # runpy imports `keyword` (through collections) before fixlint's first line runs.
    write(tmp_path, "keyword.py", KEYWORD_SHADOW)
    write(tmp_path, "app.py", VULNERABLE)
    done = subprocess.run([sys.executable, "-m", "fixlint", "check", "app.py"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert (tmp_path / "keyword.ran").exists()  # nothing fixlint can do about that...
    assert done.returncode == 2 and done.stdout == ""  # ...but it does not pretend all is well
    assert done.stderr.startswith("fixlint: error: `python -m fixlint` ran keyword.py from the current folder")
    assert "python -P -m fixlint" in done.stderr
    safe = subprocess.run([sys.executable, "-P", "-m", "fixlint", "check", "app.py"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert safe.returncode == 1 and "SFX302" in safe.stdout


def test_readme_says_python_m_is_not_protected_and_recipes_use_the_console_script():
    readme = (ROOT / "README.md").read_text()
    assert "not even a project's own `json.py`" not in readme
    assert "python -P -m fixlint" in readme
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert re.search(r"^\s*entry: fixlint check$", hook, re.MULTILINE)
    recipes = re.findall(r"```(?:yaml|sh)\n(.*?)```", readme, re.DOTALL)
    assert not [r for r in recipes if "python -m fixlint" in r]


# -- 3. a worker that dies ----------------------------------------------------------

@pytest.fixture
def many(tmp_path, monkeypatch):
    for i in range(16):
        write(tmp_path, f"m{i:02}.py", VULNERABLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _dies_on(monkeypatch, name, once_marker=None):
    original = runner.check_file

    def check_file(path, *args):
        if path.endswith(name) and not (once_marker and os.path.exists(once_marker)):
            if once_marker:
                Path(once_marker).write_text("died once")
            os._exit(9)  # as the kernel's OOM killer would
        return original(path, *args)

    monkeypatch.setattr(runner, "check_file", check_file)


def test_a_worker_killed_once_loses_no_file(many, monkeypatch, capsys):
    _dies_on(monkeypatch, "m03.py", once_marker=str(many / "died"))
    status, out, err = run(capsys, "check", "-j", "2", ".")
    assert (many / "died").exists()
    assert (status, err) == (1, "")
    assert len(out.splitlines()) == 16


def test_a_file_that_kills_its_worker_again_alone_is_the_only_one_reported(many, monkeypatch, capsys):
    _dies_on(monkeypatch, "m05.py")
    status, out, err = run(capsys, "check", "-j", "2", ".")
    assert status == 2
    assert err.splitlines() == ["m05.py:1:1: error: fixlint worker died on this file",
                                "fixlint: 1 file could not be analysed"]
    assert sorted({line.split(":")[0] for line in out.splitlines()}) == [f"m{i:02}.py" for i in range(16) if i != 5]


# -- 4. fix --write: symlinks, owners, hard links ----------------------------------------

def test_fix_write_does_not_follow_a_symlink_out_of_the_tree(tmp_path, monkeypatch, capsys):
    outside = tmp_path / "outside.py"
    outside.write_text(VULNERABLE)
    tree = tmp_path / "tree"
    write(tree, "app.py", VULNERABLE)
    (tree / "link.py").symlink_to(outside)
    (tree / "inner.py").symlink_to(tree / "app.py")
    monkeypatch.chdir(tree)
    status, _, err = run(capsys, "fix", "--write", ".")
    assert status == 2
    assert outside.read_text() == VULNERABLE
    assert f"link.py:1:1: error: a symlink to {outside}, outside the folders being fixed; not written" in err
    assert "secure=True" in (tree / "app.py").read_text() and (tree / "inner.py").is_symlink()
    assert err.splitlines()[-1].startswith("fixlint: fixed ")


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_fix_write_keeps_owner_and_group(tmp_path, monkeypatch, capsys):
    path = write(tmp_path, "app.py", VULNERABLE)
    os.chown(path, 4321, 4322)
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "fix", "--write", "app.py")[0] == 0
    info = os.stat(path)
    assert (info.st_uid, info.st_gid) == (4321, 4322) and "secure=True" in path.read_text()


def test_fix_write_keeps_hard_links(tmp_path, monkeypatch, capsys):
    path = write(tmp_path, "app.py", VULNERABLE)
    os.link(path, tmp_path / "other_name.txt")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "fix", "--write", "app.py")[0] == 0
    assert os.stat(path).st_nlink == 2
    assert (tmp_path / "other_name.txt").read_text() == path.read_text() != VULNERABLE


@pytest.mark.parametrize(("swap", "reason"), [
    (lambda p: (p.unlink(), p.mkdir()), "the file was replaced by a folder, FIFO or device since it was read"),
    (lambda p: (p.unlink(), os.mkfifo(p)), "the file was replaced by a folder, FIFO or device since it was read"),
    (lambda p: p.unlink(), "the file was removed since it was read"),
    (lambda p: p.write_text(VULNERABLE + "# edited\n"), "the file changed on disk since it was read"),
])
def test_a_file_swapped_between_read_and_write_is_reported_and_the_summary_kept(
        tmp_path, monkeypatch, capsys, swap, reason):
    write(tmp_path, "a.py", VULNERABLE)
    path = write(tmp_path, "swapped.py", VULNERABLE)
    original = engine.fix_text

    def fix_text(text, name, *args, **kwargs):
        if name.endswith("swapped.py"):
            swap(path)
        return original(text, name, *args, **kwargs)

    monkeypatch.setattr(engine, "fix_text", fix_text)
    monkeypatch.chdir(tmp_path)
    status, _, err = run(capsys, "fix", "--write", "-j", "1", ".")
    assert status == 2
    assert f"swapped.py:1:1: error: {reason}; not written" in err.splitlines()
    assert err.splitlines()[-1] == "fixlint: fixed 1 finding in 1 file; 1 finding left; 1 error"
    assert "internal error" not in err


# -- 5. the report has nowhere to go -------------------------------------------------------

def _cli(*args, cwd, **kwargs):
    kwargs = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([str(Path(sys.executable).with_name("fixlint")), *args], cwd=cwd,
                          text=True, timeout=300, **kwargs)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("check", "."), ("check", "--format", "sarif", "."), ("fix", ".")])
def test_a_full_disk_is_one_line_and_exit_2(tmp_path, args):
    write(tmp_path, "app.py", VULNERABLE)
    with open("/dev/full", "w") as full:
        done = _cli(*args, cwd=tmp_path, stdout=full)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "fixlint: error: cannot write the report: No space left on device"
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_an_output_file_on_a_full_disk_is_one_line_and_exit_2(tmp_path):
    write(tmp_path, "app.py", VULNERABLE)
    done = _cli("check", "--output-file", "/dev/full", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["fixlint: error: cannot write the report (/dev/full): No space left on device"]


@pytest.mark.parametrize(("args", "status"), [(("check", "."), 2), (("check", "-qq", "."), 1)])
def test_a_closed_stdout_is_one_line_and_an_honest_exit(tmp_path, args, status):
    write(tmp_path, "app.py", VULNERABLE)
    done = subprocess.run(["sh", "-c", '"$0" "$@" >&-', str(Path(sys.executable).with_name("fixlint")), *args],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == status
    if status == 2:
        assert done.stderr.splitlines() == ["fixlint: error: cannot write the report: standard output is closed"]
    else:  # -qq writes nothing, so nothing failed
        assert done.stderr == ""


# -- 6. line endings and encodings round-trip; diffs apply ----------------------------------------

ENCODED = {
    "sub dir/my app.py": VULNERABLE.encode(),  # patch ends a name at a space, unless a tab follows
    "crlf.py": VULNERABLE.replace("\n", "\r\n").encode(),
    "cr_only.py": VULNERABLE.replace("\n", "\r").encode(),
    "cr_only_unterminated.py": VULNERABLE.rstrip("\n").replace("\n", "\r").encode(),
    "latin1.py": b"# -*- coding: latin-1 -*-\n" + VULNERABLE.replace('"ok"', '"caf\xe9"').encode("latin-1"),
    "bom.py": b"\xef\xbb\xbf" + VULNERABLE.encode(),
    "bom_crlf.py": b"\xef\xbb\xbf" + VULNERABLE.replace('"ok"', '"café"').replace("\n", "\r\n").encode(),
}


def _fixed(data):
    return data.replace(b'samesite="Lax")', b'samesite="Lax", secure=True)')


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_fix_write_changes_only_the_fixed_bytes(tmp_path, monkeypatch, capsys, name):
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(ENCODED[name])
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "fix", "--write", name)[0] == 0
    assert path.read_bytes() == _fixed(ENCODED[name])


@pytest.mark.parametrize("tool", [("git", "apply"), ("patch", "-p1", "--quiet", "-i")])
def test_fix_diffs_apply_with_git_and_patch_for_every_encoding(tmp_path, tool):
    (tmp_path / "sub dir").mkdir()
    for name, data in ENCODED.items():
        (tmp_path / name).write_bytes(data)
    subprocess.run(["git", "init", "-q", "."], cwd=tmp_path, check=True)
    diff = subprocess.run([str(Path(sys.executable).with_name("fixlint")), "fix", "."], cwd=tmp_path,
                          capture_output=True, timeout=300)
    assert diff.returncode == 1, diff.stderr
    (tmp_path / "fix.patch").write_bytes(diff.stdout)
    applied = subprocess.run([*tool, "fix.patch"], cwd=tmp_path, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    for name, data in ENCODED.items():
        assert (tmp_path / name).read_bytes() == _fixed(data), name


# -- 7. size limit --------------------------------------------------------------------------

def test_a_sparse_huge_file_is_skipped_without_reading_it(tmp_path, monkeypatch, capsys):
    with open(tmp_path / "huge.py", "wb") as f:
        f.truncate(2 << 30)  # 2 GiB of holes: reading it whole would take 2 GiB
    write(tmp_path, "pyproject.toml", '[tool.fixlint]\nmax-file-size = "1M"\n')
    write(tmp_path, "app.py", VULNERABLE)
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "check", ".")
    assert status == 2 and "app.py" + FINDING in out
    assert err.splitlines()[0] == (
        f"huge.py:1:1: error: skipped: {2 << 30:,} bytes, more than max-file-size (1,048,576 bytes)")


# -- 8. paths -------------------------------------------------------------------------------------

def test_output_file_refuses_to_overwrite_a_checked_file(tmp_path, monkeypatch, capsys):
    path = write(tmp_path, "app.py", VULNERABLE)
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "check", "--output-file", "./app.py", "app.py")
    assert (status, out) == (2, "")
    assert err == "fixlint: error: --output-file: ./app.py is one of the files being checked; not overwriting it\n"
    assert path.read_text() == VULNERABLE
    os.link(path, tmp_path / "report.txt")  # the same file under another name
    assert run(capsys, "check", "--output-file", "report.txt", ".")[0] == 2
    assert path.read_text() == VULNERABLE


def test_a_file_named_twice_is_checked_once(tmp_path, monkeypatch, capsys):
    write(tmp_path, "a.py", VULNERABLE)
    (tmp_path / "b.py").symlink_to(tmp_path / "a.py")
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "check", "--select", "SFX302", "a.py", "a.py", "./a.py", ".", str(tmp_path))
    assert status == 1
    assert out.splitlines() == ["a.py" + FINDING + "; pass secure=True to set_cookie() (Flask)"]
