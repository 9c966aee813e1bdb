"""Build fixlint's project model for some folders, as `fixlint check` does,
with its on-disk cache (cold or warm: run through cached.py).

    python bench/project_model.py FOLDER...
"""

import sys

from fixlint import project, runner


def main(folders):
    files, _ = runner.discover(folders)
    project.for_files(files, use_cache=True)


if __name__ == "__main__":
    main(sys.argv[1:])
