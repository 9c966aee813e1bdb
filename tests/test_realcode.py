"""`make realcode`: keying, matching, the table, the exit codes and the
update mode, on a tiny fake corpus (no network: its wheel is built here and
already sits in the cache with its pinned hash)."""

from __future__ import annotations

import json
import zipfile
from collections import Counter

import pytest

from bench.corpus import HashMismatch, sha256_of
from realcode import baseline, corpus, table
from realcode.__main__ import REPO, main
from realcode.findings import is_test_code, keyed

COOKIE = 'resp.set_cookie("sid", token, secure=True, samesite="Lax")'
VIEWS = f'''from flask import make_response


def view(token):
    resp = make_response("x")
    {COOKIE}
    {COOKIE}
    return resp


def other(token):
    resp = make_response("y")
    resp.set_cookie("auth", token, httponly=True, samesite="Lax")
    return resp
'''
TEST_VIEWS = f'''from flask import make_response


def test_view(token):
    resp = make_response("x")
    {COOKIE}
    return resp
'''


def fake_app(cache, version, views):
    """An App whose wheel is already in the cache, pinned to its real hash."""
    name = f"fakeapp-{version}-py3-none-any.whl"
    dists = cache / "dists"
    dists.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dists / name, "w") as archive:
        archive.writestr("fakeapp/views.py", views)
        archive.writestr("fakeapp/tests/test_views.py", TEST_VIEWS)
        archive.writestr("fakeapp-1.0.dist-info/METADATA", "Name: fakeapp")
    return corpus.App("fakeapp", "flask", corpus.Dist("fakeapp", version, name, sha256_of(dists / name)))


@pytest.fixture
def paths(tmp_path):
    return {"cache": tmp_path / "cache", "baseline": tmp_path / "baseline.json", "table": tmp_path / "table.md"}


def run(paths, app, *extra):
    argv = ["--cache", str(paths["cache"]), "--baseline", str(paths["baseline"]), "--table", str(paths["table"])]
    return main(argv + list(extra), corpus_apps=(app,))


def review(paths, verdict="tp"):
    entries = baseline.load(paths["baseline"])
    for e in entries:
        if e["verdict"] == baseline.UNREVIEWED:
            e["verdict"], e["reason"] = verdict, "a session cookie scripts can read"
    baseline.save(entries, paths["baseline"])
    return entries


def test_test_code_is_what_revision_2_names():
    for path in ("app/tests/views.py", "test/x.py", "pkg/testing/util.py", "test_views.py",
                 "pkg/views_test.py", "pkg/views_tests.py", "pkg/conftest.py"):
        assert is_test_code(path), path
    for path in ("app/views.py", "contest.py", "pkg/testimonials/views.py", "latest_views.py", "tests.py"):
        assert not is_test_code(path), path


def test_findings_are_keyed_by_path_code_line_text_and_occurrence(tmp_path):
    folder = tmp_path / "app"
    (folder / "pkg").mkdir(parents=True)
    source = folder / "pkg" / "views.py"
    source.write_text("x = 1\n    " + COOKIE + "\n    " + COOKIE + "\n", encoding="utf-8")
    records = [{"path": str(source), "line": n, "column": 5, "code": "SFX301", "message": "m"} for n in (3, 2)]
    found = keyed("app", folder, records)
    assert [f.key for f in found] == [("app", "pkg/views.py", "SFX301", COOKIE, 0),
                                      ("app", "pkg/views.py", "SFX301", COOKIE, 1)]
    assert [f.line for f in found] == [2, 3]


def test_a_finding_that_moves_to_another_line_still_matches_its_verdict(tmp_path):
    folder = tmp_path / "app"
    folder.mkdir()
    source = folder / "views.py"
    source.write_text(COOKIE + "\n", encoding="utf-8")
    before = keyed("app", folder, [{"path": str(source), "line": 1, "column": 1, "code": "SFX301", "message": "m"}])
    source.write_text("import os\n\n" + COOKIE + "\n", encoding="utf-8")
    after = keyed("app", folder, [{"path": str(source), "line": 3, "column": 1, "code": "SFX301", "message": "m"}])
    entries = [baseline.entry_of(before[0], "tp", "why")]
    comparison = baseline.compare(after, entries)
    assert comparison.clean and comparison.matched[0][1]["verdict"] == "tp"
    assert baseline.updated(entries, comparison)[0]["line"] == 3


def test_a_partial_run_neither_matches_nor_loses_the_other_apps_entries(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "v.py").write_text(COOKIE + "\n", encoding="utf-8")
    mine = keyed("a", folder, [{"path": str(folder / "v.py"), "line": 1, "column": 1, "code": "SFX301",
                                "message": "m"}])[0]
    other = dict(baseline.entry_of(mine, "fp", "why"), app="b")
    comparison = baseline.compare([mine], [other], apps={"a"})
    assert comparison.new == [mine] and comparison.vanished == []
    assert {e["app"] for e in baseline.updated([other], comparison)} == {"a", "b"}


