"""The effectiveness loop of a corrective action (JIS Q 15001 A.3.8).

Completing an action schedules its effectiveness check (rule C-CA-EFFECT: three months after the
completion date, kept as a deadline record). ``record_effectiveness`` writes the check's result;
a result the EFFECTIVENESS catalogue marks ``reopens`` (無効) starts a new action that names the
previous one, in the same transaction, so the loop never ends on a failed check. ``action_chain``
gives the whole history, oldest first, for the form and the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.catalogues import item_extra
from app.dates import parse_date
from app.errors import ValidationError
from app.i18n import _
from app.registers.records import (
    Changes,
    insert_validated,
    load_record,
    update_in_transaction,
    validate,
)
from app.storage.database import Connection, write_transaction


@dataclass(frozen=True)
class EffectivenessOutcome:
    action_id: int
    result: str
    new_action_id: int | None  # the action that redoes this one, when the check reopened the loop
    changes: Changes


@dataclass(frozen=True)
class ChainLink:
    id: int
    code: str
    title: str
    raised_on: date | None
    due_on: date | None
    completed_on: date | None
    effectiveness: str | None
    effectiveness_checked_on: date | None
    status: str


def record_effectiveness(
    conn: Connection,
    action_id: int,
    *,
    result: str,
    checked_on: date | str | None = None,
    checked_by: int | None = None,
    note: str | None = None,
    new_due_on: date | str | None = None,
    user: str | None = None,
) -> EffectivenessOutcome:
    """Record the effectiveness check of a completed action; reopen the loop when it failed.

    The new action copies the source, source record, department and owner, and names the old one
    as ``previous``; its title says which action it redoes. Refused (nothing written) when the
    action is not completed or was already checked.
    """
    with write_transaction(conn):
        current = load_record(conn, CORRECTIVE_ACTIONS, action_id)
        if current["completed_on"] is None:
            raise ValidationError(
                {"effectiveness": _("complete the action before checking its effectiveness")}
            )
        if current["effectiveness"] is not None:
            raise ValidationError(
                {"effectiveness": _("the effectiveness of this action was already checked")}
            )
        day = parse_date(checked_on) if checked_on else date.today()
        update_in_transaction(
            conn,
            CORRECTIVE_ACTIONS,
            action_id,
            {
                "effectiveness": result,
                "effectiveness_checked_on": day,
                "checked_by": checked_by,
                "effectiveness_note": note,
            },
            user=user,
        )
        new_id = None
        if item_extra(conn, "EFFECTIVENESS", result).get("reopens"):
            raw: dict[str, Any] = {
                "title": _("Redo {code}: {title}").format(
                    code=current["code"], title=current["title"]
                ),
                "source": current["source"],
                "source_label": current["source_label"],
                "department": current["department"],
                "owner": current["owner"],
                "raised_on": day,
                "due_on": new_due_on,
                "root_cause": current["root_cause"],
                "previous": action_id,
            }
            values = validate(conn, CORRECTIVE_ACTIONS, raw)
            new_id = insert_validated(conn, CORRECTIVE_ACTIONS, values, user=user)
    registers = frozenset({CORRECTIVE_ACTIONS.key, "deadlines"})
    return EffectivenessOutcome(
        action_id, result, new_id, Changes(registers, new_id or action_id, 1 + bool(new_id))
    )


def _link(values: dict[str, Any], record_id: int) -> ChainLink:
    return ChainLink(
        record_id,
        values["code"],
        values["title"],
        values["raised_on"],
        values["due_on"],
        values["completed_on"],
        values["effectiveness"],
        values["effectiveness_checked_on"],
        values["status"],
    )


def action_chain(conn: Connection, action_id: int) -> list[ChainLink]:
    """Every action of the loop ``action_id`` belongs to, oldest first (the first action, the ones
    that redid it after a failed check, up to the latest)."""
    first = action_id
    seen = {first}
    while True:
        row = conn.execute(
            "SELECT previous_id FROM corrective_action WHERE id = ?", (first,)
        ).fetchone()
        if row is None or row[0] is None or row[0] in seen:
            break
        first = row[0]
        seen.add(first)
    chain = [first]
    while True:
        row = conn.execute(
            "SELECT id FROM corrective_action WHERE previous_id = ? ORDER BY id LIMIT 1",
            (chain[-1],),
        ).fetchone()
        if row is None or row[0] in chain:
            break
        chain.append(row[0])
    return [_link(load_record(conn, CORRECTIVE_ACTIONS, one), one) for one in chain]
