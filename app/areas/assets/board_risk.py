"""Chapter リスク評価 (risk): inherent and residual heat maps, high risks, treatment progress and
the residual risks awaiting acceptance, put to the board as a decision (domain §5.5).

Counted like ``app.areas.assets.scoring.heat_maps``: the items of each asset's latest assessment made by
the end of the period; an item without a residual score counts at its inherent cell.
"""

from __future__ import annotations

from datetime import date

from app.areas.assets.board_assets import HELD
from app.areas.assets.kpi import RiskDecision, decision_complete
from app.areas.assets.registers import control_codes_sql
from app.areas.assets.scoring import Matrix, load_matrix
from app.board.period import Period, previous_period
from app.board.sections import (
    labels,
    listed,
    percent,
    rule_at_least,
    rule_at_most,
    section,
    status_at_least,
    status_at_most,
    translator,
)
from app.board.snapshot import Chart, Decision, Kpi, Section, Table
from app.i18n import N_, ngettext_in
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
    "AND (a.disposed_on IS NULL OR a.disposed_on > :at) "
    "ORDER BY a.asset_no, ri.id"
)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _items(conn: Connection, period: Period) -> list[tuple]:
    """Items of each held asset's latest assessment (risks of disposed assets are left out, as on
    the dashboard)."""
    return conn.execute(
        _ITEMS, {"end": period.end.isoformat(), "at": period.at.isoformat()}
    ).fetchall()


def is_decided(row: tuple, treat_from: int) -> bool:
    """A high risk counts as decided when the decision is complete: accepted with an approval;
    avoided or transferred; or reduced with the residual already below the high band, or with
    planned controls and a due date. A "reduce" with no plan and no date is not a decision."""
    item = RiskDecision(row[0], 0, row[9], row[10], row[11], bool(row[12]), row[7] * row[8])
    return decision_complete(item, treat_from)  # one definition with the dashboard (app.kpi)


