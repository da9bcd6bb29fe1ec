"""Control characters and bidi overrides never reach a terminal, a CSV, a workbook or a PDF raw,
and never enter the workspace through an import; full-width formula prefixes are neutralised."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from app.areas.organisation.registers import PEOPLE
from app.cli import EXIT_OK, build_parser, run_command
from app.registers.export import export_register
from app.registers.records import create_record
from app.storage.workspace import Workspace
from app.text import formula_safe, make_visible, strip_controls

HOSTILE = "山田\x00花子\x1b]0;pwned\x07\x1b[2J\u202egnp.exe\x7f\x85"


def test_strip_and_make_visible() -> None:
    assert strip_controls(HOSTILE) == "山田花子]0;pwned[2Jgnp.exe"
    assert strip_controls("一行目\n二行目\tタブ\r\n") == "一行目\n二行目\tタブ\r\n"
    shown = make_visible(HOSTILE)
    assert "\x1b" not in shown and "\u202e" not in shown and "\x00" not in shown
    assert "\\x1b]0;pwned\\x07\\x1b[2J<U+202E>gnp.exe" in shown
    assert make_visible("改行\nは残る\tタブも") == "改行\nは残る\tタブも"


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r"])
def test_formula_prefixes_including_full_width(prefix: str) -> None:
    assert formula_safe(f'{prefix}HYPERLINK("http://x")').startswith("'")
    assert formula_safe("山田") == "山田"


@pytest.fixture
def hostile_person(workspace: Workspace) -> Workspace:
    # Typed input is not an import boundary; a record holding such text must still export safely.
    create_record(
        workspace.conn,
        PEOPLE,
        {"staff_no": "00666", "name": HOSTILE, "employment_type": "regular"},
    )
    create_record(
        workspace.conn,
        PEOPLE,
        {"staff_no": "00667", "name": "＝1+1", "employment_type": "regular"},
    )
    return workspace


def test_csv_and_xlsx_exports_are_clean(hostile_person: Workspace, tmp_path: Path) -> None:
    export_register(hostile_person.conn, PEOPLE, "csv", tmp_path / "p.csv")
    text = (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    assert not any(char in text for char in "\x00\x1b\x07\u202e\x7f\x85")
    rows = list(csv.reader(text.splitlines()))
    assert "山田花子]0;pwned[2Jgnp.exe" in rows[1]
    assert "'=1+1" in rows[2]  # typed full-width ＝ is folded to = on input, then neutralised
    export_register(hostile_person.conn, PEOPLE, "xlsx", tmp_path / "p.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx").active
    values = [cell.value for cell in sheet[2]]
    assert "山田花子]0;pwned[2Jgnp.exe" in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_cli_output_shows_control_characters_visibly(
    hostile_person: Workspace,
    passphrase: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MAMORI_PASSPHRASE", passphrase)
    path = hostile_person.path
    hostile_person.conn.execute(
        "UPDATE organisation SET name = ?", ("\x1b]0;retitled\x07\x1b[2J生協\u202e",)
    )
    hostile_person.close()
    code = run_command(
        build_parser().parse_args(["--lang", "en", "--workspace", str(path), "verify"])
    )
    assert code != EXIT_OK  # the change outside Mamori is reported, with the name in it...
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out  # ...but never raw
    assert "retitled" in out


def test_import_strips_control_characters(
    workspace: Workspace, passphrase: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An xlsx cell can carry NUL, ESC and bidi overrides (xlsxwriter stores them as _x001B_)."""
    path = tmp_path / "people.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["職員番号", "氏名", "雇用形態"])
    sheet.write_row(1, 0, ["00777", "佐藤\x00\x1b[31m一郎\u202e\x7f", "正職員"])
    book.close()
    workspace_path = workspace.path
    workspace.close()
    monkeypatch.setenv("MAMORI_PASSPHRASE", passphrase)
    argv = ["--lang", "en", "--workspace", str(workspace_path), "import", "people", str(path)]
    assert run_command(build_parser().parse_args(argv)) == EXIT_OK
    with Workspace.open(workspace_path, passphrase) as ws:
        name = ws.conn.execute("SELECT name FROM person WHERE staff_no = '00777'").fetchone()[0]
    assert name == "佐藤[31m一郎"


def test_report_text_drops_bidi_overrides_and_controls() -> None:
    """Every string of the board report PDF and workbook passes through ``clean``."""
    from reports.report_common import clean

    assert clean("理事会\u202e報告\x1b[2J\u2066") == "理事会報告[2J"
