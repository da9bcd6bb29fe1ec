"""Sharing and disposal (issue 16): provision and receipt records with the decision helper, joint
use, foreign transfers, anonymised and pseudonymised data, disposal and carry-out records."""

from __future__ import annotations

from app.areas import Area, ImportOffer
from app.areas.sharing.registers_provision import (
    AREA_SHARING,
    PROVISION_RECORDS,
    PROVISION_REGISTERS,
)
from app.deadlines.bindings import DeadlineBinding
from app.importing.register_import import RegisterImportSpec

AREA = Area(
    key="sharing",
    title=AREA_SHARING,
    registers=PROVISION_REGISTERS,
    imports=(ImportOffer(lambda: RegisterImportSpec(PROVISION_RECORDS), rank=60),),
    deadline_rules=(
        DeadlineBinding(
            "R-DELETE",
            register=PROVISION_RECORDS.key,
            trigger="retention_until",
            done_when="disposed_on",
        ),
    ),
)
