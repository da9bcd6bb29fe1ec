"""Foreign transfers (E10; 法28条, 規則16–18条) and anonymised and pseudonymised data (E11;
法41–46条, 規則31–37条).

Anonymised data: the processing checklist of 規則34条 ①–⑤ and the safeguards of 規則35条 ①–③ on
the dataset, the items published without delay after it is made (規則36条, R-ANON-PUBLISH), and
each provision as a child record whose publication of the items and the method must precede it
(規則37条, R-ANON-PROVIDE; refused otherwise unless the reason is recorded, then flagged) with the
notice to the recipient that the data is anonymised (明示, 43条4項).
Pseudonymised data: its deletion once no longer needed (法41条5項, R-PSEUDO-DELETE).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.sharing.registers_provision import AREA_SHARING
from app.areas.sharing.timing import anon_provision_in_time, published_promptly
from app.dates import show_date
from app.deadlines.engine import cycle_date
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind

CHECKED_SYSTEM = frozenset({"system_contract", "system_certified"})  # 規則18条: periodic check
INFO_ITEMS = ("info_country", "info_regime", "info_measures")
STEPS = (
    ("step1", N_("① Identifying descriptions deleted or replaced")),
    ("step2", N_("② Individual identification codes all deleted")),
    ("step3", N_("③ Codes linking to the original data deleted")),
    ("step4", N_("④ Unusual descriptions deleted")),
    ("step5", N_("⑤ Other measures for the dataset's characteristics")),
)
SAFEGUARDS = (
    ("safeguard_roles", N_("① Roles and responsibilities for the processing method defined")),
    ("safeguard_rules", N_("② Rules for handling it, with evaluation and improvement")),
    ("safeguard_access", N_("③ Access by unauthorised persons prevented")),
)
ANON_STATEMENT = (
    "当会は、組合員の利用状況に関する情報を、特定の個人を識別できず、復元できないように加工した"
    "匿名加工情報として、次のとおり取引先に提供します。"
)
G_CHECKLIST = N_("Processing (rule 34)")
G_SAFEGUARDS = N_("Safeguards for the processing method (rule 35)")
G_INFO = N_("Information given to the people (rule 17)")
G_CHECK = N_("Periodic check (rule 18)")


def _foreign_derive(values: Mapping[str, Any]) -> dict[str, Any]:
    basis = values.get("basis")
    needs_check = basis in CHECKED_SYSTEM
    last = values.get("last_checked") or values.get("started_on")
    complete = True
    if basis == "consent":
        complete = all(values.get(key) for key in INFO_ITEMS) and bool(values.get("info_given_on"))
    elif needs_check:
        complete = bool(values.get("equivalent_measures"))
    return {
        "needs_check": needs_check,
        "next_check_due": cycle_date("R-FOREIGN-CHECK", last) if needs_check else None,
        "complete": complete,
    }


def _foreign_checks(values: Mapping[str, Any]) -> dict[str, str]:
    given, consent = values.get("info_given_on"), values.get("consent_on")
    if given and consent and consent < given:
        return {"consent_on": _("consent comes after the information is given (rule 17)")}
    stopped, started = values.get("stopped_on"), values.get("started_on")
    if stopped and started and stopped < started:
        return {"stopped_on": _("the transfer cannot stop before it started")}
    return {}


FOREIGN_TRANSFERS = RegisterDef(
    key="foreign_transfers",
    table="foreign_transfer",
    title=N_("Foreign transfers"),
    item_title=N_("Foreign transfer"),
    area=AREA_SHARING,
    human_key="ref",
    display="recipient",
    default_sort="ref",
    derive=_foreign_derive,
    checks=(_foreign_checks,),
    indexes=(("next_check_due",),),
    fields=(
        Field("ref", N_("Reference"), Kind.CODE, required=True, unique=True, max_length=30,
              list_column=True),
        Field("country", N_("Country or region"), required=True, list_column=True,
              searchable=True),
        Field("recipient", N_("Recipient"), required=True, list_column=True, searchable=True),
        Field("basis", N_("Basis"), Kind.CHOICE, catalogue="FOREIGN_BASIS", required=True,
              list_column=True),
        Field("purpose", N_("What is transferred and why"), Kind.LONG_TEXT, searchable=True),
        Field("started_on", N_("Started on"), Kind.DATE),
        Field("assets", N_("Assets"), Kind.LINKS, link="assets"),
        Field("provision_record", N_("Provision record"), Kind.LINK, link="provision_records"),
        Field("info_country", N_("Name of the country"), Kind.BOOL, default=False, group=G_INFO),
        Field("info_regime", N_("The country's data-protection regime"), Kind.BOOL,
              default=False, group=G_INFO),
        Field("info_measures", N_("The recipient's measures"), Kind.BOOL, default=False,
              group=G_INFO),
        Field("info_given_on", N_("Information given on"), Kind.DATE, group=G_INFO),
        Field("info_method", N_("How it was given"), max_length=400, group=G_INFO),
        Field("consent_on", N_("Consent obtained on"), Kind.DATE, group=G_INFO),
        Field("equivalent_measures", N_("Equivalent measures (contract, certification)"),
              Kind.LONG_TEXT, group=G_CHECK),
        Field("regime_notes", N_("Foreign regime affecting the measures"), Kind.LONG_TEXT,
              help=N_("See the PPC's survey of foreign regimes."), group=G_CHECK),
        Field("last_checked", N_("Last checked on"), Kind.DATE, group=G_CHECK),
        Field("needs_check", N_("Periodic check needed"), Kind.BOOL, computed=True,
              group=G_CHECK),
        Field("next_check_due", N_("Next check due"), Kind.DATE, computed=True,
              list_column=True, group=G_CHECK),
        Field("complete", N_("Required information recorded"), Kind.BOOL, computed=True,
              list_column=True),
        Field("stopped_on", N_("Transfer stopped on"), Kind.DATE,
              help=N_("Stop when the equivalent measures can no longer be assured (rule 18).")),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)  # fmt: skip


def _steps_done(values: Mapping[str, Any]) -> bool:
    return all(values.get(key) in ("done", "na") for key, _label in STEPS)


def _anon_derive(values: Mapping[str, Any]) -> dict[str, Any]:
    published = values.get("items_published_on")
    return {
        "published_promptly": None
        if published is None
        else published_promptly(values.get("created_on"), published),
        "checklist_complete": _steps_done(values),
        "safeguards_complete": all(values.get(key) for key, _label in SAFEGUARDS),
    }


def _anon_checks(values: Mapping[str, Any]) -> dict[str, str]:
    errors = {}
    for key, _label in STEPS:
        if values.get(key) == "done" and not values.get(f"{key}_method"):
            errors[f"{key}_method"] = _("say how this step was done")
    published, created = values.get("items_published_on"), values.get("created_on")
    if published and created and published < created:
        errors["items_published_on"] = _(
            "the items are published after the anonymised data is made (rule 36)"
        )
    return errors


def _step_fields() -> tuple[Field, ...]:
    fields: list[Field] = []
    for key, label in STEPS:
        fields.append(Field(key, label, Kind.CHOICE, catalogue="CHECK_STATE", default="pending",
                            group=G_CHECKLIST))  # fmt: skip
        fields.append(Field(f"{key}_method", N_("How"), max_length=400, group=G_CHECKLIST))
    return tuple(fields)


ANONYMISED_DATASETS = RegisterDef(
    key="anonymised_datasets",
    table="anonymised_dataset",
    title=N_("Anonymised datasets"),
    item_title=N_("Anonymised dataset"),
    area=AREA_SHARING,
    human_key="code",
    display="name",
    default_sort="code",
    derive=_anon_derive,
    checks=(_anon_checks,),
    fields=(
        Field("code", N_("Code"), Kind.CODE, required=True, unique=True, max_length=20,
              list_column=True),
        Field("name", N_("Dataset"), required=True, list_column=True, searchable=True),
        Field("source_assets", N_("Made from (assets)"), Kind.LINKS, link="assets"),
        Field("created_on", N_("Made on"), Kind.DATE, required=True, list_column=True),
        Field("processor", N_("Processed by"), max_length=200,
              help=N_("In house, or the contractor that processed it.")),
        Field("included_items", N_("Items it contains"), Kind.LONG_TEXT, required=True,
              searchable=True, help=N_("As published, e.g. 生年、性別、居住エリア、生協加入年、購買履歴")),
        Field("provision_methods", N_("Methods of provision (published)"), Kind.MULTI_CHOICE,
              catalogue="ANON_PROVISION_METHOD",
              help=N_("Published with the items before any provision (rule 37).")),
        Field("statement", N_("Opening of the published text"), Kind.LONG_TEXT,
              default=ANON_STATEMENT),
        *_step_fields(),
        *(Field(key, label, Kind.BOOL, default=False, group=G_SAFEGUARDS)
          for key, label in SAFEGUARDS),
        Field("checklist_complete", N_("Processing checklist complete"), Kind.BOOL,
              computed=True, list_column=True),
        Field("safeguards_complete", N_("Safeguards in place"), Kind.BOOL, computed=True),
        Field("items_published_on", N_("Items published on"), Kind.DATE, list_column=True,
              help=N_("Publish the items without delay after making the data (rule 36).")),
        Field("published_promptly", N_("Items published without delay"), Kind.BOOL,
              computed=True, help=N_("Within 30 days of making the data (Mamori's reading of 遅滞なく).")),
        Field("publication_url", N_("Where it is published"), Kind.URL),
        Field("safeguards_publication", N_("Safeguards and complaint handling published at"),
              max_length=400, help=N_("Art. 43(6): publish the measures taken (effort).")),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)  # fmt: skip


def _anon_provision_derive(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "published_before": anon_provision_in_time(
            values.get("published_on"), values.get("provided_on")
        ),
        "notice_given": bool(values.get("notice_method")) and values.get("notice_on") is not None,
    }


def _anon_provision_checks(values: Mapping[str, Any]) -> dict[str, str]:
    published, provided = values.get("published_on"), values.get("provided_on")
    late = published is not None and not anon_provision_in_time(published, provided)
    if late and not values.get("late_reason"):
        return {
            "published_on": _(
                "the items and the method of provision must be published before anonymised "
                "data is provided (rule 37): by {day} at the latest, or record why it was not"
            ).format(day=show_date(provided))
        }
    notice = values.get("notice_on")
    if notice and provided and notice > provided:
        return {"notice_on": _("tell the recipient that the data is anonymised when providing it")}
    return {}


ANONYMISED_PROVISIONS = RegisterDef(
    key="anonymised_provisions",
    table="anonymised_provision",
    parent="dataset",
    title=N_("Provisions of anonymised data"),
    item_title=N_("Provision of anonymised data"),
    area=AREA_SHARING,
    human_key="dataset",
    display="recipient",
    default_sort="provided_on",
    derive=_anon_provision_derive,
    checks=(_anon_provision_checks,),
    fields=(
        Field("dataset", N_("Anonymised dataset"), Kind.LINK, link="anonymised_datasets",
              required=True, list_column=True),
        Field("recipient", N_("Recipient"), required=True, list_column=True, searchable=True),
        Field("provided_on", N_("Provided on"), Kind.DATE, required=True, list_column=True),
        Field("method", N_("Method of provision"), Kind.CHOICE,
              catalogue="ANON_PROVISION_METHOD", list_column=True),
        Field("published_on", N_("Items and method published on"), Kind.DATE, list_column=True),
        Field("late_reason", N_("Why it was not published before"), max_length=400),
        Field("notice_method", N_("Recipient told by"), Kind.CHOICE,
              catalogue="EXPLICIT_NOTICE_METHOD"),
        Field("notice_on", N_("Recipient told on"), Kind.DATE),
        Field("no_reidentification_clause", N_("Contract forbids re-identification"), Kind.BOOL,
              default=False),
        Field("published_before", N_("Published before the provision"), Kind.BOOL,
              computed=True, list_column=True),
        Field("notice_given", N_("Recipient told"), Kind.BOOL, computed=True, list_column=True),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)  # fmt: skip


def _pseudo_checks(values: Mapping[str, Any]) -> dict[str, str]:
    created = values.get("created_on")
    for key in ("no_longer_needed_on", "deleted_on"):
        if values.get(key) and created and values[key] < created:
            return {key: _("this date is before the data was made")}
    if values.get("deleted_on") and not values.get("no_longer_needed_on"):
        return {"no_longer_needed_on": _("say from when the data was no longer needed")}
    return {}


PSEUDONYMISED_DATASETS = RegisterDef(
    key="pseudonymised_datasets",
    table="pseudonymised_dataset",
    title=N_("Pseudonymised datasets"),
    item_title=N_("Pseudonymised dataset"),
    area=AREA_SHARING,
    human_key="code",
    display="name",
    default_sort="code",
    checks=(_pseudo_checks,),
    fields=(
        Field("code", N_("Code"), Kind.CODE, required=True, unique=True, max_length=20,
              list_column=True),
        Field("name", N_("Dataset"), required=True, list_column=True, searchable=True),
        Field("source_assets", N_("Made from (assets)"), Kind.LINKS, link="assets"),
        Field("created_on", N_("Made on"), Kind.DATE, required=True, list_column=True),
        Field("purposes", N_("Purposes of use"), Kind.LONG_TEXT, required=True, searchable=True),
        Field("purposes_published_on", N_("Purposes published on"), Kind.DATE),
        Field("processing_done", N_("Processed as rule 31 requires"), Kind.BOOL, default=False),
        Field("deletion_info_safeguards", N_("Deleted descriptions kept safe (rule 32)"),
              Kind.BOOL, default=False),
        Field("no_longer_needed_on", N_("No longer needed from"), Kind.DATE, list_column=True),
        Field("deleted_on", N_("Deleted on"), Kind.DATE, list_column=True,
              help=N_("The data and the deleted descriptions (削除情報等), art. 41(5).")),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)  # fmt: skip

PROCESSED_REGISTERS = (
    FOREIGN_TRANSFERS,
    ANONYMISED_DATASETS,
    ANONYMISED_PROVISIONS,
    PSEUDONYMISED_DATASETS,
)
