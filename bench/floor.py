"""The floor: `ast.parse` every .py file under the given folders, in this one
process. Any linter working on the stdlib `ast` tree must at least read and
parse every file, so this is the least time such a linter can take.

    python bench/floor.py FOLDER...
"""

import ast
import os
import sys


def main(folders):
    count = 0
    for folder in folders:
        for base, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                if name.endswith(".py"):
                    with open(os.path.join(base, name), "rb") as f:
                        ast.parse(f.read())
                    count += 1
    print(count)


if __name__ == "__main__":
    main(sys.argv[1:])
