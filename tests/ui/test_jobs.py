"""The one job helper (``ui.jobs.JobRunner``) and the pages that must say when their work fails.

The failures are real: the workspace file is taken away or replaced by damaged bytes while the
session's own connection stays open, as when the drive holding it is unplugged, so the job's
own connection cannot open it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import MamoriError
from app.jobs import check_cancelled
from ui.coverage_page import CoveragePage
from ui.dashboard_page import DashboardPage
from ui.jobs import JobRunner

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 25)


@contextmanager
def workspace_file_gone(path: Path) -> Iterator[None]:
    moved = path.with_name(path.name + ".away")
    os.replace(path, moved)
    try:
        yield
    finally:
        os.replace(moved, path)


@contextmanager
def workspace_file_damaged(path: Path) -> Iterator[None]:
    original = path.with_name(path.name + ".orig")
    os.replace(path, original)
    path.write_bytes(os.urandom(5000))  # not even a whole page
    try:
        yield
    finally:
        os.replace(original, path)


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


# ----- the helper -------------------------------------------------------------------------------


def test_only_the_latest_run_delivers_and_superseded_results_are_discarded(owner, qtbot):
    runner = JobRunner(owner)
    release = threading.Event()
    delivered, discarded = [], []

    def slow(progress, cancelled):
        release.wait(10)
        return "old"

    old = runner.run(slow, delivered.append, discard=discarded.append)
    new = runner.run(lambda progress, cancelled: "new", delivered.append)
    with qtbot.waitSignal(new.finished, timeout=10000):
        release.set()
    if old.running:
        with qtbot.waitSignal(old.finished, timeout=10000):
            pass
    qtbot.waitUntil(lambda: discarded == ["old"], timeout=10000)
    assert delivered == ["new"]
    assert not runner.busy


def test_failures_go_to_the_page_or_else_to_a_dialog(owner, qtbot):
    runner = JobRunner(owner)
    failures: list[BaseException] = []

    def fail(progress, cancelled):
        raise MamoriError("the file is on a drive that was unplugged")

    with qtbot.waitSignal(runner.run(fail, print, on_failed=failures.append).failed):
        pass
    assert [str(exc) for exc in failures] == ["the file is on a drive that was unplugged"]

    with qtbot.waitSignal(runner.run(fail, print).failed):
        pass
    qtbot.waitUntil(lambda: owner.findChild(QMessageBox) is not None)
    box = owner.findChild(QMessageBox)
    assert box.text() == "the file is on a drive that was unplugged"


def test_cancel_stops_the_latest_run(owner, qtbot):
    runner = JobRunner(owner)
    started, cancelled_runs = threading.Event(), []

    def patient(progress, cancelled):
        started.set()
        while True:
            check_cancelled(cancelled)
            progress(0.5, "")

    job = runner.run(patient, print, on_cancelled=lambda: cancelled_runs.append(True))
    assert started.wait(10)
    assert runner.busy
    with qtbot.waitSignal(job.cancelled, timeout=10000):
        runner.cancel()
    assert cancelled_runs == [True]
    assert not runner.busy


def test_database_work_gets_a_connection_of_its_own(session, owner, qtbot):
    runner = JobRunner(owner)
    results = []
    job = runner.run_on_database(
        session.workspace,
        lambda conn, progress, cancelled: (
            conn is not session.conn,
            conn.execute("SELECT name FROM organisation").fetchone()[0],
        ),
        results.append,
    )
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert results == [(True, "テスト生活協同組合")]


# ----- the pages say so -------------------------------------------------------------------------


def test_dashboard_says_it_could_not_look_when_the_workspace_is_gone(session, qtbot):
    with workspace_file_gone(session.workspace.path):
        page = DashboardPage(session, today=TODAY, background=True)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.gather_failed, timeout=10000) as blocker:
            pass
    assert not page.loading
    assert page.empty_label.text() == "Could not look for what is due"
    assert "There is no workspace file at" in page.empty_hint.text()
    assert blocker.args == [page.empty_hint.text()]
    assert page.empty_state.isVisibleTo(page)

    with qtbot.waitSignal(page.items_ready, timeout=10000):
        page.refresh()  # the file is back: the next look works and the message goes
    assert page.empty_label.text() != "Could not look for what is due"


def test_coverage_page_says_the_figures_failed_on_a_damaged_workspace(demo_session, qtbot):
    path = demo_session.workspace.path
    with workspace_file_damaged(path):
        page = CoveragePage(demo_session, today=TODAY, background=True)
        qtbot.addWidget(page)
        page.show()
        with qtbot.waitSignal(page.compute_failed, timeout=10000) as blocker:
            pass
    message = page.status_message.message
    assert message.startswith("The coverage could not be computed:")
    assert "damaged" in message and str(path) in message
    assert blocker.args == [message]
    assert page.status_message.isVisible()
    assert page.report is None
    assert page.tiles["completion"].number.text() == "–"
    assert page.tabs.tabText(0) == "Not completed (–)"

    with qtbot.waitSignal(page.report_changed, timeout=10000):
        page.refresh()
    assert not page.status_message.isVisible()
    assert page.report is not None


def test_register_page_says_when_the_records_could_not_be_counted(demo_session, qtbot):
    from app.areas.organisation.registers import PEOPLE
    from ui.register_page import RegisterPage

    with workspace_file_gone(demo_session.workspace.path):
        page = RegisterPage(demo_session, PEOPLE)
        qtbot.addWidget(page)
        assert page.model.total is None  # 300 people, more than a page: counted in the background
        with qtbot.waitSignal(page.model.count_failed, timeout=10000):
            pass
    assert page.model.total is None
    assert "There is no workspace file at" in page.count_label.text()
    assert page.model.rowCount() > 0  # the first page came from the session's connection
