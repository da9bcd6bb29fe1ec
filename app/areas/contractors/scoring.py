"""An evaluation's score and result from its checklist answers (domain §3.13).

Each of the checklist's items is scored 0, 1 or 2; an item left empty is not applicable and
counts neither way. The percentage of the maximum the answered items could reach decides the
result through the ``min_percent`` of each ``EVAL_RESULT`` item (A ≥ 80 %, B ≥ 60 %, C below,
as shipped; the officer may change them). ``result_for`` is pure.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from app.storage.database import Connection

MAX_PER_ITEM = 2


@dataclass(frozen=True)
class Score:
    total: int
    maximum: int
    answered: int

    @property
    def percent(self) -> int | None:
        """Whole percent for lists, rounded half up; None when nothing was answered. The result
        is decided on the exact share (``reaches``), so 79.6 % shows as 80 % but is a B."""
        if not self.maximum:
            return None
        return (self.total * 200 + self.maximum) // (self.maximum * 2)

    @property
    def percent_1dp(self) -> float | None:
        """The share with one decimal, as the board report prints it."""
        return round(self.total * 100 / self.maximum, 1) if self.maximum else None

    def reaches(self, lowest: int) -> bool:
        """Whether the exact share is at least ``lowest`` percent (no rounding)."""
        return self.total * 100 >= lowest * self.maximum


def score_of(scores: Iterable[int | None]) -> Score:
    answered = [value for value in scores if value is not None]
    return Score(sum(answered), MAX_PER_ITEM * len(answered), len(answered))


def thresholds(conn: Connection) -> list[tuple[str, int]]:
    """(result code, lowest percent) from the EVAL_RESULT catalogue, highest first."""
    rows = conn.execute(
        "SELECT i.code, i.extra FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'EVAL_RESULT' AND i.active = 1"
    ).fetchall()
    found = []
    for code, extra in rows:
        data = json.loads(extra) if extra else {}
        if "min_percent" in data:
            found.append((code, int(data["min_percent"])))
    return sorted(found, key=lambda pair: -pair[1])


def result_for(limits: list[tuple[str, int]], score: Score) -> str | None:
    """The result whose threshold the exact share reaches (None when nothing was answered)."""
    if not score.maximum:
        return None
    for code, lowest in limits:
        if score.reaches(lowest):
            return code
    return limits[-1][0] if limits else None
