"""Deleting several records: one transaction, one audit entry per record, all or nothing."""

from __future__ import annotations

import pytest

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.audit_view import AuditFilter, count_entries, query_entries
from app.errors import RecordInUseError
from app.registers.records import create_record, delete_record, delete_records
from app.verify import verify_workspace


def _department(conn, code: str, **values) -> int:
    return create_record(conn, DEPARTMENTS, {"code": code, "name": f"{code}部", **values}).record_id


def _codes(conn) -> list[str]:
    return [row[0] for row in conn.execute("SELECT code FROM department ORDER BY code")]


def test_several_records_go_in_one_change_with_an_audit_entry_each(workspace):
    conn = workspace.conn
    ids = [_department(conn, code) for code in ("A", "B", "C")]
    keep = _department(conn, "KEEP")
    before = count_entries(conn, AuditFilter())
    changes = delete_records(conn, DEPARTMENTS, ids, user="hanako")
    assert changes.registers == {"departments"}
    assert changes.count == 3
    assert _codes(conn) == ["KEEP"]
    deletions = query_entries(conn, AuditFilter(action="delete"))
    assert sorted(entry.record_id for entry in deletions) == sorted(ids)
    assert {entry.record_label for entry in deletions} == {"A A部", "B B部", "C C部"}
    assert {entry.os_user for entry in deletions} == {"hanako"}
    assert count_entries(conn, AuditFilter()) == before + 3
    assert keep not in {entry.record_id for entry in deletions}
    assert verify_workspace(conn).ok


def test_one_record_in_use_means_nothing_is_deleted(workspace):
    conn = workspace.conn
    a, b, c = (_department(conn, code) for code in ("A", "B", "C"))
    create_record(conn, PEOPLE, {"staff_no": "001", "name": "山田 花子",
                                 "employment_type": "regular", "department": b})  # fmt: skip
    before = count_entries(conn, AuditFilter())
    with pytest.raises(RecordInUseError) as raised:
        delete_records(conn, DEPARTMENTS, [a, b, c])
    message = str(raised.value)
    assert message.startswith("Nothing was deleted: “B B部” cannot be deleted.")
    assert "People (1)" in message
    assert _codes(conn) == ["A", "B", "C"]  # A was deleted first, and rolled back
    assert count_entries(conn, AuditFilter()) == before
    assert verify_workspace(conn).ok
    assert not conn.in_transaction


def test_a_record_referred_to_only_by_the_selection_goes_after_it(workspace):
    conn = workspace.conn
    parent = _department(conn, "P")
    child = _department(conn, "P1", parent=parent)
    changes = delete_records(conn, DEPARTMENTS, [parent, child])
    assert changes.count == 2
    assert _codes(conn) == []
    order = [
        entry.record_id for entry in reversed(query_entries(conn, AuditFilter(action="delete")))
    ]
    assert order == [child, parent]


def test_one_record_keeps_its_own_message(workspace):
    conn = workspace.conn
    parent = _department(conn, "P")
    _department(conn, "P1", parent=parent)
    with pytest.raises(RecordInUseError, match="other records refer to it: Departments"):
        delete_record(conn, DEPARTMENTS, parent)
    extra = _department(conn, "X")
    assert delete_records(conn, DEPARTMENTS, [extra, extra]).count == 1  # a repeat is one record
    assert _codes(conn) == ["P", "P1"]


def test_several_parents_go_with_their_children_each_audited(workspace):
    from datetime import date

    from app.areas.assets.registers import ASSETS, RISK_ASSESSMENTS, RISK_ITEMS

    conn = workspace.conn
    hq = _department(conn, "HQ")
    asset = create_record(
        conn, ASSETS, {"asset_no": "A1", "name": "注文書", "owner_department": hq}
    ).record_id
    assessments = []
    for day in (date(2025, 4, 1), date(2026, 4, 1)):
        assessment = create_record(
            conn, RISK_ASSESSMENTS, {"asset": asset, "assessed_at": day}
        ).record_id
        for threat in ("theft_loss", "left_unlocked"):
            create_record(conn, RISK_ITEMS, {"assessment": assessment, "phase": "store",
                                             "threat": threat, "inherent_impact": 2,
                                             "inherent_likelihood": 2})  # fmt: skip
        assessments.append(assessment)
    changes = delete_records(conn, RISK_ASSESSMENTS, assessments)
    assert {"risk_assessments", "risk_items"} <= changes.registers  # and their deadlines
    assert changes.count == 2
    assert conn.execute("SELECT count(*) FROM risk_item").fetchone()[0] == 0
    deleted = query_entries(conn, AuditFilter(action="delete"))
    assert sorted(entry.register for entry in deleted) == [
        "risk_assessments", "risk_assessments", "risk_items", "risk_items", "risk_items",
        "risk_items",
    ]  # fmt: skip
    assert verify_workspace(conn).ok
