"""The benchmark corpus: pinned wheels from PyPI plus fixlint's fixtures/.

Wheels, not sdists: a wheel is the code users install, needs no build step
to unpack, and is one immutable file per version whose sha256 we pin. They
are fetched with pip (so its proxy and certificate settings apply), checked
against the pins, and unpacked into a cache folder outside git. The same
machinery serves the real-code corpus (realcode/), which also pins the odd
sdist (a .tar.gz) of a project that publishes no wheel.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import NamedTuple


class Wheel(NamedTuple):
    project: str
    version: str
    filename: str
    sha256: str


PINNED = (
    Wheel("Django", "5.2.19", "django-5.2.19-py3-none-any.whl",
          "5965d974a5218a2b68a11dd1276434707f23886525c23f0598eccedaf4f4ca00"),
    Wheel("Flask", "3.1.3", "flask-3.1.3-py3-none-any.whl",
          "f4bcbefc124291925f1a26446da31a5178f9483862233b23c0c96a20701f670c"),
    Wheel("Werkzeug", "3.1.9", "werkzeug-3.1.9-py3-none-any.whl",
          "6392e50c78460ba618e5b21f08a71f59c99ce99cdc6cf6e3dd7e6ccca8754fab"),
    Wheel("FastAPI", "0.165.0", "fastapi-0.165.0-py3-none-any.whl",
          "896f48462042bb4f162147eb8fac7e858753dc1f486765709baf105d70e4fc5b"),
    Wheel("Starlette", "1.10.0", "starlette-1.10.0-py3-none-any.whl",
          "478c0ab3b4ced6e82719849c118fa406f0278a3499c1a898cd15cd31bdc38ce4"),
    Wheel("Flask-Login", "0.6.3", "Flask_Login-0.6.3-py3-none-any.whl",
          "849b25b82a436bf830a054e74214074af59097171562ab10bfa999e6b78aae5d"),
)
DJANGO = "Django"
FIXTURES = "fixlint-fixtures"


class HashMismatch(Exception):
    pass


def default_cache(variable="BENCH_CACHE", name="fixlint-bench"):
    """$BENCH_CACHE, else ~/.cache/fixlint-bench (outside any checkout, so no
    linter run over the repository ever walks the corpus); realcode passes
    its own variable and folder name."""
    if os.environ.get(variable):
        return Path(os.environ[variable]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(base) / name


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path, expected):
    """Raise HashMismatch unless the file's sha256 is `expected`."""
    actual = sha256_of(path)
    if actual != expected.lower():
        raise HashMismatch(f"{Path(path).name}: sha256 {actual}, pinned {expected}")


def is_sdist(filename):
    return filename.endswith(".tar.gz")


def download(wheel, folder):
    """The verified wheel (or sdist) file in `folder`, fetched with pip when
    absent or corrupt."""
    folder = Path(folder)
    path = folder / wheel.filename
    if path.exists():
        try:
            verify(path, wheel.sha256)
            return path
        except HashMismatch:
            path.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--no-binary=:all:" if is_sdist(wheel.filename) else "--only-binary=:all:",
         "--dest", str(folder), f"{wheel.project}=={wheel.version}"],
        check=True,
    )
    if not path.exists():
        raise HashMismatch(f"pip did not produce {wheel.filename}")
    verify(path, wheel.sha256)
    return path


def python_members(names):
    """The .py files of a wheel, without its metadata folder."""
    return [n for n in names if n.endswith(".py") and ".dist-info/" not in n]


def unpack(wheel_path, target):
    """Unpack the wheel's Python files into `target` (once: a finished
    unpack leaves a marker file). An sdist's files lose the archive's
    top folder (`name-1.0/`), so both kinds lay out alike."""
    target = Path(target)
    marker = target / ".unpacked"
    if marker.exists():
        return target
    if target.exists():
        shutil.rmtree(target)
    if is_sdist(str(wheel_path)):
        _unpack_sdist(wheel_path, target)
    else:
        with zipfile.ZipFile(wheel_path) as archive:
            for name in python_members(archive.namelist()):
                archive.extract(name, target)
    marker.touch()
    return target


