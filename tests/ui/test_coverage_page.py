"""The Coverage page: tiles, the two bar charts, the drill-down to people, fiscal years."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from app.areas.organisation.registers import PEOPLE
from app.areas.training.coverage import compute_coverage, current_fiscal_year
from app.areas.training.follow_ups import ALL_PROGRAMMES, State, follow_ups
from app.areas.training.registers import TRAINING_PROGRAMMES
from app.registers.records import Changes, create_record
from tests.ui.helpers import double_click
from ui.coverage_page import CoveragePage
from ui.widgets.bar_chart import Bar, BarChart, share_colour
from ui.widgets.people_table import PeopleModel

pytestmark = pytest.mark.gui

TODAY = date(2026, 11, 25)


@pytest.fixture
def page(demo_session, qtbot):
    widget = CoveragePage(demo_session, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    return widget


def _report(session, year=None):
    conn = session.conn
    return compute_coverage(conn, year or current_fiscal_year(conn, TODAY), today=TODAY)


def test_shows_the_current_year_with_a_bar_per_department(page, demo_session):
    report = _report(demo_session)
    assert page.fiscal_year == report.fiscal_year
    assert page.programme_id == ALL_PROGRAMMES
    bars = {bar.key: bar for bar in page.department_chart.bars()}
    assert len(bars) == 20
    assert set(bars) == set(report.by_department)
    for key, tally in report.by_department.items():
        assert bars[key].value == pytest.approx(tally.share)
        assert bars[key].detail == f"{tally.completed} / {tally.in_scope}"
    values = [bar.value for bar in page.department_chart.bars()]
    assert values == sorted(values)  # lowest first
    employment = {bar.key: bar.value for bar in page.employment_chart.bars()}
    assert employment == {k: t.share for k, t in report.by_employment.items()}
    assert page.tiles["in_scope"].number.text() == str(report.overall.in_scope)
    share = report.overall.completed / report.overall.in_scope
    assert page.tiles["completion"].number.text() == f"{share * 100:.0f}%"
    assert page.tiles["late"].number.text() == str(len(report.new_hires_late))
    assert page.tiles["pledges"].number.text() == str(len(report.without_pledge))


def test_clicking_a_department_lists_its_people(page, demo_session, qtbot):
    report = _report(demo_session)
    department = min(report.by_department, key=lambda k: report.by_department[k].share or 0)
    chart = page.department_chart
    page.show()
    qtbot.waitExposed(page)
    index = chart.keys().index(department)
    centre = chart.row_rect(index).center().toPoint()
    with qtbot.waitSignal(chart.bar_clicked) as blocker:
        qtbot.mouseClick(
            chart, Qt.MouseButton.LeftButton, pos=QPoint(chart.width() // 2, centre.y())
        )
    assert blocker.args == [department]
    assert page.selection == ("department", department)
    assert chart.selected_key() == department

    table = page.follow_up_table
    shown = set(table.person_ids())
    expected = {person.id for person, _programme in report.people_for(department=department)}
    retakes = {
        person.id
        for programme in report.programmes
        for person in programme.retake_needed
        if person.department == department
    }
    assert shown == expected | retakes
    tally = report.by_department[department]
    assert len(shown) == tally.in_scope - tally.completed
    rows = [table.source.row_object(row) for row in range(table.source.rowCount())]
    assert all(row.person.department == department for row in rows)
    late = {
        hire.person.id for hire in report.new_hires_late if hire.person.department == department
    }
    assert set(page.late_table.person_ids()) == late
    assert page.tabs.tabText(0) == f"Not completed ({len(shown)})"

    page.clear_selection()
    assert chart.selected_key() is None
    everyone = {row.person.id for row in follow_ups(report)}
    assert set(table.person_ids()) == everyone


def test_keyboard_moves_between_bars_and_enter_selects(page, qtbot):
    chart = page.employment_chart
    page.show()
    chart.setFocus()
    keys = chart.keys()
    assert chart.current_key() == keys[0]
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.current_key() == keys[1]
    with qtbot.waitSignal(chart.bar_clicked) as blocker:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert blocker.args == [keys[1]]
    assert page.selection == ("employment", keys[1])
    rows = [
        page.follow_up_table.source.row_object(row)
        for row in range(page.follow_up_table.source.rowCount())
    ]
    assert rows and all(row.person.employment_type == keys[1] for row in rows)
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert chart.current_key() == keys[-1]


def test_double_click_opens_the_person(page, qtbot):
    table = page.follow_up_table
    page.show()
    qtbot.waitExposed(page)
    first = table.proxy.index(0, 1)
    person_id = table.person_ids()[0]
    with qtbot.waitSignal(page.open_record) as blocker:
        double_click(qtbot, table, first)
    assert blocker.args == [PEOPLE.key, person_id]


def test_one_programme_at_a_time(page, demo_session):
    report = _report(demo_session)
    programme = report.programmes[-1]
    page.set_programme(programme.programme_id)
    bars = {bar.key: bar.value for bar in page.department_chart.bars()}
    assert bars == {k: t.share for k, t in programme.by_department.items()}
    states = {row.state for row in follow_ups(report, programme.programme_id)}
    assert State.NOT_TRAINED in states
    titles = {
        page.follow_up_table.source.row_object(r).programme.title
        for r in range(page.follow_up_table.source.rowCount())
    }
    assert titles == {programme.title}
    assert page.tiles["in_scope"].number.text() == str(programme.total.in_scope)


def test_switching_fiscal_year(page, demo_session):
    years = page.fiscal_years()
    current = current_fiscal_year(demo_session.conn, TODAY)
    assert current in years and len(years) >= 2
    other = next(year for year in years if year != current)
    page.select("department", page.department_chart.keys()[0])
    page.set_fiscal_year(other)
    report = _report(demo_session, other)
    assert page.report is not None and page.report.fiscal_year == other
    assert page.selection is None
    assert {bar.key for bar in page.department_chart.bars()} == set(report.by_department)
    assert [page.programme_combo.itemText(i) for i in range(1, page.programme_combo.count())] == [
        p.title for p in report.programmes
    ]


def test_a_year_without_programmes_says_so(session, qtbot):
    widget = CoveragePage(session, today=TODAY)
    qtbot.addWidget(widget)
    assert widget.fiscal_years() == [current_fiscal_year(session.conn, TODAY)]
    assert widget.department_chart.bars() == []
    assert "No required programmes" in widget.department_chart.empty_text
    assert widget.tiles["completion"].number.text() == "—"


def test_refreshes_when_the_training_plan_changes(session, qtbot):
    widget = CoveragePage(session, today=TODAY)
    qtbot.addWidget(widget)
    created = create_record(
        session.conn,
        TRAINING_PROGRAMMES,
        {"fiscal_year": 2030, "title": "将来の研修", "training_type": "annual_all"},
    )
    with qtbot.waitSignal(widget.report_changed):
        session.apply(Changes(frozenset({TRAINING_PROGRAMMES.key}), created.record_id))
    assert 2030 in widget.fiscal_years()


def test_people_model_passes_the_model_tester(page, qtmodeltester):
    model = page.follow_up_table.source
    assert isinstance(model, PeopleModel)
    qtmodeltester.check(model)
    qtmodeltester.check(page.late_table.source)
    qtmodeltester.check(page.pledge_table.source)


def test_bar_chart_colours_and_hover(qtbot):
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(500, 200)
    chart.set_bars([Bar("a", "Good", 0.95), Bar("b", "Fair", 0.75), Bar("c", "Poor", 0.2)])
    assert share_colour(0.95).name() == "#00897b"
    assert share_colour(0.75).name() == "#f9a825"
    assert share_colour(0.2).name() == "#c62828"
    chart.show()
    qtbot.waitExposed(chart)
    y = int(chart.row_rect(2).center().y())
    assert chart.index_at(QPointF(250, y)) == 2
    qtbot.mouseMove(chart, QPoint(250, y))
    qtbot.waitUntil(lambda: chart.hovered_key() == "c")
    assert chart.bar_text(chart.bars()[1]) == "Fair: 75%"


def test_import_button_asks_for_the_roster_import(page, qtbot):
    with qtbot.waitSignal(page.import_requested) as blocker:
        page.import_button.click()
    assert blocker.args == ["training_roster"]


def test_in_the_background_the_report_arrives_from_the_database_thread(demo_session, qtbot):
    widget = CoveragePage(demo_session, today=TODAY, background=True)
    qtbot.addWidget(widget)
    if widget.report is None:
        with qtbot.waitSignal(widget.report_changed, timeout=10000):
            pass
    expected = compute_coverage(demo_session.conn, 2026, today=TODAY)
    assert widget.report is not None
    assert widget.report.overall == expected.overall
    assert widget.report.by_department == expected.by_department


def test_dashboard_and_coverage_page_count_the_untrained_alike(page, demo_session):
    """One definition of 未受講 (app.areas.training.coverage.gaps): the dashboard's item for a
    programme names the number the Coverage page shows for that programme."""
    import re

    from app.dashboard import gather

    items = [
        item
        for item in gather(demo_session.conn, TODAY)
        if item.rule == "C-TRAINING" and item.register == "training_programmes" and item.record_id
    ]
    untrained = [item for item in items if "not yet trained" in item.title]
    assert untrained
    for item in untrained:
        page.set_programme(item.record_id)
        shown = page.tiles["not_trained"].number.text()
        assert re.match(r"\d+", item.title).group() == shown, item.title
