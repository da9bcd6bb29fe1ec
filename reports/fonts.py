"""The bundled Japanese font (IPAexGothic) for reportlab: embedded as a subset in every PDF."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resource_path

FONT_NAME = "IPAexGothic"
FONT_FILE = "ipaexg.ttf"


@cache
def register_japanese_font() -> str:
    """Register the font with reportlab once; returns the name to use in styles."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(resource_path("fonts", FONT_FILE))))
    return FONT_NAME
