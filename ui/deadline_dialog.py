"""The deadline calculator: a rule and a trigger date in, the calendar and rolled dates out, with
every closed day named. The same calculation as ``python main.py deadline``."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from app.dates import DateParseError, parse_date
from app.deadlines.engine import Computation, compute
from app.deadlines.holidays import BUILTIN, WEEKDAYS_JA, HolidayCalendar
from app.deadlines.rules import all_rules
from app.i18n import N_, _
from app.registers.fields import Field, Kind
from ui.icons import icon
from ui.widgets.field_editors import DateEditor
from ui.widgets.style import muted, scaled_font

FROM_FIELD = Field("from", N_("Trigger date"), Kind.DATE)


def _day(value: date | None) -> str:
    if value is None:
        return "—"
    return f"{value.year}年{value.month}月{value.day}日（{WEEKDAYS_JA[value.weekday()]}）"


class DeadlineCalculatorDialog(QDialog):
    def __init__(
        self,
        calendar: HolidayCalendar = BUILTIN,
        parent: QWidget | None = None,
        *,
        rule: str = "R-LEAK-FINAL-30",
        start: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.calendar = calendar
        self.result: Computation | None = None
        self.setWindowTitle(_("Deadline calculator"))
        self.setWindowIcon(icon("calendar"))
        self.setMinimumWidth(620)

        self.rule_combo = QComboBox()
        for known in all_rules().values():
            self.rule_combo.addItem(f"{known.id}　{known.title}", known.id)
        self.rule_combo.setCurrentIndex(max(0, self.rule_combo.findData(rule)))
        self.rule_combo.currentIndexChanged.connect(self.recalculate)
        self.from_editor = DateEditor(FROM_FIELD)
        self.from_editor.set_value(start or date.today())
        self.from_editor.edited.connect(self.recalculate)
        self.trigger_label = muted(QLabel())
        self.source_label = muted(QLabel(), wrap=True)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(_("Rule"), self.rule_combo)
        form.addRow(_("Trigger date"), self.from_editor)
        form.addRow("", self.trigger_label)
        form.addRow(_("Source"), self.source_label)

        self.calendar_value = QLabel()
        self.due_value = QLabel()
        scaled_font(self.calendar_value, 1.3)
        scaled_font(self.due_value, 1.3, bold=True)
        self.rolled_label = QLabel()
        self.rolled_label.setWordWrap(True)
        dates = QFrame()
        dates.setObjectName("deadlineDates")
        dates.setStyleSheet(
            "#deadlineDates { background: palette(base); border: 1px solid palette(midlight);"
            " border-radius: 4px; }"
        )
        grid = QGridLayout(dates)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(32)
        grid.addWidget(muted(QLabel(_("Calendar date"))), 0, 0)
        grid.addWidget(muted(QLabel(_("Due date (rolled)"))), 0, 1)
        grid.addWidget(self.calendar_value, 1, 0)
        grid.addWidget(self.due_value, 1, 1)
        grid.addWidget(self.rolled_label, 2, 0, 1, 2)
        self.reasons = QListWidget()
        self.reasons.setMaximumHeight(140)
        self.timing_label = muted(QLabel(), wrap=True)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #C62828;")
        self.error_label.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 12)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(dates)
        layout.addWidget(self.reasons)
        layout.addWidget(self.timing_label)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.recalculate()

    def recalculate(self) -> None:
        rule = all_rules()[self.rule_combo.currentData()]
        self.trigger_label.setText(rule.trigger_ja)
        self.source_label.setText(rule.source)
        self.timing_label.setText(rule.timing_ja)
        try:
            start = parse_date(self.from_editor.value())
        except DateParseError as exc:
            start = None
            self.error_label.setText(str(exc))
        else:
            self.error_label.setText("" if start else _("Give the date the clock starts."))
        self.reasons.clear()
        if start is None:
            self.result = None
            for label in (self.calendar_value, self.due_value, self.rolled_label):
                label.setText("—" if label is not self.rolled_label else "")
            return
        self.result = result = compute(rule, start, self.calendar)
        self.calendar_value.setText(_day(result.calendar_date))
        self.due_value.setText(_day(result.due_date))
        if result.calendar_date is None:
            self.rolled_label.setText(_("No fixed number of days."))
        elif result.rolled:
            self.rolled_label.setText(
                _("Rolled to the next business day, past {count} closed days:").format(
                    count=len(result.reasons)
                )
            )
        else:
            self.rolled_label.setText(_("Not rolled."))
        self.reasons.addItems(list(result.reasons))
        self.reasons.setVisible(bool(result.reasons))