def test_the_table_counts_verdicts_per_code_and_outside_test_code():
    entries = [
        {"app": "a", "path": "a/views.py", "code": "SFX301", "verdict": "tp"},
        {"app": "a", "path": "a/views.py", "code": "SFX301", "verdict": "fp"},
        {"app": "a", "path": "a/tests/test_v.py", "code": "SFX301", "verdict": "fp"},
        {"app": "a", "path": "a/auth.py", "code": "SFX101", "verdict": "unreviewed"},
        {"app": "a", "path": "a/auth.py", "code": "SFX101", "verdict": "debatable"},
    ]
    app = corpus.App("a", "flask", corpus.Dist("a", "1.0", "a-1.0-py3-none-any.whl", "0" * 64))
    text = table.render(entries, (app,))
    assert "| SFX101 | 2 | 0 | 0 | 1 | 1 | 2 | 0 | 0 | 1 | 1 |" in text
    assert "| SFX301 | 3 | 1 | 2 | 0 | 0 | 2 | 1 | 1 | 0 | 0 |" in text
    assert "| **all** | 5 | 1 | 2 | 1 | 1 | 4 | 1 | 1 | 1 | 1 |" in text
    assert "Outside test code: 1 of 3 reviewed findings are true positives (33.3%)" in text
    assert "| a | 1.0 | flask | 5 | 4 |" in text


def test_unreviewed_findings_fail_until_update_adds_them_and_a_verdict_is_given(paths, capsys):
    app = fake_app(paths["cache"], "1.0", VIEWS)
    assert run(paths, app) == 1
    assert "4 unreviewed finding(s)" in capsys.readouterr().out
    assert run(paths, app, "--update") == 0
    entries = baseline.load(paths["baseline"])
    assert Counter((e["path"], e["code"], e["verdict"]) for e in entries) == {
        ("fakeapp/views.py", "SFX301", "unreviewed"): 2,
        ("fakeapp/views.py", "SFX302", "unreviewed"): 1,
        ("fakeapp/tests/test_views.py", "SFX301", "unreviewed"): 1,
    }
    assert sorted(e["occurrence"] for e in entries if e["text"] == COOKIE and "tests" not in e["path"]) == [0, 1]
    assert run(paths, app) == 1  # still unreviewed
    review(paths)
    capsys.readouterr()
    assert run(paths, app) == 0
    out = capsys.readouterr().out
    assert "| SFX301 | 3 | 3 | 0 | 0 | 0 | 2 | 2 | 0 | 0 | 0 |" in out
    assert paths["table"].read_text(encoding="utf-8") in out


def test_a_vanished_finding_fails_and_update_drops_it_keeping_the_other_verdicts(paths, capsys):
    app = fake_app(paths["cache"], "1.0", VIEWS)
    run(paths, app, "--update")
    review(paths, "fp")
    fewer = VIEWS.replace(f"    {COOKIE}\n", "", 1)  # one of the two identical lines goes
    app2 = fake_app(paths["cache"], "2.0", fewer)
    capsys.readouterr()
    assert run(paths, app2) == 1
    out = capsys.readouterr().out
    assert "1 vanished finding(s)" in out and "[was fp]" in out
    assert run(paths, app2, "--update") == 0
    entries = baseline.load(paths["baseline"])
    assert len(entries) == 3 and {e["verdict"] for e in entries} == {"fp"}
    assert run(paths, app2) == 0


def test_a_corpus_that_cannot_be_prepared_exits_2(paths, monkeypatch, capsys):
    def broken(cache, apps):
        raise HashMismatch("fakeapp-1.0-py3-none-any.whl: sha256 abc, pinned def")

    monkeypatch.setattr(corpus, "prepare", broken)
    assert run(paths, fake_app(paths["cache"], "1.0", VIEWS)) == 2
    assert "sha256 abc, pinned def" in capsys.readouterr().err


def test_a_baseline_verdict_outside_the_vocabulary_is_refused(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps([{"app": "a", "path": "p", "code": "SFX301", "text": "t", "occurrence": 0,
                                 "line": 1, "message": "m", "verdict": "maybe", "reason": ""}]))
    with pytest.raises(ValueError, match="maybe"):
        baseline.load(path)


def test_the_corpus_pins_at_least_five_apps_per_framework_with_full_hashes():
    per_framework = Counter(app.framework for app in corpus.APPS)
    # The first three frameworks have five apps or more; a framework added
    # later (issue 20: Pyramid) has at least one.
    assert len(corpus.APPS) >= 15 and min(per_framework[f] for f in ("flask", "django", "fastapi")) >= 5
    assert set(per_framework) >= {"flask", "django", "fastapi", "pyramid"}
    for app in corpus.APPS:
        assert len(app.dist.sha256) == 64 and app.dist.filename.endswith((".whl", ".tar.gz"))
    assert len({app.name for app in corpus.APPS}) == len(corpus.APPS)


def test_every_baseline_entry_is_reviewed_with_a_reason_and_keyed_once():
    entries = baseline.load()
    assert entries
    assert {e["app"] for e in entries} <= {app.name for app in corpus.APPS}
    for e in entries:
        assert e["verdict"] in baseline.VERDICTS and e["reason"].strip(), baseline.key_of(e)
    assert len({baseline.key_of(e) for e in entries}) == len(entries)


def test_the_committed_table_is_the_baselines():
    committed = (REPO / table.PATH).read_text(encoding="utf-8")
    assert committed == table.render(baseline.load(), corpus.APPS)
