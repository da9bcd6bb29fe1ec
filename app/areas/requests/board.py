"""Chapter 10 本人対応 (domain §5.10): data-subject requests by type, days to answer (median and
maximum, stopped days left out), the share answered within the SLA, refusals and their grounds,
complaints by topic. Counts only: purged stubs keep what these figures need, and no name, member
number or free text is read."""

from __future__ import annotations

from statistics import median

from app.board.period import Period
from app.board.sections import (
    labels,
    ordered_codes,
    percent,
    ratio,
    rule_at_least,
    rule_at_most,
    section,
    status_at_least,
    status_at_most,
    translator,
)
from app.board.snapshot import Kpi, Section, Table
from app.i18n import N_, ngettext_in
from app.storage.database import Connection

KEY = "requests"  # the reserved chapter 10 (app.board.sections.PLANNED_CHAPTERS)
TARGET_WITHIN_SLA = 100.0
WATCH_WITHIN_SLA = 90.0
REFUSALS = ("partial", "refused", "not_exist")


def _ordered(conn: Connection, catalogue: str, codes: set[str]) -> list[str]:
    order = ordered_codes(conn, catalogue)
    return sorted(codes, key=lambda code: (order.index(code) if code in order else 99, code))


def _request_rows(conn: Connection, period: Period) -> list[tuple]:
    return conn.execute(
        "SELECT request_type, received_on, responded_on, days_taken, within_sla, decision, "
        "refusal_ground FROM data_request WHERE (received_on BETWEEN :start AND :end) "
        "OR (responded_on BETWEEN :start AND :end)",
        {"start": period.start.isoformat(), "end": period.end.isoformat()},
    ).fetchall()


def _in(period: Period, text: str | None) -> bool:
    return text is not None and period.start.isoformat() <= text <= period.end.isoformat()


def _by_type_table(conn: Connection, rows: list[tuple], period: Period, language: str) -> Table:
    t = translator(language)
    names = labels(conn, "DSR_TYPE", language)
    table_rows = []
    for code in _ordered(conn, "DSR_TYPE", {row[0] for row in rows}):
        received = [row for row in rows if row[0] == code and _in(period, row[1])]
        answered = [row for row in rows if row[0] == code and _in(period, row[2])]
        days = [row[3] for row in answered if row[3] is not None]
        within = sum(1 for row in answered if row[4])
        refused = sum(1 for row in answered if row[5] in REFUSALS)
        table_rows.append(
            [
                names.get(code, code),
                len(received),
                len(answered),
                float(median(days)) if days else None,
                max(days) if days else None,
                ratio(within, len(answered)),
                refused,
            ]
        )
    return Table(
        t(N_("Requests by type")),
        [
            t(N_("Type")),
            t(N_("Received")),
            t(N_("Answered")),
            t(N_("Median days")),
            t(N_("Maximum days")),
            t(N_("Within the SLA")),
            t(N_("Refused or partial")),
        ],
        table_rows,
        kinds=["text", "int", "int", "float", "int", "percent", "int"],
        note=t(
            N_(
                "Days from arrival to the answer, the days the clock stood still (waiting for "
                "identity documents...) left out."
            )
        ),
    )


def _refusal_table(conn: Connection, rows: list[tuple], period: Period, language: str) -> Table:
    t = translator(language)
    decisions = labels(conn, "DSR_DECISION", language)
    grounds = labels(conn, "NONDISCLOSURE_GROUND", language)
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        if _in(period, row[2]) and row[5] in REFUSALS:
            pair = (row[5], row[6] or "")
            counts[pair] = counts.get(pair, 0) + 1
    return Table(
        t(N_("Refusals and their grounds")),
        [t(N_("Decision")), t(N_("Ground")), t(N_("Requests"))],
        [
            [decisions.get(decision, decision), grounds.get(ground, ground or "—"), count]
            for (decision, ground), count in sorted(counts.items())
        ],
        kinds=["text", "text", "int"],
    )


def _complaint_table(conn: Connection, period: Period, language: str) -> tuple[Table, int, int]:
    t = translator(language)
    topics = labels(conn, "COMPLAINT_TOPIC", language)
    rows = conn.execute(
        "SELECT topic, kind, closed_on, days_to_close, escalation, corrective_action_id "
        "FROM complaint_case WHERE received_on BETWEEN ? AND ?",
        (period.start.isoformat(), period.end.isoformat()),
    ).fetchall()
    table_rows = []
    for code in _ordered(conn, "COMPLAINT_TOPIC", {row[0] for row in rows}):
        mine = [row for row in rows if row[0] == code]
        days = [row[3] for row in mine if row[3] is not None]
        table_rows.append(
            [
                topics.get(code, code),
                sum(1 for row in mine if row[1] == "complaint"),
                sum(1 for row in mine if row[1] != "complaint"),
                sum(1 for row in mine if row[2]),
                float(median(days)) if days else None,
                sum(1 for row in mine if row[4] and row[4] != "none"),
                sum(1 for row in mine if row[5]),
            ]
        )
    table = Table(
        t(N_("Complaints and enquiries by topic")),
        [
            t(N_("Topic")),
            t(N_("Complaints")),
            t(N_("Enquiries")),
            t(N_("Closed")),
            t(N_("Median days to close")),
            t(N_("Taken outside the co-op")),
            t(N_("Led to a corrective action")),
        ],
        table_rows,
        kinds=["text", "int", "int", "int", "float", "int", "int"],
    )
    complaints = sum(1 for row in rows if row[1] == "complaint")
    return table, complaints, len(rows) - complaints


