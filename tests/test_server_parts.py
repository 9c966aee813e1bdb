"""The language server's parts that need no client: positions, edits, the
`# noqa` comment, settings — and that nothing else loads the server."""

from __future__ import annotations

import subprocess
import sys

import pytest
from lsprotocol import types

from fixlint import noqa
from fixlint.config import ConfigError
from fixlint.runner import FileError
from fixlint.rules.base import Finding
from fixlint.server import configuration
from fixlint.server.convert import Lines, diagnostic, error_diagnostic, text_edits

from .helpers import ROOT

UTF16 = types.PositionEncodingKind.Utf16


def utf16(text):
    return len(text.encode("utf-16-le")) // 2


def test_the_flake8_plugin_and_the_cli_never_import_the_server():
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pygls', 'lsprotocol', 'cattrs') or m.startswith('fixlint.server')), file=sys.stderr))\n"
        "from {module} import main\n"
        "sys.argv = ['x', *{args!r}]\n"
        "main()\n"
    )
    runs = {
        "flake8.main.cli": ["--select", "SFX", "fixtures/flask/fix_cookies.py"],
        "fixlint.cli": ["check", "fixtures/flask/fix_cookies.py"],
    }
    for module, args in runs.items():
        done = subprocess.run([sys.executable, "-c", probe.format(module=module, args=args)], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert "SFX302" in done.stdout, done.stderr
        assert done.stderr.strip().splitlines()[-1] == "[]", (module, done.stderr)


def test_a_finding_column_in_utf8_bytes_becomes_utf16_units_for_the_client():
    line = 'x = "é😋"; resp.set_cookie("sid", "v")'
    lines = Lines(line + "\n", utf16)
    byte_col = len(line[:line.index("resp")].encode("utf-8"))
    found = diagnostic(Finding(1, byte_col, "SFX302", "m"), lines)
    assert found.range.start == types.Position(0, utf16(line[:line.index("resp")]))
    assert found.range.end == types.Position(0, utf16(line))


def test_a_finding_s_own_severity_sets_its_editor_severity_as_in_sarif():
    from fixlint.rules import get_rule

    lines = Lines("session['uid'] = user.id\n", utf16)
    sfx101 = get_rule("SFX101")
    for severity, shown in (("high", types.DiagnosticSeverity.Error),
                            ("medium", types.DiagnosticSeverity.Warning),
                            (None, types.DiagnosticSeverity.Error)):
        assert diagnostic(Finding(1, 0, "SFX101", "m", severity), lines).severity == shown, severity
        assert sfx101.rating(severity)[0] == {types.DiagnosticSeverity.Error: "error",
                                              types.DiagnosticSeverity.Warning: "warning"}[shown]
    assert diagnostic(Finding(1, 0, "SFX302", "m"), lines).severity == types.DiagnosticSeverity.Warning


def test_lines_are_counted_as_python_counts_them_not_at_form_feeds():
    text = "a = 1\n\x0c\nb = 2  # \u2028 inside a comment\nresp.set_cookie('sid', 'v')\n"
    found = diagnostic(Finding(4, 0, "SFX302", "m"), Lines(text, utf16))
    assert found.range.start.line == 3


def test_a_finding_at_a_line_end_marks_the_line():
    found = diagnostic(Finding(2, 40, "SFX302", "m"), Lines("x = 1\n    settings_line = 1\n", utf16))
    assert (found.range.start.character, found.range.end.character) == (4, len("    settings_line = 1"))


def test_not_analysed_says_why_and_how_much_it_matters():
    lines = Lines("def f(:\n", utf16)
    syntax = error_diagnostic(FileError(1, 6, "syntax error: invalid syntax (parsed as Python 3.11)"), lines)
    assert syntax.severity == types.DiagnosticSeverity.Information
    assert syntax.message == "not analysed by fixlint: syntax error: invalid syntax (parsed as Python 3.11)"
    timed_out = error_diagnostic(FileError(1, 0, "skipped: not analysed within 1 s (per-file-timeout)"), lines)
    assert timed_out.severity == types.DiagnosticSeverity.Warning


@pytest.mark.parametrize("before, after", [
    ("a\nb\nc\n", "a\nB\nc\n"),
    ("a\nb\nc", "a\nb\nC"),  # an unterminated last line
    ("a\r\nb\r\n", "a\r\nx\r\nb\r\n"),  # an inserted line, CRLF kept
    ("a\n", "a\n"),
])
def test_a_rewrite_is_one_edit_of_the_lines_that_differ(before, after):
    (edit,) = text_edits(before, after, Lines(before, utf16))
    old = before.splitlines(keepends=True)
    start = sum(len(line) for line in old[:edit.range.start.line])
    end = sum(len(line) for line in old[:edit.range.end.line]) + edit.range.end.character
    assert before[:start] + edit.new_text + before[end:] == after
    assert edit.range.start.character == 0


@pytest.mark.parametrize("line, expected", [
    ("resp.set_cookie('sid', 'v')   ", "resp.set_cookie('sid', 'v')  # noqa: SFX302"),
    ("resp.set_cookie('sid', 'v')  # noqa: SFX301", "resp.set_cookie('sid', 'v')  # noqa: SFX301, SFX302"),
    ("x()  # noqa:SFX301 because", "x()  # noqa:SFX301, SFX302 because"),
    ("x()  # noqa", "x()  # noqa"),  # already silenced: nothing to add
])
def test_the_noqa_comment_joins_an_existing_one(line, expected):
    assert noqa.suppression(line, "SFX302") == expected
    if expected != line:
        assert noqa.filter_findings([Finding(1, 0, "SFX302", "m")], expected + "\n") == []


def test_the_noqa_comment_goes_after_a_continued_line_and_outside_strings():
    source = 'x = \\\n    f("""a\nb""")\ny = 1\n'
    assert [noqa.comment_line(source, n) for n in (1, 2, 3, 4)] == [3, 3, 3, 4]


def test_editor_settings_are_checked_like_the_cli_flags():
    assert configuration.client_settings({"select": "SFX3", "ignore": ["sfx302"], "unsafeFixes": True}) == {
        "select": ["SFX3"], "ignore": ["SFX302"], "unsafe-fixes": True}
    with pytest.raises(ConfigError, match="fixlint.extendSelect: unknown rule code"):
        configuration.client_settings({"extendSelect": ["SFX9"]})
    with pytest.raises(ConfigError, match="fixlint.includeTests: expected true or false"):
        configuration.client_settings({"includeTests": "yes"})


def test_editor_settings_override_the_pyprojects_selection(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.fixlint]\nselect = ["SFX3"]\nignore = ["SFX301"]\n')
    from_file = configuration.resolve(str(tmp_path), {})
    assert [r.code for r in from_file.rules] == ["SFX302", "SFX303", "SFX304", "SFX305"]
    edited = configuration.resolve(str(tmp_path), {"ignore": [], "extendSelect": ["SFX101"]})
    assert [r.code for r in edited.rules] == ["SFX101", "SFX301", "SFX302", "SFX303", "SFX304", "SFX305"]


def test_test_folders_count_below_the_workspace_folder_only(tmp_path):
    default = configuration.resolve(str(tmp_path), {})
    root = tmp_path / "test" / "project"
    assert configuration.skipped_as_test(str(root / "tests" / "views.py"), default, str(root))
    assert configuration.skipped_as_test(str(root / "app" / "test_views.py"), default, str(root))
    assert not configuration.skipped_as_test(str(root / "app" / "views.py"), default, str(root))
    included = configuration.resolve(str(tmp_path), {"includeTests": True})
    assert not configuration.skipped_as_test(str(root / "tests" / "views.py"), included, str(root))


def test_settings_are_read_again_when_the_pyproject_changes(tmp_path):
    cache = configuration.Cache()
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.fixlint]\nselect = ["SFX302"]\n')
    assert [r.code for r in cache.get(str(tmp_path), {}).rules] == ["SFX302"]
    pyproject.write_text('[tool.fixlint]\nselect = ["SFX303", "SFX304"]\n')
    assert [r.code for r in cache.get(str(tmp_path), {}).rules] == ["SFX303", "SFX304"]


