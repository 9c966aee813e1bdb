"""The language server: LSP over stdio on pygls.

Documents are checked from the editor's buffer, saved or not: at once when
opened or saved, and on edits debounced at both edges: the first edit after
a quiet spell is checked at once (once the messages already read are
handled, so that edits that queued up during a check cost one check, of the
last text), and edits that follow it within the spell
wait until the spell has passed without one (each restarts it), so a burst
of typing costs two checks, the last on the final text. The spell is
DEBOUNCE; after a check that took longer than SLOW, it is as long as that
check took (up to MAX_QUIET), so that typing in a file that takes a second
to check leaves the server time to answer between checks.

Every check runs in the event loop's own thread (the main thread), under
the CLI's per-file time limit, which needs SIGALRM there. Messages that
arrive meanwhile wait; a check always reads the buffer as it is when it
starts, and its diagnostics carry the document version they describe.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import os
import stat
import sys
import threading
import time

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__, timelimit
from ..engine import collector
from ..docs import rule_docs_url
from ..fix.edits import SAFE, UNSAFE
from . import actions, linting
from .configuration import CONFIGURATION_FILES, Cache, excluded, for_document, skipped_as_test
from .convert import Lines, diagnostic, error_diagnostic

log = logging.getLogger(__name__)

DEBOUNCE = 0.02  # seconds without an edit before a changed buffer is checked
SLOW = 0.5  # a check slower than this makes the next quiet spell as long as it took...
MAX_QUIET = 2.0  # ...up to this
LANGUAGES = ("python", "", None)  # documents of other languages a client may send are not checked
SECTION = "fixlint"
WATCHED = tuple(f"**/{name}" for name in CONFIGURATION_FILES)  # where [tool.fixlint] and [flake8] live
_CONTENT_TYPE = "application/vscode-jsonrpc; charset=utf-8"  # as pygls's JsonRPCProtocol sends it


class FixlintServer(LanguageServer):
    def __init__(self, debounce=DEBOUNCE):
        super().__init__("fixlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.pushed = {}  # `fixlint` settings from initializationOptions / didChangeConfiguration
        self.pulled = {}  # workspace folder URI (or "") -> `fixlint` settings from workspace/configuration
        self.settings = Cache()
        # path -> (its folder's Settings, its own: per-file-ignores applied, whether it is left out:
        # test code or excluded), as long as the folder's Settings stay the same
        self.documents = {}
        self.pending = {}  # URI -> the debounced check's task
        self.first_edge = set()  # the pending tasks that check an edit after a quiet spell, at once
        self.checked = {}  # URI -> (version, Checked) last published
        self.took = {}  # URI -> seconds its last check took
        self.memory = {}  # URI -> linting.Memory: what its last check leaves for the next
        self.edited = {}  # URI -> when its last edit arrived (time.monotonic())
        # URI -> (the client's unit counter, {(Finding, its line's text): (Diagnostic, its JSON)})
        # of the last publish
        self.shown = {}
        # URI -> (version, Settings, {Finding: Plan}, {action key: its edit or None}) of the last code actions
        self.planned = {}
        self.shown_errors = set()  # configuration errors already shown in a message

    # -- settings -------------------------------------------------------------

    def _folder_of(self, path):
        """The URI and path of the workspace folder holding `path` (the
        innermost one in a multi-root workspace), or ("", None)."""
        best = ("", None)
        for folder in self.workspace.folders.values():
            root = to_fs_path(folder.uri)
            if root and path and (path == root or path.startswith(root.rstrip(os.sep) + os.sep)):
                if best[1] is None or len(root) > len(best[1]):
                    best = (folder.uri, root)
        if best[1] is None and self.workspace.root_path and path:
            root = self.workspace.root_path
            if path.startswith(root.rstrip(os.sep) + os.sep):
                best = (self.workspace.root_uri or "", root)
        return best

    def settings_for(self, path):
        """(Settings, workspace root path or None) for a document path: its
        folder's, with the codes per-file-ignores drops for it left out."""
        folder_uri, root = self._folder_of(path)
        # Pulled settings (per folder, else global) refine the pushed ones: a
        # client answering `{}` for a section it does not know keeps them.
        raw = {**self.pushed, **self.pulled.get("", {}), **self.pulled.get(folder_uri, {})}
        directory = os.path.dirname(path) if path else (root or os.getcwd())
        settings = self.settings.get(directory, raw)
        known = self.documents.get(path)
        if known is None or known[0] is not settings:
            left_out = bool(path) and (skipped_as_test(path, settings, root) or excluded(path, settings, root))
            known = self.documents[path] = (settings, for_document(settings, path), left_out)
        return known[1], root

    def left_out(self, path):
        """Whether `fixlint check` in the workspace folder would not check
        the document at `path` (test code, an excluded path); after
        settings_for(path)."""
        return self.documents[path][2]

    async def pull_settings(self):
        """Ask the client for the `fixlint` section of each workspace folder
        (workspace/configuration), when it can answer."""
        capabilities = self.client_capabilities.workspace
        if not (capabilities and capabilities.configuration):
            return
        scopes = [""] + [folder.uri for folder in self.workspace.folders.values()]
        items = [types.ConfigurationItem(scope_uri=scope or None, section=SECTION) for scope in scopes]
        try:
            answer = await self.workspace_configuration_async(types.ConfigurationParams(items=items))
        except Exception as exc:  # noqa: BLE001 - a client that fails here still gets pushed settings
            log.warning("workspace/configuration failed: %s", exc)
            return
        self.pulled = {scope: value for scope, value in zip(scopes, answer or ()) if isinstance(value, dict)}

    def settings_changed(self):
        self.settings.clear()
        self.documents.clear()
        self.shown_errors.clear()
        for uri in list(self.workspace.text_documents):
            self.check_now(uri)

    # -- checking -------------------------------------------------------------

    @staticmethod
    def document_path(document):
        """The file a document is, or None (an unsaved `untitled:` buffer)."""
        return to_fs_path(document.uri) if document.uri.startswith("file:") else None

    def check_now(self, uri):
        """Check the document's current text and publish the diagnostics.
        The garbage collector waits until they are sent: a collection
        after a check walks all it allocated (engine.collector)."""
        with collector.paused():
            return self._check_now(uri)

    def _check_now(self, uri):
        task = self.pending.pop(uri, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        path = self.document_path(document)
        settings, _ = self.settings_for(path)
        text, version = document.source, document.version
        started = time.perf_counter()
        if document.language_id not in LANGUAGES or self.left_out(path):
            checked = linting.Checked([], [])
        else:
            memory = self.memory.get(uri)
            if memory is None:
                memory = self.memory[uri] = linting.Memory()
            checked = linting.check(text, path or "untitled.py", settings, memory)
        self.took[uri] = time.perf_counter() - started
        if settings.error and settings.error not in self.shown_errors:
            self.shown_errors.add(settings.error)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                             message=f"fixlint: {settings.error}"))
        self.checked[uri] = (version, checked)
        lines = Lines(text, document.position_codec.client_num_units)
        shown = self._shown(uri, checked.findings, lines)
        shown += [self._with_json(error_diagnostic(e, lines)) for e in checked.errors]
        self.publish(uri, version, shown)
        memory = self.memory.get(uri)
        if memory is not None:
            memory.tidy()  # the last check's facts, released once the editor has the diagnostics
        return checked

    def _diagnostics(self, uri, findings, lines):
        """The findings as Diagnostics (see _shown)."""
        return [made for made, _ in self._shown(uri, findings, lines)]

    def _shown(self, uri, findings, lines):
        """The findings as (Diagnostic, its JSON text). A Diagnostic depends
        on its finding and the text of its line only: one whose line an
        edit left alone is the one published last time, JSON included (an
        edit changes a few of a file's findings, and building and
        serialising a Diagnostic is not free)."""
        units, before = self.shown.get(uri, (None, {}))
        if units != lines.units:
            before = {}
        shown, out = {}, []
        for finding in findings:
            index = finding.line - 1
            key = (finding, lines.lines[index]) if 0 <= index < len(lines.lines) else None
            made = before.get(key) if key is not None else None
            if made is None:
                made = self._with_json(diagnostic(finding, lines))
            if key is not None:
                shown[key] = made
            out.append(made)
        self.shown[uri] = (lines.units, shown)
        return out

    def _with_json(self, made):
        """(a Diagnostic, its JSON text as pygls would send it)."""
        converter = getattr(self.protocol, "_converter", None)  # pygls's own, with its hooks
        if converter is None:
            from pygls.protocol import default_converter

            converter = default_converter()
        return made, json.dumps(converter.unstructure(made))

    def publish(self, uri, version, shown):
        """Send textDocument/publishDiagnostics with the (Diagnostic, JSON)
        pairs `shown`: the message is put together from the JSON texts,
        which pygls would otherwise rebuild from every Diagnostic (cattrs
        and json.dumps: about a millisecond for a hundred findings). The
        same bytes as pygls's own path (JsonRPCProtocol._send_data), to
        which a transport this does not know is left."""
        protocol = self.protocol
        writer = getattr(protocol, "writer", None)
        if writer is None or getattr(protocol, "_include_headers", None) is not True:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=[made for made, _ in shown]))
            return
        params = '{"uri": ' + json.dumps(uri)
        if version is not None:
            params += ', "version": ' + json.dumps(version)
        body = ('{"method": "textDocument/publishDiagnostics", "params": ' + params
                + ', "diagnostics": [' + ", ".join(text for _, text in shown) + ']}, "jsonrpc": "2.0"}')
        data = body.encode("utf-8")  # ASCII: json.dumps escapes the rest
        header = f"Content-Length: {len(data)}\r\nContent-Type: {_CONTENT_TYPE}\r\n\r\n"
        try:
            sent = writer.write(header.encode("ascii") + data)
            if inspect.isawaitable(sent):
                asyncio.ensure_future(sent)
        except BrokenPipeError:
            log.exception("Error sending data. BrokenPipeError")
            raise
        except Exception:  # noqa: BLE001 - as pygls: a failed send is logged, the server goes on
            log.exception("Error sending data")

    def edit(self, uri):
        """A changed buffer: check it now after a quiet spell, else once the
        edits pause. "Now" is as soon as the messages already read are
        handled: edits that queued up during the last check (the event loop
        reads them all at once, and handles them before any task runs) are
        checked once, on the last text, not once each."""
        now = time.monotonic()
        quiet = self._quiet(uri)
        task = self.pending.get(uri)
        if task is not None and task in self.first_edge:
            self.edited[uri] = now
            return  # the check about to run reads the buffer as this edit leaves it
        calm = task is None and now - self.edited.get(uri, float("-inf")) > quiet
        self.edited[uri] = now
        if calm:
            task = self.pending[uri] = asyncio.ensure_future(self._at_once(uri))
            self.first_edge.add(task)
            task.add_done_callback(self.first_edge.discard)
            return
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.pending[uri] = asyncio.ensure_future(self._after_quiet(uri, quiet))

    def _quiet(self, uri):
        took = self.took.get(uri, 0.0)
        return min(took, MAX_QUIET) if took > SLOW else self.debounce

    async def _at_once(self, uri):
        self.first_edge.discard(asyncio.current_task())  # (a cancelled one leaves by its done callback)
        self.check_now(uri)

    async def _after_quiet(self, uri, quiet):
        await asyncio.sleep(quiet)
        self.check_now(uri)

    def current(self, uri, document):
        """The Checked of the document as it is now."""
        version, checked = self.checked.get(uri, (None, None))
        if checked is None or version != document.version or uri in self.pending:
            checked = self.check_now(uri)
        return checked

    # -- code actions ------------------------------------------------------------

    async def code_actions(self, params):
        """The actions for the findings in the requested range, and fix-all.
        Between fixes it yields to the event loop, where a $/cancelRequest
        read in the meantime cancels the rest."""
        uri = params.text_document.uri
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return []
        checked = self.current(uri, document)
        text, version = document.source, document.version
        lines = Lines(text, document.position_codec.client_num_units)
        only = params.context.only
        first, last = params.range.start.line + 1, params.range.end.line + 1
        here = [f for f in checked.findings if first <= f.line <= last] \
            if actions.wanted(only, types.CodeActionKind.QuickFix) else []
        fix_all = actions.wanted(only, actions.FIX_ALL) and bool(checked.findings)
        path, settings = self._document_settings(document)
        plans = self._plans(uri, document, path, settings) if here or fix_all else {}
        memory = self.memory.get(uri)
        out = []
        for finding in here:
            shown = diagnostic(finding, lines)
            if finding in plans:
                out.append(actions.fix(uri, version, plans[finding], shown))
            region = memory.statement_lines(text, settings, finding.line) if memory is not None else None
            out.append(actions.suppress(uri, version, text, lines, finding, shown, region))
            out.append(actions.show_docs(finding.code, shown))
        allowed = (SAFE, UNSAFE) if settings.unsafe_fixes else (SAFE,)
        if fix_all and any(p.safety in allowed for p in plans.values()):
            out.append(actions.fix_all(uri, version))
        out = [action for action in out if action is not None]
        if not self._client_resolves():
            for action in out:
                if action.data is not None:
                    await asyncio.sleep(0)
                    self.resolve(action)
            out = [action for action in out if action.data is None or action.edit is not None]
        return out

    def resolve(self, action):
        """Fill in a listed action's edit, for the document version it was
        listed for (none when the document has changed since)."""
        data = action.data if isinstance(action.data, dict) else {}
        document = self.workspace.text_documents.get(data.get("uri", ""))
        if document is None or document.version != data.get("version"):
            return action
        path, settings = self._document_settings(document)
        plans = self._plans(data["uri"], document, path, settings)
        # An editor that cannot resolve asks for every edit at each move of the cursor.
        resolved = self.planned[data["uri"]][3]
        key = (bool(data.get("fix_all")), tuple(data.get("finding") or ()))
        if key not in resolved:
            lines = Lines(document.source, document.position_codec.client_num_units)
            resolved[key] = actions.resolve(action, document.source, path, lines, settings, plans).edit
        action.edit = resolved[key]
        return action

    def _plans(self, uri, document, path, settings):
        """Finding -> Plan for the document as it is, kept per version: an
        editor asks for code actions at every move of the cursor."""
        version, used, plans, _ = self.planned.get(uri, (None, None, None, None))
        if version != document.version or used is not settings:
            plans = {p.finding: p for p in linting.plans(document.source, path, settings, self.memory.get(uri)).plans}
            self.planned[uri] = (document.version, settings, plans, {})
        return plans

    def _document_settings(self, document):
        """(path to check it as, Settings) for a document."""
        path = self.document_path(document)
        return path or "untitled.py", self.settings_for(path)[0]

    def _client_resolves(self):
        text = self.client_capabilities.text_document
        support = text and text.code_action and text.code_action.resolve_support
        return bool(support and "edit" in support.properties)


server = FixlintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: FixlintServer, params: types.InitializeParams):
    options = params.initialization_options
    if isinstance(options, dict):
        settings = options.get("settings", options)
        ls.pushed = settings.get(SECTION, settings) if isinstance(settings, dict) else {}


@server.feature(types.INITIALIZED)
async def initialized(ls: FixlintServer, params: types.InitializedParams):
    watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watched and watched.dynamic_registration:
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED])
        registration = types.Registration(id="fixlint-configuration-files",
                                          method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                          register_options=options)
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception as exc:  # noqa: BLE001 - without watchers, a changed file is still seen by its stamp
            log.warning("cannot watch configuration files: %s", exc)
    before = ls.pulled
    await ls.pull_settings()
    if ls.pulled != before:  # documents opened meanwhile were checked with the pushed settings
        ls.settings_changed()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FixlintServer, params: types.DidOpenTextDocumentParams):
    ls.check_now(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FixlintServer, params: types.DidChangeTextDocumentParams):
    ls.edit(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: FixlintServer, params: types.DidSaveTextDocumentParams):
    linting.forget_projects()  # the saved module's facts reach the modules importing it
    ls.check_now(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FixlintServer, params: types.DidCloseTextDocumentParams):
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.checked.pop(uri, None)
    ls.took.pop(uri, None)
    memory = ls.memory.pop(uri, None)
    if memory is not None:
        memory.forget()
        memory.tidy()
    ls.edited.pop(uri, None)
    ls.planned.pop(uri, None)
    ls.shown.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: FixlintServer, params: types.DidChangeConfigurationParams):
    if isinstance(params.settings, dict) and isinstance(params.settings.get(SECTION), dict):
        ls.pushed = params.settings[SECTION]
    await ls.pull_settings()
    ls.settings_changed()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: FixlintServer, params: types.DidChangeWatchedFilesParams):
    ls.settings_changed()


