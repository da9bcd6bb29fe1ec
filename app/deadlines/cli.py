"""Deadline commands: the calculator, the open list, the holiday-table import.

    python main.py deadline R-LEAK-FINAL-30 --from 2025-04-04 [--json]
    python main.py deadlines [--json] [--within 30] [--out deadlines.xlsx]
    python main.py import-holidays syukujitsu.csv

The calculator needs no workspace: it uses the built-in holiday table unless ``--workspace`` is
given, then the workspace's imported table too.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app.dates import DateParseError, parse_date
from app.deadlines.engine import Computation, compute
from app.deadlines.holidays import BUILTIN, WEEKDAYS_JA, HolidayCalendar, load_calendar
from app.deadlines.rules import get_rule
from app.errors import MamoriError
from app.i18n import _


class DeadlineCliError(MamoriError):
    pass


def add_deadline_commands(commands: Any) -> None:
    calc = commands.add_parser(
        "deadline", help=_("compute a deadline: calendar date, rolled date and why")
    )
    calc.add_argument("rule", metavar="RULE_ID", help=_("a rule id, e.g. R-LEAK-FINAL-30"))
    calc.add_argument(
        "--from", dest="date_from", required=True, metavar="DATE", help=_("the trigger date")
    )
    calc.add_argument("--json", action="store_true", help=_("print JSON"))

    listing = commands.add_parser("deadlines", help=_("list the open deadlines"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.add_argument(
        "--within", type=int, metavar="DAYS", help=_("only those due within DAYS (and overdue)")
    )
    listing.add_argument("--out", type=Path, help=_("also write them to this Excel file"))
    listing.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)

    rules = commands.add_parser("deadline-rules", help=_("list the deadline rules and their ids"))
    rules.add_argument("--json", action="store_true", help=_("print JSON"))

    holidays = commands.add_parser(
        "import-holidays", help=_("import the Cabinet Office holiday table (syukujitsu.csv)")
    )
    holidays.add_argument("file", type=Path)


def _date(text: str) -> date:
    try:
        value = parse_date(text)
    except DateParseError as exc:
        raise DeadlineCliError(str(exc)) from None
    if value is None:
        raise DeadlineCliError(_("No date given."))
    return value


def _day(value: date | None) -> str:
    if value is None:
        return "—"
    return f"{value.isoformat()}（{WEEKDAYS_JA[value.weekday()]}）"


def describe(result: Computation) -> list[str]:
    """The calculator's answer as lines of text (the CLI and the dialog show the same)."""
    rule = result.rule
    lines = [
        f"{rule.id}  {rule.title}",
        _("Source: {source}").format(source=rule.source),
        _("From: {date} ({what})").format(date=_day(result.start), what=rule.trigger_ja),
    ]
    if result.calendar_date is None:
        lines.append(_("No fixed number of days: {timing}").format(timing=rule.timing_ja or "—"))
        return lines
    lines.append(_("Calendar date: {date}").format(date=_day(result.calendar_date)))
    if result.rolled:
        lines.append(_("Rolled: yes, past these closed days:"))
        lines += [f"  {reason}" for reason in result.reasons]
    else:
        lines.append(_("Rolled: no"))
    lines.append(_("Due date: {date}").format(date=_day(result.due_date)))
    if result.warn_from is not None:
        lines.append(_("Shown from: {date}").format(date=_day(result.warn_from)))
    if rule.timing_ja:
        lines.append(rule.timing_ja)
    return lines


def calculate(rule_id: str, start: date, calendar: HolidayCalendar = BUILTIN) -> Computation:
    try:
        rule = get_rule(rule_id)
    except KeyError as exc:
        raise DeadlineCliError(str(exc.args[0])) from None
    return compute(rule, start, calendar)


def cmd_deadline(
    args: argparse.Namespace, open_workspace: Callable[[argparse.Namespace], Any]
) -> int:
    start = _date(args.date_from)
    calendar = BUILTIN
    if args.workspace:
        with open_workspace(args) as workspace:
            calendar = load_calendar(workspace.conn)
    result = calculate(args.rule, start, calendar)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(describe(result)))
    return 0


def cmd_deadlines(
    args: argparse.Namespace, open_workspace: Callable[[argparse.Namespace], Any]
) -> int:
    from app.deadlines.listing import export_deadlines, open_deadlines, rule_title

    today = _date(args.today) if args.today else date.today()
    with open_workspace(args) as workspace:
        calendar = load_calendar(workspace.conn)
        rows = open_deadlines(workspace.conn, today, within=args.within)
        if args.out:
            count = export_deadlines(workspace.conn, args.out, today, within=args.within)
    if args.json:
        print(json.dumps([row.as_json(calendar) for row in rows], ensure_ascii=False, indent=2))
    else:
        for row in rows:
            rolled = (
                _(" (calendar {date})").format(date=_day(row.calendar_date)) if row.rolled else ""
            )
            print(
                f"{_day(row.due_date)}{rolled}  {row.rule}  {rule_title(row.rule)}  {row.subject_label}"
            )
        print(_("{count} open deadlines").format(count=len(rows)))
    if args.out:
        print(_("Exported {count} deadlines to {path}").format(count=count, path=args.out))
    return 0


def cmd_deadline_rules(args: argparse.Namespace) -> int:
    from app.deadlines.rules import all_rules

    rules = list(all_rules().values())
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "rule": r.id,
                        "title": r.title,
                        "source": r.source,
                        "trigger": r.trigger,
                        "calendar": r.calendar.value,
                        "fixed_days": r.has_due_date,
                    }
                    for r in rules
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for rule in rules:
        timing = rule.timing_ja or ""
        print(f"{rule.id:<22} {rule.title}　{rule.source}　{timing}".rstrip())
    return 0


def cmd_import_holidays(
    args: argparse.Namespace, open_workspace: Callable[[argparse.Namespace], Any]
) -> int:
    from app.deadlines.store import import_holiday_csv

    with open_workspace(args) as workspace:
        result = import_holiday_csv(workspace.conn, args.file)
        info = load_calendar(workspace.conn).info()
    print(
        _("Imported {count} holidays for {first}–{last} from {file}.").format(
            count=result.count,
            first=result.first_year,
            last=result.last_year,
            file=result.file_name,
        )
    )
    for day, builtin, imported in result.changed_days:
        print(f"  {day.isoformat()}: {builtin or '—'} → {imported or '—'}")
    print(_("Holiday table: {table}").format(table=info.describe()))
    return 0
