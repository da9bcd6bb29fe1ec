"""Full-text search tables: FTS5 with the trigram tokenizer, which handles Japanese (no spaces).

Trigram matches terms of three or more characters; shorter terms are matched with LIKE by the query
layer. The index is external-content, kept in step by triggers, so it stores no second copy of the text.
"""

from __future__ import annotations


def fts_statements(table: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """DDL for ``<table>_fts`` and the triggers that keep it in step. Used by migrations."""
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new_values = ", ".join(f"new.{column}" for column in columns)
    old_values = ", ".join(f"old.{column}" for column in columns)
    return (
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='trigram')",
        f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new_values}); END",
        f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old_values}); END",
        f"CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old_values}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new_values}); END",
    )


def drop_fts_statements(table: str) -> tuple[str, ...]:
    fts = f"{table}_fts"
    return (
        f"DROP TRIGGER IF EXISTS {table}_fts_ai",
        f"DROP TRIGGER IF EXISTS {table}_fts_ad",
        f"DROP TRIGGER IF EXISTS {table}_fts_au",
        f"DROP TABLE IF EXISTS {fts}",
    )
