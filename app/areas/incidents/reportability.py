"""Is a leak reportable? 規則7条 (and 番号法29条の4 for My Number) as one pure function.

``assess(facts)`` answers from the facts an incident records: the four events of 規則7条 —
① 要配慮個人情報, ② 財産的被害のおそれ, ③ 不正の目的, ④ more than 1,000 people — none of which
counts when the data was protected by high-grade encryption (規則7条柱書: 高度な暗号化その他の措置),
and the My Number rule (特定個人情報: 不正の目的, 不特定多数への閲覧のおそれ, more than 100 people).
A near miss (ヒヤリハット: nothing left the co-op) is never reportable. ③ makes the 確報 due in 60
days instead of 30, also when other events overlap (規則8条2項).

The wizard, the incident's derived fields, the PPC report draft and the corpus test all call it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.i18n import N_, _

PEOPLE_THRESHOLD = 1_000  # 規則7条4号: "1,000人を超える"
MY_NUMBER_THRESHOLD = 100  # 番号法 規則2条: "100人を超える" (domain §1.1, [K])

GROUNDS = {
    "1": N_("special-care personal information (規則7条1号)"),
    "2": N_("possible financial damage (規則7条2号)"),
    "3": N_("possible wrongful purpose (規則7条3号)"),
    "4": N_("more than 1,000 people (規則7条4号)"),
}

FACT_KEYS = (
    "sensitive",
    "financial_risk",
    "wrongful_purpose",
    "subject_count",
    "encrypted_high",
    "my_number",
    "mynum_public",
    "near_miss",
)
"""The incident fields the wizard asks about; a change of any of them asks again."""


@dataclass(frozen=True)
class Facts:
    sensitive: bool = False
    financial_risk: bool = False
    wrongful_purpose: bool = False
    subject_count: int | None = None
    encrypted_high: bool = False
    my_number: bool = False
    mynum_public: bool = False  # 電磁的方法により不特定多数の者に閲覧されるおそれ
    near_miss: bool = False

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Facts:
        count = values.get("subject_count")
        return cls(
            **{key: bool(values.get(key)) for key in FACT_KEYS if key != "subject_count"},
            subject_count=int(count) if count is not None else None,
        )

    def threshold_side(self) -> tuple[bool, bool]:
        """Which side of each people threshold the count is on (crossing one asks again)."""
        count = self.subject_count or 0
        return count > PEOPLE_THRESHOLD, count > MY_NUMBER_THRESHOLD


@dataclass(frozen=True)
class Conclusion:
    reportable: bool  # 規則7条: report to the PPC (速報 and 確報)
    grounds: tuple[str, ...]  # "1"…"4" of 規則7条
    final_days: int | None  # 30, or 60 when ③ applies; None when not reportable
    my_number_reportable: bool
    reason: str  # in the UI language: why, naming the grounds or the exemption

    @property
    def ppc_report_required(self) -> bool:
        return self.reportable or self.my_number_reportable


def assess(facts: Facts) -> Conclusion:
    if facts.near_miss:
        return Conclusion(
            False, (), None, False, _("A near miss: no personal data left the co-op's control.")
        )
    count = facts.subject_count or 0
    grounds = tuple(
        number
        for number, present in (
            ("1", facts.sensitive),
            ("2", facts.financial_risk),
            ("3", facts.wrongful_purpose),
            ("4", count > PEOPLE_THRESHOLD),
        )
        if present
    )
    if facts.encrypted_high:
        return Conclusion(
            False,
            (),
            None,
            False,
            _(
                "Not reportable: the data was protected by high-grade encryption or an "
                "equivalent measure (規則7条)."
            ),
        )
    my_number = facts.my_number and (
        facts.wrongful_purpose or facts.mynum_public or count > MY_NUMBER_THRESHOLD
    )
    parts = []
    if grounds:
        parts.append(
            _("Reportable to the PPC: {grounds}.").format(
                grounds="、".join(_(GROUNDS[number]) for number in grounds)
            )
        )
        parts.append(
            _("Final report within 60 days (wrongful purpose).")
            if "3" in grounds
            else _("Final report within 30 days.")
        )
    else:
        parts.append(
            _(
                "Not reportable under 規則7条: no special-care data, no possible financial damage, "
                "no wrongful purpose, and {count} people (not more than 1,000)."
            ).format(count=count)
        )
    if my_number:
        parts.append(_("My Number data: report under 番号法29条の4 as well."))
    elif facts.my_number:
        parts.append(
            _(
                "My Number data, but not reportable under 番号法 (no wrongful purpose, no public "
                "exposure, not more than 100 people)."
            )
        )
    final_days = (60 if "3" in grounds else 30) if grounds or my_number else None
    return Conclusion(bool(grounds), grounds, final_days, my_number, " ".join(parts))
