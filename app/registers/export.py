"""Register exports to CSV, XLSX and JSON, derived from the register definition.

Linked records appear by their human keys (職員番号, codes) and names, never internal ids; catalogue
values by their labels (CSV/XLSX) or codes (JSON). Files are written to a temporary name and renamed,
so a failed or cancelled export leaves nothing half-written. Each export is recorded in the audit trail.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter

from app.atomic import replacing
from app.i18n import _, current_language, gettext_in
from app.jobs import Cancelled, Progress, check_cancelled, never_cancelled, no_progress
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.registers.query import ListQuery, compile_query, link_choices
from app.registers.registry import get_register
from app.storage import audit
from app.storage.database import Connection, ensure_writable, read_snapshot, write_transaction
from app.text import formula_safe, strip_controls

FORMATS = ("csv", "xlsx", "json")
_CHUNK = 2000  # rows between progress reports
_CANCEL_EVERY = 100


@dataclass(frozen=True)
class ExportColumn:
    header: str
    kind: Kind
    index: int  # position in the query row
    group: str = ""  # the field's group, translated (a merged heading above the headers in XLSX)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


def _columns(defn: RegisterDef, language: str) -> tuple[list[ExportColumn], list[str]]:
    """Export columns, and the extra SQL expressions (link human keys) the query must add.

    Query rows are (id, one display value per field..., one human key per link field...).
    """
    columns: list[ExportColumn] = []
    extra: list[str] = []
    for index, item in enumerate(defn.fields, start=1):
        group = gettext_in(language, item.group) if item.group else ""
        columns.append(ExportColumn(gettext_in(language, item.label), item.kind, index, group))
        target = get_register(item.link or "") if item.kind is Kind.LINK else None
        if target is not None and target.field(target.human_key).kind is not Kind.LINK:
            # a target named by its own link (an assessment) shows its label already
            key_field = target.field(target.human_key)
            extra.append(f"l_{item.key}.{key_field.column}")
            header = f"{gettext_in(language, item.label)} ({gettext_in(language, key_field.label)})"
            columns.append(ExportColumn(header, Kind.CODE, len(defn.fields) + len(extra), group))
    return columns, extra


def _rows(
    conn: Connection, defn: RegisterDef, query: ListQuery, language: str, extra: list[str]
) -> tuple[int, Iterator[tuple[Any, ...]]]:
    compiled = compile_query(defn, query, defn.fields, language)
    compiled._exprs.extend(extra)
    total = compiled.count(conn)
    return total, iter(compiled.rows(conn))


def _cell(value: Any, kind: Kind, yes: str, no: str) -> Any:
    if value is None:
        return None
    if kind is Kind.DATE:
        return date.fromisoformat(value)
    if kind is Kind.BOOL:
        return yes if value else no
    return strip_controls(value) if isinstance(value, str) else value


def _csv_safe(value: Any) -> Any:
    return formula_safe(value) if isinstance(value, str) else value


def export_register(
    conn: Connection,
    defn: RegisterDef,
    fmt: str,
    target: Path,
    query: ListQuery | None = None,
    *,
    language: str | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportResult:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    language = language or current_language()
    query = query or ListQuery()
    target = Path(target)
    ensure_writable(conn)  # an export is audited: none from a workspace in rescue mode
    with replacing(target) as temp, read_snapshot(conn):
        if fmt == "json":
            count = _write_json(conn, defn, query, temp, progress, cancelled)
        else:
            columns, extra = _columns(defn, language)
            total, rows = _rows(conn, defn, query, language, extra)
            writer = _write_xlsx if fmt == "xlsx" else _write_csv
            count = writer(defn, columns, rows, total, temp, language, progress, cancelled)
    with write_transaction(conn):
        audit.append(
            conn,
            "export",
            register=defn.key,
            detail={
                "format": fmt,
                "rows": count,
                "file": target.name,
                "search": query.search,
                "filters": len(query.filters),
            },
        )
    progress(1.0, _("Exported {count} records").format(count=count))
    return ExportResult(target, count)


def _report(progress: Progress, cancelled: Cancelled, done: int, total: int) -> None:
    if done % _CANCEL_EVERY == 0:
        check_cancelled(cancelled)
    if done % _CHUNK == 0:
        progress(
            done / total if total else 1.0,
            _("{done} of {total} records").format(done=done, total=total),
        )


def _write_csv(
    defn: RegisterDef,
    columns: list[ExportColumn],
    rows: Iterator[tuple[Any, ...]],
    total: int,
    path: Path,
    language: str,
    progress: Progress,
    cancelled: Cancelled,
) -> int:
    yes, no = gettext_in(language, "Yes"), gettext_in(language, "No")
    count = 0
    # UTF-8 with BOM so Excel on Japanese Windows opens it without mojibake.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([column.header for column in columns])
        for row in rows:
            writer.writerow([_csv_safe(_cell(row[c.index], c.kind, yes, no)) for c in columns])
            count += 1
            _report(progress, cancelled, count, total)
    return count


def _write_xlsx(
    defn: RegisterDef,
    columns: list[ExportColumn],
    rows: Iterator[tuple[Any, ...]],
    total: int,
    path: Path,
    language: str,
    progress: Progress,
    cancelled: Cancelled,
) -> int:
    yes, no = gettext_in(language, "Yes"), gettext_in(language, "No")
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    try:
        sheet = workbook.add_worksheet(gettext_in(language, defn.title)[:31])
        header = workbook.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1})
        date_format = workbook.add_format({"num_format": "yyyy/mm/dd"})
        top = 0
        if any(column.group for column in columns):
            _write_groups(sheet, columns, workbook.add_format({"bold": True, "border": 1}))
            top = 1
        for position, column in enumerate(columns):
            sheet.write_string(top, position, column.header, header)
            sheet.set_column(position, position, _width(column))
        sheet.freeze_panes(top + 1, 0)
        count = 0
        for count, row in enumerate(rows, start=1):
            count_row = count + top
            for position, column in enumerate(columns):
                value = _cell(row[column.index], column.kind, yes, no)
                if value is None:
                    continue
                if isinstance(value, date):
                    sheet.write_datetime(count_row, position, value, date_format)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(count_row, position, value)
                else:
                    sheet.write_string(count_row, position, str(value))
            _report(progress, cancelled, count, total)
        sheet.autofilter(top, 0, top + max(count, 1), len(columns) - 1)
    finally:
        workbook.close()
    return count


def _write_groups(sheet: Any, columns: list[ExportColumn], style: Any) -> None:
    """Row 1: each run of columns of one field group under one merged heading."""
    start = 0
    for position in range(1, len(columns) + 1):
        if position < len(columns) and columns[position].group == columns[start].group:
            continue
        title = columns[start].group
        if position - start > 1:
            sheet.merge_range(0, start, 0, position - 1, title, style)
        elif title:
            sheet.write_string(0, start, title, style)
        start = position


def _width(column: ExportColumn) -> int:
    if column.kind is Kind.DATE:
        return 12
    if column.kind in (Kind.LONG_TEXT, Kind.MULTI_CHOICE):
        return 40
    return max(10, min(30, len(column.header) * 2 + 2))


def _write_json(
    conn: Connection,
    defn: RegisterDef,
    query: ListQuery,
    path: Path,
    progress: Progress,
    cancelled: Cancelled,
) -> int:
    compiled = compile_query(defn, query, (), "en")
    ids_sql_where = compiled._where
    params = compiled._params_where
    total = compiled.count(conn)
    link_keys: dict[str, dict[int, Any]] = {}
    for item in defn.link_fields:
        target = get_register(item.link or "")
        key_field = target.field(target.human_key)
        if key_field.kind is Kind.LINK:  # named by its own link: its label ("A001 … / date")
            link_keys[item.key] = dict(link_choices(conn, target) or [])
            continue
        key_column = key_field.column
        link_keys[item.key] = dict(conn.execute(f"SELECT id, {key_column} FROM {target.table}"))
    selects = [
        _json_links_sql(defn, item) if item.kind is Kind.LINKS else f"t.{item.column}"
        for item in defn.fields
    ]
    sql = f"SELECT {', '.join(selects)} FROM {defn.table} t{ids_sql_where} ORDER BY t.id"
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        for count, row in enumerate(conn.execute(sql, params), start=1):
            record = {
                item.key: _json_value(item, value, link_keys)
                for item, value in zip(defn.fields, row, strict=True)
            }
            if count > 1:
                handle.write(",\n")
            handle.write(json.dumps(record, ensure_ascii=False))
            _report(progress, cancelled, count, total)
        handle.write("\n]\n")
    return count


def _json_links_sql(defn: RegisterDef, item: Field) -> str:
    target = get_register(item.link or "")
    key_column = target.field(target.human_key).column
    return (
        f"(SELECT json_group_array(k) FROM (SELECT x.{key_column} AS k FROM "
        f"{item.link_table(defn.table)} lt JOIN {target.table} x ON x.id = lt.target_id "
        "WHERE lt.owner_id = t.id ORDER BY lt.position))"
    )


def _json_value(item: Field, value: Any, link_keys: dict[str, dict[int, Any]]) -> Any:
    if value is None:
        return None
    if item.kind is Kind.LINK:
        return link_keys[item.key].get(value)
    if item.kind is Kind.LINKS:
        return json.loads(value) or None
    return item.from_db(value) if item.kind in (Kind.BOOL, Kind.MULTI_CHOICE) else value
