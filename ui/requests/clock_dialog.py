"""Extend, stop or restart a request's answer clock (``app.areas.requests.clock``).

The dialog shows where the clock stands (due date and days left, or stopped since when; the
法39条 date that never moves) and offers what fits: a stopped clock can only be restarted.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.areas.requests import clock
from app.areas.requests.registers import DATA_REQUESTS, REQUEST_CLOCK
from app.dates import format_date
from app.errors import MamoriError, ValidationError
from app.i18n import _
from app.registers.records import Changes, load_record
from ui.screen_fit import resize_to_fit
from ui.session import Session
from ui.widgets.field_editors import FieldRow, editor_for

EXTEND, STOP, RESTART = "extend", "stop", "restart"


class ClockDialog(QDialog):
    def __init__(
        self, session: Session, request_id: int, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.request_id = request_id
        record = load_record(session.conn, DATA_REQUESTS, request_id)
        self.setWindowTitle(_("Answer clock of {number}").format(number=record["request_no"]))
        self.state = QLabel(self._state_text(record, today))
        self.state.setWordWrap(True)
        self.choice = QComboBox()
        stopped = clock.open_suspension(session.conn, request_id) is not None
        offers = (
            [(RESTART, _("End the suspension (the documents arrived)"))]
            if stopped
            else [
                (EXTEND, _("Extend the answer")),
                (STOP, _("Stop the clock (waiting for documents...)")),
            ]
        )
        for key, label in offers:
            self.choice.addItem(label, key)
        self.editors = {
            key: editor_for(REQUEST_CLOCK.field(key), session.conn)
            for key in ("start_on", "end_on", "days", "reason", "reason_note", "told_on")
        }
        self.rows = {key: FieldRow(editor) for key, editor in self.editors.items()}
        self.editors["start_on"].set_value(today)
        self.editors["end_on"].set_value(today)
        form = QFormLayout()
        self.captions: dict[str, QLabel] = {}
        for key, row in self.rows.items():
            caption = QLabel(_(REQUEST_CLOCK.field(key).label))
            self.captions[key] = caption
            form.addRow(caption, row)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.choice)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.choice.currentIndexChanged.connect(self._show_rows)
        self._show_rows()
        resize_to_fit(self, 640, 560)

    @staticmethod
    def _state_text(record: dict, today: date) -> str:
        parts = []
        if record["status"] == "suspended":
            parts.append(_("The clock is stopped; there is no due date until it runs again."))
        elif record["sla_due"] is not None:
            left = (record["sla_due"] - today).days
            parts.append(
                _("Answer due {due} ({days} days left).").format(
                    due=format_date(record["sla_due"], "ja"), days=left
                )
            )
        if record["litigation_bar_on"] is not None:
            parts.append(
                _("The two weeks of 法39条 end on {date}, whatever the clock says.").format(
                    date=format_date(record["litigation_bar_on"], "ja")
                )
            )
        return " ".join(parts)

    def action(self) -> str:
        return str(self.choice.currentData())

    def _show_rows(self) -> None:
        visible = {
            EXTEND: ("start_on", "days", "reason", "reason_note", "told_on"),
            STOP: ("start_on", "reason", "reason_note", "told_on"),
            RESTART: ("end_on",),
        }[self.action()]
        for key, row in self.rows.items():
            row.setVisible(key in visible)
            self.captions[key].setVisible(key in visible)

    def save(self) -> Changes | None:
        values = {key: editor.value() for key, editor in self.editors.items()}
        conn = self.session.conn
        try:
            if self.action() == EXTEND:
                changes = clock.extend(
                    conn,
                    self.request_id,
                    days=values["days"] or 0,
                    reason=values["reason"],
                    decided_on=values["start_on"],
                    note=values["reason_note"],
                    told_on=values["told_on"],
                )
            elif self.action() == STOP:
                changes = clock.suspend(
                    conn,
                    self.request_id,
                    stopped_on=values["start_on"],
                    reason=values["reason"],
                    note=values["reason_note"],
                    told_on=values["told_on"],
                )
            else:
                changes = clock.restart(conn, self.request_id, stopped_until=values["end_on"])
        except ValidationError as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return None
        except MamoriError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return None
        self.session.apply(
            Changes(
                frozenset({*changes.registers, DATA_REQUESTS.key, "deadlines"}), self.request_id
            )
        )
        self.accept()
        return changes
