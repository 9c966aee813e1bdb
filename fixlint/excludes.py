"""Folders and files no fixlint run checks unless named (virtual
environments, build output, caches): the CLI's discovery and the project
model's module list start from these, and both leave out a virtual
environment of any name (is_virtual_env) and installed packages. A module of its own so that the flake8
plugin's project model can read them without importing the CLI's runner."""

DEFAULT_EXCLUDES = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "build", "dist",
    "__pycache__", ".eggs", "*.egg-info", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".fixlint_cache",
)

import os  # noqa: E402 - the constants above are what most importers read


def is_virtual_env(folder, dirs, files):
    """Whether the folder os.walk gives with its `dirs` and `files` is a
    virtual environment, whatever its name (`env/`, `fls/`: students commit
    theirs): a `pyvenv.cfg` (PEP 405, and virtualenv from 20), or an older
    virtualenv's `bin/activate` (`Scripts/activate` on Windows). Its
    modules are installed packages, not the project's."""
    if "pyvenv.cfg" in files:
        return True
    return any(name in dirs and os.path.isfile(os.path.join(folder, name, "activate")) for name in ("bin", "Scripts"))


# Folders of installed packages, under a virtual environment or not.
PACKAGE_FOLDERS = frozenset(("site-packages", "dist-packages"))
