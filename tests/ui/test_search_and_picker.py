"""Every register page searches; a large staff gets a type-to-find person filter, not a list."""

from __future__ import annotations

import pytest

import ui.register_page as register_page
from app.i18n import set_language
from app.registers.registry import all_registers, get_register
from ui.register_page import RegisterPage
from ui.widgets.link_filter import LinkFilter


def _page(session, qtbot, key: str) -> RegisterPage:
    page = RegisterPage(session, get_register(key))
    qtbot.addWidget(page)
    return page


def test_every_register_page_has_a_working_search_box(demo_session, qtbot) -> None:
    set_language("ja")
    try:
        for defn in all_registers():
            if defn.singleton or not defn.listed:
                continue
            page = _page(demo_session, qtbot, defn.key)
            assert page.search.isEnabled(), defn.key
            placeholder = page.search.placeholderText()
            assert not placeholder.startswith("で"), (defn.key, placeholder)
    finally:
        set_language("en")


def test_attendance_is_searched_by_the_person_in_half_width_kana(demo_session, qtbot) -> None:
    conn = demo_session.conn
    _person_id, kana = conn.execute(
        "SELECT p.id, p.kana FROM person p JOIN training_attendance a ON a.person_id = p.id "
        "WHERE p.kana IS NOT NULL LIMIT 1"
    ).fetchone()
    surname = kana.split()[0]
    half_width = surname.translate(
        {
            ord(k): h
            for k, h in zip(
                "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン",
                "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ",
                strict=True,
            )
        }
    )
    page = _page(demo_session, qtbot, "training_attendance")
    page.search.setText(half_width)
    page.apply_filters()
    assert page.model.rowCount() > 0
    expected = conn.execute(
        "SELECT count(*) FROM training_attendance a JOIN person p ON p.id = a.person_id "
        "WHERE p.kana LIKE ?",
        (f"%{surname}%",),
    ).fetchone()[0]
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=5000)
    assert page.model.total >= expected


@pytest.fixture
def small_list_limit(monkeypatch):
    """The demo has 300 staff; pretend the drop-down limit is lower, as for a 1,366-staff co-op."""
    monkeypatch.setattr(register_page, "LINK_FILTER_LIMIT", 50)


def test_person_filter_stays_above_the_list_limit_and_finds_one_person(
    demo_session, qtbot, small_list_limit
) -> None:
    conn = demo_session.conn
    person_id, staff_no, count = conn.execute(
        "SELECT p.id, p.staff_no, count(*) FROM person p JOIN training_attendance a "
        "ON a.person_id = p.id GROUP BY p.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    page = _page(demo_session, qtbot, "training_attendance")
    picker = page.filter_combos["person"]
    assert isinstance(picker, LinkFilter)
    picker.setText(staff_no)
    picker.suggest()
    chosen = next(label for label in picker.suggestions() if label.startswith(f"{staff_no} "))
    with qtbot.waitSignal(page.model.query_changed, timeout=5000):
        picker.completer().activated.emit(chosen)
    assert picker.currentData() == person_id
    assert page.model.rowCount() == count
    picker.setText(chosen + "x")
    picker.textEdited.emit(chosen + "x")  # typing again: no longer that person
    assert picker.currentData() == register_page._ALL
    assert page.model.rowCount() > count
    qtbot.waitUntil(lambda: not picker.pending, timeout=5000)


def test_person_picker_asks_sql_for_a_few_matches_only(
    demo_session, qtbot, small_list_limit
) -> None:
    page = _page(demo_session, qtbot, "training_attendance")
    picker = page.filter_combos["person"]
    assert isinstance(picker, LinkFilter)
    picker.setText("0")  # matches most staff numbers
    picker.suggest()
    assert 0 < len(picker.suggestions()) <= 50


def test_loaded_rows_sort_in_gojuon_order(qapp) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from ui.widgets.japanese_sort import JapaneseSortProxy

    model = QStandardItemModel()
    for word in ("さとう", "アオキ", "ｲﾄｳ", "かとう", "ウエダ"):
        model.appendRow(QStandardItem(word))
    proxy = JapaneseSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    shown = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    assert shown == ["アオキ", "ｲﾄｳ", "ウエダ", "かとう", "さとう"]


def test_filters_name_linked_records_not_their_ids(demo_session, qtbot) -> None:
    page = _page(demo_session, qtbot, "risk_items")
    combo = page.filter_combos["assessment"]
    labels = [combo.itemText(index) for index in range(1, combo.count() - 1)]
    assert labels and not any(label.strip().isdigit() for label in labels)
    column = [item.key for item in page.model.columns].index("assessment")
    assert not str(page.model.index(0, column).data()).isdigit()
