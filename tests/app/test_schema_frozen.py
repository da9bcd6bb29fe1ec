"""The schema follows the declarations (house rule 24).

- The declarations must produce exactly the latest frozen schema (``app/storage/schema_vN.py``):
  changing a declaration without freezing a new version and adding its migration fails here.
- A new workspace holds exactly that schema, and so does every real old workspace file once
  migrated (tests/data/db_v1 … db_v5): same tables, columns, constraints, indexes and search index.
- Constraints come from the declarations: UNIQUE, NOT NULL, FOREIGN KEY, CHECK.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlcipher3

from app.registers import all_registers
from app.registers.ddl import schema_statements
from app.registers.records import META_COLUMNS
from app.storage import migrations
from app.storage.rebuild import normalise_sql
from app.storage.workspace import Workspace
from app.verify import verify_workspace

REGISTERS = all_registers()
DATA = Path(__file__).resolve().parents[1] / "data"
OLD_FILES = [
    (n, DATA / f"db_v{n}" / "workspace.mamori", f"mamori-fixture-v{n}") for n in range(1, 6)
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = Workspace.create(tmp_path_factory.mktemp("schema") / "s.mamori", "schema-check-passphrase")
    yield ws
    ws.close()


def schema_of(conn) -> dict[tuple[str, str], str]:
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE "
        "'%\\_fts\\_%' ESCAPE '\\'"
    )
    return {(kind, name): normalise_sql(sql) for kind, name, sql in rows}


def test_declarations_match_the_latest_frozen_schema() -> None:
    generated = schema_statements(REGISTERS)
    assert generated == migrations.LATEST_SCHEMA, (
        "a declaration changed: run `python -m tools.schema freeze N+1` and add Migration(N+1, "
        "rebuild=schema_vN1.STATEMENTS) (with prepare/transform when data changes shape)"
    )


def test_a_changed_declaration_would_be_caught() -> None:
    """The check is not vacuous: one more field gives a different schema."""
    from dataclasses import replace

    from app.registers.fields import Field

    people = next(d for d in REGISTERS if d.key == "people")
    grown = replace(people, fields=(*people.fields, Field("phone", "Phone")))
    changed = [grown if d is people else d for d in REGISTERS]
    assert schema_statements(changed) != migrations.LATEST_SCHEMA


def test_a_new_workspace_holds_the_frozen_schema(workspace) -> None:
    fresh = Path(workspace.path).with_name("bare.mamori")
    conn = sqlcipher3.connect(":memory:")
    for statement in migrations.LATEST_SCHEMA:
        conn.execute(statement)
    assert schema_of(workspace.conn) == schema_of(conn)
    assert not fresh.exists()


@pytest.mark.parametrize(("version", "path", "passphrase"), OLD_FILES, ids=lambda v: str(v))
def test_every_old_file_migrates_to_the_frozen_schema_and_verifies(
    tmp_path, workspace, version, path, passphrase
) -> None:
    copy = tmp_path / "old.mamori"
    shutil.copyfile(path, copy)
    with Workspace.open(copy, passphrase) as ws:
        assert ws.schema_version == migrations.SCHEMA_VERSION
        assert schema_of(ws.conn) == schema_of(workspace.conn)
        report = verify_workspace(ws.conn)
        assert report.ok, [p.message for p in report.problems]
        assert report.records > 0


def _columns(conn, table: str) -> dict[str, tuple[str, bool]]:
    return {
        row[1]: (row[2].upper(), bool(row[3]))
        for row in conn.execute(f"PRAGMA table_info({table})")
    }


@pytest.mark.parametrize("defn", REGISTERS, ids=lambda d: d.key)
def test_columns_follow_the_fields(workspace, defn) -> None:
    columns = _columns(workspace.conn, defn.table)
    wanted = {item.column for item in defn.table_fields} | {"id", *META_COLUMNS}
    assert set(columns) == wanted
    for item in defn.table_fields:
        sql_type, not_null = columns[item.column]
        assert sql_type == item.sql_type, f"{defn.key}.{item.key}"
        assert not_null == (item.required and not item.computed), f"{defn.key}.{item.key}"


@pytest.mark.parametrize("defn", REGISTERS, ids=lambda d: d.key)
def test_links_are_foreign_keys(workspace, defn) -> None:
    conn = workspace.conn
    keys = {row[3]: row[2] for row in conn.execute(f"PRAGMA foreign_key_list({defn.table})")}
    for item in defn.link_fields:
        target = next(d for d in REGISTERS if d.key == item.link)
        assert keys.get(item.column) == target.table, f"{defn.key}.{item.key} -> {target.table}"
    for item in defn.multi_link_fields:
        target = next(d for d in REGISTERS if d.key == item.link)
        table = item.link_table(defn.table)
        links = {
            row[3]: (row[2], row[6]) for row in conn.execute(f"PRAGMA foreign_key_list({table})")
        }
        assert links == {
            "owner_id": (defn.table, "CASCADE"),
            "target_id": (target.table, "RESTRICT"),
        }


@pytest.mark.parametrize("defn", [d for d in REGISTERS if d.unique_together], ids=lambda d: d.key)
def test_unique_together_is_a_unique_constraint(workspace, defn) -> None:
    conn = workspace.conn
    unique = set()
    for row in conn.execute(f"PRAGMA index_list({defn.table})"):
        if row[2]:  # unique
            unique.add(tuple(r[2] for r in conn.execute(f"PRAGMA index_info({row[1]})")))
    for group in defn.unique_together:
        assert tuple(defn.field(k).column for k in group) in unique, f"{defn.key}: {group}"


@pytest.mark.parametrize("defn", [d for d in REGISTERS if d.search_fields], ids=lambda d: d.key)
def test_searchable_fields_are_in_the_full_text_index(workspace, defn) -> None:
    indexed = set(_columns(workspace.conn, defn.fts_table))
    assert indexed == {item.column for item in defn.search_fields}


def test_checks_refuse_what_the_declaration_forbids(workspace) -> None:
    """CHECK constraints hold even for a write that bypasses the record layer."""
    conn = workspace.conn
    for sql in (
        "UPDATE organisation SET is_pmark_holder = 2",
        "UPDATE organisation SET default_dsr_sla_days = 0",
        "UPDATE organisation SET pmark_expiry = '2027/06/30'",
        "UPDATE organisation SET name = NULL",
    ):
        with pytest.raises(sqlcipher3.IntegrityError):
            conn.execute(sql)
