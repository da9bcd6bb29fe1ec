"""Management review (代表者による見直し / マネジメントレビュー, JIS Q 15001 A.3.7.3), E15.

At least once a year top management reviews the PMS from seven inputs (catalogue MR_INPUT). Each
input is a child row holding the figures Mamori gathered from the other areas when the review was
prepared (``app.areas.review.mr_inputs``) and the narrative the officer writes; the decisions and
the action items come out of it, the action items become tracked corrective actions, and top
management approves the record. The next annual review falls due a year later (rule C-MR).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.review.registers import AREA_REVIEW
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind


def _approval_pair(values: Mapping[str, Any]) -> dict[str, str]:
    by, on = values.get("approved_by"), values.get("approved_on")
    if by and not on:
        return {"approved_on": _("give the date of the approval")}
    if on and not by:
        return {"approved_by": _("name who approved the review")}
    held = values.get("held_on")
    if on and held and on < held:
        return {"approved_on": _("the approval cannot come before the review was held")}
    return {}


def _period_order(values: Mapping[str, Any]) -> dict[str, str]:
    start, end = values.get("period_start"), values.get("period_end")
    if start and end and end < start:
        return {"period_end": _("the period ends before it starts")}
    return {}


MANAGEMENT_REVIEWS = RegisterDef(
    key="management_reviews",
    table="management_review",
    title=N_("Management reviews"),
    item_title=N_("Management review"),
    area=AREA_REVIEW,
    human_key="title",
    display="title",
    default_sort="held_on",
    checks=(_approval_pair, _period_order),
    icon="report",
    fields=(
        Field(
            "title",
            N_("Title"),
            required=True,
            unique=True,
            list_column=True,
            searchable=True,
            help=N_("e.g. 2025年度 代表者による見直し"),
        ),
        Field("held_on", N_("Held on"), Kind.DATE, required=True, list_column=True),
        Field("period_start", N_("Period reviewed from"), Kind.DATE, list_column=True),
        Field("period_end", N_("Period reviewed to"), Kind.DATE, list_column=True),
        Field("chair", N_("Chaired by"), Kind.LINK, link="people", list_column=True),
        Field("attendees", N_("Attendees"), max_length=400),
        Field(
            "annual",
            N_("Annual review"),
            Kind.BOOL,
            default=True,
            help=N_("The yearly review the standard requires; the next one falls due a year on."),
        ),
        Field(
            "decisions",
            N_("Decisions on continual improvement"),
            Kind.LONG_TEXT,
            searchable=True,
            help=N_("One decision per line."),
        ),
        Field(
            "pms_changes",
            N_("Changes to the PMS (policy, resources, budget)"),
            Kind.LONG_TEXT,
            help=N_("One change per line."),
        ),
        Field("figures_on", N_("Figures gathered on"), Kind.DATE),
        Field("approved_by", N_("Approved by"), Kind.LINK, link="people", list_column=True),
        Field("approved_on", N_("Approved on"), Kind.DATE, list_column=True),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

REVIEW_INPUTS = RegisterDef(
    key="review_inputs",
    table="management_review_input",
    parent="review",
    title=N_("Review inputs"),
    item_title=N_("Review input"),
    area=AREA_REVIEW,
    human_key="review",
    display="input",
    default_sort="review",
    unique_together=(("review", "input"),),
    listed=False,
    icon="report",
    fields=(
        Field(
            "review",
            N_("Management review"),
            Kind.LINK,
            link="management_reviews",
            required=True,
            list_column=True,
            immutable=True,
        ),
        Field(
            "input",
            N_("Input"),
            Kind.CHOICE,
            catalogue="MR_INPUT",
            required=True,
            list_column=True,
        ),
        Field(
            "figures",
            N_("Figures from Mamori"),
            Kind.LONG_TEXT,
            computed=True,
            help=N_("Gathered from the other registers when the review was prepared."),
        ),
        Field("narrative", N_("Report and discussion"), Kind.LONG_TEXT, list_column=True),
    ),
)

REVIEW_ACTIONS = RegisterDef(
    key="review_actions",
    table="management_review_action",
    parent="review",
    title=N_("Review action items"),
    item_title=N_("Review action item"),
    area=AREA_REVIEW,
    human_key="review",
    display="title",
    default_sort="review",
    listed=False,
    icon="report",
    fields=(
        Field(
            "review",
            N_("Management review"),
            Kind.LINK,
            link="management_reviews",
            required=True,
            list_column=True,
            immutable=True,
        ),
        Field("title", N_("Action"), required=True, list_column=True, searchable=True),
        Field("owner", N_("Owner"), Kind.LINK, link="people", list_column=True),
        Field("due_on", N_("Due"), Kind.DATE, list_column=True),
        Field(
            "corrective_action",
            N_("Tracked as"),
            Kind.LINK,
            link="corrective_actions",
            list_column=True,
            help=N_("The corrective action that tracks the item until it is done and effective."),
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)
