"""The import wizard end to end on real files the tests write, into a real encrypted workspace."""

from __future__ import annotations

import csv
import io
import threading
from datetime import date
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.areas.training.roster_import import RosterImportSpec
from app.importing.register_import import RegisterImportSpec
from app.importing.spec import Problem
from app.settings import Settings
from ui.import_wizard import CHECK, IMPORT, MAPPING, SOURCE, SUMMARY, ImportWizard, import_specs
from ui.import_wizard_parts import PreviewModel, ProblemColumn, ProblemModel
from ui.jobs import database_pool

pytestmark = pytest.mark.gui

HEADINGS = ["職員番号", "氏名", "フリガナ", "雇用区分", "入職日"]
PEOPLE_ROWS = [
    ["00101", "山田 花子", "ヤマダ ハナコ", "正職員", date(2024, 4, 1)],
    ["00102", "髙橋 﨑子", "タカハシ サキコ", "パート", "R6.10.1"],
    ["00103", "佐藤 一郎", "サトウ イチロウ", "アルバイト", "2025/6/1"],
]
WAIT = 20_000


def write_people(path: Path, rows=PEOPLE_ROWS, *, headings=HEADINGS) -> Path:
    """A roster as offices send it: a merged title, a date line, a blank row, then headings."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "職員名簿"
    sheet["A1"] = "2026年度 職員名簿"
    sheet.merge_cells("A1:E1")
    sheet["A2"] = "作成日: 2026年4月1日"
    sheet.append([])
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def people_count(session) -> int:
    return session.conn.execute("SELECT count(*) FROM person").fetchone()[0]


def table_counts(session) -> dict[str, int]:
    tables = ("person", "department", "audit_log", "import_layout")
    return {t: session.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def block_database_thread(gate: threading.Event) -> None:
    """Keep the database thread busy until ``gate`` is set, so a job waits in the queue."""

    def wait() -> None:  # returns None: PySide mishandles a callable's bool result
        gate.wait(10)

    database_pool().start(wait)


@pytest.fixture
def wizard(session, qtbot):
    widget = ImportWizard(session, [RegisterImportSpec(PEOPLE)])
    qtbot.addWidget(widget)
    widget.show()
    return widget


def load(wizard, qtbot, path, password=None):
    with qtbot.waitSignal(wizard.file_loaded, timeout=WAIT):
        wizard.load_file(path, password=password)


def to_check(wizard, qtbot):
    assert wizard.currentId() == SOURCE
    wizard.next()
    assert wizard.currentId() == MAPPING
    assert wizard.mapping_page.isComplete()
    with qtbot.waitSignal(wizard.checked, timeout=WAIT) as blocker:
        wizard.next()
    assert wizard.currentId() == CHECK
    return blocker.args[0]


def test_imports_people_from_a_workbook_with_title_rows(wizard, session, qtbot, tmp_path):
    path = write_people(tmp_path / "職員名簿.xlsx")
    assert not wizard.source_page.isComplete()
    load(wizard, qtbot, path)
    assert wizard.source_page.isComplete()
    assert wizard.header is not None and wizard.header.row == 4
    assert wizard.mapping == {
        "staff_no": (0,),
        "name": (1,),
        "kana": (2,),
        "employment_type": (3,),
        "hire_date": (4,),
    }
    assert wizard.source_page.facts.text() == "“職員名簿”: headings in row 4, 3 rows below them."

    wizard.next()
    preview = wizard.mapping_page.preview_model
    assert preview.rowCount() == 3
    assert preview.index(1, 1).data() == "髙橋 﨑子"
    assert preview.headerData(0, Qt.Orientation.Horizontal).startswith(
        "A  職員番号\n→ Staff number"
    )
    assert preview.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert preview.headerData(0, Qt.Orientation.Vertical) == "5"

    with qtbot.waitSignal(wizard.checked, timeout=WAIT) as blocker:
        wizard.next()
    plan = blocker.args[0]
    assert plan.counts["created"] == 3 and not plan.errors
    assert wizard.check_page.counts.values["created"] == 3
    assert wizard.check_page.counts.values["errors"] == 0
    assert wizard.check_page.isComplete()
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Import"
    assert people_count(session) == 0  # nothing written before the import step

    changed = []
    session.changed.connect(changed.append)
    with qtbot.waitSignal(wizard.imported, timeout=WAIT) as blocker:
        wizard.next()
    summary = blocker.args[0]
    assert summary.registers == {PEOPLE.key}
    assert wizard.currentId() == SUMMARY
    assert wizard.summary_page.created_labels() == [
        "00101 山田 花子",
        "00102 髙橋 﨑子",
        "00103 佐藤 一郎",
    ]
    rows = session.conn.execute(
        "SELECT staff_no, name, employment_type, hire_date FROM person ORDER BY staff_no"
    ).fetchall()
    assert [tuple(row) for row in rows] == [
        ("00101", "山田 花子", "regular", "2024-04-01"),
        ("00102", "髙橋 﨑子", "parttime", "2024-10-01"),
        ("00103", "佐藤 一郎", "arbeit", "2025-06-01"),
    ]
    assert session.conn.execute("SELECT count(*) FROM import_layout").fetchone()[0] == 1
    assert not changed  # the wizard reports; its opener applies the Changes


def test_importing_the_same_file_again_adds_nothing(session, qtbot, tmp_path):
    path = write_people(tmp_path / "people.xlsx")
    for attempt in range(2):
        widget = ImportWizard(session, [RegisterImportSpec(PEOPLE)], path=path)
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitUntil(lambda w=widget: w.table is not None, timeout=WAIT)
        plan = to_check(widget, qtbot)
        if attempt == 1:
            assert plan.counts["created"] == 0
            assert plan.counts["duplicates_skipped"] == 3
            assert "Nothing new to import" in widget.check_page.verdict.text()
            assert widget.recalled  # the layout confirmed the first time
        with qtbot.waitSignal(widget.imported, timeout=WAIT):
            widget.next()
    assert people_count(session) == 3


def test_a_file_with_an_error_row_is_refused_unless_valid_rows_only(
    wizard, session, qtbot, tmp_path
):
    rows = [
        *PEOPLE_ROWS,
        ["00104", "鈴木 次郎", "スズキ ジロウ", "宇宙飛行士", "2025/6/1"],
        ["00105", "田中 三郎", "タナカ サブロウ", "正職員", "6/1"],  # a date with no year
    ]
    path = write_people(tmp_path / "errors.xlsx", rows)
    load(wizard, qtbot, path)
    plan = to_check(wizard, qtbot)
    page = wizard.check_page
    assert len(plan.errors) == 2
    assert {(problem.row, problem.column) for problem in plan.errors} == {
        (8, "雇用区分"),
        (9, "入職日"),
    }
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "errors.xlsx has 2 errors" in page.verdict.text()
    assert page.skip_check.isVisible()
    assert "2 rows with errors" in page.skip_check.text()

    page.set_filter("error")
    shown = page.visible_problems()
    assert len(shown) == 2 and all(problem.severity == "error" for problem in shown)
    columns = {page.proxy.index(r, ProblemColumn.COLUMN).data() for r in range(2)}
    assert columns == {"雇用区分", "入職日"}
    tooltip = page.proxy.index(0, ProblemColumn.MESSAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("errors.xlsx, row 8, column “雇用区分” (“宇宙飛行士”): ")
    page.set_filter("warning")
    assert page.visible_problems() == []

    page.skip_check.setChecked(True)
    assert plan.skip_invalid and page.isComplete()
    with qtbot.waitSignal(wizard.imported, timeout=WAIT) as blocker:
        wizard.next()
    assert people_count(session) == 3
    assert blocker.args[0].counts["invalid_skipped"] == 2
    assert wizard.summary_page.problem_list.count() == 2
    assert wizard.summary_page.problem_list.item(0).text().startswith("errors.xlsx, row 8")


def test_a_cancelled_import_leaves_the_workspace_unchanged(wizard, session, qtbot, tmp_path):
    path = write_people(tmp_path / "people.xlsx")
    load(wizard, qtbot, path)
    to_check(wizard, qtbot)
    before = table_counts(session)

    gate = threading.Event()
    block_database_thread(gate)  # the import queues behind this
    try:
        wizard.next()
        assert wizard.currentId() == IMPORT and wizard.busy
        with qtbot.waitSignal(wizard.import_cancelled, timeout=WAIT):
            wizard.import_page.cancel_button.click()
            gate.set()
    finally:
        gate.set()
    assert table_counts(session) == before
    assert "Nothing was written" in wizard.import_page.message.message
    assert wizard.summary is None
    assert wizard.currentId() == IMPORT

    wizard.back()  # and it can still be imported after all
    assert wizard.currentId() == CHECK
    with qtbot.waitSignal(wizard.imported, timeout=WAIT):
        wizard.next()
    assert people_count(session) == 3


def test_closing_during_the_import_cancels_it_and_stays_open(wizard, session, qtbot, tmp_path):
    load(wizard, qtbot, write_people(tmp_path / "people.xlsx"))
    to_check(wizard, qtbot)
    gate = threading.Event()
    block_database_thread(gate)
    try:
        wizard.next()
        with qtbot.waitSignal(wizard.import_cancelled, timeout=WAIT):
            wizard.reject()
            assert wizard.isVisible()
            gate.set()
    finally:
        gate.set()
    assert people_count(session) == 0


def test_a_password_protected_file_asks_for_the_password(wizard, qtbot, tmp_path):
    plain = write_people(tmp_path / "plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        msoffcrypto.OfficeFile(source).encrypt("kakushi-7", target)
    page = wizard.source_page

    with qtbot.waitSignal(wizard.file_failed, timeout=WAIT) as blocker:
        wizard.load_file(locked)
    assert "locked.xlsx is protected by a password" in blocker.args[0]
    assert page.password_box.isVisible()
    assert not page.isComplete()

    page.password_edit.setText("wrong")
    with qtbot.waitSignal(wizard.file_failed, timeout=WAIT) as blocker:
        page.open_button.click()
    assert "does not open locked.xlsx" in blocker.args[0]
    assert page.password_box.isVisible()

    page.password_edit.setText("kakushi-7")
    with qtbot.waitSignal(wizard.file_loaded, timeout=WAIT):
        page.open_button.click()
    assert not page.password_box.isVisible()
    assert page.password_edit.text() == ""
    assert wizard.header is not None and len(wizard.table.rows) == 6


def test_a_file_that_is_not_a_spreadsheet_is_named_in_the_message(wizard, qtbot, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with qtbot.waitSignal(wizard.file_failed, timeout=WAIT) as blocker:
        wizard.load_file(path)
    assert "notes.xlsx" in blocker.args[0]
    assert wizard.source_page.message.isVisible()
    assert not wizard.source_page.isComplete()


def test_mapping_changes_update_the_preview_and_what_is_missing(wizard, qtbot, tmp_path):
    load(wizard, qtbot, write_people(tmp_path / "people.xlsx"))
    wizard.next()
    page = wizard.mapping_page
    assert page.isComplete()

    wizard.set_target_columns("name", ())  # the name is required
    assert not page.isComplete()
    assert page.message.message == "Choose a column for: Name"
    assert not page.preview_model.is_mapped(1)

    page.choosers["name"].primary.setCurrentIndex(page.choosers["name"].primary.findData(2))
    page.choosers["name"].primary.activated.emit(0)
    assert wizard.mapping["name"] == (2,)
    assert "kana" not in wizard.mapping  # a column feeds one target only
    assert page.isComplete()

    wizard.set_header_row(0)  # the title row: nothing recognisable
    assert not page.isComplete()
    assert page.header_combo.currentData() == 0
    wizard.set_header_row(wizard.table.row_numbers.index(4))
    assert page.isComplete()
    assert wizard.mapping["name"] == (1,)


def test_joined_name_columns_and_a_shift_jis_csv(session, qtbot, tmp_path):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["社員番号", "姓", "名", "雇用形態"])
    writer.writerow(["201", "髙木", "﨑乃", "契約/嘱託"])
    writer.writerow(["202", "渡辺", "①子", "パート"])
    path = tmp_path / "roster.csv"
    path.write_bytes(text.getvalue().encode("cp932"))
    widget = ImportWizard(session, import_specs(), initial_spec_key="register.people")
    qtbot.addWidget(widget)
    widget.show()
    assert widget.spec.key == "register.people"
    assert widget.source_page.kind_radios["register.people"].isChecked()
    load(widget, qtbot, path)
    assert widget.mapping["name"] == (1, 2)
    widget.next()
    chooser = widget.mapping_page.choosers["name"]
    assert chooser.columns() == (1, 2)
    with qtbot.waitSignal(widget.checked, timeout=WAIT):
        widget.next()
    with qtbot.waitSignal(widget.imported, timeout=WAIT):
        widget.next()
    names = [row[0] for row in session.conn.execute("SELECT name FROM person ORDER BY staff_no")]
    assert names == ["髙木 﨑乃", "渡辺 ①子"]


def test_choosing_another_kind_of_import_remaps_the_file(session, qtbot, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["部署コード", "部署名", "所在地"])
    book.active.append(["D01", "港北配送センター", "横浜市港北区"])
    path = tmp_path / "departments.xlsx"
    book.save(path)
    widget = ImportWizard(session, import_specs())
    qtbot.addWidget(widget)
    widget.show()
    assert widget.spec.key == RosterImportSpec.key
    assert widget.source_page.kind_box.isVisible()
    load(widget, qtbot, path)
    widget.source_page.kind_radios["register.departments"].click()
    assert widget.spec.key == "register.departments"
    assert {"code", "name"} <= set(widget.mapping)
    plan = to_check(widget, qtbot)
    assert plan.counts["created"] == 1
    with qtbot.waitSignal(widget.imported, timeout=WAIT) as blocker:
        widget.next()
    assert blocker.args[0].registers == {DEPARTMENTS.key}


def test_a_training_roster_through_the_wizard(session, qtbot, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["令和8年度 個人情報保護研修 受講者名簿"])
    sheet.append(["職員番号", "氏名", "研修名", "受講日", "点数"])
    sheet.append(["00501", "山本 優子", "年次個人情報保護教育", "令和8年6月1日", 90])
    sheet.append(["00502", "中村 健", "年次個人情報保護教育", "R8.6.1", 85])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    widget = ImportWizard(session, import_specs(), path=path)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.table is not None, timeout=WAIT)
    plan = to_check(widget, qtbot)
    assert not plan.errors, [p.describe("roster.xlsx") for p in plan.errors]
    with qtbot.waitSignal(widget.imported, timeout=WAIT) as blocker:
        widget.next()
    summary = blocker.args[0]
    assert PEOPLE.key in summary.registers
    assert sorted(widget.summary_page.created_labels()) == ["00501 山本 優子", "00502 中村 健"]
    held = session.conn.execute("SELECT held_on FROM training_session").fetchall()
    assert [row[0] for row in held] == ["2026-06-01"]


def test_models_pass_the_model_tester(wizard, qtbot, tmp_path, qtmodeltester):
    rows = [*PEOPLE_ROWS, ["00104", "鈴木 次郎", "スズキ ジロウ", "宇宙飛行士", "6/1"]]
    load(wizard, qtbot, write_people(tmp_path / "people.xlsx", rows))
    wizard.next()
    preview = wizard.mapping_page.preview_model
    assert isinstance(preview, PreviewModel)
    qtmodeltester.check(preview)
    assert preview.index(3, 4).data(Qt.ItemDataRole.ToolTipRole) == "no year in '6/1'"
    problems = ProblemModel()
    problems.set_problems(
        [Problem(3, "氏名", "x", "is required"), Problem(None, None, None, "note", "warning")],
        "people.xlsx",
    )
    qtmodeltester.check(problems)


def test_main_window_menu_opens_the_wizard_and_refreshes_pages(session, qtbot, tmp_path):
    from ui.areas import COVERAGE
    from ui.main_window import NAV_KEY, MainWindow

    window = MainWindow(session, Settings(language="en"))
    qtbot.addWidget(window)
    window.show()
    keys = [window.nav.item(r).data(NAV_KEY) for r in range(window.nav.count())]
    training = [k for k in keys if k and (k == COVERAGE or k.startswith(("training", "pledges")))]
    assert training[0] == COVERAGE
    assert window.actions["import"].isEnabled()
    people_page = window.show_page(PEOPLE.key)
    widget = window.open_import_wizard("register.people")
    assert isinstance(widget, ImportWizard) and widget.spec.key == "register.people"
    load(widget, qtbot, write_people(tmp_path / "people.xlsx"))
    to_check(widget, qtbot)
    with qtbot.waitSignals([widget.imported, session.changed], timeout=WAIT):
        widget.next()
    qtbot.waitUntil(lambda: people_page.model.total == 3, timeout=WAIT)
    widget.accept()

    coverage = window.show_page(COVERAGE)
    coverage.import_button.click()
    roster = next(w for w in window.findChildren(ImportWizard) if w.isVisible() and w is not widget)
    assert roster.spec.key == RosterImportSpec.key
    roster.reject()


def test_the_sheet_with_the_rows_is_found_and_another_can_be_chosen(
    wizard, session, qtbot, tmp_path
):
    path = write_people(tmp_path / "book.xlsx")
    book = openpyxl.load_workbook(path)
    summary = book.create_sheet("集計", 0)  # a summary first, as co-ops send them
    summary.append(["合計", 3])
    book.save(path)
    load(wizard, qtbot, path)
    assert wizard.table.sheet == "職員名簿"  # past the summary sheet
    assert wizard.header_warning == ""
    assert "The workbook has 2 sheets" in wizard.source_page.facts.text()
    wizard.next()
    page = wizard.mapping_page
    assert page.sheet_combo.isVisible() and page.sheet_combo.count() == 2
    assert page.isComplete() and page.preview_model.rowCount() == 3

    with qtbot.waitSignal(wizard.file_loaded, timeout=WAIT):
        page.sheet_combo.setCurrentText("集計")
        page.sheet_combo.activated.emit(0)
    assert wizard.table.sheet == "集計"
    assert "no row looks like column headings" in wizard.header_warning
    assert not page.isComplete()
    assert "book.xlsx" in page.message.message
    with qtbot.waitSignal(wizard.file_loaded, timeout=WAIT):
        page.sheet_combo.setCurrentText("職員名簿")
        page.sheet_combo.activated.emit(1)
    with qtbot.waitSignal(wizard.checked, timeout=WAIT) as blocker:
        wizard.next()
    assert blocker.args[0].sheet == "職員名簿"


def test_checking_can_be_stopped(wizard, session, qtbot, tmp_path):
    load(wizard, qtbot, write_people(tmp_path / "people.xlsx"))
    wizard.next()
    gate = threading.Event()
    block_database_thread(gate)
    try:
        wizard.next()
        assert wizard.currentId() == CHECK and wizard.busy
        page = wizard.check_page
        assert page.running_box.isVisible()
        page.cancel_button.click()
        gate.set()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT)
    assert "Checking was stopped" in page.message.message
    assert wizard.plan is None and not page.isComplete()


def test_values_no_list_knows_are_asked_once_and_the_answers_remembered(session, qtbot, tmp_path):
    rows = [
        ["01001", "甲 一", "シニア職員", "年次教育", date(2026, 6, 10)],
        ["01002", "乙 二", "シニア職員", "年次教育", date(2026, 6, 10)],
        ["01003", "丙 三", "研修生", "年次教育", date(2026, 6, 10)],
        ["01004", "丁 四", "パート職員", "年次教育", date(2026, 6, 10)],
    ]
    path = write_people(
        tmp_path / "roster.xlsx",
        rows,
        headings=["職員番号", "氏名", "雇用区分", "研修名", "受講日"],
    )
    wizard = ImportWizard(session, [RosterImportSpec()])
    qtbot.addWidget(wizard)
    wizard.show()
    load(wizard, qtbot, path)
    plan = to_check(wizard, qtbot)
    assert [(u.value, u.rows) for u in plan.unknown] == [("シニア職員", 2), ("研修生", 1)]
    panel = wizard.check_page.values_panel
    assert panel.isVisible() and panel.table.rowCount() == 2
    assert panel.table.item(0, 2).text() == "2"
    senior, trainee = panel.combos
    senior.setCurrentIndex(senior.findData("contract"))
    trainee.setCurrentIndex(trainee.findData("+"))  # add 研修生 to the list
    with qtbot.waitSignal(wizard.checked, timeout=WAIT) as blocker:
        panel.recheck_button.click()
    assert [u.value for u in blocker.args[0].unknown] == ["研修生"]  # added, still named
    assert not [p for p in blocker.args[0].warnings if p.column == "雇用区分"]
    with qtbot.waitSignal(wizard.imported, timeout=WAIT):
        wizard.next()
    types = dict(session.conn.execute("SELECT staff_no, employment_type FROM person"))
    assert types["01001"] == types["01002"] == "contract"
    assert types["01004"] == "parttime"
    label = session.conn.execute(
        "SELECT label_ja FROM catalogue_item WHERE code = ?", (types["01003"],)
    ).fetchone()
    assert label == ("研修生",)
    wizard.accept()

    again = ImportWizard(session, [RosterImportSpec()])
    qtbot.addWidget(again)
    again.show()
    load(again, qtbot, path)
    assert again.value_answer("employment_type", "シニア職員") == "contract"  # remembered


def test_a_roster_that_names_no_programme_takes_the_officers(session, qtbot, tmp_path):
    rows = [["01001", "甲 一", "受講", date(2026, 6, 10)], ["01002", "乙 二", "欠席", None]]
    path = write_people(
        tmp_path / "roster.xlsx", rows, headings=["職員番号", "氏名", "出欠", "受講日"]
    )
    wizard = ImportWizard(session, [RosterImportSpec()])
    qtbot.addWidget(wizard)
    wizard.show()
    load(wizard, qtbot, path)
    wizard.next()
    page = wizard.mapping_page
    assert page.defaults_box.isVisible()
    assert [t.key for t in wizard.missing_targets()] == ["course"]  # 2026年度 職員名簿: no training
    assert not page.isComplete()
    box = page.defaults_box
    box.held_on.setText("6月31日")
    box.held_on.editingFinished.emit()
    assert box.error.isVisible()  # not a date
    box.programme.setText("2026年度 個人情報保護研修")
    box.held_on.setText("2026/6/11")
    box.held_on.editingFinished.emit()
    assert not box.error.isVisible() and page.isComplete()
    with qtbot.waitSignal(wizard.checked, timeout=WAIT) as blocker:
        wizard.next()
    plan = blocker.args[0]
    assert plan.counts["attendance_added"] == 2 and not plan.errors
    with qtbot.waitSignal(wizard.imported, timeout=WAIT):
        wizard.next()
    assert session.conn.execute(
        "SELECT g.title, s.held_on FROM training_session s JOIN training_programme g "
        "ON g.id = s.programme_id ORDER BY s.held_on"
    ).fetchall() == [
        ("2026年度 個人情報保護研修", "2026-06-10"),
        ("2026年度 個人情報保護研修", "2026-06-11"),
    ]
