"""The incident's child registers: each reportability assessment (history) and each report sent.

An assessment is made only by the wizard (``assessment.record_assessment``) and never deleted: it
keeps the answers, the conclusion and the officer's reasoning of that day. A report sent records
its kind (速報 / 確報 / 追完), recipient and date; its due date and on-time status are computed from
the incident by the deadline engine (``derive.report_derived``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.incidents.derive import report_derived
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind

AREA_INCIDENTS = N_("Incidents")


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
    listed=False,  # shown in its incident's form
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
