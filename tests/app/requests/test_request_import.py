"""A request log and a complaint log kept in Excel/CSV before Mamori, imported through the same
engine as every register: catalogue values by their Japanese labels, numbers and due dates given
on the way in (the file's own numbers kept), all or nothing."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "importing"))

from import_helpers import csv_text

from app.areas.requests.complaints import COMPLAINTS
from app.areas.requests.registers import DATA_REQUESTS
from app.importing.engine import load_for_import
from app.importing.register_import import RegisterImportSpec
from app.registers.records import load_record


def _import(conn, path: Path, defn):
    spec = RegisterImportSpec(defn)
    prepared = load_for_import(path, spec, conn=conn)
    plan = spec.plan(conn, prepared.rows, file=path, sheet=prepared.table.sheet)
    return spec, plan


def test_a_request_log_imports_with_its_due_dates(shared_workspace, tmp_path) -> None:
    conn = shared_workspace.conn
    path = tmp_path / "開示請求台帳.csv"
    path.write_text(
        csv_text(
            [
                ["請求番号", "受付日", "請求の種類", "本人の氏名", "受付経路", "回答日", "決定"],
                [
                    "R-101",
                    "2026/10/01",
                    "開示（33条1項）",
                    "小林 明",
                    "郵送",
                    "2026/10/09",
                    "全部対応",
                ],
                ["R-102", "令和8年10月20日", "訂正・追加・削除（34条）", "中村 恵", "電話", "", ""],
            ]
        ),
        encoding="cp932",
    )
    spec, plan = _import(conn, path, DATA_REQUESTS)
    assert plan.errors == [] and plan.counts["created"] == 2, plan.problems
    spec.apply(conn, plan)
    rows = conn.execute(
        "SELECT id, request_no FROM data_request WHERE requester_name IN ('小林 明', '中村 恵') "
        "ORDER BY received_on"
    ).fetchall()
    first, second = (load_record(conn, DATA_REQUESTS, row[0]) for row in rows)
    assert first["request_no"] == "R-101" and first["within_sla"] is True
    assert (second["sla_due"], second["status"]) == (date(2026, 11, 3), "open")


def test_a_bad_complaint_row_imports_nothing(shared_workspace, tmp_path) -> None:
    conn = shared_workspace.conn
    before = conn.execute("SELECT count(*) FROM complaint_case").fetchone()[0]
    path = tmp_path / "苦情.csv"
    path.write_text(
        csv_text(
            [
                ["苦情番号", "受付日", "内容", "申出の内容", "終結日", "対応内容"],
                ["C-1", "2026/09/01", "誤配・誤送付", "隣家に注文書が届いた", "2026/09/03", "回収"],
                ["C-2", "2026/09/05", "勧誘・DM", "カタログが多い", "2026/09/04", "送付停止"],
            ]
        ),
        encoding="cp932",
    )
    _spec, plan = _import(conn, path, COMPLAINTS)
    assert not plan.can_apply
    assert [problem.row for problem in plan.errors] == [3]  # closed before it was received
    assert conn.execute("SELECT count(*) FROM complaint_case").fetchone()[0] == before
