"""What a provision or receipt record must say (規則20条, 24条), checked as the record is saved.

``missing_items`` lists the fields a record of its direction and basis still lacks; a record with
none missing is complete (the board report's "records with complete provision fields" KPI).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.sharing.retention import record_needed, retention_rule, retention_until
from app.i18n import _


def _filled(value: Any) -> bool:
    return value not in (None, "", [])


def missing_items(values: Mapping[str, Any]) -> list[str]:
    """Field keys of the items the law asks the record to hold that are still empty."""
    basis, direction = values.get("basis"), values.get("direction")
    if not record_needed(basis):
        return []
    needed = ["subject_identification", "data_items"]
    if not values.get("unspecified_recipients"):
        needed.insert(0, "counterparty_name")
    if basis in ("consent", "consent_foreign", "related_info"):
        needed.append("consent_statement")
    if basis == "consent_foreign":
        needed.append("foreign_info_provided")
    if direction == "receive":
        needed += ["counterparty_address", "acquisition_history"]
        if basis == "opt_out":
            needed.append("optout_publication")
    return [key for key in needed if not _filled(values.get(key)) or values.get(key) is False]


def provision_derive(values: Mapping[str, Any]) -> dict[str, Any]:
    method = values.get("recording_method")
    return {
        "record_needed": record_needed(values.get("basis")),
        "retention_rule": retention_rule(values.get("direction"), values.get("basis"), method),
        "retention_until": retention_until(
            values.get("direction"),
            values.get("basis"),
            method,
            recorded_on=values.get("recorded_on"),
            provided_on=values.get("provided_on"),
            last_provided_on=values.get("last_provided_on"),
            ongoing=bool(values.get("ongoing")),
        ),
        "complete": not missing_items(values),
    }


def provision_checks(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    first, last = values.get("provided_on"), values.get("last_provided_on")
    if first and last and last < first:
        errors["last_provided_on"] = _("the last provision is before the first one")
    if values.get("basis") == "consent_foreign" and values.get("direction") == "receive":
        errors["basis"] = _(
            "consent to a foreign recipient is a basis for providing, not receiving"
        )
    if values.get("recording_method") == "each" and values.get("ongoing"):
        errors["ongoing"] = _("a record made each time covers one provision; choose bulk")
    disposed = values.get("disposed_on")
    if disposed and values.get("recorded_on") and disposed < values["recorded_on"]:
        errors["disposed_on"] = _("the record cannot be disposed of before it was made")
    return errors
