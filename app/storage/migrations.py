"""Numbered schema steps tracked in ``PRAGMA user_version``.

``upgrade`` applies every step above the file's version in one transaction, after the caller has
taken an encrypted backup copy. A workspace made by a newer Mamori is refused, never touched.
To add a field: one line in the register definition plus one step here (``ALTER TABLE ... ADD``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import WorkspaceError, WorkspaceTooNewError
from app.i18n import _
from app.storage import schema_v1, schema_v2, schema_v3, schema_v4
from app.storage.database import Connection, DatabaseError, user_version, write_transaction


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


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
    conn: Connection,
    path_text: str,
    before_upgrade: Callable[[int], Path | None] | None = None,
    record: Callable[[Connection, int, int], None] | None = None,
) -> tuple[int, int]:
    """Bring the schema to ``SCHEMA_VERSION``. Returns (old version, new version).

    ``record`` runs inside the upgrade's transaction (the audit entry commits with the steps).
    A step that fails leaves the file as it was, and the backup copy taken for it is removed
    (it would be identical to the file), so retrying does not pile up copies.
    """
    old = check_version(conn, path_text)
    steps = pending(old)
    if not steps:
        return old, old
    backup = before_upgrade(old) if before_upgrade is not None and old > 0 else None
    current = steps[0].version
    try:
        with write_transaction(conn):
            for step in steps:
                current = step.version
                for statement in step.statements:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {step.version}")
            if record is not None:
                record(conn, old, SCHEMA_VERSION)
    except DatabaseError as exc:
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise WorkspaceError(
            _(
                "{path} says it is schema {found}, but its tables do not match that version "
                "(upgrade step {step}: {error}). The file was not changed. It was probably edited "
                "outside Mamori: restore a backup copy."
            ).format(path=path_text, found=old, step=current, error=exc)
        ) from None
    return old, SCHEMA_VERSION
