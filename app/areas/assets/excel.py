"""The asset register and the risk analysis as Excel sheets in the familiar 台帳 layout.

Sheet 個人情報管理台帳 has one row per asset and every field of the register, under a row of
merged group headings (基本情報 / 取得 / 利用 / 保管 / 提供・委託 / 廃棄 / 評価); catalogue values
show their labels, linked records their names, dates are real date cells and flags ○ or blank, so
the sheet reads like the ledger a co-op keeps by hand and can be imported back (``python main.py
import assets FILE``). Sheet リスク分析 has one row per risk item of each asset's latest assessment
(asset × phase × threat), with inherent and residual scores coloured by the matrix's bands.

Written like ``app.registers.export``: to a temporary name then renamed (a failed or cancelled
export leaves nothing), text never becomes a formula, and each export is recorded in the audit trail.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter

from app.areas.assets.registers import ASSETS, G_PROVISION, RISK_ITEMS, control_codes_sql
from app.areas.assets.scoring import LATEST_ASSESSMENTS, Matrix, load_matrix
from app.atomic import replacing
from app.catalogues import choices
from app.i18n import N_, _, current_language, gettext_in
from app.jobs import Cancelled, Progress, check_cancelled, never_cancelled, no_progress
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.registers.query import compile_query
from app.registers.registry import all_registers
from app.storage import audit
from app.storage.database import Connection, ensure_writable, read_snapshot, write_transaction
from app.text import strip_controls

LEDGER, RISKS = "ledger", "risks"
SHEETS = (LEDGER, RISKS)
SHEET_TITLES = {LEDGER: N_("Personal information ledger"), RISKS: N_("Risk analysis")}
MARK = "○"  # a flag that is set; an unset flag is left blank, as ledgers are kept by hand
_CANCEL_EVERY = 200

# The ledger's column groups, in sheet order: the asset register's declared field groups.
LEDGER_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (title, tuple(item.key for item in items)) for title, items in ASSETS.field_groups
)


# Band colours by band code; a workspace's own bands fall back on whether they may be accepted.
BAND_COLOURS = {"accept": "#C6EFCE", "monitor": "#FFEB9C", "treat": "#FFC7CE"}
_ACCEPTABLE, _NOT_ACCEPTABLE = "#C6EFCE", "#FFC7CE"


@dataclass(frozen=True)
class LedgerResult:
    path: Path
    assets: int  # rows on the ledger sheet (0 when not written)
    risk_items: int  # rows on the risk sheet (0 when not written)


@dataclass(frozen=True)
class _Column:
    header: str
    kind: Kind
    width: int


def ledger_fields() -> list[Field]:
    """The asset fields in ledger order (grouped)."""
    return [ASSETS.field(key) for _title, keys in LEDGER_GROUPS for key in keys]


@dataclass(frozen=True)
class Incoming:
    """Records of another register that name the asset in a multi-link field (the contractors it
    is entrusted to): one ledger column headed by that register's title, after the group of
    provision and entrustment. Found from the declarations, so no area is named here."""

    owner: RegisterDef
    field: Field

    def labels(self, conn: Connection) -> dict[int, str]:
        """asset id -> the linking records' keys and names, joined."""
        key = self.owner.field(self.owner.human_key).column
        name = self.owner.field(self.owner.display).column
        found: dict[int, list[str]] = {}
        rows = conn.execute(
            f"SELECT l.target_id, o.{key}, o.{name} FROM {self.field.link_table(self.owner.table)} l "
            f"JOIN {self.owner.table} o ON o.id = l.owner_id ORDER BY o.{key}"
        )
        for asset_id, code, display in rows:
            found.setdefault(asset_id, []).append(f"{code} {display}" if display else str(code))
        return {asset_id: "、".join(names) for asset_id, names in found.items()}


def incoming_links() -> list[Incoming]:
    return [
        Incoming(defn, item)
        for defn in all_registers()
        for item in defn.multi_link_fields
        if item.link == ASSETS.key and defn.key != ASSETS.key
    ]


