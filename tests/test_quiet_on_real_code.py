"""Issue 17 (RULES.md, Revision 2): quiet where a reviewer would be, honest
severities, names from the analysed code escaped."""

from __future__ import annotations

import ast
import json
import os

import pytest

from fixlint.analysis.base import GuardText
from fixlint.config import Config, ConfigError
from fixlint.engine.checker import check_tree, is_checked
from fixlint.quoting import escaped, one_line, quoted
from fixlint.selection import select_rules

from .helpers import _source, lint, messages, run_cli, run_flake8, write

COOKIE_VIEW = """
    from flask import make_response

    def view():
        resp = make_response("x")
        resp.set_cookie("sid", "v")
        return resp
"""

FLASK_LOGIN = """
    from flask import Flask, session

    app = Flask(__name__)

    @app.post("/login")
    def login():
        session["user_id"] = 1
        return "ok"
"""

DJANGO_LOGIN = """from django.shortcuts import redirect


def member_login(request):
    request.session["member_id"] = 1
    return redirect("home")
"""


def findings(source, filename="app.py", config=None):
    source = _source(source)
    result = check_tree(ast.parse(source), filename, config or Config(),
                        select_rules(extend_select=["SFX305"]), GuardText(source))
    assert not result.errors, result.errors
    return result.findings


# -- test code and stubs --------------------------------------------------------

@pytest.mark.parametrize("filename", [
    "tests/views.py", "test/app.py", "pkg/testing/helpers.py", "test_views.py",
    "views_test.py", "views_tests.py", "conftest.py", "pkg/tests.py",
])
def test_test_code_is_not_checked_by_default(filename):
    assert lint(COOKIE_VIEW, filename=filename) == []
    assert lint(COOKIE_VIEW, filename=filename, config=Config(include_tests=True)) != []


@pytest.mark.parametrize("filename", ["contest.py", "attestation/views.py", "latest_views.py"])
def test_names_that_only_contain_test_are_checked(filename):
    assert lint(COOKIE_VIEW, filename=filename) != []


def test_type_stubs_are_never_analysed():
    assert lint(COOKIE_VIEW, filename="views.pyi") == []
    assert lint(COOKIE_VIEW, filename="views.pyi", config=Config(include_tests=True)) == []


def test_a_tests_folder_above_the_current_directory_does_not_make_code_test_code(tmp_path, monkeypatch):
    project = tmp_path / "tests" / "project"
    project.mkdir(parents=True)
    monkeypatch.chdir(project)
    assert is_checked(str(project / "app" / "views.py"), Config())
    assert not is_checked(str(project / "tests" / "views.py"), Config())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert is_checked(str(project / "app" / "views.py"), Config())


def test_a_folder_answers_once_per_current_directory_and_each_name_still_counts(tmp_path, monkeypatch):
    # is_checked asks each folder once: the answer still moves with the
    # current directory, and the file's own name still counts in it.
    app = tmp_path / "tests" / "project" / "app"
    app.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert not is_checked(str(app / "views.py"), Config())
    monkeypatch.chdir(tmp_path / "tests" / "project")
    assert is_checked(str(app / "views.py"), Config())
    assert not is_checked(str(app / "test_views.py"), Config())
    assert not is_checked(str(app / "conftest.py"), Config())
    assert not is_checked(str(app / "views.pyi"), Config())
    assert is_checked(str(app / "models.py"), Config())
    assert not is_checked(str(app / ".." / "tests" / "app.py"), Config())  # tests/app.py below the cwd, read whole
    assert is_checked("app/views.py", Config()) and not is_checked("tests/views.py", Config())


