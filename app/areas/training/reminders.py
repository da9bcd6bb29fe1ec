"""Dashboard items of rule C-TRAINING: untrained staff, late new hires, retakes, missing pledges."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from app.areas.training.coverage import (
    compute_coverage,
    current_fiscal_year,
    gaps,
    organisation_settings,
)
from app.dashboard import DueItem, provider
from app.dates import show_date
from app.deadlines.engine import compute
from app.i18n import _, ngettext
from app.storage.database import Connection

RETAKE_DAYS = 30  # shown in the text; the date comes from rule C-TRAINING-RETAKE (domain §3.10)


def planned_month_end(fiscal_year: int, month: int, start: tuple[int, int]) -> date:
    """The last day of a programme's planned month, within its fiscal year."""
    year = fiscal_year if (month, 31) >= start else fiscal_year + 1
    return date(year, month, calendar.monthrange(year, month)[1])


@provider
def training_items(conn: Connection, today: date) -> Iterator[DueItem]:
    if conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0:
        return
    fiscal_year = current_fiscal_year(conn, today)
    start, _days = organisation_settings(conn)
    report = compute_coverage(conn, fiscal_year, today=today)
    if not report.programmes:
        yield DueItem(
            _("Plan this year's training"),
            _("No required training programme is planned for fiscal year {year}.").format(
                year=fiscal_year
            ),
            "training_programmes",
            None,
            "C-TRAINING",
        )
    for programme in report.programmes:
        behind = gaps(report, programme.programme_id)
        if not behind.not_trained:
            continue  # those who failed the test have their own retake item below
        month = programme.planned_month
        due = planned_month_end(fiscal_year, month, start) if month else report.end
        yield DueItem(
            ngettext(
                "{count} person not yet trained: {programme}",
                "{count} people not yet trained: {programme}",
                len(behind.not_trained),
            ).format(count=len(behind.not_trained), programme=programme.title),
            _("{done} of {total} in scope have completed it ({share}).").format(
                done=programme.total.completed,
                total=programme.total.in_scope,
                share=f"{(programme.total.share or 0) * 100:.0f}%",
            ),
            "training_programmes",
            programme.programme_id,
            "C-TRAINING",
            due,
        )
    for hire in report.new_hires_late:
        if hire.trained_on is not None:
            continue
        if report.new_hire_days:
            detail = _("Hired on {date}; training is due within {days} days of hire.").format(
                date=show_date(hire.hire_date), days=report.new_hire_days
            )
        else:
            detail = _(
                "Hired on {date}; onboarding training is due before handling personal data."
            ).format(date=show_date(hire.hire_date))
        yield DueItem(
            _("Train new hire: {person}").format(person=hire.person.label),
            detail,
            "people",
            hire.person.id,
            "C-TRAINING",
            hire.due,
        )
    yield from _retakes(conn, fiscal_year, report.start, report.end)
    if report.without_pledge:
        count = len(report.without_pledge)
        yield DueItem(
            ngettext(
                "{count} person has no pledge on file",
                "{count} people have no pledge on file",
                count,
            ).format(count=count),
            _("Collect the confidentiality pledge (誓約書) signed on joining."),
            "pledges",
            None,
            "C-TRAINING",
        )


def _retakes(conn: Connection, fiscal_year: int, start: date, end: date) -> Iterator[DueItem]:
    """Failed tests of this year's required programmes with no later pass, one item per programme."""
    rows = conn.execute(
        "SELECT tp.id, p.id, p.staff_no, p.name, tp.title, max(s.held_on) "
        "FROM training_attendance a "
        "JOIN training_session s ON s.id = a.session_id "
        "JOIN training_programme tp ON tp.id = s.programme_id "
        "JOIN person p ON p.id = a.person_id "
        "WHERE tp.fiscal_year = ? AND coalesce(tp.required, 1) = 1 AND coalesce(p.active, 1) = 1 "
        "AND a.status IN ('attended', 'makeup') AND coalesce(s.has_test, 0) = 1 "
        "AND (a.passed = 0 OR (a.passed IS NULL AND a.score < s.pass_mark)) "
        "AND NOT EXISTS (SELECT 1 FROM training_attendance a2 "
        "  JOIN training_session s2 ON s2.id = a2.session_id "
        "  WHERE a2.person_id = a.person_id AND s2.programme_id = s.programme_id "
        "  AND a2.status IN ('attended', 'makeup') AND (coalesce(s2.has_test, 0) = 0 "
        "  OR a2.passed = 1 OR (a2.passed IS NULL AND a2.score >= s2.pass_mark))) "
        "GROUP BY p.id, tp.id ORDER BY max(s.held_on)",
        (fiscal_year,),
    )
    by_programme: dict[tuple[int, str], list[tuple[str, date]]] = {}
    for programme_id, _person_id, staff_no, name, title, held_on in rows:
        by_programme.setdefault((programme_id, title), []).append(
            (f"{staff_no} {name}", date.fromisoformat(held_on))
        )
    for (programme_id, title), people in by_programme.items():
        first_failed = min(failed_on for _label, failed_on in people)
        names = "、".join(label for label, _failed_on in people[:3])
        if len(people) > 3:
            names += _(" and {count} more").format(count=len(people) - 3)
        yield DueItem(
            ngettext(
                "{count} person must retake the test: {programme}",
                "{count} people must retake the test: {programme}",
                len(people),
            ).format(count=len(people), programme=title),
            _("Not passed yet: {names}. Retake within {days} days of the failed test.").format(
                names=names, days=RETAKE_DAYS
            ),
            "training_programmes",
            programme_id,
            "C-TRAINING",
            compute("C-TRAINING-RETAKE", first_failed).due_date,
        )
