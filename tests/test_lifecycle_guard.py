"""The guards of LifecycleAnalysis and IdentityCookieAnalysis
(analysis/lifecycle_guard.py): a file is walked for SFX101/SFX102 when a
function of it can be a login or logout handler, and only then."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from fixlint.analysis import lifecycle_guard
from fixlint.analysis.base import GuardText
from fixlint.analysis.identity_cookies import IdentityCookieAnalysis
from fixlint.analysis.lifecycle import LifecycleAnalysis
from fixlint.config import Config
from fixlint.engine import checker
from fixlint.rules import get_rule

ROOT = Path(__file__).resolve().parent.parent


def _text(source):
    return GuardText(textwrap.dedent(source).lstrip("\n"))


def _planned(source, config=None):
    rules = [get_rule("SFX101"), get_rule("SFX102")]
    return set(checker.plan(rules, config or Config(), _text(source)))


LOGINS = {
    "a login word in the function's name": """
        from flask import session
        def do_signIn():
            session["user_id"] = 1
        """,
    "in the class's name": """
        class SignInView(View):
            def post(self, request):
                request.session["member_id"] = 1
        """,
    "only in the route path": """
        from flask import Flask, session
        app = Flask(__name__)
        @app.route(
            # the form posts here
            r"/accounts/log-in", methods=["POST"])
        def view():
            session["uid"] = 1
        """,
    "only in a registration's path": """
        from django.urls import path
        def acesso(request):
            request.session["uid"] = 1
        urlpatterns = [path(route="entrar/", view=acesso)]
        """,
    "in a router's prefix": """
        router = APIRouter(prefix='/oauth')
        @router.get("/done")
        async def done(request):
            request.session["user"] = 1
        """,
    "a phrase split between a method's name and its class's name": """
        from flask import session
        class InView:
            def log(self):
                session["user_id"] = 1
        """,
    "an imported helper binds (no session word but 'login')": """
        from .auth import remember_user
        def login_page(user):
            remember_user(user)
        """,
    "a credential check by name": """
        def portal(request):
            user = authenticate(request, username=u, password=p)
            request.session["member"] = user.pk
        """,
    "a verify call spread over lines": """
        def portal(request):
            if argon.verify  \\
                    (row.hash, pw):
                request.session["member"] = row.id
        """,
    "a lookup on a password column": """
        def portal(request):
            user = User.query.filter_by(username=u, Senha__exact=p).first()
            session["conta"] = user.id
        """,
    "SQL text filtering on a password": """
        def portal():
            row = cur.execute("SELECT id FROM users WHERE name = ? AND\\npwd\\n= ?", (u, p)).fetchone()
            session["conta"] = row[0]
        """,
    "a password compared by hand": """
        def acesso():
            row = buscar(request.form["usuario"])
            if row["senha"] == request.form["senha"]:
                session["usuario_id"] = row["id"]
        """,
    "Pyramid's sign-in hook": """
        from pyramid.interfaces import ISecurityPolicy
        class Policy:
            def remember(self, request, userid, **kw):
                request.session["auth.userid"] = userid
        """,
}

LOGOUTS = {
    "a logout word": """
        def handle_signOut(request):
            request.session.pop("user_id")
        """,
    "an exit word as the whole name": """
        def sair():
            session.pop("user_id", None)
        """,
    "a signed-out flag": """
        def index():
            session["is" + "_logged_in"] = False
        """,
    "a logout that only calls another module's helper": """
        from .helpers import remove_authorization
        def logout(request):
            remove_authorization(request)
        """,
    "a logout view class that only calls another module's helper": """
        from django.views import View
        from .helpers import remove_authorization
        class SignOutView(View):
            def post(self, request):
                remove_authorization(request)
        """,
    "an exit word as the whole name, calling a helper": """
        from .bantuan import hapus_pengguna
        def keluar(request):
            hapus_pengguna(request)
        """,
    "Pyramid's sign-out hook": """
        import pyramid
        class Policy:
            def forget(self, request, **kw):
                request.session.pop("auth.userid")
        """,
}

NEITHER = {
    "a docstring that mentions the session cookie": '''
        """Preferences kept in the session cookie."""
        def theme(request):
            request.session["theme"] = "dark"
        ''',
    "login only as a decorator and a setting": """
        LOGIN_URL = reverse_lazy("x")
        @login_required
        def profile(request):
            request.session["visits"] = 1
            return render(request, "profile.html")
        """,
    "a login word in a comment": """
        # called after login
        def welcome(request):
            request.session["seen"] = True
        """,
    "a verify keyword and a check call that is no credential check": """
        def fetch(session):
            check_permissions(session.user)
            return session.get(url, verify=False, timeout=1)
        """,
    "a password word and a comparison on different lines": """
        def page(request):
            hint = request.POST.get("senha_dica")
            if request.method == "POST":
                request.session["dica"] = hint
        """,
    "a flag read, not written with a constant": """
        def page(request):
            if request.user.is_authenticated:
                request.session["count"] = request.session.get("count", 0) + 1
        """,
}


@pytest.mark.parametrize("source", LOGINS.values(), ids=list(LOGINS))
def test_a_possible_login_is_walked(source):
    assert LifecycleAnalysis in _planned(source)


@pytest.mark.parametrize("source", LOGOUTS.values(), ids=list(LOGOUTS))
def test_a_possible_logout_is_walked_with_the_identity_cookies(source):
    assert {LifecycleAnalysis, IdentityCookieAnalysis} <= _planned(source)


@pytest.mark.parametrize("source", NEITHER.values(), ids=list(NEITHER))
def test_a_file_with_no_possible_login_or_logout_is_not_walked(source):
    assert not _planned(source) & {LifecycleAnalysis, IdentityCookieAnalysis}


def test_a_login_alone_does_not_walk_the_identity_cookies():
    assert _planned(LOGINS["a login word in the function's name"]) & {LifecycleAnalysis, IdentityCookieAnalysis} == {
        LifecycleAnalysis}


def test_configured_names_move_the_guard():
    source = """
        def portal():
            session["user_id"] = 1
        def depart():
            session.pop("user_id")
        """
    # (`depart`: `leave` beside `user_id` may be the "leave_user" logout of vocabularies' logout_exact)
    assert not _planned(source)
    assert LifecycleAnalysis in _planned(source, Config(login_names=("portal",)))
    assert IdentityCookieAnalysis in _planned(source, Config(logout_names=("depart",)))
    assert IdentityCookieAnalysis not in _planned(source, Config(login_names=("portal",)))


def test_vocabulary_changes_move_the_guard(monkeypatch):
    from fixlint.analysis import lifecycle_guard
    from fixlint.frameworks import auth

    source = """
        def entrada():
            session["user_id"] = 1
        """
    assert not _planned(source)
    lifecycle_guard._vocabulary.cache_clear()
    monkeypatch.setattr(auth, "LOGIN_WORDS", auth.LOGIN_WORDS + ("entrada",))
    try:
        assert LifecycleAnalysis in _planned(source)
    finally:
        lifecycle_guard._vocabulary.cache_clear()


LOGOUT_NAMED = {
    "a word in a function's name": ("def user_LogOut(request):\n    pass\n", True),
    "in a class's name": ("class SignOutView(View):\n    pass\n", True),
    "another language's word": ("async def keluar_app():\n    pass\n", True),
    "a word cut across two names": ("def log():\n    pass\nclass out:\n    pass\n", False),
    "a word only called": ("def view(request):\n    logout(request)\n", False),
    "a word only in a literal": ("URL = 'logout'\ndef view():\n    pass\n", False),
}


@pytest.mark.parametrize(("source", "expected"), LOGOUT_NAMED.values(), ids=list(LOGOUT_NAMED))
def test_a_logout_word_counts_inside_one_def_or_class_name(source, expected):
    """logout_named searches the names all at once: a word must still stand
    inside one of them."""
    assert lifecycle_guard.logout_named(GuardText(source), Config()) is expected
    assert lifecycle_guard.logout_named(source.lower(), Config()) is expected


def test_every_credential_stem_password_column_and_flag_is_still_looked_for():
    """_present skips the needles whose anchor the text does not hold: each
    anchor is in each of its needles, every needle is in one group, and a
    text holding a needle yields it."""
    from fixlint.frameworks import auth

    stems = lifecycle_guard._stems(auth.VERIFY_PREFIXES | auth.CHECK_PREFIXES | auth.VERIFIER_NAMES
                                   | {auth.VERIFY_METHOD})
    for groups, needles in ((lifecycle_guard._STEMS, stems), (lifecycle_guard._COLUMN_STEMS,
                                                             tuple(lifecycle_guard._COLUMNS))):
        assert sorted(n for _, members in groups for n in members) == sorted(needles)
        for anchor, members in groups:
            assert anchor is None or all(anchor in needle for needle in members)
            for needle in members:
                assert needle in set(lifecycle_guard._present(GuardText(f"x = {needle}(1)"), groups))
    flags = [(anchor, [flag.decode() for flag, _ in members]) for anchor, members in lifecycle_guard._FLAGS]
    assert sorted(flag for _, members in flags for flag in members) == lifecycle_guard._FLAG_NAMES
    assert all(anchor is None or all(anchor.decode() in flag for flag in members) for anchor, members in flags)


def test_a_signed_out_flag_is_found_under_its_anchor():
    """A flag grouped under a shorter one (`isloggedin` under `islogged`)
    is still looked for where the shorter one is."""
    for flag in ("isLoggedIn", "is_logged_out", "estaLogado", "logged_in"):
        assert lifecycle_guard._signed_out_flag(GuardText(f"session['{flag}'] = False\n")), flag
    assert not lifecycle_guard._signed_out_flag(GuardText("session['theme'] = False\n"))


def test_a_lower_cased_text_without_the_text_as_written_is_let_in():
    assert LifecycleAnalysis.wanted("def profile(): session['theme'] = 1", Config())
    assert IdentityCookieAnalysis.wanted("def profile(): session['theme'] = 1", Config())


def _findings(source, path, text):
    rules = [get_rule("SFX101"), get_rule("SFX102")]
    tree = ast.parse(source)
    return sorted((f.line, f.col, f.code) for f in checker.check_tree(tree, path, Config(include_tests=True), rules,
                                                                       text).findings)


def test_the_guard_drops_no_finding_of_any_fixture():
    """Every fixture's SFX101/SFX102 findings with the guards are the ones
    without them (text None: every analysis runs), and the guards do skip
    some fixture files."""
    skipped = 0
    for path in sorted(ROOT.glob("fixtures/**/*.py")):
        source = path.read_text(encoding="utf-8")
        try:
            ast.parse(source)
        except SyntaxError:
            continue
        guard = GuardText(source)
        assert _findings(source, str(path), guard) == _findings(source, str(path), None), path
        skipped += LifecycleAnalysis not in checker.plan([get_rule("SFX101")], Config(), guard)
    assert skipped


# Texts on which a guard that tries a pattern again from every occurrence
# of its first letters, or splits a run every way, takes minutes (each is
# about 400 kB: quadratic work is ~10^11 steps), while a linear one answers
# in well under a second. No time is asserted: such a guard hangs the test.
_N = 400_000
HOSTILE = {
    "banner comments between a paren and its literal (sympy's __init__)": (
        "x = (\n    " + "#" * _N + "\n)\nverify " + "#" * _N + "\nsession = 1\n", False, False),
    "a chain of subscript assignments with no constant": (
        "from flask import session\nsession_x " + "] = " * (_N // 4) + "\n", False, False),
    "a run of annotations": ("from flask import session\nsess " + "]:" * (_N // 2) + "\n", False, False),
    "a run of verify stems never called": ("from flask import session\n" + "check_" * (_N // 6) + "\n", False, False),
    "a password column run after where": (
        "from flask import session\nwhere\n" + "password\\n" * (_N // 10), False, False),
    "flags on a long line without quotes": (
        "import flask\nsession\n] = 1\n" + "logged_in " * (_N // 10), False, False),
    "flags on a long line quoted once": (
        "import flask\nsession\n] = 1\n'" + "logged_in " * (_N // 10), False, False),
    "a quoted flag after a long line": (
        "import flask\nsession\nx = " + "logged_in " * (_N // 10) + "\nsession['logged_in'] = False\n",
        False, True),
}


@pytest.mark.parametrize("source, login, logout", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_texts_take_linear_time(source, login, logout):
    text = GuardText(source)
    text.project = None  # the text's own answer: no project helper to wait for
    assert lifecycle_guard.login_possible(text, Config()) is login
    assert lifecycle_guard.logout_possible(text, Config()) is logout


def test_a_call_of_a_verifying_helper_waits_for_the_project_only_where_a_password_is_spelled():
    # `verifies` (project/functions.py) is a project fact: a file that imports and
    # spells a password word may call such a helper, and its plan waits for the model.
    from fixlint.analysis.base import UNKNOWN

    caller = "from accounts import check\ndef enter():\n    session['uid'] = check(request.form['password'])\n"
    text = GuardText(caller)
    assert text.project is UNKNOWN
    assert lifecycle_guard.login_possible(text, Config()) and text.awaits_project
    text = GuardText(caller.replace("password", "code"))
    assert not lifecycle_guard.login_possible(text, Config()) and not text.awaits_project

    class Facts:  # what ProjectFacts says of the helpers the file imports
        def __init__(self, helpers):
            self.helpers = helpers

    for helpers, expected in (({"accounts.check": {"verifies": True}}, True),
                              ({"accounts.check": {"events": [["bind", "flask", "uid"]]}}, False), ({}, False)):
        text = GuardText(caller)
        text.project = Facts(helpers)
        assert lifecycle_guard.login_possible(text, Config()) is expected, helpers


def test_a_logout_module_that_names_nothing_else_is_judged_at_the_helper_call(tmp_path):
    """The module spells no session, login nor cookie word (annotated
    fixtures always do, in their comments): the logout word lets it in."""
    from .helpers import run_cli, write

    write(tmp_path, "manage.py", "")
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, "app/helpers.py", """
        def remove_authorization(request):
            request.session.pop("user_id", None)
        """)
    views = write(tmp_path, "app/views.py", """
        from django.shortcuts import redirect
        from .helpers import remove_authorization


        def logout(request):
            remove_authorization(request)
            return redirect("index")
        """)
    assert "sess" not in views.read_text() and "login" not in views.read_text()
    done = run_cli("check", "--exit-zero", "--no-cache", str(tmp_path))
    assert f"{views}:6:5: SFX102 logout calls remove_authorization()" in done.stdout, done.stdout + done.stderr
