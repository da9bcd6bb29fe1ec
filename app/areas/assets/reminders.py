"""Dashboard notices of rule C-RISK that have no date: assets never assessed, high risks left
untreated. Silent on a workspace with no assets.

The dated reminders (C-REGISTER yearly review, C-RISK review, R-DELETE past retention) are deadline
records kept by ``app.deadlines`` and shown by its provider.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.areas.assets.scoring import LATEST_ASSESSMENTS, load_matrix
from app.dashboard import DueItem, provider
from app.i18n import _, ngettext
from app.storage.database import Connection


@provider
def risk_items(conn: Connection, today: date) -> Iterator[DueItem]:
    if conn.execute("SELECT count(*) FROM asset WHERE disposed_on IS NULL").fetchone()[0] == 0:
        return
    unassessed = conn.execute(
        "SELECT count(*) FROM asset a WHERE a.disposed_on IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM risk_assessment ra WHERE ra.asset_id = a.id)"
    ).fetchone()[0]
    if unassessed:
        yield DueItem(
            ngettext(
                "{count} asset has no risk assessment",
                "{count} assets have no risk assessment",
                unassessed,
            ).format(count=unassessed),
            _("Start one from a proposed draft on the asset."),
            "assets",
            None,
            "C-RISK",
        )
    treat_from = load_matrix(conn).treat_from
    rows = conn.execute(
        f"WITH latest(id) AS ({LATEST_ASSESSMENTS}) "
        "SELECT count(*), count(DISTINCT ra.asset_id), min(ri.id) FROM risk_item ri "
        "JOIN risk_assessment ra ON ra.id = ri.assessment_id JOIN asset a ON a.id = ra.asset_id "
        "WHERE ra.id IN latest AND a.disposed_on IS NULL "
        "AND coalesce(ri.residual_score, ri.inherent_score) >= ? "
        "AND ri.treatment IS NULL AND ri.accepted_by_id IS NULL",
        (treat_from,),
    ).fetchone()
    count, assets, first_id = rows
    if count:
        yield DueItem(
            ngettext(
                "{count} high risk without treatment",
                "{count} high risks without treatment",
                count,
            ).format(count=count),
            ngettext(
                "In {assets} asset: decide a treatment (reduce, avoid, transfer) for each.",
                "In {assets} assets: decide a treatment (reduce, avoid, transfer) for each.",
                assets,
            ).format(assets=assets),
            "risk_items",
            first_id if count == 1 else None,
            "C-RISK",
        )
