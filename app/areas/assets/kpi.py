"""One definition per indicator of the assets area, shared by the dashboard and the board report.

Each function answers one question about the registers at a day; the screens and the report only
format the answer. ``tests/app/test_board_figures.py`` checks that they agree (training completion,
shared with the Coverage page, is ``app.areas.training.coverage.completion_percent``).

- ``assets_past_retention``: held assets (not disposed of) whose retention deadline has passed —
  rule R-DELETE on the dashboard, "kept past the retention date" in the report.
- ``undecided_high_risks``: items of each held asset's latest assessment whose residual score is in
  the band that may not be accepted untreated and whose decision is incomplete — rule C-RISK on the
  dashboard, "high residual risks without a decision" in the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.areas.assets.registers import control_codes_sql
from app.storage.database import Connection

# Latest assessment of each asset made by a day (older ones are history).
_LATEST_BY = (
    "SELECT ra.id FROM risk_assessment ra WHERE ra.assessed_at <= :by AND ra.id = ("
    "SELECT ra2.id FROM risk_assessment ra2 WHERE ra2.asset_id = ra.asset_id "
    "AND ra2.assessed_at <= :by ORDER BY ra2.assessed_at DESC, ra2.id DESC LIMIT 1)"
)


@dataclass(frozen=True)
class RiskDecision:
    item_id: int
    asset_id: int
    treatment: str | None
    planned_controls: str
    planned_due: str | None
    accepted: bool
    residual_score: int


def decision_complete(item: RiskDecision, treat_from: int) -> bool:
    """Accepted with an approval; avoided or transferred; reduced below the high band, or with
    planned controls and a due date. A "reduce" with no plan and no date is not a decision."""
    if item.accepted or item.treatment in ("avoid", "transfer"):
        return True
    if item.treatment == "reduce":
        return item.residual_score < treat_from or bool(
            item.planned_controls.strip() and item.planned_due
        )
    return False


def assets_past_retention(conn: Connection, at: date) -> list[int]:
    """Ids of assets not disposed of by ``at`` whose retention deadline is before ``at``."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM asset WHERE (disposed_on IS NULL OR disposed_on > :at) "
            "AND retention_until < :at ORDER BY retention_until, asset_no",
            {"at": at.isoformat()},
        )
    ]


def undecided_high_risks(conn: Connection, at: date, treat_from: int) -> list[RiskDecision]:
    """High residual risks of held assets (latest assessment by ``at``) without a complete
    decision."""
    rows = conn.execute(
        f"WITH latest(id) AS ({_LATEST_BY}) "
        "SELECT ri.id, a.id, ri.treatment, "
        f"coalesce({control_codes_sql('planned_controls', 'ri')}, ''), ri.planned_due, "
        "ri.accepted_by_id IS NOT NULL, coalesce(ri.residual_score, ri.inherent_score) "
        "FROM risk_item ri JOIN risk_assessment ra ON ra.id = ri.assessment_id "
        "JOIN asset a ON a.id = ra.asset_id WHERE ra.id IN latest "
        "AND (a.disposed_on IS NULL OR a.disposed_on > :at) "
        "AND coalesce(ri.residual_score, ri.inherent_score) >= :treat ORDER BY a.asset_no, ri.id",
        {"by": at.isoformat(), "at": at.isoformat(), "treat": treat_from},
    )
    items = [RiskDecision(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows]
    return [item for item in items if not decision_complete(item, treat_from)]
