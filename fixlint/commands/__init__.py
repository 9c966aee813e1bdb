"""The CLI's subcommands, one module each: `add_arguments(parser)` and
`run(args) -> exit code`. Adding a command is adding its module here."""

from . import check, explain, export_semgrep, fix, rules, server

COMMANDS = (check, fix, rules, explain, export_semgrep, server)
