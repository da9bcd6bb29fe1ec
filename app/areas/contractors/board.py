"""Chapter 8 委託先管理 (domain §5.8): contractors by category and risk tier, evaluation coverage
in the last 12 months, the A/B/C distribution, improvement requests opened and closed,
re-entrustment, processing abroad and contract-clause coverage a–h. Counts only: no contractor
or person is named (country names are not personal data).

Stock figures are taken at the period's ``at`` day; flows (evaluations, requests opened and
closed) over the period.
"""

from __future__ import annotations

import json
from datetime import date

from app.areas.contractors.tiers import add_months
from app.board.period import Period, display_date
from app.board.sections import (
    labels,
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
from app.board.snapshot import Chart, Decision, Kpi, Section, Table
from app.i18n import N_
from app.storage.database import Connection

KEY = "contractors"
TARGET_ON_TIME = 100.0
CLAUSES = ("a", "b", "c", "d", "e", "f", "g", "h")


def active_contractors(conn: Connection, at: date) -> list[tuple[int, str, str, bool]]:
    """(id, category, tier, handled abroad) of contractors entrusted at ``at``."""
    rows = conn.execute(
        "SELECT id, coalesce(service_category, ''), coalesce(risk_tier, ''), processes_abroad "
        "FROM contractor WHERE status IN ('active', 'suspended') "
        "AND (started_on IS NULL OR started_on <= ?) AND (ended_on IS NULL OR ended_on > ?)",
        (at.isoformat(), at.isoformat()),
    )
    return [(rid, cat, tier, bool(abroad)) for rid, cat, tier, abroad in rows]


def evaluated_since(conn: Connection, ids: list[int], since: date, at: date) -> set[int]:
    rows = conn.execute(
        "SELECT DISTINCT contractor_id FROM contractor_evaluation WHERE evaluated_on > ? "
        "AND evaluated_on <= ?",
        (since.isoformat(), at.isoformat()),
    )
    return {row[0] for row in rows} & set(ids)


def overdue_evaluations(conn: Connection, ids: list[int], at: date) -> int:
    """Contractors whose latest evaluation's next due date has passed, or never evaluated."""
    overdue = 0
    for contractor_id in ids:
        row = conn.execute(
            "SELECT next_evaluation_due FROM contractor_evaluation WHERE contractor_id = ? "
            "AND evaluated_on <= ? ORDER BY evaluated_on DESC, id DESC LIMIT 1",
            (contractor_id, at.isoformat()),
        ).fetchone()
        if row is None or (row[0] is not None and row[0] < at.isoformat()):
            overdue += 1
    return overdue


def clause_coverage(conn: Connection, ids: list[int], at: date) -> tuple[dict[str, int], int]:
    """How many contractors' current contract includes each clause; and how many have one."""
    counts: dict[str, int] = {}
    with_contract = 0
    for contractor_id in ids:
        row = conn.execute(
            "SELECT clauses FROM contractor_contract WHERE contractor_id = ? "
            "AND (terminated_on IS NULL OR terminated_on > ?) "
            "ORDER BY coalesce(signed_on, term_start) DESC, id DESC LIMIT 1",
            (contractor_id, at.isoformat()),
        ).fetchone()
        if row is None:
            continue
        with_contract += 1
        for code in json.loads(row[0]) if row[0] else []:
            counts[code] = counts.get(code, 0) + 1
    return counts, with_contract


@section(80, KEY, N_("Outsourcing contractors"))
def contractors_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    title = t(N_("Outsourcing contractors"))
    at = period.at
    active = active_contractors(conn, at)
    if not active:
        return Section(
            KEY,
            title,
            "",
            empty=t(N_("No contractor was entrusted with data on {day}.")).format(
                day=display_date(at, language)
            ),
        )
    ids = [row[0] for row in active]
    unit = t(N_("contractors"))
    covered = evaluated_since(conn, ids, add_months(at, -12), at)
    coverage = percent(len(covered), len(ids))
    overdue = overdue_evaluations(conn, ids, at)
    results = dict(
        conn.execute(
            "SELECT coalesce(result, ''), count(*) FROM contractor_evaluation "
            "WHERE evaluated_on BETWEEN ? AND ? GROUP BY 1",
            (period.start.isoformat(), period.end.isoformat()),
        ).fetchall()
    )
    evaluations = sum(results.values())
    span = (period.start.isoformat(), period.end.isoformat())
    opened = conn.execute(
        "SELECT count(*) FROM contractor_improvement i JOIN contractor_evaluation e "
        "ON e.id = i.evaluation_id WHERE e.evaluated_on BETWEEN ? AND ?",
        span,
    ).fetchone()[0]
    closed = conn.execute(
        "SELECT count(*) FROM contractor_improvement WHERE closed_on BETWEEN ? AND ? "
        "AND status = 'closed'",
        span,
    ).fetchone()[0]
    open_at, overdue_requests = conn.execute(
        "SELECT count(*), sum(due_on < ?) FROM contractor_improvement i JOIN contractor_evaluation e "
        "ON e.id = i.evaluation_id WHERE e.evaluated_on <= ? AND (i.closed_on IS NULL OR "
        "i.closed_on > ?) AND i.status != 'withdrawn'",
        (at.isoformat(), at.isoformat(), at.isoformat()),
    ).fetchone()
    overdue_requests = int(overdue_requests or 0)
    marks = ", ".join("?" * len(ids))
    subs, subs_approved = conn.execute(
        f"SELECT count(*), sum(approved_on IS NOT NULL AND approved_on <= coalesce(started_on, "
        f"approved_on)) FROM contractor_subcontractor WHERE contractor_id IN ({marks}) "
        "AND (ended_on IS NULL OR ended_on > ?)",
        (*ids, at.isoformat()),
    ).fetchone()
    subs_approved = int(subs_approved or 0)
    abroad = [row for row in active if row[3]]
    countries = conn.execute(
        f"SELECT coalesce(foreign_country, ''), count(*), sum(foreign_checked_on > ?) "
        f"FROM contractor WHERE processes_abroad = 1 AND id IN ({marks}) GROUP BY 1 ORDER BY 1",
        (add_months(at, -12).isoformat(), *ids),
    ).fetchall()
    checked_abroad = sum(int(row[2] or 0) for row in countries)
    clause_counts, with_contract = clause_coverage(conn, ids, at)
    day = display_date(at, language)
    on_time = percent(len(ids) - overdue, len(ids))
    kpis = [
        Kpi(
            t(N_("Contractors entrusted with data")),
            len(ids),
            unit,
            definition=t(N_("Contractors active or suspended on {day}.")).format(day=day),
        ),
        Kpi(
            t(N_("Evaluations on time")),
            on_time,
            "%",
            target=f"{TARGET_ON_TIME:.0f}%",
            status=status_at_least(on_time, TARGET_ON_TIME, 90),
            rule=rule_at_least(language, TARGET_ON_TIME, 90),
            headline=True,
            definition=t(
                N_(
                    "Contractors entrusted with data whose evaluation is not overdue on {day} "
                    "(evaluated, and the next evaluation their risk tier sets not yet due), as a "
                    "share of them."
                )
            ).format(day=day),
        ),
        Kpi(
            t(N_("Evaluation coverage (12 months)")),
            coverage,
            "%",
            definition=t(
                N_(
                    "Contractors evaluated in the 12 months up to {day}, as a share of the "
                    "contractors entrusted with data (medium and low tiers may be due less often)."
                )
            ).format(day=day),
        ),
        Kpi(
            t(N_("Evaluations overdue")),
            overdue,
            unit,
            target="0",
            status=status_at_most(overdue, 0, 1),
            rule=rule_at_most(language, 0, 1),
            definition=t(
                N_(
                    "Contractors never evaluated, or whose next evaluation (set by their risk "
                    "tier) was due before {day}."
                )
            ).format(day=day),
        ),
        Kpi(
            t(N_("Improvement requests overdue")),
            overdue_requests,
            t(N_("requests")),
            target="0",
            status=status_at_most(overdue_requests, 0, 2),
            rule=rule_at_most(language, 0, 2),
            definition=t(N_("Requests still open on {day} whose due date has passed.")).format(
                day=day
            ),
        ),
        Kpi(
            t(N_("Re-entrustment without prior approval")),
            (subs or 0) - subs_approved,
            t(N_("sub-contractors")),
            target="0",
            status=status_at_most((subs or 0) - subs_approved, 0, 0),
            rule=rule_at_most(language, 0, 0),
            definition=t(
                N_("Sub-contractors working on {day} without approval given before they started.")
            ).format(day=day),
        ),
    ]
    categories = labels(conn, "CONTRACTOR_CAT", language)
    tiers = ordered_codes(conn, "CONTRACTOR_TIER")
    tier_labels = labels(conn, "CONTRACTOR_TIER", language)
    order = ordered_codes(conn, "CONTRACTOR_CAT")
    used = sorted(
        {row[1] for row in active}, key=lambda c: (order.index(c) if c in order else 99, c)
    )
    by_category = [
        [
            categories.get(code, code) or t(N_("(no category)")),
            *[sum(1 for row in active if row[1] == code and row[2] == tier) for tier in tiers],
            sum(1 for row in active if row[1] == code),
        ]
        for code in used
    ]
    result_labels = labels(conn, "EVAL_RESULT", language)
    result_codes = ordered_codes(conn, "EVAL_RESULT")
    clause_labels = labels(conn, "CONTRACT_CLAUSE", language)
    clause_codes = ordered_codes(conn, "CONTRACT_CLAUSE")
    tables = [
        Table(
            t(N_("Contractors by category and risk tier")),
            [t(N_("Category")), *[tier_labels.get(tier, tier) for tier in tiers], t(N_("Total"))],
            by_category,
            ["text", *["int"] * (len(tiers) + 1)],
        ),
        Table(
            t(N_("Evaluation results in the period")),
            [t(N_("Result")), t(N_("Evaluations")), t(N_("Share"))],
            [
                [
                    result_labels.get(code, code),
                    results.get(code, 0),
                    ratio(results.get(code, 0), evaluations),
                ]
                for code in result_codes
            ],
            ["text", "int", "percent"],
        ),
        Table(
            t(N_("Improvement requests")),
            [
                t(N_("Opened in the period")),
                t(N_("Closed in the period")),
                t(N_("Open at the end")),
                t(N_("Overdue")),
            ],
            [[opened, closed, int(open_at or 0), overdue_requests]],
            ["int", "int", "int", "int"],
        ),
        Table(
            t(N_("Re-entrustment and processing abroad")),
            [t(N_("Figure")), t(N_("Count"))],
            [
                [t(N_("Sub-contractors working")), subs or 0],
                [t(N_("…approved before they started")), subs_approved],
                [t(N_("Contractors handling data abroad")), len(abroad)],
                [t(N_("…whose foreign regime was checked in the last 12 months")), checked_abroad],
            ],
            ["text", "int"],
        ),
        Table(
            t(N_("Contract clauses (JIS Q 15001 A.3.4.3.4)")),
            [t(N_("Clause")), t(N_("Contracts including it")), t(N_("Coverage"))],
            [
                [
                    clause_labels.get(code, code),
                    clause_counts.get(code, 0),
                    ratio(clause_counts.get(code, 0), with_contract),
                ]
                for code in clause_codes
            ],
            ["text", "int", "percent"],
            note=t(
                N_(
                    "Current contracts of {with_contract} of the {total} contractors; {missing} have no contract recorded."
                )
            ).format(with_contract=with_contract, total=len(ids), missing=len(ids) - with_contract),
        ),
    ]
    if countries:
        tables.append(
            Table(
                t(N_("Processing abroad by country")),
                [t(N_("Country")), t(N_("Contractors")), t(N_("Checked in the last 12 months"))],
                [
                    [country or "—", count, int(checked or 0)]
                    for country, count, checked in countries
                ],
                ["text", "int", "int"],
            )
        )
    complete = sum(1 for contractor_id in ids if _has_all_clauses(conn, contractor_id, at))
    decisions = []
    if results.get("c"):
        decisions.append(
            Decision(
                "other",
                t(N_("Contractors evaluated C (not acceptable)")),
                t(
                    N_("{count} evaluations in the period found the contractor not acceptable.")
                ).format(count=results["c"]),
                t(
                    N_(
                        "The board notes the C results and approves ending or re-tendering those entrustments, or a dated improvement plan."
                    )
                ),
            )
        )
    summary = t(
        N_(
            "{count} contractors entrusted with data; evaluation coverage {coverage} in 12 months; "
            "{evaluations} evaluations (A {a} / B {b} / C {c}); {overdue} improvement requests "
            "overdue; contracts with all clauses a–h: {complete}."
        )
    ).format(
        count=len(ids),
        coverage="—" if coverage is None else f"{coverage:.1f}%",
        evaluations=evaluations,
        a=results.get("a", 0),
        b=results.get("b", 0),
        c=results.get("c", 0),
        overdue=overdue_requests,
        complete=complete,
    )
    return Section(
        KEY,
        title,
        summary,
        kpis=kpis,
        tables=tables,
        charts=[
            Chart(
                "bar",
                t(N_("Clause coverage of current contracts")),
                labels=[clause_labels.get(code, code) for code in clause_codes],
                values=[share(clause_counts.get(code, 0), with_contract) for code in clause_codes],
                percent=True,
            )
        ],
        decisions=decisions,
    )


def _has_all_clauses(conn: Connection, contractor_id: int, at: date) -> bool:
    row = conn.execute(
        "SELECT clauses FROM contractor_contract WHERE contractor_id = ? "
        "AND (terminated_on IS NULL OR terminated_on > ?) "
        "ORDER BY coalesce(signed_on, term_start) DESC, id DESC LIMIT 1",
        (contractor_id, at.isoformat()),
    ).fetchone()
    return bool(row and row[0] and set(CLAUSES) <= set(json.loads(row[0])))
