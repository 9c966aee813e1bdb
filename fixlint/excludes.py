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


def leave_environment(dirs, files):
    """For a virtual environment's folder (is_virtual_env) the walk reached:
    True when the walk skips it whole (`dirs` emptied), or False with only
    the environment's own folders taken out of `dirs`, when the folder is
    the project's too (environment_in_project)."""
    if not environment_in_project(dirs, files):
        dirs[:] = []
        return True
    dirs[:] = [d for d in dirs if d not in ENVIRONMENT_FOLDERS]
    return False


def environment_in_project(dirs, files):
    """Whether a virtual environment's folder (is_virtual_env) is also the
    project's: a student ran `python -m venv .` beside `manage.py` (or
    around the project's folder) and committed `pyvenv.cfg` with the code.
    It holds modules or folders of its own, where a bare environment holds
    only what venv, pip and their tools make (_ENVIRONMENT_MADE); then
    only the environment's own folders (ENVIRONMENT_FOLDERS) are left out."""
    return any(name.endswith(".py") for name in files) or any(
        name not in _ENVIRONMENT_MADE and not name.startswith(".") for name in dirs)


# What `python -m venv` makes beside `pyvenv.cfg`: left out of a project that is an environment too.
ENVIRONMENT_FOLDERS = frozenset(("bin", "Scripts", "include", "Include", "share", "lib", "Lib", "lib64"))
# ... and what else installers put there (pip's `src/` of editable checkouts, Windows' `DLLs`, `tcl`):
# no sign of a project.
_ENVIRONMENT_MADE = ENVIRONMENT_FOLDERS | {"src", "etc", "man", "Tools", "DLLs", "Doc", "tcl", "Library", "__pycache__"}

# Folders of installed packages, under a virtual environment or not.
PACKAGE_FOLDERS = frozenset(("site-packages", "dist-packages"))
