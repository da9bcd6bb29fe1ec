"""Adding a field means one definition line plus one migration: this test catches a missing half."""

from __future__ import annotations

import pytest

from app.registers import all_registers
from app.registers.records import META_COLUMNS

REGISTERS = all_registers()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    from app.storage.workspace import Workspace

    ws = Workspace.create(tmp_path_factory.mktemp("schema") / "s.mamori", "schema-check-passphrase")
    yield ws
    ws.close()


def _columns(conn, table: str) -> dict[str, str]:
    return {row[1]: row[2].upper() for row in conn.execute(f"PRAGMA table_info({table})")}


@pytest.mark.parametrize("defn", REGISTERS, ids=lambda d: d.key)
def test_every_field_has_a_column_of_its_type(workspace, defn) -> None:
    columns = _columns(workspace.conn, defn.table)
    for item in defn.fields:
        assert item.column in columns, f"{defn.key}.{item.key}: add a migration for the column"
        assert columns[item.column] == item.sql_type, f"{defn.key}.{item.key}: column type"
    for meta in ("id", *META_COLUMNS):
        assert meta in columns


@pytest.mark.parametrize("defn", REGISTERS, ids=lambda d: d.key)
def test_table_has_no_column_without_a_field(workspace, defn) -> None:
    fields = {item.column for item in defn.fields} | {"id", *META_COLUMNS}
    extra = set(_columns(workspace.conn, defn.table)) - fields - {"extra"}
    assert not extra, f"{defn.key}: columns {extra} have no field definition"


@pytest.mark.parametrize("defn", [d for d in REGISTERS if d.search_fields], ids=lambda d: d.key)
def test_searchable_fields_are_in_the_full_text_index(workspace, defn) -> None:
    indexed = set(_columns(workspace.conn, defn.fts_table))
    wanted = {item.column for item in defn.search_fields}
    assert wanted <= indexed, f"{defn.key}: {wanted - indexed} missing from {defn.fts_table}"


@pytest.mark.parametrize("defn", REGISTERS, ids=lambda d: d.key)
def test_link_columns_are_foreign_keys(workspace, defn) -> None:
    keys = {
        row[3]: row[2] for row in workspace.conn.execute(f"PRAGMA foreign_key_list({defn.table})")
    }
    for item in defn.link_fields:
        target = next(d for d in REGISTERS if d.key == item.link)
        assert keys.get(item.column) == target.table, f"{defn.key}.{item.key} -> {target.table}"
