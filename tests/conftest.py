"""Session-wide runs of the real engines over fixtures/ (see engines.py):
flake8 once per option group, Semgrep once for all rules."""

import pytest

from .engines import flake8_over_fixtures, semgrep_over_fixtures


@pytest.fixture(scope="session")
def flake8_findings():
    return flake8_over_fixtures()


@pytest.fixture(scope="session")
def semgrep_findings():
    return semgrep_over_fixtures()
