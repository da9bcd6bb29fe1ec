"""The contractors' part of schema step 8, run inside the upgrade transaction, every change audited.

Until schema 7 the 台帳 had a free-text column 委託先 (``asset.entrusted_to``: "溶解処理業者",
"A運輸、B印刷"). Schema 8 drops it for the contractor register, whose ``entrusted_assets`` link
the 台帳 entries. ``read_entrusted_texts`` (the step's ``prepare``) reads the texts before the
rebuild drops the column; ``create_contractors`` (part of its ``transform``) makes one contractor
per distinct name, links the assets that named it, notes where it came from and asks the officer
to complete it, and records each asset's lost text in the trail. ``result_thresholds`` gives the
evaluation results the A/B/C thresholds a workspace made before schema 8 lacks.

Frozen with schema 8: this module uses table and column names, never today's declarations.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from app.storage import audit
from app.storage.database import Connection
from app.text import normalise_text

UPGRADE_USER = "mamori-upgrade"
_SPLIT = re.compile(r"[、,，;；\n/／]+")
THRESHOLDS = {"a": {"min_percent": 80}, "b": {"min_percent": 60}, "c": {"min_percent": 0}}
NOTE = (
    "個人情報管理台帳の「委託先」欄から移行しました（{day}）。元の記載：{texts}。"
    "委託先区分・法人番号・契約・評価を確認してください。"
)


def split_names(text: str | None) -> list[str]:
    names: list[str] = []
    for part in _SPLIT.split(text or ""):
        name = normalise_text(part).strip()
        if name and name not in names:
            names.append(name)
    return names


def read_entrusted_texts(conn: Connection) -> dict[int, str]:
    """{asset id: its 委託先 text} for every asset with one (empty when the column is gone)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(asset)")}
    if "entrusted_to" not in columns:
        return {}
    rows = conn.execute(
        "SELECT id, entrusted_to FROM asset WHERE coalesce(trim(entrusted_to), '') <> '' ORDER BY id"
    )
    return dict(rows.fetchall())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def create_contractors(conn: Connection, texts: dict[int, str]) -> int:
    """One contractor per distinct name in the texts, linked to its assets. Returns how many."""
    by_name: dict[str, list[int]] = {}
    for asset_id, text in sorted(texts.items()):
        for name in split_names(text):
            by_name.setdefault(name, []).append(asset_id)
    now, day = _now(), _now()[:10]
    for number, (name, asset_ids) in enumerate(by_name.items(), start=1):
        code = f"K{number:03d}"
        sources = "、".join(sorted({texts[asset_id] for asset_id in asset_ids}))
        values: dict[str, Any] = {
            "code": code,
            "name": name,
            "status": "active",
            "sensitivity": "general",
            "data_location": "domestic",
            "processes_abroad": 0,
            "notes": NOTE.format(day=day, texts=sources),
        }
        cursor = conn.execute(
            f"INSERT INTO contractor ({', '.join(values)}, created_at, created_by, updated_at, "
            f"updated_by) VALUES ({', '.join('?' * len(values))}, ?, ?, ?, ?)",
            (*values.values(), now, UPGRADE_USER, now, UPGRADE_USER),
        )
        contractor_id = int(cursor.lastrowid or 0)
        conn.executemany(
            "INSERT INTO contractor_entrusted_assets (owner_id, target_id, position) "
            "VALUES (?, ?, ?)",
            [(contractor_id, asset_id, position) for position, asset_id in enumerate(asset_ids)],
        )
        stored = {key: None for key in _contractor_columns(conn)}
        stored.update(values)
        stored["entrusted_assets"] = asset_ids
        audit.append(
            conn,
            "insert",
            register="contractors",
            record_id=contractor_id,
            record_label=f"{code} {name}",
            after=stored,
            detail={"upgrade": 8, "from": "asset.entrusted_to"},
            user=UPGRADE_USER,
        )
    _audit_dropped_texts(conn, texts)
    return len(by_name)


def _contractor_columns(conn: Connection) -> list[str]:
    meta = {"id", "created_at", "created_by", "updated_at", "updated_by"}
    return [row[1] for row in conn.execute("PRAGMA table_info(contractor)") if row[1] not in meta]


def _audit_dropped_texts(conn: Connection, texts: dict[int, str]) -> None:
    states = audit.latest_states(conn, "assets")
    for asset_id, text in sorted(texts.items()):
        state = states.get(asset_id)
        if state is None or state.action == "delete":
            continue
        after = {key: value for key, value in state.after_values().items() if key != "entrusted_to"}
        audit.append(
            conn,
            "update",
            register="assets",
            record_id=asset_id,
            record_label=state.record_label,
            before={"entrusted_to": text},
            after=after,
            detail={"upgrade": 8, "moved_to": "contractors"},
            user=UPGRADE_USER,
        )


def result_thresholds(conn: Connection) -> None:
    """Give the A/B/C items of EVAL_RESULT their thresholds where they have no settings yet."""
    rows = conn.execute(
        "SELECT i.id, i.code FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'EVAL_RESULT' AND i.extra IS NULL"
    ).fetchall()
    states = audit.latest_states(conn, "catalogue_items")
    for item_id, code in rows:
        if code not in THRESHOLDS:
            continue
        extra = json.dumps(THRESHOLDS[code], ensure_ascii=False)
        conn.execute(
            "UPDATE catalogue_item SET extra = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            (extra, _now(), UPGRADE_USER, item_id),
        )
        state = states.get(item_id)
        before = state.after_values() if state is not None else {}
        audit.append(
            conn,
            "update",
            register="catalogue_items",
            record_id=item_id,
            record_label=state.record_label if state is not None else code,
            before=before,
            after={**before, "extra": extra},
            detail={"upgrade": 8},
            user=UPGRADE_USER,
        )


def upgrade_contractors(conn: Connection, texts: dict[int, str] | None, _log: Any = None) -> None:
    """The contractors' ``transform`` of schema step 8 (after the tables are rebuilt)."""
    create_contractors(conn, texts or {})
    result_thresholds(conn)
