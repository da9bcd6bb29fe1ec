"""Training coverage (C-TRAINING) on a small co-op whose every person tells a different story."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.areas.training.coverage import compute_coverage, current_fiscal_year, describe_for_json
from app.areas.training.registers import ATTENDANCE, PLEDGES, TRAINING_PROGRAMMES, TRAINING_SESSIONS
from app.dashboard import gather
from app.registers.records import create_record, update_record

TODAY = date(2026, 11, 25)  # fiscal year 2026 starts on 2026-04-01 by default


def _add(conn, defn, **values) -> int:
    return create_record(conn, defn, values).record_id


@pytest.fixture
def co_op(workspace):
    conn = workspace.conn
    store = _add(conn, DEPARTMENTS, code="ST", name="日吉店")
    centre = _add(conn, DEPARTMENTS, code="DC", name="港北配送センター")
    people = {}
    for key, staff_no, employment, department, hired, active in (
        ("trained", "001", "regular", store, date(2010, 4, 1), True),
        ("failed", "002", "parttime", store, date(2020, 4, 1), True),
        ("untrained", "003", "parttime", centre, date(2021, 4, 1), True),
        ("exempt", "004", "dispatched", centre, date(2022, 4, 1), True),
        ("volunteer", "V005", "activist", centre, date(2023, 4, 1), True),
        ("new_hire", "006", "regular", store, date(2026, 10, 1), True),
        ("leaver", "007", "regular", store, date(2015, 4, 1), False),
    ):
        people[key] = _add(
            conn,
            PEOPLE,
            staff_no=staff_no,
            name=f"職員 {key}",
            employment_type=employment,
            department=department,
            hire_date=hired,
            active=active,
        )
    annual = _add(
        conn,
        TRAINING_PROGRAMMES,
        fiscal_year=2026,
        title="年次教育",
        training_type="annual_all",
        planned_month=6,
        required=True,
    )
    specialist = _add(
        conn,
        TRAINING_PROGRAMMES,
        fiscal_year=2026,
        title="専門教育",
        training_type="handler_specialist",
        audience=["regular"],
        planned_month=9,
        required=True,
    )
    _add(
        conn,
        TRAINING_PROGRAMMES,
        fiscal_year=2026,
        title="訓練",
        training_type="phishing_drill",
        required=False,
    )
    june = _add(
        conn,
        TRAINING_SESSIONS,
        title="年次 6月",
        programme=annual,
        held_on=date(2026, 6, 10),
        pass_mark=80,
    )
    sept = _add(
        conn,
        TRAINING_SESSIONS,
        title="専門 9月",
        programme=specialist,
        held_on=date(2026, 9, 10),
        has_test=False,
        pass_mark=None,
    )
    attend = [
        (june, "trained", "attended", 90, True),
        (sept, "trained", "attended", None, None),
        (june, "failed", "attended", 60, False),
        (june, "exempt", "exempt", None, None),
        (june, "volunteer", "attended", 85, None),  # passed is derived from the score
    ]
    for session, who, status, score, passed in attend:
        _add(
            conn,
            ATTENDANCE,
            session=session,
            person=people[who],
            status=status,
            score=score,
            passed=passed,
        )
    for who in ("trained", "failed", "untrained", "exempt", "new_hire"):
        _add(conn, PLEDGES, person=people[who], pledge_type="hire", signed_on=date(2026, 4, 1))
    return conn, people, annual, specialist


def test_coverage_counts_each_kind_of_person(co_op) -> None:
    conn, people, _annual, _specialist = co_op
    assert current_fiscal_year(conn, TODAY) == 2026
    report = compute_coverage(conn, 2026, today=TODAY)
    assert (report.start, report.end) == (date(2026, 4, 1), date(2027, 3, 31))
    by_title = {p.title: p for p in report.programmes}
    assert set(by_title) == {"年次教育", "専門教育"}  # not the optional drill
    yearly = by_title["年次教育"]
    # in scope: trained, failed, untrained, volunteer, new hire (exempt and leaver are not)
    assert (yearly.total.in_scope, yearly.total.completed) == (5, 2)
    assert [p.id for p in yearly.failed] == [people["failed"]]
    assert {p.id for p in yearly.not_trained} == {people["untrained"], people["new_hire"]}
    assert yearly.by_department["日吉店"].in_scope == 3
    assert yearly.by_department["港北配送センター"].completed == 1
    assert yearly.by_employment["parttime"].in_scope == 2
    assert yearly.by_employment["parttime"].completed == 0
    special = by_title["専門教育"]
    assert (special.total.in_scope, special.total.completed) == (2, 1)  # regulars only
    # overall: done with every required programme that applies to them
    assert (report.overall.in_scope, report.overall.completed) == (5, 2)


def test_new_hire_is_trained_before_handling_by_default(co_op) -> None:
    conn, people, *_ = co_op
    report = compute_coverage(conn, 2026, today=TODAY)
    assert report.new_hire_days == 0
    assert [h.person.id for h in report.new_hires_late] == [people["new_hire"]]
    assert report.new_hires_late[0].due == date(2026, 10, 1)  # the hire date, not 30 days on
    update_record(conn, ORGANISATION, 1, {"new_hire_training_days": 60})
    assert compute_coverage(conn, 2026, today=TODAY).new_hires_late == []


def _session_of(conn, title: str, training_type: str, held_on: date) -> int:
    programme = _add(
        conn, TRAINING_PROGRAMMES, fiscal_year=2026, title=title, training_type=training_type,
        required=False,
    )  # fmt: skip
    return _add(
        conn, TRAINING_SESSIONS, title=title, programme=programme, held_on=held_on,
        has_test=False, pass_mark=None,
    )  # fmt: skip


def test_a_phishing_drill_or_morning_talk_is_not_new_hire_training(co_op) -> None:
    conn, people, *_ = co_op
    for title, kind in (("標的型メール訓練", "phishing_drill"), ("朝礼", "onepoint")):
        session = _session_of(conn, title, kind, date(2026, 10, 1))
        _add(conn, ATTENDANCE, session=session, person=people["new_hire"], status="attended")
    late = compute_coverage(conn, 2026, today=TODAY).new_hires_late
    assert [h.person.id for h in late] == [people["new_hire"]]
    assert late[0].trained_on is None
    onboarding = _session_of(conn, "入職時教育", "onboarding", date(2026, 10, 1))
    _add(conn, ATTENDANCE, session=onboarding, person=people["new_hire"], status="attended")
    assert compute_coverage(conn, 2026, today=TODAY).new_hires_late == []


def test_missing_pledges_follow_the_employment_type(co_op) -> None:
    conn, people, *_ = co_op
    report = compute_coverage(conn, 2026, today=TODAY)
    assert [p.id for p in report.without_pledge] == [
        people["volunteer"]
    ]  # needs a volunteer pledge
    _add(conn, PLEDGES, person=people["volunteer"], pledge_type="hire", signed_on=date(2026, 4, 1))
    assert [p.id for p in compute_coverage(conn, 2026, today=TODAY).without_pledge] == [
        people["volunteer"]
    ]
    _add(
        conn,
        PLEDGES,
        person=people["volunteer"],
        pledge_type="volunteer",
        signed_on=date(2026, 4, 2),
    )
    assert compute_coverage(conn, 2026, today=TODAY).without_pledge == []


def test_a_make_up_pass_clears_the_failure(co_op) -> None:
    conn, people, annual, _specialist = co_op
    makeup = _add(
        conn, TRAINING_SESSIONS, title="年次 追試", programme=annual, held_on=date(2026, 7, 1)
    )
    _add(conn, ATTENDANCE, session=makeup, person=people["failed"], status="makeup", score=80)
    yearly = next(
        p for p in compute_coverage(conn, 2026, today=TODAY).programmes if p.title == "年次教育"
    )
    assert yearly.failed == []
    assert yearly.total.completed == 3


def test_dashboard_shows_training_items(co_op) -> None:
    conn, _people, annual, _specialist = co_op
    items = [item for item in gather(conn, TODAY) if item.rule == "C-TRAINING"]
    titles = [item.title for item in items]
    assert "2 people not yet trained: 年次教育" in titles  # 未受講 only
    assert "1 person must retake the test: 年次教育" in titles
    annual_item = next(
        item for item in items if item.title.endswith("年次教育") and "not yet" in item.title
    )
    assert annual_item.due == date(2026, 6, 30)
    assert annual_item.record_id == annual
    assert "Train new hire: 006 職員 new_hire" in titles
    assert "1 person must retake the test: 年次教育" in titles
    assert "1 person has no pledge on file" in titles


def test_year_without_a_plan_asks_for_one(co_op) -> None:
    conn, *_ = co_op
    items = [i for i in gather(conn, date(2027, 5, 1)) if i.rule == "C-TRAINING"]
    assert any(
        "No required training programme is planned for fiscal year 2027" in i.detail for i in items
    )


def test_summary_for_json(co_op) -> None:
    conn, *_ = co_op
    summary = describe_for_json(compute_coverage(conn, 2026, today=TODAY))
    assert summary["overall"] == {"in_scope": 5, "completed": 2}
    assert summary["programmes"][0]["failed"] == ["002"]


def test_score_requires_attendance(workspace) -> None:
    from app.errors import ValidationError

    conn = workspace.conn
    person = _add(conn, PEOPLE, staff_no="1", name="山田", employment_type="regular")
    programme = _add(
        conn, TRAINING_PROGRAMMES, fiscal_year=2026, title="年次", training_type="annual_all"
    )
    session = _add(
        conn, TRAINING_SESSIONS, title="s", programme=programme, held_on=date(2026, 6, 1)
    )
    with pytest.raises(ValidationError) as error:
        create_record(
            conn,
            ATTENDANCE,
            {"session": session, "person": person, "status": "absent", "score": 50},
        )
    assert "score" in error.value.errors
    create_record(conn, ATTENDANCE, {"session": session, "person": person, "status": "absent"})
    with pytest.raises(ValidationError):  # the same person twice in one session
        create_record(
            conn, ATTENDANCE, {"session": session, "person": person, "status": "attended"}
        )
    label = conn.execute("SELECT record_label FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[
        0
    ]
    assert label == "1 山田 / s"
