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
    assert "R-PMARK-PRELIM" not in _deadlines(conn, incident)  # not a reportable case
    assert "R-PMARK-INC" not in _deadlines(conn, near)
    update_record(conn, INCIDENTS, incident, {"sensitive": True})  # now reportable: 速報 too
    assert _deadlines(conn, incident)["R-PMARK-PRELIM"] == ("2026-06-05", "open")


def test_dates_out_of_order_are_refused(workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        _incident(workspace.conn, known_on="2026-06-01", officer_known_on="2026-05-30")
    assert "officer_known_on" in caught.value.errors


def test_corrective_action_is_raised_once_and_linked(workspace) -> None:
    from app.areas.incidents.actions import raise_action_for_incident

    conn = workspace.conn
    incident = _incident(conn, title="注文書の誤配（港北）")
    action, changes = raise_action_for_incident(conn, incident, today=date(2026, 6, 2))
    assert "corrective_actions" in changes.registers
    assert load_record(conn, INCIDENTS, incident)["corrective_action"] == action
    row = conn.execute(
        "SELECT source, source_label, title, raised_on, status FROM corrective_action WHERE id = ?",
        (action,),
    ).fetchone()
    assert row == ("incident", "Incident INC-2026-001", "Prevent a recurrence: 注文書の誤配(港北)",
                   "2026-06-02", "open")  # fmt: skip
    again, unchanged = raise_action_for_incident(conn, incident)
    assert again == action and not unchanged.registers
    assert conn.execute("SELECT count(*) FROM corrective_action").fetchone()[0] == 1


def test_an_incident_at_a_contractor_links_to_it(workspace) -> None:
    from app.areas.contractors.registers import CONTRACTORS

    conn = workspace.conn
    contractor = create_record(conn, CONTRACTORS, {"code": "C001", "name": "みなと配送株式会社"})
    incident = _incident(conn, contractor=contractor.record_id, cause="contractor_lapse")
    assert load_record(conn, INCIDENTS, incident)["contractor"] == contractor.record_id


def test_the_registers_export_to_xlsx_csv_and_json_read_back(workspace, tmp_path) -> None:
    import csv
    import json

    from openpyxl import load_workbook

    from app.registers.export import export_register

    conn = workspace.conn
    incident = _incident(conn, known_on="2026-12-05", financial_risk=True, subject_count=350)
    create_record(conn, INCIDENT_REPORTS, {"incident": incident, "kind": "final",
                                           "reported_on": "2027-01-04"})  # fmt: skip
    export_register(conn, INCIDENTS, "xlsx", tmp_path / "incidents.xlsx", language="ja")
    book = load_workbook(tmp_path / "incidents.xlsx", read_only=True)
    sheet = book.worksheets[0]
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    book.close()
    assert "INC-2026-001" in cells and "誤配（商品・伝票・注文書を他組合員宅へ）" in cells
    export_register(conn, INCIDENT_REPORTS, "csv", tmp_path / "reports.csv", language="ja")
    with open(tmp_path / "reports.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][:5] == [
        "注文書の誤配",
        "INC-2026-001",
        "確報",
        "個人情報保護委員会等",
        "2027-01-04",
    ]
    export_register(conn, INCIDENTS, "json", tmp_path / "incidents.json")
    data = json.loads((tmp_path / "incidents.json").read_text("utf-8"))
    records = data if isinstance(data, list) else data["records"]
    assert len(records) == 1
    exports = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()[0]
    assert exports == 3


def test_pmark_report_takes_60_days_for_a_wrongful_purpose(workspace) -> None:
    conn = workspace.conn
    update_record(conn, ORGANISATION, 1, {"is_pmark_holder": True, "pmark_registration_no":
                                          "12345678", "pmark_expiry": "2027-03-31"})  # fmt: skip
    incident = _incident(conn, known_on="2026-04-01", wrongful_purpose=True)
    found = _deadlines(conn, incident)
    assert "R-PMARK-INC" not in found
    assert found["R-PMARK-INC-60"] == ("2026-06-01", "open")  # day 60 (土) → 月
    report = create_record(conn, INCIDENT_REPORTS, {"incident": incident, "kind": "final",
                                                    "recipient": "pmark",
                                                    "reported_on": "2026-05-29"})  # fmt: skip
    assert load_record(conn, INCIDENT_REPORTS, report.record_id)["due_on"] == date(2026, 6, 1)
    assert _deadlines(conn, incident)["R-PMARK-INC-60"][1] == "done"


def test_a_co_ops_incident_log_in_excel_style_csv_imports(workspace, tmp_path) -> None:
    from app.areas.incidents.importing import IncidentImportSpec
    from app.importing.engine import load_for_import

    conn = workspace.conn
    path = tmp_path / "事故記録.csv"
    path.write_text(
        "件名,事故の種類,発覚日,人数,原因,事業所\n"
        "注文書の誤配,誤配,R8.5.10,1,確認不足（宛先・照合の不足）,港北配送センター\n"
        "会員名簿のメール誤送信,メール誤送信,2026/6/1,1200,手順の不遵守,本部\n",
        encoding="cp932",
    )
    spec = IncidentImportSpec()
    prepared = load_for_import(path, spec, conn=conn)
    plan = spec.plan(conn, prepared.rows, file=path, sheet=prepared.table.sheet)
    assert plan.errors == [] and plan.counts["created"] == 2
    spec.apply(conn, plan)
    rows = conn.execute(
        "SELECT incident_no, incident_type, known_on, subject_count, reportable, site "
        "FROM incident ORDER BY known_on"
    ).fetchall()
    assert rows == [
        ("INC-2026-001", "misdelivery_goods", "2026-05-10", 1, 0, "港北配送センター"),
        ("INC-2026-002", "email_misaddress", "2026-06-01", 1200, 1, "本部"),
    ]
    assert _deadlines(conn, 2)["R-LEAK-FINAL-30"] == ("2026-06-30", "open")
