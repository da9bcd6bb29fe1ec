"""Corrective actions (JIS A.3.8): raised from any source by the use case other areas call,
completed, checked for effectiveness on the deadline engine's schedule, redone when not effective,
with the loop's history kept."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.assurance.actions import raise_corrective_action
from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.areas.assurance.loop import action_chain, record_effectiveness
from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.dashboard import gather
from app.errors import ValidationError
from app.registers.records import create_record, load_record, update_record
from app.verify import verify_workspace


def _deadlines(conn, rule: str) -> list[tuple]:
    return conn.execute(
        "SELECT subject_id, trigger_date, due_date, status FROM deadline WHERE rule = ? "
        "ORDER BY id",
        (rule,),
    ).fetchall()


@pytest.fixture
def owner(workspace) -> int:
    conn = workspace.conn
    dept = create_record(conn, DEPARTMENTS, {"code": "D1", "name": "宅配センター"}).record_id
    return create_record(
        conn, PEOPLE, {"staff_no": "001", "name": "山田 花子", "department": dept}
    ).record_id


def test_raise_from_another_area_is_one_audited_write(workspace, owner) -> None:
    conn = workspace.conn
    entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    action = raise_corrective_action(
        conn,
        source="incident",
        source_label="事故 INC-2026-004",
        title="誤配の再発防止",
        owner_id=owner,
        due_on="2026-07-31",
        raised_on="2026-05-01",
    )
    values = load_record(conn, CORRECTIVE_ACTIONS, action)
    assert values["code"] == "CA-2026-001"
    assert (values["source"], values["status"], values["due_on"]) == (
        "incident",
        "open",
        date(2026, 7, 31),
    )
    # the insert and its deadline record (C-CA-ACTION, due on the action's own date)
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == entries + 2
    assert _deadlines(conn, "C-CA-ACTION") == [(action, "2026-05-01", "2026-07-31", "open")]
    second = raise_corrective_action(
        conn, source="management_review", source_label="MR 2026", title="規程改定"
    )
    assert load_record(conn, CORRECTIVE_ACTIONS, second)["code"] == f"CA-{date.today().year}-" + (
        "002" if date.today().year == 2026 else "001"
    )
    with pytest.raises(ValidationError) as refused:
        raise_corrective_action(conn, source="rumour", source_label="", title="x")
    assert "source" in refused.value.errors
    assert verify_workspace(conn).ok


def test_completion_schedules_the_check_and_a_failed_check_reopens_the_loop(
    workspace, owner
) -> None:
    conn = workspace.conn
    first = raise_corrective_action(
        conn,
        source="audit",
        source_label="内部監査 A-2026-01 指摘2",
        title="持出し記録の徹底",
        owner_id=owner,
        raised_on="2026-04-10",
    )
    assert _deadlines(conn, "C-CA-ACTION") == [(first, "2026-04-10", "2026-07-09", "open")]
    with pytest.raises(ValidationError) as too_early:
        record_effectiveness(conn, first, result="effective")
    assert "effectiveness" in too_early.value.errors
    with pytest.raises(ValidationError) as nothing_done:
        update_record(conn, CORRECTIVE_ACTIONS, first, {"completed_on": "2026-05-20"})
    assert "action" in nothing_done.value.errors
    update_record(
        conn,
        CORRECTIVE_ACTIONS,
        first,
        {"completed_on": "2026-05-20", "action": "持出し簿の様式を改め、週次で点検する"},
    )
    values = load_record(conn, CORRECTIVE_ACTIONS, first)
    assert (values["status"], values["effectiveness_due"]) == ("awaiting_check", date(2026, 8, 20))
    assert _deadlines(conn, "C-CA-ACTION")[0][3] == "done"
    assert _deadlines(conn, "C-CA-EFFECT") == [(first, "2026-05-20", "2026-08-20", "open")]
    due = [i for i in gather(conn, date(2026, 8, 25)) if i.rule == "C-CA-EFFECT"]
    assert [(i.record_id, i.due) for i in due] == [(first, date(2026, 8, 20))]

    outcome = record_effectiveness(
        conn,
        first,
        result="not_effective",
        checked_on="2026-08-25",
        note="持出し簿の記入漏れが続く",
    )
    assert outcome.new_action_id is not None
    old = load_record(conn, CORRECTIVE_ACTIONS, first)
    new = load_record(conn, CORRECTIVE_ACTIONS, outcome.new_action_id)
    assert (old["status"], old["closed_on"]) == ("redone", None)
    assert (new["previous"], new["status"], new["source"]) == (first, "open", "audit")
    assert new["title"].startswith("Redo CA-2026-001")
    assert _deadlines(conn, "C-CA-EFFECT")[0][3] == "done"
    with pytest.raises(ValidationError):
        record_effectiveness(conn, first, result="effective")

    update_record(
        conn,
        CORRECTIVE_ACTIONS,
        outcome.new_action_id,
        {"completed_on": "2026-09-15", "action": "持出しを申請制にし、管理者が承認する"},
    )
    again = record_effectiveness(
        conn, outcome.new_action_id, result="effective", checked_on="2026-12-15"
    )
    assert again.new_action_id is None
    closed = load_record(conn, CORRECTIVE_ACTIONS, outcome.new_action_id)
    assert (closed["status"], closed["closed_on"]) == ("closed", date(2026, 12, 15))
    chain = action_chain(conn, outcome.new_action_id)
    assert [(link.id, link.status) for link in chain] == [
        (first, "redone"),
        (outcome.new_action_id, "closed"),
    ]
    assert action_chain(conn, first) == chain
    assert verify_workspace(conn).ok


def test_overdue_action_is_on_the_dashboard(workspace) -> None:
    conn = workspace.conn
    action = create_record(
        conn,
        CORRECTIVE_ACTIONS,
        {"title": "苦情対応手順の見直し", "source": "complaint", "raised_on": "2026-01-05",
         "due_on": "2026-02-28"},
    ).record_id  # fmt: skip
    items = [i for i in gather(conn, date(2026, 3, 10)) if i.rule == "C-CA-ACTION"]
    assert [(i.record_id, i.due, i.bucket(date(2026, 3, 10)).name) for i in items] == [
        (action, date(2026, 2, 28), "OVERDUE")
    ]
