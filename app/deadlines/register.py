"""The ``deadlines`` register (domain E20): one record per dated duty of a subject record.

Records are made and recomputed by ``app.deadlines.store`` when their subject changes; the officer
edits only the status (done, or waived with a reason) and the notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind

AREA_DEADLINES = N_("Deadlines")


def _status_details(values: Mapping[str, Any]) -> dict[str, str]:
    status = values.get("status")
    if status == "waived" and not (values.get("waive_reason") or "").strip():
        return {"waive_reason": _("say why the deadline no longer applies")}
    if status == "done" and values.get("done_at") is None:
        return {"done_at": _("give the day the duty was met")}
    if status == "open" and values.get("done_at") is not None:
        return {"done_at": _("an open deadline has no completion date")}
    return {}


DEADLINES = RegisterDef(
    key="deadlines",
    table="deadline",
    title=N_("Deadlines"),
    item_title=N_("Deadline"),
    area=AREA_DEADLINES,
    human_key="rule",
    display="subject_label",
    default_sort="due_date",
    checks=(_status_details,),
    creatable=False,
    deletable=False,
    # Every save of a subject looks up its deadlines by subject and rule: without this index each
    # lookup scans the table, and importing thousands of records slows quadratically.
    indexes=(("subject_register", "subject_id", "rule"),),
    icon="calendar",
    fields=(
        Field(
            "rule",
            N_("Rule"),
            Kind.CODE,
            required=True,
            list_column=True,
            immutable=True,
            max_length=40,
        ),
        Field(
            "duty",
            N_("Duty"),
            list_column=True,
            searchable=True,
            computed=True,
            max_length=200,
            help=N_("The rule's name, in Japanese as the rules data gives it."),
        ),
        Field(
            "subject_register",
            N_("Subject register"),
            Kind.CHOICE,
            catalogue="DEADLINE_SUBJECT",
            required=True,
            immutable=True,
        ),
        Field("subject_id", N_("Subject record"), Kind.INTEGER, required=True, immutable=True),
        Field(
            "subject_label",
            N_("Subject"),
            list_column=True,
            searchable=True,
            computed=True,
            max_length=300,
        ),
        Field("trigger_date", N_("Trigger date"), Kind.DATE, computed=True),
        Field(
            "calendar_date",
            N_("Calendar date"),
            Kind.DATE,
            list_column=True,
            computed=True,
            help=N_("The rule's offset from the trigger date, before any rolling."),
        ),
        Field(
            "due_date",
            N_("Due date"),
            Kind.DATE,
            list_column=True,
            computed=True,
            help=N_("Moved past 土日・祝日 and 12/29–1/3 when the rule says so."),
        ),
        Field("warn_from", N_("Shown from"), Kind.DATE, computed=True),
        Field(
            "status",
            N_("Status"),
            Kind.CHOICE,
            catalogue="DEADLINE_STATUS",
            required=True,
            default="open",
            list_column=True,
        ),
        Field("done_at", N_("Done on"), Kind.DATE, list_column=True),
        Field("waive_reason", N_("Reason waived"), max_length=400),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

DEADLINE_REGISTERS = (DEADLINES,)
