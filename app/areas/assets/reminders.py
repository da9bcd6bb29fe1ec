"""Dashboard notices of rule C-RISK that have no date: assets never assessed, high risks left
untreated. Silent on a workspace with no assets.

The dated reminders (C-REGISTER yearly review, C-RISK review, R-DELETE past retention) are deadline
records kept by ``app.deadlines`` and shown by its provider.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.areas.assets.kpi import undecided_high_risks
from app.areas.assets.scoring import load_matrix
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
    undecided = undecided_high_risks(conn, today, treat_from)  # as the board report counts them
    rows = (
        len(undecided),
        len({item.asset_id for item in undecided}),
        min((item.item_id for item in undecided), default=None),
    )
    count, assets, first_id = rows
    if count:
        yield DueItem(
            ngettext(
                "{count} high risk without treatment",
                "{count} high risks without treatment",
                count,
            ).format(count=count),
            ngettext(
                "In {assets} asset: decide each treatment completely (reduce with planned "
                "controls and a due date, avoid, transfer) or have the acceptance approved.",
                "In {assets} assets: decide each treatment completely (reduce with planned "
                "controls and a due date, avoid, transfer) or have the acceptance approved.",
                assets,
            ).format(assets=assets),
            "risk_items",
            first_id if count == 1 else None,
            "C-RISK",
        )