def test_the_server_reads_the_flake8_section_as_the_cli_does(tmp_path):
    """One loader: the rules and options `fixlint check` run in the folder
    would use, from [flake8] in setup.cfg (fixlint-<option> included)."""
    from fixlint.cli import build_parser
    from fixlint.layered_settings import gather

    (tmp_path / "setup.cfg").write_text(
        "[flake8]\nselect = E,SFX3\nextend-ignore = SFX301\nfixlint-include-tests = true\n"
        "fixlint-non-sensitive-names = theme,banner\n")
    server = configuration.resolve(str(tmp_path), {})
    cli = gather(build_parser().parse_args(["check", "."]), cwd=str(tmp_path))
    assert [r.code for r in server.rules] == [r.code for r in cli.rules()] == ["SFX302", "SFX303", "SFX304", "SFX305"]
    assert server.include_tests and server.config.include_tests
    assert server.config == cli.config
    assert server.sources == (str(tmp_path / "setup.cfg"),)


def test_settings_are_read_again_when_the_flake8_file_changes(tmp_path):
    cache = configuration.Cache()
    flake8 = tmp_path / ".flake8"
    flake8.write_text("[flake8]\nselect = SFX302\n")
    assert [r.code for r in cache.get(str(tmp_path), {}).rules] == ["SFX302"]
    flake8.write_text("[flake8]\nselect = SFX303,SFX304\n")
    assert [r.code for r in cache.get(str(tmp_path), {}).rules] == ["SFX303", "SFX304"]


