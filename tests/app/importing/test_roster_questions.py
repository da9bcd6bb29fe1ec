"""What issue 12 asked of ``import-roster``, file by file: values people write, unknown values as
questions (--map-value, --add-values) remembered per layout, workbooks with covers and several
department sheets, repeats written with full-width digits and spaces, re-imports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.cli import build_parser, run_command
from app.storage.audit import verify_chain
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE

HEADINGS = ["職員番号", "氏名", "所属", "雇用区分", "研修名", "受講日"]
COURSE = "年次個人情報保護研修"


@pytest.fixture
def ws_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "w.mamori"
    Workspace.create(path, PASSPHRASE).close()
    monkeypatch.setenv("MAMORI_PASSPHRASE", PASSPHRASE)
    return path


def run(ws_path: Path, *args: str, capsys) -> tuple[int, dict]:
    code = run_command(build_parser().parse_args(["--workspace", str(ws_path), *args, "--json"]))
    out, err = capsys.readouterr()
    assert err == ""
    return code, json.loads(out)


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    first = True
    for name, rows in sheets.items():
        sheet = book.active if first else book.create_sheet(name)
        assert sheet is not None
        sheet.title = name
        first = False
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def stored(ws_path: Path, sql: str) -> list[tuple]:
    with Workspace.open(ws_path, PASSPHRASE) as workspace:
        return workspace.conn.execute(sql).fetchall()


def test_forty_rows_with_employment_types_as_co_ops_write_them(ws_path, tmp_path, capsys):
    written = ["正規職員", "パート職員", "派遣職員", "嘱託職員", "臨時職員", "パートタイマー",
               "正社員", "ｱﾙﾊﾞｲﾄ"]  # fmt: skip
    rows = [
        [f"{n:05d}", f"職員 {n}", "本部", written[n % len(written)], COURSE, date(2026, 6, 10)]
        for n in range(1, 41)
    ]
    file = workbook(tmp_path / "roster.xlsx", {"名簿": [HEADINGS, *rows]})
    code, summary = run(ws_path, "import-roster", str(file), "--skip-invalid", capsys=capsys)
    assert code == 0 and summary["counts"]["attendance_added"] == 40
    assert [u["value"] for u in summary["unknown_values"]] == []  # 本部 was learned: no others
    types = dict(stored(ws_path, "SELECT employment_type, count(*) FROM person GROUP BY 1"))
    assert types == {"regular": 10, "parttime": 10, "dispatched": 5, "contract": 5,
                     "temporary": 5, "arbeit": 5}  # fmt: skip


def test_unknown_values_are_counted_mapped_added_and_remembered(ws_path, tmp_path, capsys):
    rows = [
        ["00001", "甲 一", "本部", "シニア職員", COURSE, date(2026, 6, 10)],
        ["00002", "乙 二", "本部", "シニア職員", COURSE, date(2026, 6, 10)],
        ["00003", "丙 三", "本部", "研修生", COURSE, date(2026, 6, 10)],
    ]
    file = workbook(tmp_path / "roster.xlsx", {"名簿": [HEADINGS, *rows]})
    code, summary = run(ws_path, "import-roster", str(file), "--dry-run", capsys=capsys)
    assert code == 0  # an unknown person attribute is a warning, not an error
    assert [(u["column"], u["value"], u["rows"]) for u in summary["unknown_values"]] == [
        ("雇用区分", "シニア職員", 2),
        ("雇用区分", "研修生", 1),
    ]
    warning = summary["warnings"][0]
    assert (warning["row"], warning["column"], warning["value"]) == (2, "雇用区分", "シニア職員")

    code, summary = run(
        ws_path, "import-roster", str(file), "--map-value", "雇用区分:シニア=契約/嘱託",
        "--map-value", "employment_type:研修生=+", capsys=capsys,
    )  # fmt: skip
    assert code == 0 and summary["written"]
    types = dict(stored(ws_path, "SELECT staff_no, employment_type FROM person"))
    assert types["00001"] == types["00002"] == "contract"
    assert stored(ws_path, f"SELECT label_ja FROM catalogue_item WHERE code = '{types['00003']}'")[
        0
    ] == ("研修生",)
    # Next month's file, laid out alike: シニア職員 is read as before without being told.
    file2 = workbook(
        tmp_path / "next.xlsx",
        {"名簿": [HEADINGS, ["00004", "丁 四", "本部", "シニア職員", COURSE, date(2026, 7, 1)]]},
    )
    code, summary = run(ws_path, "import-roster", str(file2), capsys=capsys)
    assert code == 0 and summary["unknown_values"] == [] and summary["warnings"] == []
    assert stored(ws_path, "SELECT employment_type FROM person WHERE staff_no = '00004'") == [
        ("contract",)
    ]


def test_a_code_that_is_in_no_list_is_refused_naming_it(ws_path, tmp_path, capsys):
    file = workbook(tmp_path / "roster.xlsx", {"名簿": [HEADINGS, ["1", "甲", "本部", "x", COURSE,
                                                                   date(2026, 6, 10)]]})  # fmt: skip
    code = run_command(
        build_parser().parse_args(
            [
                "--workspace",
                str(ws_path),
                "import-roster",
                str(file),
                "--map-value",
                "雇用区分:x=社長",
            ]
        )
    )
    out, err = capsys.readouterr()
    assert code != 0 and "社長" in err + out and stored(ws_path, "SELECT * FROM person") == []


def test_add_values_puts_every_unknown_value_in_its_list(ws_path, tmp_path, capsys):
    rows = [["00001", "甲 一", "本部", "エルダー職員", COURSE, date(2026, 6, 10)]]
    file = workbook(tmp_path / "roster.xlsx", {"名簿": [HEADINGS, *rows]})
    code, _summary = run(ws_path, "import-roster", str(file), "--add-values", capsys=capsys)
    assert code == 0
    [(code_added, label)] = stored(
        ws_path,
        "SELECT i.code, i.label_ja FROM person p JOIN catalogue_item i ON i.code = "
        "p.employment_type JOIN catalogue c ON c.id = i.catalogue_id AND c.code = 'EMPLOYMENT_TYPE'",
    )
    assert label == "エルダー職員" and code_added.startswith("added_")


def test_a_cover_then_one_sheet_per_department(ws_path, tmp_path, capsys):
    heading = ["職員番号", "氏名", "雇用区分", "受講日", "受講状況"]
    file = workbook(
        tmp_path / "book.xlsx",
        {
            "表紙": [["令和8年度 個人情報保護研修 実施記録"], ["作成: 総務部"]],
            "北配送センター": [heading, ["00001", "甲 一", "パート", date(2026, 6, 10), "受講"]],
            "中央店": [heading[::-1], ["欠席", date(2026, 6, 11), "正職員", "乙 二", "00002"]],
            "集計": [["合計", 2]],
        },
    )
    code, summary = run(ws_path, "import-roster", str(file), "--programme", COURSE, capsys=capsys)
    assert code == 0, summary
    assert summary["sheets"] == ["北配送センター", "中央店"]
    rows = stored(
        ws_path,
        "SELECT p.staff_no, d.name, a.status FROM training_attendance a JOIN person p ON "
        "p.id = a.person_id LEFT JOIN department d ON d.id = p.department_id ORDER BY 1",
    )
    assert rows == [("00001", "北配送センター", "attended"), ("00002", "中央店", "absent")]


def test_repeats_in_full_width_are_one_record_and_a_reimport_adds_nothing(
    ws_path, tmp_path, capsys
):
    rows = [
        ["00012", "山田 花子", "本部", "パート", COURSE, "2026/6/10"],
        ["００１２", "山田\u3000花子", "本部", "パート", COURSE, "２０２６/６/１０"],
        ["00012", "山田　花子", "本部", "パート", "年次個人情報保護研修 ", date(2026, 6, 10)],
        ["00013", "髙橋 美咲", "本部", "正職員", COURSE, "2026/6/10"],
    ]
    rows[1][0] = "０００１２"
    file = workbook(tmp_path / "roster.xlsx", {"名簿": [HEADINGS, *rows]})
    code, summary = run(ws_path, "import-roster", str(file), capsys=capsys)
    assert code == 0
    assert summary["counts"]["attendance_added"] == 2
    assert summary["counts"]["duplicates_in_file"] == 2
    assert [w["row"] for w in summary["warnings"] if "repeats row 2" in w["message"]] == [3, 4]
    before = stored(ws_path, "SELECT count(*) FROM audit_log")
    code, summary = run(ws_path, "import-roster", str(file), capsys=capsys)
    assert summary["counts"]["attendance_added"] == 0
    assert summary["counts"]["duplicates_skipped"] == 2
    assert stored(ws_path, "SELECT count(*) FROM training_attendance") == [(2,)]
    assert stored(ws_path, "SELECT count(*) FROM audit_log")[0][0] == before[0][0] + 1  # the import
    with Workspace.open(ws_path, PASSPHRASE) as workspace:
        assert verify_chain(workspace.conn) == []


def test_a_column_headed_only_kubun_is_recognised_by_its_values(ws_path, tmp_path, capsys):
    heading = ["職員番号", "氏名", "雇用区分", "受講日", "区分"]
    rows = [
        ["00001", "甲 一", "正規職員", date(2026, 6, 12), "受講"],
        ["00002", "乙 二", "パート職員", date(2026, 6, 12), "受講"],
        ["00003", "丙 三", "パート職員", date(2026, 11, 20), "後日受講"],
    ]
    file = workbook(tmp_path / "r.xlsx", {"受講状況": [heading, *rows]})
    code, _summary = run(ws_path, "import-roster", str(file), "--programme", COURSE, capsys=capsys)
    assert code == 0
    assert stored(
        ws_path,
        "SELECT p.staff_no, p.employment_type, a.status FROM training_attendance a "
        "JOIN person p ON p.id = a.person_id ORDER BY 1",
    ) == [("00001", "regular", "attended"), ("00002", "parttime", "attended"),
          ("00003", "parttime", "makeup")]  # fmt: skip
