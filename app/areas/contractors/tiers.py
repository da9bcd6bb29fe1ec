"""A contractor's risk tier, from the data it holds, and the evaluation cadence the tier sets.

Everything that decides is catalogue data the officer may edit: the points of each factor
(``CONTRACTOR_TIER_FACTOR``: many people, sensitive data, data kept abroad, no third-party
certification), the points from which a tier starts and its cadence in months
(``CONTRACTOR_TIER``: high yearly, medium every two years, low at contract renewal), which
sensitivity counts (``DATA_SENSITIVITY`` ``extra.sensitive``) and which locations are abroad
(``DATA_LOCATION`` ``extra.foreign``). ``tier_for`` is pure; ``TierRules.load`` reads the data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.storage.database import Connection

NO_CERTIFICATION = ("", None, "none")


def _extras(conn: Connection, catalogue: str) -> dict[str, dict[str, Any]]:
    rows = conn.execute(
        "SELECT i.code, i.extra FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = ? AND i.active = 1 ORDER BY i.sort_order, i.id",
        (catalogue,),
    )
    return {code: json.loads(extra) if extra else {} for code, extra in rows}


@dataclass(frozen=True)
class Tier:
    code: str
    min_points: int
    cadence_months: int | None  # None: evaluated at contract renewal


@dataclass(frozen=True)
class TierRules:
    factors: dict[str, dict[str, Any]]  # factor code -> extra (points, people_from)
    tiers: tuple[Tier, ...]  # highest threshold first
    band_min: dict[str, int]  # VOLUME_BAND code -> the band's lowest number of people
    sensitive: frozenset[str]  # DATA_SENSITIVITY codes that count as sensitive
    foreign: frozenset[str]  # DATA_LOCATION codes that mean abroad

    @classmethod
    def load(cls, conn: Connection) -> TierRules:
        tiers = tuple(
            sorted(
                (
                    Tier(code, int(extra.get("min_points", 0)), extra.get("cadence_months"))
                    for code, extra in _extras(conn, "CONTRACTOR_TIER").items()
                ),
                key=lambda tier: -tier.min_points,
            )
        )
        return cls(
            factors=_extras(conn, "CONTRACTOR_TIER_FACTOR"),
            tiers=tiers,
            band_min={
                code: int(extra.get("min") or 0)
                for code, extra in _extras(conn, "VOLUME_BAND").items()
            },
            sensitive=frozenset(
                code
                for code, extra in _extras(conn, "DATA_SENSITIVITY").items()
                if extra.get("sensitive")
            ),
            foreign=frozenset(
                code
                for code, extra in _extras(conn, "DATA_LOCATION").items()
                if extra.get("foreign")
            ),
        )

    def tier(self, code: str | None) -> Tier | None:
        return next((tier for tier in self.tiers if tier.code == code), None)


def factors_of(rules: TierRules, values: Mapping[str, Any]) -> list[str]:
    """The factor codes that apply to a contractor's values (volume: only the largest)."""
    found: list[str] = []
    people = rules.band_min.get(values.get("data_volume") or "", None)
    volume = [
        (int(extra["people_from"]), code)
        for code, extra in rules.factors.items()
        if "people_from" in extra and people is not None and people >= int(extra["people_from"])
    ]
    if volume:
        found.append(max(volume)[1])
    if values.get("sensitivity") in rules.sensitive and "sensitive" in rules.factors:
        found.append("sensitive")
    if values.get("data_location") in rules.foreign and "foreign" in rules.factors:
        found.append("foreign")
    if values.get("certification") in NO_CERTIFICATION and "no_certification" in rules.factors:
        found.append("no_certification")
    return found


def points_of(rules: TierRules, values: Mapping[str, Any]) -> int:
    return sum(int(rules.factors[code].get("points", 0)) for code in factors_of(rules, values))


def tier_for(rules: TierRules, values: Mapping[str, Any]) -> str | None:
    """The tier code for a contractor's values (None when no tier is defined)."""
    points = points_of(rules, values)
    for tier in rules.tiers:
        if points >= tier.min_points:
            return tier.code
    return rules.tiers[-1].code if rules.tiers else None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_evaluation(
    rules: TierRules, tier: str | None, evaluated_on: date, contract_end: date | None
) -> date | None:
    """When the next evaluation is due after one on ``evaluated_on``: the tier's cadence, or the
    contract's end for a tier evaluated at renewal (None when that date is unknown)."""
    found = rules.tier(tier)
    if found is None or found.cadence_months is None:
        return contract_end if contract_end and contract_end > evaluated_on else None
    return add_months(evaluated_on, int(found.cadence_months))
