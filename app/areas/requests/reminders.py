"""Dashboard items of the requests area beyond the deadline records (which show each request's
answer due with its days left): requests whose clock stands still, with the days stopped so far
and the litigation-bar date that does not wait, and records the retention purge may erase."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.areas.requests.registers import DATA_REQUESTS
from app.dashboard import DueItem, provider
from app.dates import format_date
from app.i18n import _, ngettext
from app.registers.purge import purge_candidates
from app.storage.database import Connection

PURGE_RULE = "RET-PURGE"


@provider
def stopped_requests(conn: Connection, today: date) -> Iterator[DueItem]:
    rows = conn.execute(
        "SELECT r.id, r.request_no, min(c.start_on), r.litigation_bar_on FROM data_request r "
        "JOIN data_request_clock c ON c.request_id = r.id AND c.kind = 'suspension' "
        "AND c.end_on IS NULL WHERE r.status = 'suspended' GROUP BY r.id ORDER BY 3"
    ).fetchall()
    for record_id, number, since, bar in rows:
        stopped = (today - date.fromisoformat(since)).days + 1
        detail = ngettext(
            "The answer clock has stood still for {days} day (waiting for documents).",
            "The answer clock has stood still for {days} days (waiting for documents).",
            stopped,
        ).format(days=stopped)
        if bar:
            detail += " " + _("The two weeks of 法39条 end on {date} regardless.").format(
                date=format_date(date.fromisoformat(bar), "ja")
            )
        yield DueItem(
            _("Request {number}: clock stopped").format(number=number),
            detail,
            DATA_REQUESTS.key,
            record_id,
            "R-DSR",
            # no internal due date while stopped; the statutory two weeks still run out
            date.fromisoformat(bar) if bar else None,
        )


@provider
def purge_due(conn: Connection, today: date) -> Iterator[DueItem]:
    candidates = purge_candidates(conn, today)
    if candidates:
        yield DueItem(
            ngettext(
                "{count} closed record is past its retention",
                "{count} closed records are past their retention",
                len(candidates),
            ).format(count=len(candidates)),
            _("Erase their personal details: Requests and complaints › Retention purge."),
            candidates[0].register,
            None,
            PURGE_RULE,
        )
