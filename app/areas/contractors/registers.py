"""The contractor register (委託先) and what belongs to each contractor (domain E12).

- ``contractors``: who the contractor is (法人番号 with its check digit), what is entrusted
  (links to the 台帳 entries), how much and how sensitive, certification, where the data is kept,
  whom to call in an incident; the risk tier is derived on every save (``tiers.py``).
- ``contracts`` (child): type, dates, auto-renewal, the clause checklist JIS A.3.4.3.4 a–h plus
  foreign handling and the re-identification ban, kept at least as long as the entrusted data.
- ``subcontractors`` (child): re-entrustment, with the prior approval it needs.
- ``contractor_evaluations`` (child): initial, periodic or after an incident; the answers to the
  23-item checklist (``evaluation_answers``, child rows scored 0/1/2) give the score and the
  A/B/C result; improvement requests (``improvement_requests``) with owner and due date.
"""

from __future__ import annotations

from app.areas.contractors.checks import (
    approval_dated,
    certification_named,
    closed_with_date,
    contract_dates_in_order,
    contract_retention_default,
    contractor_tier,
    corp_no_check,
    evaluation_result,
    foreign_country_named,
    normalised_corp_no,
    retention_covers_data,
)
from app.i18n import N_
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind

AREA_CONTRACTORS = N_("Contractors")
G_WHO = N_("Contractor")
G_WORK = N_("Entrusted work and data")
G_CERT = N_("Certification")
G_LOCATION = N_("Where the data is kept")
G_INCIDENT = N_("Incidents")
G_TIER = N_("Risk tier")


