"""Assurance: audit plans and audits, findings, corrective actions and their effectiveness."""

from __future__ import annotations

from app.areas import Action, Area, ImportOffer
from app.areas.assurance.board import assurance_section
from app.areas.assurance.corrective import (
    ACTION_RULE,
    AREA_ASSURANCE,
    CORRECTIVE_ACTIONS,
    EFFECT_RULE,
)
from app.areas.assurance.coverage import audit_coverage_items
from app.areas.assurance.demo import add_assurance_demo
from app.areas.assurance.registers import ASSURANCE_REGISTERS, AUDITS, FINDINGS
from app.areas.assurance.reminders import audits_to_hold_or_report, findings_without_action
from app.deadlines.bindings import DeadlineBinding
from app.i18n import N_
from app.importing.register_import import RegisterImportSpec

AREA = Area(
    key="assurance",
    title=AREA_ASSURANCE,
    registers=ASSURANCE_REGISTERS,
    reminders=(audit_coverage_items, findings_without_action, audits_to_hold_or_report),
    board_sections=(assurance_section,),
    demo=(add_assurance_demo,),
    imports=(ImportOffer(lambda: RegisterImportSpec(CORRECTIVE_ACTIONS), rank=70),),
    actions=(
        Action(AUDITS.key, "audit_checklist", N_("Build checklist"), "register", per_record=True),
        Action(
            AUDITS.key,
            "checklist_findings",
            N_("Findings from checklist"),
            "register",
            per_record=True,
        ),
        Action(
            FINDINGS.key,
            "finding_action",
            N_("Raise corrective action"),
            "register",
            per_record=True,
        ),
        Action(
            CORRECTIVE_ACTIONS.key,
            "effectiveness_check",
            N_("Record effectiveness check…"),
            "register",
            per_record=True,
        ),
        Action(
            CORRECTIVE_ACTIONS.key,
            "action_chain",
            N_("History of the loop"),
            "info",
            per_record=True,
        ),
    ),
    deadline_rules=(
        DeadlineBinding(
            ACTION_RULE,
            register=CORRECTIVE_ACTIONS.key,
            trigger="raised_on",
            due_override="due_on",
            done_when="completed_on",
        ),
        DeadlineBinding(
            EFFECT_RULE,
            register=CORRECTIVE_ACTIONS.key,
            trigger="completed_on",
            due_override="effectiveness_due",
            done_when="effectiveness_checked_on",
        ),
    ),
)
