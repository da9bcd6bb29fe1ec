"""``verify``: is the workspace intact, and does every record match what the audit trail recorded?

Four checks: SQLCipher's page HMACs (cipher_integrity_check), SQLite's integrity_check and
foreign_key_check, the audit hash chain, and a replay that compares every record with the last
state its audit entries describe — which finds rows changed, added or removed behind Mamori's back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import sqlcipher3

from app.i18n import _
from app.jobs import Cancelled, Progress, check_cancelled, never_cancelled, no_progress
from app.registers.definition import RegisterDef
from app.registers.records import business_columns, links_by_owner, record_label, table_columns
from app.registers.registry import all_registers
from app.storage import audit
from app.storage.database import Connection, read_snapshot


@dataclass(frozen=True)
class Problem:
    check: str  # "cipher", "sqlite", "foreign_keys", "chain", "records"
    message: str


@dataclass
class VerifyReport:
    problems: list[Problem] = field(default_factory=list)
    entries: int = 0
    records: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, check: str, message: str) -> None:
        self.problems.append(Problem(check, message))


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _expected(
    recorded: dict[str, Any], column: str, after_entry: int, added: list[tuple[int, dict]]
) -> Any:
    """What the trail says a column holds: the recorded value, or, for a column an upgrade added
    after the record's last entry, the default that upgrade filled in (recorded in its entry)."""
    if column in recorded:
        return recorded[column]
    for entry_id, columns in added:
        if entry_id > after_entry and column in columns:
            return columns[column]
    return None


def _compare_register(conn: Connection, defn: RegisterDef, report: VerifyReport) -> None:
    states = audit.latest_states(conn, defn.key)
    added = audit.upgrade_defaults(conn).get(defn.key, [])
    in_table = table_columns(defn)
    columns = business_columns(defn)
    links = links_by_owner(conn, defn)
    seen: set[int] = set()
    sql = f"SELECT id, {', '.join(in_table)} FROM {defn.table}"
    for row in conn.execute(sql):
        record_id, values = row[0], dict(zip(in_table, row[1:], strict=True))
        for column, owners in links.items():
            values[column] = owners.get(record_id)
        seen.add(record_id)
        report.records += 1
        entry = states.get(record_id)
        name = f"{defn.key} #{record_id}"
        if entry is None or entry.action == "delete":
            report.add(
                "records", _("{name} was added outside Mamori (no audit entry).").format(name=name)
            )
            continue
        recorded = entry.after_values()
        for column in columns:
            expected = _expected(recorded, column, entry.id, added)
            if expected != values[column]:
                report.add(
                    "records",
                    _(
                        "{name} ({label}): {column} was changed outside Mamori: the audit trail "
                        "(entry {entry}) says {recorded}, the table holds {actual}."
                    ).format(
                        name=name,
                        label=entry.record_label,
                        column=column,
                        entry=entry.id,
                        recorded=_short(expected),
                        actual=_short(values[column]),
                    ),
                )
    for record_id, entry in states.items():
        if record_id not in seen and entry.action != "delete":
            report.add(
                "records",
                _(
                    "{register} #{id} ({label}) was removed outside Mamori (last audit entry "
                    "{entry})."
                ).format(register=defn.key, id=record_id, label=entry.record_label, entry=entry.id),
            )


def verify_workspace(
    conn: Connection, *, progress: Progress = no_progress, cancelled: Cancelled = never_cancelled
) -> VerifyReport:
    report = VerifyReport()
    progress(0.0, _("Checking encryption..."))
    for (message,) in conn.execute("PRAGMA cipher_integrity_check"):
        report.add("cipher", str(message))
    check_cancelled(cancelled)
    progress(0.25, _("Checking database structure..."))
    try:
        for (message,) in conn.execute("PRAGMA integrity_check"):
            if message != "ok":
                report.add("sqlite", str(message))
        for table, rowid, parent, _index in conn.execute("PRAGMA foreign_key_check"):
            report.add(
                "foreign_keys",
                _("{table} row {rowid} refers to a missing {parent} record.").format(
                    table=table, rowid=rowid, parent=parent
                ),
            )
    except sqlcipher3.DatabaseError as exc:
        # A damaged page stops SQLite's own checks; the cipher check above has named the page.
        report.add("sqlite", _("The database structure cannot be read: {error}.").format(error=exc))
        return report
    check_cancelled(cancelled)
    progress(0.5, _("Checking the audit chain..."))
    with read_snapshot(conn):
        report.entries = int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])
        for item in audit.verify_chain(conn):
            report.add(
                "chain",
                _("Audit entry {id}: {problem}.").format(id=item.entry_id, problem=item.problem),
            )
        registers = all_registers()
        for position, defn in enumerate(registers):
            check_cancelled(cancelled)
            progress(0.6 + 0.4 * position / len(registers), _("Comparing records..."))
            _compare_register(conn, defn, report)
    progress(1.0, _("Done"))
    return report


__all__ = ["Problem", "VerifyReport", "record_label", "verify_workspace"]
