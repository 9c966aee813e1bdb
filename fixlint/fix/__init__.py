"""`fixlint fix`: repair what can be repaired, reviewably.

Detection stays where it is (the stdlib `ast` checker); this package only
rewrites. The pieces, in the order they run:

- a rule says what its fix is on the rule object: `fix = Fix(safety, docs,
  family)` (fixlint.rules.base). `family` names a module here;
- the family module's `plan(rule, ctx, facts)` yields a `Plan` for each
  finding it can fix: the exact Finding `check` reports, its edits (in ast
  terms, fixlint.fix.edits) and its safety (SAFE or UNSAFE) — or a
  `Decline` with the reason a finding gets no fix. Planners read the same
  facts the rule judged and import no libcst;
- fixlint.fix.fixer checks the file, keeps the plans whose findings survive
  `# noqa` and whose safety is allowed, and fixlint.fix.apply carries them
  out with libcst, preserving everything it does not touch (with
  fixlint.fix.imports for the imports a fix needs);
- fixlint.fix.files reads the file and writes it back atomically.

Families: `cookies` (SFX301-SFX303); `login` (SFX101: the backend's
regeneration inserted before the binding) and `logout` (SFX102: the
selective pop/del replaced with the full invalidation), which share
fixlint.fix.sessions.

The flake8 plugin never imports this package's libcst parts: rules import
only fixlint.rules.base's `Fix`, and planners are loaded by name when
`fixlint fix` runs.
"""
