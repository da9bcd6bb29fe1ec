"""Chapter 12 点検・監査 (assurance, domain §5.12): internal-audit scope and coverage, findings by
severity, corrective-action closure and overdue actions, external review (Pマーク審査) results.
Counts only: no person is named.

Other areas add their lines to this chapter (the operation checks, 運用の確認, come first) by
declaring a provider with ``@chapter_lines(order)``: ``(conn, period, language) -> ChapterLines``.
The chapter gathers them in order, before its own audit figures; a provider whose area has no
data returns an empty ``ChapterLines``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.areas.assurance.corrective import ACTION_RULE
from app.areas.assurance.coverage import audit_coverage, internal_types
from app.areas.assurance.loop import loop_status
from app.areas.training.coverage import organisation_settings
from app.board.period import Period, display_date
from app.board.sections import (
    labels,
    listed,
    ordered_codes,
    percent,
    rule_at_least,
    rule_at_most,
    section,
    status_at_least,
    status_at_most,
    translator,
)
from app.board.snapshot import Decision, Kpi, Section, Table
from app.catalogues import item_extra
from app.dates import fiscal_year_of
from app.deadlines.engine import compute
from app.i18n import N_, ngettext_in
from app.storage.database import Connection

KEY = "assurance"  # reserved chapter 12 of app.board.sections.PLANNED_CHAPTERS
TARGET_COVERAGE = 100.0
TARGET_CLOSURE = 80.0


@dataclass
class ChapterLines:
    """What another area adds to chapter 12: indicators, tables, events, one summary sentence."""

    kpis: list[Kpi] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    appendix: list[Table] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    summary: str = ""


LinesProvider = Callable[[Connection, Period, str], ChapterLines]
_LINES: list[tuple[int, LinesProvider]] = []


def chapter_lines(order: int) -> Callable[[LinesProvider], LinesProvider]:
    """Declare ``function`` a provider of lines of chapter 12 (lower ``order`` prints first; the
    operation checks use 10, the chapter's own audit lines follow them)."""

    def declare(function: LinesProvider) -> LinesProvider:
        if all(existing is not function for _order, existing in _LINES):
            _LINES.append((order, function))
        return function

    return declare


def added_lines(conn: Connection, period: Period, language: str) -> list[ChapterLines]:
    """Every declared provider's lines, in order. A provider may return any object with some of
    ``ChapterLines``' attributes (a missing one counts as empty)."""
    found = []
    for _order, function in sorted(_LINES, key=_first):
        lines = function(conn, period, language)
        found.append(
            ChapterLines(
                kpis=list(getattr(lines, "kpis", None) or []),
                tables=list(getattr(lines, "tables", None) or []),
                appendix=list(getattr(lines, "appendix", None) or []),
                events=list(getattr(lines, "events", None) or []),
                summary=getattr(lines, "summary", "") or "",
            )
        )
    return found


def _first(pair: tuple[int, LinesProvider]) -> int:
    return pair[0]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class ActionFigures:
    in_scope: int  # actions raised by the period's day and not closed or redone before it began
    closed: int  # of those, closed (found effective) by the day
    overdue: int  # not completed by the day, past their due date
    checks_overdue: int  # completed, effectiveness not checked by the day, past the check's due
    by_source: dict[str, list[int]]  # source -> [raised in period, closed in period, open at day]
    redone: list[tuple[str, str, str]]  # (code, checked on, new code) of failed checks in period


def action_figures(conn: Connection, period: Period) -> ActionFigures:
    """Corrective-action figures at ``period.at`` (one definition for the chapter and tests)."""
    at = period.at
    rows = conn.execute(
        "SELECT id, code, source, raised_on, due_on, completed_on, effectiveness_due, "
        "effectiveness_checked_on, status, closed_on FROM corrective_action ORDER BY code"
    ).fetchall()
    successors = dict(
        conn.execute(
            "SELECT previous_id, code FROM corrective_action WHERE previous_id IS NOT NULL"
        ).fetchall()
    )
    in_scope = closed = overdue = checks_overdue = 0
    by_source: dict[str, list[int]] = {}
    redone = []
    for (record_id, code, source, raised, due, completed, check_due, checked, status,
         closed_on) in rows:  # fmt: skip
        raised_day, closed_day = _day(raised), _day(closed_on)
        completed_day, checked_day = _day(completed), _day(checked)
        if raised_day is None or raised_day > at:
            continue
        ended_before = (closed_day and closed_day < period.start) or (
            status == "redone" and checked_day and checked_day < period.start
        )
        counts = by_source.setdefault(source, [0, 0, 0])
        counts[0] += period.contains(raised_day)
        counts[1] += bool(closed_day and period.contains(closed_day) and closed_day <= at)
        ended_by_at = (closed_day and closed_day <= at) or (
            status == "redone" and checked_day and checked_day <= at
        )
        counts[2] += not ended_by_at
        if status == "redone" and checked_day and period.contains(checked_day):
            redone.append((code, checked, successors.get(record_id, "")))
        if ended_before or (status == "redone" and checked_day and checked_day <= at):
            continue
        in_scope += 1
        closed += bool(closed_day and closed_day <= at)
        due_day = _day(due) or compute(ACTION_RULE, raised_day).due_date
        if (completed_day is None or completed_day > at) and due_day and due_day < at:
            overdue += 1
        check_day = _day(check_due)
        if (
            completed_day
            and completed_day <= at
            and (checked_day is None or checked_day > at)
            and check_day
            and check_day < at
        ):
            checks_overdue += 1
    return ActionFigures(in_scope, closed, overdue, checks_overdue, by_source, redone)


def _findings(conn: Connection, period: Period) -> list[tuple]:
    """(code, severity, department name, clause, due, has action, closed, external) of the
    findings found in the period."""
    rows = conn.execute(
        "SELECT f.code, f.severity, d.name, f.clause_ref, f.due_on, f.corrective_action_id, "
        "a.audit_type FROM finding f JOIN audit a ON a.id = f.audit_id "
        "LEFT JOIN department d ON d.id = f.department_id "
        "WHERE f.found_on BETWEEN ? AND ? ORDER BY f.found_on, f.code",
        (period.start.isoformat(), period.at.isoformat()),
    ).fetchall()
    return [
        (*row[:6], loop_status(conn, row[5]) if row[5] is not None else None, row[6])
        for row in rows
    ]


@section(120, KEY, N_("Operation checks and audits"))
def assurance_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    title = t(N_("Operation checks and audits"))
    added = added_lines(conn, period, language)
    start_md, _days = organisation_settings(conn)
    year = period.fiscal_year or fiscal_year_of(period.start, start_md)
    coverage = audit_coverage(conn, year, until=period.at)
    types = internal_types(conn)
    held = [
        row
        for row in conn.execute(
            "SELECT id, audit_type, coalesce(ended_on, started_on), conclusion, "
            "reported_to_top_on FROM audit WHERE coalesce(ended_on, started_on) BETWEEN ? AND ? "
            "ORDER BY 3",
            (period.start.isoformat(), period.at.isoformat()),
        )
    ]
    internal = [row for row in held if row[1] in types]
    external = [row for row in held if item_extra(conn, "AUDIT_TYPE", row[1]).get("external")]
    findings = _findings(conn, period)
    actions = action_figures(conn, period)
    own_data = held or findings or actions.in_scope or coverage.covered
    if not own_data and not any(lines.kpis or lines.tables for lines in added):
        return Section(
            KEY,
            title,
            "",
            empty=t(N_("No audit, finding or corrective action is recorded for the period.")),
        )
    coverage_rate = percent(coverage.covered, coverage.total)
    coverage_status = status_at_least(coverage_rate, TARGET_COVERAGE, 80)
    year_running = period.at < coverage.end
    if year_running and coverage_status == "bad":
        coverage_status = "watch"  # departments may still be audited before the year ends
    coverage_rule = rule_at_least(language, TARGET_COVERAGE, 80)
    if year_running:
        coverage_rule += " " + t(N_("While the fiscal year runs, at worst watch."))
    closure = percent(actions.closed, actions.in_scope)
    reported = sum(1 for row in internal if row[4])
    kpis = [kpi for lines in added for kpi in lines.kpis]
    kpis += [
        Kpi(
            t(N_("Departments audited")),
            coverage_rate,
            "%",
            target=f"{TARGET_COVERAGE:.0f}%",
            status=coverage_status,
            headline=True,
            rule=coverage_rule,
            definition=t(
                N_(
                    "Active departments covered by an internal audit of fiscal year {year} "
                    "(its last day in the year, up to the report's day), as a share of all "
                    "active departments: {covered} of {total}."
                )
            ).format(year=year, covered=coverage.covered, total=coverage.total),
        ),
        Kpi(
            t(N_("Internal audits held")),
            len(internal),
            t(N_("audits")),
            definition=t(
                N_(
                    "Internal audits (not external reviews or contractor audits) whose last day "
                    "falls in the period; {reported} of them reported to top management."
                )
            ).format(reported=reported),
        ),
        Kpi(
            t(N_("Corrective-action closure")),
            closure,
            "%",
            target=f"≥ {TARGET_CLOSURE:.0f}%",
            status=status_at_least(closure, TARGET_CLOSURE, 60),
            headline=True,
            rule=rule_at_least(language, TARGET_CLOSURE, 60),
            definition=t(
                N_(
                    "Corrective actions open during the period (raised by its last day and not "
                    "closed before it began) that were closed by a check finding them effective, "
                    "as a share of them: {closed} of {total}. An action redone after a failed "
                    "check counts through the action that redoes it."
                )
            ).format(closed=actions.closed, total=actions.in_scope),
        ),
        Kpi(
            t(N_("Overdue corrective actions")),
            actions.overdue,
            t(N_("actions")),
            target="0",
            status=status_at_most(actions.overdue, 0, 2),
            headline=True,
            rule=rule_at_most(language, 0, 2),
            definition=t(
                N_(
                    "Actions not completed by the report's day whose due date has passed (their "
                    "own due date, or 90 days after they were raised)."
                )
            ),
        ),
        Kpi(
            t(N_("Overdue effectiveness checks")),
            actions.checks_overdue,
            t(N_("actions")),
            target="0",
            status=status_at_most(actions.checks_overdue, 0, 2),
            rule=rule_at_most(language, 0, 2),
            definition=t(
                N_(
                    "Completed actions whose effectiveness check (three months after completion "
                    "unless set otherwise) is past due and not recorded."
                )
            ),
        ),
        Kpi(
            t(N_("External reviews")),
            len(external),
            t(N_("reviews")),
            definition=t(
                N_("External reviews (PrivacyMark review) whose last day is in the period.")
            ),
        ),
    ]
    severity = labels(conn, "FINDING_SEVERITY", language)
    severity_order = ordered_codes(conn, "FINDING_SEVERITY")
    external_types = {row[1] for row in external}
    by_severity: dict[str, list[int]] = {code: [0, 0, 0, 0] for code in severity_order}
    for _code, sev, _dept, _clause, _due, action, status, audit_type in findings:
        counts = by_severity.setdefault(sev, [0, 0, 0, 0])
        counts[1 if audit_type in external_types or item_extra(
            conn, "AUDIT_TYPE", audit_type).get("external") else 0] += 1  # fmt: skip
        counts[2] += action is not None
        counts[3] += status == "closed"
    sources = labels(conn, "CA_SOURCE", language)
    source_order = ordered_codes(conn, "CA_SOURCE")
    conclusion = labels(conn, "AUDIT_CONCLUSION", language)
    tables = [table for lines in added for table in lines.tables]
    tables += [
        Table(
            t(N_("Internal audit coverage by department, fiscal year {year}")).format(year=year),
            [t(N_("Department")), t(N_("In the plan")), t(N_("Audited on")), t(N_("Findings"))],
            [
                [
                    row.name,
                    row.planned,
                    row.audits[-1][2].isoformat() if row.audits else None,
                    row.findings,
                ]
                for row in coverage.departments
            ],
            ["text", "bool", "date", "int"],
        ),
        Table(
            t(N_("Findings by severity")),
            [
                t(N_("Severity")),
                t(N_("Internal audits")),
                t(N_("External reviews")),
                t(N_("With a corrective action")),
                t(N_("Closed")),
            ],
            [
                [severity.get(code, code), *by_severity[code]]
                for code in by_severity
                if any(by_severity[code]) or code in severity_order
            ],
            ["text", "int", "int", "int", "int"],
        ),
        Table(
            t(N_("Corrective actions by source")),
            [
                t(N_("Raised from")),
                t(N_("Raised in the period")),
                t(N_("Closed in the period")),
                t(N_("Open at the end")),
            ],
            [
                [sources.get(code, code), *actions.by_source[code]]
                for code in sorted(
                    actions.by_source,
                    key=lambda c: source_order.index(c) if c in source_order else 99,
                )
            ],
            ["text", "int", "int", "int"],
        ),
    ]
    if external:
        tables.append(
            Table(
                t(N_("External review results")),
                [t(N_("Last day")), t(N_("Conclusion")), t(N_("Findings"))],
                [
                    [
                        day,
                        conclusion.get(result, result) if result else None,
                        conn.execute(
                            "SELECT count(*) FROM finding WHERE audit_id = ?", (audit_id,)
                        ).fetchone()[0],
                    ]
                    for audit_id, _type, day, result, _reported in external
                ],
                ["date", "text", "int"],
            )
        )
    appendix = [table for lines in added for table in lines.appendix]
    if findings:
        appendix.append(
            Table(
                t(N_("Findings of the period")),
                [
                    t(N_("Finding")),
                    t(N_("Severity")),
                    t(N_("Department")),
                    t(N_("Clause")),
                    t(N_("Due")),
                    t(N_("Corrective action closed")),
                ],
                [
                    [code, severity.get(sev, sev), dept, clause, due, status == "closed"]
                    for code, sev, dept, clause, due, _action, status, _type in findings
                ],
                ["text", "text", "text", "text", "date", "bool"],
            )
        )
    held_internal = [row[0] for row in internal]
    if held_internal:
        results = labels(conn, "AUDIT_RESULT", language)
        counted = dict(
            conn.execute(
                "SELECT coalesce(result, ''), count(*) FROM audit_checklist_item WHERE audit_id IN "
                f"({', '.join('?' * len(held_internal))}) GROUP BY 1",
                held_internal,
            ).fetchall()
        )
        if counted:
            order = [*ordered_codes(conn, "AUDIT_RESULT"), ""]
            tables.append(
                Table(
                    t(N_("Checklist results of the period's internal audits")),
                    [t(N_("Result")), t(N_("Items"))],
                    [
                        [results.get(code, code) if code else t(N_("Not recorded")), counted[code]]
                        for code in order
                        if code in counted
                    ],
                    ["text", "int"],
                )
            )
    late = _late_major_findings(conn, period, language)
    decisions = []
    if late:
        decisions.append(
            Decision(
                "other",
                ngettext_in(
                    language,
                    "Late correction of {count} major nonconformity",
                    "Late correction of {count} major nonconformities",
                    len(late),
                ).format(count=len(late)),
                t(
                    N_(
                        "Major nonconformities must be corrected within their due date; these are "
                        "past it and their corrective action is not closed."
                    )
                ),
                t(
                    N_(
                        "The board instructs the departments concerned to complete the corrective "
                        "actions and asks for a report on their effectiveness at its next meeting."
                    )
                ),
                listed(late, language),
            )
        )
    events = [event for lines in added for event in lines.events]
    events += [
        t(
            N_("Corrective action {code} was found not effective on {day}; it is redone as {new}.")
        ).format(code=code, day=display_date(date.fromisoformat(day), language), new=new or "—")
        for code, day, new in actions.redone
    ]
    summary_parts = [lines.summary for lines in added if lines.summary]
    summary_parts.append(
        t(
            N_(
                "Internal audits covered {covered} of {total} departments; {findings} findings; "
                "corrective-action closure {closure}, {overdue} overdue."
            )
        ).format(
            covered=coverage.covered,
            total=coverage.total,
            findings=len(findings),
            closure="—" if closure is None else f"{closure:.1f}%",
            overdue=actions.overdue,
        )
    )
    return Section(
        KEY,
        title,
        " ".join(summary_parts),
        kpis=kpis,
        tables=tables,
        appendix=appendix,
        events=events,
        decisions=decisions,
    )


def _late_major_findings(conn: Connection, period: Period, language: str) -> list[str]:
    """Major findings of any date whose due day has passed by the report's day while their loop is
    not closed, as "F-2026-002 川崎配送センター（期限 2026/11/04）". No person is named."""
    t = translator(language)
    rows = conn.execute(
        "SELECT f.code, d.name, f.due_on, f.corrective_action_id FROM finding f "
        "LEFT JOIN department d ON d.id = f.department_id "
        "WHERE f.severity = 'major_nc' AND f.due_on < ? ORDER BY f.due_on, f.code",
        (period.at.isoformat(),),
    ).fetchall()
    late = []
    for code, department, due, action in rows:
        if action is not None and loop_status(conn, action) == "closed":
            continue
        late.append(
            t(N_("{code} {department} (due {day})")).format(
                code=code,
                department=department or "—",
                day=display_date(date.fromisoformat(due), language),
            )
        )
    return late