@section(100, KEY, N_("Data-subject requests and complaints"))
def requests_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    rows = _request_rows(conn, period)
    received = [row for row in rows if _in(period, row[1])]
    answered = [row for row in rows if _in(period, row[2])]
    days = [row[3] for row in answered if row[3] is not None]
    within = sum(1 for row in answered if row[4])
    within_rate = percent(within, len(answered))
    refused = sum(1 for row in answered if row[5] in REFUSALS)
    overdue = conn.execute(
        "SELECT count(*) FROM data_request WHERE responded_on IS NULL AND status = 'open' "
        "AND sla_due < ? AND received_on <= ?",
        (period.at.isoformat(), period.end.isoformat()),
    ).fetchone()[0]
    complaints_table, complaints, enquiries = _complaint_table(conn, period, language)
    if not rows and not complaints and not enquiries and not overdue:
        return Section(
            KEY,
            t(N_("Data-subject requests and complaints")),
            "",
            empty=t(N_("No data-subject request or complaint was recorded in the period.")),
        )
    cases, days_unit = t(N_("cases")), t(N_("days"))
    days_definition = t(
        N_(
            "Days from arrival to the answer of the requests answered in the period, the days "
            "the clock stood still left out."
        )
    )
    kpis = [
        Kpi(
            t(N_("Requests received")),
            len(received),
            cases,
            definition=t(N_("Data-subject requests that reached the co-op in the period.")),
        ),
        Kpi(
            t(N_("Answered within the SLA")),
            within_rate,
            "%",
            target=f"{TARGET_WITHIN_SLA:g}%",
            status=status_at_least(within_rate, TARGET_WITHIN_SLA, WATCH_WITHIN_SLA),
            rule=rule_at_least(language, TARGET_WITHIN_SLA, WATCH_WITHIN_SLA),
            definition=t(N_("Requests answered in the period by their due date, of all answered.")),
            headline=True,
        ),
        Kpi(
            t(N_("Median days to answer")),
            float(median(days)) if days else None,
            days_unit,
            definition=days_definition,
        ),
        Kpi(
            t(N_("Maximum days to answer")),
            max(days) if days else None,
            days_unit,
            definition=days_definition,
        ),
        Kpi(
            t(N_("Refused or partly refused")),
            refused,
            cases,
            definition=t(
                N_("Requests answered in the period with a refusal, a partial answer or no data.")
            ),
        ),
        Kpi(
            t(N_("Open requests past their due date")),
            overdue,
            cases,
            target="0",
            status=status_at_most(overdue, 0, 0),
            rule=rule_at_most(language, 0, 0),
            definition=t(
                N_("Requests not answered by their due date, counted on the report's day.")
            ),
        ),
        Kpi(
            t(N_("Complaints")),
            complaints,
            cases,
            definition=t(N_("Complaints received in the period (JIS A.3.6).")),
        ),
        Kpi(
            t(N_("Enquiries")),
            enquiries,
            cases,
            definition=t(N_("Enquiries about personal information received in the period.")),
        ),
    ]
    summary = t(
        N_(
            "{received} requests received, {answered} answered ({within} within the SLA); "
            "{complaints} complaints and {enquiries} enquiries."
        )
    ).format(
        received=len(received),
        answered=len(answered),
        within=within,
        complaints=complaints,
        enquiries=enquiries,
    )
    events = _events(conn, period, language, len(answered) - within, overdue)
    tables = [_by_type_table(conn, rows, period, language)]
    if refused:
        tables.append(_refusal_table(conn, rows, period, language))
    tables.append(complaints_table)
    return Section(
        KEY,
        t(N_("Data-subject requests and complaints")),
        summary,
        kpis=kpis,
        tables=tables,
        events=events,
    )


def _events(conn: Connection, period: Period, language: str, late: int, overdue: int) -> list[str]:
    """Significant events for the executive summary: answers late, requests overdue, complaints
    taken outside the co-op. Counts only."""
    escalated = conn.execute(
        "SELECT count(*) FROM complaint_case WHERE escalated_on BETWEEN ? AND ? "
        "AND escalation IS NOT NULL AND escalation != 'none'",
        (period.start.isoformat(), period.end.isoformat()),
    ).fetchone()[0]
    events = []
    if late:
        events.append(
            ngettext_in(
                language,
                "{count} data-subject request was answered after its due date.",
                "{count} data-subject requests were answered after their due date.",
                late,
            ).format(count=late)
        )
    if overdue:
        events.append(
            ngettext_in(
                language,
                "{count} data-subject request is past its due date without an answer.",
                "{count} data-subject requests are past their due date without an answer.",
                overdue,
            ).format(count=overdue)
        )
    if escalated:
        events.append(
            ngettext_in(
                language,
                "{count} complaint was taken outside the co-op (certified organisation, PPC...).",
                "{count} complaints were taken outside the co-op (certified organisation, PPC...).",
                escalated,
            ).format(count=escalated)
        )
    return events
