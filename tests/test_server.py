"""`fixlint server` end to end: a real LSP client (pytest-lsp) drives the
server in its own process over stdio, as an editor does."""

from __future__ import annotations

import asyncio
import sys
import textwrap
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcRequestCancelled
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from fixlint.config import Config
from fixlint.fix.fixer import fix_text
from fixlint.lines import physical_lines
from fixlint.runner import check_source
from fixlint.selection import select_rules

pytestmark = pytest.mark.asyncio(loop_scope="function")



def _publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
    client.diagnostics[params.uri] = list(params.diagnostics)
    client.versions[params.uri] = params.version


def _register(client: LanguageClient, params: types.RegistrationParams):
    client.registrations.extend(params.registrations)


def make_client():
    """pytest-lsp's client, also keeping the version each publication
    describes and the capabilities the server registers."""
    client = LanguageClient(converter_factory=default_converter)
    client.versions, client.registrations = {}, []
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _publish
    features[types.CLIENT_REGISTER_CAPABILITY] = _register
    register_lsp_features(client, features)
    return client


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "fixlint", "server"], client_factory=make_client)

LOGIN = '''\
from flask import Flask, redirect, request, session

app = Flask(__name__)


@app.post("/login")
def login():
    user = find_user(request.form["username"])
    if user and user.check_password(request.form["password"]):
        session["user_id"] = user.id
    return redirect("/")
'''
LOGIN_LINE = 9  # 0-based: session["user_id"] = user.id

COOKIES = '''\
from flask import make_response


def view():
    resp = make_response("ok")
    resp.set_cookie("sid", "v")
    resp.set_cookie("token", "v", httponly=False)
    return resp


SECURE_SSL_REDIRECT = True  # HTTPS only: the Secure fix is safe (fixlint.fix.https)
'''


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="project")],
        root_uri=tmp_path.as_uri(),
    ))
    await until(lambda: lsp_client.registrations)  # the server's `initialized` has run
    yield
    await lsp_client.shutdown_session()


# -- helpers -----------------------------------------------------------------

async def published(client, uri, before, version=None, timeout=30.0):
    """The diagnostics the server publishes for `uri` after `before()` (of
    that document `version`, when given: a check of an older text may
    still be on its way)."""
    client.diagnostics.pop(uri, None)
    before()
    deadline = time.monotonic() + timeout
    while uri not in client.diagnostics or version not in (None, client.versions.get(uri)):
        assert time.monotonic() < deadline, f"no diagnostics for {uri} (version {version})"
        await asyncio.sleep(0.01)
    return client.diagnostics[uri]


async def until(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        await asyncio.sleep(0.01)


class Document:
    def __init__(self, client, path, text):
        self.client, self.uri, self.text, self.version = client, path.as_uri(), text, 1

    async def open(self, language="python"):
        item = types.TextDocumentItem(uri=self.uri, language_id=language, version=1, text=self.text)
        return await published(self.client, self.uri, lambda: self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(text_document=item)), version=1)

    async def change(self, text):
        self.text = text
        self.version += 1
        params = types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)])
        return await published(self.client, self.uri, lambda: self.client.text_document_did_change(params),
                               version=self.version)

    async def actions(self, line, diagnostics=(), only=None):
        span = types.Range(types.Position(line, 0), types.Position(line, 0))
        return await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri), range=span,
            context=types.CodeActionContext(diagnostics=list(diagnostics), only=only)))

    async def apply(self, action):
        """Apply a code action's edit as the editor would (resolving it
        first when it comes without); the diagnostics after."""
        if action.edit is None:
            action = await self.client.code_action_resolve_async(action)
        (change,) = action.edit.document_changes
        assert change.text_document.version == self.version  # stale edits are refused by editors
        return await self.change(apply_edits(self.text, change.edits))


