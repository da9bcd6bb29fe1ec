"""The board report's PDF and Excel renderers (reports/pdf_report.py, reports/xlsx_report.py)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest
from pypdf import PdfReader

from app.board.snapshot import Chart, Kpi, Section, Snapshot, Table
from app.i18n import gettext_in
from reports.fonts import FONT_NAME
from reports.pdf_report import write_pdf
from reports.xlsx_report import write_xlsx

HOSTILE = "<font size=40>big</font> <img src='/etc/passwd'/> &amp; =HYPERLINK(\"x\")"
FORMULAS = ["=1+2", "+CMD|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def _snapshot(language: str = "ja", appendix_rows: int = 12) -> Snapshot:
    people = [
        [f"S{i:05d}", "宅配事業部", "パート", "2026-05-01", i % 3 != 0, 70 + i % 30]
        for i in range(appendix_rows)
    ]
    return Snapshot(
        organisation="みらい生活協同組合",
        period_start="2026-03-21",
        period_end="2027-03-20",
        period_label="2026年度（2026年3月21日〜2027年3月20日）",
        language=language,
        generated_at="2027-04-10T09:30:00",
        author="山田 花子",
        app_version="1.4.0",
        sections=[
            Section(
                "training",
                "教育・啓発",
                "年次教育の修了率は93.1%です。",
                kpis=[
                    Kpi("年次教育の修了率", 93.1, "%", "≥ 95%", "watch", "修了者 ÷ 対象者", 96.2),
                    Kpi("未受講者", 41, "人", "0人", "bad", "未修了の対象者", 22),
                    Kpi(HOSTILE, 3, "件", "", "good", HOSTILE),
                ],
                charts=[
                    Chart(
                        "bar",
                        "雇用区分別の修了率",
                        ["正職員", "パート"],
                        [0.99, 0.81],
                        percent=True,
                    ),
                    Chart(
                        "heatmap",
                        "固有リスク",
                        matrix=[[1, 2], [3, 4]],
                        axis_labels=["発生可能性", "影響度"],
                    ),
                ],
                tables=[
                    Table(
                        "部署別",
                        ["部署", "対象者", "修了率", "平均点", "期限"],
                        [
                            ["本部総務部", 120, 0.975, 88.25, "2026-09-30"],
                            [HOSTILE, 7, 0.5, 61.0, "2026-10-01"],
                            *[[text, 1, 0.1, 1.5, None] for text in FORMULAS],
                        ],
                        ["text", "int", "percent", "float", "date"],
                    )
                ],
                appendix=[
                    Table(
                        "受講状況一覧",
                        ["職員番号", "部署", "雇用区分", "受講日", "修了", "点数"],
                        people,
                        ["text", "text", "text", "date", "text", "int"],
                    )
                ],
            ),
            Section("incidents", "事故・インシデント", "", empty="登録された事故はありません。"),
        ],
        narrative={"training": "店舗での短時間教育を提案します。"},
    )


def _pages(path: Path, password: str | None = None) -> list[str]:
    reader = PdfReader(path)
    if password is not None:
        reader.decrypt(password)
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pdf(_snapshot(appendix_rows=120), tmp_path_factory.mktemp("pdf") / "report.pdf")


def test_pdf_text_has_headings_figures_pages_and_hash(pdf: Path) -> None:
    pages = _pages(pdf)
    full = "\n".join(pages)
    snapshot = _snapshot(appendix_rows=120)
    for message in (
        "Table of contents",
        "Executive summary",
        "Appendix",
        "Confidential: handle with care",
    ):
        assert gettext_in("ja", message) in full
    for expected in (
        "みらい生活協同組合",
        "教育・啓発",
        "事故・インシデント",
        "登録された事故はありません。",
        "93.1%",
        "41人",
        "96.2%",
        "店舗での短時間教育を提案します。",
        snapshot.short_hash,
    ):
        assert expected in full, expected
    page_text = gettext_in("ja", "page {n} / {total}")
    assert page_text.format(n=1, total=len(pages)) in pages[0]
    assert page_text.format(n=len(pages), total=len(pages)) in pages[-1]


def test_pdf_embeds_the_japanese_font_as_a_subset(pdf: Path) -> None:
    data = pdf.read_bytes()
    assert b"/FontFile2" in data
    reader = PdfReader(pdf)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any(re.fullmatch(rf"/?[A-Z]{{6}}\+{FONT_NAME}", name) for name in fonts), fonts
    # reportlab always lists Helvetica (F1) in the resources; no text is set in it.


def test_hostile_text_prints_literally_and_loads_no_image(pdf: Path) -> None:
    full = "".join(_pages(pdf)).replace("\n", "")
    assert "<img src='/etc/passwd'/>" in full
    assert "<font size=40>big</font>" in full
    assert "&amp;" in full
    for page in PdfReader(pdf).pages:
        xobjects = page["/Resources"].get("/XObject")
        if xobjects:
            for item in xobjects.values():
                assert item.get_object()["/Subtype"] != "/Image"


def test_appendix_header_repeats_on_every_page(pdf: Path) -> None:
    pages = _pages(pdf)
    start = next(i for i, p in enumerate(pages) if "S00000" in p)
    appendix = [p for p in pages[start:] if re.search(r"S\d{5}", p)]
    assert len(appendix) >= 2  # 120 rows span pages
    for page in appendix:
        assert "職員番号" in page and "受講日" in page
    rows = {m for p in appendix for m in re.findall(r"S\d{5}", p)}
    assert rows == {f"S{i:05d}" for i in range(120)}  # none lost at a page break


def test_pdf_same_snapshot_same_text(tmp_path: Path) -> None:
    one = write_pdf(_snapshot(), tmp_path / "one.pdf")
    later = replace(_snapshot(), generated_at="2027-04-11T10:00:00")
    two = write_pdf(later, tmp_path / "two.pdf")
    strip = lambda pages: [re.sub(r"2027/04/1\d \d\d:\d\d", "", p) for p in pages]  # noqa: E731
    assert strip(_pages(one)) == strip(_pages(two))
    assert _snapshot().content_hash() == later.content_hash()


def test_english_report(tmp_path: Path) -> None:
    pages = _pages(write_pdf(_snapshot("en"), tmp_path / "en.pdf"))
    assert "Executive summary" in pages[2] or "Executive summary" in "".join(pages)
    assert "page 1 / " in pages[0]


def test_pdf_password_uses_aes_256(tmp_path: Path) -> None:
    path = write_pdf(_snapshot(), tmp_path / "locked.pdf", password="correct horse")
    reader = PdfReader(path)
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6
    assert not reader.decrypt("wrong")
    assert "教育・啓発" in "".join(_pages(path, "correct horse"))


def test_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    import app.atomic

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(app.atomic.os, "replace", boom)
    with pytest.raises(OSError):
        write_pdf(_snapshot(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


# --- Excel ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_xlsx(_snapshot(), tmp_path_factory.mktemp("xlsx") / "report.xlsx")


def _find(sheet, value):  # type: ignore[no-untyped-def]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not found in {sheet.title}")


def test_xlsx_sheets_and_summary(xlsx: Path) -> None:
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[0] == gettext_in("ja", "Summary")
    assert "1 教育・啓発" in book.sheetnames and "2 事故・インシデント" in book.sheetnames
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in book.sheetnames)
    summary = book.worksheets[0]
    assert _find(summary, _snapshot().short_hash)
    indicators = book[gettext_in("ja", "Indicators")]
    value = _find(indicators, "年次教育の修了率").offset(column=1)
    assert value.value == pytest.approx(0.931) and "%" in value.number_format
    target = _find(indicators, "年次教育の修了率").offset(column=3)
    assert target.value == pytest.approx(0.95) and "≥" in target.number_format
    status = _find(indicators, gettext_in("ja", "Off target"))
    assert status.fill.fgColor.rgb.endswith("FFCDD2")


def test_xlsx_types_and_formats(xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(xlsx)["1 教育・啓発"]
    first = _find(sheet, "本部総務部")
    count, share, mean, due = (first.offset(column=i) for i in range(1, 5))
    assert count.value == 120 and isinstance(count.value, int)
    assert share.value == pytest.approx(0.975) and "%" in share.number_format
    assert mean.value == pytest.approx(88.25) and isinstance(mean.value, float)
    assert isinstance(due.value, datetime) and due.value.date() == date(2026, 9, 30)
    assert due.number_format == "yyyy/mm/dd"
    assert sheet.freeze_panes is not None and sheet.auto_filter.ref
    appendix = openpyxl.load_workbook(xlsx).worksheets[-1]
    assert appendix.freeze_panes == "A5" and appendix.auto_filter.ref.startswith("A4:F")


def test_xlsx_formula_looking_text_stays_text(xlsx: Path) -> None:
    import zipfile

    sheet = openpyxl.load_workbook(xlsx)["1 教育・啓発"]
    for text in [*FORMULAS, HOSTILE]:
        cell = _find(sheet, text.replace("\r", "\n"))  # line breaks are stored as LF
        assert cell.data_type == "s"
    with zipfile.ZipFile(xlsx) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_xlsx_column_widths_count_wide_characters_double(xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(xlsx).worksheets[-1]
    assert sheet.column_dimensions["B"].width >= 12  # 宅配事業部: five wide characters


def test_xlsx_password(tmp_path: Path) -> None:
    path = write_xlsx(_snapshot(), tmp_path / "locked.xlsx", password="correct horse")
    assert path.read_bytes()[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    office = msoffcrypto.OfficeFile(io.BytesIO(path.read_bytes()))
    assert office.is_encrypted()
    office.load_key(password="correct horse")
    plain = io.BytesIO()
    office.decrypt(plain)
    assert "1 教育・啓発" in openpyxl.load_workbook(plain).sheetnames


def test_long_and_duplicate_sheet_names(tmp_path: Path) -> None:
    long = "とても長いセクションの題名/記号[]:*?を含む" * 3
    snapshot = replace(
        _snapshot(),
        sections=[Section("a", long, "s"), Section("b", long, "s")],
    )
    names = openpyxl.load_workbook(write_xlsx(snapshot, tmp_path / "n.xlsx")).sheetnames
    assert len(set(names)) == 4  # summary, indicators and the two chapters
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
