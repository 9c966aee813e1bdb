"""fixlint's benchmark: `make bench` (see __main__.py). A script, not a test:
nothing here asserts a time."""
