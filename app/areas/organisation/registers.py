"""The first registers: organisation settings (E01), catalogues, departments (E02), people (E03)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.registers.usage import item_usage
from app.text import join_list

AREA_ORGANISATION = N_("Organisation")
AREA_SETTINGS = N_("Settings")


def _leave_after_hire(values: Mapping[str, Any]) -> dict[str, str]:
    hired, left = values.get("hire_date"), values.get("leave_date")
    if hired and left and left < hired:
        return {"leave_date": _("The leave date must not be before the hire date")}
    return {}


def _pmark_details(values: Mapping[str, Any]) -> dict[str, str]:
    if not values.get("is_pmark_holder"):
        return {}
    problems: dict[str, str] = {}
    if not values.get("pmark_registration_no"):
        problems["pmark_registration_no"] = _(
            "A Pマーク holder needs its Pマーク registration number"
        )
    if not values.get("pmark_expiry"):
        problems["pmark_expiry"] = _("A Pマーク holder needs its Pマーク expiry date")
    return problems


def _not_own_parent(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("id") is not None and values.get("parent") == values.get("id"):
        return {"parent": _("a department cannot be its own parent")}
    return {}


ORGANISATION = RegisterDef(
    key="organisation",
    table="organisation",
    title=N_("Organisation settings"),
    item_title=N_("Organisation settings"),
    area=AREA_SETTINGS,
    singleton=True,
    creatable=False,
    deletable=False,
    human_key="name",
    display="name",
    default_sort="name",
    icon="organisation",
    checks=(_pmark_details,),
    fields=(
        Field("name", N_("Organisation name"), required=True, list_column=True),
        Field("address", N_("Address"), max_length=300),
        Field("representative", N_("Representative director")),
        Field(
            "fiscal_year_start",
            N_("Fiscal-year start"),
            Kind.MONTH_DAY,
            required=True,
            default="04-01",
            help=N_("Month and day the fiscal year begins, e.g. 04-01 or 03-21"),
        ),
        Field("privacy_officer", N_("Privacy officer"), Kind.LINK, link="people"),
        Field("audit_officer", N_("Audit officer"), Kind.LINK, link="people"),
        Field(
            "board_director", N_("Director responsible for information"), Kind.LINK, link="people"
        ),
        Field("is_pmark_holder", N_("Holds the PrivacyMark (Pマーク)"), Kind.BOOL, default=False),
        Field("pmark_registration_no", N_("Pマーク registration number"), Kind.CODE, max_length=40),
        Field("pmark_expiry", N_("Pマーク expiry date"), Kind.DATE),
        Field("pmark_review_body", N_("Pマーク review body")),
        Field(
            "ppc_report_destination",
            N_("Leak reports go to"),
            Kind.CHOICE,
            catalogue="PPC_REPORT_DESTINATION",
            default="ppc",
        ),
        Field("certified_org_membership", N_("Certified protection organisation")),
        Field(
            "published_policy_url", N_("Published privacy policy (URL)"), Kind.URL, max_length=500
        ),
        Field(
            "published_matters_url", N_("Published Art. 32 matters (URL)"), Kind.URL, max_length=500
        ),
        Field(
            "default_dsr_sla_days",
            N_("Days to answer a data-subject request"),
            Kind.INTEGER,
            minimum=1,
            maximum=90,
            default=14,
        ),
        Field(
            "request_retention_years",
            N_("Years to keep closed data-subject requests"),
            Kind.INTEGER,
            minimum=1,
            maximum=30,
            default=3,
            help=N_(
                "After this many years from the answer, the retention purge erases the requester's "
                "details and free text; an anonymised record stays for the statistics."
            ),
        ),
        Field(
            "complaint_retention_years",
            N_("Years to keep closed complaints"),
            Kind.INTEGER,
            minimum=1,
            maximum=30,
            default=3,
        ),
        Field(
            "incident_retention_years",
            N_("Years to keep closed incidents"),
            Kind.INTEGER,
            minimum=1,
            maximum=30,
            default=5,
        ),
        Field("member_count", N_("Number of members"), Kind.INTEGER, minimum=0),
        Field(
            "new_hire_training_days",
            N_("Days to train a new hire"),
            Kind.INTEGER,
            minimum=0,
            maximum=365,
            default=0,
            help=N_(
                "New staff are trained before they handle personal data (JIS A.3.4.5): 0 means by "
                "the hire date. Only onboarding or the annual course counts."
            ),
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

CATALOGUES = RegisterDef(
    key="catalogues",
    table="catalogue",
    title=N_("Catalogues"),
    item_title=N_("Catalogue"),
    area=AREA_SETTINGS,
    creatable=False,
    deletable=False,
    human_key="code",
    display="label_ja",
    default_sort="code",
    icon="catalogues",
    fields=(
        Field(
            "code",
            N_("Code"),
            Kind.CODE,
            required=True,
            unique=True,
            immutable=True,
            list_column=True,
            searchable=True,
        ),
        Field("label_ja", N_("Japanese name"), required=True, list_column=True, searchable=True),
        Field("label_en", N_("English name"), required=True, list_column=True, searchable=True),
        Field("source", N_("Source"), list_column=True),
    ),
)


def _catalogue_item_in_use(conn: Any, item_id: int) -> str | None:
    usage = item_usage(conn, item_id)
    if usage:
        return _("It is used by {count} records ({where}); make it inactive instead.").format(
            count=sum(usage.values()), where=join_list(_(title) for title in usage)
        )
    return None


def _json_object(value: Any) -> str | None:
    try:
        data = json.loads(value)
    except ValueError:
        return _('The item settings are not valid JSON (e.g. {"min": 6})')
    if isinstance(data, dict):
        return None
    return _('The item settings must be a JSON object, e.g. {"min": 6}')


CATALOGUE_ITEMS = RegisterDef(
    key="catalogue_items",
    table="catalogue_item",
    title=N_("Catalogue items"),
    item_title=N_("Catalogue item"),
    area=AREA_SETTINGS,
    human_key="code",
    display="label_ja",
    default_sort="catalogue",
    unique_together=(("catalogue", "code"),),
    delete_guard=_catalogue_item_in_use,
    icon="catalogues",
    fields=(
        Field(
            "catalogue",
            N_("Catalogue"),
            Kind.LINK,
            link="catalogues",
            required=True,
            immutable=True,
            list_column=True,
        ),
        Field(
            "code",
            N_("Code"),
            Kind.CODE,
            required=True,
            immutable=True,
            max_length=60,
            list_column=True,
            searchable=True,
        ),
        Field("label_ja", N_("Japanese label"), required=True, list_column=True, searchable=True),
        Field("label_en", N_("English label"), required=True, list_column=True, searchable=True),
        Field("sort_order", N_("Order"), Kind.INTEGER, default=0, list_column=True),
        Field("active", N_("In use"), Kind.BOOL, default=True, list_column=True),
        Field(
            "extra",
            N_("Settings of the item"),
            Kind.LONG_TEXT,
            validators=(_json_object,),
            help=N_("Thresholds and rules that go with the item, as JSON (e.g. risk bands)."),
        ),
    ),
)

DEPARTMENTS = RegisterDef(
    key="departments",
    table="department",
    title=N_("Departments"),
    item_title=N_("Department"),
    area=AREA_ORGANISATION,
    human_key="code",
    display="name",
    default_sort="code",
    checks=(_not_own_parent,),
    icon="departments",
    fields=(
        Field(
            "code",
            N_("Department code"),
            Kind.CODE,
            required=True,
            unique=True,
            max_length=30,
            list_column=True,
            searchable=True,
        ),
        Field("name", N_("Department name"), required=True, list_column=True, searchable=True),
        Field("unit_type", N_("Type"), Kind.CHOICE, catalogue="ORGUNIT_TYPE", list_column=True),
        Field("parent", N_("Parent department"), Kind.LINK, link="departments", list_column=True),
        Field(
            "manager", N_("Manager (operation checks)"), Kind.LINK, link="people", list_column=True
        ),
        Field("location", N_("Location"), searchable=True, list_column=True),
        Field("active", N_("Active"), Kind.BOOL, default=True, list_column=True),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

PEOPLE = RegisterDef(
    key="people",
    table="person",
    title=N_("People"),
    item_title=N_("Person"),
    area=AREA_ORGANISATION,
    human_key="staff_no",
    display="name",
    default_sort="staff_no",
    checks=(_leave_after_hire,),
    icon="people",
    indexes=(("employment_type",), ("kana",), ("hire_date",)),
    fields=(
        Field(
            "staff_no",
            N_("Staff number"),
            Kind.CODE,
            synonyms=(
                "職員番号",
                "社員番号",
                "従業員番号",
                "職員コード",
                "社員コード",
                "職員No",
                "社員No",
                "Employee ID",
                "Employee No",
                "Staff ID",
                "Staff No",
            ),
            required=True,
            unique=True,
            max_length=20,
            list_column=True,
            searchable=True,
        ),
        Field(
            "name",
            N_("Name"),
            required=True,
            max_length=60,
            list_column=True,
            searchable=True,
            reading="kana",
            synonyms=("氏名", "名前", "お名前", "受講者名", "職員名", "社員名", "Full name"),
        ),
        Field(
            "kana",
            N_("Name (kana)"),
            max_length=80,
            list_column=True,
            searchable=True,
            synonyms=("フリガナ", "ふりがな", "カナ", "氏名カナ", "氏名（カナ）", "Kana"),
        ),
        Field(
            "department",
            N_("Department"),
            Kind.LINK,
            link="departments",
            list_column=True,
            synonyms=("所属", "部署", "所属部署", "所属名", "部署名", "事業所", "部門", "Dept"),
        ),
        Field(
            "employment_type",
            N_("Employment type"),
            Kind.CHOICE,
            catalogue="EMPLOYMENT_TYPE",
            synonyms=("雇用区分", "雇用形態", "職員区分", "社員区分", "Employment"),
            # Left empty when an imported value is not known yet (schema 5), with a warning.
            list_column=True,
        ),
        Field(
            "pms_roles", N_("PMS roles"), Kind.MULTI_CHOICE, catalogue="PMS_ROLE", list_column=True
        ),
        Field(
            "hire_date",
            N_("Hire date"),
            Kind.DATE,
            list_column=True,
            synonyms=("入職日", "入社日", "採用日", "入職年月日", "入社年月日", "Hired"),
        ),
        Field("leave_date", N_("Leave date"), Kind.DATE),
        Field(
            "email",
            N_("E-mail"),
            Kind.EMAIL,
            searchable=True,
            synonyms=("メール", "メールアドレス", "Eメール", "Email", "Mail"),
        ),
        Field("is_handler", N_("Handles personal data"), Kind.BOOL, default=True),
        Field("active", N_("Active"), Kind.BOOL, default=True, list_column=True),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

FOUNDATION_REGISTERS = (ORGANISATION, DEPARTMENTS, PEOPLE, CATALOGUES, CATALOGUE_ITEMS)
