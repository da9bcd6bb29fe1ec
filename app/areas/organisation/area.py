"""Organisation and people: settings, departments, staff and the catalogues."""

from __future__ import annotations

from app.areas import Area, ImportOffer, RuleBinding
from app.areas.organisation.board import organisation_section
from app.areas.organisation.demo import add_organisation_demo
from app.areas.organisation.registers import (
    DEPARTMENTS,
    FOUNDATION_REGISTERS,
    ORGANISATION,
    PEOPLE,
)
from app.areas.organisation.reminders import department_items, leaver_items, organisation_items
from app.i18n import N_
from app.importing.register_import import RegisterImportSpec

AREA = Area(
    key="organisation",
    title=N_("Organisation"),
    registers=FOUNDATION_REGISTERS,
    reminders=(organisation_items, leaver_items, department_items),
    board_sections=(organisation_section,),
    demo=(add_organisation_demo,),
    imports=(
        ImportOffer(lambda: RegisterImportSpec(PEOPLE), rank=20),
        ImportOffer(lambda: RegisterImportSpec(DEPARTMENTS), rank=30),
    ),
    deadline_rules=(RuleBinding("R-PMARK-RENEW", ORGANISATION.key, "pmark_expiry"),),
)
