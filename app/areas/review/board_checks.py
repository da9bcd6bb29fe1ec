"""The operation-check lines of chapter 12 点検・監査 (domain §5.12: 運用の確認 results): checks
carried out against those due, departments covered, the share of "yes" answers, "no" answers and
how many became corrective actions, results reported to top management; "no" answers by item and
by department. Counts only."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.areas.assurance.board import ChapterLines, chapter_lines
from app.areas.review.opchecks import check_figures
from app.board.period import Period
from app.board.sections import (
    labels,
    percent,
    rule_at_least,
    status_at_least,
    status_at_most,
    translator,
)
from app.board.snapshot import Kpi, Table
from app.i18n import N_
from app.storage.database import Connection

TARGET_DONE = 100.0
TARGET_YES = 95.0


@dataclass
class CheckLines:
    kpis: list[Kpi] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    summary: str = ""


def operation_check_lines(conn: Connection, period: Period, language: str) -> CheckLines:
    t = translator(language)
    # checks whose period is over at the report's stock date (the current quarter's is not due)
    figures = check_figures(conn, period.start, period.at)
    if not figures.checks:
        return CheckLines()
    done = percent(figures.done, figures.checks)
    yes = None if figures.yes_share is None else round(figures.yes_share * 100, 1)
    no_count = figures.answers["no"]
    tracked = conn.execute(
        "SELECT count(*) FROM operation_check_item i JOIN operation_check c ON c.id = i.check_id "
        "WHERE c.period_end BETWEEN ? AND ? AND i.answer = 'no' "
        "AND i.corrective_action_id IS NOT NULL",
        (period.start.isoformat(), period.at.isoformat()),
    ).fetchone()[0]
    kpis = [
        Kpi(
            t(N_("Operation checks carried out")),
            done,
            "%",
            f"= {TARGET_DONE:g}%",
            status_at_least(done, TARGET_DONE, 75.0),
            t(
                N_(
                    "Checks whose period ended in the report period and that were carried out, of all such checks (JIS A.3.7.1)."
                )
            ),
            rule=rule_at_least(language, TARGET_DONE, 75.0),
            headline=True,
        ),
        Kpi(
            t(N_("Departments checked")),
            figures.departments_checked,
            f"/{figures.departments_active}",
            definition=t(
                N_("Departments with at least one check carried out, of the active departments.")
            ),
        ),
        Kpi(
            t(N_("Checklist items in place")),
            yes,
            "%",
            f"≥ {TARGET_YES:g}%",
            status_at_least(yes, TARGET_YES, 85.0),
            t(N_('"Yes" answers of all yes and no answers (not applicable left out).')),
            rule=rule_at_least(language, TARGET_YES, 85.0),
        ),
        Kpi(
            t(N_('"No" answers')),
            no_count,
            t(N_("items")),
            definition=t(N_("Checklist items found not in place.")),
        ),
        Kpi(
            t(N_('"No" answers without a corrective action')),
            no_count - tracked,
            t(N_("items")),
            "0",
            status_at_most(no_count - tracked, 0, 2),
            t(N_('"No" answers not yet raised as corrective actions.')),
        ),
        Kpi(
            t(N_("Results reported to top management")),
            figures.reported,
            f"/{figures.done}",
            definition=t(N_("Checks carried out whose results were reported to top management.")),
        ),
    ]
    items = labels(conn, "OPCHECK_ITEM", language)
    tables = []
    if figures.no_by_item:
        tables.append(
            Table(
                t(N_('"No" answers by check item')),
                [t(N_("Check item")), t(N_('"No" answers'))],
                [
                    [items.get(code, code), count]
                    for code, count in figures.no_by_item.most_common()
                ],
                ["text", "int"],
            )
        )
        tables.append(
            Table(
                t(N_('"No" answers by department')),
                [t(N_("Department")), t(N_('"No" answers'))],
                [[name, count] for name, count in figures.no_by_department.most_common()],
                ["text", "int"],
            )
        )
    summary = t(
        N_(
            'Operation checks: {done} of {checks} carried out, {yes} of answers in place, {no} "no" answers.'
        )
    ).format(
        done=figures.done,
        checks=figures.checks,
        yes="—" if yes is None else f"{yes:g}%",
        no=no_count,
    )
    return CheckLines(kpis, tables, summary)


@chapter_lines(10)  # the assurance chapter's hook: operation checks come before the audits
def operation_check_chapter_lines(conn: Connection, period: Period, language: str) -> ChapterLines:
    lines = operation_check_lines(conn, period, language)
    return ChapterLines(kpis=lines.kpis, tables=lines.tables, summary=lines.summary)