def _unpack_sdist(path, target):
    with tarfile.open(path, "r:gz") as archive:
        for member in archive.getmembers():
            inner = member.name.partition("/")[2]
            if not member.isfile() or not inner.endswith(".py") or ".egg-info/" in inner:
                continue
            destination = target / inner
            if not destination.resolve().is_relative_to(target.resolve()):
                continue  # a member that climbs out of the archive's folder
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.extractfile(member).read())


class Corpus(NamedTuple):
    root: Path  # every package, side by side, plus the fixtures
    django: Path  # the Django source alone
    rest: tuple  # the other folders, for the flake8 split (see __main__)
    packages: tuple  # (label, folder) in PINNED order, then the fixtures


def prepare(cache, fixtures):
    """Download, verify and lay out the corpus under `cache`:

        corpus/<project>-<version>/...   one folder per wheel
        corpus/fixlint-fixtures/...      a copy of fixtures/
    """
    cache = Path(cache)
    root = cache / "corpus"
    packages = []
    for wheel in PINNED:
        path = download(wheel, cache / "wheels")
        folder = unpack(path, root / f"{wheel.project}-{wheel.version}")
        packages.append((f"{wheel.project} {wheel.version}", folder))
    copy = root / FIXTURES
    if copy.exists():
        shutil.rmtree(copy)  # refreshed every run: fixtures change with the code
    shutil.copytree(fixtures, copy, ignore=shutil.ignore_patterns("__pycache__"))
    packages.append(("fixlint fixtures/", copy))
    # An empty .semgrepignore turns off Semgrep's default ignores (tests/,
    # test/...), so Semgrep scans the same files as the other tools.
    (root / ".semgrepignore").write_text("", encoding="utf-8")
    django = next(folder for label, folder in packages if label.startswith(DJANGO + " "))
    rest = tuple(folder for _, folder in packages if folder != django)
    return Corpus(root, django, rest, tuple(packages))


def copies(corpus_root, cache, times):
    """A folder holding `times` copies of the corpus, for the scaling runs."""
    target = Path(cache) / f"scaled-{times}x"
    if target.exists():
        shutil.rmtree(target)  # rebuilt each run: the fixtures copy may have changed
    target.mkdir(parents=True)
    for i in range(times):
        shutil.copytree(corpus_root, target / f"copy{i + 1}", ignore=shutil.ignore_patterns(".unpacked"))
    return target


def python_files(folder):
    """Every .py file under `folder`."""
    found = []
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        found.extend(os.path.join(base, n) for n in sorted(names) if n.endswith(".py"))
    return found


def count_lines(files):
    total = 0
    for path in files:
        with open(path, "rb") as f:
            total += f.read().count(b"\n")
    return total


BIG_PROJECT_MODULES = 1000
BIG_PROJECT_APP = """from flask import Flask, session

app = Flask(__name__)
app.config.from_object("settings.Config")


@app.route("/login", methods=["POST"])
def login():
    session.clear()
    session["user_id"] = 1
    return "ok"
"""


def big_project(corpus_root, cache, modules=BIG_PROJECT_MODULES):
    """A project (pyproject.toml at its root) of `modules` modules copied from
    the corpus into ten packages, plus app.py: where a one-file flake8 run
    (pre-commit, an editor) meets the project model."""
    target = Path(cache) / f"project-{modules}"
    if target.exists():
        shutil.rmtree(target)
    files = python_files(corpus_root)[:modules]
    for i, path in enumerate(files):
        package = target / f"pkg{i // 100}"
        package.mkdir(parents=True, exist_ok=True)
        (package / "__init__.py").touch()
        shutil.copyfile(path, package / f"m{i % 100}.py")
    (target / "pyproject.toml").write_text("[project]\nname = 'big'\n", encoding="utf-8")
    (target / "settings.py").write_text("class Config:\n    SESSION_COOKIE_SECURE = True\n", encoding="utf-8")
    (target / "app.py").write_text(BIG_PROJECT_APP, encoding="utf-8")
    return target
