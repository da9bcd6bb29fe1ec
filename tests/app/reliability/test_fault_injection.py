"""A small sample of the fault-injection harness (``python -m tools.faults`` runs hundreds): each
operation SIGKILLed once at a random tick; the workspace must open, verify and be all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import faults


@pytest.mark.parametrize("seed", [18])
def test_every_operation_survives_a_sigkill(tmp_path: Path, seed: int) -> None:
    lines: list[str] = []
    results = faults.run(faults.OPS, len(faults.OPS), seed, tmp_path, lines.append, timed_share=0)
    assert set(results) == set(faults.OPS)
    failures = [failure for figures in results.values() for failure in figures.failures]
    assert failures == []
    for op, figures in results.items():
        assert figures.trials == 1, op
        assert figures.killed + figures.finished == 1, op
        assert "broken" not in figures.states and "partial" not in figures.states, op
