"""Data-subject requests (開示等の請求, E17; 法32–39条) and the log of their answer clock.

A request records who asked (the person or an agent, with the identity and agency checks: method,
date, who checked), what was asked (every type of domain §3.15, including the disclosure of
third-party provision records), the fee, the decision with its ground and the reasons told, and the
answer. Its due date is the organisation's SLA from the day it reached us, moved by the clock log
(extensions and suspensions, ``app.areas.requests.sla``); the litigation-bar date (法39条) is shown
beside it. Personal details and free text are marked ``personal``: the retention purge erases them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.areas.requests.sla import DEFAULT_SLA_DAYS, SUSPENSION, ClockEvent, request_clock
from app.i18n import N_, _
from app.registers.definition import RegisterDef, Retention
from app.registers.fields import Field, Kind
from app.storage.database import Connection

AREA_REQUESTS = N_("Requests and complaints")
G_REQUEST = N_("Request")
G_REQUESTER = N_("Requester")
G_CHECKS = N_("Identity and agency checks")
G_DECISION = N_("Decision and answer")
G_CLOCK = N_("Answer clock")
ANSWER_RULE = "R-DSR"
REFUSAL_RULE = "R-DSR-REFUSAL"
REFUSALS = ("partial", "refused", "not_exist")


def next_number(conn: Connection, prefix: str, table: str, column: str, year: int) -> str:
    """The next free number of the form PREFIX-YEAR-NNN (DSR-2026-001)."""
    stem = f"{prefix}-{year}-"
    rows = conn.execute(f"SELECT {column} FROM {table} WHERE {column} LIKE ?", (stem + "%",))
    numbers = [int(code[len(stem) :]) for (code,) in rows if code[len(stem) :].isdigit()]
    return f"{stem}{max(numbers, default=0) + 1:03d}"


def organisation_setting(conn: Connection, column: str, default: int) -> int:
    row = conn.execute(f"SELECT {column} FROM organisation ORDER BY id LIMIT 1").fetchone()
    return int(row[0]) if row and row[0] else default


def clock_events(conn: Connection, request_id: int | None) -> list[ClockEvent]:
    if request_id is None:
        return []
    rows = conn.execute(
        "SELECT kind, start_on, end_on, days FROM data_request_clock WHERE request_id = ? "
        "ORDER BY start_on, id",
        (request_id,),
    )
    return [
        ClockEvent(
            kind,
            date.fromisoformat(start),
            date.fromisoformat(end) if end else None,
            int(days or 0),
        )
        for kind, start, end, days in rows
    ]


def _derive(conn: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    from app.catalogues import item_extra

    received: date | None = values.get("received_on")
    derived: dict[str, Any] = {}
    if received is None:
        return derived
    if not values.get("request_no"):
        derived["request_no"] = next_number(
            conn, "DSR", "data_request", "request_no", received.year
        )
    # The SLA in force when the request arrived stays with it (a later change of the setting
    # does not move the due date of requests already received).
    sla_days = values.get("sla_days") or organisation_setting(
        conn, "default_dsr_sla_days", DEFAULT_SLA_DAYS
    )
    events = clock_events(conn, values.get("id"))
    responded = values.get("responded_on")
    refusal = values.get("decision") in REFUSALS
    kind = values.get("request_type")
    clock = request_clock(
        received,
        sla_days,
        events,
        responded=responded,
        refused=(responded or values.get("decided_on")) if refusal else None,
        litigation=bool(kind) and bool(item_extra(conn, "DSR_TYPE", kind).get("litigation_bar")),
    )
    withdrawn = values.get("decision") == "withdrawn"
    if responded is not None:
        status = "withdrawn" if withdrawn else "answered"
    elif withdrawn:
        status = "withdrawn"
    else:
        status = "suspended" if clock.stopped_since else "open"
    derived.update(
        sla_days=sla_days,
        sla_due=clock.due,
        litigation_bar_on=clock.litigation_bar,
        suit_possible_from=clock.suit_possible_from,
        extension_days=clock.extension_days or None,
        suspended_days=clock.suspended_days or None,
        clock_from=clock.restarted_on or received,
        clock_running=status in ("open", "answered"),
        days_taken=clock.days_taken,
        within_sla=clock.within_sla,
        status=status,
        closed_on=responded or (values.get("decided_on") if withdrawn else None),
        refusal_notice=refusal,
    )
    return derived


def _checks(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    received = values.get("received_on")
    for key in ("id_checked_on", "agency_checked_on", "decided_on", "responded_on"):
        day = values.get(key)
        if day and received and day < received:
            errors[key] = _("this date cannot be before the request was received")
    if values.get("id_checked_on") and not values.get("id_method"):
        errors["id_method"] = _("say how the identity was checked")
    if values.get("agency_checked_on") and not values.get("agent_proof"):
        errors["agent_proof"] = _("say which document proved the agency")
    if values.get("decision") in REFUSALS:
        if not values.get("refusal_ground"):
            errors["refusal_ground"] = _("name the ground of a refusal or partial answer")
        if not values.get("reasons_told"):
            errors["reasons_told"] = _("write the reasons told to the requester (法36条)")
    if values.get("responded_on") and not values.get("decision"):
        errors["decision"] = _("record the decision before the answer")
    decided, responded = values.get("decided_on"), values.get("responded_on")
    if decided and responded and responded < decided:
        errors["responded_on"] = _("the answer cannot precede the decision")
    return errors


def _conn_checks(conn: Connection, values: Mapping[str, Any]) -> dict[str, str]:
    from app.catalogues import item_extra

    errors: dict[str, str] = {}
    kind = values.get("request_type")
    if values.get("fee_yen") and kind and not item_extra(conn, "DSR_TYPE", kind).get("fee"):
        errors["fee_yen"] = _(
            "a fee may be charged only for a notice of purposes or a disclosure (法38条)"
        )
    requester = values.get("requester_type")
    agent = bool(requester) and item_extra(conn, "REQUESTER_TYPE", requester).get("agent")
    if agent and not values.get("agent_name"):
        errors["agent_name"] = _("name the agent who made the request")
    return errors


DATA_REQUESTS = RegisterDef(
    key="data_requests",
    table="data_request",
    title=N_("Data-subject requests"),
    item_title=N_("Data-subject request"),
    area=AREA_REQUESTS,
    human_key="request_no",
    display="request_no",  # labels in the audit trail and links name no one
    default_sort="received_on",
    checks=(_checks,),
    conn_checks=(_conn_checks,),
    conn_derive=_derive,
    indexes=(("received_on",), ("request_type",), ("status",)),
    icon="register",
    retention=Retention("closed_on", "request_retention_years", default_years=3),
    fields=(
        Field(
            "request_no",
            N_("Request number"),
            Kind.CODE,
            required=True,
            unique=True,
            max_length=30,
            list_column=True,
            searchable=True,
            help=N_("Left empty, the next number is given (DSR-2026-001)."),
            synonyms=("請求番号", "受付番号", "管理番号", "番号"),
        ),
        Field(
            "received_on",
            N_("Received on"),
            Kind.DATE,
            required=True,
            list_column=True,
            group=G_REQUEST,
            help=N_("The day the request reached the co-op (到達日)."),
            synonyms=("受付日", "到達日", "受付年月日"),
        ),
        Field(
            "request_type",
            N_("Request type"),
            Kind.CHOICE,
            catalogue="DSR_TYPE",
            required=True,
            list_column=True,
            group=G_REQUEST,
            synonyms=("請求の種類", "種類", "請求種別"),
        ),
        Field(
            "channel",
            N_("Channel"),
            Kind.CHOICE,
            catalogue="DSR_CHANNEL",
            group=G_REQUEST,
        ),
        Field(
            "request_detail",
            N_("What was asked"),
            Kind.LONG_TEXT,
            searchable=True,
            personal=True,
            group=G_REQUEST,
        ),
        Field("target_data", N_("Data concerned"), Kind.LONG_TEXT, personal=True, group=G_REQUEST),
        Field("assets", N_("Registers concerned"), Kind.LINKS, link="assets", group=G_REQUEST),
        Field(
            "requested_method",
            N_("Method asked for"),
            Kind.CHOICE,
            catalogue="DISCLOSURE_METHOD",
            group=G_REQUEST,
        ),
        Field(
            "requester_type",
            N_("Requester"),
            Kind.CHOICE,
            catalogue="REQUESTER_TYPE",
            required=True,
            default="self",
            group=G_REQUESTER,
        ),
        Field(
            "requester_name",
            N_("Data subject's name"),
            required=True,
            searchable=True,
            personal=True,
            group=G_REQUESTER,
            synonyms=("氏名", "本人氏名", "請求者氏名", "本人の氏名"),
        ),
        Field(
            "member_no",
            N_("Member number"),
            Kind.CODE,
            max_length=40,
            searchable=True,
            personal=True,
            group=G_REQUESTER,
        ),
        Field(
            "requester_contact",
            N_("Contact details"),
            max_length=300,
            personal=True,
            group=G_REQUESTER,
        ),
        Field("agent_name", N_("Agent's name"), searchable=True, personal=True, group=G_REQUESTER),
        Field(
            "id_method",
            N_("Identity checked by"),
            Kind.CHOICE,
            catalogue="ID_VERIFICATION",
            group=G_CHECKS,
        ),
        Field("id_checked_on", N_("Identity checked on"), Kind.DATE, group=G_CHECKS),
        Field(
            "id_checked_by",
            N_("Identity checked by (person)"),
            Kind.LINK,
            link="people",
            group=G_CHECKS,
        ),
        Field(
            "agent_proof",
            N_("Proof of agency"),
            Kind.CHOICE,
            catalogue="AGENT_PROOF",
            group=G_CHECKS,
        ),
        Field("agency_checked_on", N_("Agency checked on"), Kind.DATE, group=G_CHECKS),
        Field(
            "agency_checked_by", N_("Agency checked by"), Kind.LINK, link="people", group=G_CHECKS
        ),
        Field("fee_yen", N_("Fee (yen)"), Kind.INTEGER, minimum=0, maximum=100_000, group=G_CHECKS),
        Field("fee_received_on", N_("Fee received on"), Kind.DATE, group=G_CHECKS),
        Field(
            "handled_by",
            N_("Handled by"),
            Kind.LINK,
            link="people",
            group=G_DECISION,
        ),
        Field(
            "decision",
            N_("Decision"),
            Kind.CHOICE,
            catalogue="DSR_DECISION",
            list_column=True,
            group=G_DECISION,
            synonyms=("決定", "対応結果", "決定内容"),
        ),
        Field("decided_on", N_("Decided on"), Kind.DATE, group=G_DECISION),
        Field(
            "refusal_ground",
            N_("Ground for refusal"),
            Kind.CHOICE,
            catalogue="NONDISCLOSURE_GROUND",
            group=G_DECISION,
        ),
        Field(
            "reasons_told",
            N_("Reasons told to the requester"),
            Kind.LONG_TEXT,
            personal=True,
            group=G_DECISION,
        ),
        Field(
            "responded_on",
            N_("Answered on"),
            Kind.DATE,
            list_column=True,
            group=G_DECISION,
            synonyms=("回答日", "回答年月日"),
        ),
        Field(
            "response_method",
            N_("Answered by"),
            Kind.CHOICE,
            catalogue="DISCLOSURE_METHOD",
            group=G_DECISION,
        ),
        Field(
            "provision_records",
            N_("Provision records disclosed"),
            Kind.LINKS,
            link="provision_records",
            group=G_DECISION,
            help=N_("For a disclosure of provision records: the records found for the person."),
        ),
        Field(
            "sla_days",
            N_("Days to answer"),
            Kind.INTEGER,
            minimum=1,
            maximum=90,
            group=G_CLOCK,
            help=N_("From the organisation settings when the request arrives."),
        ),
        Field(
            "sla_due", N_("Answer due"), Kind.DATE, computed=True, list_column=True, group=G_CLOCK
        ),
        Field(
            "litigation_bar_on",
            N_("Two weeks pass (法39条)"),
            Kind.DATE,
            computed=True,
            list_column=True,
            group=G_CLOCK,
            help=N_(
                "The last day of the two weeks from arrival; empty when the request type "
                "carries no such bar."
            ),
        ),
        Field(
            "suit_possible_from",
            N_("Court action possible from"),
            Kind.DATE,
            computed=True,
            group=G_CLOCK,
            help=N_("The day after the two weeks, or the day of a refusal (法39条1項但書)."),
        ),
        Field(
            "extension_days", N_("Days of extension"), Kind.INTEGER, computed=True, group=G_CLOCK
        ),
        Field(
            "suspended_days",
            N_("Days the clock stopped"),
            Kind.INTEGER,
            computed=True,
            group=G_CLOCK,
        ),
        Field("clock_from", N_("Clock running since"), Kind.DATE, computed=True, group=G_CLOCK),
        Field("clock_running", N_("Clock running"), Kind.BOOL, computed=True, group=G_CLOCK),
        Field("days_taken", N_("Days taken"), Kind.INTEGER, computed=True, group=G_CLOCK),
        Field("within_sla", N_("Answered in time"), Kind.BOOL, computed=True, group=G_CLOCK),
        Field(
            "refusal_notice", N_("Reasons must be told"), Kind.BOOL, computed=True, group=G_CLOCK
        ),
        Field(
            "status",
            N_("Status"),
            Kind.CHOICE,
            catalogue="DSR_STATUS",
            computed=True,
            list_column=True,
            group=G_CLOCK,
        ),
        Field("closed_on", N_("Closed or answered on"), Kind.DATE, computed=True, group=G_CLOCK),
        Field(
            "purged_on", N_("Personal details erased on"), Kind.DATE, computed=True, group=G_CLOCK
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT, personal=True),
    ),
)


def _clock_checks(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    kind = values.get("kind")
    if kind == "extension" and not values.get("days"):
        errors["days"] = _("say how many days the answer is extended")
    if kind == SUSPENSION and values.get("days"):
        errors["days"] = _("a suspension counts its days from its dates; leave the days empty")
    if kind != SUSPENSION and values.get("end_on"):
        errors["end_on"] = _("only a suspension has an end date")
    start, end = values.get("start_on"), values.get("end_on")
    if start and end and end < start:
        errors["end_on"] = _("a suspension cannot end before it began")
    return errors


def _clock_conn_checks(conn: Connection, values: Mapping[str, Any]) -> dict[str, str]:
    row = conn.execute(
        "SELECT received_on, responded_on FROM data_request WHERE id = ?", (values.get("request"),)
    ).fetchone()
    start = values.get("start_on")
    if row is None or start is None:
        return {}
    if start < date.fromisoformat(row[0]):
        return {"start_on": _("this date cannot be before the request was received")}
    if row[1] and start > date.fromisoformat(row[1]):
        return {"start_on": _("the request was already answered on that day")}
    return {}


REQUEST_CLOCK = RegisterDef(
    key="data_request_clock",
    table="data_request_clock",
    title=N_("Extensions and suspensions"),
    item_title=N_("Extension or suspension"),
    area=AREA_REQUESTS,
    human_key="request",
    display="kind",
    default_sort="start_on",
    parent="request",
    listed=False,
    checks=(_clock_checks,),
    conn_checks=(_clock_conn_checks,),
    fields=(
        Field("request", N_("Request"), Kind.LINK, link="data_requests", required=True),
        Field(
            "kind",
            N_("Kind"),
            Kind.CHOICE,
            catalogue="DSR_CLOCK_EVENT",
            required=True,
            list_column=True,
        ),
        Field(
            "start_on",
            N_("Extended or stopped on"),
            Kind.DATE,
            required=True,
            list_column=True,
            help=N_("Extension: the day it was decided. Suspension: the day the clock stopped."),
        ),
        Field(
            "end_on",
            N_("Stopped until"),
            Kind.DATE,
            list_column=True,
            help=N_(
                "Suspension: its last day, the day the documents arrived (not counted); the clock "
                "runs again the next day."
            ),
        ),
        Field("days", N_("Days added"), Kind.INTEGER, minimum=1, maximum=90, list_column=True),
        Field(
            "reason",
            N_("Reason"),
            Kind.CHOICE,
            catalogue="DSR_CLOCK_REASON",
            required=True,
            list_column=True,
        ),
        Field("reason_note", N_("Reason in detail"), Kind.LONG_TEXT, personal=True),
        Field("told_on", N_("Requester told on"), Kind.DATE, list_column=True),
        Field("recorded_by", N_("Recorded by"), Kind.LINK, link="people"),
    ),
)
