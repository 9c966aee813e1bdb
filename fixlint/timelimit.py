"""A per-file time limit, so one pathological file cannot hang a CI job.

The limit is an interval timer (SIGALRM) in the process that checks the
file — the CLI's main thread with `-j1`, each worker's main thread
otherwise. When it expires, FileTimeout is raised wherever the check is.
It derives from BaseException so that the `except Exception` guards that
turn a rule's bug into an internal error do not swallow it, and the timer
keeps firing until it is cleared, in case some code swallows it anyway.

Where no SIGALRM exists (Windows) or off the main thread, files are
checked without a limit.
"""

from __future__ import annotations

import contextlib
import signal
import threading

DEFAULT_SECONDS = 60.0
_REFIRE = 0.5  # seconds between alarms once the limit has passed


class FileTimeout(BaseException):
    """The current file took longer than the per-file limit."""


_armed = False  # True while a limit is running: a late alarm after it is ignored


def available():
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(signum, frame):
    if _armed:
        raise FileTimeout()


def disarm():
    """Stop the timer; safe to call twice (the caller that catches
    FileTimeout calls it again in case the alarm beat `limit`'s own
    clean-up)."""
    global _armed
    _armed = False
    if available():
        signal.setitimer(signal.ITIMER_REAL, 0)


@contextlib.contextmanager
def alarm_handler():
    """Install the SIGALRM handler for the duration of a run (no-op where
    time limits are not available); the previous handler comes back after."""
    if not available():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        yield
    finally:
        disarm()
        signal.signal(signal.SIGALRM, previous)


def install_in_worker():
    """For worker processes, which live as long as the pool."""
    if available():
        signal.signal(signal.SIGALRM, _on_alarm)


@contextlib.contextmanager
def limit(seconds):
    """Raise FileTimeout inside the block once `seconds` have passed (None or
    0: no limit). The SIGALRM handler must be installed (alarm_handler or
    install_in_worker)."""
    global _armed
    if not seconds or not available() or signal.getsignal(signal.SIGALRM) is not _on_alarm:
        yield
        return
    _armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds, _REFIRE)
    try:
        yield
    finally:
        disarm()
