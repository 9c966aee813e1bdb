"""Run a command and measure that one run: wall time, CPU time and peak RSS.

`os.wait4` returns the resource usage of the one child it reaped (and of the
descendants that child waited for), so every run is measured on its own —
unlike RUSAGE_CHILDREN, whose peak RSS is the maximum over every child the
benchmark ever had. CPU time is user + system time of that process tree;
peak RSS is the largest single process in it (for a multi-process run,
the biggest worker or the parent, not their sum).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from typing import NamedTuple


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds, user + system, the process tree
    rss_mb: float  # peak resident set size of the largest process, MB (10^6 bytes)
    returncode: int
    fixlint_cpu: float = None  # fixlint's own part of `cpu`, when measured inside the run
    latency_ms: float = None  # median diagnostics latency of `fixlint server` (bench/lsp_latency.py)


class Summary(NamedTuple):
    median: float
    low: float
    high: float


class CommandFailed(Exception):
    pass


def run_once(argv, cwd=None, ok=(0, 1), env=None, share_file=None, figure="fixlint_cpu"):
    """Run `argv` with its output discarded; raise CommandFailed (with the
    end of its stderr) when its exit status is not in `ok`. `share_file`:
    where the command writes a number it measured inside the run, the Run
    field `figure`: fixlint's own CPU seconds (flake8_share.py) or the
    server's latency (lsp_latency.py)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
        if process.returncode not in ok:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-2000:]
            raise CommandFailed(f"{' '.join(map(str, argv))} exited {process.returncode}:\n{tail}")
    inside = {}
    if share_file is not None:
        with open(share_file, encoding="utf-8") as f:
            inside[figure] = float(f.read())
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024 / 1e6, process.returncode, **inside)


def summarise(values):
    return Summary(statistics.median(values), min(values), max(values))
