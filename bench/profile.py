"""`make profile`: where `fixlint check -j1` spends its time on the corpus.

Runs pyinstrument (sampling, so the profile barely slows the run) twice
over the same session: the call tree and a flat list of the functions that
own the most time. Both go to the cache folder; the flat list is printed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from . import corpus as cp
from . import tools

REPO = Path(__file__).resolve().parent.parent


def main():
    cache = cp.default_cache()
    corpus = cp.prepare(cache, REPO / "fixtures")
    session = cache / "profile.pyisession"
    command = tools.fixlint_check([corpus.root], 1)
    subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "pyisession", "-o", str(session), *command],
                   stdout=subprocess.DEVNULL, check=False)
    outputs = {"profile-tree.txt": [], "profile-flat.txt": ["-p", "flat=true"]}
    for name, options in outputs.items():
        subprocess.run([sys.executable, "-m", "pyinstrument", "--load", str(session), "-r", "text",
                        *options, "-o", str(cache / name)], check=True)
    flat = (cache / "profile-flat.txt").read_text(encoding="utf-8").splitlines()
    print("\n".join(flat[:45]))
    print(f"\nfull profiles: {cache / 'profile-tree.txt'} and {cache / 'profile-flat.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
