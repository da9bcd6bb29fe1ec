"""``verify``: is the workspace intact, and does every record match what the audit trail recorded?

The checks: SQLCipher's page HMACs (cipher_integrity_check), SQLite's integrity_check and
foreign_key_check; the audit hash chain and its anchors outside the file (``storage.anchor``); a
replay that compares every record of every register — business values and who/when columns — with
the last state its audit entries describe, which finds rows changed, added or removed behind
Mamori's back; the stored board reports against their content hash and the trail; ``meta`` against
the creation entry; and every search index against its table (``rebuild_indexes`` repairs them).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlcipher3

from app.i18n import _
from app.jobs import Cancelled, Progress, check_cancelled, never_cancelled, no_progress
from app.registers.definition import RegisterDef
from app.registers.records import business_columns, links_by_owner, record_label, table_columns
from app.registers.registry import all_registers
from app.storage import audit
from app.storage.anchor import ChainHead
from app.storage.database import Connection, read_snapshot
from app.storage.health import trail_problems
from app.verify_checks import check_indexes, check_meta, check_stored_reports, rebuild_indexes


@dataclass(frozen=True)
class Problem:
    check: str  # "cipher", "sqlite", "foreign_keys", "chain", "anchor", "records", "reports",
    # "meta", "index"
    message: str


@dataclass
class VerifyReport:
    problems: list[Problem] = field(default_factory=list)
    entries: int = 0
    records: int = 0
    damaged_indexes: list[str] = field(default_factory=list)  # FTS tables to rebuild

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
    inserts = audit.latest_inserts(conn, defn.key)
    added = audit.upgrade_defaults(conn).get(defn.key, [])
    in_table = table_columns(defn)
    columns = business_columns(defn)
    links = links_by_owner(conn, defn)
    seen: set[int] = set()
    sql = f"SELECT id, {', '.join((*in_table, *WHO_WHEN))} FROM {defn.table}"
    for row in conn.execute(sql):
        record_id = row[0]
        values = dict(zip(in_table, row[1 : len(in_table) + 1], strict=True))
        who_when = dict(zip(WHO_WHEN, row[len(in_table) + 1 :], strict=True))
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
        _compare_who_when(f"{name} ({entry.record_label})", who_when, entry, inserts, report)
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


WHO_WHEN = ("created_at", "created_by", "updated_at", "updated_by")
CLOCK_SLACK = timedelta(minutes=2)  # the row's time and its entry's are taken moments apart


def _close_in_time(stamp: object, entry_at: str) -> bool:
    try:
        row_time = datetime.fromisoformat(str(stamp))
        entry_time = datetime.fromisoformat(entry_at)
    except ValueError:
        return False
    if row_time.tzinfo is None or entry_time.tzinfo is None:
        return False
    return abs(row_time - entry_time) <= CLOCK_SLACK


def _compare_who_when(
    name: str,
    values: dict[str, Any],
    latest: audit.AuditEntry,
    inserts: dict[int, audit.AuditEntry],
    report: VerifyReport,
) -> None:
    created = inserts.get(latest.record_id or 0)
    # An upgrade's own entry (a converted value) leaves the row's updated_* as the officer's.
    by_upgrade = '"upgrade"' in (latest.detail or "")
    pairs = [] if by_upgrade else [("updated_by", values["updated_by"], latest.os_user)]
    if created is not None:
        pairs.append(("created_by", values["created_by"], created.os_user))
    for column, actual, recorded in pairs:
        if actual != recorded:
            report.add(
                "records",
                _(
                    "{name}: {column} was changed outside Mamori: the audit trail says {recorded}, "
                    "the table holds {actual}."
                ).format(
                    name=name, column=column, recorded=_short(recorded), actual=_short(actual)
                ),
            )
    times = [] if by_upgrade else [("updated_at", values["updated_at"], latest)]
    if created is not None:
        times.append(("created_at", values["created_at"], created))
    for column, actual, entry in times:
        if not _close_in_time(actual, entry.at):
            report.add(
                "records",
                _(
                    "{name}: {column} was changed outside Mamori: the audit trail (entry {entry}) "
                    "says {recorded}, the table holds {actual}."
                ).format(
                    name=name,
                    column=column,
                    entry=entry.id,
                    recorded=entry.at[:19],
                    actual=_short(actual),
                ),
            )


def verify_workspace(
    conn: Connection,
    *,
    anchors: Sequence[tuple[str, ChainHead]] = (),
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> VerifyReport:
    """The full check. ``anchors`` are the chain heads kept outside the file (``AnchorStore``) or
    given by the officer (a printed report's anchor), each with the words naming where it came from.
    """
    report = VerifyReport()
    progress(0.0, _("Checking encryption..."))
    for (message,) in conn.execute("PRAGMA cipher_integrity_check"):
        report.add("cipher", str(message))
    if report.problems:
        # Pages that fail their HMAC make every later check report noise about the same damage.
        return report
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
        for message in trail_problems(conn, list(anchors)):
            report.add("anchor", message)
        check_cancelled(cancelled)
        progress(0.55, _("Checking search indexes and stored reports..."))
        check_indexes(conn, report)
        check_stored_reports(conn, report)
        check_meta(conn, report)
        registers = all_registers()
        for position, defn in enumerate(registers):
            check_cancelled(cancelled)
            progress(0.6 + 0.4 * position / len(registers), _("Comparing records..."))
            _compare_register(conn, defn, report)
    progress(1.0, _("Done"))
    return report


DAMAGE_CHECKS = frozenset({"cipher", "sqlite"})


def full_check(workspace: Any, conn: Connection | None = None, **job: Any) -> VerifyReport:
    """``verify_workspace`` with this PC's anchors, noted as done (for the weekly check); damage to
    the file puts the workspace in rescue mode at once."""
    from app.storage.health import Health

    report = verify_workspace(conn or workspace.conn, anchors=workspace.anchors.load(), **job)
    workspace.anchors.full_check_done()
    damage = [p.message for p in report.problems if p.check in DAMAGE_CHECKS]
    if damage and not workspace.rescue:
        workspace.enter_rescue(Health(damage=damage))
    return report


__all__ = [
    "Problem",
    "VerifyReport",
    "full_check",
    "rebuild_indexes",
    "record_label",
    "verify_workspace",
]
