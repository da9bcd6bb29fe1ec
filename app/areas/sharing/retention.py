"""How long a provision or receipt record is kept (規則21条, 25条, 29条; domain §4.3).

The periods are the deadline rules of ``resources/deadlines/rules.json`` (group ``retention``), so
the dates come from the one deadline engine:

- made each time (都度): 3 years from the day the record was made (RET-PROV-RECORD, RET-RECEIPT,
  RET-RELATED);
- a contract or other document substitutes for it (規則19条3項): until 1 year has passed counting
  from the last provision (RET-PROV-CONTRACT, RET-RECEIPT-CONTRACT);
- made in bulk for continuing provisions (規則19条2項ただし書): until 3 years have passed counting
  from the last provision (RET-PROV-BULK, RET-RECEIPT-BULK).

A provision that needs no record (by law, or not to a third party) has no retention period; a
record kept anyway follows the 3-year default. While bulk or contract provisions continue the end
cannot be known yet: it runs from the last provision.
"""

from __future__ import annotations

from datetime import date

from app.deadlines.engine import compute

NO_RECORD_BASES = frozenset({"exempt_law", "not_third_party"})

_RULES = {
    ("provide", "each"): "RET-PROV-RECORD",
    ("provide", "bulk"): "RET-PROV-BULK",
    ("provide", "contract_substitute"): "RET-PROV-CONTRACT",
    ("receive", "each"): "RET-RECEIPT",
    ("receive", "bulk"): "RET-RECEIPT-BULK",
    ("receive", "contract_substitute"): "RET-RECEIPT-CONTRACT",
}
FROM_LAST_PROVISION = frozenset({"bulk", "contract_substitute"})


def record_needed(basis: str | None) -> bool:
    """A record is due for every provision except those by law (27条1項各号) and those that are
    not to a third party (委託・事業承継・共同利用): 法29条1項ただし書, 30条1項ただし書."""
    return basis is not None and basis not in NO_RECORD_BASES


def retention_rule(direction: str | None, basis: str | None, method: str | None) -> str | None:
    """The rule id giving the retention period of a record, or None before the method is known."""
    if direction is None or method is None:
        return None
    if basis == "related_info" and direction == "provide" and method == "each":
        return "RET-RELATED"  # 規則29条: the same 3 years as a provision record
    return _RULES.get((direction, method))


def retention_until(
    direction: str | None,
    basis: str | None,
    method: str | None,
    *,
    recorded_on: date | None,
    provided_on: date | None,
    last_provided_on: date | None = None,
    ongoing: bool = False,
) -> date | None:
    """The last day the record must be kept, or None when it cannot be known yet (no date, or
    bulk/contract provisions still continuing)."""
    rule = retention_rule(direction, basis, method)
    if rule is None:
        return None
    if method in FROM_LAST_PROVISION:
        if ongoing:
            return None
        start = last_provided_on or provided_on
    else:
        start = recorded_on
    if start is None:
        return None
    return compute(rule, start).calendar_date
