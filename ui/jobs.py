"""Run an ``app`` job off the GUI thread, with progress and cancel, and bring its result back.

Database jobs share one single-thread pool and each opens its own connection; results and progress
reach the GUI thread through queued signals of a QObject, so widgets are never touched from the
worker. The progress dialog appears only if the job outlives ``SHOW_AFTER_MS``.

Pages use one ``JobRunner`` per kind of work: it opens the job's connection, keeps only the latest
job's result (a newer run supersedes the older, which is cancelled and whose result is dropped),
hands failures to the page or, by default, to the error dialog, and cancels on request.
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
from app.storage.database import Connection
from app.storage.workspace import Workspace

SHOW_AFTER_MS = 500

JobFunction = Callable[[Progress, Cancelled], Any]
DatabaseWork = Callable[[Connection, Progress, Cancelled], Any]  # runs on its own connection


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
    """One job with a progress presenter; failures go to ``on_error`` or the error dialog."""
    runner = JobRunner(parent)
    job = runner.run(function, on_done, on_failed=on_error, title=title)
    for signal in (job.finished, job.failed, job.cancelled):
        signal.connect(runner.deleteLater)
    return job


def describe_failure(exc: BaseException) -> str:
    """What a page says in place of a result that could not be had."""
    if isinstance(exc, MamoriError | OSError):
        return str(exc)
    return _("Something unexpected went wrong ({error}); the details are in the log.").format(
        error=type(exc).__name__
    )


def on_own_connection(workspace: Workspace, work: DatabaseWork) -> JobFunction:
    """A job that opens a connection of its own for ``work`` and closes it afterwards."""

    def run(progress: Progress, cancelled: Cancelled) -> Any:
        conn = workspace.connect()
        try:
            return work(conn, progress, cancelled)
        finally:
            conn.close()

    return run


class JobRunner(QObject):
    """Runs one kind of background work for a page; only the latest run's outcome arrives.

    ``run``/``run_on_database`` cancel any earlier run of this runner and drop its result (through
    ``discard``, for results that hold resources), so a slow answer to an old question never
    overwrites a newer one. A failure goes to ``on_failed``, or to the error dialog when the page
    gives none: nothing fails silently. With a ``title``, the progress dialog (shown after
    ``SHOW_AFTER_MS``) offers Cancel.

    Handlers know a job by its serial number, never by reference: a job caught in a reference
    cycle could be freed by a garbage collection on a worker thread, which PySide does not survive.
    """

    def __init__(self, owner: QObject, *, pool: QThreadPool | None = None) -> None:
        super().__init__(owner)
        self._owner = owner
        self._pool = pool
        self._serial = 0
        self._jobs: dict[int, Job] = {}

    @property
    def busy(self) -> bool:
        job = self._jobs.get(self._serial)
        return job is not None and job.running

    def run_on_database(
        self,
        workspace: Workspace,
        work: DatabaseWork,
        on_done: Callable[[Any], None],
        **options: Any,
    ) -> Job:
        """``run`` with ``work`` on a connection of its own to ``workspace``."""
        return self.run(on_own_connection(workspace, work), on_done, **options)

    def run(
        self,
        function: JobFunction,
        on_done: Callable[[Any], None],
        *,
        on_failed: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_progress: Callable[[float, str], None] | None = None,
        discard: Callable[[Any], None] | None = None,
        title: str | None = None,
        pool: QThreadPool | None = None,
    ) -> Job:
        """Start ``function`` (on ``pool``, else the runner's, else the database pool)."""
        self.cancel()
        self._serial += 1
        serial = self._serial
        job = Job(function, self)
        self._jobs[serial] = job
        if title is not None and isinstance(self._owner, QWidget):
            ProgressPresenter(job, title, self._owner)
        if on_progress is not None:
            job.progress.connect(
                lambda fraction, text: (
                    on_progress(fraction, text) if serial == self._serial else None
                )
            )
        failed = on_failed or self._show_failure
        job.finished.connect(lambda result: self._deliver(serial, on_done, discard, result))
        job.failed.connect(lambda exc: self._deliver(serial, failed, None, exc))
        job.cancelled.connect(lambda: self._deliver(serial, on_cancelled, None))
        job.start(pool or self._pool)
        return job

    def cancel(self) -> None:
        """Ask the latest run to stop; its ``on_cancelled`` says when it has."""
        job = self._jobs.get(self._serial)
        if job is not None and job.running:
            job.cancel()

    def forget(self) -> None:
        """Cancel the latest run and drop whatever it delivers (the page is closing)."""
        self.cancel()
        self._serial += 1

    def _deliver(
        self,
        serial: int,
        handler: Callable[..., None] | None,
        discard: Callable[[Any], None] | None,
        *args: Any,
    ) -> None:
        job = self._jobs.pop(serial, None)
        if job is not None:
            job.deleteLater()
        if serial != self._serial:
            if discard is not None and args:
                discard(args[0])
            return
        if handler is not None:
            handler(*args)

    def _show_failure(self, exc: BaseException) -> None:
        from ui.errors import show_error

        show_error(self._owner if isinstance(self._owner, QWidget) else None, exc)
