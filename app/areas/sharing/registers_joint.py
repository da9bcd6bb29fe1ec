"""Joint use (共同利用, E08; 法27条5項3号・6項) and its change log.

An arrangement holds the five items that must be notified or published in advance: the statement
that data is used jointly (共同利用する旨), the items, the users' scope, the purposes and the
responsible party (name, address, representative). Its changes are a child register whose checks
enforce 法27条6項: a change of purpose or of the responsible party is published before it takes
effect (a late one is refused unless the reason is recorded, and then it is flagged); a change of
the responsible party's name, address or representative is published without delay (a reminder
until it is); the items and the scope cannot change without the people's consent.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from app.areas.sharing.registers_provision import AREA_SHARING
from app.areas.sharing.timing import (
    ADMIN_CHANGES,
    CONSENT_CHANGES,
    PRIOR_CHANGES,
    PROMPT_DAYS,
    joint_use_change_in_time,
    published_in_advance,
)
from app.dates import show_date
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind

G_PUBLISHED = N_("Published items")
G_RESPONSIBLE = N_("Responsible party")
G_PUBLICATION = N_("Publication")

FIVE_ITEMS = (
    "statement",
    "items",
    "users_scope",
    "purposes",
    "responsible_name",
    "responsible_address",
    "responsible_representative",
)
DEFAULT_STATEMENT = "当会は、以下のとおり個人データを共同利用します。"


def missing_published_items(values: Mapping[str, Any]) -> list[str]:
    return [key for key in FIVE_ITEMS if not values.get(key)]


def _joint_use_derive(values: Mapping[str, Any]) -> dict[str, Any]:
    published, start = values.get("published_on"), values.get("start_on")
    return {
        "items_complete": not missing_published_items(values),
        "published_in_advance": published_in_advance(published, start) if start else None,
    }


def _joint_use_checks(values: Mapping[str, Any]) -> dict[str, str]:
    published, start = values.get("published_on"), values.get("start_on")
    late = published and start and not published_in_advance(published, start)
    if late and not values.get("late_reason"):
        return {
            "published_on": _(
                "joint use must be notified or published before it starts (art. 27(5)(iii)); "
                "record why it was late to save it"
            )
        }
    return {}


def _change_derive(values: Mapping[str, Any]) -> dict[str, Any]:
    kind = values.get("change_type")
    published = values.get("published_on")
    late = published is not None and not joint_use_change_in_time(
        kind, published, values.get("effective_on"), changed=values.get("changed_on"),
        consent=True)  # fmt: skip
    return {
        "needs_prior_notice": kind in PRIOR_CHANGES,
        "needs_prompt_notice": kind in ADMIN_CHANGES,
        "late": late,
    }


def _change_checks(values: Mapping[str, Any]) -> dict[str, str]:
    kind = values.get("change_type")
    published, effective = values.get("published_on"), values.get("effective_on")
    if kind in PRIOR_CHANGES:
        if effective is None:
            return {"effective_on": _("give the date the change takes effect")}
        late = published is not None and not published_in_advance(published, effective)
        if late and not values.get("late_reason"):
            return {
                "published_on": _(
                    "a change of purpose or of the responsible party must be notified or "
                    "published before it takes effect (art. 27(6)): publish it by {day}, or "
                    "record why it was late to save it"
                ).format(day=show_date(effective - timedelta(days=1)))
            }
    if kind in ADMIN_CHANGES:
        changed = values.get("changed_on")
        if changed is None:
            return {"changed_on": _("give the date the name, address or representative changed")}
        late = published is not None and not joint_use_change_in_time(
            kind, published, effective, changed=changed)  # fmt: skip
        if late and not values.get("late_reason"):
            return {
                "published_on": _(
                    "a new name, address or representative is published without delay (art. "
                    "27(6)); Mamori takes that as within {days} days. Record why it was late to "
                    "save it"
                ).format(days=PROMPT_DAYS)
            }
    if kind in CONSENT_CHANGES and not values.get("consent_obtained"):
        return {
            "consent_obtained": _(
                "the items and the users' scope cannot be changed without the people's consent; "
                "start a new joint use instead, or record that consent was obtained"
            )
        }
    return {}


JOINT_USES = RegisterDef(
    key="joint_uses",
    table="joint_use",
    title=N_("Joint use"),
    item_title=N_("Joint-use arrangement"),
    area=AREA_SHARING,
    human_key="code",
    display="name",
    default_sort="code",
    derive=_joint_use_derive,
    checks=(_joint_use_checks,),
    icon="info",
    fields=(
        Field("code", N_("Code"), Kind.CODE, required=True, unique=True, max_length=20,
              list_column=True),
        Field("name", N_("Arrangement"), required=True, list_column=True, searchable=True,
              help=N_("The heading of the notice, e.g. コープきんき会員生協との個人データの共同利用について")),
        Field("statement", N_("Statement of joint use"), Kind.LONG_TEXT, default=DEFAULT_STATEMENT,
              group=G_PUBLISHED),
        Field("purposes", N_("Purposes of the joint use"), Kind.LONG_TEXT, required=True,
              searchable=True, help=N_("One purpose per line."), group=G_PUBLISHED),
        Field("items", N_("Data items used jointly"), Kind.LONG_TEXT, required=True,
              searchable=True, help=N_("One item per line."), group=G_PUBLISHED),
        Field("users_scope", N_("Users' scope"), Kind.LONG_TEXT, required=True, searchable=True,
              help=N_("Who uses the data jointly, named or described so people can tell."),
              group=G_PUBLISHED),
        Field("responsible_name", N_("Responsible party"), required=True, list_column=True,
              group=G_RESPONSIBLE),
        Field("responsible_address", N_("Address of the responsible party"), max_length=400,
              group=G_RESPONSIBLE),
        Field("responsible_representative", N_("Representative of the responsible party"),
              group=G_RESPONSIBLE),
        Field("publication_method", N_("Notified or published"), Kind.CHOICE,
              catalogue="NOTICE_METHOD", default="publish", group=G_PUBLICATION),
        Field("publication_url", N_("Where it is published"), Kind.URL, group=G_PUBLICATION),
        Field("published_on", N_("Published on"), Kind.DATE, list_column=True,
              group=G_PUBLICATION),
        Field("start_on", N_("Joint use starts on"), Kind.DATE, list_column=True,
              group=G_PUBLICATION),
        Field("late_reason", N_("Why it was published late"), max_length=400,
              group=G_PUBLICATION),
        Field("items_complete", N_("All five items filled in"), Kind.BOOL, computed=True,
              list_column=True, group=G_PUBLICATION),
        Field("published_in_advance", N_("Published in advance"), Kind.BOOL, computed=True,
              group=G_PUBLICATION),
        Field("assets", N_("Assets"), Kind.LINKS, link="assets"),
        Field("agreement", N_("Joint-use agreement"), max_length=400,
              help=N_("The agreement or memorandum between the users (共同利用契約・覚書).")),
        Field("partner_check_on", N_("Partners' safeguards checked on"), Kind.DATE),
        Field("ended_on", N_("Ended on"), Kind.DATE),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)  # fmt: skip

JOINT_USE_CHANGES = RegisterDef(
    key="joint_use_changes",
    table="joint_use_change",
    parent="joint_use",
    title=N_("Joint-use changes"),
    item_title=N_("Joint-use change"),
    area=AREA_SHARING,
    human_key="joint_use",
    display="change_type",
    default_sort="joint_use",
    derive=_change_derive,
    checks=(_change_checks,),
    fields=(
        Field("joint_use", N_("Joint use"), Kind.LINK, link="joint_uses", required=True,
              list_column=True),
        Field("change_type", N_("Change"), Kind.CHOICE, catalogue="JOINT_USE_CHANGE",
              required=True, list_column=True),
        Field("description", N_("What changes"), Kind.LONG_TEXT, required=True, searchable=True,
              help=N_("Before and after, as it will be published.")),
        Field("changed_on", N_("Changed on"), Kind.DATE, list_column=True,
              help=N_("For a new name, address or representative: the day it changed.")),
        Field("effective_on", N_("Takes effect on"), Kind.DATE, list_column=True),
        Field("published_on", N_("Notified or published on"), Kind.DATE, list_column=True),
        Field("consent_obtained", N_("People's consent obtained"), Kind.BOOL, default=False),
        Field("late_reason", N_("Why it was published late"), max_length=400),
        Field("needs_prior_notice", N_("To be published in advance"), Kind.BOOL, computed=True),
        Field("needs_prompt_notice", N_("To be published without delay"), Kind.BOOL,
              computed=True),
        Field("late", N_("Published late"), Kind.BOOL, computed=True, list_column=True),
    ),
)  # fmt: skip

JOINT_REGISTERS = (JOINT_USES, JOINT_USE_CHANGES)
