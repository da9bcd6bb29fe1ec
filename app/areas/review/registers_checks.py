"""Operation checks (運用の確認, JIS Q 15001 A.3.7.1): each department checks itself every period.

A check belongs to one department and one period; its checklist rows are a child register, one
row per item of the OPCHECK_ITEM catalogue (the item set is the officer's data). A "no" answer
becomes a corrective action in one step (``app.areas.review.opchecks``). The next check of a
department falls due a quarter after the last (rule C-OPCHECK).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.review.registers import AREA_REVIEW
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind


def _period_order(values: Mapping[str, Any]) -> dict[str, str]:
    start, end = values.get("period_start"), values.get("period_end")
    if start and end and end < start:
        return {"period_end": _("the period ends before it starts")}
    return {}


def _answered_needs_date(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("status") in ("returned", "confirmed") and not values.get("checked_on"):
        return {"checked_on": _("give the date the department carried out the check")}
    return {}


OPERATION_CHECKS = RegisterDef(
    key="operation_checks",
    table="operation_check",
    title=N_("Operation checks"),
    item_title=N_("Operation check"),
    area=AREA_REVIEW,
    human_key="department",
    display="department",
    default_sort="period_end",
    unique_together=(("department", "period_start"),),
    checks=(_period_order, _answered_needs_date),
    indexes=(("period_end",),),
    icon="verify",
    fields=(
        Field(
            "department",
            N_("Department"),
            Kind.LINK,
            link="departments",
            required=True,
            list_column=True,
            synonyms=("部署", "部門", "所属"),
        ),
        Field(
            "period_start",
            N_("Period from"),
            Kind.DATE,
            required=True,
            list_column=True,
            synonyms=("対象期間（開始）", "期間開始"),
        ),
        Field(
            "period_end",
            N_("Period to"),
            Kind.DATE,
            required=True,
            list_column=True,
            synonyms=("対象期間（終了）", "期間終了"),
        ),
        Field(
            "status",
            N_("Status"),
            Kind.CHOICE,
            catalogue="OPCHECK_STATUS",
            required=True,
            default="planned",
            list_column=True,
        ),
        Field(
            "checker",
            N_("Answered by (manager)"),
            Kind.LINK,
            link="people",
            help=N_("The department's manager, who answers the checklist."),
        ),
        Field(
            "checked_on",
            N_("Checked on"),
            Kind.DATE,
            list_column=True,
            synonyms=("実施日", "点検日", "確認日"),
        ),
        Field("sent_on", N_("Checklist sent on"), Kind.DATE),
        Field("returned_on", N_("Returned on"), Kind.DATE),
        Field("confirmed_by", N_("Confirmed by (officer)"), Kind.LINK, link="people"),
        Field(
            "reported_on",
            N_("Reported to top management on"),
            Kind.DATE,
            help=N_("JIS A.3.7.1: the results are reported to top management."),
        ),
        Field("summary", N_("Summary"), Kind.LONG_TEXT, searchable=True),
    ),
)

OPERATION_CHECK_ITEMS = RegisterDef(
    key="operation_check_items",
    table="operation_check_item",
    parent="check",
    title=N_("Check answers"),
    item_title=N_("Check answer"),
    area=AREA_REVIEW,
    human_key="check",
    display="item",
    default_sort="check",
    unique_together=(("check", "item"),),
    icon="verify",
    fields=(
        Field(
            "check",
            N_("Operation check"),
            Kind.LINK,
            link="operation_checks",
            required=True,
            list_column=True,
            immutable=True,
        ),
        Field(
            "item",
            N_("Check item"),
            Kind.CHOICE,
            catalogue="OPCHECK_ITEM",
            required=True,
            list_column=True,
            synonyms=("点検項目", "確認項目", "項目"),
        ),
        Field(
            "answer",
            N_("Answer"),
            Kind.CHOICE,
            catalogue="OPCHECK_ANSWER",
            list_column=True,
            synonyms=("回答", "結果", "点検結果", "評価"),
        ),
        Field(
            "note",
            N_("Situation and evidence"),
            Kind.LONG_TEXT,
            list_column=True,
            synonyms=("状況", "備考", "コメント", "根拠"),
        ),
        Field(
            "corrective_action",
            N_("Corrective action"),
            Kind.LINK,
            link="corrective_actions",
            list_column=True,
            help=N_('Raised from a "no" answer with one click (Raise corrective actions).'),
        ),
    ),
)
