"""Requests and complaints (issue 13): data-subject requests with their answer clock, complaints
and enquiries, and the retention purge of both."""

from __future__ import annotations

from app.areas import Action, Area, ImportOffer
from app.areas.requests import clock as _clock  # noqa: F401  (registers the clock-log hook)
from app.areas.requests.board import requests_section
from app.areas.requests.complaints import COMPLAINTS
from app.areas.requests.demo import add_requests_demo
from app.areas.requests.registers import (
    ANSWER_RULE,
    AREA_REQUESTS,
    DATA_REQUESTS,
    REFUSAL_RULE,
    REQUEST_CLOCK,
)
from app.areas.requests.reminders import purge_due, stopped_requests
from app.deadlines.bindings import DeadlineBinding
from app.i18n import N_
from app.importing.register_import import RegisterImportSpec

AREA = Area(
    key="requests",
    title=AREA_REQUESTS,
    registers=(DATA_REQUESTS, REQUEST_CLOCK, COMPLAINTS),
    reminders=(stopped_requests, purge_due),
    board_sections=(requests_section,),
    demo=(add_requests_demo,),
    actions=(
        Action(
            DATA_REQUESTS.key,
            "request_clock",
            N_("Extend or stop…"),
            "calendar",
            per_record=True,
        ),
        Action(
            DATA_REQUESTS.key,
            "find_provision_records",
            N_("Find provision records…"),
            "search",
            per_record=True,
        ),
        Action(
            COMPLAINTS.key,
            "raise_corrective_action",
            N_("Raise a corrective action"),
            "new",
            per_record=True,
        ),
    ),
    imports=(
        ImportOffer(lambda: RegisterImportSpec(DATA_REQUESTS), rank=70),
        ImportOffer(lambda: RegisterImportSpec(COMPLAINTS), rank=71),
    ),
    deadline_rules=(
        # the clock restarts after a suspension: the deadline is waived while it is stopped and
        # a new one runs from the restart, due on the request's own (moved) due date
        DeadlineBinding(
            ANSWER_RULE,
            register=DATA_REQUESTS.key,
            trigger="clock_from",
            due_override="sla_due",
            applies_when="clock_running",
            done_when="responded_on",
            not_applying=N_(
                "The clock stopped (waiting for documents) or the request was withdrawn."
            ),
        ),
        DeadlineBinding(
            REFUSAL_RULE,
            register=DATA_REQUESTS.key,
            trigger="decided_on",
            applies_when="refusal_notice",
            done_when="responded_on",
        ),
    ),
)
