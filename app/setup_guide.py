"""The first-run guide: the order in which an empty workspace is set up so that each step has what
it needs (organisation → departments → staff → officer → purposes → 台帳 → risk → training).

``setup_steps`` reports each step's state from the workspace; the Dashboard shows the list with a
button to the page of each step until every step is done.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from app.areas.assets.registers import ASSETS, PURPOSES, RISK_ASSESSMENTS
from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.areas.training.registers import TRAINING_PROGRAMMES
from app.i18n import N_, gettext_in
from app.storage.database import Connection

UNNAMED_ORGANISATION = "(organisation name not set)"  # Workspace.create's placeholder msgid


class StepState(StrEnum):
    DONE = "done"
    NEXT = "next"  # the first step not done: do this now
    LATER = "later"  # waits for an earlier step


@dataclass(frozen=True)
class SetupStep:
    key: str
    title: str  # N_() msgid
    hint: str  # N_() msgid: what to do on the page
    register: str  # the register page that does it
    state: StepState
    count: int  # records that make the step done (0 when not done)


# key, title, hint, register, table counted (None: the organisation's own checks)
_STEPS: tuple[tuple[str, str, str, str, str | None], ...] = (
    (
        "organisation",
        ORGANISATION.title,
        N_("Enter the co-op's name, address and the start of its fiscal year."),
        ORGANISATION.key,
        None,
    ),
    (
        "departments",
        DEPARTMENTS.title,
        N_("Register headquarters, centres, stores and other workplaces."),
        DEPARTMENTS.key,
        DEPARTMENTS.table,
    ),
    (
        "people",
        PEOPLE.title,
        N_("Register the staff of every employment type, or import a staff list (File › Import)."),
        PEOPLE.key,
        PEOPLE.table,
    ),
    (
        "officer",
        N_("Privacy officer"),
        N_("Name the 個人情報保護管理者 (and the audit officer) in the organisation settings."),
        ORGANISATION.key,
        None,
    ),
    (
        "purposes",
        PURPOSES.title,
        N_("Record the purposes of use the co-op has published."),
        PURPOSES.key,
        PURPOSES.table,
    ),
    (
        "assets",
        ASSETS.title,
        N_("List the personal information the co-op holds, with its department and purposes."),
        ASSETS.key,
        ASSETS.table,
    ),
    (
        "risk",
        N_("Risk analysis"),
        N_("Choose an asset in the 台帳 and then Risk analysis… to assess it."),
        ASSETS.key,
        RISK_ASSESSMENTS.table,
    ),
    (
        "training",
        TRAINING_PROGRAMMES.title,
        N_("Plan this year's privacy training for all staff."),
        TRAINING_PROGRAMMES.key,
        TRAINING_PROGRAMMES.table,
    ),
)


def _organisation_counts(conn: Connection) -> tuple[int, int]:
    """(organisation named, privacy officer named) as 0/1."""
    row = conn.execute(
        f"SELECT name, privacy_officer_id FROM {ORGANISATION.table} WHERE id = 1"
    ).fetchone()
    if row is None:
        return 0, 0
    # Stored text is NFKC-normalised: （組合名未設定） is kept as (組合名未設定).
    placeholders = {
        unicodedata.normalize("NFKC", gettext_in(lang, UNNAMED_ORGANISATION)).strip()
        for lang in ("en", "ja")
    }
    named = bool(row[0]) and unicodedata.normalize("NFKC", str(row[0])).strip() not in placeholders
    return int(named), int(row[1] is not None)


def setup_steps(conn: Connection) -> list[SetupStep]:
    """Every step with its state; the first step not done is NEXT, the ones after it LATER."""
    named, officer = _organisation_counts(conn)
    steps: list[SetupStep] = []
    next_found = False
    for key, title, hint, register, table in _STEPS:
        if table is None:
            count = named if key == "organisation" else officer
        else:
            count = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        if count:
            state = StepState.DONE
        elif not next_found:
            state, next_found = StepState.NEXT, True
        else:
            state = StepState.LATER
        steps.append(SetupStep(key, title, hint, register, state, count))
    return steps


def setup_complete(steps: list[SetupStep]) -> bool:
    return all(step.state is StepState.DONE for step in steps)
