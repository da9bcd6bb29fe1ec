"""Review and documents: the legal and document registers (E19), operation checks (A.3.7.1) and
the management review (A.3.7.3), with board chapters 13–15."""

from __future__ import annotations

from app.areas import Action, Area, ImportOffer
from app.areas.review.board_checks import operation_check_chapter_lines
from app.areas.review.board_external import external_section
from app.areas.review.board_plan import plan_section
from app.areas.review.board_review import review_section
from app.areas.review.checklist_excel import checklist_import_spec
from app.areas.review.demo import REVIEW_DEMO
from app.areas.review.registers import AREA_REVIEW, DOCUMENTS, LEGAL_REQUIREMENTS
from app.areas.review.registers_checks import OPERATION_CHECK_ITEMS, OPERATION_CHECKS
from app.areas.review.registers_mr import MANAGEMENT_REVIEWS, REVIEW_ACTIONS, REVIEW_INPUTS
from app.areas.review.reminders import review_items
from app.deadlines.bindings import DeadlineBinding
from app.i18n import N_
from app.importing.register_import import RegisterImportSpec

REVIEW_REGISTERS = (
    LEGAL_REQUIREMENTS,
    DOCUMENTS,
    OPERATION_CHECKS,
    OPERATION_CHECK_ITEMS,
    MANAGEMENT_REVIEWS,
    REVIEW_INPUTS,
    REVIEW_ACTIONS,
)

CHAPTER_12_LINES = (operation_check_chapter_lines,)  # registered with the assurance chapter

AREA = Area(
    key="review",
    title=AREA_REVIEW,
    registers=REVIEW_REGISTERS,
    reminders=(review_items,),
    board_sections=(review_section, external_section, plan_section),
    demo=REVIEW_DEMO,
    imports=(
        ImportOffer(checklist_import_spec, rank=30),
        ImportOffer(lambda: RegisterImportSpec(LEGAL_REQUIREMENTS), rank=60),
        ImportOffer(lambda: RegisterImportSpec(DOCUMENTS), rank=60),
    ),
    actions=(
        Action(LEGAL_REQUIREMENTS.key, "law_reviewed", N_("Reviewed today"), "verify", True),
        Action(DOCUMENTS.key, "document_reviewed", N_("Reviewed today"), "verify", True),
        Action(
            OPERATION_CHECKS.key, "new_operation_checks", N_("Create for every department…"), "new"
        ),
        Action(
            OPERATION_CHECKS.key,
            "raise_check_actions",
            N_("Raise corrective actions"),
            "warning",
            per_record=True,
        ),
        Action(
            OPERATION_CHECKS.key,
            "send_checklist",
            N_("Send in Excel…"),
            "export",
            per_record=True,
        ),
        Action(
            OPERATION_CHECKS.key,
            "import_checklist",
            N_("Read the return…"),
            "import",
            per_record=True,
        ),
        Action(
            OPERATION_CHECK_ITEMS.key,
            "raise_answer_action",
            N_("Raise a corrective action"),
            "warning",
            per_record=True,
        ),
        Action(
            MANAGEMENT_REVIEWS.key,
            "gather_review_figures",
            N_("Gather the figures for the inputs"),
            "report",
            per_record=True,
        ),
        Action(
            MANAGEMENT_REVIEWS.key,
            "raise_review_actions",
            N_("Track the action items as corrective actions"),
            "warning",
            per_record=True,
        ),
    ),
    deadline_rules=(
        DeadlineBinding(
            "C-LEGAL",
            register=LEGAL_REQUIREMENTS.key,
            trigger="last_reviewed",
            fallback=("created_at",),
            due_override="next_review_due",
            applies_when="active",
            cycle=True,
        ),
        DeadlineBinding(
            "R-PUBLIC-NOTICE",
            register=DOCUMENTS.key,
            trigger="last_reviewed",
            fallback=("approved_on", "created_at"),
            due_override="next_review_due",
            applies_when="public",
            cycle=True,
        ),
        DeadlineBinding(
            "C-OPCHECK",
            register=OPERATION_CHECKS.key,
            trigger="checked_on",
            group_by="department",
        ),
        DeadlineBinding(
            "C-MR",
            register=MANAGEMENT_REVIEWS.key,
            trigger="held_on",
            applies_when="annual",
            group_by="annual",
        ),
    ),
)
