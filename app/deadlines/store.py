"""Deadline records kept in step with their subjects, inside the subject's write transaction.

``sync_record`` runs after every insert or update of a record whose register declares
``DeadlineBinding``s; ``subject_deleted`` after a delete; ``recompute_all`` after a holiday-table
import and in the migration that introduced deadline records. Every change is audited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import jpholiday

from app.deadlines.bindings import DeadlineBinding, bindings_for
from app.deadlines.engine import Computation, compute
from app.deadlines.holidays import (
    BUILTIN_FIRST_YEAR,
    HolidayCalendar,
    load_calendar,
    parse_holiday_csv,
)
from app.deadlines.register import DEADLINES
from app.i18n import _
from app.registers.definition import RegisterDef
from app.registers.records import _now, after_write, load_record, record_label
from app.storage import audit
from app.storage.database import Connection, write_transaction

_COLUMNS = tuple(item.column for item in DEADLINES.fields)


@dataclass
class _Deadline:
    id: int
    values: dict[str, Any]  # stored (column) values

    @property
    def trigger(self) -> date | None:
        text = self.values["trigger_date"]
        return date.fromisoformat(text) if text else None

    @property
    def status(self) -> str:
        return self.values["status"]


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _subject_row(conn: Connection, defn: RegisterDef, record_id: int) -> dict[str, Any] | None:
    """Stored values of the table's fields keyed by field key (and created_at), or None if the
    record is gone. Multi-link fields have no column and bind no deadline."""
    fields = defn.table_fields
    row = conn.execute(
        f"SELECT {', '.join(item.column for item in fields)}, created_at FROM {defn.table} "
        "WHERE id = ?",
        (record_id,),
    ).fetchone()
    if row is None:
        return None
    values = {item.key: row[index] for index, item in enumerate(fields)}
    values["created_at"] = row[-1]
    return values


def _existing(conn: Connection, register: str, record_id: int, rule: str) -> list[_Deadline]:
    rows = conn.execute(
        f"SELECT id, {', '.join(_COLUMNS)} FROM deadline WHERE subject_register = ? "
        "AND subject_id = ? AND rule = ? ORDER BY trigger_date, id",
        (register, record_id, rule),
    )
    return [_Deadline(row[0], dict(zip(_COLUMNS, row[1:], strict=True))) for row in rows]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _label(values: dict[str, Any]) -> str:
    return f"{values['rule']} {values['subject_label']}"


def _insert(conn: Connection, values: dict[str, Any], user: str | None) -> int:
    actor = user or audit.os_user()
    now = _now()
    stored = {column: values.get(column) for column in _COLUMNS}
    columns = (*stored, "created_at", "created_by", "updated_at", "updated_by")
    cursor = conn.execute(
        f"INSERT INTO deadline ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        (*stored.values(), now, actor, now, actor),
    )
    record_id = int(cursor.lastrowid or 0)
    audit.append(
        conn,
        "insert",
        register=DEADLINES.key,
        record_id=record_id,
        record_label=_label(stored),
        after=stored,
        user=actor,
    )
    return record_id


def _update(
    conn: Connection, deadline: _Deadline, changes: dict[str, Any], user: str | None
) -> None:
    after = {**deadline.values, **changes}
    if after == deadline.values:
        return
    actor = user or audit.os_user()
    assignments = ", ".join(f"{column} = ?" for column in after)
    conn.execute(
        f"UPDATE deadline SET {assignments}, updated_at = ?, updated_by = ? WHERE id = ?",
        (*after.values(), _now(), actor, deadline.id),
    )
    audit.append(
        conn,
        "update",
        register=DEADLINES.key,
        record_id=deadline.id,
        record_label=_label(after),
        before=deadline.values,
        after=after,
        user=actor,
    )
    deadline.values = after


def _done_on(day: date) -> str:
    """A duty met by the change just saved: on the date the record gives (a review date), but
    never later than today (a renewed Pマーク's new expiry lies in the future)."""
    return min(day, date.today()).isoformat()


def _dates(result: Computation) -> dict[str, Any]:
    return {
        "trigger_date": _iso(result.start),
        "calendar_date": _iso(result.calendar_date),
        "due_date": _iso(result.due_date),
        "warn_from": _iso(result.warn_from),
    }


def _first_date(values: dict[str, Any], keys: tuple[str, ...]) -> date | None:
    for key in keys:
        found = _date(values.get(key))
        if found is not None:
            return found
    return None


def _newer_in_group(
    conn: Connection, defn: RegisterDef, binding: DeadlineBinding, values: dict, record_id: int
) -> date | None:
    """The trigger date of the newest other record of the same group, if later than ours."""
    if binding.group_by is None or values.get(binding.group_by) is None:
        return None
    group_column = defn.field(binding.group_by).column
    trigger_column = defn.field(binding.trigger).column
    newest = conn.execute(
        f"SELECT max({trigger_column}) FROM {defn.table} WHERE {group_column} = ? AND id != ?",
        (values[binding.group_by], record_id),
    ).fetchone()[0]
    mine = _date(values.get(binding.trigger))
    newest_date = _date(newest)
    return newest_date if newest_date and mine and newest_date > mine else None


def _close_group_elders(
    conn: Connection,
    defn: RegisterDef,
    binding: DeadlineBinding,
    values: dict,
    record_id: int,
    trigger: date,
    user: str | None,
) -> None:
    if binding.group_by is None or values.get(binding.group_by) is None:
        return
    group_column = defn.field(binding.group_by).column
    siblings = [
        row[0]
        for row in conn.execute(
            f"SELECT id FROM {defn.table} WHERE {group_column} = ? AND id != ?",
            (values[binding.group_by], record_id),
        )
    ]
    for sibling in siblings:
        for deadline in _existing(conn, defn.key, sibling, binding.rule):
            if deadline.status == "open" and deadline.trigger and deadline.trigger <= trigger:
                _update(conn, deadline, {"status": "done", "done_at": _done_on(trigger)}, user)


def _sync_binding(
    conn: Connection,
    defn: RegisterDef,
    binding: DeadlineBinding,
    record_id: int,
    values: dict[str, Any],
    label: str,
    calendar: HolidayCalendar,
    user: str | None,
) -> None:
    rows = _existing(conn, defn.key, record_id, binding.rule)
    open_rows = [row for row in rows if row.status == "open"]
    trigger = _first_date(values, (binding.trigger, *binding.fallback))
    applies = binding.applies_when is None or bool(values.get(binding.applies_when))
    if not applies or trigger is None:
        for row in open_rows:
            _update(
                conn,
                row,
                {
                    "status": "waived",
                    "waive_reason": _(binding.not_applying)
                    if binding.not_applying and trigger is not None
                    else _("The rule no longer applies to the record."),
                },
                user,
            )
        return
    done = _date(values.get(binding.done_when)) if binding.done_when else None
    done = done or _newer_in_group(conn, defn, binding, values, record_id)
    if done is not None:
        for row in open_rows:
            _update(conn, row, {"status": "done", "done_at": _done_on(done)}, user)
        return
    ended = _date(values.get(binding.ends_when)) if binding.ends_when else None
    if ended is not None:
        reason = _("Closed on {date} ({field}).").format(
            date=ended.isoformat(), field=_(defn.field(binding.ends_when).label)
        )
        for row in open_rows:
            _update(conn, row, {"status": "waived", "waive_reason": reason}, user)
        return
    override = _date(values.get(binding.due_override)) if binding.due_override else None
    result = compute(binding.rule, trigger, calendar, calendar_date=override)
    wanted = {**_dates(result), "subject_label": label, "duty": result.rule.ja}
    same = [row for row in rows if row.trigger == trigger]
    if same:
        if same[-1].status == "open":
            _update(conn, same[-1], wanted, user)
        for row in open_rows:
            if row is not same[-1] and binding.cycle and row.trigger and row.trigger < trigger:
                _update(conn, row, {"status": "done", "done_at": _done_on(trigger)}, user)
        return
    if open_rows and not binding.cycle:
        _update(conn, open_rows[-1], wanted, user)  # the trigger was corrected
        return
    for row in open_rows:
        if row.trigger and row.trigger < trigger:
            _update(conn, row, {"status": "done", "done_at": _done_on(trigger)}, user)
        else:  # a correction to an earlier date: keep one open deadline
            _update(conn, row, wanted, user)
            return
    _insert(
        conn,
        {
            "rule": binding.rule,
            "subject_register": defn.key,
            "subject_id": record_id,
            "status": "open",
            "done_at": None,
            "waive_reason": None,
            "notes": None,
            **wanted,
        },
        user,
    )
    _close_group_elders(conn, defn, binding, values, record_id, trigger, user)


def sync_record(
    conn: Connection,
    defn: RegisterDef,
    record_id: int,
    *,
    user: str | None = None,
    calendar: HolidayCalendar | None = None,
) -> None:
    """Bring the deadlines of one record in line with its stored values. Call inside the write
    transaction that changed the record."""
    if not bindings_for(defn):
        return
    values = _subject_row(conn, defn, record_id)
    if values is None:
        subject_deleted(conn, defn, record_id, user=user)
        return
    # a record named by its links (a risk assessment: asset / date / people) keeps two parts
    label = " / ".join(
        record_label(defn, load_record(conn, defn, record_id), conn).split(" / ")[:2]
    )
    calendar = calendar or load_calendar(conn)
    for binding in bindings_for(defn):
        _sync_binding(conn, defn, binding, record_id, values, label, calendar, user)


def subject_deleted(
    conn: Connection, defn: RegisterDef, record_id: int, *, user: str | None = None
) -> None:
    """Waive the open deadlines of a deleted record (they stay, as history)."""
    for binding in bindings_for(defn):
        for row in _existing(conn, defn.key, record_id, binding.rule):
            if row.status == "open":
                _update(
                    conn,
                    row,
                    {"status": "waived", "waive_reason": _("The record was deleted.")},
                    user,
                )


def recompute_all(conn: Connection, *, user: str | None = None) -> int:
    """Sync every record of every register with bindings (after a holiday import, a migration).
    Call inside a write transaction. Returns how many records were looked at."""
    from app.registers.registry import all_registers

    calendar = load_calendar(conn)
    seen = 0
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for defn in all_registers():
        if not bindings_for(defn) or defn.table not in tables:
            continue  # a register a later upgrade step creates has no records yet
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({defn.table})")}
        if any(item.column not in columns for item in defn.table_fields):
            continue  # a later upgrade step adds columns to it, and syncs it then
        for (record_id,) in conn.execute(f"SELECT id FROM {defn.table} ORDER BY id").fetchall():
            sync_record(conn, defn, record_id, user=user, calendar=calendar)
            seen += 1
    return seen


RULES_DIGEST_KEY = "deadline_rules_digest"


def refresh_if_rules_changed(conn: Connection) -> bool:
    """Recompute every deadline when the shipped rules data differs from the one they were
    computed with (a release that corrects a rule). Call inside a write transaction."""
    import hashlib

    from app.deadlines.rules import RULES_FILE
    from app.paths import resource_path

    digest = hashlib.sha256(resource_path(*RULES_FILE).read_bytes()).hexdigest()
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (RULES_DIGEST_KEY,)).fetchone()
    if row is not None and row[0] == digest:
        return False
    if row is not None:  # a new workspace has nothing to recompute
        recompute_all(conn)
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?",
        (RULES_DIGEST_KEY, digest, digest),
    )
    return True


