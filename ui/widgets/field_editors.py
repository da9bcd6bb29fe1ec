"""One editor widget per field kind, chosen from the register definition.

Editors hand back what the officer entered, unparsed: the record layer parses and validates it, so
the form, the import and the CLI all give the same messages. Dates accept everything
``app.dates.parse_date`` reads (2026/4/1, 令和8年4月1日, R8.4.1, Excel serials) and show the reading.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from app.catalogues import choices
from app.dates import DateParseError, format_date, parse_date, show_date
from app.i18n import _
from app.registers.fields import Field, Kind
from app.registers.query import ListQuery, compile_query
from app.registers.records import load_record, record_label
from app.registers.registry import get_register
from app.storage.database import Connection
from ui.icons import icon

LINK_SUGGESTIONS = 30


class FieldEditor(QWidget):
    """A field's editor: ``value()`` is the raw input, ``set_value`` shows a stored value."""

    edited = Signal()

    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = item
        self.setObjectName(f"field_{item.key}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._layout = layout

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)


class TextEditor(FieldEditor):
    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.line = QLineEdit()
        self.line.setMaxLength(max(item.max_length * 2, 40))
        if item.kind is Kind.URL:
            self.line.setPlaceholderText("https://")
        elif item.kind is Kind.EMAIL:
            self.line.setPlaceholderText("name@example.jp")
        self.line.textEdited.connect(self.edited)
        self._layout.addWidget(self.line)
        narrow = {Kind.INTEGER: 160, Kind.MONTH_DAY: 160, Kind.CODE: 260}.get(item.kind)
        if narrow is not None:
            self.line.setMaximumWidth(narrow)
            self._layout.addStretch(1)

    def value(self) -> Any:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.line

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)


class LongTextEditor(FieldEditor):
    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.text.textChanged.connect(self.edited)
        self._layout.addWidget(self.text)

    def value(self) -> Any:
        return self.text.toPlainText()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.text):
            self.text.setPlainText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.text

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)


