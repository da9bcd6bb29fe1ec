"""Dashboard items of the assurance area that are not deadline records.

Open actions and effectiveness checks are deadline records (rules C-CA-ACTION, C-CA-EFFECT) and
reach the dashboard through the deadline engine; the coverage reminder (C-AUDIT) is in
``coverage``. Here: a finding that needs a corrective action but has none yet, due when the
finding is.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.catalogues import choices, item_extra
from app.dashboard import DueItem, provider
from app.i18n import _
from app.storage.database import Connection

RULE_BY_SEVERITY = {"major_nc": "C-CA-MAJOR", "minor_nc": "C-CA-MINOR"}


@provider
def findings_without_action(conn: Connection, today: date) -> Iterator[DueItem]:
    severities = {
        code: label
        for code, label in choices(conn, "FINDING_SEVERITY", include_inactive=True)
        if item_extra(conn, "FINDING_SEVERITY", code).get("due_days") is not None
    }
    if not severities:
        return
    rows = conn.execute(
        "SELECT id, code, severity, due_on, description FROM finding "
        f"WHERE corrective_action_id IS NULL AND severity IN ({', '.join('?' * len(severities))}) "
        "ORDER BY due_on, code",
        tuple(severities),
    )
    for record_id, code, severity, due, description in rows:
        summary = " ".join(str(description).split())
        yield DueItem(
            _("Raise the corrective action of finding {code} ({severity})").format(
                code=code, severity=severities[severity]
            ),
            summary[:80] + ("…" if len(summary) > 80 else ""),
            "findings",
            record_id,
            RULE_BY_SEVERITY.get(severity, "C-CA-ACTION"),
            date.fromisoformat(due) if due else None,
        )
