"""The schema follows the declarations: SQL DDL generated from the registers' ``RegisterDef``s.

From one declaration come the table (a column per stored field, NOT NULL for required fields,
DEFAULT from the field's default, FOREIGN KEY for links, UNIQUE for ``unique`` and
``unique_together``, CHECK where the rule is fixed: yes/no is 0 or 1, whole numbers within their
bounds, dates in ISO form, multiple choices a JSON list), one link table per multi-link field
(real foreign keys both ways; deleting the owner deletes its links, a linked record cannot be
deleted), the indexes (declared ones, plus every link column) and the full-text index.

Choice fields get no CHECK: their codes come from catalogues the officer edits, so the record
layer checks them against the workspace instead.

Each schema version's output is frozen in ``app/storage/schema_vN.py`` (``python -m tools.schema
freeze N``); ``tests/app/test_schema_frozen.py`` fails when the declarations no longer produce the
latest frozen schema, i.e. when a declaration changed without a migration.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.storage.fts import fts_statements

META_COLUMN_DDL = (
    "created_at TEXT NOT NULL",
    "created_by TEXT NOT NULL",
    "updated_at TEXT NOT NULL",
    "updated_by TEXT NOT NULL",
)

# Tables of the framework itself, not of any register: the workspace marker, the audit trail and
# the remembered import layouts. Frozen with the rest of each version.
FRAMEWORK_STATEMENTS: tuple[str, ...] = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE audit_log (\n"
    "    id INTEGER PRIMARY KEY,\n"
    "    at TEXT NOT NULL,\n"
    "    os_user TEXT NOT NULL,\n"
    "    action TEXT NOT NULL,\n"
    "    register TEXT,\n"
    "    record_id INTEGER,\n"
    "    record_label TEXT,\n"
    "    before TEXT,\n"
    "    after TEXT,\n"
    "    detail TEXT,\n"
    "    prev_hash TEXT NOT NULL,\n"
    "    hash TEXT NOT NULL)",
    "CREATE INDEX audit_log_record ON audit_log(register, record_id)",
    "CREATE INDEX audit_log_at ON audit_log(at)",
    "CREATE TABLE import_layout (\n"
    "    spec TEXT NOT NULL,\n"
    "    signature TEXT NOT NULL,\n"
    "    mapping TEXT NOT NULL,\n"
    "    updated_at TEXT NOT NULL,\n"
    "    PRIMARY KEY (spec, signature))",
)


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _checks(item: Field, column: str) -> list[str]:
    if item.kind is Kind.BOOL:
        return [f"{column} IN (0, 1)"]
    if item.kind is Kind.INTEGER:
        bounds = []
        if item.minimum is not None:
            bounds.append(f"{column} >= {item.minimum}")
        if item.maximum is not None:
            bounds.append(f"{column} <= {item.maximum}")
        return bounds
    if item.kind is Kind.DATE:
        return [f"{column} IS date({column})"]
    if item.kind is Kind.MULTI_CHOICE:
        return [f"json_type({column}) = 'array'"]
    return []


def column_ddl(item: Field, targets: dict[str, RegisterDef]) -> str:
    column = item.column
    parts = [column, item.sql_type]
    if item.required and not item.computed:
        parts.append("NOT NULL")
    if item.unique:
        parts.append("UNIQUE")
    if item.default is not None:
        parts.append(f"DEFAULT {_literal(item.to_db(item.default))}")
    checks = _checks(item, column)
    if checks:
        parts.append(f"CHECK ({' AND '.join(checks)})")
    if item.kind is Kind.LINK:
        parts.append(f"REFERENCES {targets[item.link or ''].table}(id) ON DELETE RESTRICT")
    return " ".join(parts)


def create_table(defn: RegisterDef, targets: dict[str, RegisterDef], name: str = "") -> str:
    """``CREATE TABLE`` for the register (under ``name`` if given, for a rebuild)."""
    key = "id INTEGER PRIMARY KEY CHECK (id = 1)" if defn.singleton else "id INTEGER PRIMARY KEY"
    lines = [key, *(column_ddl(item, targets) for item in defn.table_fields), *META_COLUMN_DDL]
    for group in defn.unique_together:
        lines.append(f"UNIQUE ({', '.join(defn.field(k).column for k in group)})")
    body = ",\n    ".join(lines)
    return f"CREATE TABLE {name or defn.table} (\n    {body})"


def index_statements(defn: RegisterDef) -> list[str]:
    wanted: list[tuple[str, ...]] = [
        tuple(defn.field(k).column for k in group) for group in defn.indexes
    ]
    covered = {group[0] for group in wanted} | {
        defn.field(group[0]).column for group in defn.unique_together
    }
    for item in () if defn.singleton else defn.link_fields:
        if item.column not in covered and not item.unique:
            wanted.append((item.column,))
            covered.add(item.column)
    return [
        f"CREATE INDEX {defn.table}_{'_'.join(columns)} ON {defn.table}({', '.join(columns)})"
        for columns in wanted
    ]


def link_table_statements(
    defn: RegisterDef, item: Field, targets: dict[str, RegisterDef]
) -> list[str]:
    """The link table of a multi-link field: (owner, target, position), one row per link."""
    table = item.link_table(defn.table)
    target = targets[item.link or ""].table
    return [
        f"CREATE TABLE {table} (\n"
        f"    owner_id INTEGER NOT NULL REFERENCES {defn.table}(id) ON DELETE CASCADE,\n"
        f"    target_id INTEGER NOT NULL REFERENCES {target}(id) ON DELETE RESTRICT,\n"
        "    position INTEGER NOT NULL,\n"
        "    PRIMARY KEY (owner_id, target_id)) WITHOUT ROWID",
        f"CREATE INDEX {table}_target ON {table}(target_id)",
    ]


def register_statements(defn: RegisterDef, targets: dict[str, RegisterDef]) -> list[str]:
    statements = [create_table(defn, targets), *index_statements(defn)]
    for item in defn.multi_link_fields:
        statements.extend(link_table_statements(defn, item, targets))
    if defn.search_fields:
        statements.extend(fts_statements(defn.table, tuple(i.column for i in defn.search_fields)))
    return statements


def schema_statements(registers: Iterable[RegisterDef]) -> tuple[str, ...]:
    """The whole schema the declarations describe: framework tables, then each register's."""
    ordered = tuple(registers)
    targets = {defn.key: defn for defn in ordered}
    statements = list(FRAMEWORK_STATEMENTS)
    for defn in ordered:
        statements.extend(register_statements(defn, targets))
    return tuple(statements)
