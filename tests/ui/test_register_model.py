"""The register table model on real encrypted workspaces: paging, sorting, filtering, counting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.registers.query import EMPTY, Filter, ListQuery
from app.registers.records import create_record
from ui.models.register_model import PAGE_SIZE, RegisterTableModel, Role


@pytest.fixture
def people_model(demo_session, qtbot):
    model = RegisterTableModel(demo_session, PEOPLE)
    if model.total is None:
        with qtbot.waitSignal(model.count_changed, timeout=5000):
            pass
    return model


def test_model_passes_qt_model_tester(demo_session, qtmodeltester) -> None:
    model = RegisterTableModel(demo_session, DEPARTMENTS)
    qtmodeltester.check(model, force_py=True)


def test_people_model_passes_qt_model_tester_while_paging(people_model, qtmodeltester) -> None:
    qtmodeltester.check(people_model, force_py=True)
    while people_model.canFetchMore():
        people_model.fetchMore()
    qtmodeltester.check(people_model, force_py=True)


def test_loads_one_page_and_fetches_the_rest_on_demand(people_model) -> None:
    assert people_model.rowCount() == PAGE_SIZE
    assert people_model.total == 300
    assert people_model.canFetchMore()
    people_model.fetchMore()
    assert people_model.rowCount() == 300
    assert not people_model.canFetchMore()
    ids = [people_model.record_id(row) for row in range(300)]
    assert len(set(ids)) == 300


def test_headers_are_translated_field_labels(people_model) -> None:
    headers = [
        people_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(people_model.columnCount())
    ]
    assert headers[:3] == ["Staff number", "Name", "Name (kana)"]


def test_cells_show_display_values(demo_session) -> None:
    model = RegisterTableModel(demo_session, DEPARTMENTS)
    columns = [item.key for item in model.columns]
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "HQ-ADM")
    parent = model.index(row, columns.index("parent")).data()
    unit_type = model.index(row, columns.index("unit_type")).data()
    active = model.index(row, columns.index("active")).data()
    assert parent == "本部"  # the linked department's name, not its id
    assert unit_type and unit_type != "hq"  # the catalogue label, not the code
    assert active == "✓"
    assert model.index(row, 0).data(Role.RECORD_ID) == model.record_id(row)


def test_sort_descending_reverses_the_order(people_model) -> None:
    column = [item.key for item in people_model.columns].index("staff_no")
    people_model.sort(column, Qt.SortOrder.DescendingOrder)
    first = people_model.index(0, column).data()
    people_model.sort(column, Qt.SortOrder.AscendingOrder)
    assert people_model.index(0, column).data() < first


def test_filter_by_choice_and_search_narrow_the_rows(people_model, qtbot) -> None:
    with qtbot.waitSignal(people_model.count_changed, timeout=5000) as blocker:
        people_model.set_query(ListQuery(filters=(Filter("employment_type", "parttime"),)))
    part_timers = blocker.args[0]
    assert 0 < part_timers < 300
    column = [item.key for item in people_model.columns].index("employment_type")
    shown = {people_model.index(r, column).data() for r in range(people_model.rowCount())}
    assert len(shown) == 1

    name = people_model.index(0, 1).data()
    with qtbot.waitSignal(people_model.count_changed, timeout=5000) as blocker:
        people_model.set_query(ListQuery(search=name))
    assert blocker.args[0] >= 1
    assert all(name in people_model.index(r, 1).data() for r in range(people_model.rowCount()))


def test_filter_for_empty_values(demo_session, qtbot) -> None:
    model = RegisterTableModel(demo_session, DEPARTMENTS)
    model.set_query(ListQuery(filters=(Filter("parent", EMPTY),)))
    assert model.total == model.rowCount()
    column = [item.key for item in model.columns].index("parent")
    assert model.rowCount() > 0
    assert all(model.index(r, column).data() == "" for r in range(model.rowCount()))


def test_reload_shows_a_new_record(session) -> None:
    model = RegisterTableModel(session, DEPARTMENTS)
    assert model.rowCount() == 0
    create_record(session.conn, DEPARTMENTS, {"code": "D1", "name": "総務部"})
    model.reload()
    assert model.rowCount() == 1
    assert model.total == 1


def test_years_are_not_written_as_counts() -> None:
    from app.areas.organisation.registers import ORGANISATION
    from app.areas.training.registers import TRAINING_PROGRAMMES
    from ui.models.register_model import display_value

    assert display_value(TRAINING_PROGRAMMES.field("fiscal_year"), 2025) == "2025"
    assert display_value(ORGANISATION.field("member_count"), 182400) == "182,400"
    assert display_value(TRAINING_PROGRAMMES.field("fiscal_year"), None) == ""


def test_import_preview_dates_read_as_on_screen() -> None:
    from datetime import date, datetime

    from app.i18n import set_language
    from ui.import_wizard.parts import cell_text

    set_language("ja")
    try:
        assert cell_text(date(2026, 4, 1)) == "2026/04/01"
        assert cell_text(datetime(2026, 4, 1)) == "2026/04/01"
        assert cell_text(datetime(2026, 4, 1, 9, 30)) == "2026/04/01 09:30"
    finally:
        set_language("en")
