"""Raising the corrective action (是正処置, JIS A.3.8) that prevents an incident's recurrence.

``raise_action_for_incident`` asks the assurance area's use case for a new corrective action
(source: incident) and links it from the incident, in one transaction; an incident that already
has one gets it back instead of a second.
"""

from __future__ import annotations

from datetime import date

from app.areas.assurance.actions import raise_corrective_action
from app.areas.incidents.registers import INCIDENTS
from app.i18n import _
from app.registers.records import Changes, load_record, update_in_transaction
from app.storage.database import Connection, write_transaction


def raise_action_for_incident(
    conn: Connection, incident_id: int, *, today: date | None = None, user: str | None = None
) -> tuple[int, Changes]:
    """The id of the incident's corrective action (raised now if it has none) and what changed."""
    record = load_record(conn, INCIDENTS, incident_id)
    if record.get("corrective_action"):
        return record["corrective_action"], Changes(frozenset(), incident_id, 0)
    with write_transaction(conn):
        action_id = raise_corrective_action(
            conn,
            source="incident",
            source_label=_("Incident {number}").format(number=record["incident_no"]),
            title=_("Prevent a recurrence: {title}").format(title=record["title"]),
            department_id=record.get("department"),
            raised_on=today or date.today(),
            user=user,
        )
        update_in_transaction(
            conn, INCIDENTS, incident_id, {"corrective_action": action_id}, user=user
        )
    return action_id, Changes(
        frozenset({INCIDENTS.key, "corrective_actions", "deadlines"}), incident_id
    )
