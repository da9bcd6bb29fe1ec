"""The default control catalogue (domain §3.12), shipped in ``resources/controls.json``.

Like the catalogues, shipped controls the workspace lacks are added when a workspace is created or
opened (audited, as any insert); controls the officer already has, edited or not, are never touched.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from app.areas.assets.registers import CONTROLS
from app.paths import resource_path
from app.registers.records import insert_validated, validate
from app.storage.database import Connection, scalar

DIGEST_KEY = "controls_digest"
FIELDS = (
    "code",
    "category",
    "name_ja",
    "name_en",
    "gl_ref",
    "jis2017_ref",
    "jis2023_ref",
    "description",
    "evidence_expected",
)


def _path():
    return resource_path("controls.json")


@cache
def shipped_controls() -> tuple[dict[str, Any], ...]:
    data = json.loads(_path().read_text(encoding="utf-8"))
    return tuple(data["controls"])


def sync_controls(conn: Connection, *, user: str | None = None) -> int:
    """Add shipped controls the workspace lacks. Call inside a write transaction, after the
    catalogues are synced. Returns how many were added; no work when the file is unchanged."""
    digest = hashlib.sha256(_path().read_bytes()).hexdigest()
    if scalar(conn, "SELECT value FROM meta WHERE key = ?", (DIGEST_KEY,)) == digest:
        return 0
    existing = {row[0] for row in conn.execute("SELECT code FROM control")}
    added = 0
    for control in shipped_controls():
        if control["code"] in existing:
            continue
        raw = {key: control.get(key) or None for key in FIELDS}
        insert_validated(conn, CONTROLS, {**validate(conn, CONTROLS, raw)}, user=user)
        added += 1
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?",
        (DIGEST_KEY, digest, digest),
    )
    return added
