"""Checks and computed values of the risk registers (domain E06): scores, acceptance rules and the
yearly review. Declared by ``app.registers.assets``; kept apart so that file stays a declaration."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.deadlines.engine import cycle_date
from app.i18n import _
from app.storage.database import Connection

LEGAL_VIOLATION = "legal_violation"
# Unlawful handling (domain E06, [S27]: 目的外利用, 不正取得, 同意なし提供) is never residual risk.
UNLAWFUL_CONSEQUENCES = frozenset({LEGAL_VIOLATION, "purpose_violation"})
UNLAWFUL_THREATS = frozenset({"unauthorised_use", "sensitive_without_consent"})


def _score(impact: Any, likelihood: Any) -> int | None:
    return impact * likelihood if impact is not None and likelihood is not None else None


def risk_scores(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "inherent_score": _score(values.get("inherent_impact"), values.get("inherent_likelihood")),
        "residual_score": _score(values.get("residual_impact"), values.get("residual_likelihood")),
    }


def residual_pair(values: Mapping[str, Any]) -> dict[str, str]:
    if (values.get("residual_impact") is None) != (values.get("residual_likelihood") is None):
        key = "residual_likelihood" if values.get("residual_impact") else "residual_impact"
        return {key: _("give both residual impact and likelihood, or neither")}
    return {}


def _accepting(values: Mapping[str, Any]) -> bool:
    return values.get("treatment") == "accept" or values.get("accepted_by") is not None


def is_unlawful_handling(consequences: Any, threat: Any) -> bool:
    """目的外利用, 不正取得 or 法令違反: a risk that may never be accepted as residual."""
    return bool(set(consequences or []) & UNLAWFUL_CONSEQUENCES) or threat in UNLAWFUL_THREATS


def no_acceptance_of_unlawful_handling(values: Mapping[str, Any]) -> dict[str, str]:
    """Unlawful handling (法令違反, 目的外利用, 不正取得) cannot be left as residual risk (E06)."""
    if is_unlawful_handling(values.get("consequences"), values.get("threat")) and _accepting(
        values
    ):
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
    if not _accepting(values):
        return {}
    residual, inherent = values.get("residual_score"), values.get("inherent_score")
    if residual is None or inherent is None or residual >= inherent:
        return {}
    from app.registers.assets import split_codes

    if split_codes(values.get("implemented_controls")):
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


def high_risk_needs_treatment(conn: Connection, values: Mapping[str, Any]) -> dict[str, str]:
    from app.risk.scoring import load_matrix

    matrix = load_matrix(conn)
    errors = {}
    for prefix in ("inherent", "residual"):
        for axis, top in (
            ("impact", matrix.impact_levels),
            ("likelihood", matrix.likelihood_levels),
        ):
            key = f"{prefix}_{axis}"
            if values.get(key) is not None and values[key] > top:
                errors[key] = _("must be at most {maximum} on this workspace's matrix").format(
                    maximum=top
                )
    if errors or not _accepting(values):
        return errors
    score = values.get("residual_score") or values.get("inherent_score")
    band = matrix.band(score) if score else None
    if band is not None and not band.may_accept:
        key = "treatment" if values.get("treatment") == "accept" else "accepted_by"
        errors[key] = _(
            "a score of {score} is high: treat the risk and record a lower residual score "
            "before accepting it"
        ).format(score=score)
    return errors
