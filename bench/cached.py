"""Run a command against fixlint's caches, cold or warm.

    python bench/cached.py fresh|warm CACHE_DIR COMMAND...

Both run COMMAND in this process (exec, so the benchmark times it alone)
with the user cache folder at CACHE_DIR; `fresh` first empties CACHE_DIR
and the `.fixlint_cache` folder of the current directory, so the run
builds every cache from nothing.
"""

import os
import shutil
import sys


def main(mode, cache_dir, argv):
    if mode == "fresh":
        shutil.rmtree(cache_dir, ignore_errors=True)
        shutil.rmtree(".fixlint_cache", ignore_errors=True)
    elif mode != "warm":
        raise SystemExit(f"cached.py: fresh or warm, not {mode!r}")
    env = {**os.environ, "XDG_CACHE_HOME": cache_dir}
    os.execvpe(argv[0], argv, env)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
