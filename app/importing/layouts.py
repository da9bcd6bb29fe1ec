"""Remembered column mappings, one per file layout and import kind.

Departments send the same roster month after month. Once the officer confirms a mapping, it is
kept under the layout's signature (a hash of the normalised header texts in order) as
{target key: [header texts]}: by text, not position, so it still applies when a column moves. A
file whose exact layout is new gets the newest remembered mapping whose columns it all has.
The officer's answers to values nobody knew (シニア職員 → 契約/嘱託) are kept with the mapping, under
``ANSWERS_KEY`` as {target key: {folded value: code}}, and come back with it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

from app.importing.mapping import mapping_from_texts, mapping_to_texts, normalise_header
from app.importing.spec import Mapping, Target
from app.storage.database import Connection, write_transaction


def layout_signature(headers: Sequence[str]) -> str:
    """SHA-256 of the normalised header texts in order (empty headings at the end left out)."""
    normals = [normalise_header(text) for text in headers]
    while normals and not normals[-1]:
        normals.pop()
    return hashlib.sha256("\x1f".join(normals).encode("utf-8")).hexdigest()


ANSWERS_KEY = "@values"


def _answers(stored: str) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(stored).get(ANSWERS_KEY)
    except (ValueError, AttributeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(target): {str(value): str(code) for value, code in answers.items()}
        for target, answers in data.items()
        if isinstance(answers, dict)
    }


def _as_texts(stored: str) -> dict[str, list[str]] | None:
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    texts: dict[str, list[str]] = {}
    for key, value in data.items():
        if key == ANSWERS_KEY:
            continue
        if not isinstance(value, list) or not all(isinstance(text, str) for text in value):
            return None
        texts[str(key)] = value
    return texts


def _keys(targets: Sequence[Target] | None, texts: dict[str, list[str]]) -> list[Target]:
    if targets is not None:
        return list(targets)
    return [Target(key, key) for key in texts]


def recall_layout(
    conn: Connection,
    spec_key: str,
    headers: Sequence[str],
    targets: Sequence[Target] | None = None,
) -> Mapping | None:
    """The mapping remembered for this layout, or for another layout whose columns this file has.

    With ``targets``, a remembered mapping naming a target the import no longer has is ignored.
    """
    found = _recall(conn, spec_key, headers, targets)
    return None if found is None else found[0]


def recall_answers(
    conn: Connection,
    spec_key: str,
    headers: Sequence[str],
    targets: Sequence[Target] | None = None,
) -> dict[str, dict[str, str]]:
    """The answers to unknown values kept with the layout ``recall_layout`` finds ({} if none)."""
    found = _recall(conn, spec_key, headers, targets)
    return {} if found is None else found[1]


def _recall(
    conn: Connection,
    spec_key: str,
    headers: Sequence[str],
    targets: Sequence[Target] | None,
) -> tuple[Mapping, dict[str, dict[str, str]]] | None:
    signature = layout_signature(headers)
    rows = conn.execute(
        "SELECT signature, mapping FROM import_layout WHERE spec = ? "
        "ORDER BY signature = ? DESC, updated_at DESC, rowid DESC",
        (spec_key, signature),
    ).fetchall()
    for _signature, stored in rows:
        texts = _as_texts(stored)
        if not texts:
            continue
        mapping = mapping_from_texts(texts, headers, _keys(targets, texts))
        if mapping:
            return mapping, _answers(stored)
    return None


def remember_layout(
    conn: Connection,
    spec_key: str,
    headers: Sequence[str],
    mapping: Mapping,
    answers: dict[str, dict[str, str]] | None = None,
) -> None:
    """Keep ``mapping`` (and the answers to unknown values) for files laid out like ``headers``,
    replacing what was kept."""
    texts: dict[str, object] = dict(mapping_to_texts(mapping, headers))
    kept = {target: dict(values) for target, values in (answers or {}).items() if values}
    if kept:
        texts[ANSWERS_KEY] = kept
    stored = json.dumps(texts, ensure_ascii=False, sort_keys=True)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    sql = (
        "INSERT INTO import_layout (spec, signature, mapping, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (spec, signature) DO UPDATE SET mapping = excluded.mapping, "
        "updated_at = excluded.updated_at"
    )
    params = (spec_key, layout_signature(headers), stored, now)
    if conn.in_transaction:  # part of the caller's transaction (e.g. the import itself)
        conn.execute(sql, params)
        return
    with write_transaction(conn):
        conn.execute(sql, params)


def forget_layouts(conn: Connection, spec_key: str) -> int:
    """Drop every remembered mapping of one import kind; returns how many were kept."""
    with write_transaction(conn):
        return conn.execute("DELETE FROM import_layout WHERE spec = ?", (spec_key,)).rowcount
