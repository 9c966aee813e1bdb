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


@pytest.fixture(scope="session", autouse=True)
def user_cache_folder(tmp_path_factory):
    """fixlint's caches for files outside a project root go to the user cache
    folder: the tests' runs (and the fixlint they start) use a fresh one."""
    import os

    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture
def parsed(monkeypatch):
    """The base names of the files the CLI parses and judges, in order
    (tests of the per-file guards: which files a run skips)."""
    import os

    from fixlint import runner

    names = []
    judge = runner._parse_and_judge

    def recording(path, *args, **kwargs):
        names.append(os.path.basename(path))
        return judge(path, *args, **kwargs)

    monkeypatch.setattr(runner, "_parse_and_judge", recording)
    return names
