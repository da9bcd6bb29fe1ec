"""Dashboard items of the assurance area that are not deadline records.

Open actions and effectiveness checks are deadline records (rules C-CA-ACTION, C-CA-EFFECT) and
reach the dashboard through the deadline engine; the coverage reminder (C-AUDIT) is in
``coverage``. Here: a finding that needs a corrective action but has none yet, due when the
finding is.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

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


REPORT_DAYS = 30  # an audit's report reaches top management within a month of its last day
PLANNED_NOTICE_DAYS = 30  # a planned audit shows a month ahead


@provider
def audits_to_hold_or_report(conn: Connection, today: date) -> Iterator[DueItem]:
    """Planned audits coming up (or past their planned day without having started), and audits
    ended but not yet reported to top management (JIS Q 15001 A.3.7.2)."""
    planned = conn.execute(
        "SELECT id, code, title, planned_on FROM audit WHERE started_on IS NULL "
        "AND planned_on IS NOT NULL AND planned_on <= ? ORDER BY planned_on",
        ((today + timedelta(days=PLANNED_NOTICE_DAYS)).isoformat(),),
    )
    for record_id, code, title, planned_on in planned:
        yield DueItem(
            _("Hold audit {code}: {title}").format(code=code, title=title),
            _("Planned for this day in the audit plan; record the dates when it starts."),
            "audits",
            record_id,
            "C-AUDIT",
            date.fromisoformat(planned_on),
        )
    ended = conn.execute(
        "SELECT id, code, title, ended_on FROM audit WHERE ended_on IS NOT NULL "
        "AND reported_to_top_on IS NULL ORDER BY ended_on"
    )
    for record_id, code, title, ended_on in ended:
        yield DueItem(
            _("Report audit {code} to top management: {title}").format(code=code, title=title),
            _("The audit's results are reported to top management (JIS Q 15001 A.3.7.2)."),
            "audits",
            record_id,
            "C-AUDIT",
            date.fromisoformat(ended_on) + timedelta(days=REPORT_DAYS),
        )
