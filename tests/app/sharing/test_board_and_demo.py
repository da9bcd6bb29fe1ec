"""Chapter 9 of the board report and the demo's sharing data; every register exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.areas.sharing.area import AREA
from app.areas.sharing.disposal import disposal_due
from app.areas.sharing.lookup import provision_records_for
from app.board.report import build_snapshot, fiscal_year_period
from app.board.sections import PLANNED_CHAPTERS
from app.dashboard import gather
from app.demo import DEMO_PASSPHRASE, build_demo_workspace
from app.registers.export import export_register
from app.verify import verify_workspace

TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "d.mamori"
    with build_demo_workspace(path, DEMO_PASSPHRASE, people=60, today=TODAY) as ws:
        yield ws


def _chapter(conn):
    snapshot = build_snapshot(conn, fiscal_year_period(conn, 2026, "en"), language="en",
                              today=TODAY)  # fmt: skip
    (chapter,) = [section for section in snapshot.sections if section.key == "sharing"]
    return chapter


def test_the_chapter_fills_the_reserved_chapter_nine(demo) -> None:
    assert (90, "sharing") in [(order, key) for order, key, _title in PLANNED_CHAPTERS]
    chapter = _chapter(demo.conn)
    assert chapter.recorded and not chapter.empty
    kpis = {kpi.label: kpi.value for kpi in chapter.kpis}
    assert kpis["Records with every required item"] == 100.0
    assert kpis["Joint-use arrangements in force"] == 3
    assert kpis["Disposals done against due"] == 50.0  # PR-05 disposed of; A039 still held
    assert kpis["Anonymised datasets with a publication or notice gap"] == 0
    by_basis = {row[0]: row[1:] for row in chapter.tables[0].rows}
    assert by_basis["Consent of the person (art. 27(1))"][:4] == [2, 1, 3, 3]
    people = ("山田", "鈴木", "佐々木", "高橋", "伊藤", "渡辺")
    text = repr(chapter)
    assert not [name for name in people if name in text]  # counts, not names


def test_the_demo_feeds_the_due_list_dashboard_and_lookup(demo) -> None:
    conn = demo.conn
    due = [(item.register, item.label.split()[0]) for item in disposal_due(conn, TODAY)]
    assert due == [("assets", "A039"), ("provision_records", "PR-06")]
    rules = {item.rule for item in gather(conn, TODAY)}
    assert {"R-JOINTUSE-PRIOR", "RET-PROV-END", "R-PROV-RECORD", "DISPOSAL-CERTIFICATE"} <= rules
    assert [match.ref for match in provision_records_for(conn, "山田太郎")] == ["PR-01"]
    assert [match.ref for match in provision_records_for(conn, "やまだ たろう")] == ["PR-01"]
    assert verify_workspace(conn).ok


def test_every_register_of_the_area_exports(demo, tmp_path: Path) -> None:
    for defn in AREA.registers:
        target = tmp_path / f"{defn.key}.xlsx"
        result = export_register(demo.conn, defn, "xlsx", target)
        assert result.rows >= 1, defn.key
        sheet = openpyxl.load_workbook(target).active
        assert sheet.max_row >= 2
