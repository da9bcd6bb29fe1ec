"""A "no" of an operation check and a management review's action item become tracked corrective
actions in one step; the review's follow-up and chapter 13 read their status."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.areas.review.actions import (
    NothingToRaiseError,
    raise_for_answer,
    raise_for_check,
    raise_review_actions,
)
from app.areas.review.mr_inputs import action_status
from app.areas.review.opchecks import new_operation_check
from app.areas.review.registers_checks import OPERATION_CHECK_ITEMS
from app.areas.review.registers_mr import MANAGEMENT_REVIEWS, REVIEW_ACTIONS
from app.registers.children import child_ids
from app.registers.records import create_record, load_record, update_record


@pytest.fixture
def check(workspace):
    conn = workspace.conn
    manager = create_record(
        conn, PEOPLE, {"staff_no": "101", "name": "山田 花子", "employment_type": "regular"}
    ).record_id
    store = create_record(
        conn, DEPARTMENTS, {"code": "ST", "name": "日吉店", "manager": manager}
    ).record_id
    check_id = new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30)).record_id
    rows = {
        load_record(conn, OPERATION_CHECK_ITEMS, row)["item"]: row
        for row in child_ids(conn, OPERATION_CHECK_ITEMS, check_id)
    }
    update_record(conn, OPERATION_CHECK_ITEMS, rows["screen_lock"],
                  {"answer": "no", "note": "ロックなしの端末が2台"})  # fmt: skip
    update_record(conn, OPERATION_CHECK_ITEMS, rows["carry_out"], {"answer": "no"})
    update_record(conn, OPERATION_CHECK_ITEMS, rows["disposal"], {"answer": "yes"})
    return conn, check_id, rows, manager, store


def test_every_no_of_a_check_becomes_a_linked_corrective_action_once(check) -> None:
    conn, check_id, rows, manager, store = check
    changes = raise_for_check(conn, check_id, today=date(2026, 7, 10))
    assert changes.count == 2 and "corrective_actions" in changes.registers
    first = load_record(conn, OPERATION_CHECK_ITEMS, rows["screen_lock"])["corrective_action"]
    action = load_record(conn, CORRECTIVE_ACTIONS, first)
    assert (action["source"], action["owner"], action["department"]) == (
        "operation_check", manager, store
    )  # fmt: skip
    assert action["source_label"] == "運用の確認 日吉店 2026/04/01〜2026/06/30"
    assert action["title"] == "離席時にパソコンの画面をロックしている(ロックなしの端末が2台)"
    assert action["raised_on"] == date(2026, 7, 10) and action["status"] == "open"
    assert load_record(conn, OPERATION_CHECK_ITEMS, rows["disposal"])["corrective_action"] is None
    with pytest.raises(NothingToRaiseError):
        raise_for_check(conn, check_id)
    assert conn.execute("SELECT count(*) FROM corrective_action").fetchone()[0] == 2


def test_one_answer_raises_alone_and_only_a_no_can(check) -> None:
    conn, _check_id, rows, _manager, _store = check
    raise_for_answer(conn, rows["carry_out"], today=date(2026, 7, 10))
    assert load_record(conn, OPERATION_CHECK_ITEMS, rows["carry_out"])["corrective_action"]
    with pytest.raises(NothingToRaiseError):
        raise_for_answer(conn, rows["disposal"])
    assert conn.execute("SELECT count(*) FROM corrective_action").fetchone()[0] == 1


def test_review_action_items_become_tracked_and_their_status_is_followed(workspace) -> None:
    conn = workspace.conn
    review = create_record(
        conn, MANAGEMENT_REVIEWS, {"title": "2025年度 代表者による見直し", "held_on": "2026-05-15"}
    ).record_id
    for title, due in (("多要素認証の導入", "2026-09-30"), ("持出し申請の電子化", "2027-01-31")):
        create_record(conn, REVIEW_ACTIONS, {"review": review, "title": title, "due_on": due})
    assert raise_review_actions(conn, review, today=date(2026, 5, 20)).count == 2
    actions = conn.execute(
        "SELECT c.id, c.source, c.source_label, c.due_on FROM management_review_action a "
        "JOIN corrective_action c ON c.id = a.corrective_action_id ORDER BY a.id"
    ).fetchall()
    assert [row[1:] for row in actions] == [
        ("management_review", "2025年度 代表者による見直し", "2026-09-30"),
        ("management_review", "2025年度 代表者による見直し", "2027-01-31"),
    ]
    update_record(conn, CORRECTIVE_ACTIONS, actions[1][0],
                  {"action": "申請様式を電子化した", "completed_on": "2026-08-01"})  # fmt: skip
    status = action_status(conn, review, date(2026, 10, 15))
    assert status == {"items": 2, "tracked": 2, "closed": 0, "awaiting_check": 1, "overdue": 1}
    with pytest.raises(NothingToRaiseError):
        raise_review_actions(conn, review)
