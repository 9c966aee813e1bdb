# fixlint's rules with Semgrep, from a checkout of this repository (or a copy of rules/)
semgrep scan --metrics=off --config rules/ src/
