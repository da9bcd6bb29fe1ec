"""The asset register and risk analysis in and out of Excel: real encrypted workspaces, real xlsx
files written by Mamori and read back with openpyxl, and a co-op's own 台帳 imported through
``python main.py import assets``."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.areas.assets.excel import (
    BAND_COLOURS,
    LEDGER,
    LEDGER_GROUPS,
    RISKS,
    SHEET_TITLES,
    export_ledger,
    incoming_header,
    incoming_links,
    ledger_fields,
    ledger_headers,
)
from app.areas.assets.registers import ASSETS, PURPOSES, RISK_ASSESSMENTS, RISK_ITEMS
from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.cli import main
from app.i18n import gettext_in
from app.jobs import JobCancelledError
from app.registers.records import create_record, load_record
from app.storage.audit import iter_entries
from app.storage.database import scalar
from app.storage.workspace import Workspace

PASSPHRASE = "ledger-fixture-passphrase-8"
HOSTILE = '=HYPERLINK("http://evil.example","x")'


def ja(message: str) -> str:
    return gettext_in("ja", message)


def _add(conn, defn, **values) -> int:
    return create_record(conn, defn, values).record_id


def _stock_masters(conn) -> dict[str, int]:
    ids = {
        "hq": _add(conn, DEPARTMENTS, code="HQ", name="本部"),
        "dc": _add(conn, DEPARTMENTS, code="DC-KH", name="港北配送センター"),
    }
    ids["officer"] = _add(conn, PEOPLE, staff_no="00001", name="山田 花子",
                          employment_type="regular")  # fmt: skip
    ids["manager"] = _add(conn, PEOPLE, staff_no="00002", name="佐藤 一郎",
                          employment_type="regular")  # fmt: skip
    _add(conn, PURPOSES, code="P01", text="組合員の加入・脱退・出資金の管理のため")
    _add(conn, PURPOSES, code="P02", text="商品の供給、配達及び代金の請求のため")
    return ids


@pytest.fixture
def stocked(tmp_path: Path):
    path = tmp_path / "ledger.mamori"
    ws = Workspace.create(path, PASSPHRASE, {"name": "台帳テスト生協"})
    conn = ws.conn
    ids = _stock_masters(conn)
    ids["members"] = _add(
        conn, ASSETS, asset_no="A001", name="組合員台帳", business_process="組合員管理",
        owner_department=ids["hq"], responsible=ids["officer"],
        subject_categories=["member", "member_household"], data_items="氏名、住所、電話番号",
        contains_my_number=False, contains_financial=True, record_count=52_000,
        volume_band="gt_50000", purposes="P01, P02", media=["core_system"],
        storage_location="本部サーバ室", retention_period="脱退後10年",
        retention_until=date(2036, 3, 31), disposal_method="wipe_software",
        classification="secret", last_reviewed=date(2026, 4, 1),
        next_review_due=date(2027, 4, 1),
    )  # fmt: skip
    ids["orders"] = _add(
        conn, ASSETS, asset_no="A002", name=HOSTILE, owner_department=ids["dc"],
        media=["paper_doc", "order_sheet"], volume_band="5001_50000", notes="+81-3-1234",
        storage_location="@SUM(A1)", third_party_provision=True,
    )  # fmt: skip
    old = _add(conn, RISK_ASSESSMENTS, asset=ids["members"], assessed_at=date(2025, 4, 1))
    _add(conn, RISK_ITEMS, assessment=old, phase="store", threat="interception",
         inherent_impact=1, inherent_likelihood=1)  # fmt: skip
    latest = _add(
        conn, RISK_ASSESSMENTS, asset=ids["members"], assessed_at=date(2026, 4, 1),
        assessor=ids["officer"],
    )  # fmt: skip
    _add(conn, RISK_ITEMS, assessment=latest, phase="store", threat="interception",
         consequences=["leak"], inherent_impact=3, inherent_likelihood=3,
         implemented_controls="", residual_impact=3, residual_likelihood=1,
         treatment="reduce")  # fmt: skip
    _add(conn, RISK_ITEMS, assessment=latest, phase="acquire", threat="data_entry_error",
         inherent_impact=1, inherent_likelihood=2, treatment="accept",
         accepted_by=ids["manager"], accepted_at=date(2026, 4, 8))  # fmt: skip
    yield ws, ids
    ws.close()


def _headers(sheet, row: int) -> list[str]:
    return [cell.value for cell in sheet[row]]


def test_every_asset_field_is_in_exactly_one_ledger_group() -> None:
    keys = [key for _title, group in LEDGER_GROUPS for key in group]
    assert sorted(keys) == sorted(item.key for item in ASSETS.fields)
    assert len(keys) == len(set(keys))


def test_ledger_sheet_reads_like_the_co_op_s_own(stocked, tmp_path: Path) -> None:
    ws, _ids = stocked
    target = tmp_path / "out" / "台帳.xlsx"
    result = export_ledger(ws.conn, target, sheets=(LEDGER,), language="ja")
    assert (result.assets, result.risk_items) == (2, 0)
    assert sorted(p.name for p in target.parent.iterdir()) == ["台帳.xlsx"]  # no temp left
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [ja(SHEET_TITLES[LEDGER])]
    sheet = book.active
    # grouped headings over the field headings, frozen panes, auto-filter
    expected = ledger_headers("ja")
    assert _headers(sheet, 2) == expected
    fields = [ja(item.label) for item in ledger_fields()]
    linking = [incoming_header(link, "ja") for link in incoming_links()]
    assert [header for header in expected if header not in linking] == fields
    # the records that link an asset (the contractors it is entrusted to...), after 提供・委託
    after = expected.index(ja("Anonymised / pseudonymised derivatives")) + 1
    assert "委託先" in linking and expected[after : after + len(linking)] == linking
    assert {
        "台帳番号",
        "管理部署",
        "本人の区分",
        "保管場所",
        "保管期限",
        "廃棄・消去方法",
        "機密区分",
    } <= set(expected)
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert len(merged) == len(LEDGER_GROUPS)
    assert sheet.cell(1, 1).value == ja(LEDGER_GROUPS[0][0])
    assert sheet.freeze_panes == "C3"
    assert sheet.auto_filter.ref.startswith("A2:")
    # one row per asset, in asset order
    assert sheet.max_row == 2 + 2
    row = dict(zip(expected, [cell for cell in sheet[3]], strict=True))
    assert row["台帳番号"].value == "A001"
    assert row["管理部署"].value == "本部"  # linked record by name
    assert row[ja("Responsible person")].value == "山田 花子"
    assert row["本人の区分"].value == "組合員、組合員の家族・同一世帯の利用者"
    assert row[ja("Number of people")].value == "50,000人超"  # catalogue label
    assert row[ja("Number of records")].value == 52_000
    assert row[ja("Contains financial data")].value == "○"
    assert row[ja("Contains My Number")].value is None
    until = row["保管期限"]
    assert until.value == datetime(2036, 3, 31) and until.is_date
    assert until.number_format == "yyyy/mm/dd"
    # hostile text stays text: no formula, no link
    hostile = dict(zip(expected, [cell for cell in sheet[4]], strict=True))
    name_heading = ja(ASSETS.field("name").label)
    assert hostile[name_heading].value == HOSTILE
    assert hostile[name_heading].data_type == "s"
    assert hostile["保管場所"].value == "@SUM(A1)"
    assert hostile[ja("Notes")].value == "+81-3-1234"
    for cells in sheet.iter_rows():
        assert all(cell.data_type != "f" for cell in cells)
    (entry,) = [e for e in iter_entries(ws.conn) if e.action == "export"]
    detail = json.loads(entry.detail or "{}")
    assert entry.register == "assets"
    assert detail["assets"] == 2 and detail["file"] == "台帳.xlsx"


def test_risk_sheet_has_one_row_per_item_of_the_latest_assessment(stocked, tmp_path) -> None:
    ws, _ids = stocked
    target = tmp_path / "risks.xlsx"
    result = export_ledger(ws.conn, target, language="ja")
    assert (result.assets, result.risk_items) == (2, 2)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [ja(SHEET_TITLES[LEDGER]), ja(SHEET_TITLES[RISKS])]
    sheet = book[ja(SHEET_TITLES[RISKS])]
    headers = _headers(sheet, 1)
    rows = [dict(zip(headers, cells, strict=True)) for cells in sheet.iter_rows(min_row=2)]
    assert len(rows) == scalar(
        ws.conn,
        "SELECT count(*) FROM risk_item WHERE assessment_id = (SELECT max(id) FROM risk_assessment)",
    )
    phase, threat = ja("Lifecycle phase"), ja("Threat")
    # phases in lifecycle order: 取得 before 保管
    assert [row[phase].value for row in rows] == ["取得・入力", "保管・バックアップ"]
    assert rows[1][threat].value == "盗聴"
    assert rows[0][ja("Assessed on")].value == datetime(2026, 4, 1)
    score, residual = rows[1][ja("Score")], rows[1][ja("Residual score")]
    assert (score.value, residual.value) == (9, 3)
    assert score.fill.fgColor.rgb.endswith(BAND_COLOURS["treat"][1:])
    assert residual.fill.fgColor.rgb.endswith(BAND_COLOURS["monitor"][1:])
    assert rows[0][ja("Treatment")].value == "受容(残存リスク)"
    assert rows[0][ja("Accepted by")].value == "佐藤 一郎"


def test_english_ledger_and_cancel_leaves_nothing(stocked, tmp_path: Path) -> None:
    ws, _ids = stocked
    target = tmp_path / "ledger-en.xlsx"
    export_ledger(ws.conn, target, sheets=(RISKS,), language="en")
    sheet = openpyxl.load_workbook(target).active
    assert sheet.title == "Risk analysis"
    assert _headers(sheet, 1)[:2] == ["Asset no.", "Name of the personal information"]
    acquire = scalar(
        ws.conn,
        "SELECT i.label_en FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'LIFECYCLE_PHASE' AND i.code = 'acquire'",
    )
    assert sheet.cell(2, 5).value == acquire  # catalogue labels in the sheet's language
    cancelled = tmp_path / "cancelled.xlsx"
    with pytest.raises(JobCancelledError):
        export_ledger(ws.conn, cancelled, cancelled=lambda: True)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == ["ledger-en.xlsx"]


# ----- a co-op's own 台帳 into the register ------------------------------------------------------

TITLE = "令和8年度 個人情報管理台帳"
GROUPS = (("基本情報", 5), ("取得・利用", 4), ("保管", 4), ("廃棄", 1), ("評価", 2))
HEADINGS_FILE = [
    "管理番号", "個人情報の名称", "業務名", "管理部署", "管理責任者",
    "本人の区分", "件数", "取得方法", "利用目的",
    "媒体", "保管場所", "保存期間", "保管期限",
    "廃棄方法",
    "機密区分", "次回見直し日",
]  # fmt: skip
LEDGER_ROWS = [
    ["No.001", "組合員台帳", "組合員管理", "本部", "山田 花子", "組合員", 52000,
     "書面（申込書・用紙）", "P01", "基幹システム(オンプレ)", "本部サーバ室", "脱退後10年",
     "令和18年3月31日", "消去ソフト", "社外秘", datetime(2027, 4, 1)],
    ["No.002", "注文書", "商品供給", "港北配送センター", "佐藤 一郎", "組合員、組合員の家族・同一世帯の利用者",
     "1,200", "書面（申込書・用紙）", "P02", "紙書類、注文書(OCR)", "センター施錠書庫", "1年",
     "R9.3.31", "溶解処理(委託)", "秘 (個人データ)", "2027/4/1"],
    ["No.003", "共済請求書類", "共済", "HQ", "", "組合員", None, "", "P01, P02", "紙書類",
     "本部書庫", "5年", "", "シュレッダー", "秘 (個人データ)", ""],
]  # fmt: skip


def ledger_xlsx(path: Path, rows=LEDGER_ROWS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "個人情報管理台帳"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADINGS_FILE))
    sheet.append(["作成日：令和8年4月1日　個人情報保護管理者"])
    sheet.append([])
    column = 1
    sheet.append([])
    for title, width in GROUPS:  # the merged group row above the real headings
        sheet.cell(4, column, title)
        if width > 1:
            sheet.merge_cells(
                start_row=4, start_column=column, end_row=4, end_column=column + width - 1
            )
        column += width
    sheet.append(HEADINGS_FILE)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def run(ws_path: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--workspace", str(ws_path), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def ws_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "import.mamori"
    with Workspace.create(path, PASSPHRASE) as workspace:
        _stock_masters(workspace.conn)
    monkeypatch.setenv("MAMORI_PASSPHRASE", PASSPHRASE)
    return path


def test_import_a_co_op_ledger_all_or_nothing_and_only_once(ws_path, tmp_path, capsys) -> None:
    source = ledger_xlsx(tmp_path / "台帳.xlsx")
    code, out, err = run(ws_path, "import", "assets", str(source), "--json", capsys=capsys)
    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert summary["errors"] == [] and summary["written"]
    assert summary["counts"]["created"] == 3
    with Workspace.open(ws_path, PASSPHRASE) as ws:
        conn = ws.conn
        ids = dict(conn.execute("SELECT asset_no, id FROM asset"))
        assert sorted(ids) == ["No.001", "No.002", "No.003"]
        first, second, third = (load_record(conn, ASSETS, ids[no]) for no in sorted(ids))
    hq = scalar_id(ws_path, "SELECT id FROM department WHERE code = 'HQ'")
    assert first["owner_department"] == hq and third["owner_department"] == hq  # name or code
    assert first["retention_until"] == date(2036, 3, 31)  # 令和18年
    assert second["retention_until"] == date(2027, 3, 31)  # R9.3.31
    assert first["next_review_due"] == second["next_review_due"] == date(2027, 4, 1)
    assert first["classification"] == "internal" and second["classification"] == "secret"
    assert first["record_count"] == 52_000 and second["record_count"] == 1_200
    assert second["subject_categories"] == ["member", "member_household"]
    assert second["media"] == ["paper_doc", "order_sheet"]
    assert first["acq_method"] == "paper_form" and first["disposal_method"] == "wipe_software"
    p01 = scalar_id(ws_path, "SELECT id FROM purpose_of_use WHERE code = 'P01'")
    p02 = scalar_id(ws_path, "SELECT id FROM purpose_of_use WHERE code = 'P02'")
    assert third["purposes"] == [p01, p02]  # codes in the file become links
    # the same file again adds nothing
    code, out, _err = run(ws_path, "import", "assets", str(source), "--json", capsys=capsys)
    again = json.loads(out)
    assert code == 0 and again["counts"]["created"] == 0
    assert again["counts"]["duplicates_skipped"] == 3
    assert scalar_id(ws_path, "SELECT count(*) FROM asset") == 3


def scalar_id(path: Path, sql: str) -> int:
    with Workspace.open(path, PASSPHRASE) as ws:
        return int(scalar(ws.conn, sql))


def test_a_ledger_with_one_bad_row_imports_nothing(ws_path, tmp_path, capsys) -> None:
    rows = [list(row) for row in LEDGER_ROWS]
    rows[2][3] = "存在しない部署"
    rows[1][14] = "極秘でも秘でもない"
    source = ledger_xlsx(tmp_path / "bad.xlsx", rows)
    code, out, _err = run(ws_path, "import", "assets", str(source), capsys=capsys)
    assert code == 1
    assert "row 7" in out and "row 8" in out  # rows as the sheet numbers them
    assert "Nothing was written" in out
    assert scalar_id(ws_path, "SELECT count(*) FROM asset") == 0


def test_exported_ledger_imports_back_into_another_workspace(
    stocked, tmp_path, monkeypatch, capsys
) -> None:
    ws, ids = stocked
    monkeypatch.setenv("MAMORI_PASSPHRASE", PASSPHRASE)
    exported = tmp_path / "roundtrip.xlsx"
    export_ledger(ws.conn, exported, language="ja")  # both sheets: the import reads the first
    before = {
        record["asset_no"]: record
        for record in (load_record(ws.conn, ASSETS, ids[k]) for k in ("members", "orders"))
    }
    other = tmp_path / "other.mamori"
    with Workspace.create(other, PASSPHRASE) as workspace:
        _stock_masters(workspace.conn)
    code = main(["--workspace", str(other), "import", "assets", str(exported), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out["errors"]
    assert out["counts"]["created"] == 2
    with Workspace.open(other, PASSPHRASE) as copy:
        after = {
            record["asset_no"]: record
            for record in (
                load_record(copy.conn, ASSETS, row[0])
                for row in copy.conn.execute("SELECT id FROM asset")
            )
        }
    assert after.keys() == before.keys()
    for number, record in before.items():
        # ids of departments and people are the same in both workspaces (same order of creation)
        assert after[number] == record, number


def test_cli_export_ledger_and_risks(stocked, tmp_path, monkeypatch, capsys) -> None:
    ws, _ids = stocked
    path = ws.path
    ws.close()
    monkeypatch.setenv("MAMORI_PASSPHRASE", PASSPHRASE)
    code, out, err = run(path, "export-ledger", "--out", str(tmp_path / "l.xlsx"), capsys=capsys)
    assert (code, err) == (0, "")
    assert "2 assets" in out
    assert openpyxl.load_workbook(tmp_path / "l.xlsx").sheetnames == [ja(SHEET_TITLES[LEDGER])]
    code, out, _err = run(path, "export-risks", "--out", str(tmp_path / "r.xlsx"), capsys=capsys)
    assert code == 0 and "2 risk items" in out
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames == [ja(SHEET_TITLES[RISKS])]
