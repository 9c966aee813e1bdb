"""`fixlint fix`: repair what can be repaired, reviewably.

Detection stays where it is (the stdlib `ast` checker); this package only
rewrites. The pieces, in the order they run:

- a rule says what its fix is on the rule object: `fix = Fix(safety, docs,
  family)` (fixlint.rules.base). `family` names a module here;
- the family module's `plan(rule, ctx, facts)` yields a `Plan` for each
  finding it can fix: the exact Finding `check` reports, its edits (in ast
  terms, fixlint.fix.edits) and its safety (SAFE or UNSAFE). Planners read
  the same facts the rule judged and import no libcst;
- fixlint.fix.engine checks the file, keeps the plans whose findings survive
  `# noqa` and whose safety is allowed, and fixlint.fix.apply carries them
  out with libcst, preserving everything it does not touch;
- fixlint.fix.files reads the file and writes it back atomically.

Families: `cookies` (SFX301-SFX303). A new family — the session-lifecycle
fixes of SFX101 (insert the framework's regeneration call before the
binding: `InsertStatements(before=...)`, plus `EnsureImport` when the call
needs one) and SFX102 (`ReplaceStatement` of the selective pop/del with the
full invalidation) — is a module with a `plan` function and a `fix`
attribute on the rule naming it.

The flake8 plugin never imports this package's libcst parts: rules import
only fixlint.rules.base's `Fix`, and planners are loaded by name when
`fixlint fix` runs.
"""
