"""Schema version 4: stored board (理事会) reports — the frozen snapshot, the officer's narrative and
the content hash printed on the cover, so last year's report can be printed again identically.

Frozen: later changes are new migration steps, never edits here.
"""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE board_report (
        id INTEGER PRIMARY KEY,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        period_label TEXT NOT NULL,
        language TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        narrative TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL)""",
    "CREATE INDEX board_report_period ON board_report(period_start, period_end)",
)