def _readme_block(name):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(f"<!-- lsp-{name}:start -->")[1].split(f"<!-- lsp-{name}:end -->")[0]
    return block.strip().split("\n", 1)[1].rsplit("```", 1)[0]


def test_the_readmes_editor_snippets_are_valid_and_start_fixlint_server():
    import json
    import tomllib

    vscode = json.loads(_readme_block("vscode"))
    assert (vscode["glspc.server.command"], vscode["glspc.server.commandArguments"]) == ("fixlint", ["server"])
    assert vscode["editor.codeActionsOnSave"] == {"source.fixAll.fixlint": "explicit"}
    helix = tomllib.loads(_readme_block("helix"))
    assert (helix["language-server"]["fixlint"]["command"], helix["language-server"]["fixlint"]["args"]) == (
        "fixlint", ["server"])
    assert "fixlint" in helix["language"][0]["language-servers"]
    sublime = json.loads(_readme_block("sublime"))
    assert sublime["clients"]["fixlint"]["command"] == ["fixlint", "server"]
    zed = json.loads(_readme_block("zed"))
    assert "fixlint" in zed["languages"]["Python"]["language_servers"]
    assert 'cmd = { "fixlint", "server" }' in _readme_block("neovim")
    # Every settings key the snippets use is one the server reads.
    for settings in (vscode["glspc.server.initializationOptions"]["fixlint"],
                     helix["language-server"]["fixlint"]["config"]["fixlint"],
                     zed["lsp"]["fixlint"]["settings"]["fixlint"]):
        assert set(settings) <= set(configuration.CLIENT_KEYS)


def _debounced_server(monkeypatch, took=0.0):
    """A FixlintServer without a client, recording when it checks."""
    from fixlint.server.app import FixlintServer

    server = FixlintServer(debounce=0.5)
    checks = []
    monkeypatch.setattr(server, "check_now", lambda uri: (server.pending.pop(uri, None), checks.append(uri)))
    server.took["file:///a.py"] = took
    return server, checks


def test_edits_are_debounced_at_both_edges(monkeypatch):
    import asyncio

    async def burst():
        server, checks = _debounced_server(monkeypatch)
        server.edit("file:///a.py")  # the first edit after a quiet spell: at once...
        assert checks == []
        await asyncio.sleep(0)  # ...once the messages already read are handled
        assert checks == ["file:///a.py"]
        for _ in range(5):  # a burst: one check, after the spell
            server.edit("file:///a.py")
            await asyncio.sleep(0.01)
        assert checks == ["file:///a.py"]
        await asyncio.sleep(1.0)
        assert checks == ["file:///a.py"] * 2

    asyncio.run(burst())


