"""The first step of the import wizard: the kind of import, the file (chosen, dropped or typed),
its password when it has one, and the sheet."""

from __future__ import annotations

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.importing.flow import Step
from app.text import join_list
from ui.icons import icon
from ui.import_wizard.pages import FILE_FILTER, ImportSteps, WizardPage
from ui.import_wizard.parts import (
    bold,
)
from ui.passphrase_widgets import InlineMessage
from ui.widgets.style import muted


class SourcePage(WizardPage):
    """1. What to import and from which file (and its password when it has one)."""

    step = Step.SOURCE

    def __init__(self, wizard: ImportSteps) -> None:
        super().__init__()
        self.setTitle(_("What to import"))
        self.setSubTitle(
            _(
                "Choose what the spreadsheet holds and the file. Nothing is written until you import."
            )
        )
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        self.kind_box = QWidget()
        kinds = QVBoxLayout(self.kind_box)
        kinds.setContentsMargins(0, 0, 0, 6)
        kinds.setSpacing(4)
        heading = QLabel(_("The file holds"))
        bold(heading)
        kinds.addWidget(heading)
        self.kind_buttons = QButtonGroup(self)
        self.kind_radios: dict[str, QRadioButton] = {}
        for position, spec in enumerate(wizard.flow.specs):
            radio = QRadioButton(_(spec.title))
            needed = [_(target.label) for target in spec.targets if target.required]
            hint = muted(
                QLabel(_("Needs columns for: {columns}").format(columns=join_list(needed))),
                wrap=True,
            )
            hint.setContentsMargins(24, 0, 0, 4)
            self.kind_buttons.addButton(radio, position)
            self.kind_radios[spec.key] = radio
            kinds.addWidget(radio)
            kinds.addWidget(hint)
        self.kind_buttons.idClicked.connect(
            lambda position: wizard.set_spec(wizard.flow.specs[position].key)
        )
        self.kind_box.setVisible(len(wizard.flow.specs) > 1)
        layout.addWidget(self.kind_box)

        file_heading = QLabel(_("Spreadsheet file"))
        bold(file_heading)
        layout.addWidget(file_heading)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("Choose a file…"))
        self.path_edit.setAccessibleName(_("Spreadsheet file"))
        self.path_edit.returnPressed.connect(self._path_entered)
        self.browse_button = QPushButton(_("&Browse…"))
        self.browse_button.setIcon(icon("import"))
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        layout.addWidget(
            muted(
                QLabel(
                    _(
                        "Excel workbooks (.xlsx, .xlsm, .xls) or CSV files in UTF-8, UTF-16 or "
                        "Shift_JIS. Title rows above the column headings are fine."
                    )
                ),
                wrap=True,
            )
        )

        self.password_box = QWidget()
        password_row = QHBoxLayout(self.password_box)
        password_row.setContentsMargins(0, 4, 0, 0)
        self.password_label = QLabel(_("File &password"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaximumWidth(280)
        self.password_label.setBuddy(self.password_edit)
        self.password_edit.returnPressed.connect(self._password_entered)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.clicked.connect(self._password_entered)
        password_row.addWidget(self.password_label)
        password_row.addWidget(self.password_edit)
        password_row.addWidget(self.open_button)
        password_row.addWidget(
            muted(QLabel(_("Used only to open the file; Mamori does not keep it.")), wrap=True), 1
        )
        self.password_box.hide()
        layout.addWidget(self.password_box)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = InlineMessage()
        layout.addWidget(self.message)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts_box = QWidget()
        facts_row = QHBoxLayout(self.facts_box)
        facts_row.setContentsMargins(0, 4, 0, 0)
        tick = QLabel()
        tick.setPixmap(icon("verify").pixmap(20, 20))
        facts_row.addWidget(tick, 0, Qt.AlignmentFlag.AlignTop)
        facts_row.addWidget(self.facts, 1)
        self.facts_box.hide()
        layout.addWidget(self.facts_box)
        layout.addStretch(1)

    def initializePage(self) -> None:
        radio = self.kind_radios.get(self.flow.current_spec.key)
        if radio is not None:
            radio.setChecked(True)

    def browse(self) -> None:
        start = self.path_edit.text() or ""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a spreadsheet"),
            start,
            ";;".join(
                (
                    _("Spreadsheets ({patterns})").format(patterns=FILE_FILTER),
                    _("All files (*)"),
                )
            ),
        )
        if path:
            self.path_edit.setText(path)
            self.w.load_file(path)

    def _path_entered(self) -> None:
        if self.path_edit.text().strip():
            self.w.load_file(self.path_edit.text().strip())

    def _password_entered(self) -> None:
        if self.flow.path is not None:
            self.w.load_file(self.flow.path, password=self.password_edit.text())

    # ----- shown by the wizard ----------------------------------------------------------------

    def show_loading(self) -> None:
        self.message.clear_message()
        self.facts_box.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.completeChanged.emit()

    def show_progress(self, fraction: float, _message: str) -> None:
        self.progress.setValue(int(fraction * 1000))

    def show_password_prompt(self, message: str) -> None:
        self.progress.hide()
        self.password_box.show()
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        self.message.show_error(message)
        self.completeChanged.emit()

    def show_failure(self, message: str) -> None:
        self.progress.hide()
        self.message.show_error(message)
        self.completeChanged.emit()

    def show_loaded(self, text: str) -> None:
        self.progress.hide()
        self.password_box.hide()
        self.password_edit.clear()
        self.message.clear_message()
        self.facts.setText(text)
        self.facts_box.show()
        self.completeChanged.emit()
