"""Per-file guards: an analysis skips files whose text cannot hold one of
its facts — and only those."""

from __future__ import annotations

from fixlint.analysis.session_id_facts import SessionIdAnalysis
from fixlint.config import Config

from .helpers import lint


def test_session_id_analysis_skips_request_code_that_names_no_session_id():
    text = "from flask import request\n\ndef page():\n    return request.args.get('page')\n"
    assert not SessionIdAnalysis.wanted(text, Config())


def test_session_id_analysis_runs_where_a_session_id_or_token_is_named():
    for text in ("sid = request.args['sid']", "x = request.cookies.get('user')",
                 "def make_token(): ...", "SessionStore(session_key=k)"):
        assert SessionIdAnalysis.wanted(text.lower(), Config()), text


def test_configured_session_id_name_is_found_in_camel_case():
    # The text says "userkey", never "user_key": the guard looks for the
    # configured name's words.
    config = Config(session_id_names=("user_key",))
    assert SessionIdAnalysis.wanted("userkey = 1", config)
    source = """
    import random
    from flask import request

    def newUserKey():
        return str(random.random())
    """
    assert lint(source, config=config, codes={"SFX204"}) == [(5, 16, "SFX204")]


def test_configured_name_alone_is_enough_without_any_request_code():
    # Nothing here says request, session, token or cookie: the configured
    # name is the only reason to look (the origin tracer it needs has no
    # guard of its own, so it cannot veto).
    config = Config(session_id_names=("user_key",))
    source = """
    import random

    def newUserKey():
        return str(random.random())
    """
    assert lint(source, config=config, codes={"SFX204"}) == [(4, 16, "SFX204")]


# -- words of names: `sid` and `token` ----------------------------------------

from hypothesis import given, strategies as st  # noqa: E402

from fixlint.analysis.base import GuardText, has_name, has_word, word_patterns  # noqa: E402
from fixlint.frameworks import words  # noqa: E402


def test_sid_counts_only_as_a_word_of_a_name():
    # In a web module (a short name such as `sid` counts only there, or
    # where a request can be read: see test_session_id_guard.py).
    web = "from flask import request\n"
    for text in ("consider = inside + outside", "residual = 1", "SIDE = 2", "Sidebar()", "obsidian"):
        assert not SessionIdAnalysis.wanted(GuardText(web + text), Config()), text
    for text in ("sid = 1", "user_sid = 1", "userSid = 1", "SID_KEY = 1", "sid2 = 1", "x.sid = 1",
                 "request.args['sid']", "XSid = 1"):
        assert SessionIdAnalysis.wanted(GuardText(web + text), Config()), text
        assert has_word(GuardText(text), "sid"), text
    for text in ("make_token()", "authToken = 1", "TOKEN = 1"):
        assert has_word(GuardText(text), "token"), text


def test_a_plain_lower_cased_text_falls_back_to_substrings():
    # Without the text as written, `usersid` may have been `userSid`.
    assert has_word("usersid = 1", "sid")
    assert has_word("consider", "sid")
    assert not has_word(GuardText("consider"), "sid")


_PIECES = st.sampled_from(["sid", "Sid", "SID", "sId", "token", "Token", "TOKEN", "con", "X", "ab", "AB", "Ab", "aB",
                           "e", "_", "2", ".", " ", "x"])


@given(st.lists(_PIECES, max_size=8).map("".join))
def test_word_pattern_agrees_with_the_words_of_every_name(text):
    names = [n for n in __import__("re").findall(r"[A-Za-z0-9_]+", text)]
    for word in ("sid", "token"):
        expected = any(word in words(name) for name in names)
        found = any(p.search(text) is not None for p in word_patterns(word))
        assert found == expected, (word, text)


def test_a_file_no_rule_can_judge_is_not_parsed(tmp_path, monkeypatch):
    from fixlint import runner
    from fixlint.rules import all_rules

    parsed = []
    real = runner.parse_source
    monkeypatch.setattr(runner, "parse_source", lambda text, path: parsed.append(path) or real(text, path))
    (tmp_path / "plain.py").write_text("def consider(inside):\n    return sorted(inside)\n")
    (tmp_path / "app.py").write_text("from flask import session\n")
    for name in ("plain.py", "app.py"):
        result = runner.check_file(str(tmp_path / name), Config(), all_rules())
        assert result.errors == [] and result.findings == []
    assert parsed == [str(tmp_path / "app.py")]


# -- exact names: Django's MIDDLEWARE setting -----------------------------------

