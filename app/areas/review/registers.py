"""The legal register (法令等の特定, JIS A.3.3.2) and the document register (文書, A.3.5), E19.

A law, guideline or standard is kept with its version and the date it took effect, who watches
it, when it was last reviewed and when the next review falls due (rule C-LEGAL). A document
(policy, public notice, rule, procedure, form, record) is kept with its version, approval, owner,
retention and location; the public ones (the 32条 notice, the privacy policy) are reviewed every
year (R-PUBLIC-NOTICE) and, through ``change_triggers``, whenever what they describe changes
(``app.areas.review.changes``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind

AREA_REVIEW = N_("Review and documents")


def _review_after_version(values: Mapping[str, Any]) -> dict[str, str]:
    reviewed, due = values.get("last_reviewed"), values.get("next_review_due")
    if reviewed and due and due <= reviewed:
        return {"next_review_due": _("the next review must come after the last one")}
    return {}


def _approval_pair(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("approved_by") and not values.get("approved_on"):
        return {"approved_on": _("give the date of the approval")}
    return {}


LEGAL_REQUIREMENTS = RegisterDef(
    key="legal_requirements",
    table="legal_requirement",
    title=N_("Legal register"),
    item_title=N_("Law or standard"),
    area=AREA_REVIEW,
    human_key="code",
    display="name",
    default_sort="code",
    checks=(_review_after_version,),
    icon="register",
    fields=(
        Field(
            "code",
            N_("Code"),
            Kind.CODE,
            required=True,
            unique=True,
            list_column=True,
            max_length=20,
            synonyms=("番号", "管理番号", "No"),
        ),
        Field(
            "name",
            N_("Law or standard"),
            required=True,
            list_column=True,
            searchable=True,
            synonyms=("法令名", "名称", "法令・規範", "規範名"),
        ),
        Field(
            "legal_type",
            N_("Kind"),
            Kind.CHOICE,
            catalogue="LEGAL_TYPE",
            required=True,
            list_column=True,
            synonyms=("種類", "種別", "区分"),
        ),
        Field("issuer", N_("Issued by"), searchable=True, synonyms=("所管", "制定者", "発行元")),
        Field(
            "version",
            N_("Version or amendment"),
            list_column=True,
            max_length=120,
            synonyms=("版", "改正", "最終改正"),
        ),
        Field(
            "version_date",
            N_("In force since"),
            Kind.DATE,
            list_column=True,
            help=N_("The date the current version took effect (施行日・改正日)."),
            synonyms=("施行日", "改正日", "最終改正日"),
        ),
        Field("relevance", N_("Where it applies"), Kind.LONG_TEXT, searchable=True),
        Field("requirements", N_("Main requirements"), Kind.LONG_TEXT, searchable=True),
        Field(
            "impact",
            N_("Impact of the latest change"),
            Kind.LONG_TEXT,
            help=N_("What the latest amendment changes for the co-op and what was done about it."),
        ),
        Field("owner", N_("Owner"), Kind.LINK, link="people", list_column=True),
        Field("last_reviewed", N_("Last reviewed"), Kind.DATE, list_column=True),
        Field(
            "next_review_due",
            N_("Next review due"),
            Kind.DATE,
            list_column=True,
            help=N_("Leave empty for a year after the last review."),
        ),
        Field("url", N_("Web address"), Kind.URL, max_length=400),
        Field("active", N_("In use"), Kind.BOOL, default=True, list_column=True),
    ),
)

DOCUMENTS = RegisterDef(
    key="documents",
    table="pms_document",
    title=N_("Documents and rules"),
    item_title=N_("Document"),
    area=AREA_REVIEW,
    human_key="code",
    display="title",
    default_sort="code",
    checks=(_review_after_version, _approval_pair),
    icon="register",
    fields=(
        Field(
            "code",
            N_("Code"),
            Kind.CODE,
            required=True,
            unique=True,
            list_column=True,
            max_length=20,
            synonyms=("文書番号", "管理番号", "No"),
        ),
        Field(
            "title",
            N_("Document name"),
            required=True,
            list_column=True,
            searchable=True,
            synonyms=("文書名", "名称", "規程名"),
        ),
        Field(
            "category",
            N_("Category"),
            Kind.CHOICE,
            catalogue="DOC_CATEGORY",
            required=True,
            list_column=True,
            synonyms=("区分", "種類", "文書区分"),
        ),
        Field("version", N_("Edition"), list_column=True, max_length=60, synonyms=("版",)),
        Field("approved_by", N_("Approved by"), Kind.LINK, link="people"),
        Field(
            "approved_on",
            N_("Approved on"),
            Kind.DATE,
            list_column=True,
            synonyms=("承認日", "制定日", "改定日"),
        ),
        Field("owner", N_("Owner"), Kind.LINK, link="people", list_column=True),
        Field(
            "retention_period",
            N_("Retention period"),
            max_length=100,
            synonyms=("保存期間", "保管期間"),
        ),
        Field("disposal_rule", N_("Disposal rule"), max_length=200, synonyms=("廃棄方法",)),
        Field("location", N_("Kept at"), max_length=200, synonyms=("保管場所", "所在")),
        Field("url", N_("Web address"), Kind.URL, max_length=400),
        Field(
            "public",
            N_("Published"),
            Kind.BOOL,
            default=False,
            list_column=True,
            help=N_(
                "Published documents (the article 32 notice, the privacy policy) are re-checked "
                "every year."
            ),
        ),
        Field(
            "change_triggers",
            N_("Review when these change"),
            Kind.MULTI_CHOICE,
            catalogue="DOC_CHANGE_TRIGGER",
            help=N_("Mamori reminds you to review the document after any such change."),
        ),
        Field("last_reviewed", N_("Last reviewed"), Kind.DATE, list_column=True),
        Field("next_review_due", N_("Next review due"), Kind.DATE),
        Field("active", N_("In use"), Kind.BOOL, default=True),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)
