"""A child register inside its parent's form: an assessment's risk items as a table there."""

from __future__ import annotations

from app.areas.assets.registers import RISK_ASSESSMENTS, RISK_ITEMS
from app.registers.children import child_ids
from ui.record_form import RecordDialog


def test_an_assessment_form_lists_and_edits_its_items(qtbot, demo_session) -> None:
    session = demo_session
    conn = session.conn
    assessment = conn.execute("SELECT assessment_id FROM risk_item GROUP BY assessment_id "
                              "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]  # fmt: skip
    dialog = RecordDialog(session, RISK_ASSESSMENTS, assessment)
    qtbot.addWidget(dialog)
    (table,) = dialog.form.child_tables
    assert table.child is RISK_ITEMS
    items = child_ids(conn, RISK_ITEMS, assessment)
    assert table.model.rowCount() == len(items) > 0
    headers = [table.model.headerData(c, 1) for c in range(table.model.columnCount())]
    assert "Assessment" not in headers and "評価" not in headers  # the parent is implied
    editor = table.edit_row(0)
    assert editor.form.editors["assessment"].line.isReadOnly()
    editor.form.editors["scenario"].set_value("子の行を親の画面から編集")
    editor.form.editors["scenario"].edited.emit()
    editor._save()
    first = conn.execute("SELECT scenario FROM risk_item WHERE id = ?", (items[0],)).fetchone()[0]
    assert first == "子の行を親の画面から編集"
    table.view.selectRow(0)
    table.remove_row(0)
    assert table.model.rowCount() == len(items) - 1


def test_a_new_parent_adds_rows_once_saved(qtbot, demo_session) -> None:
    session = demo_session
    dialog = RecordDialog(session, RISK_ASSESSMENTS)
    qtbot.addWidget(dialog)
    (table,) = dialog.form.child_tables
    assert not table.add_button.isEnabled() and table.hint.isVisibleTo(dialog)
    asset = session.conn.execute("SELECT id FROM asset LIMIT 1").fetchone()[0]
    dialog.form.editors["asset"].set_value(asset)
    dialog.form.editors["assessed_at"].line.setText("2026-04-01")
    assert dialog.form.save() is not None
    assert table.add_button.isEnabled() and table.parent_id == dialog.form.record_id
    child = table.add_row()
    assert child.form.raw_values()["assessment"] == dialog.form.record_id