def test_a_project_checked_from_another_folder_still_has_its_tests_skipped(tmp_path, monkeypatch):
    # `fixlint check /srv/app` run from elsewhere: the project's own tests/
    # folder, seen from its root, is test code (a tests folder above the
    # root is not, as above).
    project = tmp_path / "tests" / "app"
    (project / "tests" / "integration").mkdir(parents=True)
    (project / "pyproject.toml").write_text("")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert not is_checked(str(project / "tests" / "integration" / "helpers.py"), Config())
    assert is_checked(str(project / "app" / "views.py"), Config())
    assert is_checked(str(project / "tests" / "integration" / "helpers.py"), Config(include_tests=True))
    loose = tmp_path / "loose"  # no project root: only the name says test code
    loose.mkdir()
    assert is_checked(str(loose / "views.py"), Config())
    assert not is_checked(str(loose / "test_views.py"), Config())
    write(project, "tests/integration/helpers.py", COOKIE_VIEW)
    write(project, "app/views.py", COOKIE_VIEW)
    done = run_cli("check", str(project), cwd=elsewhere)
    paths = {os.path.relpath(line.split(":")[0], project) for line in done.stdout.splitlines()}
    assert paths == {os.path.join("app", "views.py")}


def test_include_tests_option_values():
    assert Config.from_mapping({"include-tests": True}).include_tests
    assert Config.from_mapping({"include_tests": "yes"}).include_tests
    assert not Config.from_mapping({"include-tests": "false"}).include_tests
    with pytest.raises(ConfigError, match="include-tests: expected true or false"):
        Config.from_mapping({"include-tests": "sometimes"})


def test_cli_skips_tests_and_stubs_unless_asked(tmp_path):
    write(tmp_path, "app/views.py", COOKIE_VIEW)
    write(tmp_path, "app/views.pyi", COOKIE_VIEW)
    write(tmp_path, "tests/test_views.py", COOKIE_VIEW)
    done = run_cli("check", "--isolated", ".", cwd=tmp_path)
    assert {line.split(":")[0] for line in done.stdout.splitlines()} == {os.path.join("app", "views.py")}
    done = run_cli("check", "--isolated", "--include-tests", ".", cwd=tmp_path)
    paths = {line.split(":")[0] for line in done.stdout.splitlines()}
    assert paths == {os.path.join("app", "views.py"), os.path.join("tests", "test_views.py")}
    write(tmp_path, "pyproject.toml", "[tool.fixlint]\ninclude-tests = true\n")
    done = run_cli("check", ".", cwd=tmp_path)
    assert os.path.join("tests", "test_views.py") in done.stdout


def test_flake8_skips_tests_unless_asked(tmp_path):
    write(tmp_path, "tests/test_views.py", COOKIE_VIEW)
    assert run_flake8("--isolated", "--select", "SFX", "tests", cwd=tmp_path).stdout == ""
    done = run_flake8("--isolated", "--select", "SFX", "--fixlint-include-tests", "tests", cwd=tmp_path)
    assert "SFX302" in done.stdout


# -- deletions -----------------------------------------------------------------

@pytest.mark.parametrize("call", [
    'resp.set_cookie("sid", "")', 'resp.set_cookie("sid", None)', 'resp.set_cookie("sid")',
    'resp.set_cookie("sid", value="")', 'resp.set_cookie("sid", "v", max_age=0)',
    'resp.set_cookie("sid", "v", max_age=-1)', 'resp.set_cookie("sid", "v", expires=0)',
    'resp.set_cookie("sid", "v", expires="Thu, 01 Jan 1970 00:00:00 GMT")',
    'resp.set_cookie("sid", "v", expires=datetime.datetime(2001, 1, 1))',
    'resp.set_cookie("sid", "v", expires=datetime.datetime.fromtimestamp(0))',
    'resp.headers["Set-Cookie"] = "sid=; Path=/"',
    'resp.headers["Set-Cookie"] = "sid=v; Max-Age=0"',
    'resp.headers["Set-Cookie"] = "sid=v; Expires=Thu, 01 Jan 1970 00:00:00 GMT"',
])
def test_a_cookie_deletion_has_no_cookie_findings(call):
    source = COOKIE_VIEW.replace('resp.set_cookie("sid", "v")', call).replace(
        "from flask", "import datetime\n    from flask")
    assert lint(source, config=Config(), codes={"SFX301", "SFX302", "SFX303", "SFX304"}) == []


