"""Chapters 14 (external) and 15 (next year's plan), exports of every review register, and the
demo co-op's review data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.areas.organisation.registers import DEPARTMENTS
from app.areas.review.area import REVIEW_REGISTERS
from app.areas.review.board_plan import occurrences
from app.areas.review.opchecks import new_operation_check
from app.areas.review.registers import LEGAL_REQUIREMENTS
from app.areas.review.registers_checks import OPERATION_CHECKS
from app.areas.training.registers import TRAINING_PROGRAMMES
from app.board.report import build_snapshot, fiscal_year_period
from app.registers.export import export_register
from app.registers.records import create_record, update_record


def test_a_cycle_duty_repeats_within_the_year_and_a_one_off_does_not() -> None:
    start, end = date(2027, 4, 1), date(2028, 3, 31)
    assert occurrences("C-OPCHECK", date(2027, 2, 10), start, end) == [
        date(2027, 5, 10), date(2027, 8, 10), date(2027, 11, 10), date(2028, 2, 10)
    ]  # fmt: skip
    assert occurrences("C-MR", date(2027, 5, 15), start, end) == [date(2027, 5, 15)]
    assert occurrences("R-PUBLIC-NOTICE", date(2028, 4, 2), start, end) == []


def test_chapter_14_counts_the_legal_register_and_its_amendments(workspace) -> None:
    conn = workspace.conn
    for code, kind, since, reviewed in (
        ("L1", "law", "2022-04-01", "2025-06-01"),
        ("L2", "ordinance", "2025-10-01", "2025-06-01"),  # amended after its review
        ("L3", "guideline", "2025-10-01", "2025-11-15"),
        ("L4", "standard", "2023-09-20", None),
    ):
        create_record(conn, LEGAL_REQUIREMENTS, {"code": code, "name": f"規範{code}",
                      "legal_type": kind, "version_date": since, "last_reviewed": reviewed})  # fmt: skip
    period = fiscal_year_period(conn, 2025, "en")
    chapter = build_snapshot(conn, period, language="en", sections=["external"]).section("external")
    kpis = {kpi.label: kpi.value for kpi in chapter.kpis}
    assert kpis["Laws and norms identified"] == 4
    assert kpis["Amendments in force in the period"] == 2
    assert kpis["Entries reviewed in the period"] == 3
    assert kpis["Amendments not yet reviewed"] == 1
    (by_kind, amended) = chapter.tables
    assert [row[0] for row in by_kind.rows] == ["Act", "Rules and ministerial ordinances",
                                                "Guidelines", "Standard (JIS etc.)"]  # fmt: skip
    assert [row[0] for row in amended.rows] == ["規範L2", "規範L3"]
    assert chapter.recorded


def test_chapter_15_assembles_next_years_duties_and_training_plan(workspace) -> None:
    conn = workspace.conn
    store = create_record(conn, DEPARTMENTS, {"code": "ST", "name": "日吉店"}).record_id
    check = new_operation_check(conn, store, date(2026, 10, 1), date(2026, 12, 31)).record_id
    update_record(conn, OPERATION_CHECKS, check, {"checked_on": "2027-01-10"})  # due 2027-04-10
    create_record(conn, TRAINING_PROGRAMMES, {"fiscal_year": 2027, "title": "年次教育",
                                              "training_type": "annual_all", "planned_month": 6})  # fmt: skip
    chapter = build_snapshot(
        conn, fiscal_year_period(conn, 2026, "en"), language="en", sections=["plan"]
    ).section("plan")
    kpis = {kpi.label: kpi.value for kpi in chapter.kpis}
    assert kpis["Training programmes planned"] == 1
    assert kpis["Operation checks due"] == 4  # 2027-04-10, 07-10, 10-10, 2028-01-10
    duties, training = chapter.tables
    assert duties.rows[0] == ["Operation check", 1, 1, 1, 1, 4]
    assert training.rows == [["年次教育", "Annual training for all staff (JIS a–d)", 6, True]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_every_review_register_exports(workspace, tmp_path: Path, fmt: str) -> None:
    conn = workspace.conn
    store = create_record(conn, DEPARTMENTS, {"code": "ST", "name": "日吉店"}).record_id
    new_operation_check(conn, store, date(2026, 4, 1), date(2026, 6, 30))
    create_record(conn, LEGAL_REQUIREMENTS, {"code": "L1", "name": "個人情報保護法",
                                             "legal_type": "law"})  # fmt: skip
    for defn in REVIEW_REGISTERS:
        result = export_register(conn, defn, fmt, tmp_path / f"{defn.key}.{fmt}")
        assert result.path.exists()
    exported = {
        row[0] for row in conn.execute("SELECT register FROM audit_log WHERE action = 'export'")
    }
    assert exported == {defn.key for defn in REVIEW_REGISTERS}
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(tmp_path / "operation_check_items.xlsx").active
        assert sheet.max_row >= 15  # heading + 14 checklist rows


def test_the_demo_has_a_quarterly_check_per_department_and_last_years_review(tmp_path) -> None:
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace
    from app.verify import verify_workspace

    today = date(2026, 12, 4)  # fiscal year from 3/21: Q1, Q2 done, Q3 under way
    with build_demo_workspace(tmp_path / "d.mamori", DEMO_PASSPHRASE, people=40, today=today) as ws:
        conn = ws.conn
        departments = conn.execute("SELECT count(*) FROM department").fetchone()[0]
        per_quarter = conn.execute(
            "SELECT period_start, count(DISTINCT department_id), sum(checked_on IS NOT NULL) "
            "FROM operation_check GROUP BY period_start ORDER BY period_start"
        ).fetchall()
        assert [row[1:] for row in per_quarter] == [
            (departments, departments), (departments, departments), (departments, 0)
        ]  # fmt: skip
        assert (
            conn.execute(
                "SELECT count(*) FROM operation_check_item WHERE answer = 'no'"
            ).fetchone()[0]
            > 0
        )
        (review,) = conn.execute("SELECT id, approved_on FROM management_review").fetchall()
        assert review[1] is not None
        narrated = conn.execute(
            "SELECT count(*) FROM management_review_input WHERE review_id = ? "
            "AND narrative IS NOT NULL AND figures IS NOT NULL",
            (review[0],),
        ).fetchone()[0]
        assert narrated == 7
        names = {row[0] for row in conn.execute("SELECT name FROM legal_requirement")}
        assert {"個人情報の保護に関する法律", "消費生活協同組合法"} <= names
        assert any("JIS Q 15001:2023" in name for name in names)
        categories = {row[0] for row in conn.execute("SELECT category FROM pms_document")}
        assert {"policy", "public_notice", "rule", "procedure", "form", "record"} <= categories
        report = verify_workspace(conn)
        assert report.ok, report
