"""Assets and risk: the 個人情報管理台帳, purposes of use, controls, risk assessments."""

from __future__ import annotations

from app.areas import Action, Area, ImportOffer
from app.areas.assets.board_assets import assets_section
from app.areas.assets.board_controls import controls_section
from app.areas.assets.board_risk import risk_section
from app.areas.assets.demo import add_asset_demo
from app.areas.assets.registers import (
    AREA_ASSETS,
    ASSET_REGISTERS,
    ASSETS,
    CONTROLS,
    PURPOSES,
    RISK_ASSESSMENTS,
)
from app.areas.assets.reminders import risk_items
from app.deadlines.bindings import DeadlineBinding
from app.i18n import N_
from app.importing.register_import import RegisterImportSpec

AREA = Area(
    key="assets",
    title=AREA_ASSETS,
    registers=ASSET_REGISTERS,
    reminders=(risk_items,),
    board_sections=(assets_section, risk_section, controls_section),
    demo=(add_asset_demo,),
    imports=(
        ImportOffer(lambda: RegisterImportSpec(ASSETS), rank=40),
        ImportOffer(lambda: RegisterImportSpec(PURPOSES), rank=50),
    ),
    actions=(
        Action(ASSETS.key, "risk_analysis", N_("Risk analysis…"), "risk", per_record=True),
        Action(ASSETS.key, "export_ledger", N_("Export 台帳…"), "export"),
        Action(CONTROLS.key, "public_notice", N_("Public notice text…"), "info"),
    ),
    deadline_rules=(
        DeadlineBinding(
            "C-REGISTER",
            register=ASSETS.key,
            trigger="last_reviewed",
            fallback=("created_at",),
            due_override="next_review_due",
            ends_when="disposed_on",
            cycle=True,
        ),
        DeadlineBinding(
            "R-DELETE", register=ASSETS.key, trigger="retention_until", done_when="disposed_on"
        ),
        DeadlineBinding(
            "C-RISK",
            register=RISK_ASSESSMENTS.key,
            trigger="assessed_at",
            due_override="next_review_due",
            group_by="asset",
        ),
    ),
)
