"""Training (E13): the annual plan, sessions, attendance, and pledges (誓約書).

JIS Q 15001 A.3.4.5 asks for training of every worker at least once a year, new hires before they
handle personal data, with the topics a–d in the annual course; the policies promise it to
temporary staff too. Coverage is computed from these records by ``app.areas.training.coverage``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind

AREA_TRAINING = N_("Training")


def _pass_mark_needs_test(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("pass_mark") is not None and not values.get("has_test"):
        return {"pass_mark": _("a pass mark needs a comprehension test")}
    return {}


def _score_needs_attendance(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("score") is not None and values.get("status") not in ("attended", "makeup"):
        return {"score": _("a score is recorded only for someone who attended")}
    return {}


TRAINING_PROGRAMMES = RegisterDef(
    key="training_programmes",
    table="training_programme",
    title=N_("Training plan"),
    item_title=N_("Training programme"),
    area=AREA_TRAINING,
    human_key="title",
    display="title",
    default_sort="fiscal_year",
    unique_together=(("fiscal_year", "title"),),
    icon="training",
    fields=(
        Field(
            "fiscal_year",
            N_("Fiscal year"),
            Kind.INTEGER,
            required=True,
            minimum=2000,
            maximum=2100,
            list_column=True,
            synonyms=("年度", "実施年度", "FY"),
        ),
        Field(
            "title",
            N_("Programme"),
            required=True,
            list_column=True,
            searchable=True,
            synonyms=(
                "研修名",
                "教育名",
                "講座名",
                "コース名",
                "研修",
                "科目",
                "Course",
                "Training",
            ),
        ),
        Field(
            "training_type",
            N_("Training type"),
            Kind.CHOICE,
            catalogue="TRAINING_TYPE",
            required=True,
            list_column=True,
        ),
        Field(
            "audience",
            N_("Audience (employment types)"),
            Kind.MULTI_CHOICE,
            catalogue="EMPLOYMENT_TYPE",
            list_column=True,
            help=N_("Leave empty when every member of staff must attend."),
        ),
        Field(
            "planned_month",
            N_("Planned month"),
            Kind.INTEGER,
            minimum=1,
            maximum=12,
            list_column=True,
        ),
        Field("required", N_("Required"), Kind.BOOL, default=True, list_column=True),
        Field(
            "jis_topics",
            N_("JIS topics covered"),
            Kind.MULTI_CHOICE,
            catalogue="JIS_TRAINING_TOPIC",
            help=N_("The annual course for all staff must cover a) to d)."),
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

TRAINING_SESSIONS = RegisterDef(
    key="training_sessions",
    table="training_session",
    title=N_("Training sessions"),
    item_title=N_("Training session"),
    area=AREA_TRAINING,
    human_key="title",
    display="title",
    default_sort="held_on",
    unique_together=(("programme", "held_on", "title"),),
    checks=(_pass_mark_needs_test,),
    icon="training",
    indexes=(("programme", "held_on"),),
    fields=(
        Field(
            "title",
            N_("Session"),
            required=True,
            list_column=True,
            searchable=True,
            help=N_("e.g. 2026年度 年次教育 港北配送センター"),
        ),
        Field(
            "programme",
            N_("Programme"),
            Kind.LINK,
            link="training_programmes",
            required=True,
            list_column=True,
        ),
        Field(
            "held_on",
            N_("Date"),
            Kind.DATE,
            required=True,
            list_column=True,
            synonyms=("受講日", "実施日", "研修日", "開催日", "受講年月日", "Date attended"),
        ),
        Field(
            "format",
            N_("Format"),
            Kind.CHOICE,
            catalogue="TRAINING_FORMAT",
            list_column=True,
            synonyms=("形式", "実施形式", "受講形式"),
        ),
        Field("instructor", N_("Instructor"), list_column=True, searchable=True),
        Field("material_version", N_("Material version"), max_length=60),
        Field("duration_min", N_("Duration (minutes)"), Kind.INTEGER, minimum=1, maximum=1440),
        Field("has_test", N_("Comprehension test"), Kind.BOOL, default=True),
        Field(
            "pass_mark",
            N_("Pass mark (%)"),
            Kind.INTEGER,
            minimum=0,
            maximum=100,
            default=80,
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

ATTENDANCE = RegisterDef(
    key="training_attendance",
    table="training_attendance",
    title=N_("Attendance"),
    item_title=N_("Attendance record"),
    area=AREA_TRAINING,
    human_key="person",
    display="person",
    default_sort="session",
    unique_together=(("session", "person"),),
    checks=(_score_needs_attendance,),
    icon="training",
    fields=(
        Field(
            "session",
            N_("Session"),
            Kind.LINK,
            link="training_sessions",
            required=True,
            list_column=True,
            immutable=True,
        ),
        Field(
            "person",
            N_("Person"),
            Kind.LINK,
            link="people",
            required=True,
            list_column=True,
            immutable=True,
        ),
        Field(
            "status",
            N_("Status"),
            Kind.CHOICE,
            catalogue="ATTENDANCE_STATUS",
            required=True,
            default="attended",
            list_column=True,
            synonyms=("受講状況", "出欠", "受講区分", "状況", "Attendance"),
        ),
        Field(
            "score",
            N_("Score"),
            Kind.INTEGER,
            minimum=0,
            maximum=100,
            list_column=True,
            synonyms=("点数", "得点", "テスト点数", "理解度テスト", "正答率", "Test score"),
        ),
        Field(
            "passed",
            N_("Passed"),
            Kind.BOOL,
            list_column=True,
            synonyms=("合否", "合格", "判定", "Pass"),
        ),
        Field("retake_needed", N_("Retake needed"), Kind.BOOL, default=False, list_column=True),
        Field(
            "makeup_session",
            N_("Make-up session"),
            Kind.LINK,
            link="training_sessions",
        ),
        Field(
            "acknowledged",
            N_("Signed / acknowledged"),
            Kind.BOOL,
            default=False,
            synonyms=("署名", "確認", "受講確認", "確認印"),
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT, synonyms=("備考", "コメント", "Remarks")),
    ),
)

PLEDGES = RegisterDef(
    key="pledges",
    table="pledge",
    title=N_("Pledges"),
    item_title=N_("Pledge"),
    area=AREA_TRAINING,
    human_key="person",
    display="person",
    default_sort="signed_on",
    unique_together=(("person", "pledge_type", "signed_on"),),
    icon="pledge",
    indexes=(("person", "pledge_type"),),
    fields=(
        Field(
            "person",
            N_("Person"),
            Kind.LINK,
            link="people",
            required=True,
            list_column=True,
        ),
        Field(
            "pledge_type",
            N_("Pledge type"),
            Kind.CHOICE,
            catalogue="PLEDGE_TYPE",
            required=True,
            default="hire",
            list_column=True,
        ),
        Field("signed_on", N_("Signed on"), Kind.DATE, required=True, list_column=True),
        Field("version", N_("Form version"), max_length=60, list_column=True),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

TRAINING_REGISTERS = (TRAINING_PROGRAMMES, TRAINING_SESSIONS, ATTENDANCE, PLEDGES)
