"""The incident page's actions: the reportability wizard and the PPC report draft."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from app.areas.incidents.registers import INCIDENTS
from app.registers.records import create_record, load_record
from app.settings import Settings
from ui.incidents.actions import open_assessment, open_ppc_draft
from ui.main_window import MainWindow
from ui.register_page import RegisterPage


def _window(session, qtbot) -> MainWindow:
    window = MainWindow(session, Settings(language="en"))
    qtbot.addWidget(window)
    window.show()
    return window


def test_incident_page_offers_the_wizard_and_the_draft(session, qtbot) -> None:
    window = _window(session, qtbot)
    page = window.show_page("incidents")
    assert isinstance(page, RegisterPage)
    assert [b.text() for b in page.action_buttons] == [
        "Assess reportability…",
        "PPC report draft…",
        "Corrective action…",
    ]


def test_wizard_walks_the_questions_and_records_the_assessment(session, qtbot) -> None:
    conn = session.conn
    incident = create_record(conn, INCIDENTS, {"title": "USBメモリの紛失",
        "incident_type": "loss_device", "known_on": "2026-11-30", "subject_count": 30,
    }).record_id  # fmt: skip
    window = _window(session, qtbot)
    dialog = open_assessment(window, incident)
    assert dialog.step == "near_miss" and "First assessment" in dialog.trigger_label.text()
    dialog.no.setChecked(True)
    dialog.forward()  # → 要配慮
    dialog.yes.setChecked(True)
    dialog.forward()  # → 財産的被害
    dialog.back()  # and back: the answer is kept
    assert dialog.step == "sensitive" and dialog.yes.isChecked()
    while not dialog.at_conclusion:
        dialog.forward()
    assert "Reportable" in dialog.conclusion_label.text()
    assert dialog.save_button.isVisible() and not dialog.next_button.isVisible()
    dialog.reason.setPlainText("健康診断結果の一覧を含む。")
    with qtbot.waitSignal(session.changed):
        dialog.save()
    record = load_record(conn, INCIDENTS, incident)
    assert record["sensitive"] and record["reportable"]
    assert record["assessment_state"] == "current"


def test_ppc_draft_copies_and_saves_a_pdf_both_audited(session, qtbot, tmp_path) -> None:
    conn = session.conn
    incident = create_record(conn, INCIDENTS, {"title": "カード情報の漏えい",
        "incident_type": "unauthorized_access", "known_on": "2026-12-05",
        "financial_risk": True, "subject_count": 10,
    }).record_id  # fmt: skip
    window = _window(session, qtbot)
    dialog = open_ppc_draft(window, incident)
    assert "【9】" in dialog.text.toPlainText()
    dialog.copy()
    assert QGuiApplication.clipboard().text() == dialog.text.toPlainText()
    dialog.kind.setCurrentIndex(1)  # 確報
    assert dialog.draft.kind == "final"
    target = dialog.save_pdf(tmp_path / "draft.pdf")
    assert target is not None and target.read_bytes().startswith(b"%PDF")
    formats = [
        row[0]
        for row in conn.execute(
            "SELECT json_extract(detail, '$.format') FROM audit_log WHERE action = 'export'"
        )
    ]
    assert formats == ["clipboard", "pdf"]
    form = dialog.record_sent()
    with qtbot.waitSignal(session.changed):
        form.form.save()
    row = conn.execute("SELECT kind, recipient, on_time FROM incident_report").fetchone()
    assert row[:2] == ("final", "ppc")


def test_the_incident_dialogs_fit_at_1366_by_768_in_japanese(demo_session, qtbot) -> None:
    from app.i18n import set_language
    from tests.ui.layout_check import layout_problems
    from tests.ui.test_layout_1366 import FRAME, SCREEN_HEIGHT, settle

    set_language("ja")
    try:
        window = MainWindow(demo_session, Settings(language="ja"))
        qtbot.addWidget(window)
        window.show()
        incident = demo_session.conn.execute(
            "SELECT id FROM incident WHERE reportable = 1 ORDER BY known_on DESC LIMIT 1"
        ).fetchone()[0]
        problems = []
        wizard = open_assessment(window, incident)
        while True:  # every step of the wizard, the conclusion last
            settle()
            problems += [f"{wizard.step}: {p}" for p in layout_problems(wizard)]
            if wizard.at_conclusion:
                break
            wizard.forward()
        assert wizard.minimumSizeHint().height() <= SCREEN_HEIGHT - FRAME
        wizard.close()
        draft = open_ppc_draft(window, incident)
        settle()
        problems += [f"draft: {p}" for p in layout_problems(draft)]
        assert draft.minimumSizeHint().height() <= SCREEN_HEIGHT - FRAME
        draft.close()
        assert problems == []
    finally:
        set_language("en")


def test_a_save_that_crosses_1000_people_asks_again(session, qtbot) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.areas.incidents.assessment import AssessmentFlow, record_assessment
    from app.registers.records import update_record
    from ui.incidents.assessment_dialog import AssessmentDialog

    conn = session.conn
    incident = create_record(conn, INCIDENTS, {"title": "案内メールのCC送信",
        "incident_type": "email_misaddress", "known_on": "2026-11-30", "subject_count": 800,
    }).record_id  # fmt: skip
    window = _window(session, qtbot)
    window.show_page("incidents")  # the page's actions bring the prompt
    session.apply(record_assessment(conn, AssessmentFlow.for_incident(conn, incident)))
    session.apply(update_record(conn, INCIDENTS, incident, {"title": "案内メールのCC送信（2）"}))
    assert not [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    session.apply(update_record(conn, INCIDENTS, incident, {"subject_count": 1200}))
    (box,) = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert "crossed 1,000 (800 → 1,200)" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    (wizard,) = [d for d in window.findChildren(AssessmentDialog) if d.isVisible()]
    assert wizard.flow.answers["subject_count"] == 1200
    wizard.close()


def test_a_new_incident_is_offered_its_first_assessment(session, qtbot) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = _window(session, qtbot)
    window.show_page("incidents")
    session.apply(create_record(session.conn, INCIDENTS, {"title": "FAX誤送信",
        "incident_type": "fax_misdial", "known_on": "2026-12-01"}))  # fmt: skip
    (box,) = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert box.windowTitle() == "Assess reportability" and "速報" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    session.apply(create_record(session.conn, INCIDENTS, {"title": "積込み時に発見",
        "incident_type": "misdelivery_goods", "known_on": "2026-12-01", "near_miss": True}))  # fmt: skip
    assert not [box for box in window.findChildren(QMessageBox) if box.isVisible()]
