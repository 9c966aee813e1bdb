"""`fixlint` / `python -m fixlint`: the command-line entry point.

Exit codes follow linter conventions: 0 clean, 1 findings, 2 usage or
configuration error, files that could not be analysed, or an internal error
(one line; FIXLINT_DEBUG=1 adds the traceback); 141 when the reader of the
output left before the end (`fixlint check | head`), as if killed by SIGPIPE.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import traceback

from . import __version__
from .commands import COMMANDS
from .config import ConfigError
from .output.escape import shown

USAGE_ERROR = 2
SIGPIPE_EXIT = 141  # as the shell reports a process killed by SIGPIPE: not clean, not findings


def _silence_stdout():
    """Point stdout at /dev/null, so that the flush at exit does not fail
    again on the closed pipe and print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class _Closed:
    """Standard output when fixlint was started with it closed (`>&-`):
    writing to it is an error the run reports, not an AttributeError."""

    encoding = "utf-8"

    def write(self, text):
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self):
        pass

    def isatty(self):
        return False


# What writing a report can raise; any other OSError left over is a bug.
WRITE_ERRORS = {errno.ENOSPC, errno.EBADF, errno.EIO, errno.EFBIG, errno.EROFS, errno.EDQUOT, errno.EACCES}


def _say(line):
    """One line on stderr, if stderr can take it."""
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, as argparse does, without usage noise
        self.exit(USAGE_ERROR, f"fixlint: error: {message} (see 'fixlint {self._sub or ''} --help')\n".replace("  ", " "))

    _sub = None


def build_parser():
    parser = _Parser(
        prog="fixlint",
        description="Session-fixation and session-cookie linter for Flask, Django and FastAPI/Starlette.",
    )
    parser.add_argument("--version", action="version", version=f"fixlint {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        name = command.__name__.rpartition(".")[2].replace("_", "-")
        sub = subparsers.add_parser(name, help=command.HELP, description=command.__doc__)
        sub._sub = name
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv=None):
    from .engine.collector import skip_at_exit
    from .output.streams import make_lenient

    skip_at_exit()
    if sys.stdout is None:
        sys.stdout = _Closed()
    if sys.stderr is None:  # nowhere to say anything: the exit status tells
        sys.stderr = open(os.devnull, "w")  # for the whole run
    make_lenient(sys.stdout, sys.stderr)  # a file name that is not UTF-8 must not end the run
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return USAGE_ERROR
    try:
        status = args.run(args)
        sys.stdout.flush()  # a full disk shows here, not after the exit status is chosen
        return status
    except ConfigError as exc:
        _say(f"fixlint: error: {shown(str(exc))}")
        return USAGE_ERROR
    except KeyboardInterrupt:
        print("fixlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `fixlint check . | head`: the reader left before the end
        _silence_stdout()
        return SIGPIPE_EXIT
    except OSError as exc:  # files are read per file: what is left is writing the report
        if exc.errno not in WRITE_ERRORS:
            return _internal_error(exc)
        _silence_stdout()
        where = f" ({shown(exc.filename)})" if exc.filename else ""
        _say(f"fixlint: error: cannot write the report{where}: {exc.strerror or exc}")
        return USAGE_ERROR
    except Exception as exc:  # a bug in fixlint: say so in one line, never exit as if clean
        return _internal_error(exc)


def _internal_error(exc):
    from .runner import internal_error

    _say(f"fixlint: {shown(internal_error(exc))}")
    if os.environ.get("FIXLINT_DEBUG"):
        traceback.print_exc()
    return USAGE_ERROR
