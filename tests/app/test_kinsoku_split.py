"""A kinsoku paragraph that does not fit the rest of a page splits across the page break (a long
KPI footnote at the bottom of a chapter did: the part after the break has no source text)."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate, Spacer

from reports.fonts import register_japanese_font
from reports.linebreak import KinsokuParagraph


def test_a_long_paragraph_splits_across_a_page_break() -> None:
    font = register_japanese_font()
    style = ParagraphStyle("Footnote", fontName=font, fontSize=7.5, leading=10)
    text = (
        "<b><i>" + "匿名加工情報の項目を作成から30日を超えて公表したもの。" * 40 + "</i></b>"
    )  # as footnotes
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4)
    height = A4[1] - document.topMargin - document.bottomMargin
    document.build([Spacer(1, height - 80), KinsokuParagraph(text, style)])
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert len(reader.pages) == 2
    printed = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert printed.count("匿名加工情報") == 40
