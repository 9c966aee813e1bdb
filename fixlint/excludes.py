"""Folders and files no fixlint run checks unless named (virtual
environments, build output, caches): the CLI's discovery and the project
model's module list start from these. A module of its own so that the flake8
plugin's project model can read them without importing the CLI's runner."""

DEFAULT_EXCLUDES = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "build", "dist",
    "__pycache__", ".eggs", "*.egg-info", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".fixlint_cache",
)
