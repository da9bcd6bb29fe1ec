"""Numbered schema steps tracked in ``PRAGMA user_version``.

A new workspace gets the latest frozen schema directly (``schema_vN.STATEMENTS``, generated from
the register declarations by ``python -m tools.schema freeze N``). An older file is brought up step
by step, all steps in one transaction, after the caller has taken an encrypted backup copy. A step
may run SQL, rebuild tables to a frozen schema (``rebuild``: new constraints, dropped or added
columns, link tables; see ``app.storage.rebuild``) and transform data in Python (``prepare`` reads
what the rebuild would drop, ``transform`` writes it back in the new shape, with audit entries).
The upgrade's own audit entry names every column it added and the value it filled in, so
``verify`` does not report those rows as changed outside Mamori. A workspace made by a newer
Mamori is refused, never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__
from app.areas.assurance.upgrade import upgrade_assurance_v8
from app.areas.contractors.upgrade import read_entrusted_texts, upgrade_contractors
from app.deadlines.migration import upgrade_to_v7
from app.errors import WorkspaceError, WorkspaceTooNewError
from app.i18n import _
from app.storage import (
    audit,
    schema_v1,
    schema_v2,
    schema_v3,
    schema_v4,
    schema_v5,
    schema_v6,
    schema_v7,
    schema_v8,
    upgrade_v5,
)
from app.storage.database import Connection, DatabaseError, user_version, write_transaction
from app.storage.rebuild import UpgradeLog, rebuild_to


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...] = ()
    rebuild: tuple[str, ...] | None = None  # a frozen schema the tables are rebuilt to
    register_tables: dict[str, str] | None = None  # table -> register key, for the audit trail
    prepare: Callable[[Connection], Any] | None = None  # before the rebuild: read what it drops
    transform: Callable[[Connection, Any, UpgradeLog], None] | None = None  # after it


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
        "schema derived from the declarations (UNIQUE, NOT NULL, CHECK, indexes); purposes of "
        "assets and controls of risk items become link tables; catalogue item settings declared",
        rebuild=schema_v5.STATEMENTS,
        register_tables=schema_v5.REGISTER_TABLES,
        prepare=upgrade_v5.read_codes,
        transform=upgrade_v5.write_links,
    ),
    Migration(
        6,
        "person: the employment type may be left empty (an imported value nobody knows yet)",
        rebuild=schema_v6.STATEMENTS,
        register_tables=schema_v6.REGISTER_TABLES,
    ),
    Migration(
        7,
        "deadline records with calendar and rolled dates; imported holiday tables; control "
        "references and descriptions; 台帳 review dates follow the last review",
        rebuild=schema_v7.STATEMENTS,
        register_tables=schema_v7.REGISTER_TABLES,
        transform=upgrade_to_v7,
    ),
    Migration(
        8,
        "contractors: contractor register, contracts, sub-contractors, evaluations with their "
        "checklist answers and improvement requests; the 台帳's free-text 委託先 becomes "
        "contractors linked to their assets; assurance: corrective actions with their "
        "effectiveness check; sharing: provision and receipt records, sharing decisions; "
        "incidents: the incident register, its reportability assessments and reports sent",
        rebuild=schema_v8.STATEMENTS,
        register_tables=schema_v8.REGISTER_TABLES,
        prepare=lambda conn: _prepare_v8(conn),
        transform=lambda conn, state, log: _transform_v8(conn, state, log),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
LATEST_SCHEMA = schema_v8.STATEMENTS


def _prepare_v8(conn: Connection) -> dict[str, Any]:
    """What each area's part of step 8 reads before the rebuild, by area."""
    return {"contractors": read_entrusted_texts(conn)}


def _transform_v8(conn: Connection, state: dict[str, Any], log: UpgradeLog) -> None:
    """Each area's data part of step 8 (every change audited)."""
    upgrade_contractors(conn, state.get("contractors"), log)
    upgrade_assurance_v8(conn, state, log)


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


def _apply(conn: Connection, step: Migration, log: UpgradeLog) -> None:
    for statement in step.statements:
        conn.execute(statement)
    state = step.prepare(conn) if step.prepare is not None else None
    if step.rebuild is not None:
        rebuild_to(conn, step.rebuild, step.register_tables or {}, log)
    if step.transform is not None:
        step.transform(conn, state, log)
    conn.execute(f"PRAGMA user_version = {step.version}")


def upgrade(
    conn: Connection,
    path_text: str,
    before_upgrade: Callable[[int], Path | None] | None = None,
) -> tuple[int, int]:
    """Bring the schema to ``SCHEMA_VERSION``. Returns (old version, new version).

    A step that fails leaves the file as it was, and the backup copy taken for it is removed
    (it would be identical to the file), so retrying does not pile up copies.
    """
    old = check_version(conn, path_text)
    if old == 0:
        with write_transaction(conn):
            for statement in LATEST_SCHEMA:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return old, SCHEMA_VERSION
    steps = pending(old)
    if not steps:
        return old, old
    backup = before_upgrade(old) if before_upgrade is not None else None
    log = UpgradeLog()
    current = steps[0].version
    # Rebuilding a table drops and recreates it, which foreign keys would refuse; they are checked
    # as a whole before the commit instead (SQLite's documented way of changing a table).
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with write_transaction(conn):
            for step in steps:
                current = step.version
                _apply(conn, step, log)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"the upgrade would leave broken links: {broken[:5]}")
            audit.append(
                conn,
                "upgrade",
                detail={
                    "from": old,
                    "to": SCHEMA_VERSION,
                    "version": __version__,
                    "added": log.added,
                },
            )
    except DatabaseError as exc:
        # Nothing was changed, so the copy taken for this attempt is the file itself: removing it
        # keeps retries from piling up copies.
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise WorkspaceError(
            _(
                "{path} says it is schema {found}, but its tables do not match that version "
                "(upgrade step {step}: {error}). The file was not changed. It was probably edited "
                "outside Mamori: restore a backup copy."
            ).format(path=path_text, found=old, step=current, error=exc)
        ) from None
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return old, SCHEMA_VERSION
