"""The first-start dialog: create a new workspace, open an existing one, or try the demo.

Each choice has its own form in a stack beside the three choice buttons. Tests drive the forms
through ``create_at``, ``open_path`` and ``start_demo``, which take paths directly; the buttons only
add the file dialogs in front of them.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import secrets
from app.demo import DEMO_PASSPHRASE, build_demo_workspace
from app.errors import WorkspaceError
from app.i18n import _
from app.paths import default_workspace_path
from app.settings import Settings
from app.storage.recovery import set_up as set_up_recovery
from app.storage.workspace import WORKSPACE_SUFFIX, Workspace
from ui.passphrase_widgets import (
    InlineMessage,
    PassphraseEdit,
    StrengthMeter,
    breakable,
    busy_cursor,
    field_with_message,
)
from ui.unlock import BrandHeader, UnlockWidget, plain_button, remember_workspace
from ui.widgets.choice_button import ChoiceButton

log = logging.getLogger(__name__)

FILE_FILTER_SUFFIX = f"*{WORKSPACE_SUFFIX}"
CREATE, OPEN, DEMO = range(3)
MAX_RECENT_SHOWN = 4
CHOICE_WIDTH = 290


def propose_new_path() -> Path:
    """The default workspace file, or ``workspace-2.mamori``, ``-3``… when it is taken."""
    first = default_workspace_path()
    candidate, number = first, 2
    while candidate.exists():
        candidate = first.with_name(f"{first.stem}-{number}{first.suffix}")
        number += 1
    return candidate


def file_filter() -> str:
    return _("Mamori workspaces ({pattern})").format(pattern=FILE_FILTER_SUFFIX)


def _page_title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.35)
    label.setFont(font)
    return label


def _page_text(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class WelcomeDialog(QDialog):
    """After ``accept()``: ``workspace`` (open, holding the instance lock unless it is the demo)
    and ``is_demo``. Non-demo workspaces are remembered in ``settings`` (saved to disk)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.workspace: Workspace | None = None
        self.is_demo = False
        self.demo_dir: Path | None = None
        self.unlock_widget: UnlockWidget | None = None
        self.setWindowTitle(_("Welcome to Mamori"))

        self.header = BrandHeader(
            _(
                "Your co-op's personal-information registers, kept in one encrypted file on this PC."
            ),
            self,
        )

        self.create_choice = ChoiceButton(
            _("Create a new workspace"),
            _("Start empty, for your organisation."),
            self,
        )
        self.open_choice = ChoiceButton(
            _("Open an existing workspace"),
            _("A file made earlier, or copied from another PC."),
            self,
        )
        self.demo_choice = ChoiceButton(
            _("Try the demo"),
            _("A fictional co-op to explore. Nothing is kept."),
            self,
        )
        self.choices = QButtonGroup(self)
        self.choices.setExclusive(True)
        for index, button in enumerate((self.create_choice, self.open_choice, self.demo_choice)):
            self.choices.addButton(button, index)
        self.choices.idClicked.connect(self.show_choice)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_create_page())
        self.stack.addWidget(self._build_open_page())
        self.stack.addWidget(self._build_demo_page())

        choice_column = QVBoxLayout()
        choice_column.setSpacing(10)
        choice_column.addWidget(self.create_choice)
        choice_column.addWidget(self.open_choice)
        choice_column.addWidget(self.demo_choice)
        choice_column.addStretch(1)

        separator = QFrame(self)
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)

        body = QHBoxLayout()
        body.setSpacing(24)
        body.addLayout(choice_column, 0)
        body.addWidget(separator)
        body.addWidget(self.stack, 1)

        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(18)
        layout.addWidget(self.header)
        layout.addWidget(rule)
        layout.addLayout(body, 1)

        cards = (self.create_choice, self.open_choice, self.demo_choice)
        height = max(card.heightForWidth(CHOICE_WIDTH) for card in cards)
        for card in cards:
            card.setFixedSize(CHOICE_WIDTH, height)
        self.resize(860, 580)
        self.show_choice(OPEN if self._recent_paths() else CREATE)

    # ----- navigation -----------------------------------------------------------------------

    def show_choice(self, index: int) -> None:
        button = self.choices.button(index)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        self.stack.setCurrentIndex(index)
        if index == CREATE:
            self.org_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif index == OPEN and self.unlock_widget is not None and self.open_stack.currentIndex():
            self.unlock_widget.focus_passphrase()

    # ----- create ---------------------------------------------------------------------------

    def _build_create_page(self) -> QWidget:
        page = QWidget(self)
        self.org_edit = QLineEdit(page)
        self.org_edit.setPlaceholderText(_("e.g. 生活協同組合コープみなと"))
        self.org_edit.textChanged.connect(self._update_create_state)

        self.location_edit = QLineEdit(str(propose_new_path()), page)
        self.location_edit.textChanged.connect(self._on_location_changed)
        self.browse_button = plain_button(_("Browse…"), page)
        self.browse_button.clicked.connect(self._browse_for_new)
        location_row = QHBoxLayout()
        location_row.setSpacing(6)
        location_row.addWidget(self.location_edit, 1)
        location_row.addWidget(self.browse_button)
        self.location_message = InlineMessage(page)

        self.new_passphrase_edit = PassphraseEdit(page)
        self.new_passphrase_edit.setAccessibleName(_("Passphrase"))
        self.strength_meter = StrengthMeter(page)
        self.confirm_edit = PassphraseEdit(page)
        self.confirm_edit.setAccessibleName(_("Confirm passphrase"))
        self.mismatch_message = InlineMessage(page)
        self.new_passphrase_edit.textChanged.connect(self._update_create_state)
        self.confirm_edit.textChanged.connect(self._update_create_state)
        self.confirm_edit.returnPressed.connect(self._create_if_ready)

        self.create_remember_box = QCheckBox(_("&Remember the passphrase on this PC"), page)
        self.create_remember_box.setToolTip(
            _(
                "The passphrase is kept in the credential store of your Windows account, so anyone "
                "who can sign in to this account can open the workspace without typing it."
            )
        )
        self.create_remember_box.setVisible(secrets.available())

        warning = _page_text(
            _(
                "Nobody can recover a forgotten passphrase, not even with Mamori's help: "
                "write it down and keep it somewhere safe."
            ),
            page,
        )
        warning.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.create_error = InlineMessage(page)
        self.create_button = plain_button(_("Create workspace"), page)
        self.create_button.clicked.connect(self._create_from_form)
        self.create_button.setEnabled(False)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow(_("Organisation name:"), self.org_edit)
        form.addRow(_("Workspace file:"), field_with_message(location_row, self.location_message))
        form.addRow(
            _("Passphrase:"), field_with_message(self.new_passphrase_edit, self.strength_meter)
        )
        form.addRow(
            _("Confirm passphrase:"), field_with_message(self.confirm_edit, self.mismatch_message)
        )
        form.addRow("", self.create_remember_box)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(_page_title(_("Create a new workspace"), page))
        layout.addWidget(
            _page_text(
                _(
                    "A workspace is one encrypted file. The passphrase you choose here protects "
                    "everything in it."
                ),
                page,
            )
        )
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.create_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._on_location_changed(self.location_edit.text())
        return page

    def _location_path(self) -> Path | None:
        text = self.location_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = default_workspace_path().parent / path
        if path.suffix.lower() != WORKSPACE_SUFFIX:
            path = path.with_name(path.name + WORKSPACE_SUFFIX)
        return path

    def _on_location_changed(self, text: str) -> None:
        path = self._location_path()
        if path is not None and path.exists():
            self.location_message.show_error(
                _("This file already exists. Choose another name, or open it instead.")
            )
        else:
            self.location_message.clear_message()
        self._update_create_state()

    def _update_create_state(self) -> None:
        passphrase = self.new_passphrase_edit.text()
        confirm = self.confirm_edit.text()
        path = self._location_path()
        context = (self.org_edit.text().strip(), path.stem if path else "", "mamori")
        self.strength_meter.update_for(passphrase, context)
        typing = passphrase.startswith(confirm) and len(confirm) < len(passphrase)
        if confirm and confirm != passphrase and not typing:
            self.mismatch_message.show_error(_("The two passphrases are not the same."))
        else:
            self.mismatch_message.clear_message()
        self.create_error.clear_message()
        self.create_button.setEnabled(self.strength_meter.acceptable and passphrase == confirm)

    def _browse_for_new(self) -> None:
        start = self._location_path() or propose_new_path()
        chosen, _selected = QFileDialog.getSaveFileName(
            self,
            _("Create a workspace file"),
            str(start),
            file_filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen:
            self.location_edit.setText(chosen)
            self._on_location_changed(chosen)

    def _create_if_ready(self) -> None:
        if self.create_button.isEnabled():
            self._create_from_form()

    def create_at(self, path: Path, org: str, passphrase: str, confirm: str) -> bool:
        """Fill the create form and press Create. False (with the reason shown) if it did not."""
        self.show_choice(CREATE)
        self.location_edit.setText(str(path))
        self.org_edit.setText(org)
        self.new_passphrase_edit.setText(passphrase)
        self.confirm_edit.setText(confirm)
        if not self.create_button.isEnabled():
            return False
        return self._create_from_form()

    def _create_from_form(self) -> bool:
        path = self._location_path()
        if path is None:
            self.create_error.show_error(_("Choose where to save the workspace file."))
            return False
        passphrase = self.new_passphrase_edit.text()
        if passphrase != self.confirm_edit.text() or not self.strength_meter.acceptable:
            return False
        org = self.org_edit.text().strip()
        try:
            with busy_cursor():
                workspace = Workspace.create(
                    path, passphrase, {"name": org} if org else None, exclusive=True
                )
        except WorkspaceError as exc:
            self.create_error.show_error(str(exc))
            return False
        except OSError as exc:
            self.create_error.show_error(
                _("Cannot create {path}: {reason}").format(path=path, reason=exc.strerror or exc)
            )
            return False
        self.recovery_key = set_up_recovery(workspace)  # shown once by the application
        if not self.create_remember_box.isHidden() and self.create_remember_box.isChecked():
            secrets.remember(workspace.path, passphrase)
        self.new_passphrase_edit.clear_secret()
        self.confirm_edit.clear_secret()
        self._finish(workspace, is_demo=False)
        return True

    # ----- open -----------------------------------------------------------------------------

    def _recent_paths(self) -> list[Path]:
        return [Path(text) for text in self.settings.recent_workspaces if Path(text).is_file()]

    def _build_open_page(self) -> QWidget:
        page = QWidget(self)
        self.open_stack = QStackedWidget(page)

        picker = QWidget(self.open_stack)
        self.choose_file_button = plain_button(_("Choose a workspace file…"), picker)
        self.choose_file_button.clicked.connect(self._browse_for_existing)
        self.recent_label = QLabel(_("Recent workspaces"), picker)
        font = self.recent_label.font()
        font.setBold(True)
        self.recent_label.setFont(font)
        self.recent_buttons: list[ChoiceButton] = []
        for path in self._recent_paths()[:MAX_RECENT_SHOWN]:
            button = ChoiceButton(path.name, breakable(str(path.parent)), picker)
            button.setCheckable(False)
            button.setToolTip(str(path))
            button.clicked.connect(lambda _checked=False, path=path: self.open_path(path))
            self.recent_buttons.append(button)
        self.recent_label.setVisible(bool(self.recent_buttons))
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.choose_file_button)
        choose_row.addStretch(1)
        picker_layout = QVBoxLayout(picker)
        picker_layout.setContentsMargins(0, 0, 0, 0)
        picker_layout.setSpacing(10)
        picker_layout.addLayout(choose_row)
        picker_layout.addSpacing(8)
        picker_layout.addWidget(self.recent_label)
        for button in self.recent_buttons:
            picker_layout.addWidget(button)
        picker_layout.addStretch(1)
        self.open_stack.addWidget(picker)

        self.unlock_holder = QWidget(self.open_stack)
        self.unlock_holder_layout = QVBoxLayout(self.unlock_holder)
        self.unlock_holder_layout.setContentsMargins(0, 0, 0, 0)
        self.unlock_holder_layout.addStretch(1)
        self.open_stack.addWidget(self.unlock_holder)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(_page_title(_("Open an existing workspace"), page))
        layout.addWidget(
            _page_text(
                _(
                    "Open a workspace file (.mamori) created earlier on this PC or copied from "
                    "another one. You need its passphrase."
                ),
                page,
            )
        )
        layout.addSpacing(6)
        layout.addWidget(self.open_stack, 1)
        return page

    def _browse_for_existing(self) -> None:
        recent = self._recent_paths()
        start = recent[0].parent if recent else default_workspace_path().parent
        chosen, _selected = QFileDialog.getOpenFileName(
            self, _("Open a workspace file"), str(start), file_filter()
        )
        if chosen:
            self.open_path(Path(chosen))

    def open_path(self, path: Path) -> UnlockWidget:
        """Show the unlock form for ``path`` on the Open page."""
        self.show_choice(OPEN)
        if self.unlock_widget is not None:
            self.unlock_holder_layout.removeWidget(self.unlock_widget)
            self.unlock_widget.deleteLater()
        widget = UnlockWidget(Path(path), self.unlock_holder)
        back = plain_button(_("Choose another file…"), widget)
        back.clicked.connect(lambda: self.open_stack.setCurrentIndex(0))
        widget.button_row.insertWidget(0, back)
        widget.opened.connect(self._on_opened)
        self.unlock_holder_layout.insertWidget(0, widget)
        self.unlock_widget = widget
        self.open_stack.setCurrentIndex(1)
        widget.focus_passphrase()
        return widget

    def _on_opened(self, workspace: Workspace) -> None:
        self._finish(workspace, is_demo=False)

    # ----- demo -----------------------------------------------------------------------------

    def _build_demo_page(self) -> QWidget:
        page = QWidget(self)
        self.demo_button = plain_button(_("Start the demo"), page)
        self.demo_button.clicked.connect(self.start_demo)
        self.demo_error = InlineMessage(page)
        passphrase_note = _page_text(
            _("If Mamori locks while you try it, unlock it with the demo passphrase:"), page
        )
        passphrase_value = QLabel(DEMO_PASSPHRASE, page)
        passphrase_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = passphrase_value.font()
        mono.setFamilies(["Consolas", "DejaVu Sans Mono", "monospace"])
        mono.setStyleHint(QFont.StyleHint.Monospace)
        passphrase_value.setFont(mono)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(_page_title(_("Try the demo"), page))
        layout.addWidget(
            _page_text(
                _(
                    "Explore Mamori with a fictional co-op: twenty departments, three hundred "
                    "staff and their roles. The demo lives in a temporary folder and is "
                    "thrown away when you close Mamori."
                ),
                page,
            )
        )
        layout.addSpacing(6)
        layout.addWidget(passphrase_note)
        layout.addWidget(passphrase_value)
        layout.addWidget(self.demo_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def start_demo(self) -> bool:
        """Build a throw-away demo workspace in a new temporary folder and open it."""
        self.show_choice(DEMO)
        folder = Path(tempfile.mkdtemp(prefix="mamori-demo-"))
        try:
            with busy_cursor():
                workspace = build_demo_workspace(folder / "demo.mamori", DEMO_PASSPHRASE)
        except (WorkspaceError, OSError) as exc:
            shutil.rmtree(folder, ignore_errors=True)
            self.demo_error.show_error(
                _("The demo could not be prepared: {reason}").format(reason=exc)
            )
            return False
        # The main window closes the workspace before the interpreter exits; then this removes it.
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        self.demo_dir = folder
        self._finish(workspace, is_demo=True)
        return True

    # ----- done -----------------------------------------------------------------------------

    def _finish(self, workspace: Workspace, *, is_demo: bool) -> None:
        self.workspace = workspace
        self.is_demo = is_demo
        if not is_demo:
            remember_workspace(self.settings, workspace.path)
        self.accept()
