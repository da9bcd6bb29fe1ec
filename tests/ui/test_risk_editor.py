"""The risk editor: a draft for an unassessed asset, copying an analysis, editing items in the
record form (a 法令違反 risk cannot be accepted), and the "Risk analysis…" action on assets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from app.areas.assets.drafts import propose
from app.areas.assets.registers import ASSETS, RISK_ITEMS
from app.areas.assets.scoring import heat_maps
from tests.ui.helpers import double_click
from tests.ui.test_heat_map_page import DEMO_RISK_ITEMS
from ui.heat_map_page import HeatMapPage
from ui.record_form import RecordDialog
from ui.register_page import RegisterPage
from ui.risk_editor import AssetChooser, RiskEditorDialog

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 25)


def _unassessed(conn) -> int:
    return conn.execute(
        "SELECT id FROM asset a WHERE NOT EXISTS "
        "(SELECT 1 FROM risk_assessment ra WHERE ra.asset_id = a.id)"
    ).fetchone()[0]


def _editor(session, qtbot, asset_id) -> RiskEditorDialog:
    editor = RiskEditorDialog(session, asset_id, today=TODAY)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_a_draft_for_the_unassessed_asset(demo_session, qtbot):
    conn = demo_session.conn
    asset = _unassessed(conn)
    heat_map = HeatMapPage(demo_session)
    qtbot.addWidget(heat_map)
    editor = _editor(demo_session, qtbot, asset)
    assert editor.assessments() == []
    assert editor.empty_label.isVisible() and not editor.table.isVisible()
    assert not editor.add_button.isEnabled()

    with qtbot.waitSignal(demo_session.changed) as blocker:
        editor.draft_button.click()
    assert RISK_ITEMS.key in blocker.args[0].registers
    proposals = propose(conn, asset)
    assert len(editor.assessments()) == 1
    assert editor.table.isVisible() and not editor.empty_label.isVisible()
    assert editor.table.source.rowCount() == len(proposals) > 0
    assert all(row.asset_id == asset for row in editor.table.source.rows())
    inherent, _residual = heat_maps(conn, asset_id=asset)
    assert sum(editor.inherent_map.count(*c) for c in editor.inherent_map.cells()) == len(proposals)
    assert inherent.total == len(proposals)
    assert heat_map.tiles["assessed"].number.text() == "40"  # the heat map followed
    assert heat_map.tiles["items"].number.text() == str(DEMO_RISK_ITEMS + len(proposals))


def test_copy_from_another_asset(demo_session, qtbot):
    conn = demo_session.conn
    target = _unassessed(conn)
    editor = _editor(demo_session, qtbot, target)
    chooser = editor.choose_copy_source()
    assert isinstance(chooser, AssetChooser)
    listed = chooser.asset_ids()
    assert len(listed) == 39 and target not in listed
    chooser.search.setText("A007")
    assert len(chooser.asset_ids()) == 1
    source = chooser.asset_ids()[0]
    chooser.list.setCurrentRow(
        next(r for r in range(chooser.list.count()) if not chooser.list.item(r).isHidden())
    )
    source_items = conn.execute(
        "SELECT count(*) FROM risk_item WHERE assessment_id = (SELECT id FROM risk_assessment "
        "WHERE asset_id = ? ORDER BY assessed_at DESC, id DESC LIMIT 1)",
        (source,),
    ).fetchone()[0]
    with qtbot.waitSignal(demo_session.changed):
        chooser.accept()
    assert len(editor.assessments()) == 1
    rows = editor.table.source.rows()
    assert len(rows) == source_items > 0
    assert all(row.asset_id == target for row in rows)
    assert not any(row.accepted_by for row in rows)  # acceptance is never copied

    editor.draft_button.click()  # a second assessment: the latest is listed first and shown
    assessments = editor.assessments()
    assert len(assessments) == 2 and editor.assessment_id == assessments[0]
    editor.set_assessment(assessments[1])
    assert editor.table.source.rowCount() == source_items


def test_accepting_a_legal_violation_is_refused_beside_the_field(demo_session, qtbot):
    conn = demo_session.conn
    item_id, asset = conn.execute(
        "SELECT ri.id, ra.asset_id FROM risk_item ri JOIN risk_assessment ra "
        "ON ra.id = ri.assessment_id WHERE ri.consequences LIKE '%legal_violation%' "
        "ORDER BY ri.id LIMIT 1"
    ).fetchone()
    editor = _editor(demo_session, qtbot, asset)
    row = next(r for r in editor.table.source.rows() if r.id == item_id)
    assert row.legal_violation
    index = editor.table.proxy.mapFromSource(
        editor.table.source.index(editor.table.source.rows().index(row), 0)
    )
    double_click(qtbot, editor.table, index)
    (dialog,) = [d for d in editor.findChildren(RecordDialog) if d.isVisible()]
    assert dialog.form.record_id == item_id
    qtbot.waitExposed(dialog)
    dialog.form.editors["treatment"].set_value("accept")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()  # not saved
    errors = dialog.form.errors_shown()
    assert "treatment" in errors and "法令違反" in errors["treatment"]
    assert dialog.form.rows["treatment"].error.isVisible()
    assert dialog.form.summary.isVisible()
    stored = conn.execute("SELECT treatment FROM risk_item WHERE id = ?", (item_id,)).fetchone()
    assert stored[0] != "accept"
    dialog.discard()


def test_add_and_delete_a_risk(demo_session, qtbot):
    conn = demo_session.conn
    editor = _editor(demo_session, qtbot, 7)
    before = editor.table.source.rowCount()
    dialog = editor.add_item()
    assert dialog.form.editors["assessment"].value() == editor.assessment_id
    form = dialog.form
    form.editors["phase"].set_value("use")
    form.editors["threat"].set_value(
        conn.execute(
            "SELECT i.code FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
            "WHERE c.code = 'THREAT' ORDER BY i.sort_order LIMIT 1"
        ).fetchone()[0]
    )
    form.editors["inherent_impact"].set_value(2)
    form.editors["inherent_likelihood"].set_value(2)
    with qtbot.waitSignal(demo_session.changed):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert form.errors_shown() == {}
    assert editor.table.source.rowCount() == before + 1
    new_id = form.record_id
    assert new_id in editor.table.risk_ids()

    row = editor.table.risk_ids().index(new_id)
    editor.table.selectRow(row)
    assert editor.delete_button.isEnabled()
    assert editor.delete_selected(ask=False)
    assert new_id not in editor.table.risk_ids()
    assert conn.execute("SELECT 1 FROM risk_item WHERE id = ?", (new_id,)).fetchone() is None


def test_the_asset_register_offers_the_risk_analysis(demo_session, qtbot):
    opened: list[int] = []
    page = RegisterPage(
        demo_session, ASSETS, record_actions=[("Risk analysis…", "risk", opened.append)]
    )
    qtbot.addWidget(page)
    button = page.action_buttons[0]
    assert not button.isEnabled()
    page.table.selectRow(2)
    assert button.isEnabled()
    button.click()
    assert opened == page.selected_ids()
