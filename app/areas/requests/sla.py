"""The answer clock of a data-subject request: pure date arithmetic, no storage.

The internal SLA (the organisation's ``default_dsr_sla_days``, 14 by default) runs in calendar days
from the day the request reached the co-op (到達日). Two kinds of entry move it:

- an **extension** adds its days to the due date (the requester is told why);
- a **suspension** stops the clock: the days from the day it stopped (inclusive: the day we asked
  for identity documents) to the day it restarts (exclusive: the day the documents arrived) do not
  count, so the due date moves by that many days. While a suspension has no end the clock is
  stopped and there is no due date. Overlapping suspensions count each stopped day once.

The litigation-bar date (法39条) never moves: a request that reached us on day D may be taken to
court once two weeks have passed, so D + 14 is the last day of that period, whatever the internal
clock says (an extension or a wait for documents does not stop the statutory period).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

LITIGATION_BAR_DAYS = 14  # 法39条: 到達した日から二週間
DEFAULT_SLA_DAYS = 14

EXTENSION = "extension"
SUSPENSION = "suspension"


@dataclass(frozen=True)
class ClockEvent:
    kind: str  # EXTENSION or SUSPENSION
    start: date  # extension: the day it was decided; suspension: the day the clock stopped
    end: date | None = None  # suspension: the day the clock restarts (None: still stopped)
    days: int = 0  # extension: the days added


@dataclass(frozen=True)
class Clock:
    received: date
    sla_days: int
    base_due: date  # received + SLA days, before any extension or suspension
    due: date | None  # None while the clock is stopped
    extension_days: int
    suspended_days: int  # days of finished suspensions (and of an open one up to ``today``)
    stopped_since: date | None  # an open suspension's first day
    litigation_bar: date
    days_taken: int | None  # answered: calendar days on the clock (stopped days left out)
    within_sla: bool | None  # answered: on or before the due date

    def days_left(self, today: date) -> int | None:
        return None if self.due is None else (self.due - today).days


def litigation_bar(received: date) -> date:
    return received + timedelta(days=LITIGATION_BAR_DAYS)


def _stopped_days(suspensions: list[ClockEvent], until: date) -> int:
    """Days in the union of [start, end) of the suspensions, open ones counted up to ``until``."""
    spans = sorted((event.start, event.end or until) for event in suspensions)
    total = 0
    current_start: date | None = None
    current_end: date | None = None
    for start, end in spans:
        if end <= start:
            continue
        if current_end is None or start > current_end:
            if current_start is not None and current_end is not None:
                total += (current_end - current_start).days
            current_start, current_end = start, end
        elif end > current_end:
            current_end = end
    if current_start is not None and current_end is not None:
        total += (current_end - current_start).days
    return total


def request_clock(
    received: date,
    sla_days: int,
    events: Iterable[ClockEvent] = (),
    *,
    responded: date | None = None,
    today: date | None = None,
) -> Clock:
    """The due date and the figures of one request. ``today`` only counts an open suspension's
    days so far (for display); the due date of a stopped clock is None."""
    events = list(events)
    extension_days = sum(event.days for event in events if event.kind == EXTENSION)
    suspensions = [event for event in events if event.kind == SUSPENSION]
    open_ones = [event for event in suspensions if event.end is None]
    stopped_since = min((event.start for event in open_ones), default=None)
    if responded is not None:
        stopped_since = None  # answered: whatever was left open ended with the answer
        closed = [
            event if event.end is not None else ClockEvent(SUSPENSION, event.start, responded)
            for event in suspensions
        ]
    else:
        closed = [event for event in suspensions if event.end is not None]
    finished_days = _stopped_days(closed, received)
    base_due = received + timedelta(days=sla_days)
    due = None
    if stopped_since is None:
        due = base_due + timedelta(days=extension_days + finished_days)
    shown_days = finished_days
    if stopped_since is not None and today is not None:
        shown_days = _stopped_days(suspensions, max(today, stopped_since))
    days_taken = within = None
    if responded is not None:
        days_taken = (responded - received).days - finished_days
        within = due is not None and responded <= due
    return Clock(
        received=received,
        sla_days=sla_days,
        base_due=base_due,
        due=due,
        extension_days=extension_days,
        suspended_days=shown_days,
        stopped_since=stopped_since,
        litigation_bar=litigation_bar(received),
        days_taken=days_taken,
        within_sla=within,
    )
