"""Child registers (``parent=``): a risk assessment and its items saved together, validated and
audited row by row, all or nothing; deleting the parent deletes its children."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from app.areas.assets.registers import RISK_ASSESSMENTS, RISK_ITEMS
from app.errors import ValidationError
from app.registers.children import child_ids, save_with_children
from app.registers.records import child_registers, delete_record, load_record
from app.storage.audit import iter_entries
from app.storage.workspace import Workspace
from app.verify import verify_workspace

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    copy = tmp_path / "v5.mamori"
    shutil.copyfile(DATA / "db_v5" / "workspace.mamori", copy)
    with Workspace.open(copy, "mamori-fixture-v5") as workspace:
        yield workspace


def test_risk_items_are_children_of_their_assessment() -> None:
    assert child_registers(RISK_ASSESSMENTS) == [RISK_ITEMS]


def test_an_assessment_and_its_items_are_saved_together(ws: Workspace) -> None:
    conn = ws.conn
    (assessment,) = [row[0] for row in conn.execute("SELECT id FROM risk_assessment")]
    first, _second = child_ids(conn, RISK_ITEMS, assessment)
    entries = len(list(iter_entries(conn)))
    changes = save_with_children(
        conn,
        RISK_ASSESSMENTS,
        assessment,
        {"notes": "年次見直し"},
        {
            "risk_items": [
                (first, {"residual_likelihood": 1, "residual_impact": 2}),  # changed
                (
                    None,
                    {
                        "phase": "dispose",
                        "threat": "misdelivery",
                        "inherent_impact": 2,
                        "inherent_likelihood": 1,
                    },
                ),  # new
            ]  # the second item is no longer listed: deleted
        },
        user="officer",
    )
    assert changes.registers == {"risk_assessments", "risk_items"}
    items = child_ids(conn, RISK_ITEMS, assessment)
    threats = [load_record(conn, RISK_ITEMS, item)["threat"] for item in items]
    assert items[0] == first and threats == ["interception", "misdelivery"]  # 誤入力 deleted
    assert load_record(conn, RISK_ITEMS, first)["residual_score"] == 2  # derived on save
    actions = [e.action for e in iter_entries(conn)][entries:]
    assert sorted(actions) == ["delete", "insert", "update", "update"]
    assert verify_workspace(conn).ok


def test_a_bad_row_refuses_the_whole_save(ws: Workspace) -> None:
    conn = ws.conn
    (assessment,) = [row[0] for row in conn.execute("SELECT id FROM risk_assessment")]
    before = child_ids(conn, RISK_ITEMS, assessment)
    entries = len(list(iter_entries(conn)))
    with pytest.raises(ValidationError) as info:
        save_with_children(
            conn,
            RISK_ASSESSMENTS,
            assessment,
            {"assessed_at": date(2026, 10, 1)},
            {"risk_items": [(None, {"phase": "store"}), (None, {"threat": "x"})]},
        )
    assert "risk_items.1.threat" in info.value.errors
    assert "risk_items.2.phase" in info.value.errors
    assert child_ids(conn, RISK_ITEMS, assessment) == before
    assert load_record(conn, RISK_ASSESSMENTS, assessment)["assessed_at"] == date(2025, 10, 1)
    assert len(list(iter_entries(conn))) == entries


def test_deleting_an_assessment_deletes_its_items(ws: Workspace) -> None:
    conn = ws.conn
    (assessment,) = [row[0] for row in conn.execute("SELECT id FROM risk_assessment")]
    items = child_ids(conn, RISK_ITEMS, assessment)
    changes = delete_record(conn, RISK_ASSESSMENTS, assessment)
    assert changes.registers == {"risk_assessments", "risk_items"}
    assert conn.execute("SELECT count(*) FROM risk_item").fetchone()[0] == 0
    deleted = [e.record_id for e in iter_entries(conn, "WHERE action = 'delete'")
               if e.register == "risk_items"]  # fmt: skip
    assert sorted(deleted) == sorted(items)
    assert verify_workspace(conn).ok
