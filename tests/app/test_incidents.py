"""The incident register (E16): derived reportability, deadlines from the engine, reports sent."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.incidents.registers import INCIDENT_REPORTS, INCIDENTS
from app.areas.organisation.registers import ORGANISATION
from app.errors import ValidationError
from app.registers.records import create_record, delete_record, load_record, update_record
from app.verify import verify_workspace


def _deadlines(conn, incident_id):
    rows = conn.execute(
        "SELECT rule, due_date, status FROM deadline WHERE subject_register = 'incidents' "
        "AND subject_id = ? ORDER BY rule",
        (incident_id,),
    ).fetchall()
    return {rule: (due, status) for rule, due, status in rows}


def _incident(conn, **values):
    base = {"title": "注文書の誤配", "incident_type": "misdelivery_goods", "known_on": "2026-06-01"}
    return create_record(conn, INCIDENTS, {**base, **values}).record_id


def test_a_misdelivery_of_one_member_is_not_reportable_and_gets_a_number(workspace) -> None:
    conn = workspace.conn
    first = _incident(conn, subject_count=1, officer_known_on="2026-06-03")
    second = _incident(conn, subject_count=2)
    one = load_record(conn, INCIDENTS, first)
    assert one["incident_no"] == "INC-2026-001"
    assert load_record(conn, INCIDENTS, second)["incident_no"] == "INC-2026-002"
    assert one["reportable"] is False and one["officer_lag_days"] == 2
    assert one["status"] == "open" and one["assessment_state"] == "none"
    assert _deadlines(conn, first) == {}


def test_card_data_leak_gets_prelim_and_final_deadlines_rolled_past_the_year_end(workspace) -> None:
    conn = workspace.conn
    # known 2026-12-05 (day 1): day 30 is 2027-01-03, inside the 12/29–1/3 closure → 01-04
    incident = _incident(
        conn, incident_type="unauthorized_access", known_on="2026-12-05", financial_risk=True,
        subject_count=350,
    )  # fmt: skip
    record = load_record(conn, INCIDENTS, incident)
    assert record["reportable"] and record["report_grounds"] == "2"
    assert record["final_report_days"] == 30 and record["final_30"] and not record["final_60"]
    found = _deadlines(conn, incident)
    assert found["R-LEAK-PRELIM"] == ("2026-12-09", "open")
    assert found["R-LEAK-FINAL-30"] == ("2027-01-04", "open")
    assert "R-LEAK-FINAL-60" not in found
    assert found["R-LEAK-SUBJECT"] == (None, "open")


def test_wrongful_purpose_switches_the_final_report_to_60_days(workspace) -> None:
    conn = workspace.conn
    incident = _incident(conn, known_on="2026-04-01", financial_risk=True)
    update_record(conn, INCIDENTS, incident, {"wrongful_purpose": True})
    found = _deadlines(conn, incident)
    assert found["R-LEAK-FINAL-30"][1] == "waived"
    # day 60 from 2026-04-01 is 2026-05-30 (土) → 06-01 (月)
    assert found["R-LEAK-FINAL-60"] == ("2026-06-01", "open")


def test_reports_sent_close_the_deadlines_and_record_on_time_status(workspace) -> None:
    conn = workspace.conn
    incident = _incident(conn, known_on="2026-12-05", financial_risk=True, subject_count=350)
    create_record(conn, INCIDENT_REPORTS, {"incident": incident, "kind": "prelim",
                                           "reported_on": "2026-12-10"})  # fmt: skip
    final = create_record(conn, INCIDENT_REPORTS, {"incident": incident, "kind": "final",
                                                   "reported_on": "2027-01-04",
                                                   "pending_items": True}).record_id  # fmt: skip
    prelim_row = conn.execute(
        "SELECT due_on, on_time FROM incident_report WHERE kind = 'prelim'"
    ).fetchone()
    assert prelim_row == ("2026-12-09", 0)  # day 6: late
    assert load_record(conn, INCIDENT_REPORTS, final)["on_time"] is True
    record = load_record(conn, INCIDENTS, incident)
    assert record["prelim_reported_on"] == date(2026, 12, 10)
    assert record["status"] == "reported_final"
    found = _deadlines(conn, incident)
    assert found["R-LEAK-PRELIM"][1] == "done" and found["R-LEAK-FINAL-30"][1] == "done"
    supplement = conn.execute(
        "SELECT status FROM deadline WHERE rule = 'R-LEAK-SUPPLEMENT'"
    ).fetchall()
    assert supplement == [("open",)]
    create_record(conn, INCIDENT_REPORTS, {"incident": incident, "kind": "supplement",
                                           "reported_on": "2027-01-20"})  # fmt: skip
    assert load_record(conn, INCIDENT_REPORTS, final)["supplemented_on"] == date(2027, 1, 20)
    assert conn.execute(
        "SELECT status FROM deadline WHERE rule = 'R-LEAK-SUPPLEMENT'"
    ).fetchall() == [("done",)]
    # a corrected "known on" day moves the reports' due dates with it
    update_record(conn, INCIDENTS, incident, {"known_on": "2026-12-01"})
    moved = conn.execute("SELECT due_on FROM incident_report WHERE kind = 'prelim'").fetchone()
    assert moved == ("2026-12-05",)
    assert verify_workspace(conn).ok


def test_a_deleted_report_reopens_the_deadline(workspace) -> None:
    conn = workspace.conn
    incident = _incident(conn, known_on="2026-06-01", sensitive=True)
    report = create_record(conn, INCIDENT_REPORTS, {"incident": incident, "kind": "prelim",
                                                    "reported_on": "2026-06-02"}).record_id  # fmt: skip
    assert _deadlines(conn, incident)["R-LEAK-PRELIM"][1] == "done"
    delete_record(conn, INCIDENT_REPORTS, report)
    assert load_record(conn, INCIDENTS, incident)["prelim_reported_on"] is None


def test_contractor_tells_its_controller_instead_of_reporting(workspace) -> None:
    conn = workspace.conn
    incident = _incident(conn, sensitive=True, we_are_contractor=True, controller_name="A生協")
    found = _deadlines(conn, incident)
    assert found["R-LEAK-CONTROLLER"] == ("2026-06-05", "open")
    assert "R-LEAK-PRELIM" not in found
    with pytest.raises(ValidationError) as caught:
        _incident(conn, we_are_contractor=True)
    assert "controller_name" in caught.value.errors


def test_pmark_holder_gets_a_pmark_report_for_every_incident_but_near_misses(workspace) -> None:
    conn = workspace.conn
    incident = _incident(conn, subject_count=1)
    near = _incident(conn, near_miss=True)
    assert "R-PMARK-INC" not in _deadlines(conn, incident)
    update_record(conn, ORGANISATION, 1, {"is_pmark_holder": True, "pmark_registration_no":
                                          "12345678", "pmark_expiry": "2027-03-31"})  # fmt: skip
    assert _deadlines(conn, incident)["R-PMARK-INC"] == ("2026-06-30", "open")
    assert "R-PMARK-INC" not in _deadlines(conn, near)


def test_dates_out_of_order_are_refused(workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        _incident(workspace.conn, known_on="2026-06-01", officer_known_on="2026-05-30")
    assert "officer_known_on" in caught.value.errors
