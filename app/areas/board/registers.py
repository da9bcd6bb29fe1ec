"""Stored board (理事会) reports: a declared register, so the audit trail, ``verify`` and exports
cover them like every other record. The Reports page lists and opens them, so the register has no
page of its own (``listed=False``); ``app.board.report`` writes them through the record layer."""

from __future__ import annotations

from app.i18n import N_
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind

AREA_RECORDS = N_("Records")
SNAPSHOT_LIMIT = 20_000_000  # characters of JSON; a report with every appendix stays far below

BOARD_REPORTS = RegisterDef(
    key="board_reports",
    table="board_report",
    title=N_("Stored board reports"),
    item_title=N_("Stored board report"),
    area=AREA_RECORDS,
    human_key="period_label",
    display="period_label",
    default_sort="period_end",
    creatable=False,
    listed=False,
    indexes=(("period_start", "period_end"),),
    fields=(
        Field("period_start", N_("Period from"), Kind.DATE, required=True, list_column=True),
        Field("period_end", N_("Period to"), Kind.DATE, required=True, list_column=True),
        Field("period_label", N_("Period"), required=True, list_column=True),
        Field("language", N_("Language"), Kind.CODE, required=True, max_length=5),
        Field(
            "snapshot",
            N_("Figures (snapshot)"),
            Kind.LONG_TEXT,
            required=True,
            max_length=SNAPSHOT_LIMIT,
        ),
        Field("narrative", N_("Narrative"), Kind.LONG_TEXT, required=True),
        Field(
            "content_hash",
            N_("Content hash"),
            Kind.CODE,
            required=True,
            max_length=64,
            list_column=True,
        ),
    ),
)
