"""The draft of a leak report to the PPC: the nine items of 規則8条1項, prefilled from the record.

``build_draft`` reads the incident and the organisation settings (the report destination, the
reporting business) and returns a ``PpcDraft``: plain data that ``draft_text`` turns into text to
paste into the PPC's web form and a renderer from ``reports/`` turns into a PDF (``app/`` never
imports ``reports/``; the UI hands the renderer to ``export_draft``). Items the record cannot
fill yet say so (未判明), because a 速報 may be sent with what is known and completed later.
Every PDF written and every text copied is recorded in the audit trail (``record_output``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.areas.incidents.registers import INCIDENTS
from app.areas.incidents.reportability import GROUNDS
from app.areas.organisation.registers import ORGANISATION
from app.catalogues import choices
from app.dates import format_date
from app.deadlines.engine import compute
from app.deadlines.holidays import load_calendar
from app.i18n import N_, gettext_in
from app.registers.records import load_record
from app.storage import audit
from app.storage.database import Connection, ensure_writable, write_transaction

KINDS = {
    "prelim": N_("Preliminary report (速報)"),
    "final": N_("Final report (確報)"),
    "supplement": N_("Supplement (追完)"),
}
ITEM_HEADINGS = (
    N_("Overview of the incident"),
    N_("Items of the personal data leaked or possibly leaked"),
    N_("Number of people concerned"),
    N_("Cause"),
    N_("Secondary damage or the risk of it, and its nature"),
    N_("Response to the people concerned"),
    N_("Public announcement made"),
    N_("Measures to prevent recurrence"),
    N_("Other matters for reference"),
)
UNKNOWN = N_("Not yet known (to be supplemented when known)")


@dataclass(frozen=True)
class PpcItem:
    number: int
    heading: str
    text: str
    known: bool  # False: the record does not give it yet


@dataclass(frozen=True)
class PpcDraft:
    incident_id: int
    incident_no: str
    kind: str  # prelim / final / supplement
    kind_label: str
    destination: str
    reporter: str  # the reporting business: name, address, representative
    prepared_on: date
    known_on: date
    prelim_due: date | None
    final_due: date | None
    items: tuple[PpcItem, ...]
    language: str

    @property
    def unknown_count(self) -> int:
        return sum(1 for item in self.items if not item.known)


def _label(conn: Connection, catalogue: str, code: str | None, language: str) -> str:
    if not code:
        return ""
    return dict(choices(conn, catalogue, language=language, include_inactive=True)).get(code, code)


def _day(value: date | None, language: str) -> str:
    if value is None:
        return gettext_in(language, N_("unknown"))
    return format_date(value, "ja" if language == "ja" else "iso")


def _lines(*parts: str | None) -> str:
    return "\n".join(part for part in parts if part)


def _items(conn: Connection, record: dict[str, Any], language: str) -> list[tuple[str, bool]]:
    t = lambda message: gettext_in(language, message)  # noqa: E731 - a local shorthand
    department = ""
    if record.get("department"):
        department = conn.execute(
            "SELECT name FROM department WHERE id = ?", (record["department"],)
        ).fetchone()[0]
    grounds = [t(GROUNDS[number]) for number in (record.get("report_grounds") or "").split(", ")]
    grounds = [text for text in grounds if text]
    overview = _lines(
        t(N_("Occurred on: {date}")).format(date=_day(record.get("occurred_on"), language)),
        t(N_("Known on (any department): {date}")).format(date=_day(record["known_on"], language)),
        t(N_("Known on (privacy officer): {date}")).format(
            date=_day(record.get("officer_known_on"), language)
        ),
        t(N_("Type: {type} ({event})")).format(
            type=_label(conn, "INCIDENT_TYPE", record["incident_type"], language),
            event=_label(conn, "BREACH_EVENT", record.get("event"), language),
        ),
        t(N_("Where: {where}")).format(
            where="・".join(p for p in (department, record.get("site")) if p) or "—"
        ),
        t(N_("Events of 規則7条: {grounds}")).format(grounds="、".join(grounds) or "—"),
        t(N_("My Number data: involved (番号法29条の4)")) if record.get("my_number") else None,
        t(N_("Handled as a contractor for: {controller}")).format(
            controller=record.get("controller_name")
        )
        if record.get("we_are_contractor")
        else None,
        record.get("description"),
    )
    count = record.get("subject_count")
    people = (
        _lines(
            t(N_("{count} people")).format(count=f"{count:,}"),
            t(N_("Certainty: {certainty}")).format(
                certainty=_label(conn, "COUNT_CERTAINTY", record.get("count_certainty"), language)
            ),
        )
        if count is not None
        else ""
    )
    cause = _lines(
        _label(conn, "INCIDENT_CAUSE", record.get("cause"), language), record.get("cause_detail")
    )
    notice = record.get("subject_notice")
    response = _lines(
        t(N_("Notice to individuals: {status}")).format(
            status=_label(conn, "INCIDENT_NOTICE", notice, language)
        )
        if notice != "undecided"
        else "",
        t(N_("Told on {date} ({method})")).format(
            date=_day(record.get("subject_notified_on"), language),
            method=record.get("subject_notice_method") or "—",
        )
        if notice == "done"
        else None,
        record.get("subject_notice_reason"),
    )
    announcement = record.get("announcement")
    published = _lines(
        t(N_("Announcement: {status}")).format(
            status=_label(conn, "INCIDENT_NOTICE", announcement, language)
        )
        if announcement != "undecided"
        else "",
        t(N_("Announced on {date}")).format(date=_day(record.get("announced_on"), language))
        if record.get("announced_on")
        else None,
        record.get("announcement_url"),
        record.get("announcement_reason"),
    )
    prevention = _lines(
        t(N_("Containment: {text}")).format(text=record["containment"])
        if record.get("containment")
        else None,
        record.get("recurrence_prevention"),
    )
    other = _lines(
        t(N_("High-grade encryption: applied"))
        if record.get("encrypted_high")
        else t(N_("High-grade encryption: not applied")),
        record.get("notes"),
    )
    texts = [
        overview,
        record.get("data_items") or "",
        people,
        cause,
        record.get("secondary_damage") or "",
        response,
        published,
        prevention,
        other,
    ]
    return [(text, bool(text.strip())) for text in texts]


def build_draft(
    conn: Connection,
    incident_id: int,
    kind: str = "prelim",
    *,
    today: date | None = None,
    language: str = "ja",
) -> PpcDraft:
    record = load_record(conn, INCIDENTS, incident_id)
    organisation = load_record(conn, ORGANISATION, 1)
    unknown = gettext_in(language, UNKNOWN)
    items = tuple(
        PpcItem(number, gettext_in(language, heading), text if known else unknown, known)
        for number, (heading, (text, known)) in enumerate(
            zip(ITEM_HEADINGS, _items(conn, record, language), strict=True), start=1
        )
    )
    calendar = load_calendar(conn)
    known_on = record["known_on"]
    days = record.get("final_report_days")
    final_rule = "R-LEAK-FINAL-60" if days == 60 else "R-LEAK-FINAL-30"
    reporter = _lines(
        organisation.get("name"),
        organisation.get("address"),
        gettext_in(language, N_("Representative: {name}")).format(
            name=organisation["representative"]
        )
        if organisation.get("representative")
        else None,
    )
    return PpcDraft(
        incident_id=incident_id,
        incident_no=record["incident_no"],
        kind=kind,
        kind_label=gettext_in(language, KINDS[kind]),
        destination=_label(
            conn, "PPC_REPORT_DESTINATION", organisation.get("ppc_report_destination"), language
        ),
        reporter=reporter,
        prepared_on=today or date.today(),
        known_on=known_on,
        prelim_due=compute(
            "R-LEAK-PRELIM", record.get("reportable_since") or known_on, calendar
        ).due_date,
        final_due=compute(final_rule, known_on, calendar).due_date,
        items=items,
        language=language,
    )


def draft_text(draft: PpcDraft) -> str:
    """The draft as plain text, one block per item, ready to paste into the PPC's form."""
    t = lambda message: gettext_in(draft.language, message)  # noqa: E731
    head = _lines(
        t(N_("Leak report to: {destination}")).format(destination=draft.destination),
        f"{draft.kind_label}　{draft.incident_no}",
        t(N_("Prepared on {date}")).format(date=_day(draft.prepared_on, draft.language)),
        t(N_("Known on {known}; preliminary report due {prelim}, final report due {final}")).format(
            known=_day(draft.known_on, draft.language),
            prelim=_day(draft.prelim_due, draft.language),
            final=_day(draft.final_due, draft.language),
        ),
        "",
        t(N_("Reporting business")),
        draft.reporter,
    )
    blocks = [head]
    for item in draft.items:
        blocks.append(f"【{item.number}】{item.heading}\n{item.text}")
    return "\n\n".join(blocks) + "\n"


def record_output(
    conn: Connection,
    draft: PpcDraft,
    how: str,
    file: Path | None = None,
    *,
    user: str | None = None,
) -> None:
    """Audit a draft leaving Mamori: ``how`` is pdf, clipboard or print."""
    with write_transaction(conn):
        audit.append(
            conn,
            "export",
            register=INCIDENTS.key,
            record_id=draft.incident_id,
            record_label=draft.incident_no,
            detail={
                "what": "ppc_report_draft",
                "kind": draft.kind,
                "format": how,
                "file": file.name if file else None,
                "unknown_items": draft.unknown_count,
            },
            user=user,
        )


PdfRenderer = Callable[[PpcDraft, Path], None]


def export_draft(
    conn: Connection,
    incident_id: int,
    kind: str,
    target: Path,
    renderer: PdfRenderer,
    *,
    today: date | None = None,
    user: str | None = None,
) -> PpcDraft:
    """Write the draft as a PDF with ``renderer`` and record the export in the audit trail."""
    ensure_writable(conn)
    draft = build_draft(conn, incident_id, kind, today=today)
    renderer(draft, target)
    record_output(conn, draft, "pdf", target, user=user)
    return draft
