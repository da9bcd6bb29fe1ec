"""Charts of the board report drawn as PDF vector graphics (reportlab.graphics), never images.

Labels are plain ``String`` shapes: they are not parsed as markup, so snapshot text is safe here
without escaping, and it stays searchable in the PDF.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.board.snapshot import Chart
from reports.report_common import BAND_COLOURS, BRAND, GREY, INK, MUTED, RULE, format_number
from reports.report_common import clean as _clean

_GLYPHS = str.maketrans({"≥": "≧", "≤": "≦"})


def clean(value: object) -> str:
    return _clean(value).translate(_GLYPHS)


BAR_COLOUR = colors.HexColor(BRAND)
TRACK = colors.HexColor("#ECEFF1")


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(chart: Chart, width: float, font: str) -> Drawing:
    """Horizontal bars, one row per label, with the value printed after each bar."""
    row, bar, size = 17.0, 10.5, 8.5
    count = max(len(chart.labels), len(chart.values))
    labels = [clean(label) for label in chart.labels] + [""] * (count - len(chart.labels))
    values = [float(v or 0) for v in chart.values] + [0.0] * (count - len(chart.values))
    height = row * count + 6
    drawing = Drawing(width, height)
    label_width = min(width * 0.38, max([stringWidth(lb, font, size) for lb in labels] + [40]) + 16)
    value_width = 46.0
    scale_width = width - label_width - value_width
    top = 1.0 if chart.percent else max([*values, 0.0]) or 1.0
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = height - (index + 1) * row + (row - bar) / 2
        drawing.add(
            String(
                label_width - 6,
                y + 2,
                _fit(label, font, size, label_width - 8),
                fontName=font,
                fontSize=size,
                fillColor=colors.HexColor(INK),
                textAnchor="end",
            )
        )
        if chart.percent:
            drawing.add(Rect(label_width, y, scale_width, bar, fillColor=TRACK, strokeColor=None))
        share = max(0.0, min(value / top, 1.0))
        if share > 0:
            drawing.add(
                Rect(
                    label_width, y, scale_width * share, bar, fillColor=BAR_COLOUR, strokeColor=None
                )
            )
        text = f"{value * 100:.1f}%" if chart.percent else format_number(_int_if_whole(value))
        drawing.add(
            String(
                label_width + scale_width * (1.0 if chart.percent else share) + 4,
                y + 2,
                text,
                fontName=font,
                fontSize=size,
                fillColor=colors.HexColor(INK),
            )
        )
    drawing.add(
        Line(
            label_width,
            2,
            label_width,
            height - 2,
            strokeColor=colors.HexColor(RULE),
            strokeWidth=0.6,
        )
    )
    return drawing


def _int_if_whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _band_colour(chart: Chart, impact: int, likelihood: int, levels: int) -> colors.Color:
    key = ""
    if impact < len(chart.bands) and likelihood < len(chart.bands[impact]):
        key = clean(chart.bands[impact][likelihood]).strip().lower()
    if key.startswith("#") and len(key) == 7:
        try:
            return colors.HexColor(key)
        except ValueError:
            pass
    if key in BAND_COLOURS:
        return colors.HexColor(BAND_COLOURS[key])
    score = (impact + 1) * (likelihood + 1) / (levels * levels)  # fallback: by position
    band = (
        "low"
        if score <= 0.2
        else "medium"
        if score <= 0.4
        else "high"
        if score <= 0.64
        else "critical"
    )
    return colors.HexColor(BAND_COLOURS[band])


# In vertical Japanese the long-vowel mark and dashes turn with the line.
_VERTICAL_FORMS = str.maketrans(
    {"ー": "｜", "－": "｜", "—": "｜", "〜": "≀", "（": "︵", "）": "︶"}
)


def _is_wide(char: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(char) in ("W", "F")


def _vertical_label(
    drawing: Drawing, label: str, font: str, x: float, middle: float, room: float, ink
) -> None:
    """A y-axis label: Japanese set upright, one character under the other (縦書き); Latin text
    turned 90° as usual."""
    size = 8.5
    if any(_is_wide(char) for char in label):
        chars = list(label.translate(_VERTICAL_FORMS))
        step = min(size * 1.15, room / max(len(chars), 1))
        top = middle + step * len(chars) / 2 - size * 0.85
        for index, char in enumerate(chars):
            drawing.add(
                String(
                    x,
                    top - index * step,
                    char,
                    fontName=font,
                    fontSize=size,
                    fillColor=ink,
                    textAnchor="middle",
                )
            )
        return
    from reportlab.graphics.shapes import Group

    text = String(
        0, 0, _fit(label, font, size, room), fontName=font, fontSize=size, fillColor=ink,
        textAnchor="middle",
    )  # fmt: skip
    group = Group(text)
    group.transform = (0, 1, -1, 0, x, middle)  # rotated 90°, centred
    drawing.add(group)


def heat_map(chart: Chart, width: float, font: str) -> Drawing:
    """Impact (rows, bottom to top) × likelihood (columns) grid with the count in each cell."""
    matrix = chart.matrix or [[0]]
    rows, columns = len(matrix), max(len(r) for r in matrix) or 1
    axis_x = clean(chart.axis_labels[0]) if chart.axis_labels else ""
    axis_y = clean(chart.axis_labels[1]) if len(chart.axis_labels) > 1 else ""
    left, bottom = 30.0, 30.0
    cell = min(30.0, (width - left - 6) / columns)
    height = bottom + cell * rows + 4
    drawing = Drawing(left + cell * columns + 6, height)
    ink, muted = colors.HexColor(INK), colors.HexColor(MUTED)
    for impact in range(rows):
        y = bottom + impact * cell
        for likelihood in range(columns):
            x = left + likelihood * cell
            count = matrix[impact][likelihood] if likelihood < len(matrix[impact]) else 0
            drawing.add(
                Rect(
                    x,
                    y,
                    cell,
                    cell,
                    fillColor=_band_colour(chart, impact, likelihood, max(rows, columns)),
                    strokeColor=colors.white,
                    strokeWidth=1.5,
                )
            )
            if count:
                drawing.add(
                    String(
                        x + cell / 2,
                        y + cell / 2 - 3.5,
                        format_number(int(count)),
                        fontName=font,
                        fontSize=10,
                        fillColor=ink,
                        textAnchor="middle",
                    )
                )
        drawing.add(
            String(
                left - 5,
                y + cell / 2 - 3,
                str(impact + 1),
                fontName=font,
                fontSize=8,
                fillColor=muted,
                textAnchor="end",
            )
        )
    for likelihood in range(columns):
        drawing.add(
            String(
                left + likelihood * cell + cell / 2,
                bottom - 11,
                str(likelihood + 1),
                fontName=font,
                fontSize=8,
                fillColor=muted,
                textAnchor="middle",
            )
        )
    grid = cell * columns
    drawing.add(
        String(
            left + grid / 2,
            4,
            _fit(axis_x, font, 8.5, grid + 20),
            fontName=font,
            fontSize=8.5,
            fillColor=ink,
            textAnchor="middle",
        )
    )
    if axis_y:
        _vertical_label(drawing, axis_y, font, 12, bottom + cell * rows / 2, cell * rows, ink)
    drawing.add(
        Rect(
            left,
            bottom,
            grid,
            cell * rows,
            fillColor=None,
            strokeColor=colors.HexColor(GREY),
            strokeWidth=0.5,
        )
    )
    return drawing
