"""What keeps edits safe around the main window: Ctrl+L and Ctrl+Q from any window, holding open
windows and their unsaved contents in memory across a lock, and asking before unsaved work is lost.

On lock every dialog is answered "Cancel", record forms give what was typed (``HeldForm``), pages
give what they hold (``Page.hold``), risk editors are remembered and the import wizard is hidden.
After the unlock ``reopen_windows`` brings them back. Nothing held is written to disk.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.i18n import _
from app.registers.registry import get_register
from ui.import_wizard.wizard import ImportWizard
from ui.pages import Page
from ui.record_form import HeldForm, RecordDialog
from ui.register_page import RegisterPage
from ui.risk_editor import RiskEditorDialog

LOCK_KEYS = QKeySequence("Ctrl+L")
QUIT_KEYS = QKeySequence("Ctrl+Q")  # Windows has no standard Quit key: Mamori uses Ctrl+Q there too


class KeyGuard(QObject):
    """Ctrl+L and Ctrl+Q from every window: a modal dialog blocks the menu's shortcuts."""

    def __init__(
        self, on_lock: Callable[[], None], on_quit: Callable[[], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._on_lock = on_lock
        self._on_quit = on_quit
        application = QApplication.instance()
        if application is not None:
            application.installEventFilter(self)

    def stop(self) -> None:
        application = QApplication.instance()
        if application is not None:
            application.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        keys = QKeySequence(event.keyCombination())
        if keys == LOCK_KEYS:
            self._on_lock()
            return True
        if keys == QUIT_KEYS:
            self._on_quit()
            return True
        return False


@dataclass
class HeldWindows:
    """What was open and unsaved when the session locked, kept in memory until the unlock."""

    pages: dict[str, object] = field(default_factory=dict)  # page key -> Page.hold()
    forms: list[tuple[HeldForm, int | None]] = field(default_factory=list)  # (form, risk asset)
    risk_editors: list[tuple[int, int | None]] = field(default_factory=list)  # asset, assessment
    hidden: list[QWidget] = field(default_factory=list)  # the import wizard, kept as it was

    def unsaved(self) -> list[str]:
        names = [_(get_register(held.register).item_title) for held, _a in self.forms if held.dirty]
        return names + [_("unsaved page contents")] * bool(self.pages)


def hold_windows(owner: QWidget, pages: Mapping[str, Page]) -> HeldWindows:
    """Close or hide every window of ``owner``, keeping what they hold; the pages' contents too."""
    held = HeldWindows()
    windows = [w for w in owner.findChildren(QWidget) if w.isWindow() and w.isVisible()]
    for window in windows:  # message boxes, file choosers, About...: answered "Cancel"
        if not isinstance(window, (RecordDialog, RiskEditorDialog, ImportWizard)):
            if isinstance(window, QDialog):
                window.done(QDialog.DialogCode.Rejected)
            else:
                window.close()
    for window in windows:
        if isinstance(window, RecordDialog):
            parent = window.parentWidget()
            asset = parent.asset_id if isinstance(parent, RiskEditorDialog) else None
            held.forms.append((window.form.hold(), asset))
            window.discard()
    for window in windows:
        if isinstance(window, RiskEditorDialog):
            held.risk_editors.append((window.asset_id, window.assessment_id))
            window.done(QDialog.DialogCode.Rejected)
        elif isinstance(window, ImportWizard):
            window.hide()
            held.hidden.append(window)
    for key, page in pages.items():
        state = page.hold()
        if state is not None:
            held.pages[key] = state
    return held


def reopen_windows(
    held: HeldWindows,
    open_risk_editor: Callable[[int], RiskEditorDialog],
    page: Callable[[str], Page],
    status: Callable[[str, int], None],
) -> None:
    """After the unlock: risk editors, forms with what was typed into them, the hidden wizard."""
    editors: dict[int, RiskEditorDialog] = {}
    for asset_id, assessment in held.risk_editors:
        try:
            editors[asset_id] = editor = open_risk_editor(asset_id)
        except KeyError:  # the asset was deleted meanwhile (by another copy of Mamori)
            continue
        if assessment is not None and assessment in editor.assessments():
            editor.set_assessment(assessment)
    for form, asset_id in held.forms:
        try:
            if asset_id in editors:
                editors[asset_id].reopen(form)
            else:
                register_page = page(form.register)
                if isinstance(register_page, RegisterPage):
                    register_page.reopen(form)
        except KeyError:
            status(_("A record that was open has been deleted meanwhile."), 15_000)
    for window in held.hidden:
        window.show()
        window.raise_()
        if isinstance(window, ImportWizard):
            window.recheck()  # the workspace may have changed while locked


def ask_to_discard(
    parent: QWidget, unsaved: list[str], confirmed: Callable[[], None]
) -> QMessageBox:
    """ "Some changes have not been saved: …" with Quit without saving (→ ``confirmed``) / Cancel."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _("Quit Mamori"),
        _("Some changes have not been saved:"),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText("\n".join(f"・{name}" for name in unsaved))
    quit_button = box.addButton(_("Quit without saving"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.finished.connect(
        lambda _result: confirmed() if box.clickedButton() is quit_button else None
    )
    box.open()
    return box
