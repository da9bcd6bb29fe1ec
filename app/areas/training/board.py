"""Chapter 教育・啓発 (training): completion by employment type and department, test pass rate,
overdue people and pledge coverage (domain §5.7), from ``app.areas.training.coverage``.

The figures are those of the Coverage page for the fiscal year the period starts in, taken at the
period's ``at`` day, so the report and the page always agree.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.areas.organisation.board import staff_count
from app.areas.training.coverage import (
    DONE_STATUSES,
    CoverageReport,
    Tally,
    _people,
    completion_percent,
    compute_coverage,
    organisation_settings,
)
from app.board.period import Period, display_date, training_year
from app.board.sections import (
    labels,
    named_annex,
    ordered_codes,
    percent,
    ratio,
    rule_at_least,
    rule_at_most,
    section,
    share,
    status_at_least,
    status_at_most,
    translator,
)
from app.board.snapshot import Chart, Kpi, Section, Table
from app.dates import add_months
from app.i18n import N_
from app.storage.database import Connection

KEY = "training"
TARGET_COMPLETION = 95.0
TARGET_PASS = 90.0
TARGET_PLEDGE = 98.0


def _programme_over(fiscal_year: int, month: int | None, start_month: int, end: date) -> date:
    """The last day of a programme's planned month (the period's end when it has none)."""
    if month is None:
        return end
    year = fiscal_year if month >= start_month else fiscal_year + 1
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


def overdue_people(report: CoverageReport, at: date, start_month: int) -> list[tuple]:
    """(person, programme title, reason) for each required programme a person has not completed
    although its planned month is over at ``at``."""
    rows = []
    for programme in report.programmes:
        if (
            _programme_over(report.fiscal_year, programme.planned_month, start_month, report.end)
            >= at
        ):
            continue
        for reason, people in (
            ("not_trained", programme.not_trained),
            ("failed", programme.failed),
            ("retake", programme.retake_needed),
        ):
            rows.extend((person, programme.title, reason) for person in people)
    return sorted(rows, key=lambda r: (r[0].department, r[0].staff_no, r[1]))


def test_results(conn: Connection, fiscal_year: int) -> tuple[int, int, float | None]:
    """(tested, passed, average score) over attendances at tested sessions of the year's
    required programmes."""
    tested, passed, average = conn.execute(
        "SELECT count(*), sum(CASE WHEN a.passed IS NOT NULL THEN a.passed = 1 "
        "ELSE a.score >= s.pass_mark END), avg(a.score) "
        "FROM training_attendance a JOIN training_session s ON s.id = a.session_id "
        "JOIN training_programme g ON g.id = s.programme_id "
        "WHERE g.fiscal_year = ? AND coalesce(g.required, 1) = 1 AND coalesce(s.has_test, 0) = 1 "
        f"AND a.status IN {DONE_STATUSES!r} AND (a.passed IS NOT NULL OR a.score IS NOT NULL)",
        (fiscal_year,),
    ).fetchone()
    return tested, int(passed or 0), None if average is None else round(average, 1)


def _completion(tally: Tally) -> float | None:
    return completion_percent(tally)  # the Coverage page's share, one definition


@section(50, KEY, N_("Training and awareness"))
def training_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    title = t(N_("Training and awareness"))
    year = training_year(conn, period)
    report = compute_coverage(conn, year, today=period.at)
    if not report.programmes:
        return Section(
            KEY,
            title,
            "",
            empty=t(N_("No required training programme is planned for fiscal year {year}.")).format(
                year=year
            ),
        )
    (start_month, _day), _days = organisation_settings(conn)
    people_unit = t(N_("people"))
    completion = _completion(report.overall)
    tested, passed, average = test_results(conn, year)
    pass_rate = percent(passed, tested)
    overdue = overdue_people(report, period.at, start_month)
    overdue_count = len({row[0].id for row in overdue})
    staff = len(_people(conn, report.start, report.end))
    pledged = staff - len(report.without_pledge)
    pledge_rate = percent(pledged, staff)
    previous = compute_coverage(conn, year - 1, today=report.start - timedelta(days=1))
    had_previous = bool(previous.programmes)
    previous_tests = test_results(conn, year - 1) if had_previous else (0, 0, None)
    kpis = [
        Kpi(
            t(N_("Training completion")),
            completion,
            "%",
            target=f"≥ {TARGET_COMPLETION:.0f}%",
            status=status_at_least(completion, TARGET_COMPLETION, 80),
            headline=True,
            rule=rule_at_least(language, TARGET_COMPLETION, 80),
            definition=t(
                N_(
                    "Staff who completed every required programme of fiscal year {year} that "
                    "applies to them (attended, and passed the test where there is one), as a "
                    "share of staff in scope (employed during the year, not exempt)."
                )
            ).format(year=year),
            previous=_completion(previous.overall) if had_previous else None,
        ),
        Kpi(
            t(N_("Test pass rate")),
            pass_rate,
            "%",
            target=f"≥ {TARGET_PASS:.0f}%",
            status=status_at_least(pass_rate, TARGET_PASS, 75),
            rule=rule_at_least(language, TARGET_PASS, 75),
            definition=t(
                N_(
                    "Attendances at sessions with a comprehension test of the year's required "
                    "programmes that passed, as a share of those attendances with a result "
                    "(every attempt counts; optional programmes are not counted)."
                )
            ),
            previous=percent(previous_tests[1], previous_tests[0]) if had_previous else None,
        ),
        Kpi(
            t(N_("Average test score")),
            average,
            t(N_("points")),
            definition=t(
                N_("Mean score of the attendances of the pass rate above that have a score.")
            ),
            previous=previous_tests[2] if had_previous else None,
        ),
        Kpi(
            t(N_("Overdue people")),
            overdue_count,
            people_unit,
            target="0",
            status=status_at_most(overdue_count, 0, max(1, report.overall.in_scope // 20)),
            rule=rule_at_most(language, 0, max(1, report.overall.in_scope // 20)),
            definition=t(
                N_(
                    "People in scope who have not completed (or failed) a required programme "
                    "whose planned month is over."
                )
            ),
        ),
        Kpi(
            t(N_("New hires trained late")),
            len(report.new_hires_late),
            people_unit,
            target="0",
            status=status_at_most(len(report.new_hires_late), 0, 2),
            rule=rule_at_most(language, 0, 2),
            definition=t(
                N_("People hired in the year not trained within {days} days of joining.")
            ).format(days=report.new_hire_days),
        ),
        Kpi(
            t(N_("Pledge coverage")),
            pledge_rate,
            "%",
            target=f"≥ {TARGET_PLEDGE:.0f}%",
            status=status_at_least(pledge_rate, TARGET_PLEDGE, 90),
            rule=rule_at_least(language, TARGET_PLEDGE, 90),
            definition=t(
                N_(
                    "Staff employed during the year who signed the pledge their employment type "
                    "requires (誓約書), as a share of all of them."
                )
            ),
        ),
    ]
    employment = labels(conn, "EMPLOYMENT_TYPE", language)
    order = ordered_codes(conn, "EMPLOYMENT_TYPE")
    types = sorted(report.by_employment, key=lambda c: (order.index(c) if c in order else 99, c))
    departments = sorted(report.by_department)
    no_department = t(N_("(no department)"))

    def tally_row(name: str, tally: Tally) -> list:
        return [name, tally.in_scope, tally.completed, ratio(tally.completed, tally.in_scope)]

    tally_columns = [t(N_("In scope")), t(N_("Completed")), t(N_("Completion"))]
    type_order = [employment.get(code, code) for code in order]
    overdue_by_group = _count_people(
        {row[0].id: row[0] for row in overdue}.values(), employment, types, no_department
    )
    pledge_by_group = _count_people(report.without_pledge, employment, types, no_department)
    employed_at = staff_count(conn, period.at)
    summary = t(
        N_(
            "Training completion {completion} against a target of {target}%; {overdue} people "
            "overdue; pledge coverage {pledge}."
        )
    ).format(
        completion="—" if completion is None else f"{completion:.1f}%",
        target=f"{TARGET_COMPLETION:.0f}",
        overdue=overdue_count,
        pledge="—" if pledge_rate is None else f"{pledge_rate:.1f}%",
    )
    return Section(
        KEY,
        title,
        summary,
        kpis=kpis,
        charts=[
            Chart(
                "bar",
                t(N_("Completion by department")),
                labels=[name or no_department for name in departments],
                values=[
                    share(report.by_department[d].completed, report.by_department[d].in_scope)
                    for d in departments
                ],
                percent=True,
            ),
        ],
        tables=[
            Table(
                t(N_("Completion by employment type")),
                [t(N_("Employment type")), *tally_columns],
                [tally_row(employment.get(c, c), report.by_employment[c]) for c in types],
                ["text", "int", "int", "percent"],
                note=t(
                    N_(
                        "In scope: the {in_scope} people employed at some time during fiscal year "
                        "{year} and not exempt. The governance chapter counts the {employed} "
                        "employed on {day}; the difference is people who joined or left during "
                        "the year, and exemptions."
                    )
                ).format(
                    in_scope=report.overall.in_scope,
                    year=year,
                    employed=employed_at,
                    day=display_date(period.at, language),
                ),
            ),
            Table(
                t(N_("Required programmes")),
                [
                    t(N_("Programme")),
                    *tally_columns,
                    t(N_("Failed")),
                    t(N_("Retake needed")),
                ],
                [
                    [
                        *tally_row(p.title, p.total),
                        len(p.failed),
                        len(p.retake_needed),
                    ]
                    for p in report.programmes
                ],
                ["text", "int", "int", "percent", "int", "int"],
            ),
        ],
        appendix=[
            Table(
                t(N_("Completion by department")),
                [t(N_("Department")), *tally_columns],
                [tally_row(d or no_department, report.by_department[d]) for d in departments],
                ["text", "int", "int", "percent"],
            ),
            _group_table(
                t(N_("Overdue people by department and employment type")),
                overdue_by_group,
                language,
                type_order,
            ),
            _group_table(
                t(N_("Staff without the required pledge, by department and employment type")),
                pledge_by_group,
                language,
                type_order,
            ),
        ],
    )


def _count_people(people, employment: dict[str, str], types: list[str], no_department: str):
    """{department: {employment label: count}} of ``people`` (PersonRef), no names."""
    grouped: dict[str, dict[str, int]] = {}
    for person in people:
        department = person.department or no_department
        kind = employment.get(person.employment_type, person.employment_type)
        counts = grouped.setdefault(department, {})
        counts[kind] = counts.get(kind, 0) + 1
    return grouped


def _group_table(
    title: str, grouped: dict[str, dict[str, int]], language: str, order: list[str]
) -> Table:
    t = translator(language)
    found = {kind for counts in grouped.values() for kind in counts}
    kinds = sorted(found, key=lambda k: (order.index(k) if k in order else len(order), k))
    rows = [
        [department, *[counts.get(kind, 0) for kind in kinds], sum(counts.values())]
        for department, counts in sorted(grouped.items())
    ]
    if rows:
        rows.append(
            [
                t(N_("Total")),
                *[sum(r[i + 1] for r in rows) for i in range(len(kinds))],
                sum(r[-1] for r in rows),
            ]
        )
    return Table(
        title,
        [t(N_("Department")), *kinds, t(N_("Total"))],
        rows,
        ["text", *["int"] * (len(kinds) + 1)],
        note=t(N_("Counts only; the names are in the officer's lists (Coverage page).")),
    )


@named_annex(KEY)
def named_training(conn: Connection, period: Period, language: str) -> list[Table]:
    """The people behind the training figures, by name: only in the explicit named annex."""
    t = translator(language)
    year = training_year(conn, period)
    report = compute_coverage(conn, year, today=period.at)
    (start_month, _day), _days = organisation_settings(conn)
    employment = labels(conn, "EMPLOYMENT_TYPE", language)
    no_department = t(N_("(no department)"))
    reasons = {
        "not_trained": t(N_("not trained")),
        "failed": t(N_("failed the test")),
        "retake": t(N_("retake needed")),
    }
    grouped: dict[int, list] = {}
    for person, programme, reason in overdue_people(report, period.at, start_month):
        row = grouped.setdefault(
            person.id,
            [
                person.staff_no,
                person.name,
                person.department or no_department,
                employment.get(person.employment_type, person.employment_type),
                [],
            ],
        )
        row[4].append(f"{programme}（{reasons[reason]}）" if language == "ja" else
                      f"{programme} ({reasons[reason]})")  # fmt: skip
    separator = "、" if language == "ja" else "; "
    return [
        Table(
            t(N_("Overdue people")),
            [
                t(N_("Staff number")),
                t(N_("Name")),
                t(N_("Department")),
                t(N_("Employment type")),
                t(N_("Programmes not completed")),
            ],
            [[*row[:4], separator.join(row[4])] for row in grouped.values()],
            ["text"] * 5,
        ),
        Table(
            t(N_("Staff without the required pledge")),
            [t(N_("Staff number")), t(N_("Name")), t(N_("Department")), t(N_("Employment type"))],
            [
                [
                    person.staff_no,
                    person.name,
                    person.department or no_department,
                    employment.get(person.employment_type, person.employment_type),
                ]
                for person in report.without_pledge
            ],
            ["text"] * 4,
        ),
    ]
