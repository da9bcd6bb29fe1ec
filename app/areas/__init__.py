"""The areas of the PMS, found from one list.

Each area (organisation and people, training, assets and risk, and the ones to come) is a package
under ``app/areas/`` whose ``area`` module builds one ``Area`` object: the registers it owns, its
dashboard reminders, board-report sections, demo data, import specs, actions and deadline rules.
The framework (registry, dashboard, board report, demo, import wizard, main window) reads them from
``all_areas()`` and never names an area. Adding an area is one package plus one line in
``AREA_MODULES``.

The list holds module names, not imports, as Django's ``INSTALLED_APPS`` does: the framework sits
below the areas in the import graph (an area's code imports the framework, never the reverse), so
the areas are loaded by name the first time someone asks for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.deadlines.bindings import DeadlineBinding
    from app.registers.definition import RegisterDef

AREA_MODULES: tuple[str, ...] = (
    "app.areas.organisation.area",
    "app.areas.training.area",
    "app.areas.assets.area",
    "app.areas.contractors.area",
    "app.areas.assurance.area",
    "app.areas.sharing.area",
    "app.areas.incidents.area",
    "app.areas.deadlines.area",
    "app.areas.board.area",
)
"""Every area, in navigation and report order. Adding an area: one line here."""


@dataclass(frozen=True)
class Action:
    """A command an area adds to a register page, described without Qt.

    ``ui/areas.py`` binds each action key to the widget code that carries it out; the page shows
    the button. ``per_record`` actions act on the selected record (their handler gets its id).
    """

    register: str  # the register page that shows it
    key: str  # names the UI handler, e.g. "risk_analysis"
    label: str  # N_() msgid
    icon: str = "register"
    per_record: bool = False


@dataclass(frozen=True)
class ImportOffer:
    """An import the area offers in File › Import and ``main.py import``.

    ``rank`` orders the offers of every area (lower first: the commonest import leads the list).
    """

    factory: Callable[[], Any]  # makes the ImportSpec
    rank: int = 50


@dataclass(frozen=True)
class Area:
    key: str
    title: str  # N_() msgid of the area (its navigation group)
    registers: tuple[RegisterDef, ...] = ()
    reminders: tuple[Callable[..., Any], ...] = ()  # dashboard providers (conn, today) -> items
    board_sections: tuple[Callable[..., Any], ...] = ()  # functions decorated with @section
    demo: tuple[Callable[..., Any], ...] = ()  # (conn, rng, today), each in its own transaction
    imports: tuple[ImportOffer, ...] = ()
    actions: tuple[Action, ...] = ()
    deadline_rules: tuple[DeadlineBinding, ...] = ()  # rules by id; the engine computes dates


@cache
def all_areas() -> tuple[Area, ...]:
    areas = tuple(importlib.import_module(name).AREA for name in AREA_MODULES)
    keys = [area.key for area in areas]
    if len(set(keys)) != len(keys):
        raise ValueError(f"two areas share a key: {keys}")
    return areas


def import_specs() -> list[Any]:
    """Every area's import specs, the commonest first (then in area order)."""
    offers = [offer for area in all_areas() for offer in area.imports]
    return [offer.factory() for offer in sorted(offers, key=lambda offer: offer.rank)]


def area_of_register(register: str) -> Area:
    for area in all_areas():
        if any(defn.key == register for defn in area.registers):
            return area
    raise KeyError(register)
