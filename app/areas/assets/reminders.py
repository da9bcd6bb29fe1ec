"""Dashboard items of rules C-REGISTER (yearly review of the 台帳), R-DELETE (data past its
retention), and C-RISK (assessments past review, high residual risks left untreated).

Silent on a workspace with no assets. When many assets share a reason, one item names the count
and the earliest date rather than flooding the dashboard.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from app.areas.assets.kpi import assets_past_retention, undecided_high_risks
from app.areas.assets.scoring import LATEST_ASSESSMENTS, load_matrix
from app.dashboard import DueItem, provider
from app.i18n import _, ngettext
from app.storage.database import Connection

LOOKAHEAD_DAYS = 30  # reviews show on the dashboard a month ahead
SINGLE_ITEMS = 5  # up to this many assets are listed one by one


def _asset_rows(conn: Connection, sql: str, params: tuple = ()) -> list[tuple[int, str, date]]:
    return [
        (asset_id, f"{asset_no} {name}", date.fromisoformat(day))
        for asset_id, asset_no, name, day in conn.execute(sql, params)
    ]


@provider
def asset_items(conn: Connection, today: date) -> Iterator[DueItem]:
    if conn.execute("SELECT count(*) FROM asset WHERE disposed_on IS NULL").fetchone()[0] == 0:
        return
    horizon = (today + timedelta(days=LOOKAHEAD_DAYS)).isoformat()
    reviews = _asset_rows(
        conn,
        "SELECT id, asset_no, name, coalesce(next_review_due, date(last_reviewed, '+1 year'), "
        "date(created_at)) AS due FROM asset WHERE disposed_on IS NULL AND due <= ? "
        "ORDER BY due, asset_no",
        (horizon,),
    )
    yield from _grouped(
        reviews,
        lambda label: _("Review asset: {asset}").format(asset=label),
        lambda count: ngettext(
            "{count} asset due for its yearly review",
            "{count} assets due for their yearly review",
            count,
        ).format(count=count),
        _("The register entry is reviewed at least once a year (JIS A.3.3.1)."),
        "C-REGISTER",
    )
    past_ids = assets_past_retention(conn, today)  # the board report counts the same
    past = _asset_rows(
        conn,
        "SELECT id, asset_no, name, retention_until FROM asset WHERE id IN "
        f"({','.join('?' * len(past_ids))}) ORDER BY retention_until, asset_no",
        tuple(past_ids),
    )
    yield from _grouped(
        past,
        lambda label: _("Dispose of: {asset}").format(asset=label),
        lambda count: ngettext(
            "{count} asset past its retention period",
            "{count} assets past their retention period",
            count,
        ).format(count=count),
        _("The retention period has ended: delete the data without delay and record it."),
        "R-DELETE",
    )


@provider
def risk_items(conn: Connection, today: date) -> Iterator[DueItem]:
    if conn.execute("SELECT count(*) FROM asset WHERE disposed_on IS NULL").fetchone()[0] == 0:
        return
    horizon = (today + timedelta(days=LOOKAHEAD_DAYS)).isoformat()
    overdue = _asset_rows(
        conn,
        f"WITH latest(id) AS ({LATEST_ASSESSMENTS}) "
        "SELECT a.id, a.asset_no, a.name, ra.next_review_due FROM risk_assessment ra "
        "JOIN asset a ON a.id = ra.asset_id WHERE ra.id IN latest AND a.disposed_on IS NULL "
        "AND ra.next_review_due <= ? ORDER BY ra.next_review_due, a.asset_no",
        (horizon,),
    )
    yield from _grouped(
        overdue,
        lambda label: _("Review the risk assessment: {asset}").format(asset=label),
        lambda count: ngettext(
            "{count} risk assessment due for review",
            "{count} risk assessments due for review",
            count,
        ).format(count=count),
        _("Risks are reassessed at least once a year and after changes (JIS A.3.3.3)."),
        "C-RISK",
        register="risk_assessments",
    )
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


def _grouped(
    rows: list[tuple[int, str, date]],
    single,
    summary,
    detail: str,
    rule: str,
    *,
    register: str = "assets",
) -> Iterator[DueItem]:
    if len(rows) <= SINGLE_ITEMS:
        for asset_id, label, due in rows:
            yield DueItem(single(label), detail, register, asset_id, rule, due)
        return
    names = "、".join(label for _id, label, _due in rows[:3])
    first = _("First: {names}.").format(names=names)
    yield DueItem(
        summary(len(rows)),
        f"{detail} {first}",
        register,
        None,
        rule,
        rows[0][2],
    )
