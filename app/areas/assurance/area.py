"""Assurance: audit plans and audits, findings, corrective actions and their effectiveness."""

from __future__ import annotations

from app.areas import Area
from app.areas.assurance.corrective import (
    ACTION_RULE,
    AREA_ASSURANCE,
    CORRECTIVE_ACTIONS,
    EFFECT_RULE,
)
from app.deadlines.bindings import DeadlineBinding

AREA = Area(
    key="assurance",
    title=AREA_ASSURANCE,
    registers=(CORRECTIVE_ACTIONS,),
    deadline_rules=(
        DeadlineBinding(
            ACTION_RULE,
            register=CORRECTIVE_ACTIONS.key,
            trigger="raised_on",
            due_override="due_on",
            done_when="completed_on",
        ),
        DeadlineBinding(
            EFFECT_RULE,
            register=CORRECTIVE_ACTIONS.key,
            trigger="completed_on",
            due_override="effectiveness_due",
            done_when="effectiveness_checked_on",
        ),
    ),
)
