"""A register is declared once, as a ``RegisterDef``; everything else derives from it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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

ConnDerive = Callable[["Connection", Mapping[str, Any]], dict[str, Any]]
"""Computed values that need the workspace (e.g. due = received + the organisation's SLA days).
The values carry ``id`` (None for a new record), so a parent can read its child records."""

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
    parent: str | None = None  # a child register: the key of its link field to the parent record
    listed: bool = True  # has its own page in the navigation (stored reports use the Reports page)
    creatable: bool = True
    deletable: bool = True
    delete_guard: DeleteGuard | None = None
    conn_checks: tuple[ConnCheck, ...] = ()  # run after ``checks``, with the connection
    derive: Derive | None = None  # fills computed fields before validation of the values
    conn_derive: ConnDerive | None = None  # after ``derive``, with the connection
    indexes: tuple[tuple[str, ...], ...] = ()  # field keys; link columns are indexed anyway
    icon: str = "register"
    _by_key: dict[str, Field] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for item in self.fields:
            if item.key in self._by_key:
                raise ValueError(f"{self.key}: field {item.key} declared twice")
            self._by_key[item.key] = item
        for name in (self.human_key, self.display, self.default_sort):
            if name not in self._by_key:
                raise ValueError(f"{self.key}: unknown field {name}")
        if self.parent is not None and (
            self.parent not in self._by_key or self._by_key[self.parent].kind is not Kind.LINK
        ):
            raise ValueError(f"{self.key}: parent {self.parent} is not a link field")
        for group in (*self.unique_together, *self.indexes):
            for name in group:
                if name not in self._by_key or not self._by_key[name].in_table:
                    raise ValueError(f"{self.key}: {name} is not a column of the table")

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
    def field_groups(self) -> tuple[tuple[str, tuple[Field, ...]], ...]:
        """(group msgid, its fields) in declaration order; ungrouped fields under "" . Forms show
        a heading per group, exports and the 台帳 workbook a merged heading above its columns."""
        groups: dict[str, list[Field]] = {}
        for item in self.fields:
            groups.setdefault(item.group, []).append(item)
        return tuple((title, tuple(items)) for title, items in groups.items())

    @property
    def link_fields(self) -> tuple[Field, ...]:
        return tuple(item for item in self.fields if item.kind is Kind.LINK)

    @property
    def multi_link_fields(self) -> tuple[Field, ...]:
        return tuple(item for item in self.fields if item.kind is Kind.LINKS)

    @property
    def table_fields(self) -> tuple[Field, ...]:
        """The fields stored as columns of the register's own table."""
        return tuple(item for item in self.fields if item.in_table)

    @property
    def fts_table(self) -> str | None:
        return f"{self.table}_fts" if self.search_fields else None
