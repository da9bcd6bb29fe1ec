"""Assets and risk: the 個人情報管理台帳, purposes of use, controls, risk assessments."""

from __future__ import annotations

from app.areas import Action, Area, ImportOffer, RuleBinding
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
from app.areas.assets.reminders import asset_items, risk_items
from app.i18n import N_
from app.importing.register_import import RegisterImportSpec

AREA = Area(
    key="assets",
    title=AREA_ASSETS,
    registers=ASSET_REGISTERS,
    reminders=(asset_items, risk_items),
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
        RuleBinding("C-REGISTER", ASSETS.key, "last_reviewed", "next_review_due"),
        RuleBinding("R-DELETE", ASSETS.key, "retention_until"),
        RuleBinding("C-RISK", RISK_ASSESSMENTS.key, "assessed_at", "next_review_due"),
    ),
)
