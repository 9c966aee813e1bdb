"""The benchmark script's pure parts: pins, hash checks, targets, the table.
Nothing here times anything: speed is measured by `make bench`."""

from __future__ import annotations

import re
import sys
import zipfile

import pytest

from bench import corpus, report, targets
from bench.measure import run_once


def _results(**cpu):
    """Measurement key -> results: the same CPU and wall seconds, three runs."""
    return {key.replace("_", " "): {"cpu": [v] * 3, "wall": [v] * 3, "rss": 40.0} for key, v in cpu.items()}


def test_every_pin_is_an_exact_wheel_with_a_full_sha256():
    for wheel in corpus.PINNED:
        assert wheel.filename.endswith("-py3-none-any.whl")
        assert wheel.version in wheel.filename
        assert re.fullmatch(r"[0-9a-f]{64}", wheel.sha256)


def test_verify_accepts_the_pinned_hash_and_rejects_any_other(tmp_path):
    path = tmp_path / "x.whl"
    path.write_bytes(b"wheel")
    digest = corpus.sha256_of(path)
    corpus.verify(path, digest.upper())
    path.write_bytes(b"tampered wheel")
    with pytest.raises(corpus.HashMismatch, match="x.whl: sha256"):
        corpus.verify(path, digest)


def test_unpack_keeps_the_python_files_and_drops_the_metadata(tmp_path):
    wheel = tmp_path / "pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("pkg/__init__.py", "x = 1\n")
        archive.writestr("pkg/data.json", "{}")
        archive.writestr("pkg-1.0.dist-info/METADATA", "Name: pkg")
        archive.writestr("pkg-1.0.dist-info/odd.py", "")
    target = corpus.unpack(wheel, tmp_path / "out")
    assert [p.relative_to(target).as_posix() for p in sorted(target.rglob("*.py"))] == ["pkg/__init__.py"]
    assert not (target / "pkg" / "data.json").exists()


def test_unpack_lays_an_sdist_out_like_a_wheel_without_its_top_folder(tmp_path):
    import io
    import tarfile

    sdist = tmp_path / "pkg-1.0.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for name, text in (("pkg-1.0/pkg/views.py", "x = 1\n"), ("pkg-1.0/setup.py", ""),
                           ("pkg-1.0/pkg/data.json", "{}"), ("pkg-1.0/pkg.egg-info/odd.py", ""),
                           ("pkg-1.0/../escape.py", "")):
            data = text.encode()
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    target = corpus.unpack(sdist, tmp_path / "out")
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*.py")) == ["pkg/views.py", "setup.py"]
    assert not (tmp_path / "escape.py").exists()


def test_the_flake8_target_is_fixlints_share_of_the_sfx_run_with_two_runs_beside():
    results = _results(**{"flake8_plain_django": 20.0, "flake8_sfx_django": 21.0})
    results["flake8 sfx django"]["fixlint_cpu"] = [1.0, 1.2, 3.0]
    found = {t.key: t for t in targets.judge(results)}
    # 1.0 / 20.0, 1.2 / 19.8, 3.0 / 18.0 -> median 6.1%
    assert found["flake8"].measured == "+6.1% inside the run; two runs: +5.0% CPU, +5.0% wall"
    assert found["flake8"].met is True
    results["flake8 sfx django"]["fixlint_cpu"] = [2.5, 2.5, 2.5]
    assert {t.key: t for t in targets.judge(results)}["flake8"].met is False


def test_targets_report_misses_and_what_was_not_measured():
    found = {t.key: t for t in targets.judge(
        _results(fixlint_j1=3.0, floor=1.5, bandit=2.0, **{"fixlint_j1_1x": 3.0, "fixlint_j1_4x": 12.3}),
        missing={"semgrep": "n/a (no exported rules)"})}
    assert (found["floor"].measured, found["floor"].met) == ("2.00x (wall 2.00x)", False)
    assert found["bandit"].met is False
    assert found["scaling"].met is True
    assert (found["semgrep"].measured, found["semgrep"].met) == ("n/a (no exported rules)", None)
    assert (found["flake8"].measured, found["flake8"].met) == ("not measured", None)
    assert (found["rss"].measured, found["rss"].met) == ("40 MB", True)


def test_ratios_pair_runs_that_ran_back_to_back():
    results = {"fixlint j1": {"cpu": [3.0, 6.0, 3.3], "wall": [3.0, 6.0, 3.3], "rss": 40.0},
               "floor": {"cpu": [2.0, 4.0, 2.0], "wall": [2.0, 4.0, 2.0], "rss": 20.0}}
    found = {t.key: t for t in targets.judge(results)}
    # Run by run: 1.5, 1.5, 1.65 -> 1.5 (the medians alone would give 3.3 / 2.0).
    assert found["floor"].measured == "1.50x (wall 1.50x)"
    assert found["floor"].met is True


def _document():
    run = [{"wall": 2.0, "cpu": 1.9, "rss_mb": 30.0}]
    stats = {"median": 1.9, "min": 1.8, "max": 2.25}
    return {
        "date": "2025-01-02", "repeat": 3,
        "machine": {"cpu": "Test CPU", "cores": 2, "memory_gib": 4.0, "os": "Linux 6", "python": "3.11.7",
                    "versions": {"fixlint": "0.1.0 (abc1234)", "semgrep": None}},
        "corpus": {"packages": [{"name": "Django 5.2", "files": 10, "lines": 1234}], "files": 10, "lines": 1234},
        "measurements": [{"key": "fixlint j1", "label": "fixlint check -j1", "on": "corpus", "runs": run,
                          "cpu": stats, "wall": stats, "rss_mb": 30.0}],
        "skipped": {"semgrep --config rules/": "n/a (no exported rules)"},
        "targets": [{"key": "rss", "text": "under 150 MB", "measured": "30 MB", "met": True},
                    {"key": "floor", "text": "at most 1.5x", "measured": "2.00x", "met": False}],
    }


