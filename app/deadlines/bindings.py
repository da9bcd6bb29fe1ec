"""How an area attaches a deadline rule to its register: a small declarative value.

An area lists them in its ``Area.deadline_rules``::

    DeadlineBinding("C-REGISTER", register="assets", trigger="last_reviewed",
                    fallback=("created_at",), due_override="next_review_due",
                    ends_when="disposed_on", cycle=True)

and never computes a date. ``app.deadlines.store`` keeps the deadline records in step with every
save of a record of that register, inside the same write transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class DeadlineBinding:
    rule: str  # a rule id of resources/deadlines/rules.json
    register: str  # the subject register's key
    trigger: str  # the field (or created_at) whose date starts the clock
    fallback: tuple[str, ...] = ()  # used in order when the trigger field is empty
    due_override: str | None = None  # a date field that, when filled, is the calendar date
    applies_when: str | None = None  # a yes/no field that must be set for the rule to apply
    done_when: str | None = None  # a date field whose value completes the deadline
    ends_when: str | None = None  # a date field whose value waives the deadline (subject closed)
    cycle: bool = False  # a later trigger completes the open deadline and opens the next
    group_by: str | None = None  # a link field: a newer record of the same group completes this one
    not_applying: str | None = (
        None  # N_() msgid: why the deadline is waived when applies_when is off
    )


def bindings_for(defn: Any) -> tuple[DeadlineBinding, ...]:
    """The rules bound to a register: every area's ``deadline_rules`` naming it."""
    return _by_register().get(defn.key, ())


@cache
def _by_register() -> dict[str, tuple[DeadlineBinding, ...]]:
    from app.areas import all_areas

    found: dict[str, list[DeadlineBinding]] = {}
    for area in all_areas():
        for binding in area.deadline_rules:
            found.setdefault(binding.register, []).append(binding)
    return {key: tuple(value) for key, value in found.items()}
