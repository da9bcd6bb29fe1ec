"""The people behind a coverage bar, with why, and the fiscal years the Coverage page offers."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.areas.training.coverage import compute_coverage
from app.areas.training.follow_ups import ALL_PROGRAMMES, State, coverage_years, follow_ups
from app.areas.training.registers import ATTENDANCE, TRAINING_PROGRAMMES, TRAINING_SESSIONS
from app.registers.records import create_record

TODAY = date(2026, 11, 25)  # fiscal year 2026


def _add(conn, defn, **values) -> int:
    return create_record(conn, defn, values).record_id


@pytest.fixture
def report(workspace):
    conn = workspace.conn
    store = _add(conn, DEPARTMENTS, code="ST", name="日吉店")
    centre = _add(conn, DEPARTMENTS, code="DC", name="配送センター")
    people = {}
    for key, staff_no, employment, department in (
        ("passed", "001", "regular", store),
        ("failed", "002", "parttime", store),
        ("retake", "003", "parttime", centre),
        ("untrained", "004", "regular", centre),
    ):
        people[key] = _add(conn, PEOPLE, staff_no=staff_no, name=f"職員 {staff_no}",
                           employment_type=employment, department=department,
                           hire_date=date(2015, 4, 1))  # fmt: skip
    programme = _add(conn, TRAINING_PROGRAMMES, fiscal_year=2026, title="年次研修",
                     training_type="annual_all", planned_month=6, required=True)  # fmt: skip
    _add(conn, TRAINING_PROGRAMMES, fiscal_year=2023, title="昔の研修",
         training_type="annual_all", planned_month=6, required=True)  # fmt: skip
    session = _add(conn, TRAINING_SESSIONS, title="年次 6月", programme=programme,
                   held_on=date(2026, 6, 1), pass_mark=80)  # fmt: skip
    for key, score, retake in (("passed", 90, False), ("failed", 50, False), ("retake", 50, True)):
        _add(conn, ATTENDANCE, session=session, person=people[key], status="attended",
             score=score, retake_needed=retake)  # fmt: skip
    return conn, people, compute_coverage(conn, 2026, today=TODAY)


def test_everyone_not_completed_with_why(report):
    _conn, people, coverage = report
    rows = follow_ups(coverage)
    assert {(row.person.id, row.state) for row in rows} == {
        (people["failed"], State.FAILED),
        (people["retake"], State.RETAKE),
        (people["untrained"], State.NOT_TRAINED),
    }
    # by department (日吉店 sorts before 配送センター), then staff number
    assert [row.person.staff_no for row in rows] == ["002", "003", "004"]


def test_narrowed_to_one_bar(report):
    _conn, people, coverage = report
    centre = follow_ups(coverage, department="配送センター")
    assert {row.person.id for row in centre} == {people["retake"], people["untrained"]}
    part_time = follow_ups(coverage, employment="parttime")
    assert {row.person.id for row in part_time} == {people["failed"], people["retake"]}
    programme = coverage.programmes[0].programme_id
    assert follow_ups(coverage, programme) == follow_ups(coverage, ALL_PROGRAMMES)
    assert follow_ups(coverage, programme + 999) == []


def test_years_offered_are_those_with_programmes_and_the_current(report, workspace):
    conn, _people, _coverage = report
    assert coverage_years(conn, TODAY) == [2026, 2023]
    assert coverage_years(conn, date(2028, 5, 1)) == [2028, 2026, 2023]
