"""The demo's board report as a board member gets it: PDF navigation, summary, minimisation,
archival metadata and the printable workbook — all read back from the real files."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from app.board.generate import generate_report
from app.board.report import build_snapshot, fiscal_year_period
from app.board.sections import PLANNED_CHAPTERS
from app.storage.audit import iter_entries
from main import REPORT_RENDERERS

TODAY = date(2026, 11, 25)
NOT_RECORDED = "Mamori ではまだ記録していません"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace

    folder = tmp_path_factory.mktemp("board")
    workspace = build_demo_workspace(folder / "demo.mamori", DEMO_PASSPHRASE, today=TODAY)
    yield workspace, folder
    workspace.close()


@pytest.fixture(scope="module")
def files(demo):
    workspace, folder = demo
    conn = workspace.conn
    snapshot = build_snapshot(conn, fiscal_year_period(conn, 2026, "ja"), today=TODAY)
    _built, generated = generate_report(
        conn, snapshot, ("pdf", "xlsx"), REPORT_RENDERERS, folder=folder / "out", save=False
    )
    pdf, xlsx = generated.paths
    return snapshot, pdf, xlsx


def _names(conn) -> list[str]:
    return [row[0] for row in conn.execute("SELECT name FROM person WHERE name IS NOT NULL")]


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return found


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_bookmark_and_contents_entry_opens_its_page(files) -> None:
    _snapshot, pdf, _xlsx = files
    reader = PdfReader(pdf)
    pages = [_squash(page.extract_text()) for page in reader.pages]
    outline = _outline(reader)
    assert len(outline) >= 15  # summary, 13 chapters, appendix and its tables
    assert len({page for _title, page in outline}) > 5  # not everything on page 1
    for title, page in outline:
        assert _squash(title) in pages[page], f"bookmark {title!r} opens page {page + 1}"
    contents = reader.pages[1]
    links = [a.get_object() for a in contents.get("/Annots", [])]
    targets = [reader.get_page_number(a["/Dest"][0].get_object()) for a in links]
    assert len(targets) >= len(outline)
    assert all(a["/F"] == 4 for a in links)  # printable, as PDF/A asks
    assert sorted(set(targets)) == sorted({page for _title, page in outline})


def test_summary_is_an_assessment_on_at_most_two_pages(files) -> None:
    snapshot, pdf, _xlsx = files
    reader = PdfReader(pdf)
    outline = dict(_outline(reader))
    start, first_chapter = outline["総括"], outline["1. 体制と役割"]
    assert first_chapter - start <= 2
    summary = _squash(
        "".join(reader.pages[p].extract_text() for p in range(start, first_chapter + 1))
    )
    assert snapshot.assessment is not None and snapshot.assessment.status == "bad"
    for text in ("総合評価", "判定方法", "期間中の重要事象", "理事会への付議事項", "決議案"):
        assert text in summary
    decision = snapshot.decisions[0]
    assert decision.kind == "risk_treatment" and _squash(decision.resolution) in summary


def test_chapters_8_to_15_say_they_are_not_recorded(files) -> None:
    snapshot, pdf, _xlsx = files
    text = _squash("".join(page.extract_text() for page in PdfReader(pdf).pages))
    placeholders = [s for s in snapshot.sections if not s.recorded]
    recorded = {s.key for s in snapshot.sections if s.recorded}
    assert [s.key for s in placeholders] == [
        key for _o, key, _t in PLANNED_CHAPTERS if key not in recorded
    ]
    assert "contractors" in recorded  # chapter 8 is filled by the contractor area
    for section in placeholders:
        assert _squash(section.title) in text
    assert text.count(_squash(NOT_RECORDED)) >= len(placeholders)


def test_no_personal_names_by_default(demo, files) -> None:
    workspace, _folder = demo
    snapshot, pdf, xlsx = files
    names = [n for n in _names(workspace.conn) if n != snapshot.author]
    text = _squash("".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert [n for n in names if _squash(n) in text] == []
    book = openpyxl.load_workbook(xlsx)
    cells = {str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value}
    assert [n for n in names if any(n in cell for cell in cells)] == []


def test_named_annex_is_explicit_and_audited(demo, tmp_path: Path) -> None:
    workspace, _folder = demo
    conn = workspace.conn
    period = fiscal_year_period(conn, 2026, "ja")
    snapshot = build_snapshot(conn, period, today=TODAY, named_annex=True)
    _s, generated = generate_report(
        conn, snapshot, ("pdf",), REPORT_RENDERERS, folder=tmp_path, save=False
    )
    text = "".join(page.extract_text() for page in PdfReader(generated.paths[0]).pages)
    assert "氏名入り付録" in text
    named = {n for n in _names(conn) if n in text}
    assert len(named) > 10
    entry = list(iter_entries(conn))[-1]
    assert entry.action == "export" and entry.register == "board_reports"
    detail = json.loads(entry.detail)
    assert detail["named_annex"] is True and detail["saved"] is False


def test_pdf_is_archival(files) -> None:
    snapshot, pdf, _xlsx = files
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ja-JP"
    info = reader.metadata
    assert info.title.startswith("理事会 個人情報保護報告書") and info.author == snapshot.author
    assert info.creation_date.year == datetime.fromisoformat(snapshot.generated_at).year
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in raw and "<pdfaid:conformance>B" in raw
    assert xmp.dc_title["x-default"] == info.title
    (intent,) = root["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object().get_data()
    assert profile[36:40] == b"acsp"  # an ICC profile
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts.add(font["/BaseFont"])
            assert "/FontFile2" in font["/FontDescriptor"], f"{font['/BaseFont']} not embedded"
    assert fonts and all("IPAexGothic" in name for name in fonts)


def test_workbook_prints_with_page_setup_and_chart_data(files) -> None:
    snapshot, _pdf, xlsx = files
    book = openpyxl.load_workbook(xlsx)
    for sheet in book:
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddHeader.right.text == "取扱注意"
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
    appendix = next(ws for ws in book if ws.title.startswith("付録"))
    assert appendix.print_title_rows == "$4:$4"
    assert any(ws.page_setup.orientation == "landscape" for ws in book)
    summary = book.worksheets[0]
    issued = next(row[1] for row in summary.iter_rows(values_only=True) if row[0] == "作成日")
    assert isinstance(issued, datetime)
    indicators = book["指標一覧"]
    targets = [row[4] for row in indicators.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(value, float) for value in targets)  # "≥ 95%" kept as 0.95
    numbers = [c.value for ws in book for row in ws.iter_rows() for c in row
               if isinstance(c.value, float)]  # fmt: skip
    assert all(len(repr(value)) < 12 for value in numbers), "float noise"
    risk = next(ws for ws in book if "リスク" in ws.title and ws.title[0].isdigit())
    coloured = [c for row in risk.iter_rows() for c in row
                if isinstance(c.value, int) and c.fill.fgColor.rgb not in (None, "00000000")]  # fmt: skip
    heat = snapshot.section("risk").charts
    assert len(coloured) >= 2 * 9 and sum(map(sum, heat[0].matrix)) > 0
    assets = next(ws for ws in book if "保有状況" in ws.title)
    labels = [c.value for row in assets.iter_rows() for c in row]
    assert snapshot.section("assets").charts[0].labels[0] in labels  # media mix data


def test_kpi_update_is_shorter(demo, files, tmp_path: Path) -> None:
    workspace, _folder = demo
    _snapshot, pdf, _xlsx = files
    conn = workspace.conn
    from app.board.report import date_range_period

    half = date_range_period(conn, date(2026, 3, 21), date(2026, 9, 20), "ja")
    short = build_snapshot(conn, half, today=TODAY, variant="kpi_update")
    assert all(not s.tables and not s.appendix and not s.charts for s in short.sections)
    _s, generated = generate_report(
        conn, short, ("pdf",), REPORT_RENDERERS, folder=tmp_path, save=False
    )
    reader = PdfReader(generated.paths[0])
    assert len(reader.pages) <= len(PdfReader(pdf).pages) / 2
    assert "付録" not in "".join(page.extract_text() for page in reader.pages)
    assert reader.metadata.title.startswith("理事会 KPI 報告書")
    assert generated.paths[0].name.startswith("KPI報告_2026-03-21_2026-09-20_")
