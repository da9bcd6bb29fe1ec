"""The chapter 9 figures of a period, one query each (``board.py`` only formats them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.areas.sharing.disposal import disposals_against_due
from app.areas.sharing.timing import AnonProvision, anonymised_problems
from app.board.period import Period
from app.storage.database import Connection


@dataclass
class SharingFigures:
    records: int = 0
    records_needed: int = 0
    records_complete: int = 0
    by_basis: dict[str, list[int]] = field(default_factory=dict)  # provided, received, needed, ok
    joint_uses: int = 0
    joint_changes_late: int = 0
    joint_rows: list[tuple] = field(default_factory=list)
    anon_made: int = 0
    anon_late: int = 0
    anon_gaps: int = 0  # datasets with a publication or notice problem (timing.anonymised_problems)
    anon_rows: list[tuple] = field(default_factory=list)
    pseudo_in_use: int = 0
    pseudo_undeleted: int = 0
    foreign_overdue: int = 0
    foreign_rows: list[tuple] = field(default_factory=list)
    disposal_rows: list[tuple] = field(default_factory=list)
    disposals_due: int = 0
    disposals_done: int = 0

    @property
    def nothing(self) -> bool:
        return not (self.records or self.joint_rows or self.anon_rows or self.foreign_rows
                    or self.disposal_rows or self.disposals_due or self.pseudo_in_use)  # fmt: skip


def anonymised_gaps(conn: Connection, at: date) -> dict[int, list[str]]:
    """Datasets made by ``at`` whose publications or notices fall short (規則36・37条), with what:
    the same test as the corpus's (``timing.anonymised_problems``), provisions up to ``at``."""
    provisions: dict[int, list[AnonProvision]] = {}
    for dataset, provided, published, notice in conn.execute(
        "SELECT dataset_id, provided_on, published_on, notice_method FROM anonymised_provision "
        "WHERE provided_on <= ?", (at.isoformat(),)):  # fmt: skip
        provisions.setdefault(dataset, []).append(
            AnonProvision(date.fromisoformat(provided), _day(published), notice))  # fmt: skip
    gaps = {}
    for dataset, created, published in conn.execute(
        "SELECT id, created_on, items_published_on FROM anonymised_dataset WHERE created_on <= ?",
        (at.isoformat(),)):  # fmt: skip
        problems = anonymised_problems(
            date.fromisoformat(created), _day(published), provisions.get(dataset, []), at)  # fmt: skip
        if problems:
            gaps[dataset] = problems
    return gaps


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def sharing_figures(conn: Connection, period: Period) -> SharingFigures:
    span = {"start": period.start.isoformat(), "end": period.end.isoformat(),
            "at": period.at.isoformat()}  # fmt: skip
    figures = SharingFigures()
    rows = conn.execute(
        "SELECT basis, sum(direction = 'provide'), sum(direction = 'receive'), "
        "sum(record_needed), sum(record_needed AND complete) FROM provision_record "
        "WHERE provided_on <= :end AND (coalesce(last_provided_on, provided_on) >= :start "
        "OR ongoing = 1) GROUP BY basis", span)  # fmt: skip
    for basis, provided, received, needed, complete in rows:
        figures.by_basis[basis] = [provided or 0, received or 0, needed or 0, complete or 0]
        figures.records += (provided or 0) + (received or 0)
        figures.records_needed += needed or 0
        figures.records_complete += complete or 0
    figures.joint_uses = conn.execute(
        "SELECT count(*) FROM joint_use WHERE coalesce(start_on, published_on) <= :at "
        "AND (ended_on IS NULL OR ended_on > :at)", span).fetchone()[0]  # fmt: skip
    figures.joint_rows = conn.execute(
        "SELECT j.code || ' ' || j.name, j.published_on, count(c.id), coalesce(sum(c.late), 0) "
        "FROM joint_use j LEFT JOIN joint_use_change c ON c.joint_use_id = j.id AND "
        "coalesce(c.effective_on, c.changed_on, c.published_on) BETWEEN :start AND :end "
        "WHERE coalesce(j.start_on, j.published_on) <= :end AND "
        "(j.ended_on IS NULL OR j.ended_on >= :start) GROUP BY j.id ORDER BY j.code",
        span).fetchall()  # fmt: skip
    figures.joint_changes_late = sum(row[3] for row in figures.joint_rows)
    figures.anon_rows = conn.execute(
        "SELECT d.code || ' ' || d.name, d.created_on, d.items_published_on, count(p.id), "
        "count(DISTINCT p.recipient) FROM anonymised_dataset d LEFT JOIN anonymised_provision p "
        "ON p.dataset_id = d.id AND p.provided_on BETWEEN :start AND :end "
        "WHERE d.created_on <= :end GROUP BY d.id ORDER BY d.code", span).fetchall()  # fmt: skip
    figures.anon_made = conn.execute(
        "SELECT count(*) FROM anonymised_dataset WHERE created_on BETWEEN :start AND :end",
        span).fetchone()[0]  # fmt: skip
    figures.anon_late = conn.execute(
        "SELECT count(*) FROM anonymised_provision WHERE provided_on BETWEEN :start AND :end "
        "AND published_before = 0", span).fetchone()[0]  # fmt: skip
    figures.anon_gaps = len(anonymised_gaps(conn, period.at))
    figures.pseudo_in_use, figures.pseudo_undeleted = conn.execute(
        "SELECT coalesce(sum(deleted_on IS NULL AND (no_longer_needed_on IS NULL OR "
        "no_longer_needed_on > :at)), 0), coalesce(sum(deleted_on IS NULL AND "
        "no_longer_needed_on <= :at), 0) FROM pseudonymised_dataset WHERE created_on <= :at",
        span).fetchone()  # fmt: skip
    figures.foreign_rows = conn.execute(
        "SELECT country, basis, count(*), coalesce(sum(next_check_due < :at), 0) "
        "FROM foreign_transfer WHERE coalesce(started_on, :start) <= :end AND "
        "(stopped_on IS NULL OR stopped_on >= :start) GROUP BY country, basis "
        "ORDER BY country, basis", span).fetchall()  # fmt: skip
    figures.foreign_overdue = conn.execute(
        "SELECT count(*) FROM foreign_transfer WHERE needs_check = 1 AND stopped_on IS NULL "
        "AND next_check_due < :at", span).fetchone()[0]  # fmt: skip
    figures.disposal_rows = conn.execute(
        "SELECT method, count(*), coalesce(sum(certificate_pending), 0) FROM disposal "
        "WHERE executed_on BETWEEN :start AND :end GROUP BY method ORDER BY method",
        span).fetchall()  # fmt: skip
    # Only dates already reached count as due: a report taken mid-year is not marked down for
    # retention dates still to come.
    figures.disposals_due, figures.disposals_done = disposals_against_due(
        conn, period.start, min(period.end, period.at))  # fmt: skip
    return figures
