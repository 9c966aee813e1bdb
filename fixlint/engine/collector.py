"""Python's cyclic garbage collector, kept out of the way of a check.

Checking a file allocates its whole `ast` tree and the analyses' facts at
once: hundreds of thousands of objects that live until the file is done
and are then freed by reference counting, not by the collector. Left on,
the collector runs dozens of times during one file, each time traversing
those live objects again (and, in its older generations, every object of
the process: imported modules, the project model): about a third of
`fixlint check`'s CPU time on the benchmark corpus, a quarter of a check
in the language server. So it is paused while one file is checked, and
what that check left in reference cycles is collected as usual afterwards.
A whole run can also freeze what exists before its first file (`frozen`):
the collections between files then skip it. And a command-line run leaves
what is still alive at its end out of the collection Python's shutdown
makes (`skip_at_exit`).
"""

from __future__ import annotations

import atexit
import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """No automatic collection inside the block (nested blocks are fine;
    a collector the caller disabled stays disabled)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def frozen():
    """Objects that exist now are left out of collections inside the block
    (gc.freeze), and given back to the collector after it. The block gets
    `gc.freeze` itself, to freeze what it has made so far too: called at
    the end of a `paused` block that built what the rest keeps (a run's
    project model, and the trees it parsed for the check), it leaves that
    out before the collector's next pass, which would otherwise traverse
    all of it (the block's allocations all count as young), and again as
    it grew older. A frozen object is still freed as soon as nothing
    refers to it (a file's tree once the file is checked)."""
    gc.freeze()
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


_SKIPPING = []  # [True] once skip_at_exit registered its hook in this process


def skip_at_exit():
    """At interpreter exit, freeze what is alive (gc.freeze) before Python's
    shutdown collects: that last collection traverses every object left
    (the imported modules, the settings, the project model and its
    summaries) only to free memory the exiting process gives back anyway:
    about 0.1 s of a `fixlint check` of the bench corpus, 5% of its CPU
    time. Objects are still freed as modules are cleared; only garbage in
    reference cycles is left to the operating system, unfinalized (fixlint
    closes its reports and caches itself). Registered once per process;
    in-process callers are unaffected until their own exit."""
    if not _SKIPPING:
        atexit.register(gc.freeze)
        _SKIPPING.append(True)
