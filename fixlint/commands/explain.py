"""Print a rule's full documentation."""

from __future__ import annotations

import sys

from ..docs import rule_markdown
from ..rules import get_rule

HELP = "show a rule's documentation (fixlint explain SFX302)"


def add_arguments(parser):
    parser.add_argument("rule", help="rule code (SFX302) or name (cookie-without-secure)")


def run(args):
    rule = get_rule(args.rule)
    if rule is None:
        print(f"fixlint: error: unknown rule {args.rule!r} (see 'fixlint rules')", file=sys.stderr)
        return 2
    sys.stdout.write(rule_markdown(rule))
    return 0
