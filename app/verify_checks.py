"""The parts of ``verify`` beyond the registers: search indexes, stored board reports and ``meta``.

Each check adds its findings to a report through ``add(check, message)``.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any, Protocol

from app.i18n import _
from app.storage import audit
from app.storage.database import Connection, DatabaseError, write_transaction

META_KEYS_CHECKED = ("app", "created_at", "created_by_version")
CREATION_SLACK = timedelta(minutes=2)


class Findings(Protocol):
    damaged_indexes: list[str]

    def add(self, check: str, message: str) -> None: ...


def search_indexes(conn: Connection) -> list[tuple[str, str]]:
    """(index table, content table) for every FTS5 index kept in step by triggers."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%' "
        "ORDER BY name"
    )
    found = []
    for name, sql in rows:
        marker = "content='"
        start = sql.find(marker)
        if start >= 0:
            content = sql[start + len(marker) : sql.index("'", start + len(marker))]
            found.append((str(name), content))
    return found


def check_indexes(conn: Connection, report: Findings) -> None:
    """Each index holds exactly its table's rows, and its terms match the rows' text."""
    for index, table in search_indexes(conn):
        missing = conn.execute(
            f"SELECT count(*) FROM (SELECT id FROM {table} EXCEPT SELECT id FROM {index}_docsize)"
        ).fetchone()[0]
        extra = conn.execute(
            f"SELECT count(*) FROM (SELECT id FROM {index}_docsize EXCEPT SELECT id FROM {table})"
        ).fetchone()[0]
        problem = ""
        if missing or extra:
            problem = _(
                "The search index {index} misses {missing} rows of {table} and holds {extra} rows "
                "that are not there: searches would silently miss records."
            ).format(index=index, table=table, missing=missing, extra=extra)
        else:
            try:
                conn.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
            except DatabaseError:
                problem = _(
                    "The search index {index} does not match the text in {table}: searches would "
                    "give wrong results."
                ).format(index=index, table=table)
        if problem:
            report.add("index", problem)
            report.damaged_indexes.append(index)


def rebuild_indexes(conn: Connection, indexes: list[str] | None = None) -> list[str]:
    """Rebuild search indexes from their tables (all, or the named ones), audited as a repair."""
    known = dict(search_indexes(conn))
    chosen = [name for name in (indexes if indexes is not None else list(known)) if name in known]
    with write_transaction(conn):
        for index in chosen:
            conn.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
        audit.append(conn, "repair", detail={"rebuilt_indexes": chosen})
    return chosen


def _snapshot_hash(snapshot_json: str) -> str | None:
    from app.board.snapshot import Snapshot

    try:
        return Snapshot.from_json(snapshot_json).content_hash()
    except (ValueError, TypeError, KeyError):
        return None


def check_stored_reports(conn: Connection, report: Findings) -> None:
    """Every stored board report matches its own content hash (the hash printed on its cover).

    The reports are a declared register, so the replay of the trail already compares each row
    with its audit entries; this adds that the snapshot itself still hashes to what was printed.
    """
    has_table = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'board_report'"
    ).fetchone()[0]
    if not has_table:
        return
    rows = conn.execute("SELECT id, period_label, snapshot, content_hash FROM board_report")
    for report_id, label, snapshot_json, stored_hash in rows:
        if _snapshot_hash(snapshot_json) != stored_hash:
            name = _("Stored board report #{id} ({label})").format(id=report_id, label=label)
            report.add(
                "reports",
                _(
                    "{name} was changed outside Mamori: it no longer matches its content hash."
                ).format(name=name),
            )


def _creation_entry(conn: Connection) -> audit.AuditEntry | None:
    return next(audit.iter_entries(conn, "WHERE action = 'create'"), None)


def check_meta(conn: Connection, report: Findings) -> None:
    """The workspace's own facts agree with its creation entry."""
    meta: dict[str, Any] = dict(conn.execute("SELECT key, value FROM meta"))
    for key in META_KEYS_CHECKED:
        if key not in meta:
            report.add("meta", _("The workspace fact '{key}' was removed.").format(key=key))
    created = _creation_entry(conn)
    if created is None:
        return  # workspaces of the first release recorded no creation entry
    detail = json.loads(created.detail) if created.detail else {}
    if "version" in detail and meta.get("created_by_version") not in (None, detail["version"]):
        report.add(
            "meta",
            _(
                "The workspace fact 'created_by_version' was changed outside Mamori: the audit "
                "trail says {recorded}, the file holds {actual}."
            ).format(recorded=detail["version"], actual=meta.get("created_by_version")),
        )
    stamp = meta.get("created_at")
    if stamp is not None and not _near(str(stamp), created.at):
        report.add(
            "meta",
            _(
                "The workspace fact 'created_at' was changed outside Mamori: the audit trail says "
                "{recorded}, the file holds {actual}."
            ).format(recorded=created.at[:19], actual=stamp),
        )


def _near(stamp: str, entry_at: str) -> bool:
    try:
        first, second = datetime.fromisoformat(stamp), datetime.fromisoformat(entry_at)
        return abs(first - second) <= CREATION_SLACK
    except (ValueError, TypeError):
        return False
