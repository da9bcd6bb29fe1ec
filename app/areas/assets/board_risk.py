"""Chapter リスク評価 (risk): inherent and residual heat maps, high risks, treatment progress and
the residual risks proposed to the board for acceptance (domain §5.5).

Counted like ``app.areas.assets.scoring.heat_maps``: the items of each asset's latest assessment made by
the end of the period; an item without a residual score counts at its inherent cell.
"""

from __future__ import annotations

from datetime import date

from app.areas.assets.registers import control_codes_sql
from app.areas.assets.scoring import Matrix, load_matrix
from app.board.period import Period, previous_period
from app.board.sections import (
    labels,
    percent,
    section,
    status_at_least,
    status_at_most,
    translator,
)
from app.board.snapshot import Chart, Kpi, Section, Table
from app.i18n import N_
from app.storage.database import Connection

KEY = "risk"
TARGET_ASSESSED = 100.0
TARGET_DECIDED = 100.0

_LATEST = (
    "SELECT ra.id FROM risk_assessment ra WHERE ra.assessed_at <= :end AND ra.id = ("
    "SELECT ra2.id FROM risk_assessment ra2 WHERE ra2.asset_id = ra.asset_id "
    "AND ra2.assessed_at <= :end ORDER BY ra2.assessed_at DESC, ra2.id DESC LIMIT 1)"
)
_ITEMS = (
    f"WITH latest(id) AS ({_LATEST}) "
    "SELECT ri.id, a.asset_no || ' ' || a.name, coalesce(d.name, ''), ri.phase, ri.threat, "
    "ri.inherent_impact, ri.inherent_likelihood, "
    "coalesce(ri.residual_impact, ri.inherent_impact), "
    "coalesce(ri.residual_likelihood, ri.inherent_likelihood), ri.treatment, "
    f"coalesce({control_codes_sql('planned_controls', 'ri')}, ''), ri.planned_due, coalesce(p.name, ''), ri.accepted_at "
    "FROM risk_item ri JOIN risk_assessment ra ON ra.id = ri.assessment_id "
    "JOIN asset a ON a.id = ra.asset_id LEFT JOIN department d ON d.id = a.owner_department_id "
    "LEFT JOIN person p ON p.id = ri.accepted_by_id WHERE ra.id IN latest "
    "ORDER BY a.asset_no, ri.id"
)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _items(conn: Connection, period: Period) -> list[tuple]:
    return conn.execute(_ITEMS, {"end": period.end.isoformat()}).fetchall()


def _matrix(rows: list[tuple], matrix: Matrix, residual: bool) -> list[list[int]]:
    grid = [[0] * matrix.likelihood_levels for _ in range(matrix.impact_levels)]
    for row in rows:
        impact, likelihood = (row[7], row[8]) if residual else (row[5], row[6])
        if 1 <= impact <= matrix.impact_levels and 1 <= likelihood <= matrix.likelihood_levels:
            grid[impact - 1][likelihood - 1] += 1
    return grid


def _bands(matrix: Matrix) -> list[list[str]]:
    return [
        [
            (band.code if (band := matrix.band(impact * likelihood)) else "")
            for likelihood in range(1, matrix.likelihood_levels + 1)
        ]
        for impact in range(1, matrix.impact_levels + 1)
    ]


def high_residual_count(conn: Connection, period: Period, matrix: Matrix) -> int:
    return sum(1 for row in _items(conn, period) if row[7] * row[8] >= matrix.treat_from)


CHAPTER_ROWS = 25