def apply_edits(text, edits):
    lines = physical_lines(text, keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(position):  # ASCII test sources: UTF-16 units are characters
        return offsets[min(position.line, len(lines))] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def codes(diagnostics):
    return sorted(d.code for d in diagnostics if d.code)


# -- diagnostics and quick fixes --------------------------------------------------

async def test_a_flask_login_handler_shows_sfx101_and_its_quick_fix_clears_it(client, tmp_path):
    document = Document(client, tmp_path / "auth.py", LOGIN)
    diagnostics = await document.open()
    (found,) = [d for d in diagnostics if d.code == "SFX101"]
    assert found.range.start == types.Position(LOGIN_LINE, 8)
    assert found.range.end == types.Position(LOGIN_LINE, len('        session["user_id"] = user.id'))
    assert found.source == "fixlint"
    assert found.code_description.href.endswith("/docs/rules/SFX101.md")
    # Flask's signed-cookie session: SFX101 rates "medium", a warning (as in SARIF)
    assert found.severity == types.DiagnosticSeverity.Warning
    assert "without regenerating it" in found.message

    offered = await document.actions(LOGIN_LINE, [found])
    titles = [a.title for a in offered]
    assert titles == [
        "fixlint: insert session.clear() (unsafe fix: review the change)",
        "fixlint: suppress SFX101 with # noqa",
        "fixlint: show documentation for SFX101",
    ]
    fix = offered[0]
    assert fix.kind == types.CodeActionKind.QuickFix and not fix.is_preferred
    assert fix.edit is None  # the client resolves it: rewriting costs more than listing

    after = await document.apply(fix)
    assert "SFX101" not in codes(after)
    assert "        session.clear()\n        session[\"user_id\"] = user.id\n" in document.text


HELPERS = '''\
from flask import session


def remember_user(user):
    session["user_id"] = user.id
'''
BLUEPRINT = '''\
from flask import Blueprint, request

from session_helpers import remember_user

bp = Blueprint("auth", __name__)


@bp.post("/login")
def login():
    user = find_user(request.form["username"])
    remember_user(user)
    return "ok"
'''


async def test_the_project_model_follows_a_helper_in_another_module_as_the_cli_does(client, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'shop'\n", encoding="utf-8")
    (tmp_path / "session_helpers.py").write_text(HELPERS, encoding="utf-8")
    document = Document(client, tmp_path / "auth.py", BLUEPRINT)
    (found,) = [d for d in await document.open() if d.code == "SFX101"]
    assert found.range.start == types.Position(10, 4)  # the call: remember_user(user)
    assert "calls remember_user()" in found.message
    # The same buffer without the helper module on disk: nothing to follow.
    (tmp_path / "session_helpers.py").unlink()
    save = types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=document.uri))
    after = await published(client, document.uri, lambda: client.text_document_did_save(save))
    assert "SFX101" not in codes(after)


async def test_a_safe_fix_is_the_preferred_quick_fix(client, tmp_path):
    document = Document(client, tmp_path / "views.py", COOKIES)
    diagnostics = await document.open()
    on_line = [d for d in diagnostics if d.range.start.line == 5]
    assert codes(on_line) == ["SFX301", "SFX302", "SFX303"]
    offered = await document.actions(5, on_line)
    preferred = [a.title for a in offered if getattr(a, "is_preferred", False)]
    assert preferred == ["fixlint: add httponly=True", "fixlint: add secure=True (as SECURE_SSL_REDIRECT = True at line 11)", "fixlint: add samesite='Lax'"]
    after = await document.apply(offered[[a.title for a in offered].index("fixlint: add secure=True (as SECURE_SSL_REDIRECT = True at line 11)")])
    assert codes(d for d in after if d.range.start.line == 5) == ["SFX301", "SFX303"]


async def test_quick_fixes_after_edits_fix_the_edited_text(client, tmp_path):
    """Code actions are planned from the last check's facts: after edits
    that move the code, the fixes land where the findings are now."""
    document = Document(client, tmp_path / "views.py", COOKIES)
    await document.open()
    await document.change(COOKIES.replace("\n\ndef view", "\nMAX_AGE = 3600\n\n\ndef view"))
    moved = document.text.replace('resp.set_cookie("sid", "v")', 'resp.set_cookie("sid", "v", max_age=MAX_AGE)')
    on_line = [d for d in await document.change(moved) if d.range.start.line == 7]
    assert codes(on_line) == ["SFX301", "SFX302", "SFX303"]
    offered = [a.title for a in await document.actions(7, on_line)]
    assert "fixlint: add secure=True (as SECURE_SSL_REDIRECT = True at line 13)" in offered
    (fix,) = [a for a in await document.actions(7, on_line) if a.title == "fixlint: add httponly=True"]
    after = await document.apply(fix)
    assert '    resp.set_cookie("sid", "v", max_age=MAX_AGE, httponly=True)\n' in document.text
    assert codes(d for d in after if d.range.start.line == 7) == ["SFX302", "SFX303"]
    (secure,) = [a for a in await document.actions(7) if a.title.startswith("fixlint: add secure=True")]
    final = await document.apply(secure)
    assert '    resp.set_cookie("sid", "v", max_age=MAX_AGE, httponly=True, secure=True)\n' in document.text
    # What `fixlint check` reports for the final text, no more, no less.
    expected = check_source(str(tmp_path / "views.py"), document.text, Config(), select_rules()).findings
    assert [(d.range.start.line + 1, d.code, d.message) for d in final] == [
        (f.line, f.code, f.message) for f in expected]


