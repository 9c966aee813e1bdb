"""`fixlint server`: a Language Server Protocol server (pygls, the
`fixlint[server]` extra). Nothing outside this package imports it: the
flake8 plugin and the other commands never load pygls."""
