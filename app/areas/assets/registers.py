"""The personal-information asset register (個人情報管理台帳), purposes of use, controls and risks.

Domain: E04 (asset), E05 (purpose of use), E06 (risk assessment and items), E07 (controls and their
status). Purposes on an asset and controls on a risk item are links to those records (link tables
with real foreign keys), so a purpose still in use cannot be deleted.
Risk scores are columns computed on every save (impact x likelihood), so lists sort by score.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.assets.risk_rules import (
    accepting,
    annual_risk_review,
    asset_dates,
    lower_residual_needs_controls,
    no_acceptance_of_unlawful_handling,
)
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.registers.query import links_text_sql
from app.storage.database import Connection

AREA_ASSETS = N_("Assets and risks")
# The 台帳's groups of fields, as the ledger sheet and the form show them.
G_BASIC = N_("Basic information")
G_DATA = N_("Data held")
G_ACQUISITION = N_("Acquisition")
G_USE = N_("Use")
G_STORAGE = N_("Storage")
G_PROVISION = N_("Provision and entrustment")
G_DISPOSAL = N_("Disposal")
G_REVIEW = N_("Review")


def _special_care_types(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("sensitive_types") and values.get("special_care") in (None, "none"):
        return {
            "special_care": _("sensitive data types are listed, so special care cannot be 'none'")
        }
    return {}


def _retention_after_usage(values: Mapping[str, Any]) -> dict[str, str]:
    usage, until = values.get("usage_end"), values.get("retention_until")
    if usage and until and until < usage:
        return {"retention_until": _("the retention deadline is before the end of use")}
    return {}


def _control_scope(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("scope") == "asset" and values.get("asset") is None:
        return {"asset": _("choose the asset this status applies to")}
    if values.get("scope") == "org" and values.get("asset") is not None:
        return {"asset": _("an organisation-wide status names no asset")}
    return {}


def _approval_pair(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("approved_at") and values.get("approved_by") is None:
        return {"approved_by": _("say who approved the assessment")}
    return {}


def _score(impact: Any, likelihood: Any) -> int | None:
    return impact * likelihood if impact is not None and likelihood is not None else None


def risk_scores(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "inherent_score": _score(values.get("inherent_impact"), values.get("inherent_likelihood")),
        "residual_score": _score(values.get("residual_impact"), values.get("residual_likelihood")),
    }


def _residual_pair(values: Mapping[str, Any]) -> dict[str, str]:
    if (values.get("residual_impact") is None) != (values.get("residual_likelihood") is None):
        key = "residual_likelihood" if values.get("residual_impact") else "residual_impact"
        return {key: _("give both residual impact and likelihood, or neither")}
    return {}


def _high_risk_needs_treatment(conn: Connection, values: Mapping[str, Any]) -> dict[str, str]:
    from app.areas.assets.scoring import load_matrix

    matrix = load_matrix(conn)
    errors = {}
    for prefix in ("inherent", "residual"):
        for axis, top in (
            ("impact", matrix.impact_levels),
            ("likelihood", matrix.likelihood_levels),
        ):
            key = f"{prefix}_{axis}"
            if values.get(key) is not None and values[key] > top:
                errors[key] = _(
                    "{field} must be at most {maximum} on this workspace's matrix"
                ).format(field=_(RISK_ITEMS.field(key).label), maximum=top)
    if errors or not accepting(values):
        return errors
    score = values.get("residual_score") or values.get("inherent_score")
    band = matrix.band(score) if score else None
    if band is not None and not band.may_accept:
        key = "treatment" if values.get("treatment") == "accept" else "accepted_by"
        errors[key] = _(
            "a score of {score} is high: treat the risk and record a lower residual score "
            "before accepting it"
        ).format(score=score)
    return errors


PURPOSES = RegisterDef(
    key="purposes",
    table="purpose_of_use",
    title=N_("Purposes of use"),
    item_title=N_("Purpose of use"),
    area=AREA_ASSETS,
    human_key="code",
    display="text",
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
            synonyms=("コード", "目的コード", "No"),
        ),
        Field(
            "text",
            N_("Purpose (as published)"),
            Kind.LONG_TEXT,
            required=True,
            list_column=True,
            searchable=True,
            synonyms=("利用目的", "目的"),
        ),
        Field("scope", N_("Scope"), Kind.CHOICE, catalogue="PURPOSE_SCOPE", list_column=True),
        Field("published_in", N_("Published in"), help=N_("Policy URL or version")),
        Field("published_at", N_("Published on"), Kind.DATE, list_column=True),
        Field("changed_at", N_("Changed on"), Kind.DATE),
        Field("change_type", N_("Change type"), Kind.CHOICE, catalogue="PURPOSE_CHANGE_TYPE"),
        Field(
            "includes_third_party",
            N_("Includes provision to third parties"),
            Kind.BOOL,
            default=False,
            list_column=True,
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

ASSETS = RegisterDef(
    key="assets",
    table="asset",
    title=N_("Asset register"),
    item_title=N_("Personal-information asset"),
    area=AREA_ASSETS,
    human_key="asset_no",
    display="name",
    default_sort="asset_no",
    checks=(_special_care_types, _retention_after_usage),
    derive=asset_dates,
    indexes=(("next_review_due",), ("retention_until",)),
    fields=(
        Field(
            "asset_no",
            N_("Asset no."),
            Kind.CODE,
            required=True,
            unique=True,
            max_length=20,
            list_column=True,
            synonyms=("管理番号", "台帳番号", "No", "番号"),
            group=G_BASIC,
        ),
        Field(
            "name",
            N_("Name of the personal information"),
            required=True,
            list_column=True,
            searchable=True,
            synonyms=(
                "個人情報の名称",
                "名称",
                "個人情報名",
                "情報資産名",
                "Name of the personal information",
            ),
            group=G_BASIC,
        ),
        Field(
            "business_process",
            N_("Business process"),
            searchable=True,
            synonyms=("業務名", "業務", "利用業務"),
            group=G_BASIC,
        ),
        Field(
            "owner_department",
            N_("Owner department"),
            Kind.LINK,
            link="departments",
            required=True,
            list_column=True,
            synonyms=("管理部署", "主管部署", "所管部署", "担当部署", "部署", "部署名"),
            group=G_BASIC,
        ),
        Field(
            "responsible",
            N_("Responsible person"),
            Kind.LINK,
            link="people",
            synonyms=("管理責任者", "責任者", "管理者", "責任者名"),
            group=G_BASIC,
        ),
        Field(
            "subject_categories",
            N_("Data subjects"),
            Kind.MULTI_CHOICE,
            catalogue="SUBJECT_CAT",
            list_column=True,
            synonyms=("本人の区分", "対象者"),
            group=G_DATA,
        ),
        Field(
            "data_items",
            N_("Data items"),
            Kind.LONG_TEXT,
            searchable=True,
            synonyms=("項目", "個人情報の項目", "データ項目", "記載項目", "取得項目"),
            group=G_DATA,
        ),
        Field(
            "special_care",
            N_("Special-care data (要配慮)"),
            Kind.CHOICE,
            catalogue="SPECIAL_CARE",
            default="none",
            list_column=True,
            synonyms=("要配慮", "要配慮個人情報"),
            group=G_DATA,
        ),
        Field(
            "sensitive_types",
            N_("Special-care types"),
            Kind.MULTI_CHOICE,
            catalogue="SENSITIVE_TYPE",
            group=G_DATA,
        ),
        Field(
            "contains_my_number",
            N_("Contains My Number"),
            Kind.BOOL,
            default=False,
            synonyms=("マイナンバー", "特定個人情報", "マイナンバーの有無"),
            group=G_DATA,
        ),
        Field(
            "contains_financial",
            N_("Contains financial data"),
            Kind.BOOL,
            default=False,
            help=N_("Card numbers, bank accounts, IDs and passwords that allow payment."),
            group=G_DATA,
        ),
        Field(
            "contains_children",
            N_("Contains children's data"),
            Kind.BOOL,
            default=False,
            group=G_DATA,
        ),
        Field(
            "record_count",
            N_("Number of records"),
            Kind.INTEGER,
            minimum=0,
            synonyms=("件数", "記録件数"),
            group=G_DATA,
        ),
        Field(
            "volume_band",
            N_("Number of people"),
            Kind.CHOICE,
            catalogue="VOLUME_BAND",
            list_column=True,
            synonyms=("本人数", "人数"),
            group=G_DATA,
        ),
        Field(
            "is_personal_data",
            N_("Personal data (個人データ)"),
            Kind.BOOL,
            default=True,
            group=G_DATA,
        ),
        Field(
            "is_retained_personal_data",
            N_("Retained personal data (保有個人データ)"),
            Kind.BOOL,
            default=True,
            group=G_DATA,
        ),
        Field(
            "acq_basis",
            N_("Acquisition basis"),
            Kind.CHOICE,
            catalogue="ACQ_BASIS",
            group=G_ACQUISITION,
        ),
        Field(
            "acq_method",
            N_("Acquisition method"),
            Kind.CHOICE,
            catalogue="ACQ_METHOD",
            synonyms=("取得方法", "取得経路"),
            group=G_ACQUISITION,
        ),
        Field(
            "acq_source",
            N_("Acquired from"),
            Kind.CHOICE,
            catalogue="ACQ_SOURCE",
            synonyms=("取得元",),
            group=G_ACQUISITION,
        ),
        Field(
            "notice_method",
            N_("Notice method"),
            Kind.CHOICE,
            catalogue="NOTICE_METHOD",
            group=G_ACQUISITION,
        ),
        Field(
            "purposes",
            N_("Purposes of use"),
            Kind.LINKS,
            link="purposes",
            help=N_("Codes of the purposes of use, separated by commas, e.g. P01, P03."),
            synonyms=("利用目的", "利用目的コード"),
            group=G_USE,
        ),
        Field(
            "access_holders", N_("Access holders"), synonyms=("アクセス権者", "利用者"), group=G_USE
        ),
        Field("usage_end", N_("Use ends on"), Kind.DATE, synonyms=("利用期限",), group=G_USE),
        Field(
            "media",
            N_("Media"),
            Kind.MULTI_CHOICE,
            catalogue="MEDIA",
            list_column=True,
            synonyms=("媒体", "保管媒体", "形態", "保管形態", "記録媒体"),
            group=G_STORAGE,
        ),
        Field(
            "storage_location",
            N_("Storage location"),
            searchable=True,
            synonyms=("保管場所",),
            group=G_STORAGE,
        ),
        Field("storage_method", N_("Storage method"), synonyms=("保管方法",), group=G_STORAGE),
        Field(
            "retention_period",
            N_("Retention period"),
            synonyms=("保管期間", "保存期間", "保存年限", "保管年限"),
            group=G_STORAGE,
        ),
        Field(
            "retention_basis",
            N_("Retention basis"),
            Kind.CHOICE,
            catalogue="RETENTION_BASIS",
            group=G_STORAGE,
        ),
        Field(
            "retention_until",
            N_("Retain until"),
            Kind.DATE,
            help=N_("The date after which the data must be deleted."),
            synonyms=("保管期限", "保存期限", "廃棄予定日"),
            group=G_STORAGE,
        ),
        Field(
            "joint_use", N_("Joint use"), max_length=400, synonyms=("共同利用",), group=G_PROVISION
        ),
        Field(
            "third_party_provision",
            N_("Provided to third parties"),
            Kind.BOOL,
            default=False,
            synonyms=("第三者提供",),
            group=G_PROVISION,
        ),
        Field(
            "foreign_country",
            N_("Processed abroad (country)"),
            max_length=100,
            synonyms=("外国", "保管国"),
            group=G_PROVISION,
        ),
        Field(
            "anonymised_derivatives",
            N_("Anonymised / pseudonymised derivatives"),
            max_length=400,
            group=G_PROVISION,
        ),
        Field(
            "disposal_method",
            N_("Disposal method"),
            Kind.CHOICE,
            catalogue="DISPOSAL_METHOD",
            synonyms=("廃棄方法",),
            group=G_DISPOSAL,
        ),
        Field(
            "disposal_responsible",
            N_("Disposal responsible"),
            Kind.LINK,
            link="people",
            group=G_DISPOSAL,
        ),
        Field(
            "disposed_on",
            N_("Disposed of on"),
            Kind.DATE,
            help=N_("Set when the data has been deleted; the asset then leaves the reminders."),
            group=G_DISPOSAL,
        ),
        Field(
            "classification",
            N_("Classification"),
            Kind.CHOICE,
            catalogue="CONFIDENTIALITY",
            list_column=True,
            synonyms=("機密区分", "機密性", "重要度", "区分"),
            group=G_REVIEW,
        ),
        Field(
            "last_reviewed",
            N_("Last reviewed"),
            Kind.DATE,
            synonyms=("見直し日", "最終見直し日"),
            group=G_REVIEW,
        ),
        Field(
            "next_review_due",
            N_("Next review due"),
            Kind.DATE,
            list_column=True,
            help=N_("Review the entry at least once a year."),
            synonyms=("次回見直し日", "次回見直し", "次回見直し予定"),
            group=G_REVIEW,
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT, synonyms=("備考", "特記事項"), group=G_REVIEW),
    ),
)

CONTROLS = RegisterDef(
    key="controls",
    table="control",
    title=N_("Controls"),
    item_title=N_("Control"),
    area=AREA_ASSETS,
    human_key="code",
    display="name_ja",
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
            immutable=True,
        ),
        Field(
            "category",
            N_("Category"),
            Kind.CHOICE,
            catalogue="CONTROL_CATEGORY",
            required=True,
            list_column=True,
        ),
        Field(
            "name_ja", N_("Control (Japanese)"), required=True, list_column=True, searchable=True
        ),
        Field("name_en", N_("Control (English)"), list_column=True, searchable=True),
        Field("gl_ref", N_("Guideline reference"), max_length=60, list_column=True),
        Field("jis2017_ref", N_("JIS Q 15001:2017"), max_length=60),
        Field("jis2023_ref", N_("JIS Q 15001:2023"), max_length=60),
        Field("description", N_("Description"), Kind.LONG_TEXT),
        Field("evidence_expected", N_("Evidence expected"), max_length=400),
        Field("active", N_("In use"), Kind.BOOL, default=True),
    ),
)

CONTROL_STATUS = RegisterDef(
    key="control_status",
    table="control_status",
    title=N_("Control status"),
    item_title=N_("Control status"),
    area=AREA_ASSETS,
    human_key="control",
    display="control",
    default_sort="control",
    unique_together=(("control", "scope", "asset"),),
    checks=(_control_scope,),
    indexes=(("control", "status"),),
    fields=(
        Field(
            "control", N_("Control"), Kind.LINK, link="controls", required=True, list_column=True
        ),
        Field(
            "scope",
            N_("Scope"),
            Kind.CHOICE,
            catalogue="CONTROL_SCOPE",
            required=True,
            default="org",
            list_column=True,
        ),
        Field("asset", N_("Asset"), Kind.LINK, link="assets", list_column=True),
        Field(
            "status",
            N_("Status"),
            Kind.CHOICE,
            catalogue="CONTROL_STATUS",
            required=True,
            default="planned",
            list_column=True,
        ),
        Field("owner", N_("Owner"), Kind.LINK, link="people", list_column=True),
        Field("last_verified", N_("Last verified"), Kind.DATE, list_column=True),
        Field("evidence", N_("Evidence"), max_length=400, searchable=True),
        Field("gap_note", N_("Gap"), Kind.LONG_TEXT),
        Field("due", N_("Due"), Kind.DATE, list_column=True),
    ),
)

RISK_ASSESSMENTS = RegisterDef(
    key="risk_assessments",
    table="risk_assessment",
    title=N_("Risk assessments"),
    item_title=N_("Risk assessment"),
    area=AREA_ASSETS,
    human_key="asset",
    display="asset",
    default_sort="assessed_at",
    checks=(_approval_pair, annual_risk_review),
    indexes=(("asset", "assessed_at"),),
    fields=(
        Field("asset", N_("Asset"), Kind.LINK, link="assets", required=True, list_column=True),
        Field("assessed_at", N_("Assessed on"), Kind.DATE, required=True, list_column=True),
        Field("assessor", N_("Assessor"), Kind.LINK, link="people", list_column=True),
        Field("approved_by", N_("Approved by"), Kind.LINK, link="people", list_column=True),
        Field("approved_at", N_("Approved on"), Kind.DATE),
        Field(
            "next_review_due",
            N_("Next review due"),
            Kind.DATE,
            list_column=True,
            help=N_("Review the assessment at least once a year."),
        ),
        Field(
            "trigger",
            N_("Trigger"),
            Kind.CHOICE,
            catalogue="RISK_TRIGGER",
            default="annual",
            list_column=True,
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)

_LEVEL = {"kind": Kind.INTEGER, "minimum": 1, "maximum": 9}

RISK_ITEMS = RegisterDef(
    key="risk_items",
    table="risk_item",
    parent="assessment",
    title=N_("Risk items"),
    item_title=N_("Risk item"),
    area=AREA_ASSETS,
    human_key="assessment",
    display="threat",
    default_sort="assessment",
    checks=(_residual_pair, no_acceptance_of_unlawful_handling, lower_residual_needs_controls),
    conn_checks=(_high_risk_needs_treatment,),
    derive=risk_scores,
    indexes=(("residual_score",),),
    fields=(
        Field(
            "assessment",
            N_("Assessment"),
            Kind.LINK,
            link="risk_assessments",
            required=True,
            list_column=True,
        ),
        Field(
            "phase",
            N_("Lifecycle phase"),
            Kind.CHOICE,
            catalogue="LIFECYCLE_PHASE",
            required=True,
            list_column=True,
        ),
        Field(
            "threat", N_("Threat"), Kind.CHOICE, catalogue="THREAT", required=True, list_column=True
        ),
        Field("consequences", N_("Consequences"), Kind.MULTI_CHOICE, catalogue="RISK_CONSEQUENCE"),
        Field("scenario", N_("Scenario"), Kind.LONG_TEXT, searchable=True),
        Field("inherent_impact", N_("Impact"), required=True, **_LEVEL),
        Field("inherent_likelihood", N_("Likelihood"), required=True, **_LEVEL),
        Field(
            "inherent_score",
            N_("Score"),
            Kind.INTEGER,
            list_column=True,
            computed=True,
            help=N_("Computed on save: impact × likelihood."),
        ),
        Field(
            "implemented_controls",
            N_("Controls in place"),
            Kind.LINKS,
            link="controls",
            help=N_("Codes of the controls, separated by commas, e.g. P04, T11."),
        ),
        Field("planned_controls", N_("Planned controls"), Kind.LINKS, link="controls"),
        Field("planned_owner", N_("Planned by (owner)"), Kind.LINK, link="people"),
        Field("planned_due", N_("Planned by (date)"), Kind.DATE),
        Field("residual_impact", N_("Residual impact"), **_LEVEL),
        Field("residual_likelihood", N_("Residual likelihood"), **_LEVEL),
        Field(
            "residual_score",
            N_("Residual score"),
            Kind.INTEGER,
            list_column=True,
            computed=True,
            help=N_("Computed on save: residual impact × residual likelihood."),
        ),
        Field("residual_statement", N_("Residual risk"), Kind.LONG_TEXT),
        Field(
            "treatment", N_("Treatment"), Kind.CHOICE, catalogue="RISK_TREATMENT", list_column=True
        ),
        Field("accepted_by", N_("Accepted by"), Kind.LINK, link="people"),
        Field("accepted_at", N_("Accepted on"), Kind.DATE),
    ),
)


def control_codes_sql(key: str, alias: str) -> str:
    """SQL for a risk item's controls (``implemented_controls``/``planned_controls``) as codes."""
    return links_text_sql(RISK_ITEMS, RISK_ITEMS.field(key), CONTROLS, alias)


ASSET_REGISTERS = (PURPOSES, ASSETS, CONTROLS, CONTROL_STATUS, RISK_ASSESSMENTS, RISK_ITEMS)
