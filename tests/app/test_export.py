"""Register exports: real CSV, XLSX and JSON files written and read back."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.jobs import JobCancelledError
from app.registers.export import export_register
from app.registers.query import Filter, ListQuery
from app.registers.records import create_record, insert_many
from app.storage.audit import iter_entries
from app.storage.database import scalar, write_transaction
from app.storage.workspace import Workspace

EXPORT_PASSPHRASE = "export-fixture-passphrase-5"
INJECTIONS = ('=HYPERLINK("http://evil.example","x")', "+81-3-1234", "-1+1", "@SUM(A1)")


@pytest.fixture(scope="module")
def stocked(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("export") / "export.mamori"
    ws = Workspace.create(path, EXPORT_PASSPHRASE, {"name": "出力テスト生協"})
    conn = ws.conn
    hq = create_record(conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}).record_id
    create_record(
        conn,
        PEOPLE,
        {
            "staff_no": "00001",
            "name": "山田 花子",
            "kana": "ヤマダ ハナコ",
            "department": hq,
            "employment_type": "regular",
            "pms_roles": ["handler", "committee"],
            "hire_date": "令和2年4月1日",
            "email": "hanako@example.jp",
            "is_handler": True,
            "notes": '改行を含む\n備考、カンマ, "引用符"',
        },
    )
    create_record(
        conn,
        PEOPLE,
        {"staff_no": "00002", "name": "髙橋 﨑子", "employment_type": "parttime", "active": False},
    )
    for number, text in enumerate(INJECTIONS, start=3):
        create_record(
            conn,
            PEOPLE,
            {"staff_no": f"{number:05d}", "name": text, "employment_type": "arbeit", "kana": text},
        )
    yield ws
    ws.close()


def export_entries(ws: Workspace) -> list:
    return [entry for entry in iter_entries(ws.conn) if entry.action == "export"]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_has_bom_header_and_every_row(stocked: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    result = export_register(stocked.conn, PEOPLE, "csv", target)
    assert result.rows == 2 + len(INJECTIONS)
    assert result.path == target
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = read_csv(target)
    header = rows[0]
    assert header[:4] == ["Staff number", "Name", "Name (kana)", "Department"]
    assert "Department (Department code)" in header
    assert len(rows) == 1 + result.rows
    first = dict(zip(header, rows[1], strict=True))
    assert first["Name"] == "山田 花子"
    assert first["Department"] == "本部"
    assert first["Department (Department code)"] == "HQ"
    assert first["Employment type"] == "Regular employee"
    assert first["Hire date"] == "2020-04-01"
    assert first["Handles personal data"] == "Yes"
    assert first["Notes"] == '改行を含む\n備考、カンマ, "引用符"'
    second = dict(zip(header, rows[2], strict=True))
    assert second["Name"] == "髙橋 﨑子"  # variant kanji survive
    assert second["Active"] == "No"
    assert second["Department"] == ""


def test_csv_neutralises_formulas(stocked: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    export_register(stocked.conn, PEOPLE, "csv", target)
    rows = read_csv(target)
    header = rows[0]
    names = [dict(zip(header, row, strict=True))["Name"] for row in rows[1:]]
    for text in INJECTIONS:
        assert "'" + text in names
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_csv_in_japanese(stocked: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "people-ja.csv"
    export_register(stocked.conn, PEOPLE, "csv", target, language="ja")
    rows = read_csv(target)
    assert rows[0][:2] == ["職員番号", "氏名"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["雇用区分"] == "正職員"
    assert first["個人データ取扱者"] == "はい"
    assert first["所属"] == "本部"
    assert first["所属 (部署コード)"] == "HQ"


def test_xlsx_reads_back_with_openpyxl(stocked: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "people.xlsx"
    result = export_register(stocked.conn, PEOPLE, "xlsx", target)
    book = openpyxl.load_workbook(target)
    sheet = book.active
    assert sheet.title == "People"
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:4] == ["Staff number", "Name", "Name (kana)", "Department"]
    assert "Department (Department code)" in header
    assert len(rows) == 1 + result.rows == 1 + 2 + len(INJECTIONS)
    first = dict(zip(header, rows[1], strict=True))
    assert first["Staff number"] == "00001"  # leading zeros kept: written as text
    assert first["Name"] == "山田 花子"
    assert first["Department"] == "本部"
    assert first["Department (Department code)"] == "HQ"
    assert first["Hire date"] == datetime(2020, 4, 1)
    assert first["Handles personal data"] == "Yes"
    second = dict(zip(header, rows[2], strict=True))
    assert second["Name"] == "髙橋 﨑子"
    assert second["Department"] is None
    # text that looks like a formula stays text in a spreadsheet
    name_column = header.index("Name") + 1
    cells = [sheet.cell(row=r, column=name_column) for r in range(2, sheet.max_row + 1)]
    assert {c.value for c in cells} >= set(INJECTIONS)
    assert all(c.data_type == "s" for c in cells)
    assert sheet.freeze_panes == "A2"


def test_json_uses_codes_and_human_keys(stocked: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "people.json"
    result = export_register(stocked.conn, PEOPLE, "json", target)
    records = json.loads(target.read_text(encoding="utf-8"))
    assert len(records) == result.rows == 2 + len(INJECTIONS)
    first = records[0]
    assert set(first) == {field.key for field in PEOPLE.fields}
    assert first["staff_no"] == "00001"
    assert first["department"] == "HQ"
    assert first["employment_type"] == "regular"
    assert first["pms_roles"] == ["handler", "committee"]
    assert first["hire_date"] == "2020-04-01"
    assert first["is_handler"] is True
    assert records[1]["active"] is False
    assert records[1]["department"] is None
    assert "髙橋 﨑子" in target.read_text(encoding="utf-8")  # not \u-escaped


def test_export_follows_search_and_filters(stocked: Workspace, tmp_path: Path) -> None:
    query = ListQuery(search="山田")
    result = export_register(stocked.conn, PEOPLE, "csv", tmp_path / "s.csv", query)
    assert result.rows == 1
    assert [row[0] for row in read_csv(tmp_path / "s.csv")[1:]] == ["00001"]
    export_register(stocked.conn, PEOPLE, "json", tmp_path / "s.json", ListQuery(search="ヤマダ"))
    assert [r["staff_no"] for r in json.loads((tmp_path / "s.json").read_text("utf-8"))] == [
        "00001"
    ]
    query = ListQuery(filters=(Filter("employment_type", "arbeit"),))
    result = export_register(stocked.conn, PEOPLE, "json", tmp_path / "f.json", query)
    assert [r["staff_no"] for r in json.loads((tmp_path / "f.json").read_text("utf-8"))] == [
        f"{n:05d}" for n in range(3, 3 + len(INJECTIONS))
    ]
    result = export_register(stocked.conn, PEOPLE, "xlsx", tmp_path / "f.xlsx", query)
    assert openpyxl.load_workbook(tmp_path / "f.xlsx").active.max_row == 1 + len(INJECTIONS)


def test_export_is_audited(stocked: Workspace, tmp_path: Path) -> None:
    before = len(export_entries(stocked))
    export_register(
        stocked.conn, PEOPLE, "xlsx", tmp_path / "audited.xlsx", ListQuery(search="山田")
    )
    entries = export_entries(stocked)
    assert len(entries) == before + 1
    entry = entries[-1]
    assert entry.register == "people"
    detail = json.loads(entry.detail or "{}")
    assert detail == {
        "format": "xlsx",
        "rows": 1,
        "file": "audited.xlsx",
        "search": "山田",
        "filters": 0,
    }


def test_unknown_format_is_refused(stocked: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        export_register(stocked.conn, PEOPLE, "pdf", tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def test_export_of_every_foundation_register(stocked: Workspace, tmp_path: Path) -> None:
    from app.registers import all_registers

    for defn in all_registers():
        count = scalar(stocked.conn, f"SELECT count(*) FROM {defn.table}")
        for fmt in ("csv", "xlsx", "json"):
            result = export_register(stocked.conn, defn, fmt, tmp_path / f"{defn.key}.{fmt}")
            assert result.rows == count, (defn.key, fmt)


# ----- cancelling -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory):
    """Enough people (2,500) for the export to pass a progress/cancel checkpoint."""
    path = tmp_path_factory.mktemp("large") / "large.mamori"
    ws = Workspace.create(path, EXPORT_PASSPHRASE)
    with write_transaction(ws.conn):
        insert_many(
            ws.conn,
            PEOPLE,
            [
                {"staff_no": f"{n:05d}", "name": f"職員 {n}", "employment_type": "regular"}
                for n in range(1, 2501)
            ],
        )
    yield ws
    ws.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_cancelled_export_leaves_no_file(large: Workspace, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"people.{fmt}"
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return True

    before = len(export_entries(large))
    with pytest.raises(JobCancelledError):
        export_register(large.conn, PEOPLE, fmt, target, cancelled=cancelled)
    assert calls
    assert list(tmp_path.iterdir()) == []  # neither the target nor a temporary file
    assert len(export_entries(large)) == before
    assert not large.conn.in_transaction


def test_cancelled_export_keeps_an_older_file(large: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    target.write_text("older export\n", encoding="utf-8")
    with pytest.raises(JobCancelledError):
        export_register(large.conn, PEOPLE, "csv", target, cancelled=lambda: True)
    assert target.read_text(encoding="utf-8") == "older export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["people.csv"]


def test_progress_is_reported_up_to_done(large: Workspace, tmp_path: Path) -> None:
    seen: list[tuple[float, str]] = []
    result = export_register(
        large.conn, PEOPLE, "csv", tmp_path / "p.csv", progress=lambda f, m: seen.append((f, m))
    )
    assert result.rows == 2500
    fractions = [f for f, _m in seen]
    assert fractions == sorted(fractions)
    assert 0 < fractions[0] < 1
    assert seen[-1] == (1.0, "Exported 2500 records")
    assert len(read_csv(tmp_path / "p.csv")) == 2501
