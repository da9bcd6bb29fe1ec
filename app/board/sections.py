"""The board report's sections, contributed by each register area.

A provider is a function ``(conn, period, language) -> Section`` decorated with
``@section(order, key, title)`` and listed in its area's ``Area.board_sections``. The order decides
where the chapter goes (organisation 10, assets 20, risk 30, controls 40, training 50; chapters
8–15 of domain §5 are reserved at 80–150 in ``PLANNED_CHAPTERS`` and print "not yet recorded"
until an area lists a section of the same key; ``@named_annex(key)`` adds the tables that name
people, printed only on request). Every text a provider returns is in the report's ``language``
(``gettext_in``), never the UI's. A section with no data returns ``Section(..., empty=...)``.

Also here: the small helpers the providers share (percentages, traffic lights, label look-ups).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from app.areas import all_areas
from app.board.period import Period
from app.board.snapshot import Kpi, Section, Status, Table
from app.catalogues import choices
from app.i18n import N_, gettext_in, ngettext_in
from app.storage.database import Connection

Provider = Callable[[Connection, Period, str], Section]


@dataclass(frozen=True)
class SectionDef:
    key: str
    order: int
    title: str  # msgid, translated with gettext_in(language, title)
    function: Provider


_DEFINITIONS: dict[Provider, SectionDef] = {}
NamedAnnex = Callable[[Connection, Period, str], list[Table]]
_NAMED: dict[str, NamedAnnex] = {}

# Chapters 8–15 of the board report outline (domain §5). Until an area declares the chapter with
# ``@section(order, key, title)`` (its own provider replaces this entry), the report prints it
# saying plainly that Mamori does not record the area yet: silence must not read as "none".
PLANNED_CHAPTERS: tuple[tuple[int, str, str], ...] = (
    (80, "contractors", N_("Outsourcing contractors")),
    (90, "sharing", N_("Provision to third parties, joint use and processed data")),
    (100, "requests", N_("Data-subject requests and complaints")),
    (110, "incidents", N_("Incidents")),
    (120, "assurance", N_("Operation checks and audits")),
    (130, "management_review", N_("Management review")),
    (140, "external", N_("External environment")),
    (150, "plan", N_("Plan for the next year")),
)
MSG_NOT_RECORDED = N_(
    "Mamori does not record this area yet, so this report gives no figures for it. This is not "
    "a statement that there was nothing to report: the privacy officer reports on it separately."
)


def section(order: int, key: str, title: str) -> Callable[[Provider], Provider]:
    """Declare ``function`` the provider of chapter ``key``; its area lists it."""

    def declare(function: Provider) -> Provider:
        _DEFINITIONS[function] = SectionDef(key, order, title, function)
        return function

    return declare


def named_annex(key: str) -> Callable[[NamedAnnex], NamedAnnex]:
    """Register the tables that name people for chapter ``key``; only an explicit, audited
    choice ("named annex") prints them. A chapter's own tables never name anyone."""

    def register(function: NamedAnnex) -> NamedAnnex:
        _NAMED[key] = function
        return function

    return register


def named_annex_tables(conn: Connection, period: Period, language: str, keys: set[str]) -> list:
    return [
        table
        for key, function in sorted(_NAMED.items())
        if key in keys
        for table in function(conn, period, language)
    ]


def _not_recorded(key: str, title: str) -> SectionDef:
    def provider(conn: Connection, period: Period, language: str) -> Section:
        t = translator(language)
        return Section(key, t(title), "", empty=t(MSG_NOT_RECORDED), recorded=False)

    return SectionDef(key, 0, title, provider)


def all_sections() -> list[SectionDef]:
    found: dict[str, SectionDef] = {}
    for area in all_areas():
        for function in area.board_sections:
            definition = _DEFINITIONS[function]
            if definition.key in found:
                raise ValueError(f"two board sections share the key {definition.key}")
            found[definition.key] = definition
    for order, key, title in PLANNED_CHAPTERS:
        if key not in found:
            placeholder = _not_recorded(key, title)
            found[key] = SectionDef(key, order, title, placeholder.function)
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


DECISION_ITEMS = 20  # items named in a decision; the chapter's table has them all


def listed(items: list[str], language: str, limit: int = DECISION_ITEMS) -> list[str]:
    """The first ``limit`` items, then one line saying how many more the chapter lists."""
    if len(items) <= limit:
        return items
    rest = len(items) - limit
    more = ngettext_in(
        language,
        "…and {count} more (listed in the chapter).",
        "…and {count} more (listed in the chapter).",
        rest,
    ).format(count=rest)
    return [*items[:limit], more]


def rule_at_most(language: str, good: float, watch: float, unit: str = "") -> str:
    """The traffic-light rule of a figure that should be low, as printed under its definition."""
    t = translator(language)
    if watch <= good:
        return t(N_("On target at {good}{unit}; off target above.")).format(good=good, unit=unit)
    return t(N_("On target at {good}{unit}, watch up to {watch}{unit}, off target above.")).format(
        good=good, watch=watch, unit=unit
    )


def rule_at_least(language: str, good: float, watch: float, unit: str = "%") -> str:
    """The traffic-light rule of a figure that should be high."""
    t = translator(language)
    return t(N_("On target from {good}{unit}, watch from {watch}{unit}, off target below.")).format(
        good=f"{good:g}", watch=f"{watch:g}", unit=unit
    )


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