async def test_fix_all_applies_the_safe_fixes_as_fixlint_fix_does(client, tmp_path):
    document = Document(client, tmp_path / "views.py", COOKIES)
    await document.open()
    (fix_all,) = await document.actions(0, only=[types.CodeActionKind.Source])
    assert fix_all.kind == "source.fixAll.fixlint"
    after = await document.apply(fix_all)
    expected = fix_text(COOKIES, "views.py", Config(), select_rules(), unsafe=False)
    assert document.text == expected.text
    # Left: what has only an unsafe fix (httponly=False flipped would break scripts reading it).
    assert codes(after) == sorted(finding.code for finding, _ in expected.remaining)


async def test_the_noqa_action_silences_the_finding_where_flake8_looks(client, tmp_path):
    source = LOGIN.replace('session["user_id"] = user.id', 'session["user_id"] = \\\n            user.id')
    document = Document(client, tmp_path / "auth.py", source)
    (found,) = [d for d in await document.open() if d.code == "SFX101"]
    (noqa,) = [a for a in await document.actions(LOGIN_LINE, [found]) if "noqa" in a.title]
    after = await document.apply(noqa)
    assert "SFX101" not in codes(after)
    assert "            user.id  # noqa: SFX101\n" in document.text


async def test_show_documentation_opens_the_rule_page(client, tmp_path):
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="fixlint.showDocumentation", arguments=["SFX302"]))
    assert result.endswith("/docs/rules/SFX302.md")
    assert [d.uri for d in client.shown_documents] == [result]


# -- configuration -------------------------------------------------------------

async def test_changed_editor_settings_republish_the_diagnostics(client, tmp_path):
    document = Document(client, tmp_path / "views.py", COOKIES)
    assert "SFX302" in codes(await document.open())
    client.set_configuration({"ignore": ["SFX302"]}, section="fixlint")
    after = await published(client, document.uri, lambda: client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings=None)))
    assert "SFX302" not in codes(after) and "SFX301" in codes(after)


async def test_a_changed_pyproject_republishes_the_diagnostics(client, tmp_path):
    (watching,) = client.registrations
    assert watching.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert [w["globPattern"] for w in watching.register_options["watchers"]] == [
        "**/pyproject.toml", "**/setup.cfg", "**/tox.ini", "**/.flake8"]
    document = Document(client, tmp_path / "views.py", COOKIES)
    assert "SFX303" in codes(await document.open())
    (tmp_path / "pyproject.toml").write_text('[tool.fixlint]\nselect = ["SFX303"]\n', encoding="utf-8")
    event = types.FileEvent(uri=(tmp_path / "pyproject.toml").as_uri(), type=types.FileChangeType.Created)
    after = await published(client, document.uri, lambda: client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[event])))
    assert set(codes(after)) == {"SFX303"}


async def test_a_flake8_section_is_read_as_the_cli_reads_it_and_a_change_republishes(client, tmp_path):
    """[flake8] in setup.cfg (then a new .flake8, which flake8 and the CLI
    read only when setup.cfg has no [flake8]) selects what is published."""
    (tmp_path / "setup.cfg").write_text("[flake8]\nmax-line-length = 100\nextend-ignore = SFX302,E203\n",
                                        encoding="utf-8")
    document = Document(client, tmp_path / "views.py", COOKIES)
    opened = codes(await document.open())
    assert "SFX302" not in opened and "SFX301" in opened
    (tmp_path / "setup.cfg").write_text("[metadata]\nname = shop\n", encoding="utf-8")
    (tmp_path / ".flake8").write_text("[flake8]\nselect = E,W,SFX303\n", encoding="utf-8")
    events = [types.FileEvent(uri=(tmp_path / "setup.cfg").as_uri(), type=types.FileChangeType.Changed),
              types.FileEvent(uri=(tmp_path / ".flake8").as_uri(), type=types.FileChangeType.Created)]
    after = await published(client, document.uri, lambda: client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=events)))
    assert set(codes(after)) == {"SFX303"}


async def test_a_configuration_error_is_one_honest_diagnostic(client, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.fixlint]\nselect = ["SFX999"]\n', encoding="utf-8")
    diagnostics = await Document(client, tmp_path / "views.py", COOKIES).open()
    (only,) = diagnostics
    assert only.severity == types.DiagnosticSeverity.Error
    assert "SFX999" in only.message and only.message.startswith("configuration error")


