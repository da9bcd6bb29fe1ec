"""A corpus of bad inputs for every importer (registers and the training roster): malformed,
hostile, huge and wrongly encoded files, and bad command lines. Each goes through the real command
line against a real workspace; each must fail with its own clear message naming the file (and the
row and column where there is one), exit non-zero, and leave the workspace byte-identical."""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from app.cli import EXIT_OK, build_parser, run_command
from app.storage.workspace import Workspace
from tests.app.importing.import_helpers import build_xlsx, csv_text, rewrite_members

PASSPHRASE = "coral-lantern-meadow-42"
PEOPLE_HEAD = ["職員番号", "氏名", "雇用形態", "入社日"]
DEPT_HEAD = ["部署コード", "部署名"]
ROSTER_HEAD = ["職員番号", "氏名", "教育プログラム", "実施日", "得点"]
ASSET_HEAD = ["管理番号", "個人情報の名称", "管理部署"]


@dataclass(frozen=True)
class Case:
    name: str
    command: tuple[str, ...]  # after "--workspace WS"; {file} is the input's path
    build: Callable[[Path], Path]  # writes the input into the folder, returns its path
    expected: str  # a fragment of the message, {file} for the input's name
    file_password: str | None = None  # MAMORI_FILE_PASSWORD for the command


def text_file(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(text.encode(encoding))
        return path

    return build


def bytes_file(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def xlsx_file(name: str, rows: list[list[object]]) -> Callable[[Path], Path]:
    return lambda folder: build_xlsx(folder / name, rows)


def zip_bomb(folder: Path) -> Path:
    path = folder / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (32 * 1024 * 1024))
    return path


def far_cell(folder: Path) -> Path:
    """5 KB on disk; read blindly it would allocate 200,000 × 702 cells."""
    path = folder / "far.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(DEPT_HEAD)
    sheet["ZZ200000"] = "x"
    book.save(path)
    return path


def _with_doctype(folder: Path, name: str, doctype: bytes, entity: bytes) -> Path:
    """A workbook whose sheet declares ``doctype`` and uses ``entity`` in cell B2."""
    plain = build_xlsx(folder / f"plain-{name}", [DEPT_HEAD, ["D1", "総務"]])
    return (
        rewrite_members(
            plain,
            folder / name,
            sheet1=(b"<worksheet ", doctype + b"<worksheet "),
        )
        if entity == b""
        else _replace_cell(
            rewrite_members(
                plain, folder / f"dt-{name}", sheet1=(b"<worksheet ", doctype + b"<worksheet ")
            ),
            folder / name,
            entity,
        )
    )


def _replace_cell(path: Path, target: Path, entity: bytes) -> Path:
    return rewrite_members(path, target, sheet1=("総務".encode(), entity))


def billion_laughs(folder: Path) -> Path:
    entities = b"".join(
        f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10}">'.encode() for n in range(1, 10)
    )
    doctype = b'<!DOCTYPE worksheet [<!ENTITY l0 "lol">' + entities + b"]>"
    return _with_doctype(folder, "laughs.xlsx", doctype, b"&l9;")


def xxe(folder: Path) -> Path:
    doctype = b'<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    return _with_doctype(folder, "xxe.xlsx", doctype, b"&e;")


def protected(folder: Path) -> Path:
    plain = build_xlsx(folder / "plain-protected.xlsx", [DEPT_HEAD, ["D1", "総務"]])
    path = folder / "protected.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("secret-2025", target)
    return path


def folder_input(folder: Path) -> Path:
    path = folder / "a-folder.xlsx"
    path.mkdir()
    return path


def formula_without_result(folder: Path) -> Path:
    plain = build_xlsx(folder / "plain-formula.xlsx", [DEPT_HEAD, ["D1", "総務"]])
    with zipfile.ZipFile(plain) as old:
        sheet = old.read("xl/worksheets/sheet1.xml")
    start = sheet.index(b'<c r="B2"')
    end = sheet.index(b"</c>", start) + 4
    return rewrite_members(
        plain,
        folder / "formula.xlsx",
        sheet1=(sheet[start:end], b'<c r="B2"><f>A2&amp;"x"</f></c>'),
    )


def huge_text(folder: Path) -> Path:
    path = folder / "huge.csv"
    with path.open("wb") as handle:
        handle.write("部署コード,部署名\n".encode())
        handle.truncate(260 * 1024 * 1024)  # sparse: no disk used
    return path


REG = ("import", "departments", "{file}")
PEOPLE = ("import", "people", "{file}")
ASSETS = ("import", "assets", "{file}")
ROSTER = ("import-roster", "{file}")

