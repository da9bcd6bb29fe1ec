"""Incidents and their reports kept in step inside the write transaction that changed either.

Saving a report refreshes its incident (the report dates close the incident's deadlines) and the
incident's other reports (a 追完 completes the 確報 it supplements); saving an incident refreshes
its reports (a corrected 'known on' day moves their due dates); a change of the organisation's
Pマーク setting refreshes every incident. A refresh that changes nothing writes nothing, so the
chain stops.
"""

from __future__ import annotations

from app.areas.incidents.registers import INCIDENT_REPORTS, INCIDENTS
from app.registers.definition import RegisterDef
from app.registers.records import after_write, update_in_transaction
from app.storage.database import Connection


def _refresh(conn: Connection, defn: RegisterDef, record_id: int, user: str | None) -> None:
    update_in_transaction(conn, defn, record_id, {}, user=user)


@after_write
def keep_in_step(conn: Connection, defn: RegisterDef, record_id: int, user: str | None) -> None:
    if defn.key == INCIDENT_REPORTS.key:
        row = conn.execute(
            "SELECT incident_id FROM incident_report WHERE id = ?", (record_id,)
        ).fetchone()
        if row is None:  # deleted: its incident is no longer known here, refresh them all
            for (incident_id,) in conn.execute("SELECT id FROM incident").fetchall():
                _refresh(conn, INCIDENTS, incident_id, user)
            return
        _refresh(conn, INCIDENTS, row[0], user)
        _refresh_reports(conn, row[0], user)
    elif defn.key == INCIDENTS.key:
        _refresh_reports(conn, record_id, user)
    elif defn.key == "organisation" and _has_incidents_table(conn):
        for (incident_id,) in conn.execute("SELECT id FROM incident").fetchall():
            _refresh(conn, INCIDENTS, incident_id, user)


def _has_incidents_table(conn: Connection) -> bool:
    """False while an older workspace is being upgraded to the schema that brings incidents."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'incident'")
    return found.fetchone() is not None


def _refresh_reports(conn: Connection, incident_id: int, user: str | None) -> None:
    rows = conn.execute(
        "SELECT id FROM incident_report WHERE incident_id = ? ORDER BY id", (incident_id,)
    ).fetchall()
    for (report_id,) in rows:
        _refresh(conn, INCIDENT_REPORTS, report_id, user)
