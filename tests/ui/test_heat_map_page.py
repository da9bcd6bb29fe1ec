"""The risk heat map page: counts as ``heat_maps`` counts them, cell drill-down, filters, tiles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from app.areas.assets.registers import RISK_ITEMS
from app.areas.assets.scoring import heat_maps, load_matrix
from app.registers.records import update_record
from tests.ui.helpers import double_click
from ui.heat_map_page import HeatMapPage
from ui.record_form import RecordDialog
from ui.widgets.heat_map import ACCEPT_COLOUR, TREAT_COLOUR, HeatMapWidget, band_colour

pytestmark = pytest.mark.gui

# The demo's risk items: those drafted with the 台帳, plus the entrustment risks (a leak at the
# disposal contractor) its contractors bring once they are linked to the paper records entrusted
# to them (app/areas/contractors/demo.py); the 台帳 no longer names contractors as text.
DEMO_RISK_ITEMS = 546


@pytest.fixture
def page(demo_session, qtbot):
    widget = HeatMapPage(demo_session)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    return widget


def _cells(heat):
    return {
        (i, lk): heat.count(i, lk)
        for i in range(1, heat.impact_levels + 1)
        for lk in range(1, heat.likelihood_levels + 1)
    }


def test_cell_counts_equal_the_heat_maps(page, demo_session):
    inherent, residual = heat_maps(demo_session.conn)
    assert inherent.total == DEMO_RISK_ITEMS
    shown_inherent = {cell: page.inherent_map.count(*cell) for cell in page.inherent_map.cells()}
    shown_residual = {cell: page.residual_map.count(*cell) for cell in page.residual_map.cells()}
    assert shown_inherent == _cells(inherent)
    assert shown_residual == _cells(residual)
    assert page.tiles["assets"].number.text() == "40"
    assert page.tiles["assessed"].number.text() == "39"
    assert page.tiles["items"].number.text() == str(DEMO_RISK_ITEMS)
    assert page.table.source.rowCount() == DEMO_RISK_ITEMS  # no cell chosen: every risk in scope


def test_clicking_a_cell_lists_exactly_its_items(page, demo_session, qtbot):
    _inherent, residual = heat_maps(demo_session.conn)
    cell = max(residual.cells, key=lambda c: (c[0] * c[1], len(residual.cells[c])))
    page.show()
    qtbot.waitExposed(page)
    widget = page.residual_map
    centre = widget.cell_rect(*cell).center().toPoint()
    with qtbot.waitSignal(widget.cell_clicked) as blocker:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == list(cell)
    assert page.selection == ("residual", *cell)
    assert widget.selected_cell() == cell
    assert page.inherent_map.selected_cell() is None
    assert sorted(page.table.risk_ids()) == residual.cells[cell]
    assert f"{len(residual.cells[cell])} risks" in page.filter_label.text()

    page.clear_selection()
    assert widget.selected_cell() is None
    assert page.table.source.rowCount() == DEMO_RISK_ITEMS


def test_keyboard_moves_between_cells_and_enter_selects(page, demo_session, qtbot):
    inherent, _residual = heat_maps(demo_session.conn)
    widget = page.inherent_map
    page.show()
    widget.setFocus()
    assert widget.current_cell() == (3, 1)
    qtbot.keyClick(widget, Qt.Key.Key_Right)
    qtbot.keyClick(widget, Qt.Key.Key_Down)
    qtbot.keyClick(widget, Qt.Key.Key_Down)
    qtbot.keyClick(widget, Qt.Key.Key_Down)  # stays on the lowest row
    assert widget.current_cell() == (1, 2)
    with qtbot.waitSignal(widget.cell_clicked) as blocker:
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert blocker.args == [1, 2]
    assert sorted(page.table.risk_ids()) == inherent.cells.get((1, 2), [])


def test_department_and_asset_filters_narrow(page, demo_session):
    conn = demo_session.conn
    department = conn.execute(
        "SELECT owner_department_id FROM asset GROUP BY owner_department_id "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    page.set_department(department)
    inherent, residual = heat_maps(conn, department_id=department)
    assert 0 < inherent.total < DEMO_RISK_ITEMS
    assert {c: page.inherent_map.count(*c) for c in page.inherent_map.cells()} == _cells(inherent)
    assert {c: page.residual_map.count(*c) for c in page.residual_map.cells()} == _cells(residual)
    assert page.tiles["items"].number.text() == str(inherent.total)
    owners = {
        conn.execute(
            "SELECT a.owner_department_id FROM risk_item ri JOIN risk_assessment ra "
            "ON ra.id = ri.assessment_id JOIN asset a ON a.id = ra.asset_id WHERE ri.id = ?",
            (rid,),
        ).fetchone()[0]
        for rid in page.table.risk_ids()
    }
    assert owners == {department}
    assets = [page.asset_combo.itemData(i) for i in range(1, page.asset_combo.count())]
    expected = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM asset WHERE owner_department_id = ? ORDER BY asset_no", (department,)
        )
    ]
    assert assets == expected
    asset = next(a for a in assets if heat_maps(conn, asset_id=a)[0].total)
    page.set_asset(asset)
    one, _r = heat_maps(conn, asset_id=asset)
    assert page.tiles["assets"].number.text() == "1"
    assert {c: page.inherent_map.count(*c) for c in page.inherent_map.cells()} == _cells(one)
    assert {row.asset_id for row in page.table.source.rows()} == {asset}
    page.set_department(None)
    assert page.asset_id == asset  # still one of the listed assets
    page.set_asset(None)
    assert page.tiles["items"].number.text() == str(DEMO_RISK_ITEMS)


def test_high_tiles_list_the_risks_to_treat(page, demo_session):
    treat_from = load_matrix(demo_session.conn).treat_from
    page.tiles["untreated"].click()
    rows = page.table.source.rows()
    assert len(rows) == int(page.tiles["untreated"].number.text()) >= 1
    assert all(r.effective_residual >= treat_from and r.untreated for r in rows)
    page.tiles["high_residual"].click()
    assert page.table.source.rowCount() == int(page.tiles["high_residual"].number.text())
    page.tiles["high_inherent"].click()
    rows = page.table.source.rows()
    assert len(rows) == int(page.tiles["high_inherent"].number.text())
    assert all(r.inherent_score >= treat_from for r in rows)


def test_double_click_opens_the_risk_and_the_analysis_button_its_asset(page, qtbot):
    page.show()
    qtbot.waitExposed(page)
    first = page.table.proxy.index(0, 2)
    risk_id = page.table.risk_ids()[0]
    with qtbot.waitSignal(page.open_record) as blocker:
        double_click(qtbot, page.table, first)
    assert blocker.args == [RISK_ITEMS.key, risk_id]
    assert page.analysis_button.isEnabled()  # the double-click chose the risk
    with qtbot.waitSignal(page.analysis_requested) as blocker:
        page.analysis_button.click()
    assert blocker.args == [page.rows[risk_id].asset_id]


def test_the_map_moves_when_a_risk_is_treated(page, demo_session, qtbot):
    conn = demo_session.conn
    page.tiles["untreated"].click()
    row = page.table.source.rows()[0]
    before = page.residual_map.count(row.residual_impact, row.residual_likelihood)
    from app.registers.records import load_record

    values = load_record(conn, RISK_ITEMS, row.id)
    values.update(residual_impact=1, residual_likelihood=1, treatment="reduce")
    with qtbot.waitSignal(page.shown_changed):
        demo_session.apply(update_record(conn, RISK_ITEMS, row.id, values))
    assert page.residual_map.count(row.residual_impact, row.residual_likelihood) == before - 1
    assert row.id in heat_maps(conn)[1].cells[(1, 1)]
    assert row.id not in page.table.risk_ids()  # still listing the untreated ones


def test_risk_model_passes_the_model_tester(page, qtmodeltester):
    qtmodeltester.check(page.table.source)


def test_heat_map_widget_colours_hover_and_tooltip_text(qtbot):
    widget = HeatMapWidget()
    qtbot.addWidget(widget)
    widget.resize(420, 320)
    widget.show()
    qtbot.waitExposed(widget)
    matrix = widget.matrix
    assert band_colour(matrix, matrix.band(1)).name().upper() == ACCEPT_COLOUR
    assert band_colour(matrix, matrix.band(9)).name().upper() == TREAT_COLOUR
    centre = widget.cell_rect(2, 3).center().toPoint()
    assert widget.cell_at(widget.cell_rect(2, 3).center()) == (2, 3)
    qtbot.mouseMove(widget, centre)
    qtbot.waitUntil(lambda: widget.hovered_cell() == (2, 3))
    assert widget.cell_at(widget.cell_rect(2, 3).topLeft() - QPoint(3, 3).toPointF()) != (2, 3)
    assert "Score 6" in widget.cell_text(2, 3)


def test_main_window_lists_the_heat_map_first_among_assets(demo_session, qtbot):
    from app.settings import Settings
    from ui.areas import HEATMAP
    from ui.main_window import NAV_KEY, MainWindow
    from ui.risk_editor import RiskEditorDialog

    window = MainWindow(demo_session, Settings(language="en"))
    qtbot.addWidget(window)
    keys = [window.nav.item(r).data(NAV_KEY) for r in range(window.nav.count())]
    assert keys[keys.index(HEATMAP) + 1] == "purposes"  # first of the assets area
    assert keys[keys.index(HEATMAP) - 1] is None  # right under the area's header
    page = window.show_page(HEATMAP)
    assert isinstance(page, HeatMapPage)
    editor = window.open_risk_editor(7)
    assert isinstance(editor, RiskEditorDialog) and editor.asset_id == 7
    editor.reject()
    risk_id = page.table.risk_ids()[0]
    page.open_record.emit(RISK_ITEMS.key, risk_id)
    assert window.stack.currentWidget() is window.pages[RISK_ITEMS.key]
    for dialog in window.findChildren(RecordDialog):
        dialog.discard()


def test_the_impact_axis_title_stands_upright_in_japanese() -> None:
    from ui.widgets.heat_map import upright_title

    assert upright_title("影響度") == ["↑", "影", "響", "度"]
    assert upright_title("Impact") == []
