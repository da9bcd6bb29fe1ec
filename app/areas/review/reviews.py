"""Recording that a law entry or a document was reviewed today, in one step.

The review date starts the next yearly cycle (C-LEGAL, R-PUBLIC-NOTICE: the open deadline is done
and the next opens a year on) and clears a change-driven reminder (a change is due only when it
came after the last review). A next-review date set by hand is cleared, so the next review falls
due a year after this one.
"""

from __future__ import annotations

from datetime import date

from app.areas.review.registers import DOCUMENTS, LEGAL_REQUIREMENTS
from app.registers.records import Changes, update_record

REVIEWABLE = {defn.key: defn for defn in (LEGAL_REQUIREMENTS, DOCUMENTS)}


def mark_reviewed(
    conn, register: str, record_id: int, *, today: date | None = None, user: str | None = None
) -> Changes:
    defn = REVIEWABLE[register]
    return update_record(
        conn,
        defn,
        record_id,
        {"last_reviewed": today or date.today(), "next_review_due": None},
        user=user,
    )