def needs_due_date(row: tuple, treat_from: int) -> bool:
    """A treatment still to be carried out (planned controls, or a high residual being reduced)
    that has no due date."""
    if row[11]:
        return False
    return bool(row[10].strip()) or (row[9] == "reduce" and row[7] * row[8] >= treat_from)


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
    untreated = [row for row in high_residual if not is_decided(row, treat_from)]
    decided = [row for row in high_inherent if is_decided(row, treat_from)]
    planned = [row for row in rows if row[10].strip()]
    overdue = [
        row for row in rows if row[11] and row[11] < at and (row[10].strip() or row[9] == "reduce")
    ]
    no_due = [row for row in rows if needs_due_date(row, treat_from)]
    awaiting = [row for row in rows if row[9] == "accept" and not row[12]]
    accepted_in_period = [
        row for row in rows if row[12] and row[9] == "accept" and period.contains(_day(row[13]))
    ]
    assets, assessed = conn.execute(
        "SELECT count(*), count(DISTINCT ra.asset_id) FROM asset a LEFT JOIN "
        "(SELECT DISTINCT asset_id FROM risk_assessment WHERE assessed_at <= :end) ra "
        f"ON ra.asset_id = a.id WHERE {HELD}",
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
            rule=rule_at_least(language, TARGET_ASSESSED, 90),
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
            rule=rule_at_most(language, 0, 3),
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
            definition=t(
                N_(
                    "High residual risks whose decision is not complete: no treatment, 'reduce' "
                    "without planned controls and a due date, or 'accept' not yet approved."
                )
            ),
            rule=rule_at_most(language, 0, 0)
            + " "
            + t(N_("A high risk may not stay undecided: a single case is off target.")),
            headline=True,
        ),
        Kpi(
            t(N_("Treatment decided for high risks")),
            decided_share,
            "%",
            target=f"{TARGET_DECIDED:.0f}%",
            status=status_at_least(decided_share, TARGET_DECIDED, 80),
            definition=t(
                N_(
                    "High inherent risks whose decision is complete (accepted with an approval; "
                    "avoided or transferred; reduced below the high band, or with planned "
                    "controls and a due date), as a share of all high inherent risks."
                )
            ),
            rule=rule_at_least(language, TARGET_DECIDED, 80),
        ),
        Kpi(
            t(N_("Residual risks awaiting acceptance")),
            len(awaiting),
            items_unit,
            definition=t(
                N_(
                    "Items whose treatment is 'accept' but whose acceptance no one has approved "
                    "yet: put to the board under decisions requested."
                )
            ),
        ),
        Kpi(
            t(N_("Treatment plans overdue")),
            len(overdue),
            items_unit,
            target="0",
            status=status_at_most(len(overdue), 0, 2),
            definition=t(
                N_("Items with planned controls, or being reduced, whose due date has passed.")
            ),
            rule=rule_at_most(language, 0, 2),
        ),
        Kpi(
            t(N_("Treatment plans without a due date")),
            len(no_due),
            items_unit,
            target="0",
            status=status_at_most(len(no_due), 0, 2),
            definition=t(
                N_(
                    "Items with planned controls, or a high residual risk being reduced, that "
                    "have no due date."
                )
            ),
            rule=rule_at_most(language, 0, 2),
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
            treatment.get(row[9], row[9]) if row[9] else t(N_("not decided")),
            row[11],
        ]
        for row in sorted(high_residual, key=lambda r: (-r[7] * r[8], r[1], r[0]))
    ]
    progress = [
        [
            t(N_("Planned controls on schedule")),
            len(planned) - len(overdue) - sum(1 for r in planned if not r[11]),
        ],
        [t(N_("Treatment plans without a due date")), len(no_due)],
        [t(N_("Treatment plans overdue")), len(overdue)],
    ]
    counts: dict[str, int] = {}
    for row in rows:
        key = row[9] or ""
        counts[key] = counts.get(key, 0) + 1
    by_treatment = [
        [treatment.get(code, code) if code else t(N_("not decided")), count]
        for code, count in sorted(counts.items(), key=lambda kv: (kv[0] == "", kv[0]))
    ]
    awaiting_rows = [
        [row[1], row[2], threat.get(row[4], row[4]), row[7] * row[8], band_name(row[7] * row[8])]
        for row in sorted(awaiting, key=lambda r: (-r[7] * r[8], r[1], r[0]))
    ]
    accepted_by_band: dict[str, int] = {}
    for row in accepted_in_period:
        name = band_name(row[7] * row[8])
        accepted_by_band[name] = accepted_by_band.get(name, 0) + 1
    summary = t(
        N_(
            "{items} risk items assessed; {high_before} high before controls, {high_after} high "
            "after; {awaiting} residual risks await acceptance."
        )
    ).format(
        items=len(rows),
        high_before=len(high_inherent),
        high_after=len(high_residual),
        awaiting=len(awaiting),
    )
    asset_column, department_column = t(N_("Asset")), t(N_("Department"))
    decisions = []
    if awaiting:
        decisions.append(
            Decision(
                "risk_acceptance",
                ngettext_in(
                    language,
                    "Acceptance of {count} residual risk",
                    "Acceptance of {count} residual risks",
                    len(awaiting),
                ).format(count=len(awaiting)),
                t(
                    N_(
                        "The treatment chosen for these risks is to accept them; no one has "
                        "approved the acceptance yet. They are listed in the risk chapter."
                    )
                ),
                t(
                    N_(
                        "The board accepts the residual risks listed in the risk chapter as they "
                        "stand, and asks the privacy officer to reassess them within a year."
                    )
                ),
                listed(
                    [
                        f"{r[0]}: {r[2]}（{r[4]}）"
                        if language == "ja"
                        else f"{r[0]}: {r[2]} ({r[4]})"
                        for r in awaiting_rows
                    ],
                    language,
                ),
            )
        )
    if untreated:
        decisions.append(
            Decision(
                "risk_treatment",
                ngettext_in(
                    language,
                    "Treatment of {count} high residual risk",
                    "Treatment of {count} high residual risks",
                    len(untreated),
                ).format(count=len(untreated)),
                t(
                    N_(
                        "These risks are in the band that may not be accepted without treatment, "
                        "and their treatment is not decided completely (no plan with a due date, "
                        "or an acceptance not approved)."
                    )
                ),
                t(
                    N_(
                        "The board instructs the privacy officer to set for each of these risks a "
                        "treatment with planned controls, a person responsible and a due date "
                        "within three months, and to report the progress at the next meeting."
                    )
                ),
                listed(
                    [
                        f"{row[1]}: {threat.get(row[4], row[4])}（{row[7] * row[8]}）"
                        if language == "ja"
                        else f"{row[1]}: {threat.get(row[4], row[4])} ({row[7] * row[8]})"
                        for row in sorted(untreated, key=lambda r: (-r[7] * r[8], r[1], r[0]))
                    ],
                    language,
                ),
            )
        )
    events = []
    if untreated:
        events.append(
            ngettext_in(
                language,
                "{count} high residual risk has no complete decision.",
                "{count} high residual risks have no complete decision.",
                len(untreated),
            ).format(count=len(untreated))
        )
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
            Table(
                t(N_("Residual risks awaiting acceptance")),
                [
                    asset_column,
                    department_column,
                    t(N_("Threat")),
                    t(N_("Residual score")),
                    t(N_("Band")),
                ],
                awaiting_rows,
                ["text", "text", "text", "int", "text"],
                note=t(N_("Put to the board under decisions requested.")) if awaiting_rows else "",
            ),
            Table(
                t(N_("Residual risks accepted during the period")),
                [t(N_("Band")), t(N_("Items"))],
                sorted(
                    ([band, count] for band, count in accepted_by_band.items()), key=lambda r: r[0]
                ),
                ["text", "int"],
                note=t(
                    N_(
                        "Acceptances approved during the period, by band; each is listed in the "
                        "risk register with its approval."
                    )
                ),
            ),
        ],
        events=events,
        decisions=decisions,
    )
