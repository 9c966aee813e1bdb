"""List every rule: code, name, default, summary."""

from __future__ import annotations

import json

from ..rules import all_rules

HELP = "list every rule"


def add_arguments(parser):
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args):
    rules = all_rules()
    if args.format == "json":
        print(json.dumps([
            {
                "code": r.code, "name": r.name, "default": r.default_enabled,
                "summary": r.summary, "cwe": r.cwe_ids(),
            }
            for r in rules
        ], indent=2))
        return 0
    width = max(len(r.name) for r in rules)
    for r in rules:
        default = "on " if r.default_enabled else "off"
        print(f"{r.code}  {r.name:<{width}}  {default}  {r.summary}")
    return 0
