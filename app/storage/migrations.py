"""Numbered schema steps tracked in ``PRAGMA user_version``.

``upgrade`` applies every step above the file's version in one transaction, after the caller has
taken an encrypted backup copy. A workspace made by a newer Mamori is refused, never touched.
To add a field: one line in the register definition plus one step here (``ALTER TABLE ... ADD``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from app.errors import WorkspaceTooNewError
from app.i18n import _
from app.storage import schema_v1, schema_v2, schema_v3, schema_v4, schema_v5
from app.storage.database import Connection, user_version, write_transaction


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]
    # Data steps after the statements, in the same transaction: ``"module:function"`` names a
    # function ``(conn) -> None``, imported only when the step runs (it may use the registers).
    python_steps: tuple[str, ...] = ()


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "foundation: catalogues, organisation, departments, people, audit trail",
        schema_v1.STATEMENTS,
    ),
    Migration(
        2,
        "training plan, sessions, attendance and pledges; remembered import layouts",
        schema_v2.STATEMENTS,
    ),
    Migration(
        3,
        "asset register, purposes of use, controls and their status, risk assessments and items",
        schema_v3.STATEMENTS,
    ),
    Migration(
        4,
        "stored board reports: snapshot, narrative and content hash",
        schema_v4.STATEMENTS,
    ),
    Migration(
        5,
        "deadline records with calendar and rolled dates; imported holiday tables; "
        "control references and descriptions",
        schema_v5.STATEMENTS,
        ("app.deadlines.migration:upgrade_to_v5",),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def check_version(conn: Connection, path_text: str) -> int:
    version = user_version(conn)
    if version > SCHEMA_VERSION:
        raise WorkspaceTooNewError(
            _(
                "{path} was saved by a newer version of Mamori (schema {found}; this version "
                "reads up to {supported}). Update Mamori to open it; the file was not changed."
            ).format(path=path_text, found=version, supported=SCHEMA_VERSION)
        )
    return version


def pending(version: int) -> tuple[Migration, ...]:
    return tuple(step for step in MIGRATIONS if step.version > version)


def upgrade(
    conn: Connection, path_text: str, before_upgrade: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Bring the schema to ``SCHEMA_VERSION``. Returns (old version, new version)."""
    old = check_version(conn, path_text)
    steps = pending(old)
    if not steps:
        return old, old
    if before_upgrade is not None and old > 0:
        before_upgrade(old)
    with write_transaction(conn):
        for step in steps:
            for statement in step.statements:
                conn.execute(statement)
            for target in step.python_steps:
                module_name, function_name = target.split(":")
                getattr(importlib.import_module(module_name), function_name)(conn)
            conn.execute(f"PRAGMA user_version = {step.version}")
    return old, SCHEMA_VERSION