def test_the_markdown_table_shows_median_range_machine_and_verdicts():
    text = report.markdown(_document())
    assert "| `fixlint check -j1` | corpus | 1 | 1.90 (1.80–2.25) | 1.90 (1.80–2.25) | 30 |" in text
    assert "| `semgrep --config rules/` | corpus | | n/a (no exported rules) | | |" in text
    assert "Machine: Test CPU, 2 cores, 4.0 GiB, Linux 6, Python 3.11.7. Versions: fixlint 0.1.0 (abc1234)." in text
    assert "Django 5.2 (10 files) — 10 files, 1,234 lines." in text
    assert "| under 150 MB | 30 MB | **met** |" in text
    assert "| at most 1.5x | 2.00x | not met |" in text


def test_a_measurement_record_keeps_every_run_and_the_peak_rss():
    from bench.measure import Run
    from bench.tools import Measurement

    runs = [Run(3.0, 2.0, 30.0, 0), Run(1.0, 1.0, 35.0, 0), Run(2.0, 4.0, 20.0, 0, fixlint_cpu=0.5)]
    record = report.measurement_record(Measurement("k", "label", "corpus", ()), runs)
    assert record["cpu"] == {"median": 2.0, "min": 1.0, "max": 4.0}
    assert record["wall"] == {"median": 2.0, "min": 1.0, "max": 3.0}
    assert record["rss_mb"] == 35.0
    assert record["runs"][1] == {"wall": 1.0, "cpu": 1.0, "rss_mb": 35.0}
    assert record["runs"][2]["fixlint_cpu"] == 0.5


def test_run_once_reads_fixlints_share_from_the_file_the_command_writes(tmp_path):
    share = tmp_path / "share.txt"
    code = f"open({str(share)!r}, 'w').write('1.25\\n')"
    assert run_once([sys.executable, "-c", code], share_file=str(share)).fixlint_cpu == 1.25


def test_run_once_reports_one_child_and_fails_on_an_unexpected_status():
    run = run_once([sys.executable, "-c", "import sys; sys.exit(1)"])
    assert run.returncode == 1 and run.rss_mb > 0 and run.cpu >= 0
    from bench.measure import CommandFailed

    with pytest.raises(CommandFailed, match="exited 3"):
        run_once([sys.executable, "-c", "import sys; print('boom', file=sys.stderr); sys.exit(3)"])


def test_flake8_share_runs_flake8_and_writes_fixlints_cpu_seconds(tmp_path):
    import subprocess
    from pathlib import Path

    (tmp_path / "app.py").write_text(
        "from flask import make_response\n\n\ndef view():\n"
        "    resp = make_response('ok')\n    resp.set_cookie('sid', 'v', httponly=True, samesite='Lax')\n"
        "    return resp\n")
    script = Path(__file__).resolve().parent.parent / "bench" / "flake8_share.py"
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "share.txt"), "--isolated", "-j1",
                           "--select", "SFX302", "app.py"], cwd=tmp_path, capture_output=True, text=True)
    assert (done.returncode, done.stdout.split()[1]) == (1, "SFX302")
    assert float((tmp_path / "share.txt").read_text()) > 0


def test_run_once_reads_the_servers_latency_into_its_own_field(tmp_path):
    share = tmp_path / "latency.txt"
    code = f"open({str(share)!r}, 'w').write('12.5\\n')"
    run = run_once([sys.executable, "-c", code], share_file=str(share), figure="latency_ms")
    assert (run.latency_ms, run.fixlint_cpu) == (12.5, None)


def test_the_latency_target_is_the_median_of_the_runs_medians():
    results = {"lsp latency": {"cpu": [1.0] * 3, "wall": [2.0] * 3, "latency_ms": [30.0, 45.0, 80.0], "rss": 50.0}}
    found = {t.key: t for t in targets.judge(results)}["lsp"]
    assert (found.measured, found.met) == ("45 ms (runs: 30-80 ms)", True)
    results["lsp latency"]["latency_ms"] = [55.0, 60.0, 70.0]
    assert {t.key: t for t in targets.judge(results)}["lsp"].met is False
    assert {t.key: t for t in targets.judge({})}["lsp"].met is None


def test_the_latency_benchmarks_module_has_the_lines_asked_and_findings_to_change():
    import ast

    from bench.lsp_latency import flipped, module
    from fixlint.config import Config
    from fixlint.runner import check_source
    from fixlint.selection import select_rules

    text = module(2000)
    assert text.count("\n") == 2000
    ast.parse(text)
    edited, index, line = flipped(text, 0)
    assert edited.split("\n")[index] == line and "secure=False" in line
    before = {f.line for f in check_source("app.py", text, Config(), select_rules()).findings if f.code == "SFX302"}
    after = {f.line for f in check_source("app.py", edited, Config(), select_rules()).findings if f.code == "SFX302"}
    assert after - before == {index + 1}
