"""Incidents and leaks (domain E16): the register, reportability, PPC reports and deadlines."""

from __future__ import annotations

from app.areas import Action, Area, ImportOffer
from app.areas.incidents.board import incidents_section
from app.areas.incidents.demo import add_incident_demo
from app.areas.incidents.importing import IncidentImportSpec
from app.areas.incidents.registers import (
    AREA_INCIDENTS,
    INCIDENT_REGISTERS,
    INCIDENT_REPORTS,
    INCIDENTS,
)
from app.areas.incidents.reminders import incident_items
from app.areas.incidents.sync import keep_in_step
from app.deadlines.bindings import DeadlineBinding
from app.i18n import N_


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
    reminders=(incident_items,),
    board_sections=(incidents_section,),
    demo=(add_incident_demo,),
    actions=(
        Action(
            INCIDENTS.key,
            "assess_reportability",
            N_("Assess reportability…"),
            "incident",
            per_record=True,
        ),
        Action(
            INCIDENTS.key, "ppc_report_draft", N_("PPC report draft…"), "report", per_record=True
        ),
        Action(
            INCIDENTS.key,
            "raise_corrective_action",
            N_("Corrective action…"),
            "edit",
            per_record=True,
        ),
    ),
    imports=(ImportOffer(IncidentImportSpec, rank=60),),
    deadline_rules=(
        DeadlineBinding(
            "R-LEAK-PRELIM",
            register=INCIDENTS.key,
            trigger="reportable_since",
            fallback=("known_on",),
            applies_when="ppc_report_due",
            done_when="prelim_reported_on",
        ),
        _on_incident("R-LEAK-FINAL-30", "final_30", "final_reported_on"),
        _on_incident("R-LEAK-FINAL-60", "final_60", "final_reported_on"),
        _on_incident("R-MYNUM-LEAK", "mynum_report_due", "final_reported_on"),
        _on_incident("R-LEAK-CONTROLLER", "controller_notice_due", "controller_notified_on"),
        _on_incident("R-LEAK-SUBJECT", "subject_notice_due", "subject_notice_settled_on"),
        DeadlineBinding(
            "R-PMARK-PRELIM",
            register=INCIDENTS.key,
            trigger="reportable_since",
            fallback=("known_on",),
            applies_when="pmark_prelim_due",
            done_when="pmark_prelim_on",
        ),
        _on_incident("R-PMARK-INC", "pmark_30", "pmark_reported_on"),
        _on_incident("R-PMARK-INC-60", "pmark_60", "pmark_reported_on"),
        DeadlineBinding(
            "R-LEAK-SUPPLEMENT",
            register=INCIDENT_REPORTS.key,
            trigger="reported_on",
            applies_when="pending_items",
            done_when="supplemented_on",
        ),
    ),
)
