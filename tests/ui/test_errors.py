"""Error presentation: expected errors as their message, unexpected ones as the calm dialog."""

from __future__ import annotations

import gc
import logging
import sys
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from app.errors import RecordInUseError
from app.logsetup import log_file
from ui import errors
from ui.errors import UnexpectedErrorDialog, install_excepthook, show_error

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def no_dialog_left(qapp):
    yield
    dialog = errors.current_unexpected_dialog()
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()
    errors._forget_dialog()


@pytest.fixture
def hooks(monkeypatch):
    """Restore Python's hooks after the test installs ours."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def _raise(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught


def test_unexpected_dialog_names_the_log_file(qtbot):
    dialog = UnexpectedErrorDialog()
    qtbot.addWidget(dialog)
    assert str(log_file()) in dialog.text()
    assert "Your data is safe" in dialog.text()
    assert dialog.open_log_button.text() == "Open log folder"
    assert dialog.close_button.text() == "Close"
    assert "Traceback" not in dialog.text()


def test_show_error_shows_the_message_of_an_expected_error(qtbot):
    box = show_error(None, RecordInUseError("This record is still in use."), "Delete")
    assert isinstance(box, QMessageBox)
    qtbot.addWidget(box)
    assert box.isVisible()
    assert box.text() == "This record is still in use."
    assert box.windowTitle() == "Delete"
    assert box.icon() == QMessageBox.Icon.Warning
    box.close()


def test_show_error_logs_an_unexpected_error_and_shows_the_dialog(qtbot, caplog):
    exc = _raise(ValueError("secret name 山田"))
    with caplog.at_level(logging.ERROR, logger="mamori.unexpected"):
        dialog = show_error(None, exc)
    assert isinstance(dialog, UnexpectedErrorDialog)
    assert dialog.isVisible()
    assert str(log_file()) in dialog.text()
    assert "ValueError" in caplog.text
    assert "山田" not in caplog.text  # the message may hold personal data and is withheld
    assert "山田" not in dialog.text()


def test_only_one_unexpected_dialog_at_a_time(qtbot, caplog):
    with caplog.at_level(logging.ERROR, logger="mamori.unexpected"):
        first = show_error(None, _raise(KeyError("a")))
        second = show_error(None, _raise(KeyError("b")))
    assert first is second
    assert caplog.text.count("KeyError") == 2  # both are logged
    first.close()
    assert errors.current_unexpected_dialog() is None
    third = show_error(None, _raise(KeyError("c")))
    assert third is not None and third is not first


def test_excepthook_logs_and_shows_the_dialog(hooks, qtbot, caplog, capsys):
    install_excepthook()
    exc = _raise(RuntimeError("boom"))
    with caplog.at_level(logging.ERROR, logger="mamori.unexpected"):
        sys.excepthook(type(exc), exc, exc.__traceback__)
    dialog = errors.current_unexpected_dialog()
    assert dialog is not None and dialog.isVisible()
    assert "RuntimeError" in caplog.text
    assert "Traceback" not in capsys.readouterr().err


def test_exception_in_a_thread_reaches_the_gui(hooks, qtbot, caplog):
    install_excepthook()

    def fail() -> None:
        raise OSError("disk")

    # Qt wrappers left in reference cycles by the tests before (exception tracebacks hold their
    # frames) must not be garbage-collected on the worker thread: shiboken then defers their
    # deletion to the GUI thread, which crashes. Collect here and keep the collector off while
    # the thread runs.
    gc.collect()
    gc.disable()
    try:
        with caplog.at_level(logging.ERROR, logger="mamori.unexpected"):
            worker = threading.Thread(target=fail, name="worker")
            worker.start()
            worker.join()
    finally:
        gc.enable()
    qtbot.waitUntil(lambda: errors.current_unexpected_dialog() is not None)
    assert "thread worker" in caplog.text
    assert "OSError" in caplog.text
