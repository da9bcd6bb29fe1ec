"""Audit plans, audits with their checklist and findings, and the department history the
independence check reads (E14; JIS Q 15001 A.3.7.2). Corrective actions are in ``corrective``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from app.areas.assurance.corrective import AREA_ASSURANCE, CORRECTIVE_ACTIONS, next_code
from app.areas.assurance.independence import audit_days, independence_check
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.storage.database import Connection

GROUP_SCOPE = N_("Scope and team")
GROUP_DATES = N_("Dates and report")


def _ordered(first: str, second: str, message: str):
    def check(values: Mapping[str, Any]) -> dict[str, str]:
        if values.get(first) and values.get(second) and values[second] < values[first]:
            return {second: _(message)}
        return {}

    return check


AUDIT_PLANS = RegisterDef(
    key="audit_plans",
    table="audit_plan",
    title=N_("Audit plans"),
    item_title=N_("Audit plan"),
    area=AREA_ASSURANCE,
    human_key="fiscal_year",
    display="title",
    default_sort="fiscal_year",
    fields=(
        Field(
            "fiscal_year",
            N_("Fiscal year"),
            Kind.INTEGER,
            required=True,
            unique=True,
            minimum=2000,
            maximum=2100,
            list_column=True,
        ),
        Field("title", N_("Plan"), required=True, list_column=True, searchable=True),
        Field("audit_officer", N_("Audit officer"), Kind.LINK, link="people", list_column=True),
        Field(
            "departments",
            N_("Departments to audit"),
            Kind.LINKS,
            link="departments",
            help=N_("Every department is to be audited at least once in the fiscal year."),
        ),
        Field("criteria", N_("Audit criteria"), Kind.LONG_TEXT),
        Field("checklist_version", N_("Checklist version"), max_length=60),
        Field("approved_by", N_("Approved by"), Kind.LINK, link="people", list_column=True),
        Field("approved_on", N_("Approved on"), Kind.DATE, list_column=True),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)


def _audit_derive(conn: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    """The next audit number (of the plan's fiscal year), and the plan's criteria when the audit
    states none."""
    plan = None
    if values.get("plan") is not None:
        plan = conn.execute(
            "SELECT fiscal_year, criteria FROM audit_plan WHERE id = ?", (values["plan"],)
        ).fetchone()
    derived: dict[str, Any] = {}
    if not values.get("criteria") and plan is not None and plan[1]:
        derived["criteria"] = plan[1]
    if not values.get("code"):
        year = plan[0] if plan is not None else audit_days(values)[0].year
        derived["code"] = next_code(conn, "A", "audit", year)
    return derived


AUDITS = RegisterDef(
    key="audits",
    table="audit",
    title=N_("Audits"),
    item_title=N_("Audit"),
    area=AREA_ASSURANCE,
    human_key="code",
    display="title",
    default_sort="started_on",
    checks=(
        _ordered("started_on", "ended_on", N_("the audit cannot end before it starts")),
        _ordered("ended_on", "reported_to_top_on", N_("report to top management after the audit")),
    ),
    conn_checks=(independence_check,),
    conn_derive=_audit_derive,
    indexes=(("audit_type", "started_on"),),
    fields=(
        Field(
            "code",
            N_("Audit number"),
            Kind.CODE,
            required=True,
            unique=True,
            max_length=30,
            list_column=True,
            searchable=True,
            help=N_("Left empty, the next number is given (A-2026-001)."),
        ),
        Field("title", N_("Audit"), required=True, list_column=True, searchable=True),
        Field(
            "audit_type",
            N_("Audit type"),
            Kind.CHOICE,
            catalogue="AUDIT_TYPE",
            required=True,
            default="conformity",
            list_column=True,
        ),
        Field("plan", N_("Audit plan"), Kind.LINK, link="audit_plans"),
        Field(
            "departments",
            N_("Audited departments"),
            Kind.LINKS,
            link="departments",
            group=GROUP_SCOPE,
            help=N_("Department codes separated by commas, e.g. D01, D02."),
        ),
        Field(
            "lead_auditor",
            N_("Lead auditor"),
            Kind.LINK,
            link="people",
            list_column=True,
            group=GROUP_SCOPE,
        ),
        Field(
            "auditors",
            N_("Auditors"),
            Kind.LINKS,
            link="people",
            group=GROUP_SCOPE,
            help=N_("An auditor may not audit a department they belong to on the audit dates."),
        ),
        Field(
            "external_body",
            N_("External reviewer"),
            group=GROUP_SCOPE,
            help=N_("For an external review: the review body (e.g. the PrivacyMark body)."),
        ),
        Field("criteria", N_("Audit criteria"), Kind.LONG_TEXT, group=GROUP_SCOPE),
        Field("planned_on", N_("Planned for"), Kind.DATE, group=GROUP_DATES),
        Field("started_on", N_("Started on"), Kind.DATE, list_column=True, group=GROUP_DATES),
        Field("ended_on", N_("Ended on"), Kind.DATE, list_column=True, group=GROUP_DATES),
        Field("report_on", N_("Report dated"), Kind.DATE, group=GROUP_DATES),
        Field("report", N_("Report summary"), Kind.LONG_TEXT, searchable=True, group=GROUP_DATES),
        Field(
            "conclusion",
            N_("Conclusion"),
            Kind.CHOICE,
            catalogue="AUDIT_CONCLUSION",
            list_column=True,
            group=GROUP_DATES,
        ),
        Field(
            "reported_to_top_on",
            N_("Reported to top management on"),
            Kind.DATE,
            list_column=True,
            group=GROUP_DATES,
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

AUDIT_QUESTIONS = RegisterDef(
    key="audit_questions",
    table="audit_question",
    title=N_("Own audit questions"),
    item_title=N_("Audit question"),
    area=AREA_ASSURANCE,
    human_key="code",
    display="question",
    default_sort="code",
    fields=(
        Field(
            "code",
            N_("Code"),
            Kind.CODE,
            required=True,
            unique=True,
            max_length=20,
            list_column=True,
        ),
        Field("question", N_("Question"), required=True, list_column=True, searchable=True),
        Field("clause_ref", N_("Clause"), max_length=60, list_column=True),
        Field("active", N_("In use"), Kind.BOOL, default=True, list_column=True),
    ),
)

AUDIT_CHECKLIST = RegisterDef(
    key="audit_checklist",
    table="audit_checklist_item",
    parent="audit",
    title=N_("Audit checklist"),
    item_title=N_("Checklist item"),
    area=AREA_ASSURANCE,
    human_key="audit",
    display="question",
    default_sort="audit",
    unique_together=(("audit", "seq"),),
    fields=(
        Field(
            "audit",
            N_("Audit"),
            Kind.LINK,
            link="audits",
            required=True,
            immutable=True,
            list_column=True,
        ),
        Field("seq", N_("No."), Kind.INTEGER, required=True, minimum=1, list_column=True),
        Field("control", N_("Control"), Kind.LINK, link="controls"),
        Field("question", N_("Question"), required=True, list_column=True, max_length=400),
        Field("clause_ref", N_("Clause"), max_length=60, list_column=True),
        Field(
            "result",
            N_("Result"),
            Kind.CHOICE,
            catalogue="AUDIT_RESULT",
            list_column=True,
        ),
        Field("evidence", N_("Evidence note"), max_length=400, list_column=True),
    ),
)


def _finding_derive(conn: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    from app.catalogues import item_extra

    derived: dict[str, Any] = {}
    found = values.get("found_on")
    if found is None and values.get("audit") is not None:
        row = conn.execute(
            "SELECT coalesce(ended_on, started_on, planned_on) FROM audit WHERE id = ?",
            (values["audit"],),
        ).fetchone()
        if row and row[0]:
            found = date.fromisoformat(row[0])
            derived["found_on"] = found
    if values.get("owner") is None and values.get("department") is not None:
        manager = conn.execute(
            "SELECT manager_id FROM department WHERE id = ?", (values["department"],)
        ).fetchone()
        if manager and manager[0] is not None:
            derived["owner"] = manager[0]  # the department's manager answers for the correction
    if not values.get("code"):
        year = found.year if found else date.today().year
        derived["code"] = next_code(conn, "F", "finding", year)
    days = item_extra(conn, "FINDING_SEVERITY", values.get("severity") or "").get("due_days")
    derived["due_on"] = found + timedelta(days=int(days)) if found and days is not None else None
    return derived


FINDINGS = RegisterDef(
    key="findings",
    table="finding",
    parent="audit",
    title=N_("Findings"),
    item_title=N_("Finding"),
    area=AREA_ASSURANCE,
    human_key="code",
    display="description",
    default_sort="found_on",
    conn_derive=_finding_derive,
    indexes=(("severity", "found_on"),),
    fields=(
        Field(
            "code",
            N_("Finding number"),
            Kind.CODE,
            required=True,
            unique=True,
            max_length=30,
            list_column=True,
            help=N_("Left empty, the next number is given (F-2026-001)."),
        ),
        Field("audit", N_("Audit"), Kind.LINK, link="audits", required=True, list_column=True),
        Field(
            "checklist_item",
            N_("Checklist item"),
            Kind.LINK,
            link="audit_checklist",
            help=N_("The checklist item the finding comes from, if any."),
        ),
        Field(
            "severity",
            N_("Severity"),
            Kind.CHOICE,
            catalogue="FINDING_SEVERITY",
            required=True,
            list_column=True,
        ),
        Field("department", N_("Department"), Kind.LINK, link="departments", list_column=True),
        Field("clause_ref", N_("Clause"), max_length=60, list_column=True),
        Field(
            "description",
            N_("Finding"),
            Kind.LONG_TEXT,
            required=True,
            list_column=True,
            searchable=True,
        ),
        Field("evidence", N_("Evidence"), Kind.LONG_TEXT, searchable=True),
        Field("found_on", N_("Found on"), Kind.DATE, list_column=True),
        Field(
            "owner",
            N_("Owner"),
            Kind.LINK,
            link="people",
            list_column=True,
            help=N_("Left empty, the department's manager."),
        ),
        Field(
            "due_on",
            N_("Due"),
            Kind.DATE,
            computed=True,
            list_column=True,
            help=N_("From the severity: major 30 days, minor 90 days after it was found."),
        ),
        Field(
            "corrective_action",
            N_("Corrective action"),
            Kind.LINK,
            link=CORRECTIVE_ACTIONS.key,
            list_column=True,
        ),
    ),
)

DEPARTMENT_ASSIGNMENTS = RegisterDef(
    key="department_assignments",
    table="department_assignment",
    title=N_("Department history"),
    item_title=N_("Department assignment"),
    area=AREA_ASSURANCE,
    human_key="person",
    display="department",
    default_sort="person",
    checks=(_ordered("start_on", "end_on", N_("the last day cannot come before the first")),),
    fields=(
        Field("person", N_("Person"), Kind.LINK, link="people", required=True, list_column=True),
        Field(
            "department",
            N_("Department"),
            Kind.LINK,
            link="departments",
            required=True,
            list_column=True,
        ),
        Field("start_on", N_("From"), Kind.DATE, list_column=True),
        Field(
            "end_on",
            N_("Last day"),
            Kind.DATE,
            list_column=True,
            help=N_("Empty while the person is still in the department."),
        ),
        Field(
            "concurrent",
            N_("Concurrent post"),
            Kind.BOOL,
            default=False,
            list_column=True,
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

ASSURANCE_REGISTERS = (
    AUDIT_PLANS,
    AUDITS,
    AUDIT_CHECKLIST,
    FINDINGS,
    CORRECTIVE_ACTIONS,
    AUDIT_QUESTIONS,
    DEPARTMENT_ASSIGNMENTS,
)
