"""The hash-chained audit trail: who did what to which record, with before and after values.

Each entry's hash covers its own content and the previous entry's hash, so altering, inserting or
deleting an entry breaks the chain from that point on. ``append`` must run inside the write
transaction of the change it records, so the change and its entry commit together.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from app.i18n import _
from app.storage.database import Connection

GENESIS = "0" * 64

ACTIONS = (
    "insert",
    "update",
    "delete",
    "export",
    "backup",
    "rekey",
    "import",
    "create",
    "upgrade",
    "restore",
    "repair",
    "report",
    "recovery",
)


@cache
def os_user() -> str:
    """The OS login name (asked once per process: it does not change while Mamori runs)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def canonical(value: Mapping[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    os_user: str
    action: str
    register: str | None
    record_id: int | None
    record_label: str | None
    before: str | None
    after: str | None
    detail: str | None
    prev_hash: str
    hash: str

    def content_hash(self) -> str:
        return entry_hash(
            self.prev_hash,
            [
                self.id,
                self.at,
                self.os_user,
                self.action,
                self.register,
                self.record_id,
                self.record_label,
                self.before,
                self.after,
                self.detail,
            ],
        )

    def before_values(self) -> dict[str, Any]:
        return json.loads(self.before) if self.before else {}

    def after_values(self) -> dict[str, Any]:
        return json.loads(self.after) if self.after else {}


REDACTED = "［消去済み］"  # what the retention purge leaves in place of a personal value


def redaction_digest(entry: AuditEntry) -> str:
    """What a purge entry records to vouch for an entry it redacted: the entry's unchanged chain
    hash bound to its content as it is now (``app.registers.purge``)."""
    return entry_hash(
        entry.hash,
        [
            entry.id,
            entry.at,
            entry.os_user,
            entry.action,
            entry.register,
            entry.record_id,
            entry.record_label,
            entry.before,
            entry.after,
            entry.detail,
        ],
    )


def redactions(conn: Connection) -> dict[int, tuple[int, str]]:
    """Entries redacted by a retention purge: {entry id: (purge entry id, digest)}."""
    found: dict[int, tuple[int, str]] = {}
    sql = f"SELECT {_COLUMNS} FROM audit_log WHERE detail LIKE '%\"redacted\"%' ORDER BY id"
    for row in conn.execute(sql):
        entry = AuditEntry(*row)
        purge = json.loads(entry.detail or "{}").get("purge") or {}
        for entry_id, digest in (purge.get("redacted") or {}).items():
            found[int(entry_id)] = (entry.id, digest)
    return found


def entry_hash(prev_hash: str, content: list[Any]) -> str:
    payload = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


_COLUMNS = (
    "id, at, os_user, action, register, record_id, record_label, before, after, detail, "
    "prev_hash, hash"
)


def append(
    conn: Connection,
    action: str,
    *,
    register: str | None = None,
    record_id: int | None = None,
    record_label: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    detail: Mapping[str, Any] | None = None,
    user: str | None = None,
) -> AuditEntry:
    """Add one entry to the chain. Call inside ``write_transaction``."""
    if not conn.in_transaction:
        raise RuntimeError("audit entries are written inside the transaction of their change")
    last = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    entry_id, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    fields = [
        entry_id,
        at,
        user or os_user(),
        action,
        register,
        record_id,
        record_label,
        canonical(before),
        canonical(after),
        canonical(detail),
    ]
    digest = entry_hash(prev_hash, fields)
    conn.execute(
        f"INSERT INTO audit_log ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (*fields, prev_hash, digest),
    )
    if hasattr(conn, "pending_head"):
        conn.pending_head = (entry_id, digest)  # handed to the anchor once the change commits
    return AuditEntry(*fields, prev_hash, digest)  # type: ignore[arg-type]


@dataclass(frozen=True)
class NewEntry:
    """One entry for ``append_many``: what ``append`` takes, for a record."""

    action: str
    register: str | None = None
    record_id: int | None = None
    record_label: str | None = None
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None
    detail: Mapping[str, Any] | None = None


def append_many(conn: Connection, entries: Sequence[NewEntry], *, user: str | None = None) -> int:
    """Add many entries to the chain in one prepared statement (a bulk import's records).

    The same entries ``append`` would write one by one, hashed and chained here in Python and
    inserted with ``executemany``. Call inside ``write_transaction``. Returns the last entry's id.
    """
    if not conn.in_transaction:
        raise RuntimeError("audit entries are written inside the transaction of their change")
    last = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    entry_id, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    actor = user or os_user()
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    sorted_dumps = json.JSONEncoder(
        ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode
    sha256 = hashlib.sha256
    rows = []
    for entry in entries:
        entry_id += 1
        fields = [
            entry_id,
            at,
            actor,
            entry.action,
            entry.register,
            entry.record_id,
            entry.record_label,
            None if entry.before is None else sorted_dumps(entry.before),
            None if entry.after is None else sorted_dumps(entry.after),
            None if entry.detail is None else sorted_dumps(entry.detail),
        ]
        digest = sha256((prev_hash + dumps(fields)).encode("utf-8")).hexdigest()
        rows.append((*fields, prev_hash, digest))
        prev_hash = digest
    conn.executemany(f"INSERT INTO audit_log ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    return entry_id


def iter_entries(
    conn: Connection, where: str = "", params: tuple[Any, ...] = ()
) -> Iterator[AuditEntry]:
    sql = f"SELECT {_COLUMNS} FROM audit_log {where} ORDER BY id"
    for row in conn.execute(sql, params):
        yield AuditEntry(*row)


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    problem: str


def verify_chain(conn: Connection) -> list[ChainBreak]:
    """Every place the chain does not hold: altered entries, removed or inserted ones.

    An entry whose personal values a retention purge replaced keeps its chain hash (the next entry
    still follows it); it holds when a later purge entry, itself in the chain, vouches for its
    present content (``redaction_digest``)."""
    breaks: list[ChainBreak] = []
    redacted = redactions(conn)
    expected_prev = GENESIS
    expected_id = 1
    for entry in iter_entries(conn):
        if entry.id != expected_id:
            breaks.append(
                ChainBreak(
                    entry.id,
                    _("entries {first}..{last} are missing").format(
                        first=expected_id, last=entry.id - 1
                    ),
                )
            )
        if entry.prev_hash != expected_prev:
            breaks.append(
                ChainBreak(
                    entry.id,
                    _("does not follow the entry before it (an entry was removed or inserted)"),
                )
            )
        if entry.content_hash() != entry.hash:
            vouched = redacted.get(entry.id)
            if vouched is None or vouched[0] <= entry.id or vouched[1] != redaction_digest(entry):
                breaks.append(
                    ChainBreak(entry.id, _("its content was changed after it was written"))
                )
        expected_prev = entry.hash
        expected_id = entry.id + 1
    return breaks


def upgrade_defaults(conn: Connection) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Columns that schema upgrades added, with the value each filled in, by register:
    {register: [(upgrade entry id, {column: value})]}. ``verify`` expects these values in records
    whose last audit entry is older than the upgrade."""
    found: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for entry in iter_entries(conn, "WHERE action = 'upgrade'"):
        detail = json.loads(entry.detail) if entry.detail else {}
        for register, columns in (detail.get("added") or {}).items():
            found.setdefault(register, []).append((entry.id, columns))
    return found


def latest_states(conn: Connection, register: str) -> dict[int, AuditEntry]:
    """The last entry for every record of ``register`` (what the trail says the row now holds)."""
    sql = (
        f"SELECT {_COLUMNS} FROM audit_log WHERE id IN (SELECT max(id) FROM audit_log "
        "WHERE register = ? AND record_id IS NOT NULL AND action IN ('insert','update','delete') "
        "GROUP BY record_id)"
    )
    return {row[5]: AuditEntry(*row) for row in conn.execute(sql, (register,))}


def latest_inserts(conn: Connection, register: str) -> dict[int, AuditEntry]:
    """The newest insert entry of every record of ``register`` (who created the row now there)."""
    sql = (
        f"SELECT {_COLUMNS} FROM audit_log WHERE id IN (SELECT max(id) FROM audit_log "
        "WHERE register = ? AND record_id IS NOT NULL AND action = 'insert' GROUP BY record_id)"
    )
    return {row[5]: AuditEntry(*row) for row in conn.execute(sql, (register,))}