CONTRACTORS = RegisterDef(
    key="contractors",
    table="contractor",
    title=N_("Contractors"),
    item_title=N_("Contractor"),
    area=AREA_CONTRACTORS,
    human_key="code",
    display="name",
    default_sort="code",
    checks=(corp_no_check, foreign_country_named, certification_named),
    derive=normalised_corp_no,
    conn_derive=contractor_tier,
    indexes=(("status",), ("risk_tier",)),
    fields=(
        Field(
            "code",
            N_("Contractor no."),
            Kind.CODE,
            required=True,
            unique=True,
            max_length=20,
            list_column=True,
            synonyms=("委託先番号", "委託先コード", "No", "番号"),
            group=G_WHO,
        ),
        Field(
            "name",
            N_("Contractor name"),
            required=True,
            list_column=True,
            searchable=True,
            synonyms=("委託先名", "委託先", "会社名", "事業者名", "名称"),
            group=G_WHO,
        ),
        Field(
            "corp_no",
            N_("Corporate number (法人番号)"),
            max_length=40,
            help=N_("13 digits; full-width digits, hyphens and spaces are accepted."),
            synonyms=("法人番号",),
            group=G_WHO,
        ),
        Field("address", N_("Address"), synonyms=("所在地", "住所"), group=G_WHO),
        Field("representative", N_("Representative"), synonyms=("代表者", "代表者名"), group=G_WHO),
        Field(
            "service_category",
            N_("Service category"),
            Kind.CHOICE,
            catalogue="CONTRACTOR_CAT",
            list_column=True,
            synonyms=("委託区分", "業務区分", "区分"),
            group=G_WHO,
        ),
        Field(
            "status",
            N_("Status"),
            Kind.CHOICE,
            catalogue="CONTRACTOR_STATUS",
            required=True,
            default="active",
            list_column=True,
            synonyms=("状態", "ステータス"),
            group=G_WHO,
        ),
        Field(
            "owner_department",
            N_("Department in charge"),
            Kind.LINK,
            link="departments",
            synonyms=("主管部署", "担当部署"),
            group=G_WHO,
        ),
        Field(
            "started_on", N_("Entrusted since"), Kind.DATE, synonyms=("委託開始日",), group=G_WHO
        ),
        Field(
            "ended_on",
            N_("Entrustment ended on"),
            Kind.DATE,
            help=N_("Set when the entrustment ends; the contractor then leaves the reminders."),
            group=G_WHO,
        ),
        Field(
            "entrusted_work",
            N_("Entrusted work"),
            Kind.LONG_TEXT,
            searchable=True,
            synonyms=("委託業務", "委託内容", "業務内容"),
            group=G_WORK,
        ),
        Field(
            "entrusted_assets",
            N_("Entrusted assets (台帳)"),
            Kind.LINKS,
            link="assets",
            help=N_(
                "Asset numbers of the 台帳 entries entrusted, separated by commas, e.g. A001, A004."
            ),
            synonyms=("委託する個人情報", "対象の個人情報", "台帳番号"),
            group=G_WORK,
        ),
        Field(
            "data_volume",
            N_("Number of people"),
            Kind.CHOICE,
            catalogue="VOLUME_BAND",
            list_column=True,
            synonyms=("本人数", "件数", "データ量"),
            group=G_WORK,
        ),
        Field(
            "sensitivity",
            N_("Sensitive data"),
            Kind.CHOICE,
            catalogue="DATA_SENSITIVITY",
            default="general",
            synonyms=("機微情報", "要配慮個人情報"),
            group=G_WORK,
        ),
        Field(
            "certification",
            N_("Certification"),
            Kind.CHOICE,
            catalogue="CERT",
            list_column=True,
            synonyms=("認証", "第三者認証"),
            group=G_CERT,
        ),
        Field(
            "certification_no",
            N_("Certification number"),
            max_length=60,
            synonyms=("認証番号", "登録番号"),
            group=G_CERT,
        ),
        Field(
            "certification_expiry",
            N_("Certification valid until"),
            Kind.DATE,
            synonyms=("有効期限", "認証有効期限"),
            group=G_CERT,
        ),
        Field("other_certifications", N_("Other certifications"), group=G_CERT),
        Field(
            "data_location",
            N_("Data kept"),
            Kind.CHOICE,
            catalogue="DATA_LOCATION",
            required=True,
            default="domestic",
            synonyms=("保管場所", "データ保管場所"),
            group=G_LOCATION,
        ),
        Field(
            "foreign_country",
            N_("Country (abroad)"),
            max_length=100,
            synonyms=("国名", "保管国"),
            group=G_LOCATION,
        ),
        Field(
            "foreign_checked_on",
            N_("Foreign regime last checked"),
            Kind.DATE,
            help=N_(
                "The last check of the country's regime and of the contractor's equivalent "
                "measures (規則18条); repeat it every year."
            ),
            group=G_LOCATION,
        ),
        Field(
            "processes_abroad",
            N_("Handled abroad"),
            Kind.BOOL,
            default=False,
            computed=True,
            group=G_LOCATION,
        ),
        Field(
            "incident_contact",
            N_("Incident contact"),
            help=N_("Department and person the contractor reports incidents through."),
            synonyms=("事故時連絡先", "緊急連絡先"),
            group=G_INCIDENT,
        ),
        Field("incident_phone", N_("Incident phone"), max_length=40, group=G_INCIDENT),
        Field("incident_email", N_("Incident e-mail"), Kind.EMAIL, group=G_INCIDENT),
        Field(
            "risk_tier",
            N_("Risk tier"),
            Kind.CHOICE,
            catalogue="CONTRACTOR_TIER",
            computed=True,
            list_column=True,
            help=N_(
                "Derived on save from the number of people, sensitive data, location and a "
                "valid certification (the rule's steps are catalogue data)."
            ),
            group=G_TIER,
        ),
        Field(
            "tier_factors",
            N_("What sets the tier"),
            Kind.MULTI_CHOICE,
            catalogue="CONTRACTOR_TIER_FACTOR",
            computed=True,
            group=G_TIER,
        ),
        Field("notes", N_("Notes"), Kind.LONG_TEXT, synonyms=("備考",), group=G_TIER),
    ),
)


