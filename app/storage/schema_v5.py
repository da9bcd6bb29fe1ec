"""Schema version 5: a person's employment type may be left empty.

A roster names people with employment types nobody has put in the catalogue yet (業務職員,
シニア職員...). The import creates the person anyway and leaves the type empty with a warning, so
the column loses its NOT NULL. SQLite cannot drop a NOT NULL with ALTER TABLE; rebuilding ``person``
would need foreign keys off, which a transaction cannot do. SQLite documents this edit of the stored
table definition for removing a NOT NULL constraint (https://sqlite.org/lang_altertable.html,
"Making Other Kinds Of Table Schema Changes"); ``writable_schema = RESET`` reloads the schema.

Frozen: later changes are new migration steps, never edits here.
"""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = (
    "PRAGMA writable_schema = ON",
    "UPDATE sqlite_schema SET sql = replace(sql, 'employment_type TEXT NOT NULL', "
    "'employment_type TEXT') WHERE type = 'table' AND name = 'person'",
    "PRAGMA writable_schema = RESET",
)
