"""Sharing and disposal (issue 16): provision and receipt records with the decision helper, joint
use, foreign transfers, anonymised and pseudonymised data, disposal and carry-out records."""

from __future__ import annotations

from app.areas import Action, Area, ImportOffer
from app.areas.sharing.board import sharing_section
from app.areas.sharing.demo import add_sharing_demo
from app.areas.sharing.registers_disposal import DISPOSAL_REGISTERS, DISPOSALS
from app.areas.sharing.registers_joint import JOINT_REGISTERS, JOINT_USE_CHANGES, JOINT_USES
from app.areas.sharing.registers_processed import (
    ANONYMISED_DATASETS,
    ANONYMISED_PROVISIONS,
    FOREIGN_TRANSFERS,
    PROCESSED_REGISTERS,
    PSEUDONYMISED_DATASETS,
)
from app.areas.sharing.registers_provision import (
    AREA_SHARING,
    FLOW_DECISIONS,
    PROVISION_RECORDS,
    PROVISION_REGISTERS,
)
from app.areas.sharing.reminders import sharing_items
from app.deadlines.bindings import DeadlineBinding
from app.i18n import N_
from app.importing.register_import import RegisterImportSpec

AREA = Area(
    key="sharing",
    title=AREA_SHARING,
    registers=(*PROVISION_REGISTERS, *JOINT_REGISTERS, *PROCESSED_REGISTERS, *DISPOSAL_REGISTERS),
    reminders=(sharing_items,),
    board_sections=(sharing_section,),
    demo=(add_sharing_demo,),
    imports=(
        ImportOffer(lambda: RegisterImportSpec(PROVISION_RECORDS), rank=60),
        ImportOffer(lambda: RegisterImportSpec(DISPOSALS), rank=65),
    ),
    actions=(
        Action(FLOW_DECISIONS.key, "decision_helper", N_("Decision helper…"), "info"),
        Action(
            FLOW_DECISIONS.key,
            "record_provision",
            N_("Make its provision record…"),
            "new",
            per_record=True,
        ),
        Action(JOINT_USES.key, "joint_use_notice", N_("Notice text…"), "info", per_record=True),
        Action(
            ANONYMISED_DATASETS.key,
            "anonymised_notice",
            N_("Published text…"),
            "info",
            per_record=True,
        ),
        Action(DISPOSALS.key, "disposal_due", N_("Due for disposal…"), "calendar"),
    ),
    deadline_rules=(
        DeadlineBinding(
            "RET-PROV-END",
            register=PROVISION_RECORDS.key,
            trigger="retention_until",
            done_when="disposed_on",
        ),
        DeadlineBinding(
            "R-JOINTUSE-PRIOR",
            register=JOINT_USE_CHANGES.key,
            trigger="effective_on",
            applies_when="needs_prior_notice",
            done_when="published_on",
        ),
        DeadlineBinding(
            "R-JOINTUSE-ADMIN",
            register=JOINT_USE_CHANGES.key,
            trigger="changed_on",
            applies_when="needs_prompt_notice",
            done_when="published_on",
        ),
        DeadlineBinding(
            "R-FOREIGN-CHECK",
            register=FOREIGN_TRANSFERS.key,
            trigger="last_checked",
            fallback=("started_on",),
            applies_when="needs_check",
            ends_when="stopped_on",
            cycle=True,
        ),
        DeadlineBinding(
            "R-ANON-PUBLISH",
            register=ANONYMISED_DATASETS.key,
            trigger="created_on",
            done_when="items_published_on",
        ),
        DeadlineBinding(
            "R-ANON-PROVIDE",
            register=ANONYMISED_PROVISIONS.key,
            trigger="provided_on",
            done_when="published_on",
        ),
        DeadlineBinding(
            "R-PSEUDO-DELETE",
            register=PSEUDONYMISED_DATASETS.key,
            trigger="no_longer_needed_on",
            done_when="deleted_on",
        ),
    ),
)
