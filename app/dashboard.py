"""The Dashboard gathers due and overdue items from the reminders each area hands over.

A reminder provider is a function ``(conn, today) -> iterable of DueItem``, listed in its area's
``Area.reminders``. Buckets follow the domain's dashboard: overdue, today, within 7 days, later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.areas import all_areas
from app.i18n import N_
from app.storage.database import Connection

SOON_DAYS = 7


class Bucket(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    SOON = "soon"
    LATER = "later"
    NOTICE = "notice"  # no date: something to set up or fix


BUCKET_TITLES = {
    Bucket.OVERDUE: N_("Overdue"),
    Bucket.TODAY: N_("Due today"),
    Bucket.SOON: N_("Within 7 days"),
    Bucket.LATER: N_("Coming up"),
    Bucket.NOTICE: N_("To set up"),
}


@dataclass(frozen=True)
class DueItem:
    title: str  # translated, short
    detail: str  # translated, one sentence
    register: str  # where the item lives, to open it
    record_id: int | None
    rule: str  # the rule that produced it (domain §4), e.g. "R-PMARK-RENEW"
    due: date | None = None

    def bucket(self, today: date) -> Bucket:
        if self.due is None:
            return Bucket.NOTICE
        if self.due < today:
            return Bucket.OVERDUE
        if self.due == today:
            return Bucket.TODAY
        if (self.due - today).days <= SOON_DAYS:
            return Bucket.SOON
        return Bucket.LATER


Provider = Callable[[Connection, date], Iterable[DueItem]]


def provider(function: Provider) -> Provider:
    """Marks a reminder provider (its area lists it in ``Area.reminders``)."""
    return function


def providers() -> list[Provider]:
    return [function for area in all_areas() for function in area.reminders]


def gather(conn: Connection, today: date) -> list[DueItem]:
    items = [item for function in providers() for item in function(conn, today)]
    order = list(Bucket)
    return sorted(items, key=lambda i: (order.index(i.bucket(today)), i.due or date.max, i.title))
