"""A contractor's risk tier, from the data it holds, and the evaluation cadence the tier sets.

The rule, with every number and step as catalogue data the officer may edit:
1. the number of people sets the base (``CONTRACTOR_TIER_FACTOR`` items with ``people_from`` and
   ``tier``: as shipped 101+ medium, 1,001+ high — the 規則7条 size of a reportable leak;
   fewer, or unknown, is the lowest tier);
2. sensitive data (``DATA_SENSITIVITY`` items marked ``sensitive``: special-care, payment, My
   Number) sets at least its ``tier`` (high);
3. data kept abroad (``DATA_LOCATION`` items marked ``foreign``) raises the tier ``raise`` steps;
4. a valid third-party certification (any but "none", not expired on the day) lowers it
   ``lower`` steps, but never below the ``floor`` of a factor that applies (sensitive: high;
   abroad: medium).
Each tier (``CONTRACTOR_TIER``) has a ``rank`` and a ``cadence_months`` (high 12, medium 24; low:
none, evaluated at contract renewal). ``tier_for`` is pure; ``TierRules.load`` reads the data.
"""

from __future__ import annotations

import calendar
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
    rank: int
    cadence_months: int | None  # None: evaluated at contract renewal


@dataclass(frozen=True)
class TierRules:
    factors: dict[str, dict[str, Any]]  # factor code -> extra (people_from, tier, raise...)
    tiers: tuple[Tier, ...]  # lowest rank first
    band_min: dict[str, int]  # VOLUME_BAND code -> the band's lowest number of people
    sensitive: frozenset[str]  # DATA_SENSITIVITY codes that count as sensitive
    foreign: frozenset[str]  # DATA_LOCATION codes that mean abroad

    @classmethod
    def load(cls, conn: Connection) -> TierRules:
        tiers = sorted(
            (
                Tier(code, int(extra.get("rank", 0)), extra.get("cadence_months"))
                for code, extra in _extras(conn, "CONTRACTOR_TIER").items()
            ),
            key=lambda tier: tier.rank,
        )
        locations = _extras(conn, "DATA_LOCATION")
        return cls(
            factors=_extras(conn, "CONTRACTOR_TIER_FACTOR"),
            tiers=tuple(tiers),
            band_min={
                code: int(extra.get("min") or 0)
                for code, extra in _extras(conn, "VOLUME_BAND").items()
            },
            sensitive=frozenset(
                code
                for code, extra in _extras(conn, "DATA_SENSITIVITY").items()
                if extra.get("sensitive")
            ),
            foreign=frozenset(code for code, extra in locations.items() if extra.get("foreign")),
        )

    def tier(self, code: str | None) -> Tier | None:
        return next((tier for tier in self.tiers if tier.code == code), None)

    def rank(self, code: str | None) -> int:
        found = self.tier(code)
        return found.rank if found else (self.tiers[0].rank if self.tiers else 0)


def certified(values: Mapping[str, Any], on: date) -> bool:
    """A third-party certification valid on ``on`` (through its expiry day; no expiry given:
    taken as valid)."""
    if values.get("certification") in NO_CERTIFICATION:
        return False
    expiry = values.get("certification_expiry")
    if isinstance(expiry, str):
        expiry = date.fromisoformat(expiry)
    return expiry is None or on <= expiry


def factors_of(rules: TierRules, values: Mapping[str, Any], on: date) -> list[str]:
    """The factor codes that apply to a contractor's values on ``on``, in catalogue order."""
    people = rules.band_min.get(values.get("data_volume") or "")
    applies = {
        "sensitive": values.get("sensitivity") in rules.sensitive,
        "foreign": values.get("data_location") in rules.foreign,
        "certified": certified(values, on),
    }
    found = []
    for code, extra in rules.factors.items():
        if "people_from" in extra:
            if people is not None and people >= int(extra["people_from"]):
                found.append(code)
        elif applies.get(code):
            found.append(code)
    return found


def tier_for(rules: TierRules, values: Mapping[str, Any], on: date) -> str | None:
    """The tier code for a contractor's values on ``on`` (None when no tier is defined)."""
    if not rules.tiers:
        return None
    lowest, highest = rules.tiers[0].rank, rules.tiers[-1].rank
    rank, floor = lowest, lowest
    applied = [rules.factors[code] for code in factors_of(rules, values, on)]
    for extra in applied:  # base and "at least" tiers
        if "tier" in extra:
            rank = max(rank, rules.rank(extra["tier"]))
        if "floor" in extra:
            floor = max(floor, rules.rank(extra["floor"]))
    for extra in applied:  # then steps up, then steps down
        rank += int(extra.get("raise", 0))
    rank = min(rank, highest)
    for extra in applied:
        rank -= int(extra.get("lower", 0))
    rank = max(rank, floor, lowest)
    ranked = {tier.rank: tier.code for tier in rules.tiers}
    return ranked.get(rank) or min(rules.tiers, key=lambda tier: abs(tier.rank - rank)).code


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
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