def test_edits_that_queued_up_during_a_check_are_checked_once_on_the_last_text(monkeypatch):
    """The edits an editor sent while a check ran are read together and
    handled before any task runs: the first one's check, at once, reads
    the buffer as the last one left it; none is checked again after it."""
    import asyncio

    async def queued():
        server, checks = _debounced_server(monkeypatch)
        for _ in range(3):
            server.edit("file:///a.py")
        assert checks == [] and "file:///a.py" in server.pending
        await asyncio.sleep(0)
        assert checks == ["file:///a.py"] and not server.pending and not server.first_edge
        server.edit("file:///a.py")  # within the spell after them: waits for the spell
        await asyncio.sleep(0)
        assert checks == ["file:///a.py"]
        await asyncio.sleep(1.0)
        assert checks == ["file:///a.py"] * 2
        await asyncio.sleep(1.0)
        assert checks == ["file:///a.py"] * 2

    asyncio.run(queued())


def test_after_a_slow_check_the_quiet_spell_is_as_long_as_it_took(monkeypatch):
    from fixlint.server.app import MAX_QUIET

    server, _ = _debounced_server(monkeypatch, took=1.2)
    assert server._quiet("file:///a.py") == 1.2
    server.took["file:///a.py"] = 30.0
    assert server._quiet("file:///a.py") == MAX_QUIET
    server.took["file:///a.py"] = 0.1
    assert server._quiet("file:///a.py") == 0.5


def test_a_buffer_over_max_file_size_is_skipped_as_the_cli_skips_the_file(tmp_path):
    from fixlint.server import linting

    (tmp_path / "pyproject.toml").write_text('[tool.fixlint]\nmax-file-size = "1k"\n')
    settings = configuration.resolve(str(tmp_path), {})
    source = "resp.set_cookie('sid', 'v')\n"
    assert linting.check(source, "app.py", settings).errors == []
    big = source + "# é\n" * 400
    (error,) = linting.check(big, "app.py", settings).errors
    assert error.message == f"skipped: {len(big.encode()):,} bytes, more than max-file-size (1,024 bytes)"
    assert linting.plans(big, "app.py", settings).plans == [] and linting.fix_all(big, "app.py", settings) is None


def test_a_finding_on_a_line_an_edit_left_alone_keeps_its_diagnostic_and_the_others_are_made_afresh():
    from fixlint.server.app import FixlintServer

    server, uri = FixlintServer(), "file:///a.py"
    before = "a = 1\nresp.set_cookie('sid', v)\nresp.set_cookie('sid', w)\n"
    after = "a = 1\nresp.set_cookie('sid', v)  # é\nresp.set_cookie('sid', w)\n"
    findings = [Finding(2, 0, "SFX301", "cookie 'sid' ..."), Finding(3, 5, "SFX302", "cookie 'sid' ...")]
    first = server._diagnostics(uri, findings, Lines(before, utf16))
    assert first == [diagnostic(f, Lines(before, utf16)) for f in findings]
    moved = [findings[0], findings[1]._replace(line=4)]  # line 3 is now line 4: out of range, made afresh
    second = server._diagnostics(uri, moved, Lines(after, utf16))
    assert second == [diagnostic(f, Lines(after, utf16)) for f in moved]
    assert second[0] is not first[0]  # its line changed
    third = server._diagnostics(uri, findings, Lines(after, utf16))
    assert third == [diagnostic(f, Lines(after, utf16)) for f in findings]
    assert third[0] is second[0] and third[1] is not first[1]
    assert server._diagnostics(uri, findings, Lines(after, len)) == [diagnostic(f, Lines(after, len)) for f in findings]


