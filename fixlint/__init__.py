"""fixlint: session-fixation and session-cookie linter for Flask, Django and
FastAPI/Starlette — a flake8 plugin, a CLI and exported Semgrep rules."""

__version__ = "0.1.0"
