"""Building, storing and reloading the board (理事会) privacy report.

``build_snapshot`` runs the chosen section providers (``app.board.sections``) for a period and
freezes their figures, already in the report's language, into a ``Snapshot``. ``save_report``
keeps a snapshot in the workspace (table ``board_report``, audited as register ``board_reports``)
with the officer's narrative and its content hash, so a report can be printed again, identically,
years later: ``load_report`` returns exactly the stored snapshot, never a recomputation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from app import __version__
from app.areas.board.registers import BOARD_REPORTS
from app.board.assessment import assess
from app.board.period import (
    Period,
    date_range_period,
    fiscal_year_period,
    previous_period,
    training_year,
)
from app.board.sections import all_sections, named_annex_tables, section_choices, selected
from app.board.snapshot import Decision, Section, Snapshot
from app.errors import MamoriError
from app.i18n import _, gettext_in
from app.registers.records import delete_record, insert_validated, row_values, update_validated
from app.storage.anchor import printed_head
from app.storage.database import Connection, scalar, write_transaction

__all__ = [
    "Period",
    "ReportInfo",
    "ReportNotFoundError",
    "all_sections",
    "build_snapshot",
    "date_range_period",
    "fiscal_year_period",
    "list_reports",
    "load_report",
    "previous_period",
    "save_report",
    "section_choices",
    "set_narrative",
    "training_year",
]

REGISTER = BOARD_REPORTS.key  # the audit trail's name for stored reports
VARIANTS = ("annual", "kpi_update")
NAMED_ANNEX_KEY = "named_annex"


class ReportNotFoundError(MamoriError):
    pass


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_author(conn: Connection) -> str:
    """The privacy officer's name, or the responsible director's, or "" when neither is set."""
    row = conn.execute(
        "SELECT po.name, bd.name FROM organisation o "
        "LEFT JOIN person po ON po.id = o.privacy_officer_id "
        "LEFT JOIN person bd ON bd.id = o.board_director_id WHERE o.id = 1"
    ).fetchone()
    if row is None:
        return ""
    return row[0] or row[1] or ""


def build_snapshot(
    conn: Connection,
    period: Period,
    *,
    language: str = "ja",
    sections: Iterable[str] | None = None,
    author: str | None = None,
    narrative: Mapping[str, str] | None = None,
    today: date | None = None,
    requests: Sequence[Decision] = (),
    events: Sequence[str] = (),
    variant: str = "annual",
    named_annex: bool = False,
) -> Snapshot:
    """Compute every chosen section for ``period`` (all of them when ``sections`` is None).

    Stock figures (how many assets, who is overdue) are taken at ``period.as_of``, else at
    ``today`` when it falls inside the period, else at the period's last day. The same data and
    period give the same snapshot, so the same content hash.

    ``variant="kpi_update"`` is the shorter report for any date range (e.g. the half-year): the
    assessment, the decisions and every chapter's indicators, without detail tables, charts or
    appendices. ``named_annex`` adds the annex that names people (never by default).
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown report variant {variant!r}")
    if period.as_of is None and today is not None:
        period = replace(period, as_of=min(max(today, period.start), period.end))
    chosen = selected(sections)
    organisation = scalar(conn, "SELECT name FROM organisation WHERE id = 1") or ""
    if author is None:
        author = default_author(conn)
    built = [definition.function(conn, period, language) for definition in chosen]
    keys = {s.key for s in built}
    if named_annex:
        annex = named_annex_tables(conn, period, language, keys)
        if annex:
            built.append(
                Section(
                    NAMED_ANNEX_KEY,
                    gettext_in(language, "Named annex (for the privacy officer)"),
                    "",
                    appendix=annex,
                )
            )
    if variant == "kpi_update":
        built = [
            s if s.key == NAMED_ANNEX_KEY else replace(s, tables=[], charts=[], appendix=[])
            for s in built
        ]
    kept = {k: v for k, v in (narrative or {}).items() if k in keys or k == "summary"}
    return Snapshot(
        organisation=organisation,
        period_start=period.start.isoformat(),
        period_end=period.end.isoformat(),
        period_label=period.label,
        language=language,
        generated_at=_now(),
        author=author,
        app_version=__version__,
        sections=built,
        narrative=dict(sorted(kept.items())),
        variant=variant,
        assessment=assess(built, language),
        requests=list(requests),
        events=[e for e in events if e.strip()],
        named_annex=named_annex,
        audit_anchor=printed_head(conn),  # the trail it was made from, printed on the cover
    )


