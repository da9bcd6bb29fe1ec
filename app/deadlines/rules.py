"""Deadline rules, loaded from ``resources/deadlines/rules.json`` (domain §4.1–4.3).

A rule says how far a due date lies from its trigger date (years, months, days, business days,
applied in that order), whether the trigger day counts as day 1, which calendar the due date
follows (``plain``, or ``business``: rolled past 土日・祝日 and the 12/29–1/3 closure) and from when
the deadline shows as coming up. A rule without an offset is a duty with no fixed day (遅滞なく).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from app.i18n import N_, _, current_language
from app.paths import resource_path

RULES_FILE = ("deadlines", "rules.json")
MSG_UNKNOWN_RULE = N_("There is no deadline rule '{rule}'. Known rules: {known}")


class Calendar(StrEnum):
    PLAIN = "plain"
    BUSINESS = "business"  # not 土日・祝日 and not 12/29–1/3 (GL通則3-5-3-4)


@dataclass(frozen=True)
class Offset:
    years: int = 0
    months: int = 0
    days: int = 0
    business_days: int = 0
    first_day_counts: bool = False  # the trigger day is day 1, so N days end on trigger + N - 1
    anchor_days: int = 0  # days moved before the months: (expiry + 1 day) - 8 months
    civil: bool = False  # 民法143: a period of months/years ends the day before the 応当日

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Offset:
        keys = {
            "years",
            "months",
            "days",
            "business_days",
            "first_day_counts",
            "anchor_days",
            "civil",
        }
        unknown = set(data) - keys
        if unknown:
            raise ValueError(f"unknown offset keys {sorted(unknown)}")
        return cls(
            years=int(data.get("years", 0)),
            months=int(data.get("months", 0)),
            days=int(data.get("days", 0)),
            business_days=int(data.get("business_days", 0)),
            first_day_counts=bool(data.get("first_day_counts", False)),
            anchor_days=int(data.get("anchor_days", 0)),
            civil=bool(data.get("civil", False)),
        )


@dataclass(frozen=True)
class Warn:
    from_trigger: Offset | None = None
    before_due_days: int | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    group: str  # statutory, cycle, retention
    ja: str
    en: str
    source: str
    confidence: str
    trigger: str  # what the trigger date is, as a field-like name (known_at, pmark_expiry ...)
    trigger_ja: str
    due: Offset | None  # None: no fixed number of days
    calendar: Calendar
    warn: Warn
    timing_ja: str = ""

    @property
    def title(self) -> str:
        return self.ja if current_language() == "ja" else self.en

    @property
    def has_due_date(self) -> bool:
        return self.due is not None


def _rule(data: dict[str, Any]) -> Rule:
    warn_data = data.get("warn") or {}
    warn = Warn(
        from_trigger=Offset.from_json(warn_data["from_trigger"])
        if "from_trigger" in warn_data
        else None,
        before_due_days=warn_data.get("before_due_days"),
    )
    return Rule(
        id=data["id"],
        group=data["group"],
        ja=data["ja"],
        en=data["en"],
        source=data["source"],
        confidence=data["confidence"],
        trigger=data["trigger"],
        trigger_ja=data["trigger_ja"],
        due=Offset.from_json(data["due"]) if data.get("due") is not None else None,
        calendar=Calendar(data.get("calendar", "plain")),
        warn=warn,
        timing_ja=data.get("timing_ja", ""),
    )


@cache
def all_rules() -> dict[str, Rule]:
    data = json.loads(resource_path(*RULES_FILE).read_text(encoding="utf-8"))
    rules: dict[str, Rule] = {}
    for item in data["rules"]:
        rule = _rule(item)
        if rule.id in rules:
            raise ValueError(f"deadline rule {rule.id} is declared twice")
        rules[rule.id] = rule
    return rules


def get_rule(rule_id: str) -> Rule:
    rules = all_rules()
    key = rule_id.strip().upper()
    if key not in rules:
        raise KeyError(_(MSG_UNKNOWN_RULE).format(rule=rule_id, known=", ".join(rules)))
    return rules[key]
