"""The guided start of a risk analysis: a draft proposed from what the asset register says.

Which threats to propose is data: each item of the THREAT_PROFILE catalogue names a threat and, in
``extra``, when it applies (``always``, any of ``media``, any of ``flags``, any of ``subjects``), a
base ``likelihood``, default ``consequences`` and the ``controls`` that address it. The impact is
suggested from the asset as domain §3.7 scores it: 3 for special-care data, My Number, financial
data, children or more than 1,000 people; 1 for up to 100 people of ordinary data; 2 otherwise.
Where a control that addresses the threat is implemented, the residual likelihood is proposed one
level lower. The officer edits the draft; nothing here is final.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from app.areas.assets.registers import ASSETS, RISK_ASSESSMENTS, RISK_ITEMS
from app.catalogues import choices
from app.i18n import _
from app.registers.records import Changes, insert_validated, load_record, record_label, validate
from app.storage.database import Connection, write_transaction

HIGH_VOLUME_FROM = 1001  # more than 1,000 people: reportable on a leak (規則7条)
REVIEW_DAYS = 365


@dataclass(frozen=True)
class Proposal:
    phase: str
    threat: str
    consequences: list[str]
    inherent_impact: int
    inherent_likelihood: int
    implemented_controls: list[str] = field(default_factory=list)
    planned_controls: list[str] = field(default_factory=list)
    residual_impact: int | None = None
    residual_likelihood: int | None = None
    scenario: str | None = None

    def values(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "phase": self.phase,
            "threat": self.threat,
            "consequences": self.consequences,
            "inherent_impact": self.inherent_impact,
            "inherent_likelihood": self.inherent_likelihood,
            "implemented_controls": ", ".join(self.implemented_controls) or None,
            "planned_controls": ", ".join(self.planned_controls) or None,
            "residual_impact": self.residual_impact,
            "residual_likelihood": self.residual_likelihood,
        }


def asset_flags(conn: Connection, asset: dict[str, Any]) -> set[str]:
    """What about the asset makes a threat likely: the vocabulary of THREAT_PROFILE ``flags``."""
    flags = set()
    if asset.get("special_care") in ("yes", "possible"):
        flags.add("special_care")
    for key, flag in (
        ("contains_my_number", "my_number"),
        ("contains_financial", "financial"),
        ("contains_children", "children"),
        ("third_party_provision", "third_party"),
        ("foreign_country", "foreign"),
        ("retention_basis", "retention"),
    ):
        if asset.get(key):
            flags.add(flag)
    if asset.get("id") is not None and is_entrusted(conn, asset["id"]):
        flags.add("entrusted")
    if asset.get("acq_method") == "web_form" or "web_user" in (
        asset.get("subject_categories") or []
    ):
        flags.add("web")
    if asset.get("acq_method") == "in_person":
        flags.add("in_person")
    if high_volume(conn, asset.get("volume_band")):
        flags.add("high_volume")
    return flags


def is_entrusted(conn: Connection, asset_id: int) -> bool:
    """Whether a contractor's entrusted assets (a multi-link field ``entrusted_assets`` to this
    register, declared by whichever area keeps contractors) name the asset."""
    from app.registers.registry import all_registers

    for defn in all_registers():
        for item in defn.multi_link_fields:
            if item.key == "entrusted_assets" and item.link == ASSETS.key:
                table = item.link_table(defn.table)
                found = conn.execute(
                    f"SELECT 1 FROM {table} WHERE target_id = ? LIMIT 1", (asset_id,)
                ).fetchone()
                if found:
                    return True
    return False


def high_volume(conn: Connection, band: str | None) -> bool:
    if not band:
        return False
    extra = _extra(conn, "VOLUME_BAND", band)
    return int(extra.get("min") or 0) >= HIGH_VOLUME_FROM


def _extra(conn: Connection, catalogue: str, code: str) -> dict[str, Any]:
    row = conn.execute(
        "SELECT i.extra FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = ? AND i.code = ?",
        (catalogue, code),
    ).fetchone()
    return json.loads(row[0]) if row and row[0] else {}


def suggested_impact(conn: Connection, asset: dict[str, Any]) -> int:
    flags = asset_flags(conn, asset)
    if flags & {"special_care", "my_number", "financial", "children", "high_volume"}:
        return 3
    if asset.get("volume_band") == "le_100" and asset.get("classification") != "strictly_secret":
        return 1
    return 2


def _profiles(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT i.extra FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'THREAT_PROFILE' AND i.active = 1 ORDER BY i.sort_order, i.id"
    )
    return [json.loads(extra) for (extra,) in rows if extra]


def implemented_controls(conn: Connection, asset_id: int | None) -> set[str]:
    """Codes of controls implemented for the whole organisation or for this asset."""
    rows = conn.execute(
        "SELECT c.code FROM control_status s JOIN control c ON c.id = s.control_id "
        "WHERE s.status = 'implemented' AND (s.scope = 'org' OR s.asset_id IS ?)",
        (asset_id,),
    )
    return {code for (code,) in rows}


def propose(conn: Connection, asset_id: int) -> list[Proposal]:
    """Risk items proposed for an asset: one per phase x threat that its profile matches."""
    asset = {**load_record(conn, ASSETS, asset_id), "id": asset_id}
    media = set(asset.get("media") or [])
    subjects = set(asset.get("subject_categories") or [])
    flags = asset_flags(conn, asset)
    impact = suggested_impact(conn, asset)
    in_place = implemented_controls(conn, asset_id)
    labels = {
        catalogue: dict(choices(conn, catalogue, language="ja", include_inactive=True))
        for catalogue in ("LIFECYCLE_PHASE", "THREAT", "RISK_CONSEQUENCE")
    }
    proposals = []
    for profile in _profiles(conn):
        applies = (
            profile.get("always")
            or media & set(profile.get("media") or [])
            or flags & set(profile.get("flags") or [])
            or subjects & set(profile.get("subjects") or [])
        )
        if not applies:
            continue
        likelihood = int(profile.get("likelihood") or 2)
        addressing = list(profile.get("controls") or [])
        done = [code for code in addressing if code in in_place]
        missing = [code for code in addressing if code not in in_place]
        proposals.append(
            Proposal(
                phase=profile["phase"],
                threat=profile["threat"],
                consequences=list(profile.get("consequences") or []),
                inherent_impact=impact,
                inherent_likelihood=likelihood,
                implemented_controls=done,
                planned_controls=missing,
                residual_impact=impact,
                residual_likelihood=max(1, likelihood - 1) if done else likelihood,
                scenario=_scenario(asset["name"], profile, labels),
            )
        )
    return proposals


def _scenario(asset_name: str, profile: dict[str, Any], labels: dict[str, dict[str, str]]) -> str:
    """A first draft of the scenario in the words of the 台帳 (Japanese), for the officer to edit."""
    phase = labels["LIFECYCLE_PHASE"].get(profile["phase"], profile["phase"])
    threat = labels["THREAT"].get(profile["threat"], profile["threat"])
    results = [labels["RISK_CONSEQUENCE"].get(c, c) for c in profile.get("consequences") or []]
    text = f"{asset_name}の{phase}において「{threat}」が起きる"
    return text + (f"（{'・'.join(results)}のおそれ）。" if results else "。")


def _assessment_values(
    conn: Connection,
    asset_id: int,
    assessed_at: date,
    assessor: int | None,
    trigger: str,
) -> dict[str, Any]:
    return validate(
        conn,
        RISK_ASSESSMENTS,
        {
            "asset": asset_id,
            "assessed_at": assessed_at,
            "assessor": assessor,
            "next_review_due": assessed_at + timedelta(days=REVIEW_DAYS),
            "trigger": trigger,
            "notes": _("Draft proposed from the asset register; review every item."),
        },
    )


def insert_draft_assessment(
    conn: Connection,
    asset_id: int,
    *,
    assessed_at: date,
    assessor: int | None = None,
    trigger: str = "annual",
    user: str | None = None,
) -> int:
    """Write a draft assessment and its proposed items. Call inside ``write_transaction``."""
    values = _assessment_values(conn, asset_id, assessed_at, assessor, trigger)
    assessment_id = insert_validated(conn, RISK_ASSESSMENTS, values, user=user)
    label = record_label(RISK_ASSESSMENTS, values, conn)
    for proposal in propose(conn, asset_id):
        raw = {"assessment": assessment_id, **proposal.values()}
        insert_validated(conn, RISK_ITEMS, validate(conn, RISK_ITEMS, raw), user=user, label=label)
    return assessment_id


def create_draft_assessment(
    conn: Connection,
    asset_id: int,
    *,
    assessed_at: date | None = None,
    assessor: int | None = None,
    trigger: str = "annual",
    user: str | None = None,
) -> Changes:
    """The guided start: an assessment of ``asset_id`` with the proposed items, in one transaction."""
    with write_transaction(conn):
        assessment_id = insert_draft_assessment(
            conn,
            asset_id,
            assessed_at=assessed_at or date.today(),
            assessor=assessor,
            trigger=trigger,
            user=user,
        )
    return Changes(frozenset({RISK_ASSESSMENTS.key, RISK_ITEMS.key}), assessment_id)


COPIED_FIELDS = (
    "phase",
    "threat",
    "consequences",
    "scenario",
    "inherent_impact",
    "inherent_likelihood",
    "implemented_controls",
    "planned_controls",
    "planned_owner",
    "planned_due",
    "residual_impact",
    "residual_likelihood",
    "residual_statement",
    "treatment",
)


def copy_assessment(
    conn: Connection,
    from_assessment: int,
    to_asset: int,
    *,
    assessed_at: date | None = None,
    assessor: int | None = None,
    user: str | None = None,
) -> Changes:
    """A new assessment of ``to_asset`` with every item of ``from_assessment``, in one action.

    Acceptance is not copied: a residual risk is accepted for one asset by name, so the copy keeps
    the treatment unless it was "accept", and the new asset's risks wait for their own acceptance.
    """
    source = load_record(conn, RISK_ASSESSMENTS, from_assessment)
    day = assessed_at or date.today()
    with write_transaction(conn):
        values = _assessment_values(
            conn, to_asset, day, assessor or source["assessor"], source["trigger"] or "annual"
        )
        values["notes"] = _("Copied from the assessment of {source}.").format(
            source=record_label(RISK_ASSESSMENTS, source, conn)
        )
        assessment_id = insert_validated(conn, RISK_ASSESSMENTS, values, user=user)
        label = record_label(RISK_ASSESSMENTS, values, conn)
        item_ids = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM risk_item WHERE assessment_id = ? ORDER BY id", (from_assessment,)
            )
        ]
        for item_id in item_ids:
            item = load_record(conn, RISK_ITEMS, item_id)
            raw = {key: item[key] for key in COPIED_FIELDS}
            if raw["treatment"] == "accept":
                raw["treatment"] = None
            raw["assessment"] = assessment_id
            insert_validated(
                conn, RISK_ITEMS, validate(conn, RISK_ITEMS, raw), user=user, label=label
            )
    return Changes(frozenset({RISK_ASSESSMENTS.key, RISK_ITEMS.key}), assessment_id, len(item_ids))
