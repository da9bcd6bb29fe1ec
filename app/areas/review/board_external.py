"""Chapter 14 外部環境: the legal register — amendments that took effect in the period, reviews
done and overdue, amendments not yet reviewed — and the published documents re-checked or
awaiting a re-check after a change (domain §5.14). Laws are named; people never."""

from __future__ import annotations

from datetime import date

from app.areas.review.changes import documents_due_after_change, laws_amended_since_review
from app.board.period import Period, display_date
from app.board.sections import labels, ordered_codes, section, status_at_most, translator
from app.board.snapshot import Kpi, Section, Table
from app.deadlines.listing import overdue_count
from app.i18n import N_
from app.storage.database import Connection

KEY = "external"


@section(140, KEY, N_("External environment"))
def external_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    title = t(N_("External environment"))
    start, end = period.start.isoformat(), period.end.isoformat()
    rows = conn.execute(
        "SELECT legal_type, name, version, version_date, last_reviewed FROM legal_requirement "
        "WHERE coalesce(active, 1) = 1 ORDER BY legal_type, code"
    ).fetchall()
    if not rows:
        return Section(KEY, title, "", empty=t(N_("The legal register holds no entries yet.")))
    amended = sorted(
        (row for row in rows if row[3] and start <= row[3] <= end), key=lambda r: (r[3], r[1])
    )
    reviewed = [row for row in rows if row[4] and start <= row[4] <= end]
    overdue = overdue_count(conn, period.at, ["C-LEGAL"])
    pending = [law for law in laws_amended_since_review(conn) if law.version_date <= period.end]
    documents = documents_due_after_change(conn)
    items = t(N_("items"))
    kpis = [
        Kpi(
            t(N_("Laws and norms identified")),
            len(rows),
            items,
            definition=t(N_("Entries in use in the legal register (JIS A.3.3.2).")),
        ),
        Kpi(
            t(N_("Amendments in force in the period")),
            len(amended),
            items,
            definition=t(N_("Entries whose current version took effect in the period.")),
        ),
        Kpi(
            t(N_("Entries reviewed in the period")),
            len(reviewed),
            items,
            definition=t(N_("Entries whose last review falls in the period.")),
        ),
        Kpi(
            t(N_("Legal reviews overdue")),
            overdue,
            items,
            "0",
            status_at_most(overdue, 0, 1),
            t(N_("Yearly reviews of the legal register past their due date.")),
            rule=t(N_("On target at 0, watch at 1, off target above.")),
            headline=True,
        ),
        Kpi(
            t(N_("Amendments not yet reviewed")),
            len(pending),
            items,
            "0",
            status_at_most(len(pending), 0, 2),
            t(N_("Entries whose new version took effect after their last review.")),
        ),
        Kpi(
            t(N_("Documents awaiting a re-check after a change")),
            len(documents),
            items,
            "0",
            status_at_most(len(documents), 0, 1),
            t(
                N_(
                    "Published documents and rules whose subject (purposes, safeguards, procedures) changed after their last review."
                )
            ),
        ),
    ]
    type_labels = labels(conn, "LEGAL_TYPE", language)
    by_type = []
    for code in ordered_codes(conn, "LEGAL_TYPE"):
        of_type = [row for row in rows if row[0] == code]
        if of_type:
            by_type.append(
                [
                    type_labels.get(code, code),
                    len(of_type),
                    sum(1 for row in of_type if row in amended),
                    sum(1 for row in of_type if row in reviewed),
                ]
            )
    tables = [
        Table(
            t(N_("Legal register by kind")),
            [t(N_("Kind")), t(N_("In use")), t(N_("Amended in the period")), t(N_("Reviewed"))],
            by_type,
            ["text", "int", "int", "int"],
        )
    ]
    if amended:
        tables.append(
            Table(
                t(N_("Amendments in force in the period")),
                [t(N_("Law or standard")), t(N_("Version or amendment")), t(N_("In force since"))],
                [[row[1], row[2] or "", row[3]] for row in amended],
                ["text", "text", "date"],
            )
        )
    events = [
        t(N_("{name} amended (in force {date}).")).format(
            name=row[1], date=display_date(date.fromisoformat(row[3]), language)
        )
        for row in amended
    ]
    summary = t(
        N_(
            "{count} laws and norms identified; {amended} amendments took effect in the period, {pending} not yet reviewed."
        )
    ).format(count=len(rows), amended=len(amended), pending=len(pending))
    return Section(KEY, title, summary, kpis=kpis, tables=tables, events=events)
