"""Catalogue-valued columns of a roster: employment type, status, format, training type, department.

Each value is looked up the way people write it (``app.catalogues.CodeLookup``: codes, labels,
label parts and the catalogue's synonyms, folded for width, spaces and suffixes such as 職員). What
names no item is an ``UnknownValue``: listed once with its row count for the officer, who maps it to
an item or adds it to the catalogue (``ValueAnswers``). Answers are remembered with the file's
layout. Departments are a register, not a catalogue: they are found by code or name, and a
workspace that has none yet takes them from the roster (there is nothing to match them against).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.catalogues import CodeLookup, choices, code_lookup, match_value
from app.importing.spec import ADD_TO_CATALOGUE, UnknownValue, ValueAnswers
from app.storage.database import Connection
from app.text import normalise_code, normalise_text

# Target key -> catalogue code (None: the departments register).
VALUE_TARGETS: dict[str, str | None] = {
    "employment_type": "EMPLOYMENT_TYPE",
    "status": "ATTENDANCE_STATUS",
    "format": "TRAINING_FORMAT",
    "training_type": "TRAINING_TYPE",
    "department": None,
}
ADDED_CODE_PREFIX = "added"
DEPARTMENT_CODE_LIMIT = 30


@dataclass
class NewItem:
    """A catalogue item (or department) the import adds because the officer said so."""

    target: str
    catalogue: str | None
    code: str
    label: str


@dataclass(frozen=True)
class Resolved:
    code: str | None  # the item's code (a department: its id as text, or the new code)
    known: bool  # False: nobody knows the value (left empty, or an error for the status)
    new: bool = False  # an item (or department) this import adds


@dataclass
class ValueResolver:
    conn: Connection
    answers: ValueAnswers
    lookups: dict[str, CodeLookup] = field(default_factory=dict)
    departments: dict[str, int] = field(default_factory=dict)  # folded code or name -> id
    item_codes: dict[str, set[str]] = field(default_factory=dict)  # catalogue -> codes in use
    unknown: dict[tuple[str, str], UnknownValue] = field(default_factory=dict)
    added: dict[tuple[str, str], NewItem] = field(default_factory=dict)
    learn_departments: bool = False
    cache: dict[tuple[str, Any], Resolved] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for target, catalogue in VALUE_TARGETS.items():
            if catalogue is not None:
                self.lookups[target] = code_lookup(self.conn, catalogue)
        self.departments = department_ids(self.conn)
        self.learn_departments = not self.departments
        self.department_codes = {
            str(code) for (code,) in self.conn.execute("SELECT code FROM department")
        }

    def resolve(self, target: str, value: Any, column: str, row: int) -> Resolved:
        """The code ``value`` stands for, counting it as unknown when nothing names it."""
        key = (target, value)
        try:
            hit = self.cache.get(key)
        except TypeError:  # an unhashable cell
            hit, key = None, (target, str(value))
        if hit is not None:
            unknown = self.unknown.get((target, match_value(value)))
            if unknown is not None:
                unknown.rows += 1
            return hit
        hit = self.cache[key] = self._resolve(target, value, column, row)
        return hit

    def _resolve(self, target: str, value: Any, column: str, row: int) -> Resolved:
        answer = self.answers.mapped.get(target, {}).get(match_value(value))
        if answer is not None and answer != ADD_TO_CATALOGUE:
            return Resolved(answer, True)
        found = self._find(target, value)
        if found is not None:
            return Resolved(found, True)
        key = (target, match_value(value))
        learned = target == "department" and self.learn_departments
        if not learned:  # a workspace without departments takes them all: nothing to ask
            unknown = self.unknown.get(key)
            if unknown is None:
                unknown = self.unknown[key] = UnknownValue(
                    target, column, str(value), 0, row, VALUE_TARGETS[target]
                )
            unknown.rows += 1
        adding = answer == ADD_TO_CATALOGUE or self.answers.add_all or learned
        if not adding:
            return Resolved(None, False)
        new = self.added.get(key)
        if new is None:
            new = self.added[key] = self._new_item(target, str(value))
        return Resolved(new.code, True, new=True)

    def _find(self, target: str, value: Any) -> str | None:
        if target == "department":
            found = self.departments.get(department_word(value))
            return None if found is None else str(found)
        return self.lookups[target].find(value)

    def _new_item(self, target: str, value: str) -> NewItem:
        label = normalise_text(value)
        catalogue = VALUE_TARGETS[target]
        if catalogue is None:
            code = normalise_code(label)
            if len(code) > DEPARTMENT_CODE_LIMIT or not re.fullmatch(r"[0-9A-Za-z_\-]+", code):
                code = ""
            number = len(self.department_codes) + 1
            while not code or code in self.department_codes:
                code, number = f"D{number:03d}", number + 1
            self.department_codes.add(code)
            return NewItem(target, None, code, label)
        codes = self.item_codes.get(catalogue)
        if codes is None:
            codes = self.item_codes[catalogue] = {
                code
                for (code,) in self.conn.execute(
                    "SELECT i.code FROM catalogue_item i JOIN catalogue c "
                    "ON c.id = i.catalogue_id WHERE c.code = ?",
                    (catalogue,),
                )
            }
        number = 1
        while f"{ADDED_CODE_PREFIX}_{number}" in codes:
            number += 1
        code = f"{ADDED_CODE_PREFIX}_{number}"
        codes.add(code)
        return NewItem(target, catalogue, code, label)

    def unknown_values(self) -> list[UnknownValue]:
        """Each distinct unknown value once, with how many rows carry it: column by column, in
        the order the file first shows them."""
        order = {target: index for index, target in enumerate(VALUE_TARGETS)}
        return sorted(self.unknown.values(), key=lambda u: (order[u.target], u.first_row))


def department_word(value: Any) -> str:
    """How department codes and names are compared: widths folded, no spaces, case-folded."""
    return "".join(normalise_text(str(value)).split()).casefold()


def department_ids(conn: Connection) -> dict[str, int]:
    """``department_word`` of every department's code and name -> its id."""
    found: dict[str, int] = {}
    for department_id, code, name in conn.execute("SELECT id, code, name FROM department"):
        for word in (code, name):
            found.setdefault(department_word(word), int(department_id))
    return found


def value_choices(conn: Connection, target: str) -> list[tuple[str, str]]:
    """(code, label) of what an unknown value of ``target`` can be mapped to, in list order."""
    catalogue = VALUE_TARGETS[target]
    if catalogue is not None:
        return choices(conn, catalogue)
    return [
        (str(department_id), f"{name} ({code})")
        for department_id, code, name in conn.execute(
            "SELECT id, code, name FROM department WHERE active IS NOT 0 ORDER BY code"
        )
    ]
