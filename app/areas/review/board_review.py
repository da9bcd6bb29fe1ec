"""Chapter 13 マネジメントレビュー結果: the management reviews of the period, the seven inputs
summarised, the decisions, the action items and how they stand (domain §5.13). Counts and texts
of the review; no one is named."""

from __future__ import annotations

from datetime import date

from app.areas.review.mr_inputs import action_status
from app.board.period import Period
from app.board.sections import labels, section, status_at_least, status_at_most, translator
from app.board.snapshot import Decision, Kpi, Section, Table
from app.i18n import N_
from app.storage.database import Connection

KEY = "management_review"
SUMMARY_CHARS = 160  # of each input's narrative in the chapter's table


def lines_of(text: str | None) -> list[str]:
    return [line.strip(" ・-\t") for line in (text or "").splitlines() if line.strip(" ・-\t")]


def reviews_of_period(conn: Connection, period: Period) -> list[tuple]:
    """(id, held_on, approved_on, decisions, pms_changes) of the reviews held in the period or
    looking back on a period that ends in it (a year's review is often held after the year)."""
    start, end = period.start.isoformat(), period.end.isoformat()
    return conn.execute(
        "SELECT id, held_on, approved_on, decisions, pms_changes FROM management_review "
        "WHERE held_on BETWEEN ? AND ? OR period_end BETWEEN ? AND ? ORDER BY held_on",
        (start, end, start, end),
    ).fetchall()


def _summary(text: str | None) -> str:
    flat = " ".join(lines_of(text))
    return flat if len(flat) <= SUMMARY_CHARS else flat[: SUMMARY_CHARS - 1] + "…"


@section(130, KEY, N_("Management review"))
def review_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    title = t(N_("Management review"))
    reviews = reviews_of_period(conn, period)
    yearly = period.fiscal_year is not None
    held = Kpi(
        t(N_("Management reviews held")),
        len(reviews),
        t(N_("times")),
        "≥ 1" if yearly else "",
        status_at_least(len(reviews), 1, 1) if yearly else "none",
        t(N_("Reviews by top management held in the period or looking back on it (JIS A.3.7.3).")),
        rule=t(N_("On target with at least one review a year.")) if yearly else "",
        headline=True,
    )
    if not reviews:
        return Section(KEY, title, "", empty=t(N_("No management review was held for the period.")))
    latest_id, held_on, _approved_on, decisions, changes = reviews[-1]
    input_labels = labels(conn, "MR_INPUT", language)
    inputs = conn.execute(
        "SELECT input, figures, narrative FROM management_review_input WHERE review_id = ?",
        (latest_id,),
    ).fetchall()
    by_code = {code: (figures, narrative) for code, figures, narrative in inputs}
    covered = sum(1 for figures, narrative in by_code.values() if (narrative or "").strip())
    actions = conn.execute(
        "SELECT a.title, coalesce(c.due_on, a.due_on), c.status FROM management_review_action a "
        "LEFT JOIN corrective_action c ON c.id = a.corrective_action_id WHERE a.review_id = ? "
        "ORDER BY 2, a.id",
        (latest_id,),
    ).fetchall()
    status = action_status(conn, latest_id, period.at)
    overdue = status["overdue"]
    ca_labels = labels(conn, "CA_STATUS", language)
    approved = sum(1 for review in reviews if review[2])
    decision_lines = lines_of(decisions)
    kpis = [
        held,
        Kpi(
            t(N_("Inputs discussed")),
            covered,
            f"/{len(input_labels)}",
            f"= {len(input_labels)}",
            "good" if covered >= len(input_labels) else "watch",
            t(N_("Inputs of the latest review with a written report (JIS A.3.7.3 a–g).")),
            rule=t(N_("On target when every input was reported on.")),
        ),
        Kpi(
            t(N_("Decisions")),
            len(decision_lines),
            t(N_("items")),
            definition=t(N_("Decisions on continual improvement recorded in the latest review.")),
        ),
        Kpi(
            t(N_("Action items")),
            len(actions),
            t(N_("items")),
            definition=t(N_("Action items (owner, due date) decided in the latest review.")),
        ),
        Kpi(
            t(N_("Action items tracked as corrective actions")),
            status["tracked"],
            f"/{len(actions)}",
            f"= {len(actions)}",
            "good" if status["tracked"] == len(actions) else "watch",
            t(N_("Action items followed up in the corrective-action register.")),
        ),
        Kpi(
            t(N_("Action items closed")),
            status["closed"],
            f"/{len(actions)}",
            definition=t(N_("Action items whose corrective action was closed as effective.")),
        ),
        Kpi(
            t(N_("Action items overdue")),
            overdue,
            t(N_("items")),
            "0",
            status_at_most(overdue, 0, 1),
            t(N_("Action items of the latest review past their due date.")),
            rule=t(N_("On target at 0, watch at 1, off target above.")),
        ),
        Kpi(
            t(N_("Reviews approved by top management")),
            approved,
            f"/{len(reviews)}",
            f"= {len(reviews)}",
            "good" if approved == len(reviews) else "watch",
            t(N_("Reviews with the approval of top management recorded.")),
        ),
    ]
    input_rows = [
        [
            label,
            len(lines_of(by_code.get(code, (None, None))[0])),
            _summary(by_code.get(code, (None, None))[1]),
        ]
        for code, label in input_labels.items()
        if code in by_code
    ]
    tables = [
        Table(
            t(N_("Inputs of the review held on {date}")).format(
                date=_show(date.fromisoformat(held_on), language)
            ),
            [
                t(N_("Input")),
                t(N_("Indicators gathered")),
                t(N_("Report and discussion (summary)")),
            ],
            input_rows,
            ["text", "int", "text"],
        )
    ]
    if decision_lines:
        tables.append(
            Table(
                t(N_("Decisions on continual improvement")),
                [t(N_("Decision"))],
                [[line] for line in decision_lines],
                ["text"],
            )
        )
    if actions:
        tables.append(
            Table(
                t(N_("Action items")),
                [t(N_("Action item")), t(N_("Due")), t(N_("Status"))],
                [
                    [title_, due, ca_labels.get(code, code) if code else t(N_("Not tracked"))]
                    for title_, due, code in actions
                ],
                ["text", "date", "text"],
            )
        )
    board_decisions = []
    change_lines = lines_of(changes)
    if change_lines:
        board_decisions.append(
            Decision(
                "resource",
                t(N_("Changes to the PMS decided in the management review")),
                t(
                    N_("Top management decided {count} changes to the policy, resources or budget.")
                ).format(count=len(change_lines)),
                t(N_("The board takes note of the changes and approves the resources they need.")),
                change_lines,
            )
        )
    summary = t(
        N_(
            "{count} management review(s); the latest on {date}: {decisions} decisions, {actions} action items."
        )
    ).format(
        count=len(reviews),
        date=_show(date.fromisoformat(held_on), language),
        decisions=len(decision_lines),
        actions=len(actions),
    )
    events = [
        t(N_("Management review held on {date}.")).format(
            date=_show(date.fromisoformat(review[1]), language)
        )
        for review in reviews
    ]
    return Section(
        KEY, title, summary, kpis=kpis, tables=tables, events=events, decisions=board_decisions
    )


def _show(day: date, language: str) -> str:
    from app.board.period import display_date

    return display_date(day, language)
