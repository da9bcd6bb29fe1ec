"""The PPC report draft (規則8条1項): the nine items as text to paste, with Copy and Save as PDF.

The text comes from ``app.areas.incidents.ppc_report``; the PDF renderer from ``reports/`` is
handed to ``export_draft`` from here. Copying and saving are each recorded in the audit trail.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.areas.incidents.ppc_report import (
    KINDS,
    PpcDraft,
    build_draft,
    draft_text,
    export_draft,
    record_output,
)
from app.areas.incidents.registers import INCIDENT_REPORTS
from app.i18n import _
from reports.incident_pdf import write_ppc_draft
from ui.record_form import RecordDialog
from ui.screen_fit import resize_to_fit
from ui.session import Session


class PpcDraftDialog(QDialog):
    """Shows the draft of one incident's report; the kind (速報/確報/追完) can be switched."""

    def __init__(
        self,
        session: Session,
        incident_id: int,
        kind: str = "prelim",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.incident_id = incident_id
        self.kind = QComboBox()
        for code, label in KINDS.items():
            self.kind.addItem(_(label), code)
        self.kind.setCurrentIndex(list(KINDS).index(kind))
        self.kind.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        explanation = QLabel(
            _(
                "Prefilled from the incident record. Check each item, then paste it into the "
                "PPC's report form (or send the PDF). Then record it as sent, so its date and "
                "on-time status are kept."
            )
        )
        explanation.setWordWrap(True)
        self.copy_button = QPushButton(_("Copy the text"))
        self.copy_button.clicked.connect(self.copy)
        self.pdf_button = QPushButton(_("Save as PDF…"))
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.sent_button = QPushButton(_("Record as sent…"))
        self.sent_button.clicked.connect(lambda: self.record_sent())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.sent_button, QDialogButtonBox.ButtonRole.ActionRole)
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(_("Kind of report")))
        kind_row.addWidget(self.kind)
        kind_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(kind_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 820, 680)
        self.draft: PpcDraft
        self.refresh()

    @property
    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def refresh(self) -> None:
        self.draft = build_draft(self.session.conn, self.incident_id, self.chosen_kind)
        self.setWindowTitle(_("PPC report draft: {number}").format(number=self.draft.incident_no))
        self.text.setPlainText(draft_text(self.draft))
        self.summary.setText(
            _(
                "{count} items are not yet known: send what is known now and supplement the rest "
                "when known."
            ).format(count=self.draft.unknown_count)
            if self.draft.unknown_count
            else _("Every item has content.")
        )
        self.copy_button.setText(_("Copy the text"))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        record_output(self.session.conn, self.draft, "clipboard")
        self.copy_button.setText(_("Copied"))

    def save_pdf(self, target: Path | None = None) -> Path | None:
        if target is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            name = f"{self.draft.incident_no}_{self.draft.kind_label}.pdf"
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Save as PDF…"), str(Path(folder) / name), "PDF (*.pdf)"
            )
            if not chosen:
                return None
            target = Path(chosen)
        export_draft(self.session.conn, self.incident_id, self.chosen_kind, target, write_ppc_draft)
        self.pdf_button.setText(_("Saved"))
        return target

    def record_sent(self) -> RecordDialog:
        """A new report sent, of the kind shown, dated today: the officer adds the receipt number
        and saves (the incident's deadline closes)."""
        form = RecordDialog(
            self.session,
            INCIDENT_REPORTS,
            parent=self,
            preset={
                "incident": self.incident_id,
                "kind": self.chosen_kind,
                "recipient": "ppc",
                "reported_on": date.today(),
            },
        )
        form.open()
        return form