def incoming_header(link: Incoming, language: str) -> str:
    """The column's heading: the linking register's title, told apart from an asset field of the
    same name (共同利用 the text field, 共同利用 the register)."""
    title = gettext_in(language, link.owner.title)
    labels = {gettext_in(language, item.label) for item in ASSETS.fields}
    if title in labels:
        return gettext_in(language, N_("{register} (records)")).format(register=title)
    return title


def ledger_headers(language: str) -> list[str]:
    """The field row of the ledger sheet, in order."""
    headers: list[str] = []
    for title, keys in LEDGER_GROUPS:
        headers += [gettext_in(language, ASSETS.field(key).label) for key in keys]
        if title == G_PROVISION:
            headers += [incoming_header(link, language) for link in incoming_links()]
    return headers


def export_ledger(
    conn: Connection,
    target: Path,
    *,
    sheets: Sequence[str] = SHEETS,
    language: str | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> LedgerResult:
    """Write the ledger and/or risk-analysis sheets to one xlsx file, atomically and audited."""
    unknown = [sheet for sheet in sheets if sheet not in SHEETS]
    if unknown or not sheets:
        raise ValueError(f"unknown ledger sheets {unknown or sheets!r}")
    language = language or current_language()
    target = Path(target)
    ensure_writable(conn)  # audited: refused in rescue mode before any file is written
    counts = {LEDGER: 0, RISKS: 0}
    with replacing(target) as temp, read_snapshot(conn):
        book = _Book(temp, language)
        try:
            if LEDGER in sheets:
                counts[LEDGER] = book.ledger(conn, progress, cancelled)
            if RISKS in sheets:
                counts[RISKS] = book.risks(conn, load_matrix(conn), progress, cancelled)
        finally:
            book.close()
    with write_transaction(conn):
        audit.append(
            conn,
            "export",
            register=ASSETS.key if LEDGER in sheets else RISK_ITEMS.key,
            detail={
                "format": "xlsx",
                "layout": "ledger",
                "sheets": list(sheets),
                "rows": counts[LEDGER] + counts[RISKS],
                "assets": counts[LEDGER],
                "risk_items": counts[RISKS],
                "file": target.name,
            },
        )
    progress(1.0, _("Exported {count} records").format(count=counts[LEDGER] + counts[RISKS]))
    return LedgerResult(target, counts[LEDGER], counts[RISKS])


def _width(item: Field, header: str) -> int:
    if item.kind is Kind.DATE:
        return 12
    if item.kind is Kind.BOOL:
        return max(6, min(14, len(header) * 2))
    if item.kind in (Kind.LONG_TEXT, Kind.MULTI_CHOICE):
        return 32
    if item.kind is Kind.CODE:
        return 10
    return max(12, min(24, len(header) * 2 + 2))


class _Book:
    """One xlsxwriter workbook with the formats both sheets share."""

    def __init__(self, path: Path, language: str) -> None:
        self.language = language
        self.book = xlsxwriter.Workbook(
            str(path),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        add = self.book.add_format
        self.group = add({"bold": True, "align": "center", "valign": "vcenter", "border": 1,
                          "bg_color": "#B8CCE4"})  # fmt: skip
        self.header = add({"bold": True, "text_wrap": True, "valign": "vcenter", "border": 1,
                           "bg_color": "#DCE6F1"})  # fmt: skip
        self.date = add({"num_format": "yyyy/mm/dd", "valign": "top"})
        self.text = add({"valign": "top"})
        self.wrap = add({"valign": "top", "text_wrap": True})
        self.mark = add({"valign": "top", "align": "center"})
        self.bands: dict[str, Any] = {}

    def close(self) -> None:
        self.book.close()

    def t(self, message: str) -> str:
        return gettext_in(self.language, message)

    def _sheet(self, key: str) -> Any:
        return self.book.add_worksheet(self.t(SHEET_TITLES[key])[:31])

    def _write(self, sheet: Any, row: int, col: int, value: Any, kind: Kind) -> None:
        if value is None or value == "":
            return
        if kind is Kind.DATE:
            sheet.write_datetime(row, col, date.fromisoformat(value), self.date)
        elif kind is Kind.BOOL:
            if value:
                sheet.write_string(row, col, MARK, self.mark)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            sheet.write_number(row, col, value, self.text)
        else:
            fmt = self.wrap if kind in (Kind.LONG_TEXT, Kind.MULTI_CHOICE) else self.text
            sheet.write_string(row, col, strip_controls(str(value)), fmt)

    # ----- 個人情報管理台帳 ------------------------------------------------------------------

    def ledger(self, conn: Connection, progress: Progress, cancelled: Cancelled) -> int:
        check_cancelled(cancelled)
        sheet = self._sheet(LEDGER)
        fields = ledger_fields()
        incoming = incoming_links()
        columns: list[Field | Incoming] = []  # in sheet order
        position = 0
        for title, keys in LEDGER_GROUPS:
            group: list[Field | Incoming] = [ASSETS.field(key) for key in keys]
            if title == G_PROVISION:
                group += incoming
            columns += group
            last = position + len(group) - 1
            if last > position:
                sheet.merge_range(0, position, 0, last, self.t(title), self.group)
            else:
                sheet.write_string(0, position, self.t(title), self.group)
            position = last + 1
        for col, column in enumerate(columns):
            if isinstance(column, Incoming):
                header, width = incoming_header(column, self.language), 28
            else:
                header = self.t(column.label)
                width = _width(column, header)
            sheet.write_string(1, col, header, self.header)
            sheet.set_column(col, col, width)
        sheet.set_row(1, 30)
        sheet.freeze_panes(2, 2)  # headings and the asset's number and name stay in view
        compiled = compile_query(ASSETS, None, fields, self.language)
        linked = {id(link): link.labels(conn) for link in incoming}
        where = {item.key: index for index, item in enumerate(fields)}
        total = max(1, compiled.count(conn))
        count = 0
        for count, row in enumerate(compiled.rows(conn), start=1):
            for col, column in enumerate(columns):
                if isinstance(column, Incoming):
                    value = linked[id(column)].get(row[0])
                    self._write(sheet, count + 1, col, value, Kind.LONG_TEXT)
                else:
                    self._write(sheet, count + 1, col, row[where[column.key] + 1], column.kind)
            if count % _CANCEL_EVERY == 0:
                check_cancelled(cancelled)
                progress(0.5 * count / total, _("{done} of {total} records").format(
                    done=count, total=total))  # fmt: skip
        sheet.autofilter(1, 0, max(count + 1, 2), len(columns) - 1)
        return count

    # ----- リスク分析 ------------------------------------------------------------------------

    def _band_format(self, matrix: Matrix, score: int) -> Any:
        band = matrix.band(score)
        if band is None:
            return self.text
        if band.code not in self.bands:
            colour = BAND_COLOURS.get(
                band.code, _ACCEPTABLE if band.may_accept else _NOT_ACCEPTABLE
            )
            self.bands[band.code] = self.book.add_format(
                {"bg_color": colour, "align": "center", "valign": "top", "border": 1}
            )
        return self.bands[band.code]

    def risks(
        self, conn: Connection, matrix: Matrix, progress: Progress, cancelled: Cancelled
    ) -> int:
        check_cancelled(cancelled)
        sheet = self._sheet(RISKS)
        item = RISK_ITEMS.field
        columns = [
            _Column(self.t(ASSETS.field("asset_no").label), Kind.CODE, 10),
            _Column(self.t(ASSETS.field("name").label), Kind.TEXT, 22),
            _Column(self.t(ASSETS.field("owner_department").label), Kind.TEXT, 16),
            _Column(self.t(N_("Assessed on")), Kind.DATE, 12),
            _Column(self.t(item("phase").label), Kind.CHOICE, 14),
            _Column(self.t(item("threat").label), Kind.CHOICE, 22),
            _Column(self.t(item("consequences").label), Kind.MULTI_CHOICE, 22),
            _Column(self.t(item("scenario").label), Kind.LONG_TEXT, 32),
            _Column(self.t(item("inherent_impact").label), Kind.INTEGER, 7),
            _Column(self.t(item("inherent_likelihood").label), Kind.INTEGER, 7),
            _Column(self.t(item("inherent_score").label), Kind.INTEGER, 7),
            _Column(self.t(item("implemented_controls").label), Kind.TEXT, 20),
            _Column(self.t(item("planned_controls").label), Kind.TEXT, 18),
            _Column(self.t(item("planned_owner").label), Kind.TEXT, 14),
            _Column(self.t(item("planned_due").label), Kind.DATE, 12),
            _Column(self.t(item("residual_impact").label), Kind.INTEGER, 7),
            _Column(self.t(item("residual_likelihood").label), Kind.INTEGER, 7),
            _Column(self.t(item("residual_score").label), Kind.INTEGER, 7),
            _Column(self.t(item("residual_statement").label), Kind.LONG_TEXT, 28),
            _Column(self.t(item("treatment").label), Kind.CHOICE, 14),
            _Column(self.t(item("accepted_by").label), Kind.TEXT, 14),
            _Column(self.t(item("accepted_at").label), Kind.DATE, 12),
        ]
        for col, column in enumerate(columns):
            sheet.write_string(0, col, column.header, self.header)
            sheet.set_column(col, col, column.width)
        sheet.set_row(0, 30)
        sheet.freeze_panes(1, 2)
        labels = {
            name: dict(choices(conn, name, language=self.language, include_inactive=True))
            for name in ("LIFECYCLE_PHASE", "THREAT", "RISK_CONSEQUENCE", "RISK_TREATMENT")
        }
        phase_order = {code: n for n, code in enumerate(labels["LIFECYCLE_PHASE"])}
        rows = sorted(
            conn.execute(_RISK_SQL).fetchall(),
            key=lambda r: (r[0], phase_order.get(r[4], len(phase_order)), r[-1]),
        )
        total = max(1, len(rows))
        scores = {10, 17}  # positions of the inherent and residual scores
        for count, row in enumerate(rows, start=1):
            values = list(row[:-1])  # the last value is the item id (ordering only)
            values[4] = labels["LIFECYCLE_PHASE"].get(values[4], values[4])
            values[5] = labels["THREAT"].get(values[5], values[5])
            values[6] = "、".join(
                labels["RISK_CONSEQUENCE"].get(code, code) for code in json.loads(values[6] or "[]")
            )
            values[19] = labels["RISK_TREATMENT"].get(values[19], values[19])
            for col, (column, value) in enumerate(zip(columns, values, strict=True)):
                if col in scores and value is not None:
                    sheet.write_number(count, col, value, self._band_format(matrix, value))
                else:
                    self._write(sheet, count, col, value, column.kind)
            if count % _CANCEL_EVERY == 0:
                check_cancelled(cancelled)
                progress(0.5 + 0.5 * count / total, _("{done} of {total} records").format(
                    done=count, total=total))  # fmt: skip
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
        return len(rows)


# In the sheet's column order, then the item id (for ordering).
_RISK_SQL = (
    f"WITH latest(id) AS ({LATEST_ASSESSMENTS}) "
    "SELECT a.asset_no, a.name, d.name, ra.assessed_at, ri.phase, ri.threat, ri.consequences, "
    "ri.scenario, ri.inherent_impact, ri.inherent_likelihood, ri.inherent_score, "
    f"{control_codes_sql('implemented_controls', 'ri')}, "
    f"{control_codes_sql('planned_controls', 'ri')}, po.name, ri.planned_due, ri.residual_impact, "
    "ri.residual_likelihood, ri.residual_score, ri.residual_statement, ri.treatment, ab.name, "
    "ri.accepted_at, ri.id "
    "FROM risk_item ri JOIN risk_assessment ra ON ra.id = ri.assessment_id "
    "JOIN asset a ON a.id = ra.asset_id "
    "LEFT JOIN department d ON d.id = a.owner_department_id "
    "LEFT JOIN person po ON po.id = ri.planned_owner_id "
    "LEFT JOIN person ab ON ab.id = ri.accepted_by_id "
    "WHERE ra.id IN latest"
)
