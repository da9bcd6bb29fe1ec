"""Incidents (domain E16): the incident register, its reportability assessments and reports sent.

One incident record holds the facts; what follows from them (规則7条 reportability, the 30/60-day
profile, the status, the days between any department knowing and the officer knowing, the dates
reports were sent) is derived on every save (``derive.py``), so a deadline can never disagree with
the record. Each run of the reportability wizard is kept as an assessment (history); each report
sent to the PPC or the Pマーク review body is a report record with its due date and on-time status.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.incidents.derive import incident_derived, report_derived
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind

AREA_INCIDENTS = N_("Incidents")

G_WHAT = N_("What happened")
G_WHEN = N_("When it became known")
G_DATA = N_("Data and people affected")
G_REPORT = N_("Reportability (規則7条)")
G_CONTRACT = N_("Outsourcing")
G_RESPONSE = N_("Response")
G_NOTICE = N_("Notice to individuals and announcement")
G_REPORTS = N_("Reports")

PERSONAL_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "incidents": (
        "description",
        "reported_by",
        "cause_detail",
        "data_items",
        "containment",
        "secondary_damage",
        "subject_notice_reason",
        "announcement_reason",
        "recurrence_prevention",
        "notes",
    ),
    "incident_assessments": ("reason", "notes"),
    "incident_reports": ("notes",),
}
"""Free-text fields that may name or describe people: what the retention purge erases."""


def _dates_in_order(values: Mapping[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    occurred, known = values.get("occurred_on"), values.get("known_on")
    officer, closed = values.get("officer_known_on"), values.get("closed_on")
    if occurred and known and known < occurred:
        problems["known_on"] = _("The day it became known cannot be before the day it occurred")
    if known and officer and officer < known:
        problems["officer_known_on"] = _(
            "The privacy officer cannot have known before any department knew"
        )
    if known and closed and closed < known:
        problems["closed_on"] = _("The incident cannot be closed before it became known")
    return problems


def _notice_details(values: Mapping[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    for status, day, reason in (
        ("subject_notice", "subject_notified_on", "subject_notice_reason"),
        ("announcement", "announced_on", "announcement_reason"),
    ):
        chosen = values.get(status)
        if chosen == "done" and not values.get(day):
            problems[day] = _("give the day it was done")
        if chosen in ("not_needed", "alternative") and not (values.get(reason) or "").strip():
            problems[reason] = _("say why")
    if values.get("we_are_contractor") and not (values.get("controller_name") or "").strip():
        problems["controller_name"] = _("name the controller (委託元) to be told")
    return problems


def _flag(key: str, label: str, group: str, help: str = "", **extra: Any) -> Field:
    return Field(key, label, Kind.BOOL, default=False, group=group, help=help, **extra)


INCIDENTS = RegisterDef(
    key="incidents",
    table="incident",
    title=N_("Incidents"),
    item_title=N_("Incident"),
    area=AREA_INCIDENTS,
    human_key="incident_no",
    display="title",
    default_sort="known_on",
    icon="incident",
    checks=(_dates_in_order, _notice_details),
    conn_derive=incident_derived,
    indexes=(("known_on",), ("incident_type",)),
    fields=(
        Field(
            "incident_no",
            N_("Incident no."),
            Kind.CODE,
            required=True,
            unique=True,
            max_length=30,
            list_column=True,
            help=N_("Left empty, the next number of the year is given (e.g. INC-2026-007)."),
            synonyms=("事故番号", "管理番号", "番号"),
            group=G_WHAT,
        ),
        Field(
            "title",
            N_("Title"),
            required=True,
            list_column=True,
            searchable=True,
            help=N_("A short name without personal names, e.g. 注文書の誤配（北センター）."),
            synonyms=("件名", "事案名", "概要"),
            group=G_WHAT,
        ),
        _flag(
            "near_miss",
            N_("Near miss (ヒヤリハット)"),
            G_WHAT,
            N_("Caught before any personal data left the co-op's control."),
            list_column=True,
        ),
        Field(
            "incident_type",
            N_("Type"),
            Kind.CHOICE,
            catalogue="INCIDENT_TYPE",
            required=True,
            list_column=True,
            synonyms=("事故の種類", "種類", "種別"),
            group=G_WHAT,
        ),
        Field(
            "event",
            N_("What happened to the data"),
            Kind.CHOICE,
            catalogue="BREACH_EVENT",
            default="leak",
            group=G_WHAT,
        ),
        Field(
            "description",
            N_("What happened"),
            Kind.LONG_TEXT,
            searchable=True,
            synonyms=("内容", "事故の内容", "経緯"),
            group=G_WHAT,
        ),
        Field("department", N_("Department"), Kind.LINK, link="departments", group=G_WHAT),
        Field(
            "site",
            N_("Site"),
            list_column=True,
            searchable=True,
            help=N_("Centre, shop or place, e.g. 北配送センター."),
            synonyms=("事業所", "発生場所", "場所"),
            group=G_WHAT,
        ),
        Field("asset", N_("Asset register entry"), Kind.LINK, link="assets", group=G_WHAT),
        Field(
            "cause",
            N_("Cause"),
            Kind.CHOICE,
            catalogue="INCIDENT_CAUSE",
            list_column=True,
            synonyms=("原因",),
            group=G_WHAT,
        ),
        Field("cause_detail", N_("Cause in detail"), Kind.LONG_TEXT, group=G_WHAT),
        Field("occurred_on", N_("Occurred on"), Kind.DATE, group=G_WHEN, synonyms=("発生日",)),
        Field(
            "known_on",
            N_("Known by any department on"),
            Kind.DATE,
            required=True,
            list_column=True,
            help=N_(
                "The day any department of the co-op knew. The PPC's 30/60 days count from here."
            ),
            synonyms=("発覚日", "覚知日", "認知日"),
            group=G_WHEN,
        ),
        Field(
            "officer_known_on",
            N_("Known by the privacy officer on"),
            Kind.DATE,
            group=G_WHEN,
        ),
        Field(
            "officer_lag_days",
            N_("Days until the officer knew"),
            Kind.INTEGER,
            computed=True,
            help=N_("Computed: the days between any department knowing and the officer knowing."),
            group=G_WHEN,
        ),
        Field("reported_by", N_("Found or reported by"), group=G_WHEN),
        Field("data_items", N_("Data items"), Kind.LONG_TEXT, group=G_DATA),
        Field(
            "subject_count",
            N_("Number of people"),
            Kind.INTEGER,
            minimum=0,
            list_column=True,
            synonyms=("人数", "本人の数", "件数"),
            group=G_DATA,
        ),
        Field(
            "count_certainty",
            N_("Certainty of the number"),
            Kind.CHOICE,
            catalogue="COUNT_CERTAINTY",
            default="confirmed",
            group=G_DATA,
        ),
        _flag("sensitive", N_("Special-care data (要配慮) involved"), G_DATA),
        _flag(
            "financial_risk",
            N_("Possible financial damage"),
            G_DATA,
            N_("e.g. card numbers, or IDs and passwords that allow payments."),
        ),
        _flag(
            "wrongful_purpose",
            N_("Possible wrongful purpose"),
            G_DATA,
            N_("An attack, theft or insider wrongdoing, incl. data being acquired (web skimming)."),
        ),
        _flag("encrypted_high", N_("Protected by high-grade encryption"), G_DATA),
        _flag("my_number", N_("My Number data (特定個人情報) involved"), G_DATA),
        _flag(
            "mynum_public",
            N_("My Number data possibly viewable by many"),
            G_DATA,
            N_("電磁的方法により不特定多数の者に閲覧されるおそれ."),
        ),
        _flag("reportable", N_("Reportable to the PPC"), G_REPORT, computed=True, list_column=True),
        _flag("mynum_reportable", N_("Reportable under 番号法"), G_REPORT, computed=True),
        _flag(
            "ppc_report_due",
            N_("The co-op reports to the PPC"),
            G_REPORT,
            N_("Computed: reportable, and not exempt as a contractor that told its controller."),
            computed=True,
        ),
        _flag("mynum_report_due", N_("番号法 report only"), G_REPORT, computed=True),
        Field(
            "report_grounds",
            N_("Grounds (規則7条)"),
            computed=True,
            max_length=20,
            help=N_("Computed: the numbers of 規則7条 that apply, e.g. 2, 3."),
            group=G_REPORT,
        ),
        Field(
            "final_report_days",
            N_("Days for the final report"),
            Kind.INTEGER,
            computed=True,
            help=N_("Computed: 30, or 60 when a wrongful purpose is possible."),
            group=G_REPORT,
        ),
        _flag("final_30", N_("30-day final report applies"), G_REPORT, computed=True),
        _flag("final_60", N_("60-day final report applies"), G_REPORT, computed=True),
        Field(
            "assessment_state",
            N_("Reportability assessment"),
            Kind.CHOICE,
            catalogue="ASSESSMENT_STATE",
            computed=True,
            default="none",
            list_column=True,
            group=G_REPORT,
        ),
        _flag(
            "we_are_contractor",
            N_("The co-op handles this data as a contractor"),
            G_CONTRACT,
            N_("Then the controller (委託元) must be told promptly (規則9条)."),
        ),
        Field("controller_name", N_("Controller (委託元)"), group=G_CONTRACT),
        Field("controller_notified_on", N_("Controller told on"), Kind.DATE, group=G_CONTRACT),
        _flag("controller_notice_due", N_("Controller notice due"), G_CONTRACT, computed=True),
        Field("containment", N_("Containment"), Kind.LONG_TEXT, group=G_RESPONSE),
        Field("contained_on", N_("Contained on"), Kind.DATE, group=G_RESPONSE),
        Field("secondary_damage", N_("Secondary damage"), Kind.LONG_TEXT, group=G_RESPONSE),
        Field(
            "recurrence_prevention",
            N_("Recurrence prevention"),
            Kind.LONG_TEXT,
            group=G_RESPONSE,
        ),
        Field(
            "subject_notice",
            N_("Notice to individuals"),
            Kind.CHOICE,
            catalogue="INCIDENT_NOTICE",
            default="undecided",
            group=G_NOTICE,
        ),
        Field("subject_notified_on", N_("Individuals told on"), Kind.DATE, group=G_NOTICE),
        Field(
            "subject_notice_method",
            N_("How they were told"),
            help=N_("e.g. 郵送, 電話, 訪問, メール."),
            group=G_NOTICE,
        ),
        Field(
            "subject_notice_reason",
            N_("Why no notice, or which alternative"),
            max_length=400,
            group=G_NOTICE,
        ),
        _flag("subject_notice_due", N_("Notice to individuals due"), G_NOTICE, computed=True),
        Field(
            "subject_notice_settled_on",
            N_("Notice settled on"),
            Kind.DATE,
            computed=True,
            group=G_NOTICE,
        ),
        Field(
            "announcement",
            N_("Public announcement"),
            Kind.CHOICE,
            catalogue="INCIDENT_NOTICE",
            default="undecided",
            group=G_NOTICE,
        ),
        Field("announced_on", N_("Announced on"), Kind.DATE, group=G_NOTICE),
        Field(
            "announcement_url", N_("Announcement (URL)"), Kind.URL, max_length=500, group=G_NOTICE
        ),
        Field(
            "announcement_reason",
            N_("Why no announcement"),
            max_length=400,
            group=G_NOTICE,
        ),
        Field(
            "prelim_reported_on",
            N_("Preliminary report sent on"),
            Kind.DATE,
            computed=True,
            help=N_("Computed from the reports recorded below (a final report counts as both)."),
            group=G_REPORTS,
        ),
        Field(
            "final_reported_on",
            N_("Final report sent on"),
            Kind.DATE,
            computed=True,
            list_column=True,
            group=G_REPORTS,
        ),
        _flag("pmark_report_due", N_("Pマーク report due"), G_REPORTS, computed=True),
        Field(
            "pmark_reported_on",
            N_("Pマーク report sent on"),
            Kind.DATE,
            computed=True,
            group=G_REPORTS,
        ),
        Field(
            "status",
            N_("Status"),
            Kind.CHOICE,
            catalogue="INCIDENT_STATUS",
            computed=True,
            default="open",
            list_column=True,
            group=G_REPORTS,
        ),
        Field("closed_on", N_("Closed on"), Kind.DATE, group=G_REPORTS),
        Field("notes", N_("Notes"), Kind.LONG_TEXT, group=G_REPORTS),
    ),
)


INCIDENT_ASSESSMENTS = RegisterDef(
    key="incident_assessments",
    table="incident_assessment",
    parent="incident",
    title=N_("Reportability assessments"),
    item_title=N_("Reportability assessment"),
    area=AREA_INCIDENTS,
    human_key="incident",
    display="assessed_on",
    default_sort="assessed_on",
    creatable=False,  # made by the wizard only: each one is history
    deletable=False,
    icon="incident",
    fields=(
        Field(
            "incident",
            N_("Incident"),
            Kind.LINK,
            link="incidents",
            required=True,
            immutable=True,
            list_column=True,
        ),
        Field(
            "assessed_on",
            N_("Assessed on"),
            Kind.DATE,
            required=True,
            immutable=True,
            list_column=True,
        ),
        Field(
            "subject_count", N_("Number of people"), Kind.INTEGER, immutable=True, list_column=True
        ),
        Field("sensitive", N_("Special-care data"), Kind.BOOL, default=False, immutable=True),
        Field("financial_risk", N_("Financial damage"), Kind.BOOL, default=False, immutable=True),
        Field("wrongful_purpose", N_("Wrongful purpose"), Kind.BOOL, default=False, immutable=True),
        Field(
            "encrypted_high", N_("High-grade encryption"), Kind.BOOL, default=False, immutable=True
        ),
        Field("my_number", N_("My Number data"), Kind.BOOL, default=False, immutable=True),
        Field(
            "mynum_public",
            N_("Viewable by many (My Number)"),
            Kind.BOOL,
            default=False,
            immutable=True,
        ),
        Field("near_miss", N_("Near miss"), Kind.BOOL, default=False, immutable=True),
        Field(
            "reportable",
            N_("Reportable to the PPC"),
            Kind.BOOL,
            default=False,
            immutable=True,
            list_column=True,
        ),
        Field(
            "mynum_reportable",
            N_("Reportable under 番号法"),
            Kind.BOOL,
            default=False,
            immutable=True,
        ),
        Field("grounds", N_("Grounds (規則7条)"), immutable=True, max_length=20, list_column=True),
        Field("conclusion", N_("Conclusion"), immutable=True, max_length=1000, list_column=True),
        Field(
            "reason",
            N_("Officer's reasoning"),
            Kind.LONG_TEXT,
            help=N_("Why each answer was given: what was checked, who confirmed it."),
        ),
        Field("trigger", N_("Why assessed"), max_length=300, immutable=True),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)


def _pending_only_on_final(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("pending_items") and values.get("kind") != "final":
        return {"pending_items": _("only a final report is supplemented")}
    return {}


INCIDENT_REPORTS = RegisterDef(
    key="incident_reports",
    table="incident_report",
    parent="incident",
    title=N_("Reports sent"),
    item_title=N_("Report sent"),
    area=AREA_INCIDENTS,
    human_key="incident",
    display="kind",
    default_sort="reported_on",
    conn_derive=report_derived,
    checks=(_pending_only_on_final,),
    icon="incident",
    fields=(
        Field(
            "incident",
            N_("Incident"),
            Kind.LINK,
            link="incidents",
            required=True,
            immutable=True,
            list_column=True,
        ),
        Field(
            "kind",
            N_("Kind of report"),
            Kind.CHOICE,
            catalogue="REPORT_KIND",
            required=True,
            list_column=True,
        ),
        Field(
            "recipient",
            N_("Sent to"),
            Kind.CHOICE,
            catalogue="REPORT_RECIPIENT",
            required=True,
            default="ppc",
            list_column=True,
        ),
        Field("reported_on", N_("Sent on"), Kind.DATE, required=True, list_column=True),
        Field("receipt_no", N_("Receipt no."), Kind.CODE, max_length=40),
        Field(
            "due_on",
            N_("Due on"),
            Kind.DATE,
            computed=True,
            list_column=True,
            help=N_("Computed by the deadline engine from the day any department knew."),
        ),
        Field("on_time", N_("On time"), Kind.BOOL, computed=True, list_column=True),
        Field(
            "pending_items",
            N_("Some items still unknown"),
            Kind.BOOL,
            default=False,
            help=N_("A final report with items still unknown must be supplemented (追完)."),
        ),
        Field("supplemented_on", N_("Supplemented on"), Kind.DATE, computed=True),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

INCIDENT_REGISTERS = (INCIDENTS, INCIDENT_ASSESSMENTS, INCIDENT_REPORTS)
