"""Operation checks (運用の確認): a checklist per department and period from the catalogue, the
quarterly cadence (C-OPCHECK) and the period's figures."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.areas.review.opchecks import check_figures, checklist_items, new_operation_check
from app.areas.review.registers_checks import OPERATION_CHECK_ITEMS, OPERATION_CHECKS
from app.registers.children import child_ids
from app.registers.records import ValidationError, create_record, load_record, update_record


@pytest.fixture
def departments(workspace):
    conn = workspace.conn
    manager = create_record(
        conn, PEOPLE, {"staff_no": "101", "name": "山田 花子", "employment_type": "regular"}
    ).record_id
    store = create_record(
        conn, DEPARTMENTS, {"code": "ST", "name": "日吉店", "manager": manager}
    ).record_id
    centre = create_record(conn, DEPARTMENTS, {"code": "DC", "name": "港北配送センター"}).record_id
    return conn, store, centre, manager


def _answer(conn, check_id: int, answers: dict[str, str]) -> None:
    for row_id in child_ids(conn, OPERATION_CHECK_ITEMS, check_id):
        item = load_record(conn, OPERATION_CHECK_ITEMS, row_id)["item"]
        update_record(conn, OPERATION_CHECK_ITEMS, row_id, {"answer": answers.get(item, "yes")})


def test_a_new_check_carries_the_catalogues_items_and_the_departments_manager(departments):
    conn, store, _centre, manager = departments
    check = new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30)).record_id
    values = load_record(conn, OPERATION_CHECKS, check)
    assert (values["checker"], values["status"]) == (manager, "planned")
    rows = [
        load_record(conn, OPERATION_CHECK_ITEMS, i)
        for i in child_ids(conn, OPERATION_CHECK_ITEMS, check)
    ]
    assert [row["item"] for row in rows] == checklist_items(conn)
    assert len(rows) == 14 and all(row["answer"] is None for row in rows)
    with pytest.raises(ValidationError):  # one check per department and period
        new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30))


def test_a_returned_check_needs_its_date_and_the_period_its_order(departments):
    conn, store, _centre, _manager = departments
    check = new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30)).record_id
    with pytest.raises(ValidationError) as caught:
        update_record(conn, OPERATION_CHECKS, check, {"status": "returned"})
    assert "checked_on" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        update_record(conn, OPERATION_CHECKS, check, {"period_end": "2026-03-01"})
    assert "period_end" in caught.value.errors


def test_the_next_check_falls_due_a_quarter_later_and_a_newer_check_closes_the_older(departments):
    conn, store, centre, _manager = departments
    first = new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30)).record_id
    update_record(conn, OPERATION_CHECKS, first, {"checked_on": "2026-07-05", "status": "returned"})
    other = new_operation_check(conn, centre, date(2026, 4, 1), date(2026, 6, 30)).record_id
    update_record(conn, OPERATION_CHECKS, other, {"checked_on": "2026-07-08"})
    rows = conn.execute(
        "SELECT subject_id, status, due_date FROM deadline WHERE rule = 'C-OPCHECK' ORDER BY id"
    ).fetchall()
    assert rows == [(first, "open", "2026-10-05"), (other, "open", "2026-10-08")]
    second = new_operation_check(conn, store, date(2026, 7, 1), date(2026, 9, 30)).record_id
    update_record(conn, OPERATION_CHECKS, second, {"checked_on": "2026-10-02"})
    statuses = dict(
        conn.execute("SELECT subject_id, status FROM deadline WHERE rule = 'C-OPCHECK' "
                     "AND status = 'open'").fetchall()
    )  # fmt: skip
    assert statuses == {other: "open", second: "open"}


def test_the_figures_of_a_period_count_answers_by_item_and_department(departments):
    conn, store, centre, _manager = departments
    first = new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30)).record_id
    second = new_operation_check(conn, centre, date(2026, 4, 1), date(2026, 6, 30)).record_id
    later = new_operation_check(conn, store, date(2026, 7, 1), date(2026, 9, 30)).record_id
    _answer(conn, first, {"screen_lock": "no", "visitors": "na"})
    _answer(conn, second, {"screen_lock": "no", "carry_out": "no"})
    _answer(conn, later, {"disposal": "no"})  # outside the period asked for
    update_record(conn, OPERATION_CHECKS, first, {"checked_on": "2026-07-03", "status": "confirmed",
                                                  "reported_on": "2026-07-20"})  # fmt: skip
    figures = check_figures(conn, date(2026, 4, 1), date(2026, 6, 30))
    assert (figures.checks, figures.done, figures.confirmed, figures.reported) == (2, 1, 1, 1)
    assert (figures.departments_checked, figures.departments_active) == (1, 2)
    assert figures.answers == {"yes": 24, "no": 3, "na": 1}
    assert figures.no_by_item == {"screen_lock": 2, "carry_out": 1}
    assert figures.no_by_department == {"日吉店": 1, "港北配送センター": 2}
    assert figures.yes_share == pytest.approx(24 / 27)


def test_the_chapter_12_lines_count_checks_answers_and_actions(departments):
    from app.areas.review.actions import raise_for_answer
    from app.areas.review.board_checks import operation_check_lines
    from app.board.report import date_range_period

    conn, store, centre, _manager = departments
    first = new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30)).record_id
    new_operation_check(conn, centre, date(2026, 4, 1), date(2026, 6, 30))
    _answer(conn, first, {"screen_lock": "no", "carry_out": "no"})
    update_record(conn, OPERATION_CHECKS, first, {"checked_on": "2026-07-03"})
    row = conn.execute(
        "SELECT id FROM operation_check_item WHERE item = 'screen_lock' AND check_id = ?", (first,)
    ).fetchone()[0]
    raise_for_answer(conn, row, today=date(2026, 7, 5))
    period = date_range_period(conn, date(2026, 4, 1), date(2026, 9, 30), "en")
    lines = operation_check_lines(conn, period, "en")
    kpis = {kpi.label: (kpi.value, kpi.status) for kpi in lines.kpis}
    assert kpis["Operation checks carried out"] == (50.0, "bad")
    assert kpis["Departments checked"][0] == 1
    assert kpis["Checklist items in place"] == (round(12 / 14 * 100, 1), "watch")
    assert kpis['"No" answers'][0] == 2
    assert kpis['"No" answers without a corrective action'] == (1, "watch")
    by_item, by_department = lines.tables
    assert by_department.rows == [["日吉店", 2]]
    assert sorted(row[1] for row in by_item.rows) == [1, 1]
    empty = operation_check_lines(
        conn, date_range_period(conn, date(2025, 4, 1), date(2025, 9, 30), "en"), "en"
    )
    assert not empty.kpis


def test_chapter_12_carries_the_operation_check_lines_first(departments):
    from app.board.report import build_snapshot, date_range_period

    conn, store, _centre, _manager = departments
    check = new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30)).record_id
    _answer(conn, check, {"screen_lock": "no"})
    update_record(conn, OPERATION_CHECKS, check, {"checked_on": "2026-07-03"})
    period = date_range_period(conn, date(2026, 4, 1), date(2026, 9, 30), "en")
    chapter = build_snapshot(conn, period, language="en", sections=["assurance"]).section(
        "assurance"
    )
    assert chapter.kpis[0].label == "Operation checks carried out"
    assert "Operation checks: 1 of 1 carried out" in chapter.summary


def test_a_quarter_still_running_is_not_counted_as_missed(departments):
    from app.areas.review.board_checks import operation_check_lines
    from app.board.report import fiscal_year_period

    conn, store, _centre, _manager = departments
    done = new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30)).record_id
    update_record(conn, OPERATION_CHECKS, done, {"checked_on": "2026-07-03"})
    new_operation_check(conn, store, date(2026, 10, 1), date(2026, 12, 31))  # under way
    period = fiscal_year_period(conn, 2026, "en", as_of=date(2026, 12, 4))
    kpis = {kpi.label: kpi.value for kpi in operation_check_lines(conn, period, "en").kpis}
    assert kpis["Operation checks carried out"] == 100.0
