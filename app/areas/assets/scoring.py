"""The risk matrix (impact x likelihood) and the heat-map counts.

The matrix is data: the levels are the active items of the RISK_IMPACT and RISK_LIKELIHOOD
catalogues and the bands the items of RISK_BAND (``extra``: min, max, may_accept), so a co-op that
scores on 4x4 or 5x5 edits catalogues, not code. Defaults are domain §3.7: 3x3, 1-2 accept, 3-4
monitor, 6-9 treat before acceptance.

Heat maps count the items of each asset's latest assessment only (older assessments are history).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from app.storage.database import Connection


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    minimum: int
    maximum: int | None
    may_accept: bool

    def contains(self, score: int) -> bool:
        return score >= self.minimum and (self.maximum is None or score <= self.maximum)


@dataclass(frozen=True)
class Matrix:
    impact_levels: int
    likelihood_levels: int
    bands: tuple[Band, ...]

    def band(self, score: int) -> Band | None:
        return next((band for band in self.bands if band.contains(score)), None)

    @property
    def treat_from(self) -> int:
        """The lowest score that may not be accepted without treatment."""
        scores = [band.minimum for band in self.bands if not band.may_accept]
        return min(scores) if scores else self.impact_levels * self.likelihood_levels + 1


DEFAULT_BANDS = (
    Band("accept", "accept", 1, 2, True),
    Band("monitor", "monitor", 3, 5, True),
    Band("treat", "treat", 6, None, False),
)


def _catalogue_rows(conn: Connection, code: str) -> list[tuple[str, str, str | None]]:
    from app.catalogues import label_column

    return conn.execute(
        f"SELECT i.code, i.{label_column()}, i.extra FROM catalogue_item i "
        "JOIN catalogue c ON c.id = i.catalogue_id WHERE c.code = ? AND i.active = 1 "
        "ORDER BY i.sort_order, i.id",
        (code,),
    ).fetchall()


def load_matrix(conn: Connection) -> Matrix:
    impact = len(_catalogue_rows(conn, "RISK_IMPACT")) or 3
    likelihood = len(_catalogue_rows(conn, "RISK_LIKELIHOOD")) or 3
    bands = []
    for code, label, extra in _catalogue_rows(conn, "RISK_BAND"):
        data = json.loads(extra) if extra else {}
        if "min" not in data:
            continue
        bands.append(
            Band(code, label, int(data["min"]), data.get("max"), bool(data.get("may_accept", True)))
        )
    return Matrix(impact, likelihood, tuple(bands) or DEFAULT_BANDS)


@dataclass
class HeatMap:
    """Counts per cell: ``cells[(impact, likelihood)] = [risk item ids]``."""

    impact_levels: int
    likelihood_levels: int
    cells: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    def count(self, impact: int, likelihood: int) -> int:
        return len(self.cells.get((impact, likelihood), ()))

    @property
    def total(self) -> int:
        return sum(len(ids) for ids in self.cells.values())

    def grid(self) -> list[list[int]]:
        """Rows from the highest impact down, columns by likelihood: as the page draws it."""
        return [
            [self.count(impact, likelihood) for likelihood in range(1, self.likelihood_levels + 1)]
            for impact in range(self.impact_levels, 0, -1)
        ]


LATEST_ASSESSMENTS = (
    "SELECT ra.id FROM risk_assessment ra WHERE ra.id = (SELECT ra2.id FROM risk_assessment ra2 "
    "WHERE ra2.asset_id = ra.asset_id ORDER BY ra2.assessed_at DESC, ra2.id DESC LIMIT 1)"
)


def heat_maps(
    conn: Connection,
    *,
    department_id: int | None = None,
    asset_id: int | None = None,
    matrix: Matrix | None = None,
) -> tuple[HeatMap, HeatMap]:
    """(inherent, residual) heat maps over each asset's latest assessment, in one query.

    An item with no residual score yet counts in the residual map at its inherent cell: until the
    officer says otherwise, nothing has reduced it.
    """
    matrix = matrix or load_matrix(conn)
    where, params = [], []
    if department_id is not None:
        where.append("a.owner_department_id = ?")
        params.append(department_id)
    if asset_id is not None:
        where.append("a.id = ?")
        params.append(asset_id)
    condition = " AND ".join(["ra.id IN latest", *where])
    rows = conn.execute(
        f"WITH latest(id) AS ({LATEST_ASSESSMENTS}) "
        "SELECT 'i', ri.inherent_impact, ri.inherent_likelihood, group_concat(ri.id) "
        "FROM risk_item ri JOIN risk_assessment ra ON ra.id = ri.assessment_id "
        f"JOIN asset a ON a.id = ra.asset_id WHERE {condition} "
        "GROUP BY ri.inherent_impact, ri.inherent_likelihood "
        "UNION ALL "
        "SELECT 'r', coalesce(ri.residual_impact, ri.inherent_impact), "
        "coalesce(ri.residual_likelihood, ri.inherent_likelihood), group_concat(ri.id) "
        "FROM risk_item ri JOIN risk_assessment ra ON ra.id = ri.assessment_id "
        f"JOIN asset a ON a.id = ra.asset_id WHERE {condition} "
        "GROUP BY 2, 3",
        (*params, *params),
    )
    inherent = HeatMap(matrix.impact_levels, matrix.likelihood_levels)
    residual = HeatMap(matrix.impact_levels, matrix.likelihood_levels)
    for kind, impact, likelihood, ids in rows:
        target = inherent if kind == "i" else residual
        target.cells[(impact, likelihood)] = sorted(int(i) for i in ids.split(","))
    return inherent, residual
