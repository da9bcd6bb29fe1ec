"""The answer clock of a data-subject request: pure date arithmetic, no storage.

The internal SLA (the organisation's ``default_dsr_sla_days``, 14 by default) runs in calendar days
from the day the request reached the co-op (到達日), the first day not counted (民法140): a request
received on 11/2 with 14 days is due on 11/16. It is not rolled past weekends or holidays (an
internal target under 「遅滞なく」: the co-op answers earlier). Two kinds of log entry move it:

- an **extension** adds its days to the due date (the requester is told why);
- a **suspension** stops the clock: every day from the day it stopped to the day it ended, both
  included, is left out, so the due date moves by that many days. The last stopped day is the day
  the awaited documents arrived: like the day of receipt, it does not count, and the clock runs
  again the next day. While a suspension has no end the clock is stopped and there is no due date.
  Overlapping suspensions count each stopped day once. A late identity check that was never logged
  as a suspension moves nothing (the request counts from its arrival).

The litigation bar (法39条) never moves: a request of 33条1項 (and 5項), 34条1項 or 35条1・3・5項 that
reached us on day D may be taken to court once two weeks have passed, so D + 14 is the last day of
that period and a suit is possible from D + 15, whatever the internal clock says. A refusal lifts
the bar (39条1項但書): a suit is possible from the day of the refusal. Requests that are not such
請求 (a notice of purposes, foreign-recipient information, voluntary stops, enquiries) have none.
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
    end: date | None = None  # suspension: its last stopped day, included (None: still stopped)
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
    litigation_bar: date | None  # the last day of the two weeks (法39条); None: no such bar
    suit_possible_from: date | None
    days_taken: int | None  # answered: calendar days on the clock (stopped days left out)
    within_sla: bool | None  # answered: on or before the due date
    restarted_on: date | None = None  # the day the clock last ran again after a suspension

    def days_left(self, today: date) -> int | None:
        return None if self.due is None else (self.due - today).days


def litigation_bar(received: date) -> date:
    return received + timedelta(days=LITIGATION_BAR_DAYS)


def _stopped_days(suspensions: list[ClockEvent], until: date) -> int:
    """Days in the union of [start, end] of the suspensions, open ones counted up to ``until``."""
    one = timedelta(days=1)
    spans = sorted((event.start, (event.end or until) + one) for event in suspensions)
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
    refused: date | None = None,
    litigation: bool = True,
    today: date | None = None,
) -> Clock:
    """The due date and the figures of one request. ``refused``: the day a refusal was told
    (lifts the litigation bar); ``litigation``: whether the request is a 請求 that carries the bar.
    ``today`` only counts an open suspension's days so far (for display); the due date of a
    stopped clock is None."""
    events = list(events)
    extension_days = sum(event.days for event in events if event.kind == EXTENSION)
    suspensions = [event for event in events if event.kind == SUSPENSION]
    open_ones = [event for event in suspensions if event.end is None]
    stopped_since = min((event.start for event in open_ones), default=None)
    if responded is not None:
        stopped_since = None  # answered: whatever was left open ended with the answer
        closed = [
            event
            if event.end is not None
            else ClockEvent(SUSPENSION, event.start, max(event.start, responded))
            for event in suspensions
        ]
    else:
        closed = [event for event in suspensions if event.end is not None]
    finished_days = _stopped_days(closed, received)
    ends = [event.end for event in closed if event.end is not None]
    restarted = max(ends) + timedelta(days=1) if ends else None
    base_due = received + timedelta(days=sla_days)
    due = None
    if stopped_since is None:
        due = base_due + timedelta(days=extension_days + finished_days)
    shown_days = finished_days
    if stopped_since is not None and today is not None:
        shown_days = _stopped_days(suspensions, max(today, stopped_since))
    bar = litigation_bar(received) if litigation else None
    suit = None
    if bar is not None:
        suit = bar + timedelta(days=1)
        if refused is not None and refused < suit:
            suit = refused
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
        litigation_bar=bar,
        suit_possible_from=suit,
        days_taken=days_taken,
        within_sla=within,
        restarted_on=restarted,
    )


def overdue_on(
    day: date,
    received: date,
    sla_days: int,
    events: Iterable[ClockEvent] = (),
    *,
    responded: date | None = None,
) -> bool:
    """Whether the request was overdue on ``day``: no answer by then, and ``day`` after the due
    date as it stood that day (only the extensions and suspensions decided by then count; an
    extension decided after the due date does not cure the days already late). A clock stopped
    that day is not overdue."""
    if responded is not None and responded <= day:
        return False
    known = [
        event if event.end is None or event.end <= day else ClockEvent(event.kind, event.start)
        for event in events
        if event.start <= day
    ]
    clock = request_clock(received, sla_days, known)
    return clock.due is not None and day > clock.due
