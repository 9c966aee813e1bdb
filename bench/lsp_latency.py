"""Diagnostics latency of `fixlint server` after an edit, as an editor sees it.

    python -m bench.lsp_latency [--lines 2000] [--edits 40] [--share FILE]

Starts the server over stdio, opens a generated Flask module of `--lines`
lines (list and form views, and among them logins, logouts and cookies, so
every analysis has work: one view in five sets a cookie), makes a few
unmeasured edits (the warm-up), then times `--edits` edits: from sending
`textDocument/didChange` (the changed line, as editors send it) to
receiving the `publishDiagnostics` of that version — debounce, check and transport included. Each edit flips one
cookie's `secure=` value, so the diagnostics really change. After each
edit's diagnostics it asks for the code actions at the edited line, as an
editor does where the cursor is, and times the answer too (the client
resolves the fixes' edits when one is picked, as VS Code and Neovim do:
the listing is timed, not the libcst rewrite). Prints the
median and range in milliseconds, and beside it the median time of the
same checks run in this process (`fixlint check`'s own path, no LSP), and
the CPU time of the server's own check of each edit (reusing the last one,
project facts included): on a loaded machine the times grow, the CPU
figures far less. The latency includes the client's own work on the
message (this client is pygls: json.loads, then cattrs builds the
lsprotocol objects); how long that takes for the last message received is
printed beside it, timed apart after the run (the measured path is not
changed).
`--share` writes the median latency there (the benchmark's table reads it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

BLOCK = '''
@app.get("/items{n}")
def items{n}():
    page = int(request.args.get("page", 1))
    query = Item.query.filter_by(owner_id=current_user.id).order_by(Item.created.desc())
    items = query.paginate(page=page, per_page=20)
    return render_template("items.html", items=items, title="Items {n}")


@app.post("/items{n}/<int:item_id>")
def update_item{n}(item_id):
    item = Item.query.get_or_404(item_id)
    form = ItemForm(request.form)
    if not form.validate():
        flash("Please correct the errors below.")
        return render_template("item.html", form=form, item=item)
    item.name = form.name.data
    item.price = form.price.data
    db.session.commit()
    return redirect(url_for("items{n}"))


@app.post("/login{n}")
def login{n}():
    user = find_user(request.form["username"])
    if user and user.check_password(request.form["password"]):
        session["user_id"] = user.id
    return redirect("/")


@app.post("/logout{n}")
def logout{n}():
    session.pop("user_id", None)
    return redirect("/")


@app.get("/cookie{n}")
def cookie{n}():
    resp = make_response("ok")
    resp.set_cookie("sid{n}", new_id(), httponly=True, secure=True, samesite="Lax")
    return resp
'''
HEADER = '''"""A generated Flask module for the latency benchmark."""

from flask import Flask, flash, make_response, redirect, render_template, request, session, url_for
from flask_login import current_user

from .forms import ItemForm
from .models import Item, db

app = Flask(__name__)
'''
MARK = 'secure=True, samesite="Lax")'


def module(lines):
    """A module of exactly `lines` lines (blank lines pad the end)."""
    text, n = HEADER, 0
    while text.count("\n") + BLOCK.count("\n") <= lines:
        text += BLOCK.replace("{n}", str(n))
        n += 1
    return text + "\n" * (lines - text.count("\n"))


def flipped(text, edit):
    """(new text, line index, new line): the `edit`-th cookie's Secure flag
    flipped, from the middle of the file on."""
    lines = text.split("\n")
    marked = [i for i, line in enumerate(lines) if "set_cookie(" in line]
    index = marked[(len(marked) // 2 + edit) % len(marked)]
    line = lines[index]
    lines[index] = line.replace("secure=True", "secure=False") if "secure=True" in line \
        else line.replace("secure=False", "secure=True")
    return "\n".join(lines), index, lines[index]


async def measure(lines, edits, warm_up, command):
    client = LanguageClient("fixlint-bench", "1")
    published = {}
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams):
        published[params.version] = (time.perf_counter(), len(params.diagnostics))
        published["last"] = params
        arrived.set()

    await client.start_io(*command)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "app.py"
        text = module(lines)
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(text_document=types.TextDocumentClientCapabilities(
                code_action=types.CodeActionClientCapabilities(
                    resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])))),
            root_uri=Path(folder).as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=Path(folder).as_uri(), name="bench")]))
        client.initialized(types.InitializedParams())

        async def until(version):
            while version not in published:
                arrived.clear()
                await asyncio.wait_for(arrived.wait(), 60)

        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
        await until(1)
        latencies, counts, answers = [], set(), []
        for edit in range(warm_up + edits):
            version = edit + 2
            old = text.split("\n")
            text, index, line = flipped(text, edit)
            # As editors send it: the changed line only (ASCII: UTF-16 units are characters).
            change = types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(index, 0), types.Position(index, len(old[index]))), text=line)
            sent = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change]))
            await until(version)
            asked = time.perf_counter()
            offered = await client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(types.Position(index, 0), types.Position(index, 0)),
                context=types.CodeActionContext(diagnostics=[])))
            if edit >= warm_up:
                latencies.append((published[version][0] - sent) * 1000)
                counts.add(published[version][1])
                answers.append((time.perf_counter() - asked) * 1000)
                assert offered, "no code actions at a line with findings"
        await client.shutdown_async(None)
        client.exit(None)
    await client.stop()
    return latencies, counts, answers, decoding(client, published["last"])


def decoding(client, params):
    """Median milliseconds this client takes to decode a publishDiagnostics
    message of `params` (as it arrives: JSON text to lsprotocol objects):
    the client's part of each latency."""
    protocol = client.protocol
    body = json.dumps(protocol._converter.unstructure(types.PublishDiagnosticsNotification(
        method=types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params=params, jsonrpc="2.0")))
    took = []
    for _ in range(30):
        started = time.perf_counter()
        json.loads(body, object_hook=protocol.structure_message)
        took.append((time.perf_counter() - started) * 1000)
    return statistics.median(took)


