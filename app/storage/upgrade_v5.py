"""Python steps of schema 5: codes kept as text become links.

Before the rebuild, ``read_codes`` reads the purposes of each asset ("P01, P03") and the controls of
each risk item; after it, ``write_links`` stores them as rows of the new link tables and records
each changed record in the audit trail (an update whose "after" is the record as it now reads), so
``verify`` finds every record as the trail describes it. Codes that name no record any more (a
purpose deleted after it was typed) are kept in the audit entry's "before" and dropped.

Catalogue items had a column the declarations did not name (``extra``: risk bands, pledges), and
stored board reports were audited by a few of their columns only; both are declared now, so each
such record gets an audit entry recording its full state.

Frozen with schema 5: this module uses table and column names, never today's declarations.
"""

from __future__ import annotations

import re
from typing import Any

from app.storage import audit
from app.storage.database import Connection
from app.storage.rebuild import UpgradeLog

_SPLIT = re.compile(r"[\s,、，;；]+")

# (register, table, text column, link table, target table)
LINKS = (
    ("assets", "asset", "purposes", "asset_purposes", "purpose_of_use"),
    (
        "risk_items",
        "risk_item",
        "implemented_controls",
        "risk_item_implemented_controls",
        "control",
    ),
    ("risk_items", "risk_item", "planned_controls", "risk_item_planned_controls", "control"),
)
UPGRADE_USER = "mamori-upgrade"


def _codes(text: str | None) -> list[str]:
    codes: list[str] = []
    for code in _SPLIT.split(text or ""):
        if code and code not in codes:
            codes.append(code)
    return codes


def read_codes(conn: Connection) -> dict[tuple[str, str], dict[int, str]]:
    """{(register, column): {record id: the text of codes}} for every non-empty text."""
    found: dict[tuple[str, str], dict[int, str]] = {}
    for register, table, column, _link, _target in LINKS:
        rows = conn.execute(
            f"SELECT id, {column} FROM {table} WHERE coalesce({column}, '') <> ''"
        ).fetchall()
        found[(register, column)] = dict(rows)
    return found


def write_links(
    conn: Connection, state: dict[tuple[str, str], dict[int, str]], log: UpgradeLog
) -> None:
    changes: dict[tuple[str, int], tuple[dict[str, Any], dict[str, Any]]] = {}
    for register, _table, column, link_table, target in LINKS:
        ids_by_code = dict(conn.execute(f"SELECT code, id FROM {target}"))
        for record_id, text in state.get((register, column), {}).items():
            ids = [ids_by_code[code] for code in _codes(text) if code in ids_by_code]
            conn.executemany(
                f"INSERT INTO {link_table} (owner_id, target_id, position) VALUES (?, ?, ?)",
                [(record_id, target_id, position) for position, target_id in enumerate(ids)],
            )
            before, after = changes.setdefault((register, record_id), ({}, {}))
            before[column] = text
            after[column] = ids or None
    rows = conn.execute("SELECT id, extra FROM catalogue_item WHERE extra IS NOT NULL").fetchall()
    for record_id, extra in rows:
        changes[("catalogue_items", record_id)] = ({}, {"extra": extra})
    columns = ("period_start", "period_end", "period_label", "language", "snapshot", "narrative",
               "content_hash")  # fmt: skip
    for record_id, *values in conn.execute(f"SELECT id, {', '.join(columns)} FROM board_report"):
        changes[("board_reports", record_id)] = ({}, dict(zip(columns, values, strict=True)))
    states = {register: audit.latest_states(conn, register) for register, _id in changes}
    for (register, record_id), (before, after) in sorted(changes.items()):
        _audit_change(conn, states[register].get(record_id), register, before, after)


def _audit_change(
    conn: Connection,
    state: audit.AuditEntry | None,
    register: str,
    before: dict[str, Any],
    changed: dict[str, Any],
) -> None:
    if state is None or state.action == "delete":
        return  # a record the trail does not know; verify reports it as it did before
    after = {**state.after_values(), **changed}
    audit.append(
        conn,
        "update",
        register=register,
        record_id=state.record_id,
        record_label=state.record_label,
        before={**{key: state.after_values().get(key) for key in changed}, **before},
        after=after,
        detail={"upgrade": 5},
        user=UPGRADE_USER,
    )
