"""A register is declared once, as a ``RegisterDef``; everything else derives from it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.deadlines.bindings import DeadlineBinding
from app.registers.fields import Field, Kind

if TYPE_CHECKING:
    from app.storage.database import Connection

MAX_FILTERS = 5  # more combos than this do not fit above a table at 1280 px

RecordCheck = Callable[[Mapping[str, Any]], dict[str, str]]
"""A check across fields of one record: returns {field key: message} for what is wrong."""

ConnCheck = Callable[["Connection", Mapping[str, Any]], dict[str, str]]
"""A check that needs the workspace (codes that must exist in another table, configured limits)."""

Derive = Callable[[Mapping[str, Any]], dict[str, Any]]
"""Values computed from the others on every save (e.g. a risk score = impact x likelihood)."""

DeleteGuard = Callable[["Connection", int], str | None]
"""Says why a record may not be deleted (beyond foreign keys), or None."""


@dataclass(frozen=True)
class RegisterDef:
    key: str
    table: str
    title: str  # N_() msgid, plural ("People")
    item_title: str  # N_() msgid, singular ("Person")
    area: str  # N_() msgid of the navigation group
    fields: tuple[Field, ...]
    human_key: str  # the field people use to name a record (職員番号, code)
    display: str  # the field shown where another record links to this one
    default_sort: str
    checks: tuple[RecordCheck, ...] = ()
    unique_together: tuple[tuple[str, ...], ...] = ()
    singleton: bool = False  # exactly one record (the organisation settings)
    creatable: bool = True
    deletable: bool = True
    delete_guard: DeleteGuard | None = None
    conn_checks: tuple[ConnCheck, ...] = ()  # run after ``checks``, with the connection
    derive: Derive | None = None  # fills computed fields before validation of the values
    icon: str = "register"
    deadlines: tuple[DeadlineBinding, ...] = ()  # rules by id (app.deadlines); no date arithmetic
    _by_key: dict[str, Field] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for item in self.fields:
            if item.key in self._by_key:
                raise ValueError(f"{self.key}: field {item.key} declared twice")
            self._by_key[item.key] = item
        for name in (self.human_key, self.display, self.default_sort):
            if name not in self._by_key:
                raise ValueError(f"{self.key}: unknown field {name}")

    def field(self, key: str) -> Field:
        return self._by_key[key]

    def has_field(self, key: str) -> bool:
        return key in self._by_key

    @property
    def list_fields(self) -> tuple[Field, ...]:
        return tuple(item for item in self.fields if item.list_column)

    @property
    def search_fields(self) -> tuple[Field, ...]:
        return tuple(item for item in self.fields if item.searchable)

    @property
    def filter_fields(self) -> tuple[Field, ...]:
        """Filters offered above the table: the filterable columns shown in it, at most five."""
        shown = [item for item in self.fields if item.filterable and item.list_column]
        return tuple(shown[:MAX_FILTERS])

    @property
    def link_fields(self) -> tuple[Field, ...]:
        return tuple(item for item in self.fields if item.kind is Kind.LINK)

    @property
    def fts_table(self) -> str | None:
        return f"{self.table}_fts" if self.search_fields else None