def in_process(lines, edits, warm_up):
    """Median milliseconds of runner.check_source on the same edited texts:
    (wall, CPU). On an idle machine the two agree; under load the CPU time
    still says what a check costs."""
    from fixlint.config import Config
    from fixlint.runner import check_source
    from fixlint.selection import select_rules

    rules, text, wall, cpu = select_rules(), module(lines), [], []
    for edit in range(warm_up + edits):
        text = flipped(text, edit)[0]
        started, used = time.perf_counter(), time.process_time()
        check_source("app.py", text, Config(), rules)
        if edit >= warm_up:
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def server_path(lines, edits, warm_up):
    """Median CPU milliseconds of the server's own check of each edited
    text (server.linting.check, project facts included, reusing the last
    check as the server does): the server's part of the latency."""
    from fixlint.server import linting
    from fixlint.server.configuration import resolve

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "app.py")
        text = module(lines)
        Path(path).write_text(text, encoding="utf-8")
        settings, memory, cpu = resolve(folder, {}), linting.Memory(), []
        linting.check(text, path, settings, memory)
        for edit in range(warm_up + edits):
            text = flipped(text, edit)[0]
            used = time.process_time()
            linting.check(text, path, settings, memory)
            if edit >= warm_up:
                cpu.append((time.process_time() - used) * 1000)
    return statistics.median(cpu)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.lsp_latency", description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--warm-up", type=int, default=5)
    parser.add_argument("--share", help="write the median latency in ms to this file")
    args = parser.parse_args(argv)
    command = [sys.executable, "-m", "fixlint", "server"]
    latencies, counts, answers, client = asyncio.run(measure(args.lines, args.edits, args.warm_up, command))
    median = statistics.median(latencies)
    wall, cpu = in_process(args.lines, args.edits, args.warm_up)
    server = server_path(args.lines, args.edits, args.warm_up)
    print(f"fixlint server: diagnostics {median:.1f} ms after an edit (median of {len(latencies)}; "
          f"{min(latencies):.1f}-{max(latencies):.1f} ms) on a {args.lines}-line file, "
          f"{min(counts)}-{max(counts)} diagnostics each, of which the client's decoding {client:.1f} ms; "
          f"the same checks in-process: {wall:.1f} ms "
          f"({cpu:.1f} ms CPU) from scratch, {server:.1f} ms CPU as the server makes them; "
          f"code actions at the edited line {statistics.median(answers):.1f} ms "
          f"({min(answers):.1f}-{max(answers):.1f} ms)")
    if args.share:
        Path(args.share).write_text(f"{median:.3f}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
