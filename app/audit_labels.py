"""Human names for what the audit trail records: registers, columns, detail keys and coded values.

The trail stores keys (``board_reports``, ``content_hash``, ``period_start``, ``ja``) so that it
stays stable across releases and languages; the audit page shows them through these functions.
Registers and their fields are named by their declarations; the few things audited outside the
register framework (stored board reports, exports, imports, backups) are named here.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from app.dates import show_date
from app.i18n import N_, _
from app.registers.registry import get_register
from app.text import join_list

# Audited tables that are not registers (yet): their audit name → title.
OTHER_REGISTERS = {
    "board_reports": N_("Board reports"),
}

# Columns and detail keys recorded outside a register's fields.
OTHER_COLUMNS = {
    "period_start": N_("Period from"),
    "period_end": N_("Period to"),
    "period_label": N_("Period"),
    "language": N_("Language"),
    "content_hash": N_("Content hash"),
    "narrative": N_("Narrative"),
    "snapshot": N_("Report contents"),
    "file": N_("File"),
    "sheet": N_("Sheet"),
    "sheets": N_("Sheets"),
    "format": N_("File format"),
    "layout": N_("Layout"),
    "rows": N_("Rows"),
    "assets": N_("Assets"),
    "risk_items": N_("Risk items"),
    "search": N_("Search"),
    "filters": N_("Filters"),
    "version": N_("Version"),
    "from": N_("From version"),
    "to": N_("To version"),
    "created": N_("Records created"),
    "duplicates_skipped": N_("Duplicates skipped"),
    "differing_skipped": N_("Differing rows skipped"),
    "invalid_skipped": N_("Invalid rows skipped"),
    "people_created": N_("People created"),
    "people_matched": N_("People matched"),
    "programmes_created": N_("Programmes created"),
    "sessions_created": N_("Sessions created"),
    "attendance_added": N_("Attendance records added"),
    "what": N_("Output"),
    "kind": N_("Kind of report"),
    "unknown_items": N_("Items not yet known"),
}

CODED_VALUES = {
    "language": {"ja": N_("Japanese"), "en": N_("English")},
    "layout": {"ledger": N_("個人情報管理台帳")},
    "what": {"ppc_report_draft": N_("PPC report draft")},
    "kind": {
        "prelim": N_("Preliminary report (速報)"),
        "final": N_("Final report (確報)"),
        "supplement": N_("Supplement (追完)"),
    },
    "format": {"clipboard": N_("Copied to the clipboard"), "pdf": N_("PDF")},
}

_DATE_COLUMNS = ("period_start", "period_end")


def register_title(key: str | None) -> str:
    """A register's title for the trail; a key Mamori does not know is shown as it is."""
    if not key:
        return ""
    try:
        return _(get_register(key).title)
    except KeyError:
        return _(OTHER_REGISTERS[key]) if key in OTHER_REGISTERS else key


def column_label(register: str | None, column: str) -> str:
    """A stored column's label: the register field's label, or the name of an audited extra."""
    try:
        defn = get_register(register or "")
    except KeyError:
        defn = None
    if defn is not None:
        for item in defn.fields:
            if item.column == column:
                return _(item.label)
    return _(OTHER_COLUMNS[column]) if column in OTHER_COLUMNS else column


def plain_value(column: str, value: Any) -> str:
    """A value recorded outside a register field: coded values by name, dates as on screen."""
    if value is None or value == "":
        return ""
    if column in CODED_VALUES and str(value) in CODED_VALUES[column]:
        return _(CODED_VALUES[column][str(value)])
    if column in _DATE_COLUMNS and isinstance(value, str):
        try:
            return show_date(date.fromisoformat(value[:10]))
        except ValueError:
            return value
    if isinstance(value, list):
        return join_list(plain_value(column, item) for item in value)
    if isinstance(value, (dict, tuple)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)


def describe_purge(purge: dict[str, Any], register: str | None) -> str:
    """A retention purge's entry (``app.registers.purge``): what was erased, under which rule."""
    lines = [_("Personal details erased by the retention purge.")]
    fields = [column_label(register, column) for column in purge.get("fields") or ()]
    if fields:
        lines.append(_("Fields erased: {fields}").format(fields=join_list(fields)))
    if purge.get("retention_years"):
        lines.append(
            _("Closed on {closed}, kept {years} years to {until}.").format(
                closed=plain_value("period_start", purge.get("closed_on")),
                years=purge["retention_years"],
                until=plain_value("period_start", purge.get("kept_until")),
            )
        )
    redacted = len(purge.get("redacted") or {})
    if redacted:
        lines.append(_("Earlier entries of this record redacted: {count}").format(count=redacted))
    return "\n".join(lines)


def describe_details(detail: str | None, register: str | None = None) -> str:
    """An entry's details, one "label: value" line each, for the audit page."""
    if not detail:
        return ""
    try:
        values = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(values, dict):
        return plain_value("", values)
    if isinstance(values.get("purge"), dict):
        return describe_purge(values["purge"], register)
    return "\n".join(
        f"{column_label(None, key)}: {plain_value(key, value)}"
        for key, value in values.items()
        if value not in (None, "")
    )