@dataclass(frozen=True)
class HolidayImport:
    file_name: str
    first_year: int
    last_year: int
    count: int
    changed_days: tuple[tuple[date, str | None, str | None], ...]  # (day, built-in, imported)


def differences(
    holidays: dict[date, str], years: Iterable[int]
) -> list[tuple[date, str | None, str | None]]:
    """Days where the imported table and jpholiday disagree, within the covered years."""
    found = []
    for year in years:
        day = date(year, 1, 1)
        while day.year == year:
            builtin = jpholiday.is_holiday_name(day)
            imported = holidays.get(day)
            if builtin != imported:
                found.append((day, builtin, imported))
            day += timedelta(days=1)
    return found


def import_holiday_csv(conn: Connection, path: Path, *, user: str | None = None) -> HolidayImport:
    """Store a syukujitsu.csv as the workspace's holiday table (audited); recompute deadlines."""
    data = path.read_bytes()
    holidays = parse_holiday_csv(data, path.name)
    first, last = min(holidays).year, max(holidays).year
    changed = differences(holidays, range(max(first, BUILTIN_FIRST_YEAR), last + 1))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with write_transaction(conn):
        cursor = conn.execute(
            "INSERT INTO holiday_table (file_name, sha256, imported_at, imported_by, first_year, "
            "last_year, count) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                path.name,
                hashlib.sha256(data).hexdigest(),
                now,
                user or audit.os_user(),
                first,
                last,
                len(holidays),
            ),
        )
        table_id = cursor.lastrowid
        conn.executemany(
            "INSERT INTO holiday (table_id, day, name) VALUES (?, ?, ?)",
            [(table_id, day.isoformat(), name) for day, name in sorted(holidays.items())],
        )
        audit.append(
            conn,
            "import",
            register="holidays",
            record_id=table_id,
            record_label=path.name,
            detail={
                "file": path.name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "years": f"{first}-{last}",
                "holidays": len(holidays),
                "differs_from_builtin": [day.isoformat() for day, _b, _i in changed],
            },
            user=user,
        )
        recompute_all(conn, user=user)
    return HolidayImport(path.name, first, last, len(holidays), tuple(changed))


@after_write
def _after_write(conn: Connection, defn: RegisterDef, record_id: int, user: str | None) -> None:
    sync_record(conn, defn, record_id, user=user)
