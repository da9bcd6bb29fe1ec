"""Extra read-only panels an area shows at the bottom of one register's record form.

``ui/areas.py`` registers them by register key (the corrective action's loop history); the record
form asks ``panels_for`` when it opens a stored record. A panel reads through ``app/`` use cases
like any page; it is rebuilt when the form is opened again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.session import Session

PanelFactory = Callable[["Session", int, "QWidget"], "QWidget | None"]
_PANELS: dict[str, list[PanelFactory]] = {}


def register_form_panel(register: str, factory: PanelFactory) -> None:
    found = _PANELS.setdefault(register, [])
    if factory not in found:
        found.append(factory)


def panels_for(register: str) -> list[PanelFactory]:
    return list(_PANELS.get(register, ()))
