"""The demo co-op's contractors, chapter 8 of the board report built from them (counts, never
names), and exports of every contractor register read back."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest

from app.areas.contractors.demo import CONTRACTOR_ROWS
from app.areas.contractors.registers import CONTRACTOR_REGISTERS
from app.board.period import date_range_period
from app.board.report import build_snapshot
from app.demo import DEMO_PASSPHRASE, build_demo_workspace
from app.registers.export import export_register
from app.storage.audit import iter_entries
from app.verify import verify_workspace

TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = build_demo_workspace(
        tmp_path_factory.mktemp("demo") / "demo.mamori", DEMO_PASSPHRASE, people=40, today=TODAY
    )
    yield ws
    ws.close()


def test_demo_contractors_are_a_coop_s(demo) -> None:
    conn = demo.conn
    rows = conn.execute(
        "SELECT code, service_category, risk_tier, processes_abroad, certification_expiry "
        "FROM contractor ORDER BY code"
    ).fetchall()
    categories = {row[1] for row in rows}
    assert categories == {"delivery", "printing_dm", "callcenter", "system_dev", "saas",
                          "payment", "shredding"}  # fmt: skip
    assert sum(row[3] for row in rows) == 1  # one SaaS kept abroad
    expiring = [row[0] for row in rows if row[4] and row[4] <= "2027-02-02"]
    assert expiring == ["K002"]  # within 60 days
    for table in ("contractor_contract", "contractor_evaluation"):
        covered = conn.execute(f"SELECT count(DISTINCT contractor_id) FROM {table}").fetchone()[0]
        assert covered == len(CONTRACTOR_ROWS)
    open_requests = conn.execute(
        "SELECT count(*) FROM contractor_improvement WHERE status = 'open'"
    ).fetchone()[0]
    assert open_requests == 1
    assert verify_workspace(conn).ok


def test_chapter_8_counts_without_names(demo) -> None:
    conn = demo.conn
    period = date_range_period(conn, date(2026, 3, 21), TODAY, "ja")
    snapshot = build_snapshot(conn, period, language="ja", sections=["contractors"])
    (chapter,) = snapshot.sections
    assert chapter.key == "contractors" and chapter.recorded and chapter.title == "委託先管理"
    kpis = {kpi.label: kpi.value for kpi in chapter.kpis}
    assert kpis["委託中の委託先"] == 7
    assert kpis["評価実施率（12か月）"] == pytest.approx(100 * 6 / 7, abs=0.1)
    assert kpis["期限を過ぎた評価"] == 0 and kpis["評価の期限遵守率"] == 100.0
    assert kpis["事前承認のない再委託"] == 0
    tables = {table.title: table for table in chapter.tables}
    results = {row[0][0]: row[1] for row in tables["期間中の評価結果"].rows}
    assert results == {"A": 3, "B": 1, "C": 0}  # K005 was evaluated before the period
    clauses = {
        row[0][0]: row[1]
        for row in tables["契約に定める事項の網羅状況（JIS Q 15001 A.3.4.3.4）"].rows
    }
    assert clauses["a"] == 7 and clauses["d"] == 5 and clauses["e"] == 5
    by_tier = tables["区分・リスク区分別の委託先数"]
    assert sum(row[-1] for row in by_tier.rows) == 7
    text = json.dumps([chapter.summary, *[t.rows for t in chapter.tables]], ensure_ascii=False)
    for _code, name, *_rest in CONTRACTOR_ROWS:
        assert name not in text  # counts, never names


def test_every_contractor_register_exports_and_reads_back(demo, tmp_path) -> None:
    conn = demo.conn
    for defn in CONTRACTOR_REGISTERS:
        count = conn.execute(f"SELECT count(*) FROM {defn.table}").fetchone()[0]
        for fmt in ("xlsx", "csv", "json"):
            result = export_register(conn, defn, fmt, tmp_path / f"{defn.key}.{fmt}", language="ja")
            assert result.rows == count > 0, defn.key
        sheet = openpyxl.load_workbook(tmp_path / f"{defn.key}.xlsx").active
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        assert not any(cell in ("delivery", "high", "a_", "questionnaire") for cell in cells)
    xlsx = openpyxl.load_workbook(tmp_path / "contractors.xlsx").active
    values = [c.value for row in xlsx.iter_rows() for c in row]
    assert "配送委託" in values and "高（毎年評価）" in values
    exports = [e for e in iter_entries(conn) if e.action == "export"]
    assert len(exports) >= 3 * len(CONTRACTOR_REGISTERS)


def test_the_ledger_names_the_contractors_of_each_asset(demo, tmp_path) -> None:
    from app.areas.assets.excel import LEDGER, export_ledger, ledger_headers

    target = tmp_path / "台帳.xlsx"
    export_ledger(demo.conn, target, sheets=(LEDGER,), language="ja")
    sheet = openpyxl.load_workbook(target).active
    column = ledger_headers("ja").index("委託先")
    rows = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=3)}
    assert rows["A002"] == "K007 有限会社エコ溶解センター"
    assert rows["A004"] == "K002 関東ダイレクトプリント株式会社、K007 有限会社エコ溶解センター"
    assert rows["A030"] is None


def test_this_round_s_questionnaires(demo, tmp_path) -> None:
    from app.areas.contractors.questionnaire import contractors_due, export_due_questionnaires

    due = contractors_due(demo.conn, TODAY, within_days=90)
    codes = [
        demo.conn.execute("SELECT code FROM contractor WHERE id = ?", (c,)).fetchone()[0]
        for c in due
    ]
    assert codes == ["K007"]  # high tier, evaluated 2026-01-04: due 2027-01-04
    written = export_due_questionnaires(demo.conn, tmp_path, TODAY, within_days=90)
    assert [path.name for path in written] == ["委託先評価票_K007_20261204.xlsx"]


def test_the_ledger_s_contractors_are_linked_again_on_import(demo, tmp_path) -> None:
    """Exported from the demo, imported into a workspace that knows K007's contractor (by name,
    under another number) but not K002's: A002 and A004 are linked to it; K002 is named in a
    warning."""
    from app.areas.assets.excel import LEDGER, export_ledger, ledger_headers
    from app.areas.assets.registers import ASSETS
    from app.areas.contractors.registers import CONTRACTORS
    from app.areas.organisation.registers import DEPARTMENTS
    from app.i18n import gettext_in
    from app.importing.engine import load_for_import
    from app.importing.flow import ImportFlow
    from app.importing.register_import import RegisterImportSpec
    from app.registers.records import create_record, load_record
    from app.storage.workspace import Workspace

    target = tmp_path / "台帳.xlsx"
    export_ledger(demo.conn, target, sheets=(LEDGER,), language="ja")
    headers = ledger_headers("ja")
    # links this workspace cannot know: people and purposes
    cleared = {headers.index(gettext_in("ja", ASSETS.field(key).label))
               for key in ("responsible", "disposal_responsible", "purposes")}  # fmt: skip
    book = openpyxl.load_workbook(target)
    for row in list(book.active.iter_rows(min_row=3)):
        for index, cell in enumerate(row):
            if row[0].value not in ("A002", "A004") or index in cleared:
                cell.value = None
    book.save(target)
    departments = demo.conn.execute("SELECT code, name FROM department ORDER BY id").fetchall()
    with Workspace.create(tmp_path / "other.mamori", "ledger-links-pass-1") as other:
        conn = other.conn
        for code, name in departments:
            create_record(conn, DEPARTMENTS, {"code": code, "name": name})
        shredder = create_record(
            conn, CONTRACTORS, {"code": "X01", "name": "有限会社エコ溶解センター"}
        )
        spec = RegisterImportSpec(ASSETS)
        flow = ImportFlow.from_prepared(spec, load_for_import(target, spec, conn=conn))
        plan = flow.check(conn)
        assert not plan.errors, plan.errors
        assert any(key.startswith("linked_by:contractors") for key in flow.mapping), flow.mapping
        assert any("K002" in str(p.value) and p.severity == "warning" for p in plan.problems)
        flow.run_import(conn)
        linked = load_record(conn, CONTRACTORS, shredder.record_id)["entrusted_assets"]
        numbers = {conn.execute("SELECT asset_no FROM asset WHERE id = ?", (i,)).fetchone()[0]
                   for i in linked}  # fmt: skip
        assert numbers == {"A002", "A004"}
