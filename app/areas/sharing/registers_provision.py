"""Provision and receipt records (E09: 法29条・30条, 規則19–25条) and the decisions of the
decision helper (委託・共同利用・第三者提供, domain §6).

One register holds both directions: a provision record (提供記録) and a receipt record (確認記録)
carry the same items (who, whom, which data, on what basis) and the same retention pattern, so the
disclosure of provision records (33条5項) and the board count them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.sharing.decision import QUESTIONS, conclude
from app.areas.sharing.provision_rules import provision_checks, provision_derive
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind

AREA_SHARING = N_("Sharing and disposal")
G_RECORD = N_("Record")
G_PARTY = N_("Recipient or provider")
G_CONTENT = N_("Content of the record")
G_RETENTION = N_("Retention")


def decision_derive(values: Mapping[str, Any]) -> dict[str, Any]:
    answers = {question.key: values.get(question.key) for question in QUESTIONS}
    conclusion = conclude(answers)
    if conclusion is None:
        return {"conclusion": None, "record_needed": None, "suggested_basis": None}
    return {
        "conclusion": conclusion.flow_class,
        "record_needed": conclusion.record_needed,
        "suggested_basis": conclusion.basis,
    }


def _decision_complete(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("conclusion") is None:
        return {"q_leaves_org": _("answer the questions until the helper reaches a conclusion")}
    if values.get("conclusion") == "third_party_exempt" and not values.get("exemption_ground"):
        return {"exemption_ground": _("name the legal ground of the exemption")}
    return {}


FLOW_DECISIONS = RegisterDef(
    key="flow_decisions",
    table="flow_decision",
    title=N_("Sharing decisions"),
    item_title=N_("Sharing decision"),
    area=AREA_SHARING,
    human_key="ref",
    display="title",
    default_sort="decided_on",
    derive=decision_derive,
    checks=(_decision_complete,),
    icon="info",
    fields=(
        Field("ref", N_("Reference"), Kind.CODE, required=True, unique=True, max_length=30,
              list_column=True),
        Field("title", N_("Data flow"), required=True, list_column=True, searchable=True,
              help=N_("What goes where, e.g. ギフトのお届け先を会員生協へ")),
        Field("decided_on", N_("Decided on"), Kind.DATE, required=True, list_column=True),
        Field("decided_by", N_("Decided by"), Kind.LINK, link="people"),
        *(Field(q.key, q.label, Kind.BOOL, help=q.text, group=N_("Answers")) for q in QUESTIONS),
        Field("exemption_ground", N_("Legal ground of the exemption"), max_length=400,
              help=N_("The law or exception relied on, e.g. 刑事訴訟法197条2項（捜査関係事項照会）")),
        Field("conclusion", N_("Conclusion"), Kind.CHOICE, catalogue="FLOW_CLASS", computed=True,
              list_column=True),
        Field("record_needed", N_("Provision record needed"), Kind.BOOL, computed=True,
              list_column=True),
        Field("suggested_basis", N_("Basis for the record"), Kind.CHOICE,
              catalogue="PROVISION_BASIS", computed=True),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)  # fmt: skip

PROVISION_RECORDS = RegisterDef(
    key="provision_records",
    table="provision_record",
    title=N_("Provision and receipt records"),
    item_title=N_("Provision or receipt record"),
    area=AREA_SHARING,
    human_key="ref",
    display="counterparty_name",
    default_sort="provided_on",
    derive=provision_derive,
    checks=(provision_checks,),
    indexes=(("retention_until",), ("provided_on",)),
    icon="register",
    fields=(
        Field("ref", N_("Record no."), Kind.CODE, required=True, unique=True, max_length=30,
              list_column=True, synonyms=("記録番号", "番号", "No"), group=G_RECORD),
        Field("direction", N_("Provided or received"), Kind.CHOICE,
              catalogue="PROVISION_DIRECTION", required=True, default="provide", list_column=True,
              synonyms=("提供・受領", "区分"), group=G_RECORD),
        Field("basis", N_("Basis"), Kind.CHOICE, catalogue="PROVISION_BASIS", required=True,
              list_column=True, synonyms=("根拠", "提供の根拠"), group=G_RECORD),
        Field("recording_method", N_("Recording method"), Kind.CHOICE, catalogue="RECORD_METHOD",
              required=True, default="each", list_column=True, synonyms=("作成方法",),
              group=G_RECORD),
        Field("recorded_on", N_("Record made on"), Kind.DATE, required=True,
              synonyms=("記録作成日", "作成日"), group=G_RECORD),
        Field("provided_on", N_("Provided or received on"), Kind.DATE, required=True,
              list_column=True, synonyms=("提供日", "受領日", "提供年月日"),
              help=N_("For a bulk record or a contract, the first provision of the period."),
              group=G_RECORD),
        Field("last_provided_on", N_("Last provision or receipt"), Kind.DATE,
              synonyms=("最終提供日", "最後の提供日"), group=G_RECORD),
        Field("ongoing", N_("Provisions continue"), Kind.BOOL, default=False,
              help=N_("Bulk or contract provisions still going on: the retention period starts "
                      "after the last one."), group=G_RECORD),
        Field("decision", N_("Sharing decision"), Kind.LINK, link="flow_decisions",
              group=G_RECORD),
        Field("counterparty_name", N_("Name of the recipient or provider"), list_column=True,
              searchable=True, synonyms=("提供先", "提供元", "第三者の氏名又は名称"), group=G_PARTY),
        Field("counterparty_address", N_("Address"), max_length=400, synonyms=("住所",),
              group=G_PARTY),
        Field("counterparty_representative", N_("Representative"),
              synonyms=("代表者", "代表者氏名"), group=G_PARTY),
        Field("unspecified_recipients", N_("Many unspecified recipients"), Kind.BOOL,
              default=False, help=N_("Opt-out provision to many unspecified people (規則20条)."),
              group=G_PARTY),
        Field("subject_identification", N_("Who the data is about"), Kind.LONG_TEXT,
              searchable=True, synonyms=("本人を特定するに足りる事項", "本人", "対象者"),
              help=N_("Names or other details identifying the people (本人を特定するに足りる事項); "
                      "disclosure requests find records by these names."), group=G_CONTENT),
        Field("data_items", N_("Data items"), Kind.LONG_TEXT, searchable=True,
              synonyms=("個人データの項目", "項目"), group=G_CONTENT),
        Field("consent_statement", N_("Consent obtained (how)"), max_length=400,
              synonyms=("本人の同意を得ている旨",), group=G_CONTENT),
        Field("foreign_info_provided", N_("Country, regime and measures explained"), Kind.BOOL,
              default=False, help=N_("Before consent to a foreign recipient (規則17条)."),
              group=G_CONTENT),
        Field("acquisition_history", N_("How the provider acquired it"), max_length=400,
              synonyms=("取得の経緯",), help=N_("Receipt records: confirmed by a contract or "
                                                "other document (規則22条)."), group=G_CONTENT),
        Field("optout_publication", N_("Opt-out published by the PPC"), max_length=400,
              synonyms=("公表されている旨",), group=G_CONTENT),
        Field("assets", N_("Assets"), Kind.LINKS, link="assets", group=G_CONTENT),
        Field("record_needed", N_("Record required by law"), Kind.BOOL, computed=True,
              group=G_RETENTION),
        Field("complete", N_("All required items recorded"), Kind.BOOL, computed=True,
              list_column=True, group=G_RETENTION),
        Field("retention_rule", N_("Retention rule"), computed=True, max_length=30,
              group=G_RETENTION),
        Field("retention_until", N_("Keep until"), Kind.DATE, computed=True, list_column=True,
              help=N_("Computed: 3 years from the record; 1 year after the last provision when a "
                      "contract substitutes; 3 years after the last provision for a bulk record."),
              group=G_RETENTION),
        Field("disposed_on", N_("Record disposed of on"), Kind.DATE, group=G_RETENTION),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)  # fmt: skip

PROVISION_REGISTERS = (FLOW_DECISIONS, PROVISION_RECORDS)
