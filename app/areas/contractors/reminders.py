"""Dashboard items the deadline records cannot carry: things missing rather than dates coming.

Dated duties (evaluation due, certification expiring within 60 days, contract end, improvement
requests, the yearly check of a foreign regime) are deadline records of their rules
(``Area.deadline_rules``) and reach the dashboard through them. Here: an active contractor never
evaluated, re-entrustment without prior approval, data kept abroad with no check recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.dashboard import DueItem, provider
from app.dates import show_date
from app.i18n import _
from app.storage.database import Connection

ACTIVE = ("candidate", "active", "suspended")


def _day(text: str | None, fallback: date) -> date:
    return date.fromisoformat(text[:10]) if text else fallback


@provider
def contractor_items(conn: Connection, today: date) -> Iterator[DueItem]:
    marks = ", ".join("?" * len(ACTIVE))
    never = conn.execute(
        f"SELECT c.id, c.code, c.name, c.started_on, c.created_at FROM contractor c "
        f"WHERE c.status IN ({marks}) AND c.ended_on IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM contractor_evaluation e WHERE e.contractor_id = c.id) ORDER BY c.code",
        ACTIVE,
    )
    for record_id, code, name, started, created in never:
        yield DueItem(
            _("Contractor never evaluated: {code} {name}").format(code=code, name=name),
            _("Evaluate a contractor before entrusting data to it (selection), then regularly."),
            "contractors",
            record_id,
            "C-CONTRACTOR",
            _day(started or created, today),
        )
    unapproved = conn.execute(
        "SELECT s.contractor_id, c.code, c.name, s.name, s.started_on, s.created_at "
        "FROM contractor_subcontractor s JOIN contractor c ON c.id = s.contractor_id "
        "WHERE s.approved_on IS NULL AND s.ended_on IS NULL AND c.ended_on IS NULL "
        "ORDER BY c.code, s.name"
    )
    for record_id, code, name, sub, started, created in unapproved:
        yield DueItem(
            _("Re-entrustment without prior approval: {code} {name} → {sub}").format(
                code=code, name=name, sub=sub
            ),
            _("Approve the sub-contractor before it handles the data, or have it stop."),
            "contractors",
            record_id,
            "C-CONTRACTOR",
            _day(started or created, today),
        )
    unchecked = conn.execute(
        "SELECT id, code, name, foreign_country, created_at FROM contractor "
        "WHERE processes_abroad = 1 AND foreign_checked_on IS NULL AND ended_on IS NULL "
        "ORDER BY code"
    )
    for record_id, code, name, country, created in unchecked:
        yield DueItem(
            _("Data abroad without a recorded check: {code} {name} ({country})").format(
                code=code, name=name, country=country or "?"
            ),
            _(
                "Check the country's regime and the contractor's equivalent measures "
                "(規則18条) and record the date."
            ),
            "contractors",
            record_id,
            "R-FOREIGN-CHECK",
            _day(created, today),
        )


@provider
def contract_retention_items(conn: Connection, today: date) -> Iterator[DueItem]:
    """A contract set to be kept for less time than the data entrusted under it (the 台帳's
    保管期限 moved later since): JIS A.3.4.3.4 wants it kept at least as long."""
    rows = conn.execute(
        "SELECT k.id, c.id, c.code, c.name, k.retention_until, (SELECT max(a.retention_until) "
        "FROM contractor_entrusted_assets l JOIN asset a ON a.id = l.target_id "
        "WHERE l.owner_id = c.id) AS data_until FROM contractor_contract k "
        "JOIN contractor c ON c.id = k.contractor_id WHERE k.retention_until IS NOT NULL "
        "ORDER BY c.code, k.id"
    )
    for _contract, contractor_id, code, name, kept, data_until in rows:
        if data_until and kept < data_until:
            yield DueItem(
                _("Contract kept for less time than the data: {code} {name}").format(
                    code=code, name=name
                ),
                _(
                    "The contract is kept until {kept}, the entrusted data until {data}: keep "
                    "the contract at least as long."
                ).format(
                    kept=show_date(date.fromisoformat(kept)),
                    data=show_date(date.fromisoformat(data_until)),
                ),
                "contractors",
                contractor_id,
                "RET-CONTRACT",
            )
