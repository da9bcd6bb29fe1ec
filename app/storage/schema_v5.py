"""Schema version 5: deadline records (domain E20) and the imported holiday table.

Frozen: later changes are new migration steps, never edits here. The Python part of the step
(``app.deadlines.migration``) creates the deadlines of existing records and fixes shipped control
references, all audited, in the same transaction.
"""

from __future__ import annotations

from app.storage.fts import fts_statements

_RECORD_COLUMNS = """
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL"""

STATEMENTS: tuple[str, ...] = (
    f"""CREATE TABLE deadline (
        id INTEGER PRIMARY KEY,
        rule TEXT NOT NULL,
        duty TEXT,
        subject_register TEXT NOT NULL,
        subject_id INTEGER NOT NULL,
        subject_label TEXT,
        trigger_date TEXT,
        calendar_date TEXT,
        due_date TEXT,
        warn_from TEXT,
        status TEXT NOT NULL DEFAULT 'open',
        done_at TEXT,
        waive_reason TEXT,
        notes TEXT,{_RECORD_COLUMNS})""",
    "CREATE INDEX deadline_subject ON deadline(subject_register, subject_id, rule)",
    "CREATE INDEX deadline_open ON deadline(status, due_date)",
    *fts_statements("deadline", ("duty", "subject_label")),
    """CREATE TABLE holiday_table (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        first_year INTEGER NOT NULL,
        last_year INTEGER NOT NULL,
        count INTEGER NOT NULL)""",
    """CREATE TABLE holiday (
        table_id INTEGER NOT NULL REFERENCES holiday_table(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (table_id, day))""",
)