async def test_test_code_is_checked_only_with_include_tests(client, tmp_path):
    document = Document(client, tmp_path / "tests" / "test_views.py", COOKIES)
    assert await document.open() == []
    client.set_configuration({"includeTests": True}, section="fixlint")
    after = await published(client, document.uri, lambda: client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings=None)))
    assert "SFX302" in codes(after)


async def test_a_document_a_per_file_ignore_names_gets_no_diagnostics_of_that_code(client, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.fixlint.per-file-ignores]\n"scripts/*.py" = ["SFX302"]\n', encoding="utf-8")
    named = codes(await Document(client, tmp_path / "scripts" / "views.py", COOKIES).open())
    assert "SFX302" not in named and "SFX301" in named
    assert "SFX302" in codes(await Document(client, tmp_path / "views.py", COOKIES).open())


async def test_a_flake8_per_file_ignore_applies_per_document_too(client, tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nper-file-ignores =\n    legacy.py: SFX3\n", encoding="utf-8")
    assert codes(await Document(client, tmp_path / "legacy.py", COOKIES).open()) == []
    assert "SFX301" in codes(await Document(client, tmp_path / "views.py", COOKIES).open())


async def test_an_excluded_path_gets_no_diagnostics(client, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.fixlint]\nexclude = ["migrations/"]\n', encoding="utf-8")
    assert await Document(client, tmp_path / "shop" / "migrations" / "0001_initial.py", COOKIES).open() == []
    assert await Document(client, tmp_path / "build" / "lib" / "views.py", COOKIES).open() == []  # a default
    assert "SFX302" in codes(await Document(client, tmp_path / "shop" / "views.py", COOKIES).open())


async def test_a_flake8_exclude_leaves_the_document_out(client, tmp_path):
    (tmp_path / ".flake8").write_text("[flake8]\nextend-exclude = generated,old_*.py\n", encoding="utf-8")
    assert await Document(client, tmp_path / "generated" / "views.py", COOKIES).open() == []
    assert await Document(client, tmp_path / "old_views.py", COOKIES).open() == []
    assert "SFX302" in codes(await Document(client, tmp_path / "views.py", COOKIES).open())


# -- robustness ------------------------------------------------------------------

async def test_a_syntax_error_keeps_the_server_alive_and_says_so(client, tmp_path):
    document = Document(client, tmp_path / "auth.py", LOGIN)
    assert "SFX101" in codes(await document.open())
    broken = await document.change(LOGIN.replace("def login():", "def login(:"))
    (only,) = broken
    assert only.severity == types.DiagnosticSeverity.Information
    assert only.message.startswith("not analysed by fixlint: syntax error")
    assert only.range.start.line == 6
    assert "SFX101" in codes(await document.change(LOGIN))


async def test_a_burst_of_edits_is_published_for_the_last_text(client, tmp_path):
    document = Document(client, tmp_path / "views.py", COOKIES)
    await document.open()
    for n in range(5):
        document.version += 1
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=document.uri, version=document.version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=COOKIES + f"X = {n}\n")]))
    last = COOKIES.replace('    resp.set_cookie("token", "v", httponly=False)\n', "")
    assert codes(await document.change(last)) == ["SFX301", "SFX302", "SFX303"]


async def test_a_file_past_the_time_limit_is_reported_as_not_analysed(client, tmp_path):
    (tmp_path / "slow").mkdir()
    (tmp_path / "slow" / "pyproject.toml").write_text("[tool.fixlint]\nper-file-timeout = 0.001\n", encoding="utf-8")
    big = COOKIES + "".join(textwrap.dedent(f'''
        def view{n}():
            resp = make_response("ok")
            resp.set_cookie("sid{n}", "v")
            return resp
        ''') for n in range(3000))
    diagnostics = await Document(client, tmp_path / "slow" / "big.py", big).open()
    (only,) = diagnostics
    assert only.message == "not analysed by fixlint: skipped: not analysed within 0.001 s (per-file-timeout)"
    assert only.severity == types.DiagnosticSeverity.Warning
    # Still serving.
    assert "SFX302" in codes(await Document(client, tmp_path / "small.py", COOKIES).open())


async def test_a_cancelled_request_is_answered_and_the_server_keeps_serving(client, tmp_path):
    document = Document(client, tmp_path / "views.py", COOKIES)
    await document.open()
    params = types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=document.uri),
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.Source]))
    answer = client.protocol.send_request(types.TEXT_DOCUMENT_CODE_ACTION, params, msg_id="fix-all-1")
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="fix-all-1"))
    try:  # cancelled if the cancellation arrived before the fixing began, else the actions
        assert [a.kind for a in await asyncio.wrap_future(answer)] == ["source.fixAll.fixlint"]
    except JsonRpcRequestCancelled:
        pass
    assert "SFX302" in codes(await document.change(COOKIES + "\n"))


