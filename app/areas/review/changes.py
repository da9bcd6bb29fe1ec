"""What changed since a document or a law entry was last reviewed.

R-PUBLIC-NOTICE: the article 32 notice and the policies must stay accurate, so they are re-checked
whenever what they describe changes. What a document depends on is data: its
``change_triggers`` name items of the DOC_CHANGE_TRIGGER catalogue, and each item's ``extra``
names the registers to watch (``registers``) and, optionally, values a changed record must have
(``where``: column -> accepted values, e.g. only rules and procedures among the documents).
Changes are read from the audit trail — every insert, update and delete of a watched register,
whoever made it and however (form, import, restore) — after the document's last review date.

C-LEGAL "on amendment": a law entry whose current version took effect after its last review is
due for review now.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from app.board.period import ORGANISATION_TIME_ZONE, business_date_sql
from app.catalogues import item_extra
from app.storage.database import Connection

DOCUMENTS_KEY = "documents"
CHANGE_ACTIONS = ("insert", "update", "delete")


@dataclass(frozen=True)
class TriggerChange:
    trigger: str  # DOC_CHANGE_TRIGGER code
    count: int  # changed records
    first: date  # business date of the first change after the review
    last: date


@dataclass(frozen=True)
class DocumentDue:
    document_id: int
    code: str
    title: str
    since: date  # the last review (or approval, or entry) the changes are counted from
    changes: tuple[TriggerChange, ...]

    @property
    def first_change(self) -> date:
        return min(change.first for change in self.changes)


def _day_after_starts(since: date) -> str:
    """The audit trail's UTC timestamp at which the business day after ``since`` begins (audit
    times are compared as stored, so the index on them serves the query)."""
    start = datetime.combine(since + timedelta(days=1), time(0), ORGANISATION_TIME_ZONE)
    return start.astimezone(UTC).isoformat()


def _business_day(stamp: str) -> date:
    return datetime.fromisoformat(stamp).astimezone(ORGANISATION_TIME_ZONE).date()


def _changes(
    conn: Connection, trigger: str, since: date, exclude: tuple[str, int] | None
) -> TriggerChange | None:
    extra = item_extra(conn, "DOC_CHANGE_TRIGGER", trigger)
    registers = list(extra.get("registers") or ())
    if not registers:
        return None
    sql = (
        "SELECT count(DISTINCT register || ':' || record_id), min(at), max(at) "
        f"FROM audit_log WHERE at >= ? AND action IN ({', '.join('?' * len(CHANGE_ACTIONS))}) "
        f"AND register IN ({', '.join('?' * len(registers))})"
    )
    params: list[Any] = [_day_after_starts(since), *CHANGE_ACTIONS, *registers]
    for column, accepted in (extra.get("where") or {}).items():
        values = list(accepted)
        sql += (
            f" AND json_extract(coalesce(after, before), '$.{column}') "
            f"IN ({', '.join('?' * len(values))})"
        )
        params.extend(values)
    if exclude is not None:
        sql += " AND NOT (register = ? AND record_id = ?)"
        params.extend(exclude)
    count, first, last = conn.execute(sql, params).fetchone()
    if not count:
        return None
    return TriggerChange(trigger, count, _business_day(first), _business_day(last))


def documents_due_after_change(conn: Connection) -> list[DocumentDue]:
    """Documents in use whose watched registers changed after their last review."""
    day = business_date_sql("created_at")
    rows = conn.execute(
        f"SELECT id, code, title, change_triggers, coalesce(last_reviewed, approved_on, {day}) "
        "FROM pms_document WHERE coalesce(active, 1) = 1 AND change_triggers IS NOT NULL "
        "ORDER BY code"
    ).fetchall()
    found = []
    for record_id, code, title, triggers, since_text in rows:
        since = date.fromisoformat(since_text)
        changes = [
            change
            for trigger in json.loads(triggers)
            if (change := _changes(conn, trigger, since, (DOCUMENTS_KEY, record_id)))
        ]
        if changes:
            found.append(DocumentDue(record_id, code, title, since, tuple(changes)))
    return found


@dataclass(frozen=True)
class AmendedLaw:
    legal_id: int
    code: str
    name: str
    version: str | None
    version_date: date


def laws_amended_since_review(conn: Connection) -> list[AmendedLaw]:
    """Entries in use whose current version took effect after their last review (or entry)."""
    day = business_date_sql("created_at")
    rows = conn.execute(
        "SELECT id, code, name, version, version_date FROM legal_requirement "
        "WHERE coalesce(active, 1) = 1 AND version_date IS NOT NULL "
        f"AND version_date > coalesce(last_reviewed, {day}) ORDER BY version_date, code"
    ).fetchall()
    return [
        AmendedLaw(record_id, code, name, version, date.fromisoformat(version_date))
        for record_id, code, name, version, version_date in rows
    ]
