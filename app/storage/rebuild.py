"""Rebuild tables to a frozen schema: SQLite's way of changing constraints and columns.

For each table whose definition differs from the frozen one: create the new table under a
temporary name, copy the columns both share, drop the old table (its indexes and triggers go with
it), rename the new one, then create its indexes and full-text index from the frozen statements and
rebuild the index. New tables (link tables) are created. Columns the new table adds are filled with
their DEFAULT and reported in ``UpgradeLog.added`` for the upgrade's audit entry. Foreign keys must
be off (the caller checks them as a whole before committing).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from app.storage.database import Connection

_TABLE = re.compile(r"^CREATE TABLE (\w+) \(")
_INDEX = re.compile(r"^CREATE INDEX \w+ ON (\w+)\(")
_FTS = re.compile(r"^CREATE VIRTUAL TABLE (\w+)_fts USING")
_TRIGGER = re.compile(r"^CREATE TRIGGER \w+ AFTER \w+ ON (\w+) ")


@dataclass
class UpgradeLog:
    """What an upgrade did that the audit trail must know: {register: {column: value filled}}."""

    added: dict[str, dict[str, Any]] = field(default_factory=dict)


def normalise_sql(sql: str) -> str:
    """One spelling per definition: whitespace collapsed, the quotes a rename adds removed."""
    text = re.sub(r"\s+", " ", sql).strip()
    text = re.sub(r'^CREATE TABLE "(\w+)"', r"CREATE TABLE \1", text)
    return text.replace("( ", "(").replace(" )", ")")


def group_by_table(statements: tuple[str, ...]) -> dict[str, list[str]]:
    """The frozen statements by the table they belong to (indexes, FTS and triggers included)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for statement in statements:
        for pattern in (_TABLE, _INDEX, _FTS, _TRIGGER):
            found = pattern.match(statement)
            if found:
                groups[found.group(1)].append(statement)
                break
        else:
            raise ValueError(f"cannot place statement: {statement[:60]}")
    return dict(groups)


def _existing(conn: Connection) -> dict[str, str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    return {name: normalise_sql(sql or "") for name, sql in rows}


def _columns(conn: Connection, table: str) -> dict[str, str | None]:
    """column -> its DEFAULT expression (None when it has none)."""
    return {row[1]: row[4] for row in conn.execute(f"PRAGMA table_info({table})")}


def _drop_fts(conn: Connection, table: str) -> None:
    for suffix in ("ai", "ad", "au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
    conn.execute(f"DROP TABLE IF EXISTS {table}_fts")


def _sync_parts(conn: Connection, table: str, group: list[str], existing: dict[str, str]) -> bool:
    """For a table kept as it is: indexes and the full-text index as frozen. True if changed."""
    changed = False
    wanted = {statement.split()[2]: statement for statement in group if _INDEX.match(statement)}
    have = {
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT "
            "NULL",
            (table,),
        )
    }
    for name in have - wanted.keys():
        conn.execute(f"DROP INDEX {name}")
        changed = True
    for name in wanted.keys() - have:
        conn.execute(wanted[name])
        changed = True
    fts = [
        statement
        for statement in group
        if statement.startswith(("CREATE VIRTUAL", "CREATE TRIGGER"))
    ]
    fts_now = existing.get(f"{table}_fts")
    fts_wanted = normalise_sql(fts[0]) if fts else None
    if fts_now != fts_wanted:
        _drop_fts(conn, table)
        for statement in fts:
            conn.execute(statement)
        if fts:
            conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES('rebuild')")
        changed = True
    return changed


def rebuild_to(
    conn: Connection,
    statements: tuple[str, ...],
    register_tables: dict[str, str],
    log: UpgradeLog,
) -> list[str]:
    """Make every table of ``statements`` match it. Returns the tables created or rebuilt."""
    existing = _existing(conn)
    changed: list[str] = []
    for table, group in group_by_table(statements).items():
        create = group[0]
        if not _TABLE.match(create):
            raise ValueError(f"{table}: its CREATE TABLE must come first")
        if existing.get(table) == normalise_sql(create):
            if _sync_parts(conn, table, group, existing):
                changed.append(table)
            continue
        changed.append(table)
        if table not in existing:
            for statement in group:
                conn.execute(statement)
            continue
        old_columns = _columns(conn, table)
        temporary = f"{table}__rebuild"
        conn.execute(_TABLE.sub(f"CREATE TABLE {temporary} (", create, count=1))
        new_columns = _columns(conn, temporary)
        shared = [column for column in new_columns if column in old_columns]
        listed = ", ".join(shared)
        conn.execute(f"INSERT INTO {temporary} ({listed}) SELECT {listed} FROM {table}")
        _drop_fts(conn, table)
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {temporary} RENAME TO {table}")
        for statement in group[1:]:
            conn.execute(statement)
        if any(statement.startswith("CREATE VIRTUAL TABLE") for statement in group):
            conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES('rebuild')")
        added = {
            column: conn.execute(f"SELECT {default}").fetchone()[0] if default else None
            for column, default in new_columns.items()
            if column not in old_columns
        }
        if added and table in register_tables:
            log.added.setdefault(register_tables[table], {}).update(added)
    return changed
