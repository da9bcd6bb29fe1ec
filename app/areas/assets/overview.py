"""Read-only views of the risk analysis for the heat map page and the risk editor.

``risk_rows`` gives the risk items (of given ids, or of one assessment) with their codes turned into
words in the current language, in one query; ``totals`` sums up a heat map's scope. Nothing here
writes: changes go through ``app.registers.records`` and ``app.areas.assets.drafts``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from app.areas.assets.registers import control_codes_sql
from app.areas.assets.scoring import HeatMap, Matrix
from app.catalogues import choices
from app.storage.database import Connection

_ROW_SQL = (
    "SELECT ri.id, a.id, a.asset_no, a.name, coalesce(d.name, ''), ri.phase, ri.threat, "
    "ri.consequences, coalesce(ri.scenario, ''), ri.inherent_impact, ri.inherent_likelihood, "
    f"ri.inherent_score, coalesce({control_codes_sql('implemented_controls', 'ri')}, ''), "
    f"coalesce({control_codes_sql('planned_controls', 'ri')}, ''), "
    "ri.residual_impact, ri.residual_likelihood, ri.residual_score, ri.treatment, "
    "coalesce(p.name, ''), ri.assessment_id "
    "FROM risk_item ri JOIN risk_assessment ra ON ra.id = ri.assessment_id "
    "JOIN asset a ON a.id = ra.asset_id LEFT JOIN department d ON d.id = a.owner_department_id "
    "LEFT JOIN person p ON p.id = ri.accepted_by_id "
)


@dataclass(frozen=True)
class RiskRow:
    """One risk item as the tables show it (labels already in the current language)."""

    id: int
    asset_id: int
    asset: str  # "A-001 組合員台帳"
    department: str
    phase: str
    threat: str
    consequences: str
    scenario: str
    inherent_impact: int
    inherent_likelihood: int
    inherent_score: int
    implemented_controls: str
    planned_controls: str
    residual_impact: int | None
    residual_likelihood: int | None
    residual_score: int | None
    treatment: str
    treatment_code: str | None
    accepted_by: str
    assessment_id: int
    legal_violation: bool

    @property
    def effective_residual(self) -> int:
        """The residual score, or the inherent one while no residual is recorded."""
        return self.residual_score if self.residual_score is not None else self.inherent_score

    @property
    def untreated(self) -> bool:
        return self.treatment_code is None and not self.accepted_by


def risk_rows(
    conn: Connection, *, ids: Iterable[int] | None = None, assessment_id: int | None = None
) -> list[RiskRow]:
    """The risk items with the given ids, or of one assessment, by asset then phase order."""
    if ids is not None:
        where, params = "WHERE ri.id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)
    elif assessment_id is not None:
        where, params = "WHERE ri.assessment_id = ?", (assessment_id,)
    else:
        raise ValueError("give ids or assessment_id")
    phases = choices(conn, "LIFECYCLE_PHASE", include_inactive=True)
    phase_order = {code: index for index, (code, _label) in enumerate(phases)}
    labels = {
        "phase": dict(phases),
        "threat": dict(choices(conn, "THREAT", include_inactive=True)),
        "consequence": dict(choices(conn, "RISK_CONSEQUENCE", include_inactive=True)),
        "treatment": dict(choices(conn, "RISK_TREATMENT", include_inactive=True)),
    }
    rows = []
    for row in conn.execute(_ROW_SQL + where, params):
        consequences = json.loads(row[7]) if row[7] else []
        rows.append(
            RiskRow(
                id=row[0],
                asset_id=row[1],
                asset=f"{row[2]} {row[3]}",
                department=row[4],
                phase=labels["phase"].get(row[5], row[5]),
                threat=labels["threat"].get(row[6], row[6]),
                consequences="、".join(labels["consequence"].get(c, c) for c in consequences),
                scenario=row[8],
                inherent_impact=row[9],
                inherent_likelihood=row[10],
                inherent_score=row[11],
                implemented_controls=row[12],
                planned_controls=row[13],
                residual_impact=row[14],
                residual_likelihood=row[15],
                residual_score=row[16],
                treatment=labels["treatment"].get(row[17], row[17]) if row[17] else "",
                treatment_code=row[17],
                accepted_by=row[18],
                assessment_id=row[19],
                legal_violation="legal_violation" in consequences,
            )
        )
    rows.sort(key=lambda r: (r.asset, phase_order.get(r.phase, 99), r.threat, r.id))
    return rows


@dataclass(frozen=True)
class Totals:
    assets: int
    assessed: int
    risk_items: int
    high_inherent: int
    high_residual: int
    untreated_high: int


def high_count(heat: HeatMap, matrix: Matrix) -> int:
    """Items in cells whose score may not be accepted without treatment."""
    return sum(
        len(ids) for (impact, likelihood), ids in heat.cells.items()
        if impact * likelihood >= matrix.treat_from
    )  # fmt: skip


def totals(
    conn: Connection,
    inherent: HeatMap,
    residual: HeatMap,
    matrix: Matrix,
    *,
    department_id: int | None = None,
    asset_id: int | None = None,
) -> Totals:
    """The figures above the heat maps, over the same scope (latest assessment of each asset)."""
    where, params = ["1 = 1"], []
    if department_id is not None:
        where.append("a.owner_department_id = ?")
        params.append(department_id)
    if asset_id is not None:
        where.append("a.id = ?")
        params.append(asset_id)
    assets, assessed = conn.execute(
        "SELECT count(*), count(DISTINCT ra.asset_id) FROM asset a "
        "LEFT JOIN (SELECT DISTINCT asset_id FROM risk_assessment) ra ON ra.asset_id = a.id "
        f"WHERE {' AND '.join(where)}",
        params,
    ).fetchone()
    high_residual_ids = [
        item_id
        for (impact, likelihood), ids in residual.cells.items()
        if impact * likelihood >= matrix.treat_from
        for item_id in ids
    ]
    untreated = conn.execute(
        "SELECT count(*) FROM risk_item WHERE id IN (SELECT value FROM json_each(?)) "
        "AND treatment IS NULL AND accepted_by_id IS NULL",
        (json.dumps(high_residual_ids),),
    ).fetchone()[0]
    return Totals(
        assets=assets,
        assessed=assessed,
        risk_items=inherent.total,
        high_inherent=high_count(inherent, matrix),
        high_residual=len(high_residual_ids),
        untreated_high=untreated,
    )


def band_counts(heat: HeatMap, matrix: Matrix) -> dict[str, int]:
    """Items per band code (in the matrix's band order)."""
    counts = {band.code: 0 for band in matrix.bands}
    for (impact, likelihood), ids in heat.cells.items():
        band = matrix.band(impact * likelihood)
        if band is not None:
            counts[band.code] += len(ids)
    return counts


def assessment_heat_maps(
    conn: Connection, assessment_id: int, matrix: Matrix
) -> tuple[HeatMap, HeatMap]:
    """(inherent, residual) maps of one assessment, counted as ``scoring.heat_maps`` counts."""
    inherent = HeatMap(matrix.impact_levels, matrix.likelihood_levels)
    residual = HeatMap(matrix.impact_levels, matrix.likelihood_levels)
    rows = conn.execute(
        "SELECT id, inherent_impact, inherent_likelihood, "
        "coalesce(residual_impact, inherent_impact), "
        "coalesce(residual_likelihood, inherent_likelihood) "
        "FROM risk_item WHERE assessment_id = ? ORDER BY id",
        (assessment_id,),
    )
    for item_id, impact, likelihood, r_impact, r_likelihood in rows:
        inherent.cells.setdefault((impact, likelihood), []).append(item_id)
        residual.cells.setdefault((r_impact, r_likelihood), []).append(item_id)
    return inherent, residual
