"""The requests area's screens on the demo co-op: the answer-clock dialog, the provision-record
lookup, the retention purge page, the complaint's corrective action, all fitting 1366×768 in
Japanese."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.areas.requests.complaints import COMPLAINTS
from app.areas.requests.registers import DATA_REQUESTS
from app.i18n import set_language
from app.registers.purge import purge_candidates
from app.registers.records import create_record, load_record
from app.settings import Settings
from tests.ui.layout_check import layout_problems
from ui.jobs import database_pool
from ui.requests.clock_dialog import RESTART, ClockDialog
from ui.requests.provision_dialog import ProvisionLookupDialog
from ui.requests.purge_page import PurgePage

pytestmark = pytest.mark.gui
TODAY = date.today()


@pytest.fixture(scope="module")
def demo(tmp_path_factory, qapp) -> Iterator[object]:
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace
    from ui.session import Session

    path = tmp_path_factory.mktemp("requests-ui") / "demo.mamori"
    workspace = build_demo_workspace(path, DEMO_PASSPHRASE, today=TODAY)
    yield Session(workspace)
    workspace.close()


@pytest.fixture
def japanese() -> Iterator[None]:
    set_language("ja")
    yield
    set_language("en")


def _request(session, status: str) -> int:
    row = session.conn.execute(
        "SELECT id FROM data_request WHERE status = ? ORDER BY received_on DESC LIMIT 1", (status,)
    ).fetchone()
    return int(row[0])


def test_the_clock_dialog_extends_an_open_request(demo, qtbot, japanese) -> None:
    request_id = _request(demo, "open")
    before = load_record(demo.conn, DATA_REQUESTS, request_id)["sla_due"]
    dialog = ClockDialog(demo, request_id, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert layout_problems(dialog) == []
    assert "法39条" in dialog.state.text()
    dialog.editors["days"].set_value("7")
    dialog.editors["reason"].set_value("volume")
    assert dialog.save() is not None
    after = load_record(demo.conn, DATA_REQUESTS, request_id)["sla_due"]
    assert (after - before).days == 7


def test_a_stopped_clock_can_only_be_restarted(demo, qtbot) -> None:
    request_id = _request(demo, "suspended")
    dialog = ClockDialog(demo, request_id, TODAY)
    qtbot.addWidget(dialog)
    assert [dialog.choice.itemData(i) for i in range(dialog.choice.count())] == [RESTART]
    dialog.editors["end_on"].set_value(TODAY)
    dialog.save()
    record = load_record(demo.conn, DATA_REQUESTS, request_id)
    assert record["status"] == "open" and record["sla_due"] is not None


def test_the_lookup_keeps_the_provision_records_found(demo, qtbot, japanese) -> None:
    from app.areas.sharing.registers_provision import PROVISION_RECORDS

    request_id = _request(demo, "open")
    name = load_record(demo.conn, DATA_REQUESTS, request_id)["requester_name"]
    provision = create_record(
        demo.conn,
        PROVISION_RECORDS,
        {
            "ref": "PR-UI-1",
            "direction": "provide",
            "basis": "consent",
            "recording_method": "each",
            "recorded_on": "2026-04-01",
            "provided_on": "2026-04-01",
            "counterparty_name": "株式会社みらい保険",
            "subject_identification": f"組合員 {name}",
            "data_items": "氏名、住所",
            "consent_statement": "申込書で同意",
        },
    ).record_id
    dialog = ProvisionLookupDialog(demo, request_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert layout_problems(dialog) == []
    assert dialog.checked_ids() == [provision]
    dialog.keep()
    assert load_record(demo.conn, DATA_REQUESTS, request_id)["provision_records"] == [provision]


def test_the_purge_page_erases_the_checked_records(demo, qtbot, japanese) -> None:
    page = PurgePage(demo, lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    assert layout_problems(page) == []
    chosen = {(c.register, c.record_id) for c in page.checked()}
    page.confirm_and_erase(ask=False)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=10_000)
    database_pool().waitForDone(10_000)
    assert purge_candidates(demo.conn, TODAY) == []
    for register, record_id in chosen:
        defn = DATA_REQUESTS if register == DATA_REQUESTS.key else COMPLAINTS
        assert load_record(demo.conn, defn, record_id)["purged_on"] == TODAY


def test_an_open_request_form_follows_its_clock_log(demo, qtbot) -> None:
    from app.areas.requests import clock
    from ui.record_form import RecordDialog

    request_id = _request(demo, "open")
    dialog = RecordDialog(demo, DATA_REQUESTS, request_id)
    qtbot.addWidget(dialog)
    before = dialog.form.editors["sla_due"].value()
    demo.apply(clock.extend(demo.conn, request_id, days=3, reason="volume", decided_on=TODAY))
    after = load_record(demo.conn, DATA_REQUESTS, request_id)["sla_due"]
    shown = dialog.form.editors["sla_due"].value()
    assert shown != before and date.fromisoformat(str(shown).replace("/", "-")) == after
    assert dialog.form.save() is not None  # not refused as stale


def test_the_window_offers_the_requests_actions(demo, qtbot, monkeypatch) -> None:
    """Last: closing the window closes the module's workspace."""
    from ui.main_window import MainWindow
    from ui.register_page import RegisterPage

    window = MainWindow(demo, Settings(language="en"))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("data_requests")
    assert isinstance(page, RegisterPage)
    labels = [button.text() for button in page.action_buttons]
    assert labels == ["Extend or stop…", "Find provision records…"]
    assert isinstance(window.show_page("retention_purge"), PurgePage)
    complaints = window.show_page("complaint_cases")
    assert isinstance(complaints, RegisterPage)
    complaint = demo.conn.execute(
        "SELECT id FROM complaint_case WHERE corrective_action_id IS NULL ORDER BY id DESC"
    ).fetchone()[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    from ui.requests.handlers import corrective_action_handler

    corrective_action_handler(window)(complaint)
    QApplication.processEvents()
    assert load_record(demo.conn, COMPLAINTS, complaint)["corrective_action"] is not None
