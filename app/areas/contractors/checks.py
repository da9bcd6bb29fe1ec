"""Checks and derived values of the contractor registers (declared in ``registers.py``).

Contractor: the 法人番号 normalised and checked, a country for data abroad, the risk tier of the
day. Contract: dates in order, kept at least as long as the entrusted data. Evaluation: score and
A/B/C from its stored answers, the next evaluation from the tier. Requests: closed with a date.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.areas.contractors.corp_no import corp_no_problem, normalise_corp_no
from app.areas.contractors.scoring import result_for, score_of, thresholds
from app.areas.contractors.tiers import TierRules, factors_of, next_evaluation, tier_for
from app.i18n import _
from app.storage.database import Connection


def normalised_corp_no(values: Mapping[str, Any]) -> dict[str, Any]:
    text = values.get("corp_no")
    if text and corp_no_problem(text) is None:
        return {"corp_no": normalise_corp_no(text)}
    return {}


def corp_no_check(values: Mapping[str, Any]) -> dict[str, str]:
    text = values.get("corp_no")
    problem = corp_no_problem(text) if text else None
    return {"corp_no": problem} if problem else {}


def foreign_country_named(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("processes_abroad") and not values.get("foreign_country"):
        return {"foreign_country": _("name the country where the data is kept or handled")}
    return {}


def certification_named(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("certification") in (None, "none") and values.get("certification_expiry"):
        return {"certification": _("choose the certification whose expiry is given")}
    return {}


def contractor_tier(conn: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    """The tier on the day of the save (an expired certification no longer lowers it)."""
    rules, today = TierRules.load(conn), date.today()
    return {
        "processes_abroad": values.get("data_location") in rules.foreign,
        "tier_factors": factors_of(rules, values, today) or None,
        "risk_tier": tier_for(rules, values, today),
    }


def contract_dates_in_order(values: Mapping[str, Any]) -> dict[str, str]:
    start, end = values.get("term_start"), values.get("term_end")
    if start and end and end < start:
        return {"term_end": _("the contract ends before it starts")}
    return {}


def entrusted_retention(conn: Connection, contractor_id: int | None) -> date | None:
    """The latest 保管期限 among the 台帳 entries entrusted to the contractor."""
    if contractor_id is None:
        return None
    row = conn.execute(
        "SELECT max(a.retention_until) FROM contractor_entrusted_assets l "
        "JOIN asset a ON a.id = l.target_id WHERE l.owner_id = ?",
        (contractor_id,),
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def contract_retention_default(conn: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    if values.get("retention_until"):
        return {}
    latest = entrusted_retention(conn, values.get("contractor"))
    return {"retention_until": latest} if latest else {}


def retention_covers_data(conn: Connection, values: Mapping[str, Any]) -> dict[str, str]:
    latest = entrusted_retention(conn, values.get("contractor"))
    kept = values.get("retention_until")
    if latest and kept and kept < latest:
        return {
            "retention_until": _(
                "keep the contract at least as long as the entrusted data (until {date} or later)"
            ).format(date=latest.isoformat())
        }
    return {}


def approval_dated(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("approved_by") is not None and not values.get("approved_on"):
        return {"approved_on": _("give the date of the prior approval")}
    return {}


def current_contract_end(conn: Connection, contractor_id: int | None) -> date | None:
    if contractor_id is None:
        return None
    row = conn.execute(
        "SELECT max(term_end) FROM contractor_contract WHERE contractor_id = ? "
        "AND terminated_on IS NULL",
        (contractor_id,),
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def evaluation_result(conn: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    """Score and result from the evaluation's stored answers; the next evaluation from the
    contractor's tier when not given."""
    record_id = values.get("id")
    scores = [
        row[0]
        for row in conn.execute(
            "SELECT score FROM contractor_evaluation_answer WHERE evaluation_id = ?", (record_id,)
        )
    ] if record_id is not None else []  # fmt: skip
    score = score_of(scores)
    derived: dict[str, Any] = {
        "score": score.total if score.answered else None,
        "max_score": score.maximum or None,
        "score_percent": score.percent,
        "result": result_for(thresholds(conn), score),
    }
    contractor, evaluated = values.get("contractor"), values.get("evaluated_on")
    if not values.get("next_evaluation_due") and contractor and evaluated:
        tier = conn.execute("SELECT risk_tier FROM contractor WHERE id = ?", (contractor,))
        row = tier.fetchone()
        derived["next_evaluation_due"] = next_evaluation(
            TierRules.load(conn), row[0] if row else None, evaluated,
            current_contract_end(conn, contractor),
        )  # fmt: skip
    return derived


def closed_with_date(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("status") in ("closed", "withdrawn") and not values.get("closed_on"):
        return {"closed_on": _("give the date the request was closed")}
    if values.get("closed_on") and values.get("status") == "open":
        return {"status": _("a request with a closing date is closed")}
    return {}