CASES = [
    # --- not a spreadsheet at all
    Case("empty", REG, bytes_file("empty.csv", b""), "{file} is empty."),
    Case("blank-lines", ROSTER, bytes_file("blank.csv", b"\r\n \r\n"), "{file} is empty."),
    Case(
        "random-bytes",
        REG,
        bytes_file("noise.xlsx", bytes(range(256)) * 8),
        "{file} is not an Excel workbook, or it is damaged.",
    ),
    Case(
        "pdf", PEOPLE, bytes_file("scan.xlsx", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"), "a PDF document"
    ),
    Case("html-as-xls", REG, bytes_file("export.xls", b"<html><table><tr><td>1"), "a web page"),
    Case("truncated-zip", REG, bytes_file("cut.xlsx", b"PK\x03\x04 cut"), "or it is damaged"),
    Case(
        "broken-ole",
        PEOPLE,
        bytes_file("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        "or it is damaged",
    ),
    Case("other-zip", ASSETS, lambda f: _docx(f), "{file} is not a spreadsheet"),
    Case(
        "nul-in-csv",
        REG,
        bytes_file("nul.csv", "部署コード,部署名\nD1,総\x00務\n".encode()),
        "{file} is not a spreadsheet",
    ),
    # --- wrong encoding
    Case(
        "euc-jp",
        PEOPLE,
        text_file(
            "euc.csv",
            csv_text([PEOPLE_HEAD, ["00001", "山田 花子", "正職員", "2020/4/1"]]),
            "euc_jp",
        ),
        "{file} is not a spreadsheet: it is neither an Excel workbook nor a text (CSV) file in UTF-8, UTF-16 or Shift_JIS.",
    ),
    Case(
        "utf32",
        REG,
        text_file("u32.csv", csv_text([DEPT_HEAD, ["D1", "総務"]]), "utf-32"),
        "{file} is not a spreadsheet",
    ),
    # --- hostile or huge
    Case("zip-bomb", REG, zip_bomb, "{file} unpacks to far more data"),
    Case("far-away-cell", REG, far_cell, "{file}: a sheet spans 200,000 rows × 702 columns"),
    Case(
        "billion-laughs", REG, billion_laughs, "{file} is not an Excel workbook, or it is damaged."
    ),
    Case("xxe", REG, xxe, "{file} is not an Excel workbook, or it is damaged."),
    Case("huge-text", REG, huge_text, "{file} is 260 MB; Mamori imports spreadsheets up to 64 MB."),
    Case(
        "formula-no-result",
        REG,
        formula_without_result,
        "{file}, row 2, column “部署名”: is a formula whose result was never saved",
    ),
    # --- protected
    Case("password-needed", REG, protected, "{file} is protected by a password"),
    Case("password-wrong", REG, protected, "does not open {file}", file_password="wrong-guess"),
    # --- where the file is
    Case("missing", REG, lambda f: f / "nothere.csv", "nothere.csv does not exist."),
    Case("a-folder", REG, folder_input, "is a folder; choose a spreadsheet file inside it."),
    Case("dev-zero", REG, lambda f: Path("/dev/zero"), "/dev/zero is not a regular file"),
    # --- no usable headings
    Case(
        "no-headings-reg",
        REG,
        text_file("nohead.csv", "a,b\n1,2\n"),
        "no row looks like column headings for Departments",
    ),
    Case(
        "no-headings-roster",
        ROSTER,
        text_file("nohead-r.csv", "x,y\n1,2\n"),
        "no row looks like column headings for Training roster",
    ),
    Case(
        "no-headings-assets",
        ASSETS,
        text_file("nohead-a.csv", "x,y\n1,2\n"),
        "no row looks like column headings for",
    ),
    # --- rows with bad values: the file, row and column are named
    Case(
        "bad-date",
        PEOPLE,
        text_file(
            "date.csv", csv_text([PEOPLE_HEAD, ["00001", "山田 花子", "正職員", "2020/13/45"]])
        ),
        "{file}, row 2, column “入社日”",
    ),
    Case(
        "unknown-type",
        PEOPLE,
        text_file(
            "type.csv", csv_text([PEOPLE_HEAD, ["00001", "山田 花子", "宇宙飛行士", "2020/4/1"]])
        ),
        "{file}, row 2, column “雇用形態”",
    ),
    Case(
        "missing-name",
        PEOPLE,
        text_file("noname.csv", csv_text([PEOPLE_HEAD, ["00001", "", "正職員", "2020/4/1"]])),
        "{file}, row 2, column “氏名”: a value is required",
    ),
    Case(
        "duplicate-key-in-file",
        REG,
        text_file("dupkey.csv", csv_text([DEPT_HEAD, ["D1", "総務"], ["D1", "経理"]])),
        "{file}, row 3, column “部署コード” (“D1”): appears again (first in row 2)",
    ),
    Case(
        "roster-bad-score",
        ROSTER,
        text_file(
            "score.csv", csv_text([ROSTER_HEAD, ["00001", "山田", "年次教育", "2025/6/1", "百点"]])
        ),
        "{file}, row 2, column “得点”",
    ),
    Case(
        "roster-bad-date",
        ROSTER,
        text_file(
            "rdate.csv", csv_text([ROSTER_HEAD, ["00001", "山田", "年次教育", "いつか", "90"]])
        ),
        "{file}, row 2, column “実施日”",
    ),
    Case(
        "asset-unknown-dept",
        ASSETS,
        text_file("asset.csv", csv_text([ASSET_HEAD, ["A001", "組合員台帳", "存在しない部"]])),
        "{file}, row 2, column “管理部署”",
    ),
    Case(
        "roster-year-9999",
        ROSTER,
        text_file(
            "y9999.csv", csv_text([ROSTER_HEAD, ["00001", "山田", "年次教育", "9999/5/1", ""]])
        ),
        "{file}, row 2, column “実施日” (“9999-05-01”): falls in fiscal year 9999",
    ),
    Case(
        "roster-year-9999-dry-run",
        (*ROSTER, "--dry-run"),
        text_file(
            "y9999d.csv", csv_text([ROSTER_HEAD, ["00001", "山田", "年次教育", "9999/5/1", ""]])
        ),
        "{file}, row 2, column “実施日” (“9999-05-01”): falls in fiscal year 9999",
    ),
    Case(
        "repeated-heading",
        PEOPLE,
        text_file(
            "twice.csv",
            csv_text(
                [
                    ["職員番号", "氏名", "氏名", "雇用形態"],
                    ["00001", "山田 花子", "山田 太郎", "正職員"],
                ]
            ),
        ),
        "{file}, column “氏名”: columns B, C have the same heading “氏名”: choose which one",
    ),
    Case(
        "headings-only",
        PEOPLE,
        text_file("headonly.csv", csv_text([PEOPLE_HEAD])),
        "{file}: There are no rows under the headings in row 1: nothing to import.",
    ),
    # --- bad command lines
    Case(
        "map-to-a-column-past-the-end",
        (*PEOPLE, "--map", "name=ZZZ"),
        text_file("map.csv", csv_text([PEOPLE_HEAD, ["00001", "山田 花子", "正職員", "2020/4/1"]])),
        "There is no column ZZZ: the file's columns go from A to D (職員番号, 氏名, 雇用形態, 入社日).",
    ),
    Case(
        "unknown-register",
        ("import", "nosuch", "{file}"),
        text_file("x.csv", "a\n"),
        "There is no register called 'nosuch'",
    ),
    Case(
        "unknown-sheet",
        ("import", "departments", "{file}", "--sheet", "無い"),
        xlsx_file("sheets.xlsx", [DEPT_HEAD, ["D1", "総務"]]),
        "{file} has no sheet “無い”",
    ),
]


def _docx(folder: Path) -> Path:
    path = folder / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return path


@pytest.fixture(scope="module")
def corpus_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.mamori"
    os.environ.setdefault("MAMORI_HOME", str(path.parent / "home"))
    Workspace.create(path, PASSPHRASE, {"name": "コーパス生協"}).close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert {case.command[0] for case in CASES} == {"import", "import-roster"}
    assert {case.command[1] for case in CASES if case.command[0] == "import"} >= {
        "departments",
        "people",
        "assets",
    }


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_refused_with_its_message(
    case: Case,
    corpus_workspace: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("MAMORI_PASSPHRASE", PASSPHRASE)
    if case.file_password is None:
        monkeypatch.delenv("MAMORI_FILE_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("MAMORI_FILE_PASSWORD", case.file_password)
    source = case.build(tmp_path)
    before = digest(corpus_workspace)
    argv = [part.replace("{file}", str(source)) for part in case.command]
    code = run_command(
        build_parser().parse_args(["--lang", "en", "--workspace", str(corpus_workspace), *argv])
    )
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert code != EXIT_OK, text
    assert "Traceback" not in text and "unexpected error" not in text
    assert case.expected.replace("{file}", source.name) in text, text
    assert digest(corpus_workspace) == before  # nothing was written
