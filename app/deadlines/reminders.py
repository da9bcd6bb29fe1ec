"""The dashboard's dated items: open deadline records whose warn-from day has come.

Each shows the rule, its subject, and both dates when the due date was rolled past a holiday or
closure. When many subjects of one rule fall in the same group, one item names the count and
opens the deadlines register instead of flooding the dashboard.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import groupby

from app.dashboard import DueItem, provider
from app.dates import format_date
from app.deadlines.holidays import load_calendar
from app.deadlines.listing import DeadlineRow, open_deadlines
from app.deadlines.register import DEADLINES
from app.deadlines.rules import all_rules
from app.i18n import _, ngettext
from app.storage.database import Connection

SINGLE_ITEMS = 5  # up to this many subjects of one rule in one group are listed one by one


def _detail(row: DeadlineRow, reasons: list[str]) -> str:
    rule = all_rules().get(row.rule)
    parts = []
    if rule is not None and rule.timing_ja:
        parts.append(rule.timing_ja if rule.timing_ja.endswith("。") else f"{rule.timing_ja}。")
    elif rule is not None:
        parts.append(_("Source: {source}").format(source=rule.source))
    if row.rolled and row.calendar_date and row.due_date:
        first = reasons[0].split("）", 1)[-1] if reasons else ""
        parts.append(
            _(
                "The calendar date {calendar} is a closed day ({reason}); due the next business "
                "day, {due}."
            ).format(
                calendar=format_date(row.calendar_date, "ja"),
                reason=first,
                due=format_date(row.due_date, "ja"),
            )
        )
    return " ".join(parts)


def _title(row: DeadlineRow) -> str:
    rule = all_rules().get(row.rule)
    name = rule.title if rule else row.rule
    return _("{rule}: {subject}").format(rule=name, subject=row.subject_label)


@provider
def deadline_items(conn: Connection, today: date) -> Iterator[DueItem]:
    rows = open_deadlines(conn, today, showing=True)
    if not rows:
        return
    calendar = load_calendar(conn)
    keyed = sorted(rows, key=lambda r: (r.rule, r.group(today), r.due_date or date.max))
    for (rule_id, _group), members in groupby(keyed, key=lambda r: (r.rule, r.group(today))):
        batch = list(members)
        if len(batch) <= SINGLE_ITEMS:
            for row in batch:
                yield DueItem(
                    _title(row),
                    _detail(row, row.reasons(calendar)),
                    row.subject_register,
                    row.subject_id,
                    row.rule,
                    row.due_date,
                    calendar_date=row.calendar_date,
                )
            continue
        rule = all_rules().get(rule_id)
        names = "、".join(row.subject_label for row in batch[:3])
        yield DueItem(
            ngettext("{rule}: {count} record", "{rule}: {count} records", len(batch)).format(
                rule=rule.title if rule else rule_id, count=len(batch)
            ),
            _("First: {names}.").format(names=names),
            DEADLINES.key,
            None,
            rule_id,
            batch[0].due_date,
            calendar_date=batch[0].calendar_date,
        )
