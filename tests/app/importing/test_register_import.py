"""Importing departments and people through ``RegisterImportSpec`` into real workspaces."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_helpers import build_xlsx, csv_text

from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.importing.engine import load_for_import
from app.importing.register_import import ImportRefusedError, RegisterImportSpec
from app.importing.spec import COUNT_LABELS
from app.jobs import JobCancelledError
from app.registers.records import create_record, load_record
from app.storage.database import Connection

DEPARTMENT_ROWS = [
    ["部署コード", "部署名", "種別", "上位部署", "所在地"],
    ["HQ-IT", "情報システム部", "本部", "本部", "本館3階"],  # its parent comes later in the file
    ["HQ", "本部", "hq", "", "本館"],
    ["DC-01", "第一配送センター", "Delivery centre", "HQ", ""],
]


def state(conn: Connection) -> dict[str, object]:
    """What a failed import must leave exactly as it was."""
    return {
        "people": conn.execute("SELECT * FROM person ORDER BY id").fetchall(),
        "departments": conn.execute("SELECT * FROM department ORDER BY id").fetchall(),
        "audit": conn.execute("SELECT id, hash FROM audit_log ORDER BY id").fetchall(),
    }


def run_import(conn: Connection, path: Path, spec: RegisterImportSpec, **options):
    prepared = load_for_import(path, spec, conn=conn)
    plan = spec.plan(
        conn,
        prepared.rows,
        file=path,
        sheet=prepared.table.sheet,
        skip_invalid=options.pop("skip_invalid", False),
    )
    return prepared, plan


def import_departments(conn: Connection, tmp_path: Path) -> None:
    path = tmp_path / "部署.csv"
    path.write_text(csv_text(DEPARTMENT_ROWS), encoding="utf-8-sig")
    spec = RegisterImportSpec(DEPARTMENTS)
    _prepared, plan = run_import(conn, path, spec)
    spec.apply(conn, plan)


def test_departments_are_created_with_links_to_each_other(workspace, tmp_path: Path) -> None:
    conn = workspace.conn
    path = tmp_path / "部署.csv"
    path.write_text(csv_text(DEPARTMENT_ROWS), encoding="cp932")
    spec = RegisterImportSpec(DEPARTMENTS)
    _prepared, plan = run_import(conn, path, spec)
    assert plan.errors == [] and plan.can_apply
    assert plan.counts["created"] == 3
    audit_before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    summary = spec.apply(conn, plan)
    assert summary.counts["created"] == 3 and summary.registers == frozenset({"departments"})
    assert sorted(summary.created["created"]) == [
        "DC-01 第一配送センター",
        "HQ 本部",
        "HQ-IT 情報システム部",
    ]
    rows = {
        code: (name, unit_type, parent, location)
        for code, name, unit_type, parent, location in conn.execute(
            "SELECT d.code, d.name, d.unit_type, p.code, d.location FROM department d "
            "LEFT JOIN department p ON p.id = d.parent_id"
        )
    }
    assert rows == {
        "HQ": ("本部", "hq", None, "本館"),
        "HQ-IT": ("情報システム部", "hq", "HQ", "本館3階"),
        "DC-01": ("第一配送センター", "delivery_center", "HQ", None),
    }
    # Three inserts and one import entry, in the same transaction.
    actions = [
        row[0]
        for row in conn.execute(
            "SELECT action FROM audit_log WHERE id > ? ORDER BY id", (audit_before,)
        )
    ]
    assert actions == ["insert", "insert", "insert", "import"]


def test_importing_the_same_file_again_adds_nothing(workspace, tmp_path: Path) -> None:
    conn = workspace.conn
    import_departments(conn, tmp_path)
    before = state(conn)
    path = tmp_path / "again.csv"
    path.write_text(csv_text(DEPARTMENT_ROWS), encoding="utf-8")
    spec = RegisterImportSpec(DEPARTMENTS)
    _prepared, plan = run_import(conn, path, spec)
    assert plan.counts == {
        "created": 0,
        "duplicates_skipped": 3,
        "differing_skipped": 0,
        "invalid_skipped": 0,
    }
    assert plan.problems == []
    summary = spec.apply(conn, plan)
    assert summary.registers == frozenset()
    after = state(conn)
    assert after["departments"] == before["departments"]
    assert len(after["audit"]) == len(before["audit"]) + 1  # only the record of the import


def people_file(tmp_path: Path, rows: list[list]) -> Path:
    header = [
        "職員番号",
        "姓",
        "名",
        "フリガナ",
        "所属",
        "雇用形態",
        "入社日",
        "メール",
        "PMS上の役割",
    ]
    return build_xlsx(
        tmp_path / "職員名簿.xlsx", [header, *rows], title="職員名簿（令和7年6月1日現在）"
    )


PEOPLE_ROWS = [
    [
        "00123",
        "髙橋",
        "美咲",
        "ﾀｶﾊｼ ﾐｻｷ",
        "本部",
        "正職員",
        "平成27年4月1日",
        "takahashi@example.coop",
        "handler",
    ],
    ["00124", "山﨑", "健一", "ヤマザキ ケンイチ", "HQ-IT", "パート", "R7.6.1", "", ""],
    ["00125", "田中", "①子", "", "第一配送センター", "嘱託", "２０２０／４／１", "", ""],
]


def test_people_are_imported_with_links_choices_and_dates(workspace, tmp_path: Path) -> None:
    conn = workspace.conn
    import_departments(conn, tmp_path)
    spec = RegisterImportSpec(PEOPLE)
    path = people_file(tmp_path, PEOPLE_ROWS)
    prepared, plan = run_import(conn, path, spec)
    assert prepared.mapping["name"] == (1, 2)
    assert plan.errors == [], [p.describe(path.name) for p in plan.problems]
    spec.apply(conn, plan)
    people = {
        row[0]: row[1:]
        for row in conn.execute(
            "SELECT p.staff_no, p.name, p.kana, d.code, p.employment_type, p.hire_date, p.email "
            "FROM person p LEFT JOIN department d ON d.id = p.department_id"
        )
    }
    assert people == {
        "00123": (
            "髙橋 美咲",
            "タカハシ ミサキ",
            "HQ",
            "regular",
            "2015-04-01",
            "takahashi@example.coop",
        ),
        "00124": ("山﨑 健一", "ヤマザキ ケンイチ", "HQ-IT", "parttime", "2025-06-01", None),
        "00125": ("田中 ①子", None, "DC-01", "contract", "2020-04-01", None),
    }
    person_id = conn.execute("SELECT id FROM person WHERE staff_no = '00123'").fetchone()[0]
    record = load_record(conn, PEOPLE, person_id)
    assert record["pms_roles"] == ["handler"] and record["active"] is True  # defaults kept


def test_a_matched_person_with_other_values_is_a_warning_not_a_change(
    workspace, tmp_path: Path
) -> None:
    conn = workspace.conn
    import_departments(conn, tmp_path)
    spec = RegisterImportSpec(PEOPLE)
    _prepared, plan = run_import(conn, people_file(tmp_path, PEOPLE_ROWS), spec)
    spec.apply(conn, plan)
    before = state(conn)
    changed = [list(row) for row in PEOPLE_ROWS]
    changed[1][2] = "健二"  # a different given name
    _prepared, plan = run_import(conn, people_file(tmp_path, changed), spec)
    assert plan.errors == []
    [warning] = plan.warnings
    assert (warning.row, warning.column, warning.value) == (6, "姓 + 名", "山﨑 健二")
    assert (
        warning.message == "differs from the register (“山﨑 健一”); the register was not changed"
    )
    assert plan.counts["created"] == 0
    assert plan.counts["duplicates_skipped"] == 2 and plan.counts["differing_skipped"] == 1
    spec.apply(conn, plan)
    assert state(conn)["people"] == before["people"]


def test_rows_with_errors_block_the_import_unless_skipped(workspace, tmp_path: Path) -> None:
    conn = workspace.conn
    import_departments(conn, tmp_path)
    rows = [list(row) for row in PEOPLE_ROWS]
    rows[1][4] = "存在しない部"  # an unknown department
    rows[2][5] = "社長"  # not an employment type
    rows.append(["00126", "佐藤", "一郎", "", "本部", "正職員", "6/1", "", ""])  # no year
    path = people_file(tmp_path, rows)
    spec = RegisterImportSpec(PEOPLE)
    _prepared, plan = run_import(conn, path, spec)
    described = sorted(problem.describe(path.name) for problem in plan.errors)
    assert described == [
        "職員名簿.xlsx, row 6, column “所属” (“存在しない部”): no Department has this code or name",
        "職員名簿.xlsx, row 7, column “雇用形態” (“社長”): not one of the choices (Officer, Regular "
        "employee, Contract staff, Part-timer, Casual worker, Temporary staff, Dispatched worker, "
        "Member volunteer, "
        "On-site contractor)",
        "職員名簿.xlsx, row 8, column “入社日” (“6/1”): no year in '6/1'",
    ]
    assert not plan.can_apply and plan.counts["invalid_skipped"] == 3
    before = state(conn)
    with pytest.raises(
        ImportRefusedError, match=r"職員名簿\.xlsx has 3 errors; nothing was imported"
    ):
        spec.apply(conn, plan)
    assert state(conn) == before
    _prepared, plan = run_import(conn, path, spec, skip_invalid=True)
    assert plan.can_apply
    summary = spec.apply(conn, plan)
    assert summary.counts["created"] == 1 and summary.counts["invalid_skipped"] == 3
    assert [row[0] for row in conn.execute("SELECT staff_no FROM person")] == ["00123"]


def test_the_same_key_twice_in_a_file(workspace, tmp_path: Path) -> None:
    conn = workspace.conn
    import_departments(conn, tmp_path)
    rows = [PEOPLE_ROWS[0], PEOPLE_ROWS[0], [*PEOPLE_ROWS[0][:2], "花子", *PEOPLE_ROWS[0][3:]]]
    spec = RegisterImportSpec(PEOPLE)
    _prepared, plan = run_import(conn, people_file(tmp_path, rows), spec)
    assert plan.counts["created"] == 1 and plan.counts["duplicates_skipped"] == 1
    [error] = plan.errors
    assert (error.row, error.column, error.value) == (7, "職員番号", "00123")
    assert error.message == "appears again (first in row 5) with other values"


def test_a_key_already_used_in_another_form_is_caught_by_validation(
    workspace, tmp_path: Path
) -> None:
    conn = workspace.conn
    create_record(conn, DEPARTMENTS, {"code": "HQ", "name": "本部"})
    path = tmp_path / "dept.csv"
    path.write_text("部署コード,部署名\nHQ2,本部\nHQ2,本部\n,名無し\n", encoding="utf-8")
    spec = RegisterImportSpec(DEPARTMENTS)
    _prepared, plan = run_import(conn, path, spec)
    assert plan.counts["created"] == 1 and plan.counts["duplicates_skipped"] == 1
    [missing] = plan.errors
    assert (missing.row, missing.column, missing.message) == (
        4,
        "部署コード",
        "a value is required",
    )


def test_a_cancelled_import_changes_nothing(workspace, tmp_path: Path) -> None:
    conn = workspace.conn
    import_departments(conn, tmp_path)
    rows = [
        [f"{number:05d}", "山田", f"{number}郎", "", "本部", "正職員", "2020/4/1", "", ""]
        for number in range(1, 121)
    ]
    spec = RegisterImportSpec(PEOPLE)
    _prepared, plan = run_import(conn, people_file(tmp_path, rows), spec)
    assert plan.counts["created"] == 120
    before = state(conn)
    checks = iter(range(1000))
    with pytest.raises(JobCancelledError):
        spec.apply(conn, plan, cancelled=lambda: next(checks) >= 2)  # after 100 people
    assert state(conn) == before
    assert not conn.in_transaction
    with pytest.raises(JobCancelledError):
        spec.apply(conn, plan, cancelled=lambda: True)
    assert state(conn) == before
    summary = spec.apply(conn, plan)
    assert summary.counts["created"] == 120
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 120


def test_departments_linking_in_a_circle_are_errors(workspace, tmp_path: Path) -> None:
    conn = workspace.conn
    path = tmp_path / "circle.csv"
    path.write_text("部署コード,部署名,上位部署\nA,甲,B\nB,乙,A\nC,丙,\n", encoding="utf-8")
    spec = RegisterImportSpec(DEPARTMENTS)
    _prepared, plan = run_import(conn, path, spec)
    assert plan.counts["created"] == 1 and plan.counts["invalid_skipped"] == 2
    assert {(e.row, e.message) for e in plan.errors} == {
        (2, "refers to a row of this file that cannot be imported"),
        (3, "refers to a row of this file that cannot be imported"),
    }


def test_targets_come_from_the_register_definition() -> None:
    spec = RegisterImportSpec(PEOPLE)
    targets = {target.key: target for target in spec.targets}
    own = [key for key in targets if not key.startswith("linked_by:")]
    assert own == [item.key for item in PEOPLE.fields]
    # then the registers that link people in a multi-link field (an audit's auditors), optional
    assert all(not targets[key].required for key in targets if key not in own)
    assert (
        "職員番号" in targets["staff_no"].synonyms
        and "Staff number" in targets["staff_no"].synonyms
    )
    assert "備考" in targets["notes"].synonyms  # the Japanese label
    assert targets["staff_no"].required and targets["name"].required
    assert not targets["employment_type"].required  # may be left empty (schema 5)
    assert not targets["active"].required  # required, but has a default
    assert targets["name"].joinable and targets["kana"].joinable and not targets["email"].joinable
    assert spec.key == "register.people"
    assert COUNT_LABELS["created"] == "Records created"
    with pytest.raises(ValueError, match="organisation"):
        RegisterImportSpec(ORGANISATION)
