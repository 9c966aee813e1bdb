"""`ast.parse` whose answer depends on the text alone.

CPython's parser and its conversion to `ast` objects share one budget of
nesting with the Python calls already on the stack (three nesting levels
per call frame in 3.11): a module nested 2,900 levels deep parses from
the top of a process but raises RecursionError some 30 calls further
down, as in a `-j` worker. So a parse that runs out of depth is tried
once more in a thread of its own, whose stack holds nothing else: whether
a file can be analysed no longer depends on where fixlint parses it.
"""

from __future__ import annotations

import ast
import threading
import warnings


def parse(text, filename="<unknown>"):
    """The module's tree, as ast.parse gives it, with warnings silenced
    (`"\\d"` warns while parsing; under `-W error` that would be an error).
    Raises what the parser raises, RecursionError only when the text is
    too deep for an empty stack too."""
    try:
        return _parse(text, filename)
    except RecursionError:
        pass
    outcome = []

    def run():
        try:
            outcome.append((True, _parse(text, filename)))
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread
            outcome.append((False, exc))

    thread = threading.Thread(target=run, name="fixlint-parse", daemon=True)  # a time limit may stop the wait
    thread.start()
    thread.join()
    succeeded, value = outcome[0]
    if succeeded:
        return value
    raise value


def _parse(text, filename):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=filename)
