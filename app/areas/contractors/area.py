"""Outsourcing contractors (委託先の監督, APPI art. 25; JIS A.3.4.3.4)."""

from __future__ import annotations

from app.areas import Action, Area, ImportOffer
from app.areas.contractors.board import contractors_section
from app.areas.contractors.demo import add_contractor_demo
from app.areas.contractors.questionnaire import questionnaire_import_spec
from app.areas.contractors.registers import (
    AREA_CONTRACTORS,
    CONTRACTOR_REGISTERS,
    CONTRACTORS,
    CONTRACTS,
    EVALUATIONS,
    IMPROVEMENTS,
)
from app.areas.contractors.reminders import contract_retention_items, contractor_items
from app.deadlines.bindings import DeadlineBinding
from app.i18n import N_

AREA = Area(
    key="contractors",
    title=AREA_CONTRACTORS,
    registers=CONTRACTOR_REGISTERS,
    reminders=(contractor_items, contract_retention_items),
    board_sections=(contractors_section,),
    demo=(add_contractor_demo,),
    imports=(ImportOffer(questionnaire_import_spec, rank=60),),
    actions=(
        Action(CONTRACTORS.key, "questionnaire", N_("Questionnaire…"), "export", per_record=True),
        Action(CONTRACTORS.key, "questionnaires_due", N_("Questionnaires due…"), "export"),
    ),
    deadline_rules=(
        DeadlineBinding(
            "C-CONTRACTOR",
            register=EVALUATIONS.key,
            trigger="evaluated_on",
            due_override="next_evaluation_due",
            group_by="contractor",
        ),
        DeadlineBinding(
            "C-CONTRACTOR-CERT",
            register=CONTRACTORS.key,
            trigger="certification_expiry",
            ends_when="ended_on",
        ),
        DeadlineBinding(
            "R-FOREIGN-CHECK",
            register=CONTRACTORS.key,
            trigger="foreign_checked_on",
            applies_when="processes_abroad",
            ends_when="ended_on",
            cycle=True,
        ),
        DeadlineBinding(
            "C-CONTRACT-END", register=CONTRACTS.key, trigger="term_end", ends_when="terminated_on"
        ),
        DeadlineBinding(
            "C-IMPROVEMENT", register=IMPROVEMENTS.key, trigger="due_on", done_when="closed_on"
        ),
    ),
)