@pytest.mark.parametrize("call", [
    'resp.set_cookie("sid", "v", max_age=60)', 'resp.set_cookie("sid", "v", expires=future)',
    'resp.set_cookie("sid", value)', 'resp.set_cookie("sid", "v", expires="Thu, 01 Jan 2099 00:00:00 GMT")',
    'resp.set_cookie("sid", **options)',
])
def test_a_cookie_that_lives_is_still_judged(call):
    source = COOKIE_VIEW.replace('resp.set_cookie("sid", "v")', call)
    assert lint(source, codes={"SFX301"}) != [] or "options" in call


# -- one non-sensitive vocabulary ---------------------------------------------------

@pytest.mark.parametrize("name", [
    "preferences", "x-expected-format", "dark-mode", "darkMode", "color_scheme", "sidebar",
    "user_theme", "currency", "cookie_consent", "_flash", "_flash_danger", "toast-message",
])
def test_non_sensitive_cookie_names(name):
    source = COOKIE_VIEW.replace('"sid", "v"', f'"{name}", "v"')
    assert lint(source) == []


@pytest.mark.parametrize("name", ["theme_token", "lang_session", "sid", "auth_prefs", "flash_session"])
def test_a_credential_word_wins_over_a_preference_word(name):
    source = COOKIE_VIEW.replace('"sid", "v"', f'"{name}", "v"')
    assert {code for _, _, code in lint(source)} >= {"SFX301", "SFX302", "SFX303"}


def test_session_keys_share_the_vocabulary():
    for key in ("user_prefs", "user_theme", "member_locale"):
        assert lint(FLASK_LOGIN.replace('"user_id"', f'"{key}"'), codes={"SFX101"}) == []
    source = FLASK_LOGIN.replace('"user_id"', '"customer_ref"')
    assert lint(source, codes={"SFX101"}) != []
    config = Config.from_mapping({"non-sensitive-names": ["customer"]})
    assert lint(source, config=config, codes={"SFX101"}) == []


def test_the_older_option_name_is_still_read():
    assert "ab_bucket" in Config.from_mapping({"non-sensitive-cookies": ["ab_bucket"]}).non_sensitive_names


# -- SFX305 and Domain ---------------------------------------------------------------

def test_host_prefix_advice_respects_domain():
    source = COOKIE_VIEW.replace('"sid", "v"', '"sid", "v", domain="example.com"')
    [message] = [m for m in messages(source, rules=select_rules(select=["SFX305"]))]
    assert "__Secure-sid" in message and "__Host-" not in message.replace("which __Host- forbids", "")
    secure = COOKIE_VIEW.replace('"sid", "v"', '"__Secure-sid", "v", domain="example.com"')
    assert messages(secure, rules=select_rules(select=["SFX305"])) == []
    plain = messages(COOKIE_VIEW, rules=select_rules(select=["SFX305"]))
    assert plain == ["SFX305 session cookie 'sid' lacks the __Host- prefix; rename it to '__Host-sid' (Flask)"]


def test_host_prefix_advice_respects_a_domain_it_cannot_read_and_a_narrower_path():
    # A domain from the configuration may be set; a refresh token scoped to a path cannot be __Host-.
    sfx305 = select_rules(select=["SFX305"])
    for options, why in (('domain=settings.COOKIE_DOMAIN', "it may set a domain"),
                         ('path="/api/auth"', "it sets path '/api/auth'")):
        [message] = messages(COOKIE_VIEW.replace('"sid", "v"', f'"sid", "v", {options}'), rules=sfx305)
        assert f"'__Secure-sid' ({why}, which __Host- forbids)" in message or (
            f"lacks the __Secure- prefix ({why}, which __Host- forbids); rename it to '__Secure-sid'" in message), message
        assert messages(COOKIE_VIEW.replace('"sid", "v"', f'"__Secure-sid", "v", {options}'), rules=sfx305) == []
    root = messages(COOKIE_VIEW.replace('"sid", "v"', '"sid", "v", path="/"'), rules=sfx305)
    assert root == ["SFX305 session cookie 'sid' lacks the __Host- prefix; rename it to '__Host-sid' (Flask)"]


