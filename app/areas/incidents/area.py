"""Incidents and leaks (domain E16): the register, reportability, PPC reports and deadlines."""

from __future__ import annotations

from app.areas import Area, ImportOffer
from app.areas.incidents.registers import (
    AREA_INCIDENTS,
    INCIDENT_REGISTERS,
    INCIDENT_REPORTS,
    INCIDENTS,
)
from app.areas.incidents.sync import keep_in_step
from app.deadlines.bindings import DeadlineBinding
from app.importing.register_import import RegisterImportSpec


def _on_incident(rule: str, applies_when: str, done_when: str) -> DeadlineBinding:
    return DeadlineBinding(
        rule,
        register=INCIDENTS.key,
        trigger="known_on",
        applies_when=applies_when,
        done_when=done_when,
    )


assert keep_in_step  # imported for its hook: reports and incidents stay in step

AREA = Area(
    key="incidents",
    title=AREA_INCIDENTS,
    registers=INCIDENT_REGISTERS,
    imports=(ImportOffer(lambda: RegisterImportSpec(INCIDENTS), rank=60),),
    deadline_rules=(
        _on_incident("R-LEAK-PRELIM", "ppc_report_due", "prelim_reported_on"),
        _on_incident("R-LEAK-FINAL-30", "final_30", "final_reported_on"),
        _on_incident("R-LEAK-FINAL-60", "final_60", "final_reported_on"),
        _on_incident("R-MYNUM-LEAK", "mynum_report_due", "final_reported_on"),
        _on_incident("R-LEAK-CONTROLLER", "controller_notice_due", "controller_notified_on"),
        _on_incident("R-LEAK-SUBJECT", "subject_notice_due", "subject_notice_settled_on"),
        _on_incident("R-PMARK-INC", "pmark_report_due", "pmark_reported_on"),
        DeadlineBinding(
            "R-LEAK-SUPPLEMENT",
            register=INCIDENT_REPORTS.key,
            trigger="reported_on",
            applies_when="pending_items",
            done_when="supplemented_on",
        ),
    ),
)
