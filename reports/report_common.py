"""What the PDF and Excel renderers of the board report share: fixed texts, colours, cell formats.

Every fixed text is an English msgid translated with ``gettext_in(snapshot.language, ...)``: the
report's language can differ from the UI's. Figures are formatted the same way in both files, so
the Excel workbook matches the PDF figure for figure.

Conventions for snapshot values (see app.board.snapshot):
- a KPI with unit "%" holds a share 0..1 (0.952 → "95.2%"); a value above 1 is taken to be a
  percentage already (95.2 → "95.2%"), so either convention prints correctly;
- table cells follow the column's kind: int, float, percent (a 0..1 share), date (ISO string),
  text; bool and None print as yes/no and a dash.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from app.board.snapshot import Kpi, Status
from app.i18n import N_, gettext_in, ngettext_in
from app.text import strip_controls

BRAND = "#00695C"  # teal
BRAND_LIGHT = "#E0F2F1"
AMBER = "#F9A825"
RED = "#C62828"
GREY = "#9E9E9E"
INK = "#212121"
MUTED = "#616161"
RULE = "#B0BEC5"

STATUS_COLOURS: dict[str, str] = {"good": BRAND, "watch": AMBER, "bad": RED, "none": GREY}
STATUS_FILLS: dict[str, str] = {  # lighter fills for spreadsheet cells
    "good": "C8E6C9",
    "watch": "FFE082",
    "bad": "FFCDD2",
    "none": "E0E0E0",
}
STATUS_LABELS: dict[str, str] = {
    "good": N_("On target"),
    "watch": N_("Watch"),
    "bad": N_("Off target"),
    "none": N_("No target"),
}

BAND_COLOURS: dict[str, str] = {  # risk band code -> cell colour (PDF and Excel)
    "accept": "#B2DFDB",  # the shipped RISK_BAND catalogue (domain §3.7)
    "monitor": "#FFE082",
    "treat": "#E57373",
    "low": "#B2DFDB",
    "green": "#B2DFDB",
    "medium": "#FFE082",
    "moderate": "#FFE082",
    "amber": "#FFE082",
    "yellow": "#FFE082",
    "high": "#FFB74D",
    "orange": "#FFB74D",
    "critical": "#E57373",
    "very_high": "#E57373",
    "red": "#E57373",
}


DECISION_KINDS: dict[str, str] = {  # msgids of the kinds of matters put to the board
    "risk_acceptance": N_("Acceptance of residual risks"),
    "risk_treatment": N_("Instruction on risk treatment"),
    "policy_revision": N_("Policy or rules revision"),
    "budget": N_("Budget"),
    "resource": N_("Resources"),
    "other": N_("Other"),
}

# Characters that are not allowed in XML 1.0 (and print as boxes in a PDF): removed from all text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DASH = "—"


def tr(language: str, message: str) -> str:
    return gettext_in(language, message)


def trn(language: str, singular: str, plural: str, n: int) -> str:
    """Plural forms in the report's language (ngettext): "1 item", "2 items"."""
    return ngettext_in(language, singular, plural, n)


def clean(text: Any) -> str:
    """``text`` as a string without control characters (tab, newline and CR are kept) or bidi
    overrides (which show as missing glyphs and reorder the line)."""
    return strip_controls(_CONTROL.sub("", "" if text is None else str(text)))


def status_of(value: str) -> Status:
    return value if value in STATUS_COLOURS else "none"  # type: ignore[return-value]


def status_label(language: str, status: str) -> str:
    return tr(language, STATUS_LABELS[status_of(status)])


def as_share(value: float) -> float:
    """A percentage KPI (0–100, as ``Kpi`` defines it) as a 0..1 share for formatting (rounded:
    90.1 / 100 is 0.9009999999999999 in binary floating point)."""
    return round(value / 100, 6)


def parse_timestamp(stamp: str) -> datetime | None:
    """An ISO timestamp as a naive local datetime (Excel has no time zones), or None."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        from app.board.period import ORGANISATION_TIME_ZONE

        moment = moment.astimezone(ORGANISATION_TIME_ZONE).replace(tzinfo=None)
    return moment.replace(microsecond=0)


_TARGET = re.compile(r"^\s*([≥≤<>=]?)\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(%|％)?\s*$")


def parse_target(target: str) -> tuple[str, float, bool] | None:
    """("≥", 95.0, True) from "≥ 95%"; None for a target that is not a number ("appointed")."""
    match = _TARGET.match(clean(target))
    if not match:
        return None
    operator, number, percent_sign = match.groups()
    return operator, float(number.replace(",", "")), bool(percent_sign)


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def format_number(value: float | int) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.1f}"


def format_percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def format_kpi_value(language: str, kpi: Kpi, value: Any = ...) -> str:
    """The KPI's value (or ``value``, e.g. its previous one) with its unit."""
    value = kpi.value if value is ... else value
    if value is None or value == "":
        return tr(language, "no data")
    if not is_number(value):
        return clean(value)
    if kpi.unit == "%":
        return format_percent(as_share(value))
    text = format_number(value)
    if not kpi.unit:
        return text
    # Japanese counters follow the number directly ("12件"); other units after a space, in the
    # singular for one ("1 item", not "1 items").
    if _is_wide(kpi.unit[0]):
        return f"{text}{kpi.unit}"
    unit = SINGULAR_UNITS.get(kpi.unit, kpi.unit) if value == 1 else kpi.unit
    return f"{text} {unit}"


# The English unit words of the report's KPIs (N_("items") ...) and their singular.
SINGULAR_UNITS = {"items": "item", "people": "person", "points": "point"}


def _is_wide(char: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(char) in ("W", "F")


def parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def format_date(language: str, day: date) -> str:
    return day.strftime("%Y/%m/%d") if language == "ja" else day.isoformat()


def format_timestamp(language: str, stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return clean(stamp)
    return moment.strftime("%Y/%m/%d %H:%M" if language == "ja" else "%Y-%m-%d %H:%M")


def column_kind(kinds: list[str], index: int) -> str:
    return kinds[index] if index < len(kinds) else "text"


def format_cell(language: str, value: Any, kind: str) -> str:
    """A table cell as printed in the PDF (the workbook keeps the typed value)."""
    if value is None or value == "":
        return DASH if value is None else ""
    if isinstance(value, bool):
        return tr(language, "Yes") if value else tr(language, "No")
    if kind == "percent" and is_number(value):
        return format_percent(value)
    if kind == "date":
        day = parse_date(value)
        return format_date(language, day) if day else clean(value)
    if is_number(value):
        return format_number(value)
    return clean(value)


def text_width(text: str) -> int:
    """Display width in half-width cells: East-Asian wide and full-width characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