# -- SFX101 severity per backend -----------------------------------------------------

def _sfx101(source, filename="app.py", config=None):
    return [f for f in findings(source, filename, config) if f.code == "SFX101"]


def test_signed_cookie_sessions_rate_medium_and_say_what_carries_over():
    [flask] = _sfx101(FLASK_LOGIN)
    assert flask.severity == "medium"
    assert "[medium: signed-cookie session" in flask.message and "stays anonymous" in flask.message
    assert "becomes signed in" not in flask.message


def test_server_side_sessions_rate_high():
    [django] = _sfx101(DJANGO_LOGIN, "views.py")
    assert django.severity == "high" and "[high: server-side session" in django.message
    flask_session = FLASK_LOGIN.replace("app = Flask(__name__)", "app = Flask(__name__)\n    Session(app)").replace(
        "from flask import", "from flask_session import Session\n    from flask import")
    [server] = _sfx101(flask_session)
    assert server.severity == "high"


def test_django_signed_cookies_engine_rates_medium():
    signed = DJANGO_LOGIN + '\nSESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"\n'
    assert [f.severity for f in _sfx101(signed, "views.py")] == ["medium"]
    config = Config.from_mapping({"session-backends": ["django-signed-cookies"]})
    assert [f.severity for f in _sfx101(DJANGO_LOGIN, "views.py", config)] == ["medium"]


def test_severity_reaches_json_and_sarif(tmp_path):
    write(tmp_path, "flask_app.py", FLASK_LOGIN)
    write(tmp_path, "views.py", DJANGO_LOGIN)
    done = run_cli("check", "--isolated", "--select", "SFX101", "--format", "json", ".", cwd=tmp_path)
    by_path = {f["path"]: f["severity"] for f in json.loads(done.stdout)["findings"]}
    assert by_path == {"flask_app.py": "medium", "views.py": "high"}
    done = run_cli("check", "--isolated", "--select", "SFX101", "--format", "sarif", ".", cwd=tmp_path)
    results = json.loads(done.stdout)["runs"][0]["results"]
    rated = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]:
             (r["level"], r["properties"]["security-severity"]) for r in results}
    assert rated == {"flask_app.py": ("warning", "5.4"), "views.py": ("error", "8.1")}


# -- names escaped -------------------------------------------------------------------

def test_the_escape_helpers():
    assert quoted("bad\r\nname") == "'bad\\r\\nname'"
    assert escaped("sid\u202e\x1b[31m") == "sid\\u202e\\x1b[31m"
    assert escaped("café ü") == "café ü"
    assert one_line("a\nb\u2028c") == "a\\nb\\u2028c"


def test_a_cookie_name_with_a_newline_stays_on_one_line_in_every_output(tmp_path):
    source = COOKIE_VIEW.replace('"sid", "v"', '"sid\\r\\n\\u2028\\x1b[2J", "v"')
    write(tmp_path, "app.py", source)
    flake8 = run_flake8("--isolated", "--select", "SFX", "app.py", cwd=tmp_path).stdout
    cli = run_cli("check", "--isolated", "--extend-select", "SFX305", "app.py", cwd=tmp_path).stdout
    for text in (flake8, cli):
        lines = text.splitlines()
        assert len(lines) == 4 and all(line.startswith("app.py:5:") for line in lines), text
        assert "\x1b" not in text and "\u2028" not in text and "\r" not in text