@dataclass(frozen=True)
class ReportInfo:
    id: int
    period_start: date
    period_end: date
    period_label: str
    language: str
    content_hash: str
    created_at: str
    created_by: str
    updated_at: str

    @property
    def short_hash(self) -> str:
        from app.board.snapshot import HASH_CHARS

        return self.content_hash[:HASH_CHARS]


def save_report(conn: Connection, snapshot: Snapshot, *, user: str | None = None) -> int:
    """Keep ``snapshot`` (with its narrative and content hash) in the workspace; returns its id."""
    values = {
        "period_start": date.fromisoformat(snapshot.period_start),
        "period_end": date.fromisoformat(snapshot.period_end),
        "period_label": snapshot.period_label,
        "language": snapshot.language,
        "snapshot": snapshot.to_json(),
        "narrative": json.dumps(snapshot.narrative, ensure_ascii=False, sort_keys=True),
        "content_hash": snapshot.content_hash(),
    }
    with write_transaction(conn):
        return insert_validated(conn, BOARD_REPORTS, values, user=user)


def load_report(conn: Connection, report_id: int) -> Snapshot:
    """The stored snapshot exactly as saved (its content hash is the stored one)."""
    row = conn.execute(
        "SELECT snapshot, content_hash FROM board_report WHERE id = ?", (report_id,)
    ).fetchone()
    if row is None:
        raise ReportNotFoundError(
            _("There is no stored board report number {id}.").format(id=report_id)
        )
    snapshot = Snapshot.from_json(row[0])
    if snapshot.content_hash() != row[1]:
        raise ReportNotFoundError(
            _(
                "Stored board report number {id} does not match its content hash: it was changed "
                "outside Mamori."
            ).format(id=report_id)
        )
    return snapshot


def list_reports(conn: Connection) -> list[ReportInfo]:
    """Stored reports, newest period first."""
    rows = conn.execute(
        "SELECT id, period_start, period_end, period_label, language, content_hash, created_at, "
        "created_by, updated_at FROM board_report ORDER BY period_end DESC, id DESC"
    )
    return [
        ReportInfo(
            row[0],
            date.fromisoformat(row[1]),
            date.fromisoformat(row[2]),
            *row[3:],
        )
        for row in rows
    ]


def set_narrative(
    conn: Connection, report_id: int, narrative: Mapping[str, str], *, user: str | None = None
) -> Snapshot:
    """Replace the officer's text of a stored report (section key -> text; "summary" for the
    executive summary). Empty texts are dropped. Returns the updated snapshot (new content hash)."""
    snapshot = load_report(conn, report_id)
    cleaned = {key: text for key, text in sorted(narrative.items()) if text and text.strip()}
    updated = replace(snapshot, narrative=cleaned)
    with write_transaction(conn):
        stored = row_values(conn, BOARD_REPORTS, report_id) or {}
        values = {
            field.key: field.from_db(stored.get(field.column)) for field in BOARD_REPORTS.fields
        }
        values.update(
            snapshot=updated.to_json(),
            narrative=json.dumps(cleaned, ensure_ascii=False, sort_keys=True),
            content_hash=updated.content_hash(),
        )
        update_validated(conn, BOARD_REPORTS, report_id, values, stored, user=user)
    return updated


def delete_report(conn: Connection, report_id: int, *, user: str | None = None) -> None:
    load_report(conn, report_id)  # refuses a report that was changed outside Mamori
    delete_record(conn, BOARD_REPORTS, report_id, user=user)
