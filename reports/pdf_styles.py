"""Paragraph and table styles of the board report PDF: IPAexGothic throughout, teal brand colour."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from reports.report_common import BRAND, BRAND_LIGHT, INK, MUTED, RULE

PAGE_MARGIN_X = 20 * mm
PAGE_MARGIN_TOP = 24 * mm
PAGE_MARGIN_BOTTOM = 20 * mm

TEAL = colors.HexColor(BRAND)
TEAL_LIGHT = colors.HexColor(BRAND_LIGHT)
INK_COLOUR = colors.HexColor(INK)
MUTED_COLOUR = colors.HexColor(MUTED)
RULE_COLOUR = colors.HexColor(RULE)
ZEBRA = colors.HexColor("#F5F7F7")

CELL_FONT_SIZE = 8.0
CELL_PADDING = 3.0


@dataclass(frozen=True)
class Styles:
    font: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    cover_line: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h2_tight: ParagraphStyle
    bullet: ParagraphStyle
    resolution: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    footnote: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    header_cell: ParagraphStyle
    header_cell_right: ParagraphStyle
    empty: ParagraphStyle
    narrative_title: ParagraphStyle
    toc_levels: list[ParagraphStyle]


def make_styles(font: str, language: str) -> Styles:
    """Styles for ``language``: Japanese text wraps between any two characters (CJK)."""
    wrap = "CJK" if language == "ja" else None

    def style(name: str, size: float, leading: float, **kw) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=leading,
            textColor=kw.pop("textColor", INK_COLOUR),
            wordWrap=wrap,
            **kw,
        )

    return Styles(
        font=font,
        title=style("Title", 24, 34, textColor=TEAL, spaceAfter=6),
        subtitle=style("Subtitle", 15, 22, spaceAfter=4),
        cover_line=style("CoverLine", 11, 17, textColor=MUTED_COLOUR),
        h1=style("H1", 16, 22, textColor=TEAL, spaceBefore=2, spaceAfter=4, keepWithNext=1),
        h2=style("H2", 12, 17, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        h2_tight=style("H2Tight", 12, 16, spaceAfter=2),
        bullet=style(
            "Bullet", 9.5, 14, leftIndent=12, bulletIndent=2, spaceAfter=1, bulletFontName=font
        ),
        resolution=style("Resolution", CELL_FONT_SIZE + 0.5, (CELL_FONT_SIZE + 0.5) * 1.45),
        h3=style("H3", 10, 14, textColor=TEAL, spaceBefore=8, spaceAfter=3, keepWithNext=1),
        body=style("Body", 9.5, 15.5, spaceAfter=5),
        small=style("Small", 8, 11.5, textColor=MUTED_COLOUR),
        footnote=style(
            "Footnote", 7.5, 10.5, textColor=MUTED_COLOUR, leftIndent=9, firstLineIndent=-9
        ),
        caption=style(
            "Caption", 9, 13, textColor=INK_COLOUR, spaceBefore=6, spaceAfter=2, keepWithNext=1
        ),
        cell=style("Cell", CELL_FONT_SIZE, CELL_FONT_SIZE * 1.3),
        cell_right=style("CellRight", CELL_FONT_SIZE, CELL_FONT_SIZE * 1.3, alignment=TA_RIGHT),
        header_cell=style(
            "HeaderCell", CELL_FONT_SIZE, CELL_FONT_SIZE * 1.3, textColor=colors.white
        ),
        header_cell_right=style(
            "HeaderCellRight",
            CELL_FONT_SIZE,
            CELL_FONT_SIZE * 1.3,
            textColor=colors.white,
            alignment=TA_RIGHT,
        ),
        empty=style("Empty", 9.5, 15, textColor=MUTED_COLOUR, spaceBefore=2, spaceAfter=6),
        narrative_title=style("NarrativeTitle", 9, 13, textColor=TEAL, spaceAfter=2),
        toc_levels=[
            style("TOC1", 11, 20, leftIndent=0, firstLineIndent=0),
            style("TOC2", 9.5, 15, leftIndent=14, firstLineIndent=0, textColor=MUTED_COLOUR),
        ],
    )


ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
