"""How small is a new area? A tiny complaints area (苦情, JIS A.3.6), declared here the way a real
one is in ``app/areas/<area>/``: one register (its answer-due date computed from the workspace's
settings), one dashboard reminder, one board-report section.

It is plugged in by name only (``app.areas.AREA_MODULES``), touching no framework file, and then
works everywhere: records with validation and audit, the list query, export, the dashboard,
the board report, ``verify``, and its table comes from the declaration.
The lines between the SKETCH markers are the whole area (the closing note of issue 9 counts them).
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

# --- SKETCH: the complaints area ----------------------------------------------------------------
from app.areas import Area
from app.board.sections import kpi, section
from app.board.snapshot import Section
from app.dashboard import DueItem
from app.i18n import N_
from app.registers import Field, Kind, RegisterDef


def answer_due(conn, values):  # due = received + the organisation's SLA (its settings)
    days = conn.execute("SELECT default_dsr_sla_days FROM organisation").fetchone()[0] or 14
    received = values.get("received_on")
    return {"due_on": received + timedelta(days=days) if received else None}


COMPLAINTS = RegisterDef(
    key="complaints",
    table="complaint",
    title=N_("Complaints"),
    item_title=N_("Complaint"),
    area=N_("Complaints"),
    human_key="ref",
    display="summary",
    default_sort="received_on",
    conn_derive=answer_due,
    fields=(
        Field("ref", N_("Reference"), Kind.CODE, required=True, unique=True, list_column=True),
        Field("received_on", N_("Received on"), Kind.DATE, required=True, list_column=True),
        Field("summary", N_("Summary"), required=True, list_column=True, searchable=True),
        Field("due_on", N_("Answer due"), Kind.DATE, computed=True, list_column=True),
        Field("closed_on", N_("Closed on"), Kind.DATE, list_column=True),
    ),
)


def open_complaints(conn, today):
    rows = conn.execute("SELECT id, ref, due_on FROM complaint WHERE closed_on IS NULL")
    for record_id, ref, due in rows:
        yield DueItem(
            f"Answer {ref}", "", "complaints", record_id, "C-COMPLAINT", date.fromisoformat(due)
        )


@section(70, "complaints", N_("Complaints"))
def complaints_section(conn, period, language):
    count = conn.execute(
        "SELECT count(*) FROM complaint WHERE received_on BETWEEN ? AND ?",
        (period.start.isoformat(), period.end.isoformat()),
    ).fetchone()[0]
    return Section("complaints", "苦情", f"{count} 件", kpis=[kpi("苦情件数", count)])


AREA = Area(
    key="complaints",
    title=N_("Complaints"),
    registers=(COMPLAINTS,),
    reminders=(open_complaints,),
    board_sections=(complaints_section,),
)
# --- END SKETCH ----------------------------------------------------------------------------------


@pytest.fixture
def with_complaints(monkeypatch, tmp_path):
    import app.areas
    from app.registers import registry
    from app.registers.ddl import register_statements
    from app.storage.database import write_transaction
    from app.storage.workspace import Workspace

    monkeypatch.setattr(app.areas, "AREA_MODULES", (*app.areas.AREA_MODULES, __name__))
    app.areas.all_areas.cache_clear()
    registry._registers.cache_clear()
    ws = Workspace.create(tmp_path / "c.mamori", "complaints-sketch-passphrase")
    targets = {d.key: d for d in registry.all_registers()}
    with write_transaction(ws.conn):
        for statement in register_statements(COMPLAINTS, targets):  # what its migration would do
            ws.conn.execute(statement)
    yield ws
    ws.close()
    monkeypatch.undo()
    app.areas.all_areas.cache_clear()  # back to the real areas for the tests that follow
    registry._registers.cache_clear()


def test_the_sketch_is_a_whole_area_in_a_few_lines() -> None:
    text = Path(__file__).read_text(encoding="utf-8")
    sketch = text.split("# --- SKETCH")[1].split("# --- END SKETCH")[0]
    lines = [line for line in sketch.splitlines()[1:] if line.strip()]
    assert len(lines) <= 60, len(lines)


def test_a_new_area_works_everywhere_without_touching_the_framework(with_complaints) -> None:
    from app.areas.organisation.registers import ORGANISATION
    from app.board.report import build_snapshot, fiscal_year_period
    from app.dashboard import gather
    from app.registers import get_register
    from app.registers.export import export_register
    from app.registers.query import ListQuery, compile_query
    from app.registers.records import create_record, load_record, update_record
    from app.verify import verify_workspace

    conn = with_complaints.conn
    assert get_register("complaints") is COMPLAINTS
    first = create_record(conn, COMPLAINTS, {"ref": "C-1", "received_on": "令和7年6月2日",
                                             "summary": "配達時の個人情報の扱い"}).record_id  # fmt: skip
    second = create_record(
        conn, COMPLAINTS, {"ref": "C-2", "received_on": "2025-07-01", "summary": "電話"}
    ).record_id
    update_record(conn, ORGANISATION, 1, {"default_dsr_sla_days": 10})
    update_record(conn, COMPLAINTS, second, {"summary": "電話での苦情"})  # derived again on save
    assert load_record(conn, COMPLAINTS, second)["due_on"] == date(2025, 7, 11)
    update_record(conn, COMPLAINTS, first, {"closed_on": "2025-06-10"})
    rows = compile_query(COMPLAINTS, ListQuery(search="個人情報")).page(conn, 0, 10)
    assert [row[1] for row in rows] == ["C-1"]
    due = [item for item in gather(conn, date(2025, 7, 20)) if item.register == "complaints"]
    assert [(item.title, item.due) for item in due] == [("Answer C-2", date(2025, 7, 11))]
    snapshot = build_snapshot(conn, fiscal_year_period(conn, 2025, "ja"), language="ja")
    (chapter,) = [s for s in snapshot.sections if s.key == "complaints"]
    assert chapter.kpis[0].value == 2
    export = export_register(conn, COMPLAINTS, "csv", with_complaints.path.with_name("c.csv"))
    assert export.rows == 2
    assert verify_workspace(conn).ok
    assert sys.modules[__name__].AREA.registers == (COMPLAINTS,)
