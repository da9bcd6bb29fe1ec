"""Use cases the sharing screens call (they run no SQL themselves)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.areas.sharing.anon_notice import anon_notice_text
from app.areas.sharing.decision import asked, conclude
from app.areas.sharing.joint_notice import notice_text
from app.areas.sharing.registers_joint import JOINT_USES
from app.areas.sharing.registers_processed import ANONYMISED_DATASETS
from app.areas.sharing.registers_provision import FLOW_DECISIONS, PROVISION_RECORDS
from app.catalogues import choices
from app.registers.definition import RegisterDef
from app.registers.records import Changes, create_record, load_record
from app.storage.database import Connection


def next_reference(conn: Connection, defn: RegisterDef, prefix: str, year: int) -> str:
    """The next free reference of the form PREFIX-YEAR-NNN (DC-2025-004)."""
    column = defn.field(defn.human_key).column
    stem = f"{prefix}-{year}-"
    taken = {
        row[0]
        for row in conn.execute(
            f"SELECT {column} FROM {defn.table} WHERE {column} LIKE ?", (stem + "%",)
        )
    }
    number = len(taken) + 1
    while f"{stem}{number:03d}" in taken:
        number += 1
    return f"{stem}{number:03d}"


def next_decision_reference(conn: Connection, today: date) -> str:
    return next_reference(conn, FLOW_DECISIONS, "DC", today.year)


def save_decision(
    conn: Connection,
    *,
    ref: str,
    title: str,
    decided_on: Any,
    answers: Mapping[str, bool | None],
    exemption_ground: str | None = None,
    decided_by: int | None = None,
    user: str | None = None,
) -> Changes:
    """Record the helper's answers (those on the path to its conclusion) and conclusion."""
    kept = {key: answers[key] for key in asked(answers) if answers.get(key) is not None}
    values: dict[str, Any] = {
        "ref": ref,
        "title": title,
        "decided_on": decided_on,
        "exemption_ground": exemption_ground,
        "decided_by": decided_by,
        **kept,
    }
    return create_record(conn, FLOW_DECISIONS, values, user=user)


def catalogue_label(conn: Connection, catalogue: str, code: str | None) -> str:
    return dict(choices(conn, catalogue, include_inactive=True)).get(code or "", code or "")


def conclusion_summary(conn: Connection, answers: Mapping[str, bool | None]) -> tuple[str, str]:
    """(the conclusion's label, its basis label or "") once the helper has concluded."""
    conclusion = conclude(answers)
    if conclusion is None:
        return "", ""
    return (
        catalogue_label(conn, "FLOW_CLASS", conclusion.flow_class),
        catalogue_label(conn, "PROVISION_BASIS", conclusion.basis) if conclusion.basis else "",
    )


def joint_use_notice(conn: Connection, record_id: int) -> str:
    return notice_text(load_record(conn, JOINT_USES, record_id))


def provision_preset(conn: Connection, decision_id: int, today: date) -> dict[str, Any]:
    """Values a new provision record takes from a decision: the decision, the basis it concluded
    and the next free record number."""
    decision = load_record(conn, FLOW_DECISIONS, decision_id)
    preset: dict[str, Any] = {
        "decision": decision_id,
        "ref": next_reference(conn, PROVISION_RECORDS, "PR", today.year),
    }
    if decision["suggested_basis"]:
        preset["basis"] = decision["suggested_basis"]
    return preset


def anonymised_notice(conn: Connection, record_id: int) -> str:
    return anon_notice_text(conn, load_record(conn, ANONYMISED_DATASETS, record_id))
