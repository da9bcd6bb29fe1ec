"""The reportability wizard's flow, its recorded history, and asking again."""

from __future__ import annotations

from datetime import date

from app.areas.incidents.assessment import (
    CONCLUSION,
    AssessmentFlow,
    needs_assessment,
    record_assessment,
    resolve_next,
)
from app.areas.incidents.registers import INCIDENTS
from app.areas.incidents.reportability import Facts, assess
from app.dashboard import gather
from app.registers.records import create_record, load_record, update_record


def test_flow_asks_the_my_number_follow_up_only_when_my_number_is_involved() -> None:
    flow = AssessmentFlow(1, {"my_number": False})
    assert flow.steps() == [
        "near_miss", "sensitive", "financial_risk", "wrongful_purpose", "subject_count",
        "encrypted_high", "my_number", CONCLUSION,
    ]  # fmt: skip
    flow.answers["my_number"] = True
    assert flow.steps()[-2:] == ["mynum_public", CONCLUSION]
    assert resolve_next("near_miss", {"near_miss": True}) == CONCLUSION


def test_reportability_rules() -> None:
    assert assess(Facts(subject_count=1000)).reportable is False
    assert assess(Facts(subject_count=1001)).grounds == ("4",)
    assert assess(Facts(sensitive=True, subject_count=1)).final_days == 30
    both = assess(Facts(financial_risk=True, wrongful_purpose=True))
    assert both.grounds == ("2", "3") and both.final_days == 60
    assert assess(Facts(sensitive=True, encrypted_high=True)).reportable is False
    assert assess(Facts(sensitive=True, near_miss=True)).reportable is False
    my_number = assess(Facts(my_number=True, subject_count=101))
    assert my_number.my_number_reportable and not my_number.reportable
    assert my_number.final_days == 30
    assert not assess(Facts(my_number=True, subject_count=100)).my_number_reportable


def test_each_assessment_is_kept_and_a_crossed_threshold_asks_again(workspace) -> None:
    conn = workspace.conn
    incident = create_record(conn, INCIDENTS, {"title": "名簿ファイルの誤送信",
        "incident_type": "email_misaddress", "known_on": "2026-07-01",
        "subject_count": 800}).record_id  # fmt: skip
    assert [row[0] for row in needs_assessment(conn)] == [incident]
    items = [i for i in gather(conn, date(2026, 7, 2)) if i.register == "incidents"]
    assert items[0].due == date(2026, 7, 5) and "Assess reportability" in items[0].title

    flow = AssessmentFlow.for_incident(conn, incident)
    assert flow.trigger == "First assessment" and flow.answers["subject_count"] == 800
    flow.reason = "添付ファイルに800名分。暗号化なし。"
    record_assessment(conn, flow, today=date(2026, 7, 1))
    record = load_record(conn, INCIDENTS, incident)
    assert record["assessment_state"] == "current" and not record["reportable"]
    assert needs_assessment(conn) == []

    update_record(conn, INCIDENTS, incident, {"subject_count": 1200})  # the count grows
    assert load_record(conn, INCIDENTS, incident)["assessment_state"] == "stale"
    again = AssessmentFlow.for_incident(conn, incident)
    assert "crossed 1,000 (800 → 1,200)" in again.trigger
    record_assessment(conn, again, today=date(2026, 7, 3))
    record = load_record(conn, INCIDENTS, incident)
    assert record["reportable"] and record["assessment_state"] == "current"
    history = conn.execute(
        "SELECT assessed_on, subject_count, reportable, grounds FROM incident_assessment "
        "ORDER BY id"
    ).fetchall()
    assert history == [("2026-07-01", 800, 0, None), ("2026-07-03", 1200, 1, "4")]
    update_record(conn, INCIDENTS, incident, {"wrongful_purpose": True})  # an answer changes
    third = AssessmentFlow.for_incident(conn, incident)
    assert third.trigger == "answers changed: Possible wrongful purpose"
    rules = conn.execute(
        "SELECT rule, status FROM deadline WHERE subject_id = ? AND rule LIKE 'R-LEAK-FINAL%' "
        "ORDER BY rule", (incident,)
    ).fetchall()  # fmt: skip
    assert rules == [("R-LEAK-FINAL-30", "waived"), ("R-LEAK-FINAL-60", "open")]
