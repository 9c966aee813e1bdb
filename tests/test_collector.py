"""engine.collector: the cyclic collector kept out of a check's way."""

from __future__ import annotations

import gc

from fixlint.engine import collector


def test_skip_at_exit_registers_one_freeze_per_process(monkeypatch):
    registered = []
    monkeypatch.setattr(collector.atexit, "register", registered.append)
    monkeypatch.setattr(collector, "_SKIPPING", [])
    collector.skip_at_exit()
    collector.skip_at_exit()
    assert registered == [gc.freeze]


def test_paused_restores_the_collector_and_leaves_a_disabled_one_disabled():
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_frozen_freezes_again_what_its_block_made_and_gives_all_back():
    """`fixlint check` freezes the project model it built inside the block
    (the `gc.freeze` the block gets) and gives it back at the block's end."""
    with collector.frozen() as freeze:
        before = gc.get_freeze_count()
        made = [[] for _ in range(100)]
        freeze()
        assert gc.get_freeze_count() >= before + len(made)
    assert gc.get_freeze_count() == 0
