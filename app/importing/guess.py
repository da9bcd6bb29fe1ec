"""Columns recognised by what they hold, when their heading says too little.

A column headed only 区分 may hold employment types (正職員, パート) or attendance (受講, 後日受講).
For targets that take catalogue values (``Target.catalogue``) and that no heading names,
``guess_by_values`` looks at the values of each column left over: when nearly all of them are items
of the target's catalogue, the column feeds the target.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.catalogues import code_lookup
from app.importing.header import HeaderGuess
from app.importing.reader import Table
from app.importing.spec import Mapping, Target
from app.storage.database import Connection

SAMPLE_ROWS = 200
MIN_VALUES = 3  # distinct values... or rows: a column of three 受講 is evidence enough
MIN_SHARE = 0.8


def guess_by_values(
    conn: Connection,
    table: Table,
    header: HeaderGuess,
    mapping: Mapping,
    targets: Sequence[Target],
) -> Mapping:
    """``mapping`` with catalogue targets no heading names fed by the columns whose values fit."""
    wanted = [t for t in targets if t.catalogue and not mapping.get(t.key)]
    if not wanted:
        return dict(mapping)
    used = {column for columns in mapping.values() for column in columns}
    start = header.data_start()
    rows = table.rows[start : start + SAMPLE_ROWS]
    free = [c for c in range(len(header.headers)) if c not in used]
    result = dict(mapping)
    for target in wanted:
        lookup = code_lookup(conn, target.catalogue or "")
        best: tuple[float, int] | None = None
        for column in free:
            values = [row[column] for row in rows if column < len(row) and row[column] is not None]
            texts = [v for v in values if isinstance(v, str) and v.strip()]
            if len(texts) < MIN_VALUES or len(texts) < len(values):
                continue
            share = sum(lookup.find(text) is not None for text in texts) / len(texts)
            if share >= MIN_SHARE and (best is None or share > best[0]):
                best = (share, column)
        if best is not None:
            result[target.key] = (best[1],)
            free.remove(best[1])
    return {t.key: result[t.key] for t in targets if t.key in result}
