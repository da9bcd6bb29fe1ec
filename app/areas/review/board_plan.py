"""Chapter 15 次年度計画: what falls due in the next fiscal year, from the stored deadline records
(audits, contractor evaluations, operation checks, the management review, reviews of the 台帳,
risks, laws and documents; a cycle rule's later occurrences in the year are projected from its
stored due date) and the training plan entered for that year (domain §5.15). Counts only."""

from __future__ import annotations

from datetime import date

from app.board.period import Period, training_year
from app.board.sections import labels, section, translator
from app.board.snapshot import Kpi, Section, Table
from app.dates import add_months, fiscal_year_range
from app.deadlines.rules import all_rules
from app.i18n import N_
from app.storage.database import Connection

KEY = "plan"
QUARTERS = 4


def occurrences(rule_id: str, due: date, start: date, end: date) -> list[date]:
    """The due date and, for a cycle rule counted in months, its repeats up to ``end``; those
    from ``start`` on."""
    rule = all_rules().get(rule_id)
    step = rule.due.months + 12 * rule.due.years if rule and rule.due else 0
    found, day = [], due
    while day <= end:
        if day >= start:
            found.append(day)
        if rule is None or rule.group != "cycle" or step <= 0:
            break
        day = add_months(day, step)
    return found


def planned_deadlines(conn: Connection, start: date, end: date) -> dict[str, list[int]]:
    """rule id -> occurrences per quarter of the year from ``start``."""
    quarters: dict[str, list[int]] = {}
    for rule_id, due_text in conn.execute(
        "SELECT rule, due_date FROM deadline WHERE status = 'open' AND due_date IS NOT NULL "
        "AND due_date <= ?",
        (end.isoformat(),),
    ):
        for day in occurrences(rule_id, date.fromisoformat(due_text), start, end):
            months = (day.year - start.year) * 12 + day.month - start.month - (day.day < start.day)
            counts = quarters.setdefault(rule_id, [0] * QUARTERS)
            counts[min(months // 3, QUARTERS - 1)] += 1
    return quarters


@section(150, KEY, N_("Plan for the next year"))
def plan_section(conn: Connection, period: Period, language: str) -> Section:
    from app.areas.training.coverage import organisation_settings

    t = translator(language)
    title = t(N_("Plan for the next year"))
    year = training_year(conn, period) + 1
    start_md, _days = organisation_settings(conn)
    start, end = fiscal_year_range(year, start_md)
    due = planned_deadlines(conn, start, end)
    rules = all_rules()
    programmes = conn.execute(
        "SELECT title, training_type, planned_month, coalesce(required, 1) "
        "FROM training_programme WHERE fiscal_year = ? ORDER BY planned_month, title",
        (year,),
    ).fetchall()

    def total(*rule_ids: str) -> int:
        return sum(sum(due.get(rule_id, [])) for rule_id in rule_ids)

    if not due and not programmes:
        return Section(
            KEY,
            title,
            "",
            empty=t(N_("Nothing is planned or falls due in fiscal year {year} yet.")).format(
                year=year
            ),
        )
    items = t(N_("items"))
    counted = t(
        N_(
            "Deadline records falling due in fiscal year {year}, a recurring duty counted each time."
        )
    ).format(year=year)
    kpis = [
        Kpi(
            t(N_("Training programmes planned")),
            len(programmes),
            items,
            "≥ 1",
            "good" if programmes else "watch",
            t(N_("Programmes entered in the training plan for fiscal year {year}.")).format(
                year=year
            ),
            rule=t(N_("Watch until next year's training is planned.")),
            headline=True,
        ),
        Kpi(t(N_("Internal audits due")), total("C-AUDIT"), items, definition=counted),
        Kpi(t(N_("Contractor evaluations due")), total("C-CONTRACTOR"), items, definition=counted),
        Kpi(t(N_("Operation checks due")), total("C-OPCHECK"), items, definition=counted),
        Kpi(t(N_("Management reviews due")), total("C-MR"), items, definition=counted),
        Kpi(
            t(N_("Deadlines falling due in the year")),
            sum(map(sum, due.values())),
            items,
            definition=counted,
        ),
    ]
    quarter_names = [t(N_("Q{number}")).format(number=n) for n in range(1, QUARTERS + 1)]
    rows = [
        [rules[rule_id].title if rule_id in rules else rule_id, *counts, sum(counts)]
        for rule_id, counts in sorted(due.items(), key=lambda item: -sum(item[1]))
    ]
    tables = [
        Table(
            t(N_("Due in fiscal year {year}, by quarter")).format(year=year),
            [t(N_("Duty")), *quarter_names, t(N_("Total"))],
            rows,
            ["text", *(["int"] * (QUARTERS + 1))],
            note=t(
                N_(
                    "From the deadline records; a yearly or quarterly duty is counted each time it falls due."
                )
            ),
        )
    ]
    if programmes:
        types = labels(conn, "TRAINING_TYPE", language)
        tables.append(
            Table(
                t(N_("Training plan for fiscal year {year}")).format(year=year),
                [t(N_("Programme")), t(N_("Training type")), t(N_("Month")), t(N_("Required"))],
                [
                    [title_, types.get(kind, kind), month, bool(required)]
                    for title_, kind, month, required in programmes
                ],
                ["text", "text", "int", "text"],
            )
        )
    summary = t(
        N_(
            "Fiscal year {year}: {deadlines} duties fall due; {programmes} training programmes planned."
        )
    ).format(year=year, deadlines=sum(map(sum, due.values())), programmes=len(programmes))
    return Section(KEY, title, summary, kpis=kpis, tables=tables)
