"""Deadlines: the register of deadline records and their dashboard items.

The engine itself (rules, holidays, date arithmetic, keeping records in step) is ``app.deadlines``;
the other areas attach rules to their dates in their own ``deadline_rules``.
"""

from __future__ import annotations

from app.areas import Area
from app.deadlines import store  # noqa: F401  (registers the after-write hook)
from app.deadlines.register import AREA_DEADLINES, DEADLINE_REGISTERS
from app.deadlines.reminders import deadline_items

AREA = Area(
    key="deadlines",
    title=AREA_DEADLINES,
    registers=DEADLINE_REGISTERS,
    reminders=(deadline_items,),
)
