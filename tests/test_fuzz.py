"""Property: no program makes fixlint report an internal error, through the
flake8 plugin (with the tree, with and without the keyword guard), the
CLI's per-file check of a file on disk, every analysis, and `fixlint fix`.

Programs come from hypothesmith (Python's grammar, and libcst's node
types) and from mutated fixtures (framework-shaped code with unexpected
values in every slot). `make test` runs a bounded, derandomized number of
examples, so the suite is reproducible; `make fuzz` sets FIXLINT_FUZZ to
run many more random ones.
"""

from __future__ import annotations

import os

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixlint.config import Config
from fixlint.fix.fixer import fix_text
from fixlint.runner import is_internal
from fixlint.selection import select_rules

from .robustness import HEADERS, internal_errors, mutated_seeds

# hypothesmith compiles what it generates; the compiler's SyntaxWarnings are noise here.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

FUZZ = int(os.environ.get("FIXLINT_FUZZ", "0"))  # examples per test; 0: the bounded run


def examples(bounded):
    """Hypothesis settings: `bounded` examples in `make test`, FIXLINT_FUZZ
    random ones under `make fuzz`."""
    return settings(
        max_examples=FUZZ or bounded,
        derandomize=not FUZZ,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


def assert_no_internal_error(source):
    errors = internal_errors(source)
    assert errors == [], errors


@examples(bounded=80)
@given(hypothesmith.from_grammar())
def test_grammar_generated_programs(source):
    assert_no_internal_error(source)


@examples(bounded=80)
@given(st.sampled_from(HEADERS), hypothesmith.from_grammar())
def test_grammar_generated_programs_after_framework_imports(header, source):
    # After the imports, generated names such as `session` or `login`
    # resolve to the frameworks' objects, so the rules' deeper paths run.
    assert_no_internal_error(header + source)


@examples(bounded=25)
@given(hypothesmith.from_node())
def test_libcst_generated_programs(source):
    assert_no_internal_error(source)


@examples(bounded=150)
@given(mutated_seeds())
def test_mutated_fixtures(source):
    assert_no_internal_error(source)


@pytest.fixture(scope="module")
def every_rule():
    return select_rules(select=["SFX"])


@examples(bounded=60)
@given(source=mutated_seeds(max_edits=2))
def test_fix_on_mutated_fixtures(source, every_rule):
    # Fixing runs the checker, the planners and libcst; whatever it cannot
    # rewrite is an error line, and what it writes must parse (fix_text
    # checks that and says "would not parse" otherwise).
    outcome = fix_text(source, "app.py", Config(), every_rule, unsafe=True)
    bugs = [e.message for e in outcome.errors
            if is_internal(e) or "would not parse" in e.message or "please report" in e.message]
    assert bugs == [], bugs
