"""A co-op's own list of provision records (Excel/CSV with its usual headings) imports through the
shared engine; a bad row is named by file, row and field and nothing is written."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from app.areas.sharing.registers_provision import PROVISION_RECORDS
from app.importing.engine import load_for_import
from app.importing.register_import import RegisterImportSpec
from app.registers.records import load_record

ROWS = [
    ["記録番号", "提供・受領", "提供の根拠", "作成方法", "記録作成日", "提供日", "提供先",
     "本人を特定するに足りる事項", "個人データの項目", "本人の同意を得ている旨"],
    ["PR-101", "提供", "本人の同意（27条1項）", "都度作成", "令和7年4月1日", "2025/4/1",
     "みなと損害保険株式会社", "山田 太郎", "氏名、住所", "申込書"],
    ["PR-102", "provide", "consent", "一括作成", "2025-05-01", "2025-05-01", "コープカード株式会社",
     "鈴木 一郎 ほか", "氏名、口座情報", "入会申込書"],
]  # fmt: skip


def _csv(path: Path, rows) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="cp932")
    return path


def _plan(conn, path: Path):
    spec = RegisterImportSpec(PROVISION_RECORDS)
    prepared = load_for_import(path, spec, conn=conn)
    return spec, spec.plan(conn, prepared.rows, file=path, sheet=prepared.table.sheet)


def test_a_list_of_provision_records_imports_with_its_retention(workspace, tmp_path) -> None:
    conn = workspace.conn
    spec, plan = _plan(conn, _csv(tmp_path / "提供記録.csv", ROWS))
    assert plan.errors == [] and plan.counts["created"] == 2
    spec.apply(conn, plan)
    (first,) = [r[0] for r in conn.execute("SELECT id FROM provision_record WHERE ref = 'PR-101'")]
    record = load_record(conn, PROVISION_RECORDS, first)
    assert (record["basis"], record["recording_method"], record["retention_until"]) == (
        "consent", "each", date(2028, 4, 1))  # fmt: skip


def test_a_bad_row_is_named_and_nothing_is_written(workspace, tmp_path) -> None:
    conn = workspace.conn
    bad = [*ROWS, ["PR-103", "提供", "本人の同意（27条1項）", "都度作成", "2025-06-01", "2025-13-40",
                   "A社", "佐藤", "氏名", "同意書"]]  # fmt: skip
    _spec, plan = _plan(conn, _csv(tmp_path / "bad.csv", bad))
    (problem,) = plan.errors
    assert problem.row == 4 and "bad.csv" in str(plan.file)
    assert conn.execute("SELECT count(*) FROM provision_record").fetchone()[0] == 0