@server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
async def did_change_folders(ls: FixlintServer, params: types.DidChangeWorkspaceFoldersParams):
    await ls.pull_settings()
    ls.settings_changed()


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=list(actions.KINDS), resolve_provider=True))
async def code_action(ls: FixlintServer, params: types.CodeActionParams):
    return await ls.code_actions(params)


@server.feature(types.CODE_ACTION_RESOLVE)
def code_action_resolve(ls: FixlintServer, action: types.CodeAction):
    return ls.resolve(action)


@server.command(actions.SHOW_DOCS)
async def show_documentation(ls: FixlintServer, code: str):
    url = rule_docs_url(code)
    window = ls.client_capabilities.window
    if window and window.show_document and window.show_document.support:
        await ls.window_show_document_async(types.ShowDocumentParams(uri=url, external=True))
    else:
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info,
                                                       message=f"{code}: {url}"))
    return url


def serve():
    """Serve LSP on standard input and output until the client says exit."""
    timelimit.install_in_worker()  # the per-file limit, in this (the main) thread
    if piped(sys.stdin):
        serve_pipe(server, sys.stdin.buffer, sys.stdout.buffer)
    else:
        server.start_io()
    return 0


def piped(stream):
    """Whether `stream` is a pipe, as an editor's stdin is (POSIX)."""
    try:
        return os.name == "posix" and stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):
        return False


def serve_pipe(ls, stdin, stdout):
    """pygls's start_io, reading the pipe in the event loop. pygls reads
    stdin in a worker thread, one line or body per trip: four trips between
    threads for each message, each waiting for the other thread to be
    scheduled (on a loaded machine, milliseconds). Here a message wakes the
    loop once. Messages are parsed and handled by pygls as before."""
    from pygls.io_ import StdoutWriter, run_async

    ls._stop_event = threading.Event()  # what pygls's shutdown and exit set
    ls.protocol.set_writer(StdoutWriter(stdout))

    async def main():
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(loop=loop)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader, loop=loop), stdin)
        await run_async(stop_event=ls._stop_event, reader=reader, protocol=ls.protocol, logger=log,
                        error_handler=ls.report_server_error)

    try:
        asyncio.run(main())
    except BrokenPipeError:
        log.error("Connection to the client is lost! Shutting down the server.")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        ls.shutdown()
