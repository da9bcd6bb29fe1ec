"""Complaints and enquiries (苦情・相談, JIS A.3.6; 法40条) and the corrective action they raise.

A complaint records who raised it (kind of person; the name and contact are personal details the
retention purge erases), the topic of domain §3.15's COMPLAINT_TOPIC, the channel, how it was
handled and answered, when it was closed, whether it went outside the co-op (認定団体, PPC...), and
the corrective action it led to (a LINK to ``corrective_actions``; ``raise_action`` creates one).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.areas.requests.registers import AREA_REQUESTS, next_number
from app.i18n import N_, _
from app.registers.definition import RegisterDef, Retention
from app.registers.fields import Field, Kind
from app.registers.records import Changes, load_record, update_in_transaction
from app.storage.database import Connection, write_transaction

G_RAISED = N_("Raised")
G_HANDLING = N_("Handling")
G_FOLLOW_UP = N_("Escalation and follow-up")


def _derive(conn: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    received: date | None = values.get("received_on")
    derived: dict[str, Any] = {}
    if received is not None and not values.get("complaint_no"):
        derived["complaint_no"] = next_number(
            conn, "CMP", "complaint_case", "complaint_no", received.year
        )
    closed = values.get("closed_on")
    derived["days_to_close"] = (closed - received).days if closed and received else None
    return derived


def _checks(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    received = values.get("received_on")
    for key in ("answered_on", "closed_on", "escalated_on"):
        day = values.get(key)
        if day and received and day < received:
            errors[key] = _("this date cannot be before the complaint was received")
    if values.get("closed_on") and not values.get("handling"):
        errors["handling"] = _("say how it was handled before closing it")
    escalation = values.get("escalation")
    if escalation and escalation != "none" and not values.get("escalated_on"):
        errors["escalated_on"] = _("give the date it was taken outside the co-op")
    return errors


COMPLAINTS = RegisterDef(
    key="complaint_cases",  # "complaints" is the area sketch's (tests/app/test_new_area_sketch.py)
    table="complaint_case",
    title=N_("Complaints and enquiries"),
    item_title=N_("Complaint or enquiry"),
    area=AREA_REQUESTS,
    human_key="complaint_no",
    display="complaint_no",  # labels in the audit trail and links name no one
    default_sort="received_on",
    checks=(_checks,),
    conn_derive=_derive,
    indexes=(("received_on",), ("topic",)),
    icon="register",
    retention=Retention("closed_on", "complaint_retention_years", default_years=3),
    fields=(
        Field(
            "complaint_no",
            N_("Complaint number"),
            Kind.CODE,
            required=True,
            unique=True,
            max_length=30,
            list_column=True,
            searchable=True,
            help=N_("Left empty, the next number is given (CMP-2026-001)."),
            synonyms=("苦情番号", "受付番号", "管理番号", "番号"),
        ),
        Field(
            "received_on",
            N_("Received on"),
            Kind.DATE,
            required=True,
            list_column=True,
            group=G_RAISED,
        ),
        Field(
            "kind",
            N_("Complaint or enquiry"),
            Kind.CHOICE,
            catalogue="COMPLAINT_KIND",
            required=True,
            default="complaint",
            list_column=True,
            group=G_RAISED,
        ),
        Field(
            "topic",
            N_("Topic"),
            Kind.CHOICE,
            catalogue="COMPLAINT_TOPIC",
            required=True,
            list_column=True,
            group=G_RAISED,
            synonyms=("内容", "苦情の内容", "分類"),
        ),
        Field(
            "channel",
            N_("Channel"),
            Kind.CHOICE,
            catalogue="DSR_CHANNEL",
            group=G_RAISED,
        ),
        Field(
            "complainant_type",
            N_("Raised by"),
            Kind.CHOICE,
            catalogue="COMPLAINANT_TYPE",
            group=G_RAISED,
        ),
        Field("complainant_name", N_("Name"), searchable=True, personal=True, group=G_RAISED),
        Field(
            "complainant_contact",
            N_("Contact details"),
            max_length=300,
            personal=True,
            group=G_RAISED,
        ),
        Field(
            "description",
            N_("What was said"),
            Kind.LONG_TEXT,
            required=True,
            searchable=True,
            personal=True,
            group=G_RAISED,
            synonyms=("申出の内容", "苦情内容", "概要", "詳細"),
        ),
        Field(
            "department",
            N_("Department concerned"),
            Kind.LINK,
            link="departments",
            list_column=True,
            group=G_RAISED,
        ),
        Field("handled_by", N_("Handled by"), Kind.LINK, link="people", group=G_HANDLING),
        Field(
            "handling",
            N_("How it was handled"),
            Kind.LONG_TEXT,
            searchable=True,
            personal=True,
            group=G_HANDLING,
        ),
        Field("response", N_("Answer given"), Kind.LONG_TEXT, personal=True, group=G_HANDLING),
        Field("answered_on", N_("Answered on"), Kind.DATE, group=G_HANDLING),
        Field(
            "closed_on", N_("Complaint closed on"), Kind.DATE, list_column=True, group=G_HANDLING
        ),
        Field("days_to_close", N_("Days to close"), Kind.INTEGER, computed=True, group=G_HANDLING),
        Field(
            "escalation",
            N_("Taken outside the co-op"),
            Kind.CHOICE,
            catalogue="COMPLAINT_ESCALATION",
            group=G_FOLLOW_UP,
        ),
        Field("escalated_on", N_("Taken outside on"), Kind.DATE, group=G_FOLLOW_UP),
        Field(
            "related_request",
            N_("Related request"),
            Kind.LINK,
            link="data_requests",
            group=G_FOLLOW_UP,
        ),
        Field(
            "corrective_action",
            N_("Corrective action"),
            Kind.LINK,
            link="corrective_actions",
            list_column=True,
            group=G_FOLLOW_UP,
        ),
        Field(
            "purged_on",
            N_("Personal details erased on"),
            Kind.DATE,
            computed=True,
            group=G_FOLLOW_UP,
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT, personal=True),
    ),
)


def raise_action(
    conn: Connection,
    complaint_id: int,
    *,
    title: str | None = None,
    owner_id: int | None = None,
    due_on: date | str | None = None,
    user: str | None = None,
) -> Changes:
    """Raise a corrective action from a complaint and link it, in one transaction.

    The action's source label names the complaint by number only (no personal details travel).
    A complaint already linked to an action is refused.
    """
    from app.areas.assurance.actions import raise_corrective_action
    from app.errors import MamoriError

    with write_transaction(conn):
        complaint = load_record(conn, COMPLAINTS, complaint_id)
        if complaint.get("corrective_action"):
            raise MamoriError(_("This complaint is already linked to a corrective action."))
        from app.catalogues import choices

        topic = dict(choices(conn, "COMPLAINT_TOPIC", include_inactive=True)).get(
            complaint["topic"], complaint["topic"]
        )
        action_id = raise_corrective_action(
            conn,
            source="complaint",
            source_label=_("Complaint {number}").format(number=complaint["complaint_no"]),
            title=title or _("Prevent recurrence: {topic}").format(topic=topic),
            owner_id=owner_id,
            due_on=due_on,
            department_id=complaint.get("department"),
            user=user,
        )
        update_in_transaction(
            conn, COMPLAINTS, complaint_id, {"corrective_action": action_id}, user=user
        )
    return Changes(frozenset({COMPLAINTS.key, "corrective_actions", "deadlines"}), complaint_id)
