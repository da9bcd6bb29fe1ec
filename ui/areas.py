"""The UI side of the areas: custom pages and the handlers of area actions, by area key.

``app.areas`` declares what an area owns without Qt; an area that needs more than the generic
register pages adds its pages here (shown first in its navigation group) and binds each of its
``Action`` keys to a handler of the main window. Areas without custom screens need no entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from app.areas.assurance.coverage import COVERAGE_PAGE
from app.i18n import N_
from ui import review_actions, review_checklist
from ui.assurance import handlers as assurance
from ui.assurance.coverage_page import AuditCoveragePage
from ui.assurance.dialogs import chain_panel
from ui.contractors.actions import questionnaire_handler, questionnaires_due_handler
from ui.coverage_page import CoveragePage
from ui.form_panels import register_form_panel
from ui.heat_map_page import HeatMapPage
from ui.incidents.actions import assessment_handler, open_corrective_action, open_ppc_draft
from ui.requests import handlers as requests_ui
from ui.sharing_dialogs import (
    anonymised_notice_handler,
    decision_helper,
    disposal_due_handler,
    joint_use_notice_handler,
    record_provision_handler,
)

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.pages import Page

PageFactory = Callable[["MainWindow"], "Page"]
HandlerFactory = Callable[["MainWindow"], Callable[..., Any]]


@dataclass(frozen=True)
class CustomPage:
    key: str
    title: str  # N_() msgid
    icon: str
    factory: PageFactory


@dataclass(frozen=True)
class UiArea:
    pages: tuple[CustomPage, ...] = ()
    handlers: dict[str, HandlerFactory] = field(default_factory=dict)  # Action.key -> handler


def _coverage_page(window: MainWindow) -> Page:
    coverage = CoveragePage(window.session, today=window.today(), background=True)
    coverage.open_record.connect(window.open_record)
    coverage.import_requested.connect(window.open_import_wizard)
    return coverage


def _heat_map_page(window: MainWindow) -> Page:
    heat_map = HeatMapPage(window.session)
    heat_map.open_record.connect(window.open_record)
    heat_map.analysis_requested.connect(window.open_risk_editor)
    return heat_map


def _audit_coverage_page(window: MainWindow) -> Page:
    page = AuditCoveragePage(window.session, today=window.today)
    page.open_record.connect(window.open_record)
    return page


COVERAGE = "coverage"
HEATMAP = "heatmap"
AUDIT_COVERAGE = COVERAGE_PAGE

UI_AREAS: dict[str, UiArea] = {
    "training": UiArea(
        pages=(CustomPage(COVERAGE, N_("Training coverage"), "coverage", _coverage_page),)
    ),
    "review": UiArea(
        handlers={
            "new_operation_checks": review_actions.new_checks,
            "raise_check_actions": review_actions.raise_check_actions,
            "raise_answer_action": review_actions.raise_answer_action,
            "gather_review_figures": review_actions.gather_review_figures,
            "raise_review_actions": review_actions.raise_review_items,
            "law_reviewed": lambda window: review_actions.mark_reviewed(
                window, "legal_requirements"
            ),
            "document_reviewed": lambda window: review_actions.mark_reviewed(window, "documents"),
            "send_checklist": review_checklist.send,
            "import_checklist": review_checklist.read_back,
        }
    ),
    "assets": UiArea(
        pages=(CustomPage(HEATMAP, N_("Risk heat map"), "heatmap", _heat_map_page),),
        handlers={
            "risk_analysis": lambda window: window.open_risk_editor,
            "export_ledger": lambda window: window.export_ledger,
            "public_notice": lambda window: window.show_notice,
        },
    ),
    "assurance": UiArea(
        pages=(CustomPage(AUDIT_COVERAGE, N_("Audit coverage"), "coverage", _audit_coverage_page),),
        handlers={
            "audit_checklist": assurance.build_checklist_handler,
            "checklist_findings": assurance.checklist_findings_handler,
            "finding_action": assurance.finding_action_handler,
            "effectiveness_check": assurance.effectiveness_handler,
            "action_chain": assurance.chain_handler,
        },
    ),
    "incidents": UiArea(
        handlers={
            "assess_reportability": assessment_handler,
            "ppc_report_draft": lambda window: partial(open_ppc_draft, window),
            "raise_corrective_action": lambda window: partial(open_corrective_action, window),
        },
    ),
    "sharing": UiArea(
        handlers={
            "decision_helper": decision_helper,
            "record_provision": record_provision_handler,
            "joint_use_notice": joint_use_notice_handler,
            "anonymised_notice": anonymised_notice_handler,
            "disposal_due": disposal_due_handler,
        }
    ),
    "requests": UiArea(
        pages=(
            CustomPage("retention_purge", N_("Retention purge"), "delete", requests_ui.purge_page),
        ),
        handlers={
            "request_clock": requests_ui.clock_handler,
            "find_provision_records": requests_ui.provision_handler,
            "raise_corrective_action": requests_ui.corrective_action_handler,
        },
    ),
    "contractors": UiArea(
        handlers={
            "questionnaire": questionnaire_handler,
            "questionnaires_due": questionnaires_due_handler,
        }
    ),
}


register_form_panel("corrective_actions", chain_panel)


def ui_area(key: str) -> UiArea:
    return UI_AREAS.get(key, UiArea())
