"""The corrective-action register (是正処置, JIS Q 15001 A.3.8) and what its records derive.

An action comes from any source of the CA_SOURCE catalogue (an audit finding, an operation check,
an incident, a complaint, the management review, an external review...). Its loop: root cause →
correction → action → completion → effectiveness check (scheduled by rule C-CA-EFFECT from the
completion date) → closed, or, when the check finds it not effective, a new action that names this
one as its ``previous`` (``app.areas.assurance.loop``). The effectiveness fields are written only
by that use case, so a form cannot close the loop without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.deadlines.engine import compute
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.storage.database import Connection

AREA_ASSURANCE = N_("Audits and corrective actions")
EFFECT_RULE = "C-CA-EFFECT"  # completion + 3 months (resources/deadlines/rules.json)
ACTION_RULE = "C-CA-ACTION"  # raised + 90 days unless the action has its own due date

GROUP_SOURCE = N_("Raised from")
GROUP_ACTION = N_("Cause and action")
GROUP_EFFECT = N_("Effectiveness check")


def next_code(conn: Connection, prefix: str, table: str, year: int) -> str:
    """The next free code of the form PREFIX-YEAR-NNN (CA-2026-001)."""
    stem = f"{prefix}-{year}-"
    rows = conn.execute(f"SELECT code FROM {table} WHERE code LIKE ?", (stem + "%",)).fetchall()
    numbers = [int(code[len(stem) :]) for (code,) in rows if code[len(stem) :].isdigit()]
    return f"{stem}{max(numbers, default=0) + 1:03d}"


def status_of(values: Mapping[str, Any], reopens: bool) -> str:
    if values.get("effectiveness") is not None:
        return "redone" if reopens else "closed"
    if values.get("completed_on") is not None:
        return "awaiting_check"
    return "open"


def _reopens(conn: Connection, code: str | None) -> bool:
    from app.catalogues import item_extra

    return bool(code) and bool(item_extra(conn, "EFFECTIVENESS", code or "").get("reopens"))


def _derive(conn: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    derived: dict[str, Any] = {}
    raised = values.get("raised_on") or date.today()
    derived["raised_on"] = raised
    if not values.get("code"):
        derived["code"] = next_code(conn, "CA", "corrective_action", raised.year)
    completed = values.get("completed_on")
    if completed is None:
        derived["effectiveness_due"] = None
    elif values.get("effectiveness_due") is None:
        derived["effectiveness_due"] = compute(EFFECT_RULE, completed).due_date
    reopens = _reopens(conn, values.get("effectiveness"))
    derived["status"] = status_of(values, reopens)
    checked = values.get("effectiveness_checked_on")
    derived["closed_on"] = checked if values.get("effectiveness") and not reopens else None
    return derived


def _dates_in_order(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    raised, completed = values.get("raised_on"), values.get("completed_on")
    if raised and completed and completed < raised:
        errors["completed_on"] = _("the action cannot be completed before it was raised")
    checked = values.get("effectiveness_checked_on")
    if checked and completed and checked < completed:
        errors["effectiveness_checked_on"] = _(
            "effectiveness is checked after the action was completed"
        )
    if completed and not (values.get("action") or values.get("correction")):
        errors["action"] = _("say what was done before marking the action completed")
    if values.get("effectiveness") and not completed:
        errors["completed_on"] = _("an action whose effectiveness was checked stays completed")
    return errors


CORRECTIVE_ACTIONS = RegisterDef(
    key="corrective_actions",
    table="corrective_action",
    title=N_("Corrective actions"),
    item_title=N_("Corrective action"),
    area=AREA_ASSURANCE,
    human_key="code",
    display="title",
    default_sort="raised_on",
    checks=(_dates_in_order,),
    conn_derive=_derive,
    indexes=(("status",), ("source",), ("raised_on",)),
    icon="register",
    fields=(
        Field(
            "code",
            N_("Action number"),
            Kind.CODE,
            required=True,
            unique=True,
            max_length=30,
            list_column=True,
            searchable=True,
            help=N_("Left empty, the next number is given (CA-2026-001)."),
        ),
        Field("title", N_("Action title"), required=True, list_column=True, searchable=True),
        Field(
            "source",
            N_("Raised from"),
            Kind.CHOICE,
            catalogue="CA_SOURCE",
            required=True,
            list_column=True,
            group=GROUP_SOURCE,
        ),
        Field(
            "source_label",
            N_("Source record"),
            max_length=200,
            list_column=True,
            searchable=True,
            group=GROUP_SOURCE,
            help=N_("Which audit, incident, complaint... e.g. 内部監査 A-2026-01 指摘2"),
        ),
        Field("raised_on", N_("Raised on"), Kind.DATE, required=True, group=GROUP_SOURCE),
        Field(
            "department",
            N_("Department"),
            Kind.LINK,
            link="departments",
            list_column=True,
            group=GROUP_SOURCE,
        ),
        Field(
            "previous",
            N_("Redoes action"),
            Kind.LINK,
            link="corrective_actions",
            computed=True,
            group=GROUP_SOURCE,
            help=N_("Set when an earlier action was found not effective."),
        ),
        Field("root_cause", N_("Root cause"), Kind.LONG_TEXT, searchable=True, group=GROUP_ACTION),
        Field(
            "correction",
            N_("Correction (immediate fix)"),
            Kind.LONG_TEXT,
            group=GROUP_ACTION,
        ),
        Field(
            "action", N_("Corrective action"), Kind.LONG_TEXT, searchable=True, group=GROUP_ACTION
        ),
        Field("owner", N_("Owner"), Kind.LINK, link="people", list_column=True, group=GROUP_ACTION),
        Field("due_on", N_("Due"), Kind.DATE, list_column=True, group=GROUP_ACTION),
        Field("completed_on", N_("Completed on"), Kind.DATE, list_column=True, group=GROUP_ACTION),
        Field(
            "effectiveness_due",
            N_("Effectiveness check due"),
            Kind.DATE,
            list_column=True,
            group=GROUP_EFFECT,
            help=N_("Set from the completion date (three months later); you may change it."),
        ),
        Field(
            "effectiveness",
            N_("Effectiveness"),
            Kind.CHOICE,
            catalogue="EFFECTIVENESS",
            computed=True,
            group=GROUP_EFFECT,
        ),
        Field(
            "effectiveness_checked_on",
            N_("Effectiveness checked on"),
            Kind.DATE,
            computed=True,
            group=GROUP_EFFECT,
        ),
        Field(
            "checked_by",
            N_("Checked by"),
            Kind.LINK,
            link="people",
            computed=True,
            group=GROUP_EFFECT,
        ),
        Field(
            "effectiveness_note",
            N_("Effectiveness finding"),
            Kind.LONG_TEXT,
            computed=True,
            group=GROUP_EFFECT,
        ),
        Field(
            "status",
            N_("Status"),
            Kind.CHOICE,
            catalogue="CA_STATUS",
            computed=True,
            list_column=True,
        ),
        Field("closed_on", N_("Closed on"), Kind.DATE, computed=True, group=GROUP_EFFECT),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)