CONTRACTS = RegisterDef(
    key="contracts",
    table="contractor_contract",
    parent="contractor",
    title=N_("Contracts"),
    item_title=N_("Contract"),
    area=AREA_CONTRACTORS,
    human_key="contractor",
    display="title",
    default_sort="contractor",
    checks=(contract_dates_in_order,),
    conn_derive=contract_retention_default,
    conn_checks=(retention_covers_data,),
    fields=(
        Field(
            "contractor",
            N_("Contractor"),
            Kind.LINK,
            link="contractors",
            required=True,
            list_column=True,
        ),
        Field(
            "contract_type",
            N_("Contract type"),
            Kind.CHOICE,
            catalogue="CONTRACT_TYPE",
            required=True,
            default="service",
            list_column=True,
        ),
        Field("title", N_("Title"), list_column=True, searchable=True),
        Field("signed_on", N_("Signed on"), Kind.DATE, list_column=True),
        Field("term_start", N_("Term from"), Kind.DATE),
        Field("term_end", N_("Term until"), Kind.DATE, list_column=True),
        Field("auto_renew", N_("Renewed automatically"), Kind.BOOL, default=False),
        Field(
            "clauses",
            N_("Clauses included"),
            Kind.MULTI_CHOICE,
            catalogue="CONTRACT_CLAUSE",
            help=N_("JIS Q 15001 A.3.4.3.4 a–h, handling abroad and the re-identification ban."),
        ),
        Field(
            "retention_until",
            N_("Keep the contract until"),
            Kind.DATE,
            help=N_("At least as long as the entrusted data is kept (filled from the 台帳)."),
        ),
        Field("file_ref", N_("Where the signed copy is"), max_length=200),
        Field("terminated_on", N_("Terminated on"), Kind.DATE),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)


SUBCONTRACTORS = RegisterDef(
    key="subcontractors",
    table="contractor_subcontractor",
    parent="contractor",
    title=N_("Sub-contractors"),
    item_title=N_("Sub-contractor"),
    area=AREA_CONTRACTORS,
    human_key="contractor",
    display="name",
    default_sort="contractor",
    checks=(approval_dated,),
    fields=(
        Field(
            "contractor",
            N_("Contractor"),
            Kind.LINK,
            link="contractors",
            required=True,
            list_column=True,
        ),
        Field("name", N_("Sub-contractor"), required=True, list_column=True, searchable=True),
        Field("work", N_("Work re-entrusted"), list_column=True),
        Field("location", N_("Where the data is handled"), max_length=100),
        Field("started_on", N_("Re-entrusted since"), Kind.DATE, list_column=True),
        Field(
            "approved_on",
            N_("Prior approval given on"),
            Kind.DATE,
            list_column=True,
            help=N_("Re-entrustment needs our approval before it starts."),
        ),
        Field("approved_by", N_("Approved by"), Kind.LINK, link="people"),
        Field(
            "supervised_via_contractor",
            N_("Supervised through the contractor"),
            Kind.BOOL,
            default=True,
        ),
        Field("ended_on", N_("Ended on"), Kind.DATE),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)


EVALUATIONS = RegisterDef(
    key="contractor_evaluations",
    table="contractor_evaluation",
    parent="contractor",
    title=N_("Contractor evaluations"),
    item_title=N_("Contractor evaluation"),
    area=AREA_CONTRACTORS,
    human_key="contractor",
    display="evaluated_on",
    default_sort="evaluated_on",
    conn_derive=evaluation_result,
    indexes=(("contractor", "evaluated_on"),),
    fields=(
        Field(
            "contractor",
            N_("Contractor"),
            Kind.LINK,
            link="contractors",
            required=True,
            list_column=True,
        ),
        Field(
            "eval_type",
            N_("Evaluation type"),
            Kind.CHOICE,
            catalogue="EVAL_TYPE",
            required=True,
            default="periodic",
            list_column=True,
        ),
        Field("evaluated_on", N_("Evaluated on"), Kind.DATE, required=True, list_column=True),
        Field("methods", N_("Method"), Kind.MULTI_CHOICE, catalogue="EVAL_METHOD"),
        Field("evaluator", N_("Evaluator"), Kind.LINK, link="people"),
        Field(
            "score",
            N_("Score"),
            Kind.INTEGER,
            computed=True,
            list_column=True,
            help=N_("Sum of the checklist answers (0, 1 or 2 each; unanswered items left out)."),
        ),
        Field("max_score", N_("Maximum score"), Kind.INTEGER, computed=True),
        Field("score_percent", N_("Score (%)"), Kind.INTEGER, computed=True, list_column=True),
        Field(
            "result",
            N_("Result"),
            Kind.CHOICE,
            catalogue="EVAL_RESULT",
            computed=True,
            list_column=True,
            help=N_("From the score: the thresholds are catalogue data (評価結果)."),
        ),
        Field("approved_by", N_("Approved by"), Kind.LINK, link="people"),
        Field("approved_on", N_("Approved on"), Kind.DATE),
        Field(
            "next_evaluation_due",
            N_("Next evaluation due"),
            Kind.DATE,
            list_column=True,
            help=N_("Filled from the contractor's risk tier when left empty."),
        ),
        Field("summary", N_("Summary"), Kind.LONG_TEXT, searchable=True),
        Field("source_file", N_("Questionnaire file"), max_length=260),
    ),
)

ANSWERS = RegisterDef(
    key="evaluation_answers",
    table="contractor_evaluation_answer",
    parent="evaluation",
    title=N_("Checklist answers"),
    item_title=N_("Checklist answer"),
    area=AREA_CONTRACTORS,
    human_key="evaluation",
    display="item",
    default_sort="item",
    listed=False,
    unique_together=(("evaluation", "item"),),
    fields=(
        Field(
            "evaluation",
            N_("Evaluation"),
            Kind.LINK,
            link="contractor_evaluations",
            required=True,
            list_column=True,
        ),
        Field(
            "item",
            N_("Checklist item"),
            Kind.CHOICE,
            catalogue="CONTRACTOR_CHECK",
            required=True,
            list_column=True,
        ),
        Field(
            "score",
            N_("Score"),
            Kind.INTEGER,
            minimum=0,
            maximum=2,
            list_column=True,
            help=N_("2 in place, 1 partly, 0 not in place; empty: not applicable."),
        ),
        Field("evidence", N_("Evidence and notes"), max_length=1000, list_column=True),
    ),
)


IMPROVEMENTS = RegisterDef(
    key="improvement_requests",
    table="contractor_improvement",
    parent="evaluation",
    title=N_("Improvement requests"),
    item_title=N_("Improvement request"),
    area=AREA_CONTRACTORS,
    human_key="evaluation",
    display="request",
    default_sort="due_on",
    checks=(closed_with_date,),
    indexes=(("status", "due_on"),),
    fields=(
        Field(
            "evaluation",
            N_("Evaluation"),
            Kind.LINK,
            link="contractor_evaluations",
            required=True,
            list_column=True,
        ),
        Field("item", N_("Checklist item"), Kind.CHOICE, catalogue="CONTRACTOR_CHECK"),
        Field("request", N_("Request"), required=True, list_column=True, searchable=True),
        Field("owner", N_("Owner"), Kind.LINK, link="people", list_column=True),
        Field("due_on", N_("Due"), Kind.DATE, required=True, list_column=True),
        Field(
            "status",
            N_("Status"),
            Kind.CHOICE,
            catalogue="IMPROVEMENT_STATUS",
            required=True,
            default="open",
            list_column=True,
        ),
        Field("closed_on", N_("Closed on"), Kind.DATE),
        Field("outcome", N_("Outcome"), Kind.LONG_TEXT),
    ),
)

CONTRACTOR_REGISTERS = (CONTRACTORS, CONTRACTS, SUBCONTRACTORS, EVALUATIONS, ANSWERS, IMPROVEMENTS)
