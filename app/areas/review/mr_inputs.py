"""The management review's seven inputs, prefilled with live figures from every other area.

The figures come from the board report's own machinery: ``build_snapshot`` for the review period
runs every chapter's provider, and each chapter's indicators go to the input the MR_INPUT
catalogue assigns it (``extra.chapters``); a chapter no item names goes to the input marked
``extra.default`` (①, the operation of the PMS), so an area added later feeds the review without
a change here. Input ③ (follow-up) reads the previous annual review's action items; ⑦
(suggestions) gathers the matters the chapters put to the board. Figures are counts, never names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.areas.review.registers_mr import MANAGEMENT_REVIEWS, REVIEW_INPUTS
from app.board.period import Period, date_range_period, fiscal_year_period
from app.board.report import build_snapshot
from app.board.sections import all_sections, translator
from app.board.snapshot import Kpi, Snapshot
from app.catalogues import choices, item_extra
from app.dates import fiscal_year_of, show_date
from app.i18n import N_
from app.registers.records import (
    Changes,
    insert_validated,
    load_record,
    update_in_transaction,
    validate,
)
from app.storage.database import Connection, write_transaction

OWN_CHAPTERS = frozenset({"management_review", "plan"})  # built from the reviews themselves
FOLLOW_UP, SUGGESTIONS = "follow_up", "improvement"


@dataclass(frozen=True)
class GatheredInput:
    code: str
    label: str
    figures: str  # one line per indicator


def review_period(conn: Connection, held_on: date, language: str = "ja") -> Period:
    """The fiscal year before the one the review is held in (the year it looks back on)."""
    from app.areas.training.coverage import organisation_settings

    start_md, _days = organisation_settings(conn)
    return fiscal_year_period(conn, fiscal_year_of(held_on, start_md) - 1, language)


def _value(kpi: Kpi) -> str:
    if kpi.value is None:
        return "—"
    value = f"{kpi.value:g}" if isinstance(kpi.value, float) else str(kpi.value)
    return f"{value}{kpi.unit}"


def kpi_line(kpi: Kpi, target_word: str) -> str:
    target = f"（{target_word} {kpi.target}）" if kpi.target else ""
    return f"・{kpi.label}: {_value(kpi)}{target}"


def _chapter_lines(snapshot: Snapshot, language: str) -> dict[str, list[str]]:
    t = translator(language)
    lines: dict[str, list[str]] = {}
    for section in snapshot.sections:
        body = [f"【{section.title}】"]
        if not section.recorded:
            body.append(t(N_("・Mamori does not record this area yet.")))
        elif section.empty:
            body.append(f"・{section.empty}")
        body.extend(kpi_line(kpi, t(N_("target"))) for kpi in section.kpis)
        lines[section.key] = body
    return lines


def _follow_up(conn: Connection, review_id: int, held_on: date, language: str) -> list[str]:
    t = translator(language)
    previous = conn.execute(
        "SELECT id, held_on FROM management_review WHERE coalesce(annual, 1) = 1 AND id != ? "
        "AND held_on < ? ORDER BY held_on DESC LIMIT 1",
        (review_id, held_on.isoformat()),
    ).fetchone()
    if previous is None:
        return [t(N_("・There is no earlier management review to follow up."))]
    items = conn.execute(
        "SELECT count(*), count(due_on), sum(due_on < ?) FROM management_review_action "
        "WHERE review_id = ?",
        (held_on.isoformat(), previous[0]),
    ).fetchone()
    lines = [
        t(N_("・Previous review held on {date}: {count} action items.")).format(
            date=show_date(date.fromisoformat(previous[1]), language), count=items[0]
        )
    ]
    lines.extend(follow_up_status(conn, previous[0], held_on, language))
    return lines


def action_status(conn: Connection, review_id: int, at: date) -> dict[str, int]:
    """How the action items of a review stand at ``at``: items, tracked (as corrective actions),
    closed, awaiting the effectiveness check, and overdue (past due and not completed)."""
    row = conn.execute(
        "SELECT count(*), count(a.corrective_action_id), sum(c.status IN ('closed', 'redone')), "
        "sum(c.status = 'awaiting_check'), "
        "sum(coalesce(c.due_on, a.due_on) < ? AND c.completed_on IS NULL) "
        "FROM management_review_action a "
        "LEFT JOIN corrective_action c ON c.id = a.corrective_action_id WHERE a.review_id = ?",
        (at.isoformat(), review_id),
    ).fetchone()
    keys = ("items", "tracked", "closed", "awaiting_check", "overdue")
    return {key: int(value or 0) for key, value in zip(keys, row, strict=True)}


def follow_up_status(conn: Connection, review_id: int, at: date, language: str) -> list[str]:
    """Lines on how the action items of a review stand at ``at``."""
    t = translator(language)
    status = action_status(conn, review_id, at)
    return [
        t(N_("・Tracked as corrective actions: {tracked}; closed: {closed}; awaiting the "
             "effectiveness check: {awaiting}.")).format(
            tracked=status["tracked"], closed=status["closed"], awaiting=status["awaiting_check"]
        ),
        t(N_("・Action items past their due date: {count}.")).format(count=status["overdue"]),
    ]  # fmt: skip


def gather_inputs(
    conn: Connection,
    period: Period,
    *,
    review_id: int,
    held_on: date,
    language: str = "ja",
    today: date | None = None,
) -> list[GatheredInput]:
    """The seven inputs with their figures for ``period`` (``review_id``: the review being
    prepared, left out of its own follow-up)."""
    keys = [s.key for s in all_sections() if s.key not in OWN_CHAPTERS]
    snapshot = build_snapshot(
        conn, period, language=language, sections=keys, today=today, variant="kpi_update"
    )
    chapters = _chapter_lines(snapshot, language)
    inputs = choices(conn, "MR_INPUT", language=language)
    assigned: dict[str, str] = {}
    default = inputs[0][0] if inputs else ""
    for code, _label in inputs:
        extra = item_extra(conn, "MR_INPUT", code)
        for chapter in extra.get("chapters") or ():
            assigned.setdefault(chapter, code)
        if extra.get("default"):
            default = code
    by_input: dict[str, list[str]] = {code: [] for code, _label in inputs}
    for key, body in chapters.items():
        by_input.setdefault(assigned.get(key, default), []).extend(body)
    if FOLLOW_UP in by_input:
        by_input[FOLLOW_UP] = _follow_up(conn, review_id, held_on, language) + by_input[FOLLOW_UP]
    if SUGGESTIONS in by_input:
        by_input[SUGGESTIONS].extend(f"・{decision.title}" for decision in snapshot.decisions)
    return [GatheredInput(code, label, "\n".join(by_input[code])) for code, label in inputs]


def prefill_review(
    conn: Connection,
    review_id: int,
    *,
    language: str = "ja",
    today: date | None = None,
    user: str | None = None,
) -> Changes:
    """Gather the seven inputs' figures into the review (narratives already written are kept)."""
    with write_transaction(conn):
        prefill_in_transaction(conn, review_id, language=language, today=today, user=user)
    return Changes(frozenset({MANAGEMENT_REVIEWS.key, REVIEW_INPUTS.key, "deadlines"}), review_id)


