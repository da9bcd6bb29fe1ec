"""Dashboard items of the incidents area: incidents whose reportability must be (re)assessed.

The dated duties themselves (速報, 確報, the controller and subject notices, the Pマーク report, the
追完) are deadline records shown by the deadlines area's provider with their days left. Until an
incident is assessed, its item is dated by the 速報 clock (R-LEAK-PRELIM from the day any
department knew), because that clock is already running.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.areas.incidents.assessment import needs_assessment
from app.areas.incidents.registers import INCIDENTS
from app.dashboard import DueItem, provider
from app.dates import show_date
from app.deadlines.engine import compute
from app.deadlines.holidays import load_calendar
from app.i18n import _
from app.storage.database import Connection


@provider
def incident_items(conn: Connection, today: date) -> Iterator[DueItem]:
    pending = needs_assessment(conn)
    if not pending:
        return
    calendar = load_calendar(conn)
    for incident_id, number, title, known_on, state in pending:
        due = compute("R-LEAK-PRELIM", known_on, calendar).due_date
        yield DueItem(
            (
                _("Assess reportability: {number} {title}")
                if state == "none"
                else _("Assess reportability again: {number} {title}")
            ).format(number=number, title=title),
            _(
                "If it is reportable, the preliminary report to the PPC is due within about 3–5 "
                "days of the day any department knew ({known})."
            ).format(known=show_date(known_on)),
            INCIDENTS.key,
            incident_id,
            "R-LEAK-PRELIM",
            due,
        )
