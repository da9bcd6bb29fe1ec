"""Which assessment of an asset counts, and the lists the risk editor and heat-map page offer.

The rule lives here once: an asset's *latest* assessment is the one with the latest
``assessed_at``, the higher id breaking a tie (two analyses on one day: the later one written).
``app.areas.assets.scoring.LATEST_ASSESSMENTS`` is the same rule as a set for the heat maps, reminders and
the リスク分析 sheet; the risk editor and the copy action use ``latest_assessment_id`` and
``assessment_summaries`` (a test checks the three agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.areas.assets.scoring import LATEST_ASSESSMENTS
from app.catalogues import label_column
from app.i18n import _
from app.storage.database import Connection


def latest_assessment_id(conn: Connection, asset_id: int) -> int | None:
    """The id of the asset's latest assessment, or None when it has never been assessed."""
    row = conn.execute(
        "SELECT id FROM risk_assessment WHERE asset_id = ? ORDER BY assessed_at DESC, id DESC LIMIT 1",
        (asset_id,),
    ).fetchone()
    return int(row[0]) if row else None


@dataclass(frozen=True)
class AssessmentSummary:
    """One assessment of an asset as the editor's chooser lists it."""

    id: int
    assessed_at: date
    trigger: str | None
    approved: bool
    items: int
    latest: bool


def assessment_summaries(conn: Connection, asset_id: int) -> list[AssessmentSummary]:
    """The asset's assessments, latest first, with how many risk items each holds."""
    rows = conn.execute(
        "SELECT ra.id, ra.assessed_at, ra.trigger, ra.approved_at, count(ri.id) "
        "FROM risk_assessment ra LEFT JOIN risk_item ri ON ri.assessment_id = ra.id "
        "WHERE ra.asset_id = ? GROUP BY ra.id ORDER BY ra.assessed_at DESC, ra.id DESC",
        (asset_id,),
    ).fetchall()
    return [
        AssessmentSummary(
            int(assessment_id),
            date.fromisoformat(assessed_at),
            trigger or None,
            bool(approved_at),
            int(items),
            latest=number == 0,
        )
        for number, (assessment_id, assessed_at, trigger, approved_at, items) in enumerate(rows)
    ]


@dataclass(frozen=True)
class AssetChoice:
    id: int
    asset_no: str
    name: str
    risk_items: int = 0  # in its latest assessment
    assessed: bool = True

    @property
    def label(self) -> str:
        return f"{self.asset_no} {self.name}"


def assets_with_analysis(conn: Connection, *, exclude: int | None = None) -> list[AssetChoice]:
    """Assets that have an analysis to copy, with the risk count of the latest one."""
    rows = conn.execute(
        f"WITH latest(id) AS ({LATEST_ASSESSMENTS}) "
        "SELECT a.id, a.asset_no, a.name, count(ri.id) FROM asset a "
        "JOIN risk_assessment ra ON ra.asset_id = a.id AND ra.id IN latest "
        "LEFT JOIN risk_item ri ON ri.assessment_id = ra.id "
        "WHERE a.id IS NOT ? GROUP BY a.id ORDER BY a.asset_no",
        (exclude,),
    )
    return [AssetChoice(int(i), number, name, int(items)) for i, number, name, items in rows]


def assets_of_department(conn: Connection, department_id: int | None) -> list[AssetChoice]:
    """Every asset (of one owning department, or all), saying which were never assessed."""
    rows = conn.execute(
        "SELECT a.id, a.asset_no, a.name, "
        "EXISTS (SELECT 1 FROM risk_assessment ra WHERE ra.asset_id = a.id) FROM asset a "
        "WHERE ? IS NULL OR a.owner_department_id = ? ORDER BY a.asset_no",
        (department_id, department_id),
    )
    return [
        AssetChoice(int(i), number, name, assessed=bool(assessed))
        for i, number, name, assessed in rows
    ]


def departments_owning_assets(conn: Connection) -> list[tuple[int, str]]:
    """(id, "code name") of the departments that own at least one asset, by code."""
    rows = conn.execute(
        "SELECT d.id, d.code, d.name FROM department d "
        "WHERE EXISTS (SELECT 1 FROM asset a WHERE a.owner_department_id = d.id) ORDER BY d.code"
    )
    return [(int(i), f"{code} {name}") for i, code, name in rows]


def department_label(conn: Connection, department_id: int | None) -> str:
    """ "code name" of a department, "" when there is none."""
    if department_id is None:
        return ""
    row = conn.execute(
        "SELECT code || ' ' || name FROM department WHERE id = ?", (department_id,)
    ).fetchone()
    return str(row[0]) if row else ""


def matrix_titles(conn: Connection) -> tuple[str, str]:
    """The names of the two axes (the RISK_IMPACT and RISK_LIKELIHOOD catalogues' titles)."""
    rows = conn.execute(
        f"SELECT code, {label_column()} FROM catalogue "
        "WHERE code IN ('RISK_IMPACT', 'RISK_LIKELIHOOD')"
    ).fetchall()
    titles = dict(rows)
    return titles.get("RISK_IMPACT") or _("Impact"), titles.get("RISK_LIKELIHOOD") or _(
        "Likelihood"
    )