def prefill_in_transaction(
    conn: Connection,
    review_id: int,
    *,
    language: str = "ja",
    today: date | None = None,
    user: str | None = None,
) -> None:
    """``prefill_review`` inside the caller's write transaction."""
    today = today or date.today()
    review = load_record(conn, MANAGEMENT_REVIEWS, review_id)
    held_on = review["held_on"]
    if review["period_start"] and review["period_end"]:
        period = date_range_period(conn, review["period_start"], review["period_end"], language)
    else:
        period = review_period(conn, held_on, language)
    gathered = gather_inputs(
        conn, period, review_id=review_id, held_on=held_on, language=language, today=today
    )
    existing = {
        code: record_id
        for record_id, code in conn.execute(
            "SELECT id, input FROM management_review_input WHERE review_id = ?", (review_id,)
        )
    }
    update_in_transaction(
        conn,
        MANAGEMENT_REVIEWS,
        review_id,
        {"figures_on": today, "period_start": period.start, "period_end": period.end},
        user=user,
    )
    for item in gathered:
        if item.code in existing:
            update_in_transaction(
                conn, REVIEW_INPUTS, existing[item.code], {"figures": item.figures}, user=user
            )
        else:
            values = validate(
                conn,
                REVIEW_INPUTS,
                {"review": review_id, "input": item.code, "figures": item.figures},
            )
            insert_validated(conn, REVIEW_INPUTS, values, user=user)
