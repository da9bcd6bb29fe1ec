"""The form for one record, built from its register definition; saving goes through app use cases.

A refused save changes nothing and shows every problem beside its field. The same widget is a
dialog for list registers and an inline page for the organisation settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.dates import show_datetime
from app.errors import MamoriError, StaleRecordError, ValidationError
from app.i18n import _
from app.registers.definition import RegisterDef
from app.registers.fields import Kind
from app.registers.lookups import record_meta
from app.registers.records import (
    Changes,
    child_registers,
    create_record,
    defaults,
    load_record,
    record_label,
    record_version,
    update_record,
)
from app.registers.registry import get_register
from app.text import join_list
from ui.form_panels import panels_for
from ui.screen_fit import resize_to_fit
from ui.session import Session
from ui.widgets.child_table import ChildTable
from ui.widgets.field_editors import FieldEditor, FieldRow, editor_for


def _local_time(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        return show_datetime(datetime.fromisoformat(stamp).astimezone())
    except ValueError:
        return stamp


@dataclass
class HeldForm:
    """A form's unsaved contents kept in memory while the session is locked (never on disk)."""

    register: str
    record_id: int | None
    values: dict[str, Any] = field(default_factory=dict)
    version: str | None = None
    dirty: bool = False


class RecordForm(QWidget):
    """Editors for every field of ``defn``; ``save()`` creates or updates the record."""

    saved = Signal(object)  # Changes
    dirty_changed = Signal(bool)

    def __init__(
        self,
        session: Session,
        defn: RegisterDef,
        record_id: int | None = None,
        parent: QWidget | None = None,
        *,
        preset: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.defn = defn
        self.record_id = record_id
        self.preset = dict(preset or {})  # fixed values (a child row's parent), shown read-only
        self.editors: dict[str, FieldEditor] = {}
        self.rows: dict[str, FieldRow] = {}
        self._dirty = False
        self.version: str | None = None  # the record as opened; a save over a newer one is refused
        self.stale_box: QMessageBox | None = None
        self.register_buttons: dict[str, QPushButton] = {}
        self.register_dialog: RecordDialog | None = None

        form = QFormLayout()
        # Every style alike: fields take the form's width, so wrapped help text has room.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        self.group_headings: list[QLabel] = []
        for title, _items in defn.field_groups:
            if title:
                heading = QLabel(_(title))
                heading.setObjectName("formGroup")
                heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
                self.group_headings.append(heading)
        headings = iter(self.group_headings)
        starts = {items[0].key for title, items in defn.field_groups if title}
        for item in defn.fields:
            if item.key in starts:
                form.addRow(next(headings))
            editor = editor_for(item, session.conn)
            editor.edited.connect(self._mark_dirty)
            row = FieldRow(editor)
            self.editors[item.key] = editor
            self.rows[item.key] = row
            label = (
                "" if item.kind is Kind.BOOL else _(item.label) + (" *" if item.required else "")
            )
            caption = QLabel(label)
            caption.setBuddy(editor.focus_widget())
            form.addRow(caption, row)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(4, 4, 12, 4)
        column.addLayout(form)
        self.child_tables = [
            ChildTable(session, child, record_id, self._open_child_form, inner)
            for child in child_registers(defn)
        ]
        for table in self.child_tables:
            column.addWidget(table)
        if record_id is not None:
            for factory in panels_for(defn.key):
                panel = factory(session, record_id, inner)
                if panel is not None:
                    column.addWidget(panel)
        if self.child_tables:
            session.changed.connect(self._children_changed)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)

        self.summary = QLabel()
        self.summary.setObjectName("formSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #c62828; font-weight: bold;")
        self.summary.hide()
        self.meta = QLabel()
        self.meta.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.meta)
        self.load()

    # ----- loading and saving -----------------------------------------------------------------

    def load(self) -> None:
        conn = self.session.conn
        values: dict[str, Any] = (
            load_record(conn, self.defn, self.record_id)
            if self.record_id is not None
            else defaults(self.defn)
        )
        self.version = (
            record_version(conn, self.defn, self.record_id) if self.record_id is not None else None
        )
        values.update(self.preset)
        for key, editor in self.editors.items():
            item = self.defn.field(key)
            editor.set_value(values.get(key))
            editor.set_read_only(
                item.computed
                or key in self.preset
                or (item.immutable and self.record_id is not None)
            )
        self._show_meta()
        self.clear_errors()
        self._set_dirty(False)

    def _children_changed(self, changes: Changes) -> None:
        """A row added, changed or removed in a child table may change what this record derives
        from its rows (a request's due date, an evaluation's score): show it, and take the new
        version, unless the officer has typed something (then the stale-save check speaks)."""
        if self.record_id is None or self._dirty:
            return
        if any(table.child.key in changes.registers for table in self.child_tables):
            self.load()

    def _show_meta(self) -> None:
        if self.record_id is None:
            self.meta.setText(_("Fields marked * are required."))
            return
        meta = record_meta(self.session.conn, self.defn, self.record_id)
        if meta is None:
            return
        self.meta.setText(
            _("Created {created} by {creator} · last changed {updated} by {updater}").format(
                created=_local_time(meta.created_at),
                creator=meta.created_by or "?",
                updated=_local_time(meta.updated_at),
                updater=meta.updated_by or "?",
            )
        )

    def raw_values(self) -> dict[str, Any]:
        raw = {
            key: editor.value()
            for key, editor in self.editors.items()
            if not self.defn.field(key).computed
            and not (self.defn.field(key).immutable and self.record_id is not None)
        }
        return {**raw, **self.preset}

    def _open_child_form(
        self, child: RegisterDef, record_id: int | None, preset: dict[str, Any], owner: QWidget
    ) -> QWidget:
        return show_record_dialog(self.session, child, record_id, owner, preset=preset)

    def save(self) -> Changes | None:
        """Write the record; on refusal show the problems and return None (nothing changed)."""
        self.clear_errors()
        conn = self.session.conn
        try:
            if self.record_id is None:
                changes = create_record(conn, self.defn, self.raw_values())
                self.record_id = changes.record_id
                for table in self.child_tables:
                    table.set_parent_id(self.record_id)
            else:
                changes = update_record(
                    conn, self.defn, self.record_id, self.raw_values(), version=self.version
                )
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return None
        except StaleRecordError as exc:
            if exc.deleted:
                QMessageBox.warning(self, _(self.defn.item_title), str(exc))
            else:
                self.offer_reload(str(exc))
            return None
        except MamoriError as exc:
            QMessageBox.warning(self, _(self.defn.item_title), str(exc))
            return None
        self._set_dirty(False)
        if self.record_id is not None:
            self.version = record_version(conn, self.defn, self.record_id)
        self._show_meta()
        self.session.apply(changes)
        self.saved.emit(changes)
        return changes

    def offer_reload(self, message: str) -> QMessageBox:
        """A stale save was refused: offer to load the newer record (dropping these edits)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _(self.defn.item_title),
            message,
            QMessageBox.StandardButton.Cancel,
            self,
        )
        reload_button = box.addButton(_("Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(reload_button)
        box.button(QMessageBox.StandardButton.Cancel).setText(_("Keep my edits"))
        box.setInformativeText(
            _("Reload shows the record as it is now; the edits in this form are then lost.")
        )
        box.finished.connect(
            lambda _result: self.load() if box.clickedButton() is reload_button else None
        )
        self.summary.setText(message)
        self.summary.show()
        self.stale_box = box
        box.open()
        return box

    # ----- holding unsaved contents across a lock -----------------------------------------------

    def hold(self) -> HeldForm:
        """What the officer typed (and the version it was opened with), for after the unlock."""
        return HeldForm(
            self.defn.key,
            self.record_id,
            self.raw_values() if self._dirty else {},
            self.version,
            self._dirty,
        )

    def restore(self, held: HeldForm) -> None:
        """Put held contents back over a freshly loaded form; the held version stays the basis."""
        for key, value in held.values.items():
            editor = self.editors.get(key)
            if editor is None:
                continue
            line = getattr(editor, "line", None)
            if isinstance(value, str) and isinstance(line, QLineEdit):
                line.setText(value)  # the text as typed (codes, names, dates not yet parsed)
            else:
                editor.set_value(value)
        if held.record_id is not None:
            self.version = held.version
        self._set_dirty(held.dirty)

    # ----- messages ---------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        first: FieldEditor | None = None
        for key, message in errors.items():
            if key in self.rows:
                self.rows[key].show_error(message)
                first = first or self.editors[key]
                self._offer_to_register(key)
        names = [_(self.defn.field(key).label) for key in errors if self.defn.has_field(key)]
        self.summary.setText(
            _("Not saved. Please correct: {fields}.").format(fields=join_list(names))
        )
        self.summary.show()
        if first is not None:
            first.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        self.summary.hide()
        for row in self.rows.values():
            row.reset_error()
        for button in self.register_buttons.values():
            button.hide()

    def _offer_to_register(self, key: str) -> None:
        """A link field holds a name that is no record yet: offer to register it right here."""
        item = self.defn.field(key)
        typed = self.editors[key].value()
        if item.kind is not Kind.LINK or not isinstance(typed, str) or not typed.strip():
            return
        target = get_register(item.link or "")
        if not target.creatable:
            return
        button = self.register_buttons.get(key)
        if button is None:
            button = QPushButton()
            button.setObjectName(f"register_{key}")
            button.clicked.connect(lambda _checked=False, k=key: self.register_linked(k))
            self.rows[key].layout().addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.register_buttons[key] = button
            self.editors[key].edited.connect(button.hide)
        button.setText(
            _("Register “{name}” in {register}…").format(
                name=typed.strip(), register=_(target.title)
            )
        )
        button.show()

    def register_linked(self, key: str) -> RecordDialog:
        """A new record of the linked register named as typed; once saved, this field links it."""
        target = get_register(self.defn.field(key).link or "")
        typed = str(self.editors[key].value() or "").strip()
        dialog = RecordDialog(self.session, target, None, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        display = dialog.form.editors[target.display]
        display.set_value(typed)
        dialog.form._set_dirty(True)

        def linked() -> None:
            if dialog.form.record_id is None:
                return
            self.editors[key].set_value(dialog.form.record_id)
            self.rows[key].clear_error()
            self.register_buttons[key].hide()
            if not self.errors_shown():
                self.summary.hide()
            self._set_dirty(True)

        dialog.accepted.connect(linked)
        dialog.open()
        self.register_dialog = dialog
        return dialog

    def errors_shown(self) -> dict[str, str]:
        return {
            key: row.error.text()
            for key, row in self.rows.items()
            if row.error.isVisible() and row.error.text()
        }

    # ----- dirty state ------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _mark_dirty(self) -> None:
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)


class RecordDialog(QDialog):
    """A record of a list register in its own window: Save keeps it open on errors."""

    history_requested = Signal(str, int)  # register key, record id

    def __init__(
        self,
        session: Session,
        defn: RegisterDef,
        record_id: int | None = None,
        parent: QWidget | None = None,
        *,
        preset: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.form = RecordForm(session, defn, record_id, self, preset=preset)
        self.editor_key: tuple[str, int] | None = None
        if record_id is not None:
            self.editor_key = (defn.key, record_id)
            session.claim_editor(self.editor_key, self)
            self.finished.connect(lambda _result: session.release_editor(self.editor_key, self))
        if record_id is None:
            self.setWindowTitle(_("New {item}").format(item=_(defn.item_title)))
        else:
            label = record_label(defn, load_record(session.conn, defn, record_id), session.conn)
            self.setWindowTitle(f"{_(defn.item_title)} — {label}")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        if record_id is not None:
            history = QPushButton(_("History…"))
            history.clicked.connect(
                lambda: self.history_requested.emit(defn.key, self.form.record_id or 0)
            )
            buttons.addButton(history, QDialogButtonBox.ButtonRole.HelpRole)
        self.buttons = buttons
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 680, min(140 + 58 * len(defn.fields), 760))

    def _save(self) -> None:
        if self.form.save() is not None:
            self.accept()

    def reject(self) -> None:
        if not self.form.dirty:
            super().reject()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.windowTitle(),
            _("Discard the changes you made?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda answer: self.discard() if answer == QMessageBox.StandardButton.Discard else None
        )
        self.confirm_box = box
        box.open()

    def discard(self) -> None:
        """Close without saving and without asking (the session is locking, or the user chose)."""
        self.form.load()
        QDialog.reject(self)


def bring_to_front(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()


def show_record_dialog(
    session: Session,
    defn: RegisterDef,
    record_id: int | None,
    parent: QWidget,
    *,
    setup: Callable[[RecordDialog], None] | None = None,
    preset: dict[str, Any] | None = None,
) -> RecordDialog:
    """Open the record in its dialog, or bring the dialog already editing it to the front.

    One editor per record: a double-click, Enter or Edit on a record that is open anywhere (the
    register page, the dashboard, the risk editor) shows that window instead of a second one.
    """
    if record_id is not None:
        existing = session.editor((defn.key, record_id))
        if isinstance(existing, RecordDialog):
            bring_to_front(existing)
            return existing
    dialog = RecordDialog(session, defn, record_id, parent, preset=preset)
    if setup is not None:
        setup(dialog)
    dialog.open()
    return dialog
