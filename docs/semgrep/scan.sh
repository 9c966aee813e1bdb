# fixlint's rules with Semgrep, offline, from a checkout of this repository (or a copy of its rules/ folder);
# --no-rewrite-rule-ids keeps the ids fixlint.<name> wherever the rules folder lies
semgrep scan --metrics=off --disable-version-check --no-rewrite-rule-ids --config rules/ src/
