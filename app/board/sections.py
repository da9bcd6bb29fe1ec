"""The board report's sections, contributed by each register area.

A provider is a function ``(conn, period, language) -> Section`` decorated with
``@section(order, key, title)`` and listed in its area's ``Area.board_sections``. The order decides
where the chapter goes (organisation 10, assets 20, risk 30, controls 40, training 50; later
registers take 60 and up). Every text a provider returns is in the report's ``language``
(``gettext_in``), never the UI's. A section with no data returns ``Section(..., empty=...)``.

Also here: the small helpers the providers share (percentages, traffic lights, label look-ups).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from app.areas import all_areas
from app.board.period import Period
from app.board.snapshot import Kpi, Section, Status
from app.catalogues import choices
from app.i18n import gettext_in
from app.storage.database import Connection

Provider = Callable[[Connection, Period, str], Section]


@dataclass(frozen=True)
class SectionDef:
    key: str
    order: int
    title: str  # msgid, translated with gettext_in(language, title)
    function: Provider


_DEFINITIONS: dict[Provider, SectionDef] = {}


def section(order: int, key: str, title: str) -> Callable[[Provider], Provider]:
    """Declare ``function`` the provider of chapter ``key``; its area lists it."""

    def declare(function: Provider) -> Provider:
        _DEFINITIONS[function] = SectionDef(key, order, title, function)
        return function

    return declare


def all_sections() -> list[SectionDef]:
    found: dict[str, SectionDef] = {}
    for area in all_areas():
        for function in area.board_sections:
            definition = _DEFINITIONS[function]
            if definition.key in found:
                raise ValueError(f"two board sections share the key {definition.key}")
            found[definition.key] = definition
    return sorted(found.values(), key=lambda s: (s.order, s.key))


def section_choices(language: str) -> list[tuple[str, str]]:
    """(key, title) of every chapter in report order, for a GUI or CLI to choose from."""
    return [(s.key, gettext_in(language, s.title)) for s in all_sections()]


def selected(keys: Iterable[str] | None) -> list[SectionDef]:
    sections = all_sections()
    if keys is None:
        return sections
    wanted = list(keys)
    known = {s.key for s in sections}
    unknown = [key for key in wanted if key not in known]
    if unknown:
        raise KeyError(", ".join(unknown))
    return [s for s in sections if s.key in wanted]


# --- helpers shared by the providers -------------------------------------------------------------


def translator(language: str) -> Callable[[str], str]:
    """``t = translator(language)``; then ``t(N_("..."))`` for every text of a section."""
    return partial(gettext_in, language)


def percent(numerator: int, denominator: int) -> float | None:
    """A share as a percentage with one decimal, or None when there is nothing to divide by."""
    return round(numerator * 100 / denominator, 1) if denominator else None


def ratio(numerator: int, denominator: int) -> float | None:
    """A 0..1 share for a table cell of kind "percent", or None when there is nothing to divide."""
    return round(numerator / denominator, 4) if denominator else None


def share(numerator: int, denominator: int) -> float:
    """A 0..1 share for a chart bar (0 when there is nothing to divide by)."""
    return round(numerator / denominator, 4) if denominator else 0.0


def status_at_least(value: float | None, good: float, watch: float) -> Status:
    """Traffic light for a figure that should be high (e.g. completion %)."""
    if value is None:
        return "none"
    if value >= good:
        return "good"
    return "watch" if value >= watch else "bad"


def status_at_most(value: float | None, good: float, watch: float) -> Status:
    """Traffic light for a figure that should be low (e.g. overdue people)."""
    if value is None:
        return "none"
    if value <= good:
        return "good"
    return "watch" if value <= watch else "bad"


def labels(conn: Connection, catalogue: str, language: str) -> dict[str, str]:
    """code -> label of a catalogue in the report's language (inactive items included)."""
    return dict(choices(conn, catalogue, language=language, include_inactive=True))


def ordered_codes(conn: Connection, catalogue: str) -> list[str]:
    return [code for code, _label in choices(conn, catalogue, include_inactive=True)]


def kpi(
    label: str,
    value: float | int | str | None,
    *,
    unit: str = "",
    target: str = "",
    status: Status = "none",
    definition: str = "",
    previous: float | int | str | None = None,
) -> Kpi:
    return Kpi(label, value, unit, target, status, definition, previous)
