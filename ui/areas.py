"""The UI side of the areas: custom pages and the handlers of area actions, by area key.

``app.areas`` declares what an area owns without Qt; an area that needs more than the generic
register pages adds its pages here (shown first in its navigation group) and binds each of its
``Action`` keys to a handler of the main window. Areas without custom screens need no entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.i18n import N_
from ui.contractors.actions import questionnaire_handler, questionnaires_due_handler
from ui.coverage_page import CoveragePage
from ui.heat_map_page import HeatMapPage

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


COVERAGE = "coverage"
HEATMAP = "heatmap"

UI_AREAS: dict[str, UiArea] = {
    "training": UiArea(
        pages=(CustomPage(COVERAGE, N_("Training coverage"), "coverage", _coverage_page),)
    ),
    "assets": UiArea(
        pages=(CustomPage(HEATMAP, N_("Risk heat map"), "heatmap", _heat_map_page),),
        handlers={
            "risk_analysis": lambda window: window.open_risk_editor,
            "export_ledger": lambda window: window.export_ledger,
            "public_notice": lambda window: window.show_notice,
        },
    ),
    "contractors": UiArea(
        handlers={
            "questionnaire": questionnaire_handler,
            "questionnaires_due": questionnaires_due_handler,
        }
    ),
}


def ui_area(key: str) -> UiArea:
    return UI_AREAS.get(key, UiArea())
