"""Rules of the asset and risk registers that issue 10 corrected: unlawful handling is never
accepted, a lower residual score needs the controls that lower it, risks are reviewed at least
yearly (C-RISK), and the 台帳 derives its next review (C-REGISTER) and retention deadline.
Dates come from the deadline engine; nothing here does date arithmetic."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.deadlines.engine import add_period, cycle_date, parse_period
from app.i18n import _

LEGAL_VIOLATION = "legal_violation"
# Unlawful handling (domain E06, [S27]: 目的外利用, 不正取得, 同意なし提供) is never residual risk.
UNLAWFUL_CONSEQUENCES = frozenset({LEGAL_VIOLATION, "purpose_violation"})
UNLAWFUL_THREATS = frozenset({"unauthorised_use", "sensitive_without_consent"})


def accepting(values: Mapping[str, Any]) -> bool:
    return values.get("treatment") == "accept" or values.get("accepted_by") is not None


def is_unlawful_handling(consequences: Any, threat: Any) -> bool:
    """目的外利用, 不正取得 or 法令違反: a risk that may never be accepted as residual."""
    return bool(set(consequences or []) & UNLAWFUL_CONSEQUENCES) or threat in UNLAWFUL_THREATS


def no_acceptance_of_unlawful_handling(values: Mapping[str, Any]) -> dict[str, str]:
    """Unlawful handling (法令違反, 目的外利用, 不正取得) cannot be left as residual risk (E06)."""
    unlawful = is_unlawful_handling(values.get("consequences"), values.get("threat"))
    if unlawful and accepting(values):
        key = "treatment" if values.get("treatment") == "accept" else "accepted_by"
        return {
            key: _(
                "a risk of unlawful handling (法令違反・目的外利用・不正取得) cannot be accepted: "
                "reduce or avoid it instead"
            )
        }
    return {}


def lower_residual_needs_controls(values: Mapping[str, Any]) -> dict[str, str]:
    """A residual score below the inherent one is only as good as the controls that lower it."""
    if not accepting(values):
        return {}
    residual, inherent = values.get("residual_score"), values.get("inherent_score")
    if residual is None or inherent is None or residual >= inherent:
        return {}
    if values.get("implemented_controls"):
        return {}
    return {
        "implemented_controls": _(
            "the residual score {residual} is below the inherent {inherent}: name the controls "
            "in place that lower it"
        ).format(residual=residual, inherent=inherent)
    }


def annual_risk_review(values: Mapping[str, Any]) -> dict[str, str]:
    latest = cycle_date("C-RISK", values.get("assessed_at"))
    due = values.get("next_review_due")
    if latest is not None and due is not None and due > latest:
        return {
            "next_review_due": _(
                "risks are reviewed at least once a year: at the latest {date}"
            ).format(date=latest.isoformat())
        }
    return {}


def asset_dates(values: Mapping[str, Any]) -> dict[str, Any]:
    """Dates the 台帳 derives rather than takes typed: the next review follows the last one
    (C-REGISTER), and the retention deadline is the end of use plus a plain retention period."""
    derived: dict[str, Any] = {}
    if values.get("last_reviewed") is not None:
        derived["next_review_due"] = cycle_date("C-REGISTER", values["last_reviewed"])
    period = parse_period(values.get("retention_period"))
    if period is not None and values.get("usage_end") is not None:
        derived["retention_until"] = add_period(values["usage_end"], period)
    return derived