class DateEditor(FieldEditor):
    """A text field that reads Japanese and Western dates, with a calendar to pick from."""

    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.line = QLineEdit()
        self.line.setPlaceholderText(_("e.g. 2026/4/1 or 令和8年4月1日"))
        self.line.setMaximumWidth(240)
        # Wide enough for the example it shows (about 170 px in Japanese).
        self.line.setMinimumWidth(
            min(240, self.line.fontMetrics().horizontalAdvance(self.line.placeholderText()) + 24)
        )
        self.line.textEdited.connect(self._on_edited)
        self.line.editingFinished.connect(self._tidy)
        self.calendar_button = QToolButton()
        self.calendar_button.setIcon(icon("calendar"))
        self.calendar_button.setToolTip(_("Pick a date"))
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.calendar_button)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.calendar_button.setMenu(menu)
        self.reading = QLabel()
        self.reading.setObjectName("dateReading")
        self.reading.setStyleSheet("color: palette(placeholder-text);")
        self._layout.addWidget(self.line)
        self._layout.addWidget(self.calendar_button)
        self._layout.addWidget(self.reading, 1)

    def _parsed(self) -> date | None:
        try:
            parsed = parse_date(self.line.text())
        except DateParseError:
            return None
        return parsed if isinstance(parsed, date) else None

    def _on_edited(self) -> None:
        parsed = self._parsed()
        self.reading.setText(self._describe(parsed) if parsed else "")
        self.edited.emit()

    @staticmethod
    def _describe(value: date) -> str:
        try:
            return format_date(value, "ja_era")
        except ValueError:
            return show_date(value)

    def _tidy(self) -> None:
        parsed = self._parsed()
        if parsed is not None:
            self.line.setText(format_date(parsed, "slash"))

    def _sync_calendar(self) -> None:
        parsed = self._parsed() or date.today()
        self.calendar.setSelectedDate(QDate(parsed.year, parsed.month, parsed.day))

    def _picked(self, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        menu = self.calendar_button.menu()
        if menu is not None:
            menu.hide()
        self.edited.emit()

    def value(self) -> Any:
        return self.line.text()

    def set_value(self, value: Any) -> None:
        if isinstance(value, date):
            self.line.setText(format_date(value, "slash"))
            self.reading.setText(self._describe(value))
        else:
            self.line.setText("" if value is None else str(value))
            self.reading.clear()

    def focus_widget(self) -> QWidget:
        return self.line

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        self.calendar_button.setEnabled(not read_only)


class BoolEditor(FieldEditor):
    def __init__(self, item: Field, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.box = QCheckBox(_(item.label))
        self.box.toggled.connect(self.edited)
        self._layout.addWidget(self.box)

    def value(self) -> Any:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def focus_widget(self) -> QWidget:
        return self.box


class ChoiceEditor(FieldEditor):
    """A catalogue's items; an item no longer in use still shows where a record keeps it."""

    def __init__(self, item: Field, conn: Connection, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(220)
        self._conn = conn
        self._active = dict(choices(conn, item.catalogue or ""))
        self._all = dict(choices(conn, item.catalogue or "", include_inactive=True))
        self._fill(None)
        self.combo.currentIndexChanged.connect(self.edited)
        self._layout.addWidget(self.combo)
        self._layout.addStretch(1)

    def _fill(self, keep: str | None) -> None:
        with QSignalBlocker(self.combo):
            self.combo.clear()
            self.combo.addItem(_("(not set)"), None)
            for code, label in self._all.items():
                if code in self._active or code == keep:
                    shown = label if code in self._active else _("{label} (no longer in use)")
                    self.combo.addItem(shown.format(label=label), code)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self._fill(value)
        with QSignalBlocker(self.combo):
            index = self.combo.findData(value)
            if index < 0 and value is not None:
                self.combo.addItem(str(value), value)
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(max(index, 0))

    def focus_widget(self) -> QWidget:
        return self.combo


class MultiChoiceEditor(FieldEditor):
    def __init__(self, item: Field, conn: Connection, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.list = QListWidget()
        self._active = dict(choices(conn, item.catalogue or ""))
        self._all = dict(choices(conn, item.catalogue or "", include_inactive=True))
        rows = min(max(len(self._active), 2), 6)
        self.list.setFixedHeight(self.list.fontMetrics().lineSpacing() * rows + 16)
        self.list.itemChanged.connect(self.edited)
        self._fill([])
        self._layout.addWidget(self.list)

    def _fill(self, keep: list[str]) -> None:
        with QSignalBlocker(self.list):
            self.list.clear()
            for code, label in self._all.items():
                if code not in self._active and code not in keep:
                    continue
                shown = label if code in self._active else _("{label} (no longer in use)")
                entry = QListWidgetItem(shown.format(label=label))
                entry.setData(Qt.ItemDataRole.UserRole, code)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(
                    Qt.CheckState.Checked if code in keep else Qt.CheckState.Unchecked
                )
                self.list.addItem(entry)

    def value(self) -> Any:
        codes = []
        for row in range(self.list.count()):
            entry = self.list.item(row)
            if entry.checkState() == Qt.CheckState.Checked:
                codes.append(entry.data(Qt.ItemDataRole.UserRole))
        return codes

    def set_value(self, value: Any) -> None:
        self._fill(list(value or []))

    def focus_widget(self) -> QWidget:
        return self.list


class LinkEditor(FieldEditor):
    """Pick a record of another register by typing its code or name (suggestions from SQL)."""

    def __init__(self, item: Field, conn: Connection, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self._conn = conn
        self.target = get_register(item.link or "")
        self._record_id: int | None = None
        self._labels: dict[str, int] = {}
        self.line = QLineEdit()
        self.line.setPlaceholderText(
            _("Type a {key} or a name").format(
                key=_(self.target.field(self.target.human_key).label)
            )
        )
        self.line.setClearButtonEnabled(True)
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._chosen)
        self.line.setCompleter(completer)
        self.line.textEdited.connect(self._typed)
        self._layout.addWidget(self.line)

    def _typed(self, text: str) -> None:
        self._record_id = self._labels.get(text)
        terms = text.strip()
        if terms:
            compiled = compile_query(
                self.target,
                ListQuery(search=terms),
                [self.target.field(self.target.human_key), self.target.field(self.target.display)],
            )
            rows = compiled.page(self._conn, 0, LINK_SUGGESTIONS)
            self._labels = {self._label(key, name): record_id for record_id, key, name in rows}
            self._suggestions.setStringList(list(self._labels))
        self.edited.emit()

    def _label(self, key: Any, name: Any) -> str:
        return record_label(self.target, {self.target.human_key: key, self.target.display: name})

    def _chosen(self, text: str) -> None:
        self._record_id = self._labels.get(text)
        self.edited.emit()

    def record_id(self) -> int | None:
        return self._record_id

    def value(self) -> Any:
        text = self.line.text().strip()
        if not text:
            return None
        if self._record_id is not None:
            return self._record_id
        from app.registers.records import find_by_human_key

        found = find_by_human_key(self._conn, self.target, text)
        return found if found is not None else text

    def set_value(self, value: Any) -> None:
        self._record_id = value
        if value is None:
            self.line.clear()
            return
        try:
            values = load_record(self._conn, self.target, value)
        except KeyError:
            self.line.setText(str(value))
            return
        label = record_label(self.target, values, self._conn)
        self._labels = {label: value}
        self.line.setText(label)

    def focus_widget(self) -> QWidget:
        return self.line

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)


class LinksEditor(FieldEditor):
    """Several records of another register, typed as their codes ("P01, P03")."""

    def __init__(self, item: Field, conn: Connection, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self._conn = conn
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(_("Codes separated by commas"))
        self.line.textEdited.connect(lambda _text: self.edited.emit())
        self._layout.addWidget(self.line)

    def value(self) -> Any:
        return self.line.text().strip() or None

    def set_value(self, value: Any) -> None:
        from app.registers.records import human_keys

        self.line.setText(", ".join(human_keys(self._conn, self.field, value)))

    def focus_widget(self) -> QWidget:
        return self.line

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)


def editor_for(item: Field, conn: Connection, parent: QWidget | None = None) -> FieldEditor:
    if item.kind is Kind.LONG_TEXT:
        return LongTextEditor(item, parent)
    if item.kind is Kind.DATE:
        return DateEditor(item, parent)
    if item.kind is Kind.BOOL:
        return BoolEditor(item, parent)
    if item.kind is Kind.CHOICE:
        return ChoiceEditor(item, conn, parent)
    if item.kind is Kind.MULTI_CHOICE:
        return MultiChoiceEditor(item, conn, parent)
    if item.kind is Kind.LINK:
        return LinkEditor(item, conn, parent)
    if item.kind is Kind.LINKS:
        return LinksEditor(item, conn, parent)
    return TextEditor(item, parent)


class FieldRow(QWidget):
    """An editor with its help text and the message when its value is refused."""

    def __init__(self, editor: FieldEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.help = QLabel(_(editor.field.help) if editor.field.help else "")
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: palette(placeholder-text);")
        self.help.setVisible(bool(editor.field.help))
        layout.addWidget(self.help)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        layout.addWidget(self.error)
        # Grow with the form so wrapped help text gets the height it needs (under a checkbox too).
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        editor.edited.connect(self.clear_error)

    def show_error(self, message: str) -> None:
        self.error.setMinimumHeight(0)
        self.error.setText(message)
        self.error.show()

    def clear_error(self) -> None:
        """The value was edited: the message goes, its space stays until the next save, so the
        fields below do not move under the pointer."""
        if self.error.isVisible() and self.error.text():
            self.error.setMinimumHeight(self.error.height())
            self.error.clear()

    def reset_error(self) -> None:
        self.error.setMinimumHeight(0)
        self.error.clear()
        self.error.hide()
