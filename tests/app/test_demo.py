"""The demo workspace: any number of staff validates, and a failed build leaves no file behind."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from app import demo
from app.areas import all_areas
from app.areas.organisation.demo import _person_rows
from app.cli import EXIT_FAILED, EXIT_OK, build_parser, run_command
from app.storage.database import Connection, scalar
from app.storage.workspace import Workspace

TODAY = date(2026, 12, 4)


def run(*argv: str) -> int:
    return run_command(build_parser().parse_args(["--lang", "en", *argv]))


def test_leavers_never_leave_before_they_were_hired() -> None:
    departments = {row[0]: number for number, row in enumerate(demo.DEPARTMENT_ROWS, 1)}
    rows = _person_rows(random.Random(demo.SEED), 1000, departments, date.today())
    for row in rows:
        if row["leave_date"] is not None:
            assert row["hire_date"] <= row["leave_date"] <= TODAY, row["staff_no"]


def test_demo_with_1000_people_from_the_command_line(tmp_path: Path) -> None:
    target = tmp_path / "big.mamori"
    assert run("demo", str(target), "--people", "1000") == EXIT_OK
    with Workspace.open(target, demo.DEMO_PASSPHRASE) as ws:
        assert scalar(ws.conn, "SELECT count(*) FROM person") == 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.mamori"]


def test_a_failed_demo_leaves_no_partial_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_step(conn: Connection, rng: random.Random, today: date, people: int) -> None:
        raise RuntimeError("the disk filled up")

    areas = [*all_areas(), SimpleNamespace(demo=(broken_step,))]  # a last area whose step fails
    monkeypatch.setattr(demo, "all_areas", lambda: areas)
    with pytest.raises(RuntimeError, match="disk filled up"):
        demo.build_demo_workspace(tmp_path / "demo.mamori", demo.DEMO_PASSPHRASE, people=20)
    assert list(tmp_path.iterdir()) == []


def test_a_demo_never_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "demo.mamori"
    target.write_bytes(b"someone's work")
    assert run("demo", str(target), "--people", "8") == EXIT_FAILED
    assert target.read_bytes() == b"someone's work"
    assert list(tmp_path.iterdir()) == [target]


def test_the_built_demo_stays_open_at_its_final_path(tmp_path: Path) -> None:
    target = tmp_path / "demo.mamori"
    with demo.build_demo_workspace(target, demo.DEMO_PASSPHRASE, people=20, today=TODAY) as ws:
        assert ws.path == target
        assert scalar(ws.conn, "SELECT count(*) FROM person") == 20
        extra = ws.connect()
        assert scalar(extra, "SELECT count(*) FROM department") == len(demo.DEPARTMENT_ROWS)
        extra.close()
