"""The assurance area on screen: audit coverage page, checklist and corrective-action buttons,
the effectiveness check that reopens the loop, and the loop's history."""

from __future__ import annotations

from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.areas.assurance.registers import AUDIT_CHECKLIST
from app.registers.records import load_record, update_record
from app.settings import Settings
from ui.assurance.coverage_page import AuditCoveragePage
from ui.assurance.dialogs import ChainDialog, EffectivenessDialog
from ui.main_window import MainWindow
from ui.register_page import RegisterPage


def _window(session, qtbot) -> MainWindow:
    window = MainWindow(session, Settings(language="en"))
    qtbot.addWidget(window)
    window.show()
    return window


def _id(conn, sql: str) -> int:
    return conn.execute(sql).fetchone()[0]


def test_coverage_page_shows_the_years_departments(demo_session, qtbot) -> None:
    window = _window(demo_session, qtbot)
    page = window.show_page("audit_coverage")
    assert isinstance(page, AuditCoveragePage)
    coverage = page.coverage
    assert coverage is not None and 0 < coverage.covered < coverage.total
    assert page.table.rowCount() == coverage.total
    assert f"{coverage.covered} of {coverage.total}" in page.summary.text()
    page.year.setCurrentIndex(1)  # last year: every department audited
    assert page.coverage.covered == page.coverage.total
    with qtbot.waitSignal(page.open_record) as opened:
        page.table.cellDoubleClicked.emit(0, 0)
    assert opened.args[0] == "audits"


def test_checklist_finding_action_and_the_effectiveness_loop(demo_session, qtbot) -> None:
    shared = demo_session
    conn = demo_session.conn
    window = _window(demo_session, qtbot)
    audits = window.show_page("audits")
    assert isinstance(audits, RegisterPage)
    planned = _id(conn, "SELECT id FROM audit WHERE started_on IS NULL")
    audits.select_record(planned)
    [button] = [b for b in audits.action_buttons if b.text() == "Build checklist"]
    button.click()
    assert "checklist items were added" in window.statusBar().currentMessage()
    assert _id(conn, f"SELECT count(*) FROM audit_checklist_item WHERE audit_id = {planned}") > 50
    first_item = _id(conn, f"SELECT id FROM audit_checklist_item WHERE audit_id = {planned} "
                           "AND seq = 1")  # fmt: skip
    update_record(conn, AUDIT_CHECKLIST, first_item, {"result": "nonconforming"})
    [make] = [b for b in audits.action_buttons if b.text() == "Findings from checklist"]
    make.click()
    assert window.statusBar().currentMessage().startswith("1 findings were made")

    findings = window.show_page("findings")
    waiting = _id(conn, "SELECT id FROM finding WHERE corrective_action_id IS NULL AND "
                        "severity = 'observation'")  # fmt: skip
    findings.select_record(waiting)
    [raise_button] = [b for b in findings.action_buttons if b.text() == "Raise corrective action"]
    raise_button.click()  # an observation needs none: refused with the reason, nothing written
    assert _id(conn, f"SELECT count(*) FROM finding WHERE id = {waiting} AND "
                     "corrective_action_id IS NULL") == 1  # fmt: skip

    actions = window.show_page("corrective_actions")
    completed = _id(conn, "SELECT id FROM corrective_action WHERE status = 'awaiting_check'")
    actions.select_record(completed)
    [check] = [b for b in actions.action_buttons if b.text() == "Record effectiveness check…"]
    check.click()
    (dialog,) = [d for d in window.findChildren(EffectivenessDialog) if d.isVisible()]
    dialog.save()  # no result chosen: refused in place
    assert dialog.isVisible() and dialog.rows["effectiveness"].error.isVisible()
    dialog.rows["effectiveness"].editor.set_value("not_effective")
    dialog.rows["effectiveness_note"].editor.set_value("再発した")
    dialog.save()
    assert not dialog.isVisible()
    assert dialog.outcome is not None and dialog.outcome.new_action_id is not None
    new = load_record(conn, CORRECTIVE_ACTIONS, dialog.outcome.new_action_id)
    assert new["previous"] == completed and new["status"] == "open"

    actions.select_record(completed)
    [history] = [b for b in actions.action_buttons if b.text() == "History of the loop"]
    history.click()
    (chain,) = [d for d in window.findChildren(ChainDialog) if d.isVisible()]
    assert chain.table.rowCount() == 2
    assert chain.table.item(1, 0).text() == new["code"]
    chain.reject()

    from ui.assurance.dialogs import ChainTable
    from ui.record_form import RecordDialog

    form = RecordDialog(shared, CORRECTIVE_ACTIONS, dialog.outcome.new_action_id)
    qtbot.addWidget(form)
    (panel,) = form.findChildren(ChainTable)  # the loop's history on the action's own form
    assert [panel.item(row, 0).text() for row in range(panel.rowCount())][-1] == new["code"]
    single = _id(conn, "SELECT id FROM corrective_action c WHERE previous_id IS NULL AND NOT "
                       "EXISTS (SELECT 1 FROM corrective_action n WHERE n.previous_id = c.id)")  # fmt: skip
    alone = RecordDialog(shared, CORRECTIVE_ACTIONS, single)
    qtbot.addWidget(alone)
    assert alone.findChildren(ChainTable) == []  # no loop yet: no panel


def test_the_areas_dialogs_and_page_fit_in_japanese(demo_session, qtbot) -> None:
    from app.i18n import set_language
    from tests.ui.layout_check import layout_problems

    conn = demo_session.conn
    set_language("ja")
    try:
        waiting = _id(conn, "SELECT id FROM corrective_action WHERE status = 'awaiting_check'")
        redone = _id(conn, "SELECT id FROM corrective_action WHERE previous_id IS NOT NULL")
        problems = []
        for name, widget in (
            ("effectiveness", EffectivenessDialog(demo_session, waiting)),
            ("chain", ChainDialog(demo_session, redone)),
            ("coverage", AuditCoveragePage(demo_session)),
        ):
            qtbot.addWidget(widget)
            widget.resize(1300, 680)
            widget.show()
            qtbot.waitExposed(widget)
            problems += [f"{name}: {problem}" for problem in layout_problems(widget)]
            assert widget.minimumSizeHint().height() <= 768 - 80, name
        assert problems == []
        assert "有効性" in EffectivenessDialog(demo_session, waiting).windowTitle()
    finally:
        set_language("en")