def test_an_edit_that_leaves_the_buffers_summary_alone_reuses_its_project_facts(tmp_path):
    from fixlint.server import linting

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'shop'\n")
    (tmp_path / "config.py").write_text("SESSION_COOKIE_SECURE = True\n")
    path = str(tmp_path / "app.py")
    text = "from flask import Flask, session\n\napp = Flask(__name__)\napp.config.from_object('config')\n"
    memory = linting.Memory()
    linting.forget_projects()
    facts = linting.project_facts(path, text, memory.profiles, memory)
    assert "SESSION_COOKIE_SECURE" in facts.keys
    assert linting.project_facts(path, text + "x = 1\n", memory.profiles, memory) is facts  # the same summary
    changed = text.replace("'config'", "'settings'")
    assert linting.project_facts(path, changed, memory.profiles, memory) == linting.project_facts(path, changed)
    assert "SESSION_COOKIE_SECURE" not in linting.project_facts(path, changed, memory.profiles, memory).keys
    linting.forget_projects()  # a save: the model is built again, the facts computed again
    assert linting.project_facts(path, text, memory.profiles, memory) is not facts
    assert linting.project_facts(path, text, memory.profiles, memory) == facts


class _Writer:
    def __init__(self):
        self.sent = []

    def write(self, data):
        self.sent.append(data)

    def close(self):
        pass


def _messages(sent):
    """The JSON-RPC messages in written bytes, each checked against its Content-Length."""
    import json

    out, data = [], b"".join(sent)
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        fields = dict(line.split(": ", 1) for line in head.decode("ascii").split("\r\n"))
        length = int(fields["Content-Length"])
        assert fields["Content-Type"] == "application/vscode-jsonrpc; charset=utf-8"
        out.append(json.loads(rest[:length].decode("utf-8")))
        data = rest[length:]
    return out


@pytest.mark.parametrize("version", [7, None])
def test_diagnostics_published_from_their_kept_json_are_the_message_pygls_sends(version):
    """FixlintServer.publish writes the message from each Diagnostic's JSON
    text: the same message (and a right Content-Length) as pygls's own
    notify, for findings made afresh, kept from the last publish, non-ASCII
    ones, and a file error."""
    from fixlint.server.app import FixlintServer

    server, uri = FixlintServer(), "file:///tmp/caf%C3%A9/a.py"
    ours, theirs = _Writer(), _Writer()
    text = "a = 1\nresp.set_cookie('sid', v)  # é ☃\nresp.set_cookie('sid', w)\n"
    findings = [Finding(2, 0, "SFX301", "cookie 'sid' é ..."), Finding(3, 5, "SFX302", 'cookie "sid" \\ ...'),
                Finding(9, 0, "SFX304", "past the end")]
    errors = [FileError(1, 0, "syntax error: 'é'")]
    for turn in range(2):  # the second publish reuses the first one's JSON
        lines = Lines(text, utf16)
        shown = server._shown(uri, findings, lines) + [server._with_json(error_diagnostic(e, lines))
                                                        for e in errors]
        server.protocol.set_writer(ours)
        server.publish(uri, version, shown)
        server.protocol.set_writer(theirs)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[diagnostic(f, lines) for f in findings]
            + [error_diagnostic(e, lines) for e in errors]))
        assert _messages(ours.sent) == _messages(theirs.sent)
        assert len(_messages(ours.sent)) == turn + 1
    assert _messages(ours.sent)[0]["params"]["diagnostics"][0]["message"] == "cookie 'sid' é ..."
    assert ("version" in _messages(ours.sent)[0]["params"]) == (version is not None)


def test_stdin_is_read_in_the_event_loop_only_when_it_is_a_pipe(tmp_path):
    """serve() reads a piped stdin (an editor's) with asyncio, anything else
    as pygls does; the end-to-end tests (tests/test_server.py) talk to the
    server over pipes."""
    import os

    from fixlint.server.app import piped

    read, write = os.pipe()
    try:
        with open(read, "rb", closefd=False) as stream:
            assert piped(stream) == (os.name == "posix")
    finally:
        os.close(read)
        os.close(write)
    with open(tmp_path / "in.txt", "wb") as stream:
        assert not piped(stream)
    assert not piped(object())
