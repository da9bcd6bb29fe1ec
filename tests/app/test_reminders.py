"""Dashboard reminders of the foundation registers, on the demo co-op and on hand-made cases."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.areas.organisation.reminders import pmark_renewal_window
from app.dashboard import Bucket, DueItem, gather
from app.demo import DEMO_PASSPHRASE, build_demo_workspace
from app.registers.records import create_record, update_record
from app.storage.workspace import Workspace

TODAY = date(2026, 11, 25)
DEMO_EXPIRY = date(2027, 6, 30)  # app.demo.ORGANISATION_VALUES["pmark_expiry"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    ws = build_demo_workspace(
        tmp_path_factory.mktemp("demo") / "demo.mamori", DEMO_PASSPHRASE, today=TODAY
    )
    yield ws
    ws.close()


def by_rule(items: list[DueItem], rule: str) -> list[DueItem]:
    return [item for item in items if item.rule == rule]


def test_demo_department_without_manager(demo: Workspace) -> None:
    (item,) = by_rule(gather(demo.conn, TODAY), "O09")
    assert item.title == "Name a manager for DC-SG 相模原配送センター"
    assert item.register == "departments"
    expected_id = demo.conn.execute("SELECT id FROM department WHERE code = 'DC-SG'").fetchone()[0]
    assert item.record_id == expected_id
    assert item.bucket(TODAY) is Bucket.NOTICE


def test_demo_leavers_still_active(demo: Workspace) -> None:
    items = by_rule(gather(demo.conn, TODAY), "H06")
    expected = demo.conn.execute(
        "SELECT id, staff_no, leave_date FROM person WHERE active = 1 AND leave_date < ? "
        "ORDER BY leave_date",
        (TODAY.isoformat(),),
    ).fetchall()
    assert len(expected) == 4  # the demo leaves every 74th person active after leaving
    assert [(i.record_id, i.due) for i in items] == [
        (record_id, date.fromisoformat(left)) for record_id, _no, left in expected
    ]
    for item, (_id, staff_no, _left) in zip(items, expected, strict=True):
        assert item.register == "people"
        assert item.title.startswith(f"Close the leaver process: {staff_no} ")
        assert item.bucket(TODAY) is Bucket.OVERDUE
    # leavers already made inactive are not reminded
    inactive_leavers = demo.conn.execute(
        "SELECT id FROM person WHERE active = 0 AND leave_date IS NOT NULL"
    ).fetchall()
    assert inactive_leavers
    assert not {row[0] for row in inactive_leavers} & {i.record_id for i in items}


def test_demo_has_its_officers_so_no_appointment_notice(demo: Workspace) -> None:
    items = gather(demo.conn, TODAY)
    assert by_rule(items, "O01") == []
    assert by_rule(items, "O02") == []


def test_pmark_renewal_window_dates() -> None:
    opens, closes = pmark_renewal_window(DEMO_EXPIRY)
    assert opens == date(2026, 10, 30)  # expiry - 8 months
    assert closes == date(2027, 3, 1)  # expiry - 4 months = Sun 2027-02-28, rolled to Monday


@pytest.mark.parametrize(
    ("today", "title", "due", "bucket"),
    [
        (date(2026, 8, 30), None, None, None),  # more than 60 days before the window opens
        (date(2026, 8, 31), "Apply for Pマーク renewal", date(2027, 3, 1), Bucket.LATER),
        (TODAY, "Apply for Pマーク renewal", date(2027, 3, 1), Bucket.LATER),
        (date(2027, 2, 25), "Apply for Pマーク renewal", date(2027, 3, 1), Bucket.SOON),
        (date(2027, 3, 1), "Apply for Pマーク renewal", date(2027, 3, 1), Bucket.TODAY),
        (date(2027, 3, 2), "Apply for Pマーク renewal", date(2027, 3, 1), Bucket.OVERDUE),
        (DEMO_EXPIRY, "Apply for Pマーク renewal", date(2027, 3, 1), Bucket.OVERDUE),
        (date(2027, 7, 1), "Pマーク has expired", DEMO_EXPIRY, Bucket.OVERDUE),
    ],
)
def test_demo_pmark_renewal_items(demo: Workspace, today: date, title, due, bucket) -> None:
    items = by_rule(gather(demo.conn, today), "R-PMARK-RENEW")
    if title is None:
        assert items == []
        return
    (item,) = items
    assert (item.title, item.due, item.bucket(today)) == (title, due, bucket)
    assert item.register == "organisation"
    if title.startswith("Apply"):
        assert "2026-10-30" in item.detail and "2027-03-01" in item.detail  # show_date (en)


def test_gather_orders_by_bucket_then_date(demo: Workspace) -> None:
    items = gather(demo.conn, TODAY)
    order = list(Bucket)
    keys = [(order.index(i.bucket(TODAY)), i.due or date.max) for i in items]
    assert keys == sorted(keys)
    assert items[0].bucket(TODAY) is Bucket.OVERDUE
    assert items[-1].bucket(TODAY) is Bucket.NOTICE


def test_organisation_without_officers(workspace: Workspace) -> None:
    items = gather(workspace.conn, TODAY)
    (o01,) = by_rule(items, "O01")
    assert o01.title == "Appoint the privacy officer"
    assert "個人情報保護管理者" in o01.detail
    assert (o01.register, o01.record_id, o01.bucket(TODAY)) == ("organisation", 1, Bucket.NOTICE)
    assert len(by_rule(items, "O02")) == 1
    assert by_rule(items, "R-PMARK-RENEW") == []  # not a Pマーク holder

    officer = create_record(
        workspace.conn, PEOPLE, {"staff_no": "1", "name": "山田 花子", "employment_type": "regular"}
    ).record_id
    update_record(workspace.conn, ORGANISATION, 1, {"privacy_officer": officer})
    items = gather(workspace.conn, TODAY)
    assert by_rule(items, "O01") == []
    assert len(by_rule(items, "O02")) == 1


def test_leaver_is_reminded_from_the_day_after_leaving(workspace: Workspace) -> None:
    conn = workspace.conn
    person = create_record(
        conn,
        PEOPLE,
        {"staff_no": "1", "name": "退職 予定", "employment_type": "regular", "leave_date": TODAY},
    ).record_id
    assert by_rule(gather(conn, TODAY), "H06") == []
    (item,) = by_rule(gather(conn, date(2026, 11, 26)), "H06")
    assert (item.record_id, item.due) == (person, TODAY)
    update_record(conn, PEOPLE, person, {"active": False})
    assert by_rule(gather(conn, date(2026, 11, 26)), "H06") == []


def test_inactive_department_needs_no_manager(workspace: Workspace) -> None:
    conn = workspace.conn
    dept = create_record(conn, DEPARTMENTS, {"code": "OLD", "name": "旧部署"}).record_id
    assert [i.record_id for i in by_rule(gather(conn, TODAY), "O09")] == [dept]
    update_record(conn, DEPARTMENTS, dept, {"active": False})
    assert by_rule(gather(conn, TODAY), "O09") == []
