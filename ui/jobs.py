"""Run an ``app`` job off the GUI thread, with progress and cancel, and bring its result back.

Database jobs share one single-thread pool and each opens its own connection; results and progress
reach the GUI thread through queued signals of a QObject, so widgets are never touched from the
worker. The progress dialog appears only if the job outlives ``SHOW_AFTER_MS``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.errors import MamoriError
from app.i18n import _
from app.jobs import Cancelled, JobCancelledError, Progress
from app.logsetup import log_unexpected

SHOW_AFTER_MS = 500

JobFunction = Callable[[Progress, Cancelled], Any]


class _Signals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)  # the exception


class _Runnable(QRunnable):
    def __init__(self, function: JobFunction, signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._function = function
        self._signals = signals
        self._cancel = cancel

    def run(self) -> None:
        try:
            result = self._function(self._progress, self._cancel.is_set)
        except BaseException as exc:
            self._emit(self._signals.failed, exc)
        else:
            self._emit(self._signals.finished, result)

    def _progress(self, fraction: float, message: str = "") -> None:
        self._emit(self._signals.progress, fraction, message)

    @staticmethod
    def _emit(signal: Any, *args: object) -> None:
        # The job's owner may be gone (a page destroyed on lock, the app quitting): drop the result.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


_database_pool: QThreadPool | None = None


def database_pool() -> QThreadPool:
    """All database jobs run here, one at a time."""
    global _database_pool
    if _database_pool is None:
        _database_pool = QThreadPool()
        _database_pool.setMaxThreadCount(1)
    return _database_pool


class Job(QObject):
    """One running job. Connect ``finished``/``failed`` before calling ``start``."""

    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, function: JobFunction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._function = function
        self._cancel = threading.Event()
        self._signals = _Signals()
        self._signals.progress.connect(self.progress, Qt.ConnectionType.QueuedConnection)
        self._signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.running = False

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        (pool or database_pool()).start(_Runnable(self._function, self._signals, self._cancel))

    def cancel(self) -> None:
        self._cancel.set()

    def _on_finished(self, result: object) -> None:
        self.running = False
        self.finished.emit(result)

    def _on_failed(self, exc: object) -> None:
        self.running = False
        if isinstance(exc, JobCancelledError):
            self.cancelled.emit()
            return
        if isinstance(exc, BaseException) and not isinstance(exc, MamoriError):
            log_unexpected(exc, "background job")
        self.failed.emit(exc)


class ProgressPresenter(QObject):
    """Shows a modal progress dialog for ``job`` once it has run ``SHOW_AFTER_MS``."""

    def __init__(self, job: Job, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._job = job
        self._dialog = QProgressDialog(title, _("Cancel"), 0, 1000, parent)
        self._dialog.setWindowTitle(title)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setMinimumDuration(0)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.reset()
        self._dialog.hide()
        self._dialog.canceled.connect(job.cancel)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        job.progress.connect(self._on_progress)
        for signal in (job.finished, job.failed, job.cancelled):
            signal.connect(self._close)
        self._timer.start(SHOW_AFTER_MS)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        cursor_set = [True]

        def restore_cursor(*_args: object) -> None:
            # Also runs when the page that started the job is destroyed (the session locked).
            if cursor_set[0]:
                cursor_set[0] = False
                QApplication.restoreOverrideCursor()

        self._restore_cursor = restore_cursor
        parent.destroyed.connect(restore_cursor)

    @property
    def dialog(self) -> QProgressDialog:
        return self._dialog

    def _show(self) -> None:
        if self._job.running:
            self._dialog.show()

    def _on_progress(self, fraction: float, message: str) -> None:
        self._dialog.setValue(int(fraction * 1000))
        if message:
            self._dialog.setLabelText(message)

    def _close(self, *args: object) -> None:
        self._timer.stop()
        self._dialog.hide()
        self._restore_cursor()


def run_job(
    parent: QWidget,
    title: str,
    function: JobFunction,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> Job:
    """Start ``function`` on the database pool with a progress presenter; call back on the GUI."""
    job = Job(function, parent)
    ProgressPresenter(job, title, parent)
    job.finished.connect(on_done)
    if on_error is not None:
        job.failed.connect(on_error)
    job.start()
    return job
