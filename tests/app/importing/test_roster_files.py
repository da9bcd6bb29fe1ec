"""Rosters as departments really send them, through ``python main.py import-roster``.

Real files written by the tests: an xlsx with title rows, a merged title and era dates; a Shift_JIS
(cp932) CSV from an e-learning vendor; a password-protected workbook.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.cli import build_parser, run_command
from app.registers.records import create_record
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE

TITLE = "令和8年度 個人情報保護研修 受講者名簿（港北配送センター）"
HEADERS = ["No.", "職員番号", "氏名", "所属", "受講日", "研修名", "受講状況", "テスト点数"]
ROWS = [
    [
        1,
        "00012",
        "山田 花子",
        "港北配送センター",
        "令和8年6月10日",
        "年次個人情報保護教育",
        "受講",
        90,
    ],
    [
        2,
        "00013",
        "髙橋 美咲",
        "港北配送センター",
        "R8.6.10",
        "年次個人情報保護教育",
        "受講",
        "70点",
    ],
    [
        3,
        "00099",
        "山﨑 健一",
        "港北配送センター",
        date(2026, 6, 11),
        "年次個人情報保護教育",
        "受講",
        85,
    ],
    [
        4,
        "00014",
        "佐藤 一郎",
        "港北配送センター",
        "2026/6/11",
        "年次個人情報保護教育",
        "欠席",
        None,
    ],
]


@pytest.fixture
def ws_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "w.mamori"
    with Workspace.create(path, PASSPHRASE) as workspace:
        conn = workspace.conn
        centre = create_record(conn, DEPARTMENTS, {"code": "DC-KH", "name": "港北配送センター"})
        for staff_no, name in (
            ("00012", "山田 花子"),
            ("00013", "髙橋 美咲"),
            ("00014", "佐藤 一郎"),
        ):
            create_record(
                conn,
                PEOPLE,
                {
                    "staff_no": staff_no,
                    "name": name,
                    "employment_type": "parttime",
                    "department": centre.record_id,
                },
            )
    monkeypatch.setenv("MAMORI_PASSPHRASE", PASSPHRASE)
    return path


def roster_xlsx(path: Path, rows=ROWS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "受講者名簿"
    sheet.append([TITLE])
    sheet.merge_cells("A1:H1")
    sheet.append(["作成：令和8年6月30日　人事教育部"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def run(ws_path: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = run_command(build_parser().parse_args(["--workspace", str(ws_path), *args]))
    out, err = capsys.readouterr()
    return code, out, err


def table_counts(ws_path: Path) -> dict[str, int]:
    with Workspace.open(ws_path, PASSPHRASE) as workspace:
        conn = workspace.conn
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("person", "training_session", "training_attendance", "audit_log")
        }


def test_a_department_roster_goes_in_with_the_right_people_dates_and_scores(
    ws_path, tmp_path, capsys
) -> None:
    file = roster_xlsx(tmp_path / "roster.xlsx")
    code, out, err = run(ws_path, "import-roster", str(file), "--json", capsys=capsys)
    assert err == ""
    assert code == 0
    summary = json.loads(out)
    assert summary["written"] is True
    assert summary["rows_read"] == 4
    assert summary["counts"]["people_matched"] == 3
    assert summary["counts"]["people_created"] == 1
    assert summary["created"]["people_created"] == ["00099 山﨑 健一"]
    assert summary["counts"]["attendance_added"] == 4
    assert summary["counts"]["sessions_created"] == 2  # 6/10 and 6/11
    with Workspace.open(ws_path, PASSPHRASE) as workspace:
        rows = workspace.conn.execute(
            "SELECT p.staff_no, s.held_on, a.status, a.score, a.passed FROM training_attendance a "
            "JOIN person p ON p.id = a.person_id JOIN training_session s ON s.id = a.session_id "
            "ORDER BY p.staff_no"
        ).fetchall()
        programme = workspace.conn.execute(
            "SELECT fiscal_year, title FROM training_programme"
        ).fetchall()
    assert rows == [
        ("00012", "2026-06-10", "attended", 90, 1),
        ("00013", "2026-06-10", "attended", 70, 0),
        ("00014", "2026-06-11", "absent", None, None),
        ("00099", "2026-06-11", "attended", 85, 1),
    ]
    assert programme == [(2026, "年次個人情報保護教育")]


def test_importing_the_same_roster_again_adds_nothing(ws_path, tmp_path, capsys) -> None:
    file = roster_xlsx(tmp_path / "roster.xlsx")
    assert run(ws_path, "import-roster", str(file), capsys=capsys)[0] == 0
    before = table_counts(ws_path)
    code, out, _err = run(ws_path, "import-roster", str(file), "--json", capsys=capsys)
    assert code == 0
    assert json.loads(out)["counts"]["duplicates_skipped"] == 4
    after = table_counts(ws_path)
    assert after["training_attendance"] == before["training_attendance"]
    assert after["person"] == before["person"]


def test_an_error_row_writes_nothing_and_names_row_column_and_value(
    ws_path, tmp_path, capsys
) -> None:
    bad = [*ROWS, [5, "00015", "鈴木 一", "本部", "6/31", "年次個人情報保護教育", "受講", 80]]
    file = roster_xlsx(tmp_path / "bad.xlsx", bad)
    before = table_counts(ws_path)
    code, out, _err = run(ws_path, "import-roster", str(file), capsys=capsys)
    assert code == 1
    assert "bad.xlsx, row 9, column “受講日” (“6/31”)" in out
    assert "Nothing was written" in out
    assert table_counts(ws_path) == before
    code, out, _err = run(
        ws_path, "import-roster", str(file), "--skip-invalid", "--json", capsys=capsys
    )
    assert code == 0
    summary = json.loads(out)
    assert summary["counts"]["invalid_skipped"] == 1
    assert summary["counts"]["attendance_added"] == 4
    assert summary["errors"][0]["row"] == 9


def test_dry_run_checks_and_writes_nothing(ws_path, tmp_path, capsys) -> None:
    file = roster_xlsx(tmp_path / "roster.xlsx")
    before = table_counts(ws_path)
    code, out, _err = run(ws_path, "import-roster", str(file), "--dry-run", capsys=capsys)
    assert code == 0
    assert "Attendance records added: 4" in out
    assert "nothing was written" in out
    assert table_counts(ws_path) == before


def test_a_shift_jis_csv_from_an_e_learning_vendor(ws_path, tmp_path, capsys) -> None:
    lines = [
        "社員番号,姓,名,コース名,完了日,合否,得点",
        "00012,山田,花子,年次個人情報保護教育,2026-07-01,合格,100",
        "00013,髙橋,美咲,年次個人情報保護教育,2026-07-01,不合格,60",
        "00016,山﨑,①太郎,年次個人情報保護教育,2026-07-02,合格,90",
    ]
    file = tmp_path / "elearning.csv"
    file.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    code, out, err = run(
        ws_path,
        "import-roster",
        str(file),
        "--map",
        "held_on=完了日",
        "--json",
        capsys=capsys,
    )
    assert err == ""
    assert code == 0, out
    summary = json.loads(out)
    assert summary["created"]["people_created"] == ["00016 山﨑 ①太郎"]
    with Workspace.open(ws_path, PASSPHRASE) as workspace:
        passed = dict(
            workspace.conn.execute(
                "SELECT p.name, a.passed FROM training_attendance a JOIN person p "
                "ON p.id = a.person_id"
            )
        )
    assert passed == {"山田 花子": 1, "髙橋 美咲": 0, "山﨑 ①太郎": 1}


def test_a_password_protected_roster(ws_path, tmp_path, capsys, monkeypatch) -> None:
    plain = roster_xlsx(tmp_path / "plain.xlsx")
    protected = tmp_path / "protected.xlsx"
    with plain.open("rb") as source, protected.open("wb") as target:
        OOXMLFile(source).encrypt("kouhoku-2026", target)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: nobody to ask
    code, _out, err = run(ws_path, "import-roster", str(protected), capsys=capsys)
    assert code == 1
    assert "protected by a password" in err
    assert len(err.strip().splitlines()) == 1
    monkeypatch.setenv("MAMORI_FILE_PASSWORD", "wrong")
    code, _out, err = run(ws_path, "import-roster", str(protected), capsys=capsys)
    assert code == 1
    assert "password" in err.lower()
    monkeypatch.setenv("MAMORI_FILE_PASSWORD", "kouhoku-2026")
    code, out, _err = run(ws_path, "import-roster", str(protected), "--json", capsys=capsys)
    assert code == 0
    assert json.loads(out)["counts"]["attendance_added"] == 4


def test_files_that_cannot_be_used_fail_with_one_line(ws_path, tmp_path, capsys) -> None:
    not_a_sheet = tmp_path / "photo.xlsx"
    not_a_sheet.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    no_columns = tmp_path / "memo.csv"
    no_columns.write_text("買い物メモ\n牛乳\n卵\n", encoding="utf-8")
    before = table_counts(ws_path)
    for file in (not_a_sheet, empty, no_columns, tmp_path / "missing.xlsx"):
        code, out, err = run(ws_path, "import-roster", str(file), capsys=capsys)
        assert code == 1, file
        assert out == ""
        assert len(err.strip().splitlines()) == 1, err
        assert file.name in err
        assert "Traceback" not in err
    assert table_counts(ws_path) == before


def test_import_people_into_a_register(ws_path, tmp_path, capsys) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["職員名簿"])
    sheet.append([])
    sheet.append(["社員番号", "氏名", "フリガナ", "所属", "雇用形態", "入社日"])
    sheet.append(["00200", "中村 和子", "ナカムラ カズコ", "DC-KH", "正職員", "平成30年4月1日"])
    book.save(tmp_path / "people.xlsx")
    code, out, _err = run(
        ws_path, "import", "people", str(tmp_path / "people.xlsx"), "--json", capsys=capsys
    )
    assert code == 0, out
    with Workspace.open(ws_path, PASSPHRASE) as workspace:
        row = workspace.conn.execute(
            "SELECT name, hire_date, employment_type FROM person WHERE staff_no = '00200'"
        ).fetchone()
    assert row == ("中村 和子", "2018-04-01", "regular")
