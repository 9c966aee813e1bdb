"""flake8, with fixlint's own CPU time measured inside the same run.

    python bench/flake8_share.py OUTFILE FLAKE8-ARGUMENTS...

Runs flake8's own entry point in this process (the benchmark passes -j1)
after timing what fixlint costs it: importing the plugin and its rules, and
every call of the plugin's run(). Writes those seconds to OUTFILE.

Two flake8 runs, one with SFX and one without, differ by a few percent,
while two identical runs on a shared machine can differ by fifteen: the
share measured inside one run is not disturbed that way, because load that
slows the run slows fixlint's part and flake8's part alike.
"""

import sys
import time


def main(outfile, argv):
    start = time.process_time()
    import fixlint.plugin
    from fixlint.rules import all_rules

    all_rules()
    spent = [time.process_time() - start]
    original = fixlint.plugin.Plugin.run

    def timed_run(self):
        begin = time.process_time()
        results = list(original(self))
        spent[0] += time.process_time() - begin
        return iter(results)

    fixlint.plugin.Plugin.run = timed_run
    from flake8.main.cli import main as flake8_main

    try:
        return flake8_main(argv)
    finally:
        with open(outfile, "w", encoding="utf-8") as f:
            f.write(f"{spent[0]:.6f}\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