def test_cookie_analysis_wants_the_middleware_setting_not_every_middleware_class():
    from fixlint.analysis.cookies import CookieAnalysis

    for text in ("class LocaleMiddleware:\n    pass\n", "MIDDLEWARE_CLASSES = []\n", "from x import middleware\n"):
        assert not CookieAnalysis.wanted(GuardText(text), Config()), text
    for text in ("MIDDLEWARE = ['x']\n", "from starlette.middleware.sessions import SessionMiddleware as SM\n",
                 "from starsessions import SessionMiddleware\n", "resp.set_cookie('a', 'b')\n"):
        assert CookieAnalysis.wanted(GuardText(text), Config()), text


def test_a_settings_module_told_by_its_middleware_setting_alone_is_still_checked():
    source = """
    MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
    """
    assert lint(source, filename="settings.py", codes={"SFX302"}) == [(1, 1, "SFX302")]


def test_has_name_matches_the_whole_identifier_only():
    assert has_name(GuardText("MIDDLEWARE = []"), "MIDDLEWARE")
    assert has_name(GuardText("x = settings.MIDDLEWARE"), "MIDDLEWARE")
    assert not has_name(GuardText("MY_MIDDLEWARE = []"), "MIDDLEWARE")
    assert not has_name(GuardText("MIDDLEWARE2 = []"), "MIDDLEWARE")
    assert not has_name(GuardText("middleware = []"), "MIDDLEWARE")
    assert has_name("middleware = []", "MIDDLEWARE")  # lower-cased text: substring


def test_analyses_sharing_a_guard_are_planned_as_if_each_were_asked():
    """plan asks a guard once per file for analyses whose `wanted` is the
    common one with the same keywords, words and names: the plan is the
    one each analysis's own answer gives."""
    from pathlib import Path

    from fixlint.analysis.base import GuardText
    from fixlint.engine import checker
    from fixlint.rules import all_rules

    def one_by_one(rules, config, text):
        wanted = []
        for analysis in checker._needed_analyses(rules):
            if all(dep in wanted for dep in analysis.requires) and analysis.wanted(text, config):
                wanted.append(analysis)
        return checker._drop_unused(wanted, rules)

    rules, root = all_rules(), Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("fixlint/**/*.py"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(root.glob("fixtures/**/*.py"))]
    texts += ["x = 1\n", "login = 1\n", "sid = 1\n", "MIDDLEWARE = []\n"]
    for config in (Config(), Config(login_names=("anmelden",), session_id_names=("user_key",))):
        for selection in (rules, [r for r in rules if r.code.startswith("SFX3")], rules[:2]):
            for text in texts:
                guard = GuardText(text)
                assert checker.plan(selection, config, guard) == one_by_one(selection, config, guard)
    shared = [a for a in checker._needed_analyses(rules) if checker._guard(a) != a]
    assert len({checker._guard(a) for a in shared}) < len(shared)  # some guard is shared: asked once


def test_grouped_keywords_answer_as_one_scan_per_keyword():
    """Analysis.wanted looks for its keywords grouped under the texts many
    of them hold (`sess`, `cookie`...), each asked once per file through the
    GuardText: the answer is any(keyword in text), on every fixture and on
    texts holding one keyword each."""
    from pathlib import Path

    from fixlint.analysis.base import GuardText, _keyword_needles
    from fixlint.engine.checker import _needed_analyses
    from fixlint.selection import select_rules

    keyword_sets = {a.keywords for a in _needed_analyses(select_rules()) if a.keywords}
    assert len(keyword_sets) >= 2
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted((Path(__file__).parent.parent / "fixtures").rglob("*.py"))]
    texts += [f"x = {keyword!r}\n".upper() for keywords in keyword_sets for keyword in keywords]
    texts += ["", "import os\n", "Sess = 1\n"]
    for text in texts:
        guard = GuardText(text)
        for keywords in keyword_sets:
            assert _keyword_needles(keywords).found_in(guard, guard) == any(k in guard for k in keywords), text[:60]
            fresh = GuardText(text)  # a GuardText no needle was asked of yet
            assert _keyword_needles(keywords).found_in(fresh, fresh) == any(k in guard for k in keywords), text[:60]
            assert _keyword_needles(keywords).found_in(text.lower()) == any(k in text.lower() for k in keywords)


def test_the_configured_keywords_are_those_of_the_configuration_asked():
    """The guards keep the last configuration's keywords (a Config is
    frozen): another configuration gets its own."""
    from fixlint.analysis.base import Analysis, GuardText

    class Probe(Analysis):
        keywords = ("not_in_the_text",)

    text = GuardText("portal = 1\n")
    plain, named = Config(), Config(login_names=("portal",))
    for config, expected in ((plain, False), (named, True), (plain, False), (named, True)):
        assert Probe.wanted(text, config) is expected
