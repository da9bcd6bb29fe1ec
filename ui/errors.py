"""How failures reach the officer: expected ones as their message, unexpected ones as a calm dialog.

``show_error`` is what pages call with an exception they caught. ``install_excepthook`` routes every
uncaught exception (GUI thread or worker thread) to the log and to ``UnexpectedErrorDialog``; no
traceback is ever shown, and only one such dialog is open at a time. Dialogs are opened with
``open()`` (window-modal, not blocking), so tests can inspect them without an event loop of their own.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import MamoriError
from app.i18n import _
from app.logsetup import log_file, log_unexpected
from app.storage.health import is_damage
from ui.icons import icon


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class UnexpectedErrorDialog(QDialog):
    """ "Something went wrong": reassures, names the log file, offers to open its folder."""

    def __init__(self, log_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log_path = Path(log_path) if log_path is not None else log_file()
        self.setWindowTitle(_("Unexpected error"))
        self.setWindowIcon(icon("warning"))
        self.setMinimumWidth(480)

        picture = QLabel()
        picture.setPixmap(icon("warning").pixmap(48, 48))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)

        heading = QLabel(_("Something went wrong."))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)

        self.message_label = QLabel(
            _(
                "Your data is safe: every change is saved in its own transaction. "
                "Details were written to the log: {path}"
            ).format(path=self.log_path)
        )
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        hint = QLabel(
            _("If it happens again, send the log file to whoever supports Mamori for you.")
        )
        hint.setWordWrap(True)
        palette = hint.palette()
        palette.setColor(hint.foregroundRole(), palette.color(palette.ColorRole.PlaceholderText))
        hint.setPalette(palette)

        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(heading)
        text.addWidget(self.message_label)
        text.addWidget(hint)
        text.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(picture)
        body.addLayout(text, 1)

        self.buttons = QDialogButtonBox()
        self.open_log_button = self.buttons.addButton(
            _("Open log folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton(
            _("Close"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.close_button.setDefault(True)
        self.open_log_button.clicked.connect(self.open_log_folder)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(16)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

    def text(self) -> str:
        """What the dialog says, as plain text (for tests and for copying)."""
        return self.message_label.text()

    def open_log_folder(self) -> None:
        open_folder(self.log_path.parent)


# ----- the one dialog for unexpected errors ----------------------------------------------------

_current_dialog: UnexpectedErrorDialog | None = None


def current_unexpected_dialog() -> UnexpectedErrorDialog | None:
    """The unexpected-error dialog on screen, if any."""
    return _current_dialog


def _forget_dialog() -> None:
    global _current_dialog
    _current_dialog = None


def report_unexpected(
    exc: BaseException, where: str, parent: QWidget | None = None
) -> UnexpectedErrorDialog | QMessageBox | None:
    """Log ``exc`` and show the dialog unless one is already open; call on the GUI thread.

    A read that met a damaged page is not unexpected: the workspace goes into rescue mode (the
    damage handler the main window registers) and the officer is told so, with the way out.
    """
    log_unexpected(exc, where)
    if is_damage(exc) and _damage_handler is not None:
        return _show_damage(_damage_handler(), parent)
    return _show_unexpected(parent)


# ----- a damaged page met while reading -------------------------------------------------------

DamageHandler = Callable[[], str]  # enters rescue mode; returns the message to show
_damage_handler: DamageHandler | None = None
_damage_box: QMessageBox | None = None


def set_damage_handler(handler: DamageHandler | None) -> None:
    """What to do when a read meets a damaged page (the main window: rescue mode, banner)."""
    global _damage_handler
    _damage_handler = handler


def current_damage_box() -> QMessageBox | None:
    return _damage_box


def _forget_damage_box() -> None:
    global _damage_box
    _damage_box = None


def _show_damage(message: str, parent: QWidget | None) -> QMessageBox | None:
    global _damage_box
    if QApplication.instance() is None:
        return None
    if _damage_box is not None:
        return _damage_box  # one at a time: every page reading the bad page fails alike
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("The workspace is damaged"))
    box.setText(message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(_forget_damage_box)
    box.destroyed.connect(_forget_damage_box)
    _damage_box = box
    box.open()
    return box


def _show_unexpected(parent: QWidget | None = None) -> UnexpectedErrorDialog | None:
    global _current_dialog
    if QApplication.instance() is None:
        return None
    if _current_dialog is not None:
        return _current_dialog  # one dialog at a time; the log has the rest
    if parent is None:
        # Centre it on the window in use; a hidden one may be on its way to deletion.
        active = QApplication.activeWindow()
        parent = active if active is not None and active.isVisible() else None
    dialog = UnexpectedErrorDialog(log_file(), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(_forget_dialog)
    dialog.destroyed.connect(_forget_dialog)
    _current_dialog = dialog
    dialog.open()
    return dialog


def show_error(
    parent: QWidget | None, exc: BaseException, title: str | None = None
) -> QMessageBox | UnexpectedErrorDialog | None:
    """Tell the officer about ``exc``: its own message if expected, else the unexpected dialog.

    Returns the box or dialog it opened (not blocking), or None when no QApplication exists.
    """
    if not isinstance(exc, MamoriError):
        return report_unexpected(exc, "page action", parent)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or _("Mamori"))
    box.setText(str(exc))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


# ----- uncaught exceptions ---------------------------------------------------------------------


class _Relay(QObject):
    """Carries exceptions from worker threads to the GUI thread (queued signal)."""

    raised = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self) -> None:
        if _pending_damage and _damage_handler is not None:
            _pending_damage.clear()
            _show_damage(_damage_handler(), None)
            return
        _show_unexpected()


_relay: _Relay | None = None
_pending_damage: list[bool] = []  # a worker thread met a damaged page (shown on the GUI thread)


def _on_gui_thread() -> bool:
    # Asked with ``threading``, not ``QThread.currentThread()``: wrapping a foreign thread's
    # QThread from Python outlives the thread and crashes when the wrapper is released.
    return (
        threading.current_thread() is threading.main_thread()
        and QApplication.instance() is not None
    )


def _handle(exc: BaseException, where: str) -> None:
    if _on_gui_thread():
        report_unexpected(exc, where)
        return
    log_unexpected(exc, where)
    if is_damage(exc):
        _pending_damage.append(True)
    if _relay is not None:
        _relay.raised.emit()


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    _handle(exc, "uncaught")


def _threading_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    name = args.thread.name if args.thread is not None else "?"
    _handle(args.exc_value, f"thread {name}")


def install_excepthook() -> None:
    """Route uncaught exceptions to the log and the unexpected-error dialog. Call once the
    QApplication exists (on the GUI thread)."""
    global _relay
    if _relay is None and QApplication.instance() is not None:
        _relay = _Relay()
    sys.excepthook = _excepthook
    threading.excepthook = _threading_excepthook