async def test_an_unsaved_untitled_buffer_is_checked_too(client, tmp_path):
    uri = "untitled:Untitled-1"
    item = types.TextDocumentItem(uri=uri, language_id="python", version=1, text=COOKIES)
    diagnostics = await published(client, uri, lambda: client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=item)))
    assert "SFX302" in codes(diagnostics)


async def test_a_document_in_another_language_is_not_checked(client, tmp_path):
    assert await Document(client, tmp_path / "notes.md", COOKIES).open(language="markdown") == []


async def test_closing_a_document_clears_its_diagnostics(client, tmp_path):
    document = Document(client, tmp_path / "views.py", COOKIES)
    assert await document.open()
    cleared = await published(client, document.uri, lambda: client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=document.uri))))
    assert cleared == []


# -- settings pushed at start-up, and multi-root workspaces -----------------------

@pytest_lsp.fixture(config=SERVER)
async def pushing_client(lsp_client: LanguageClient, tmp_path):
    """A client that cannot answer workspace/configuration (as some
    generic clients): its settings come as initializationOptions."""
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        initialization_options={"fixlint": {"ignore": ["SFX302"]}},
        root_uri=tmp_path.as_uri(),
    ))
    yield
    await lsp_client.shutdown_session()


async def test_settings_given_at_start_up_apply(pushing_client, tmp_path):
    diagnostics = await Document(pushing_client, tmp_path / "views.py", COOKIES).open()
    assert "SFX302" not in codes(diagnostics) and "SFX301" in codes(diagnostics)


async def test_a_client_that_cannot_resolve_actions_gets_their_edits_at_once(pushing_client, tmp_path):
    document = Document(pushing_client, tmp_path / "views.py", COOKIES)
    await document.open()
    offered = await document.actions(5, only=[types.CodeActionKind.QuickFix, types.CodeActionKind.Source])
    fixes = [a for a in offered if getattr(a, "data", None) is not None]
    assert [a.title for a in fixes] == ["fixlint: add httponly=True", "fixlint: add samesite='Lax'",
                                        "fixlint: fix all auto-fixable findings"]
    assert all(a.edit is not None for a in fixes)
    # Asked again at the same version (the cursor moved): the same edits (kept, not rewritten again).
    again = await document.actions(5, only=[types.CodeActionKind.QuickFix, types.CodeActionKind.Source])
    assert [a.edit for a in again if getattr(a, "data", None) is not None] == [a.edit for a in fixes]
    assert "SFX301" not in codes(d for d in await document.apply(fixes[0]) if d.range.start.line == 5)
    # After the edit, the fixes are those of the new text.
    offered = await document.actions(5, only=[types.CodeActionKind.QuickFix])
    (samesite,) = [a for a in offered if a.title == "fixlint: add samesite='Lax'"]
    await document.apply(samesite)
    assert '    resp.set_cookie("sid", "v", httponly=True, samesite="Lax")\n' in document.text


@pytest_lsp.fixture(config=SERVER)
async def two_folders(lsp_client: LanguageClient, tmp_path):
    for name in ("shop", "admin"):
        (tmp_path / name).mkdir()
    (tmp_path / "shop" / "pyproject.toml").write_text('[tool.fixlint]\nselect = ["SFX303"]\n', encoding="utf-8")
    lsp_client.set_configuration({"ignore": ["SFX301"]}, section="fixlint", scope_uri=(tmp_path / "admin").as_uri())
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(uri=(tmp_path / name).as_uri(), name=name)
                           for name in ("shop", "admin")],
    ))
    await until(lambda: lsp_client.registrations)
    yield
    await lsp_client.shutdown_session()


async def test_each_folder_of_a_multi_root_workspace_has_its_own_configuration(two_folders, tmp_path):
    shop = Document(two_folders, tmp_path / "shop" / "views.py", COOKIES)
    admin = Document(two_folders, tmp_path / "admin" / "views.py", COOKIES)
    await shop.open()
    await admin.open()
    # A document opened before the server's workspace/configuration request is answered is
    # checked with the settings pushed so far, and again once the answer comes (app.initialized):
    # on a loaded machine the first diagnostics may be those. The final ones are the folder's.
    await until(lambda: set(codes(two_folders.diagnostics[shop.uri])) == {"SFX303"})  # its pyproject.toml
    await until(lambda: set(codes(two_folders.diagnostics[admin.uri])) == {"SFX302", "SFX303"})  # its editor settings
