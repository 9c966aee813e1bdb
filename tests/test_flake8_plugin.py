"""The flake8 plugin through real flake8."""

from __future__ import annotations

from .helpers import run_flake8, write

VULNERABLE = """
from flask import make_response


def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp
"""


def test_flake8_reports_in_its_usual_format(tmp_path):
    write(tmp_path, "app.py", VULNERABLE)
    done = run_flake8("--isolated", "--select", "SFX", "app.py", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "./app.py:6:5: SFX302 cookie 'sid' is set without Secure; pass secure=True to set_cookie() (Flask)",
        "./app.py:6:5: SFX305 session cookie 'sid' lacks the __Host- prefix; rename it to '__Host-sid' (Flask)",
    ] or done.stdout.splitlines() == [
        "app.py:6:5: SFX302 cookie 'sid' is set without Secure; pass secure=True to set_cookie() (Flask)",
        "app.py:6:5: SFX305 session cookie 'sid' lacks the __Host- prefix; rename it to '__Host-sid' (Flask)",
    ]


def test_opt_in_rule_is_off_by_default(tmp_path):
    write(tmp_path, "app.py", VULNERABLE)
    done = run_flake8("--isolated", "app.py", cwd=tmp_path)
    codes = [line.split()[1] for line in done.stdout.splitlines()]
    assert codes == ["SFX302"]
    done = run_flake8("--isolated", "--extend-select", "SFX305", "app.py", cwd=tmp_path)
    assert [line.split()[1] for line in done.stdout.splitlines()] == ["SFX302", "SFX305"]


def test_noqa_suppresses_one_code(tmp_path):
    write(tmp_path, "app.py", VULNERABLE.replace('samesite="Lax")', 'samesite="Lax")  # noqa: SFX302'))
    done = run_flake8("--isolated", "--select", "SFX302", "app.py", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")


def test_options_from_setup_cfg(tmp_path):
    write(tmp_path, "setup.cfg", """
    [flake8]
    select = SFX
    fixlint-non-sensitive-cookies = sid, theme
    """)
    write(tmp_path, "app.py", VULNERABLE)
    done = run_flake8("app.py", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")


def test_max_session_lifetime_option(tmp_path):
    write(tmp_path, "app.py", """
    from flask import Flask

    app = Flask(__name__)
    app.config["PERMANENT_SESSION_LIFETIME"] = 60 * 60 * 24 * 10
    """)
    assert run_flake8("--isolated", "--select", "SFX304", "app.py", cwd=tmp_path).stdout == ""
    done = run_flake8("--isolated", "--select", "SFX304", "--fixlint-max-session-lifetime", "7d", "app.py", cwd=tmp_path)
    assert "SFX304" in done.stdout and "10 days, above the limit of 7 days" in done.stdout


def test_bad_option_value_is_one_line_error_not_a_traceback(tmp_path):
    write(tmp_path, "app.py", VULNERABLE)
    done = run_flake8("--isolated", "--fixlint-max-session-lifetime", "forever", "app.py", cwd=tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert "--fixlint-max-session-lifetime" in done.stderr
    write(tmp_path, "setup.cfg", "[flake8]\nfixlint-max-session-lifetime = soon\n")
    done = run_flake8("app.py", cwd=tmp_path)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert "max-session-lifetime" in done.stderr + done.stdout


def test_plugin_uses_the_tree_flake8_parsed():
    import ast

    from fixlint.plugin import Plugin

    tree = ast.parse(VULNERABLE)
    calls = []
    real_parse = ast.parse
    ast.parse = lambda *args, **kwargs: calls.append(args) or real_parse(*args, **kwargs)
    try:
        results = list(Plugin(tree, "app.py", VULNERABLE.splitlines(True)).run())
    finally:
        ast.parse = real_parse
    assert calls == [], "the plugin parsed the file again"
    assert [(line, col, text.split()[0]) for line, col, text, _ in results] == [
        (7, 4, "SFX302"), (7, 4, "SFX305")
    ]


def test_plugin_import_does_not_load_libcst_or_yaml():
    import subprocess
    import sys

    code = (
        "import sys, fixlint.plugin; "
        "from fixlint.rules import all_rules; all_rules(); "
        "print(sorted(m for m in ('libcst', 'yaml') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]"


def _checked_by_flake8(tmp_path, *options):
    """The rule codes the plugin ran under these flake8 options: a probe
    plugin module records them (flake8 runs every plugin, selected or not)."""
    write(tmp_path, "app.py", VULNERABLE)
    write(tmp_path, "probe.py", """
    import fixlint.plugin as plugin

    real = plugin.check_tree

    def check_tree(tree, filename, config, rules, text=None, **kwargs):
        with open("checked.txt", "a") as f:
            f.write(",".join(r.code for r in rules) + "\\n")
        return real(tree, filename, config, rules, text, **kwargs)

    plugin.check_tree = check_tree


    class Probe:  # a do-nothing plugin: loading this module installs the probe
        def __init__(self, tree):
            pass

        def run(self):
            return iter(())
    """)
    write(tmp_path, "setup.cfg", """
    [flake8:local-plugins]
    extension =
        PRB = probe:Probe
    paths = .
    """)
    done = run_flake8(*options, "app.py", cwd=tmp_path)
    checked = tmp_path / "checked.txt"
    return done, checked.read_text().split() if checked.exists() else []


def test_plugin_does_no_work_when_flake8_selects_no_sfx_code(tmp_path):
    done, checked = _checked_by_flake8(tmp_path, "--select", "E,W,F")
    assert done.stdout == ""
    assert checked == []


def test_plugin_checks_only_the_codes_flake8_will_report(tmp_path):
    done, checked = _checked_by_flake8(tmp_path, "--select", "SFX3", "--ignore", "SFX301,SFX303")
    assert [line.split()[1] for line in done.stdout.splitlines()] == ["SFX302", "SFX305"]
    assert checked == ["SFX302,SFX304,SFX305"]
