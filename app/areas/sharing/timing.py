"""When a publication is in time: あらかじめ (before) and 遅滞なく (without delay).

- あらかじめ — a change of a joint use's purpose or responsible party (法27条6項) is published on a
  day before it takes effect: the same day cannot show which came first (R-JOINTUSE-PRIOR is due
  the day before). Anonymised data's items and method of provision (規則37条) are published no later
  than the day of the provision (domain E11: publication ≤ provision).
- 遅滞なく — no number of days is fixed by law; Mamori calls a publication prompt within
  ``PROMPT_DAYS`` (30) days of the event and flags it late after that: the new name, address or
  representative of a joint use's responsible party (R-JOINTUSE-ADMIN), and the items of anonymised
  data after it is made (規則36条, R-ANON-PUBLISH).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

PROMPT_DAYS = 30  # [D] the app's reading of 遅滞なく

PRIOR_CHANGES = frozenset({"purpose", "responsible_party"})  # あらかじめ
ADMIN_CHANGES = frozenset({"responsible_details"})  # 遅滞なく
CONSENT_CHANGES = frozenset({"items", "scope"})  # 原則として本人の同意


def published_in_advance(published: date | None, effective: date | None) -> bool:
    return published is not None and effective is not None and published < effective


def published_promptly(event: date | None, published: date | None) -> bool:
    """Published before the event, or within ``PROMPT_DAYS`` days after it."""
    if event is None or published is None:
        return False
    return (published - event).days <= PROMPT_DAYS


def joint_use_change_in_time(
    change_type: str | None,
    published: date | None,
    effective: date | None,
    *,
    changed: date | None = None,
    consent: bool = False,
) -> bool:
    """Whether a joint-use change was made as 法27条6項 asks (``changed``: the day a name, address
    or representative changed; the effective date when not given)."""
    if change_type in PRIOR_CHANGES:
        return published_in_advance(published, effective)
    if change_type in ADMIN_CHANGES:
        return published_promptly(changed or effective, published)
    if change_type in CONSENT_CHANGES:
        return consent
    return True


def anon_provision_in_time(published: date | None, provided: date | None) -> bool:
    """規則37条: the items and the method published no later than the day of the provision."""
    return published is not None and provided is not None and published <= provided


@dataclass(frozen=True)
class AnonProvision:
    provided_on: date
    published_on: date | None  # items and method of provision
    notice: str | None  # how the recipient was told the data is anonymised (明示), or None


def anonymised_problems(
    created_on: date,
    items_published_on: date | None,
    provisions: Iterable[AnonProvision],
    check_on: date | None = None,
) -> list[str]:
    """What is wrong with an anonymised dataset's publications and notices (codes):
    ``items_late`` (規則36条), ``items_unpublished`` (still not published ``PROMPT_DAYS`` after it
    was made, at ``check_on``), ``provided_before_publication`` and ``no_notice`` (規則37条)."""
    problems = []
    if items_published_on is not None:
        if not published_promptly(created_on, items_published_on):
            problems.append("items_late")
    elif check_on is not None and (check_on - created_on).days > PROMPT_DAYS:
        problems.append("items_unpublished")
    for provision in provisions:
        if not anon_provision_in_time(provision.published_on, provision.provided_on):
            problems.append("provided_before_publication")
        if not provision.notice:
            problems.append("no_notice")
    return list(dict.fromkeys(problems))
