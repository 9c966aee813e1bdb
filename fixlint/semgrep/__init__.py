"""fixlint's rules as Semgrep rules.

Each rule object lists its Semgrep rules (`Rule.semgrep`, written by hand in
the rule's module); `export` turns them into one YAML file per rule under
`rules/`, with Semgrep registry metadata taken from the rule object, and
`run` calls the real Semgrep (installed in its own virtual environment by
the Makefile) offline over a folder.
"""
