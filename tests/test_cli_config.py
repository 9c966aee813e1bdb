"""One configuration for flake8, the CLI and the pre-commit hook: `fixlint
check` reads `[flake8]` (setup.cfg, tox.ini, .flake8) as flake8 does, with
`[tool.fixlint]` taking precedence, and `--show-settings` says where each
value came from."""

from __future__ import annotations

from .helpers import run_cli, write

COOKIE = """
from flask import make_response


def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")
    return resp
"""


def codes(done):
    return sorted((line.split(":")[0], line.split()[1]) for line in done.stdout.splitlines())


def project(tmp_path, files):
    for name, text in files.items():
        write(tmp_path, name, text)
    return tmp_path


def test_check_reads_the_flake8_section_of_setup_cfg(tmp_path):
    project(tmp_path, {
        "setup.cfg": """
        [flake8]
        max-line-length = 100
        ignore = E203,W503
        extend-select = SFX3
        per-file-ignores =
            tests/*: SFX3
            __init__.py: F401
        exclude = legacy
        extend-exclude = generated_*.py
        fixlint-non-sensitive-cookies = theme, sid
        """,
        "app/views.py": COOKIE.replace('"sid"', '"auth"'),
        "app/other.py": COOKIE,  # 'sid' is non-sensitive here
        "legacy/old.py": COOKIE.replace('"sid"', '"auth"'),
        "app/generated_api.py": COOKIE.replace('"sid"', '"auth"'),
        "tests/test_views.py": COOKIE.replace('"sid"', '"auth"'),
    })
    done = run_cli("check", ".", cwd=tmp_path)
    assert codes(done) == [("app/views.py", "SFX302"), ("app/views.py", "SFX305")], done.stdout + done.stderr


def test_per_file_ignores_from_flake8_silence_one_rule_in_one_folder(tmp_path):
    project(tmp_path, {
        ".flake8": "[flake8]\nper-file-ignores = scripts/*:SFX302\n",
        "scripts/tool.py": COOKIE,
        "app/views.py": COOKIE,
    })
    assert codes(run_cli("check", ".", cwd=tmp_path)) == [("app/views.py", "SFX302")]


def test_tool_fixlint_takes_precedence_over_flake8(tmp_path):
    project(tmp_path, {
        "tox.ini": "[flake8]\nselect = SFX1\nfixlint-non-sensitive-cookies = sid\n",
        "pyproject.toml": '[tool.fixlint]\nselect = ["SFX30"]\nignore = ["SFX305"]\nnon-sensitive-cookies = ["theme"]\n',
        "app.py": COOKIE,
    })
    assert codes(run_cli("check", ".", cwd=tmp_path)) == [("app.py", "SFX302")]
    assert codes(run_cli("check", "--select", "SFX1", ".", cwd=tmp_path)) == []


def test_ruff_style_per_file_ignores_in_pyproject(tmp_path):
    project(tmp_path, {
        "pyproject.toml": '[tool.fixlint.per-file-ignores]\n"scripts/**" = ["SFX3"]\n"*_admin.py" = ["SFX302"]\n',
        "scripts/deep/tool.py": COOKIE,
        "app/site_admin.py": COOKIE,
        "app/views.py": COOKIE,
    })
    assert codes(run_cli("check", ".", cwd=tmp_path)) == [("app/views.py", "SFX302")]


def test_fix_honours_per_file_ignores(tmp_path):
    project(tmp_path, {
        "pyproject.toml": '[tool.fixlint.per-file-ignores]\n"scripts/**" = ["SFX302"]\n',
        "scripts/tool.py": COOKIE,
    })
    done = run_cli("fix", ".", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, ""), done.stderr


def test_a_flake8_select_without_sfx_runs_nothing_and_says_so(tmp_path):
    project(tmp_path, {"setup.cfg": "[flake8]\nselect = E,F,W,C90\n", "app.py": COOKIE})
    done = run_cli("check", ".", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    assert "no rule runs: select in setup.cfg [flake8] names no SFX code" in done.stderr
    write(tmp_path, "setup.cfg", "[flake8]\nselect = E,F,W,C90\nextend-select = SFX\n")
    done = run_cli("check", ".", cwd=tmp_path)
    assert codes(done) == [("app.py", "SFX302"), ("app.py", "SFX305")]
    assert done.stderr == ""


def test_show_settings_names_the_source_of_each_value(tmp_path):
    project(tmp_path, {
        "setup.cfg": "[flake8]\nselect = E,F,W,SFX\nfixlint-max-session-lifetime = 14d\n",
        "pyproject.toml": '[tool.fixlint]\nextend-select = ["SFX305"]\nnon-sensitive-cookies = ["theme"]\n',
    })
    done = run_cli("check", "--show-settings", "--ignore", "SFX304", ".", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "configuration files: setup.cfg [flake8], pyproject.toml [tool.fixlint]"
    assert "select = SFX  [setup.cfg [flake8]]" in lines
    assert "extend-select = SFX305  [pyproject.toml [tool.fixlint]]" in lines
    assert "ignore = SFX304  [command line]" in lines
    assert "max-session-lifetime = 1.2096e+06  [setup.cfg [flake8]]" in lines or \
        "max-session-lifetime = 14d  [setup.cfg [flake8]]" in lines
    assert "non-sensitive-names = theme  [pyproject.toml [tool.fixlint]]" in lines
    assert "csrf-cookies = csrftoken, csrf_token, XSRF-TOKEN  [default]" in lines
    assert lines[-1] == "rules: SFX101, SFX102, SFX201, SFX202, SFX203, SFX204, SFX301, SFX302, SFX303, SFX305"


def test_bad_flake8_values_name_the_file(tmp_path):
    project(tmp_path, {"setup.cfg": "[flake8]\nfixlint-max-session-lifetime = soon\n", "app.py": COOKIE})
    done = run_cli("check", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert "setup.cfg [flake8]" in done.stderr and "max-session-lifetime" in done.stderr
    write(tmp_path, "setup.cfg", "[flake8]\nper-file-ignores = tests/*\n")
    done = run_cli("check", ".", cwd=tmp_path)
    assert done.returncode == 2 and "per-file-ignores: expected 'path:CODES'" in done.stderr


def test_config_names_a_flake8_file_and_isolated_reads_none(tmp_path):
    project(tmp_path, {"ci/lint.cfg": "[flake8]\nignore = SFX302\n", "app.py": COOKIE})
    assert codes(run_cli("check", "--config", "ci/lint.cfg", ".", cwd=tmp_path)) == []
    write(tmp_path, "setup.cfg", "[flake8]\nignore = SFX302\n")
    assert codes(run_cli("check", ".", cwd=tmp_path)) == []
    assert codes(run_cli("check", "--isolated", ".", cwd=tmp_path)) == [("app.py", "SFX302")]