@section(30, KEY, N_("Risk assessment"))
def risk_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    title = t(N_("Risk assessment"))
    rows = _items(conn, period)
    if not rows:
        return Section(
            KEY, title, "", empty=t(N_("No risk assessment was recorded by the end of the period."))
        )
    matrix = load_matrix(conn)
    at = period.at.isoformat()
    items_unit = t(N_("items"))
    treat_from = matrix.treat_from
    high_inherent = [row for row in rows if row[5] * row[6] >= treat_from]
    high_residual = [row for row in rows if row[7] * row[8] >= treat_from]
    untreated = [row for row in high_residual if row[9] is None and not row[12]]
    decided = [row for row in high_inherent if row[9] is not None or row[12]]
    planned = [row for row in rows if row[10].strip()]
    overdue = [row for row in planned if row[11] and row[11] < at]
    routine = matrix.bands[0].maximum if matrix.bands else 0
    awaiting = [row for row in rows if row[9] == "accept" and not row[12]]
    proposed = [
        row
        for row in rows
        if row[9] == "accept"
        and (not row[12] or (period.contains(_day(row[13])) and row[7] * row[8] > (routine or 0)))
    ]
    assets, assessed = conn.execute(
        "SELECT count(*), count(DISTINCT ra.asset_id) FROM asset a LEFT JOIN "
        "(SELECT DISTINCT asset_id FROM risk_assessment WHERE assessed_at <= :end) ra "
        "ON ra.asset_id = a.id WHERE substr(a.created_at, 1, 10) <= :end "
        "AND (a.disposed_on IS NULL OR a.disposed_on > :at)",
        {"end": period.end.isoformat(), "at": at},
    ).fetchone()
    coverage = percent(assessed, assets)
    decided_share = percent(len(decided), len(high_inherent))
    previous = previous_period(conn, period, language)
    previous_rows = _items(conn, previous)
    previous_high = (
        sum(1 for row in previous_rows if row[7] * row[8] >= treat_from) if previous_rows else None
    )
    kpis = [
        Kpi(
            t(N_("Risk items assessed")),
            len(rows),
            items_unit,
            definition=t(
                N_("Risk items of each asset's latest assessment made by the end of the period.")
            ),
            previous=len(previous_rows) or None,
        ),
        Kpi(
            t(N_("Assets with a risk assessment")),
            coverage,
            "%",
            target=f"{TARGET_ASSESSED:.0f}%",
            status=status_at_least(coverage, TARGET_ASSESSED, 90),
            definition=t(
                N_("Held assets with at least one risk assessment, as a share of all held assets.")
            ),
        ),
        Kpi(
            t(N_("High risks before controls")),
            len(high_inherent),
            items_unit,
            definition=t(
                N_("Items whose inherent score (impact × likelihood) is {score} or more.")
            ).format(score=treat_from),
        ),
        Kpi(
            t(N_("High residual risks")),
            len(high_residual),
            items_unit,
            target="0",
            status=status_at_most(len(high_residual), 0, 3),
            definition=t(
                N_(
                    "Items whose residual score is still {score} or more (the band that may not "
                    "be accepted without treatment)."
                )
            ).format(score=treat_from),
            previous=previous_high,
        ),
        Kpi(
            t(N_("High residual risks without a decision")),
            len(untreated),
            items_unit,
            target="0",
            status=status_at_most(len(untreated), 0, 0),
            definition=t(N_("High residual risks with neither a treatment nor an acceptance.")),
        ),
        Kpi(
            t(N_("Treatment decided for high risks")),
            decided_share,
            "%",
            target=f"{TARGET_DECIDED:.0f}%",
            status=status_at_least(decided_share, TARGET_DECIDED, 80),
            definition=t(
                N_(
                    "High inherent risks with a treatment (reduce, avoid, transfer, accept) or an "
                    "acceptance recorded, as a share of all high inherent risks."
                )
            ),
        ),
        Kpi(
            t(N_("Residual risks awaiting acceptance")),
            len(awaiting),
            items_unit,
            definition=t(
                N_(
                    "Items whose treatment is 'accept' but whose acceptance no one has approved "
                    "yet: decisions requested from top management or the board."
                )
            ),
        ),
        Kpi(
            t(N_("Treatment plans overdue")),
            len(overdue),
            items_unit,
            target="0",
            status=status_at_most(len(overdue), 0, 2),
            definition=t(N_("Items with planned controls whose due date has passed.")),
        ),
    ]
    impact_label, likelihood_label = t(N_("Impact")), t(N_("Likelihood"))
    bands = _bands(matrix)
    phase = labels(conn, "LIFECYCLE_PHASE", language)
    threat = labels(conn, "THREAT", language)
    treatment = labels(conn, "RISK_TREATMENT", language)
    band_by_score = {
        impact * likelihood: band
        for impact in range(1, matrix.impact_levels + 1)
        for likelihood in range(1, matrix.likelihood_levels + 1)
        if (band := matrix.band(impact * likelihood))
    }
    band_labels = labels(conn, "RISK_BAND", language)

    def band_name(score: int) -> str:
        band = band_by_score.get(score)
        return band_labels.get(band.code, band.label) if band else ""

    high_table = [
        [
            row[1],
            row[2],
            phase.get(row[3], row[3]),
            threat.get(row[4], row[4]),
            row[5] * row[6],
            row[7] * row[8],
            treatment.get(row[9], row[9]) if row[9] else "",
            row[11],
        ]
        for row in sorted(high_residual, key=lambda r: (-r[7] * r[8], r[1], r[0]))
    ]
    on_time = len(planned) - len(overdue)
    no_due = sum(1 for row in planned if not row[11])
    progress = [
        [t(N_("Planned controls on schedule")), on_time - no_due],
        [t(N_("Planned controls without a due date")), no_due],
        [t(N_("Planned controls overdue")), len(overdue)],
    ]
    counts: dict[str, int] = {}
    for row in rows:
        key = row[9] or ""
        counts[key] = counts.get(key, 0) + 1
    by_treatment = [
        [treatment.get(code, code) if code else t(N_("not decided")), count]
        for code, count in sorted(counts.items(), key=lambda kv: (kv[0] == "", kv[0]))
    ]
    acceptance = [
        [
            row[1],
            threat.get(row[4], row[4]),
            row[7] * row[8],
            band_name(row[7] * row[8]),
            row[12] or t(N_("awaiting the board's decision")),
            row[13],
        ]
        for row in proposed
    ]
    summary = t(
        N_(
            "{items} risk items assessed; {high_before} high before controls, {high_after} high "
            "after; {proposed} residual risks proposed for acceptance."
        )
    ).format(
        items=len(rows),
        high_before=len(high_inherent),
        high_after=len(high_residual),
        proposed=len(proposed),
    )
    asset_column, department_column = t(N_("Asset")), t(N_("Department"))
    acceptance_table = Table(
        t(N_("Residual risks proposed for acceptance")),
        [
            asset_column,
            t(N_("Threat")),
            t(N_("Residual score")),
            t(N_("Band")),
            t(N_("Accepted by")),
            t(N_("Accepted on")),
        ],
        acceptance,
        ["text", "text", "int", "text", "text", "date"],
        note=t(
            N_(
                "Risks to be accepted that await approval, and those accepted in the "
                "period above the routinely acceptable band."
            )
        ),
    )
    long_list = len(acceptance) > CHAPTER_ROWS  # a long list goes to the appendix
    return Section(
        KEY,
        title,
        summary,
        kpis=kpis,
        charts=[
            Chart(
                "heatmap",
                t(N_("Inherent risk (before controls)")),
                matrix=_matrix(rows, matrix, residual=False),
                axis_labels=[likelihood_label, impact_label],
                bands=bands,
            ),
            Chart(
                "heatmap",
                t(N_("Residual risk (after controls)")),
                matrix=_matrix(rows, matrix, residual=True),
                axis_labels=[likelihood_label, impact_label],
                bands=bands,
            ),
        ],
        tables=[
            Table(
                t(N_("High residual risks")),
                [
                    asset_column,
                    department_column,
                    t(N_("Phase")),
                    t(N_("Threat")),
                    t(N_("Inherent score")),
                    t(N_("Residual score")),
                    t(N_("Treatment")),
                    t(N_("Planned by")),
                ],
                high_table,
                ["text", "text", "text", "text", "int", "int", "text", "date"],
                note="" if high_table else t(N_("No high residual risk.")),
            ),
            Table(
                t(N_("Treatment progress")),
                [t(N_("Status")), t(N_("Items"))],
                progress,
                ["text", "int"],
            ),
            Table(
                t(N_("Risk items by treatment")),
                [t(N_("Treatment")), t(N_("Items"))],
                by_treatment,
                ["text", "int"],
            ),
            *([] if long_list else [acceptance_table]),
        ],
        appendix=[acceptance_table] if long_list else [],
    )
