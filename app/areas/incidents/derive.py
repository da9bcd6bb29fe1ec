"""What an incident's facts imply, computed on every save (the register's ``conn_derive``).

The incident's reportability, the profile of its deadlines and its status follow from its fields
and its child records (assessments, reports sent); a report's due date and on-time status follow
from its incident. ``sync.py`` keeps both sides in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.areas.incidents.reportability import FACT_KEYS, Facts, assess
from app.deadlines.engine import compute
from app.deadlines.holidays import load_calendar
from app.storage.database import Connection


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def next_incident_no(conn: Connection, year: int) -> str:
    prefix = f"INC-{year}-"
    rows = conn.execute(
        "SELECT incident_no FROM incident WHERE incident_no LIKE ?", (prefix + "%",)
    ).fetchall()
    numbers = [int(no[len(prefix) :]) for (no,) in rows if no[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _pmark_holder(conn: Connection) -> bool:
    row = conn.execute("SELECT is_pmark_holder FROM organisation LIMIT 1").fetchone()
    return bool(row and row[0])


def latest_assessment(conn: Connection, incident_id: int) -> dict[str, Any] | None:
    """The stored answers of the incident's newest assessment, keyed by fact."""
    columns = ", ".join(FACT_KEYS)
    row = conn.execute(
        f"SELECT {columns} FROM incident_assessment WHERE incident_id = ? "
        "ORDER BY assessed_on DESC, id DESC LIMIT 1",
        (incident_id,),
    ).fetchone()
    return dict(zip(FACT_KEYS, row, strict=True)) if row else None


def assessment_state(conn: Connection, incident_id: int | None, facts: Facts) -> str:
    """none / current / stale: stale when an answer changed or the count crossed 100 or 1,000."""
    stored = latest_assessment(conn, incident_id) if incident_id is not None else None
    if stored is None:
        return "none"
    then = Facts.of(stored)
    same_answers = all(
        getattr(then, key) == getattr(facts, key) for key in FACT_KEYS if key != "subject_count"
    )
    return (
        "current" if same_answers and then.threshold_side() == facts.threshold_side() else "stale"
    )


def _report_dates(conn: Connection, incident_id: int | None) -> dict[str, date | None]:
    found: dict[str, date | None] = {
        "prelim_reported_on": None,
        "final_reported_on": None,
        "pmark_reported_on": None,
    }
    if incident_id is None:
        return found
    rows = conn.execute(
        "SELECT kind, recipient, min(reported_on) FROM incident_report WHERE incident_id = ? "
        "GROUP BY kind, recipient",
        (incident_id,),
    ).fetchall()
    firsts = {(kind, recipient): _day(day) for kind, recipient, day in rows}
    ppc = [firsts.get(("prelim", "ppc")), firsts.get(("final", "ppc"))]
    found["prelim_reported_on"] = min((d for d in ppc if d), default=None)  # a 確報 counts as both
    found["final_reported_on"] = firsts.get(("final", "ppc"))
    found["pmark_reported_on"] = firsts.get(("final", "pmark"))
    return found


def _status(values: Mapping[str, Any], reports: Mapping[str, date | None]) -> str:
    if values.get("closed_on"):
        return "closed"
    if reports["final_reported_on"]:
        return "reported_final"
    if reports["prelim_reported_on"]:
        return "reported_prelim"
    if values.get("contained_on"):
        return "contained"
    return "open"


def incident_derived(conn: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    incident_id = values.get("id")
    derived: dict[str, Any] = {}
    known, officer = values.get("known_on"), values.get("officer_known_on")
    if not values.get("incident_no"):
        derived["incident_no"] = next_incident_no(conn, (known or date.today()).year)
    derived["officer_lag_days"] = (officer - known).days if known and officer else None
    facts = Facts.of(values)
    conclusion = assess(facts)
    own = conclusion.ppc_report_required and not values.get("we_are_contractor")
    days = conclusion.final_days
    derived.update(
        reportable=conclusion.reportable,
        mynum_reportable=conclusion.my_number_reportable,
        report_grounds=", ".join(conclusion.grounds) or None,
        final_report_days=days,
        ppc_report_due=own,
        final_30=own and conclusion.reportable and days == 30,
        final_60=own and conclusion.reportable and days == 60,
        mynum_report_due=own and conclusion.my_number_reportable and not conclusion.reportable,
        controller_notice_due=bool(values.get("we_are_contractor")) and not facts.near_miss,
        subject_notice_due=own and values.get("subject_notice") != "not_needed",
        pmark_report_due=_pmark_holder(conn) and not facts.near_miss,
        assessment_state=assessment_state(conn, incident_id, facts),
    )
    notice = values.get("subject_notice")
    derived["subject_notice_settled_on"] = (
        values.get("subject_notified_on")
        if notice == "done"
        else values.get("announced_on")
        if notice == "alternative"
        else None
    )
    reports = _report_dates(conn, incident_id)
    derived.update(reports)
    derived["status"] = _status(values, reports)
    return derived


def report_due(conn: Connection, incident_id: int, kind: str, recipient: str) -> date | None:
    """The due date of a report of ``kind`` to ``recipient``, from the deadline engine."""
    row = conn.execute(
        "SELECT known_on, final_report_days FROM incident WHERE id = ?", (incident_id,)
    ).fetchone()
    if row is None or row[0] is None:
        return None
    known, days = date.fromisoformat(row[0]), row[1]
    if kind == "prelim":
        rule = "R-LEAK-PRELIM"
    elif kind == "final" and recipient == "pmark":
        rule = "R-PMARK-INC"
    elif kind == "final" and days:
        rule = "R-LEAK-FINAL-60" if days == 60 else "R-LEAK-FINAL-30"
    else:
        return None  # a supplement is due "when known"; a final report nobody required
    return compute(rule, known, load_calendar(conn)).due_date


def report_derived(conn: Connection, values: Mapping[str, Any]) -> dict[str, Any]:
    incident_id, kind = values.get("incident"), values.get("kind")
    reported = values.get("reported_on")
    if incident_id is None or kind is None:
        return {}
    due = report_due(conn, incident_id, kind, values.get("recipient") or "ppc")
    supplemented = None
    if kind == "final" and values.get("pending_items") and reported:
        row = conn.execute(
            "SELECT min(reported_on) FROM incident_report WHERE incident_id = ? "
            "AND kind = 'supplement' AND recipient = ? AND reported_on >= ?",
            (incident_id, values.get("recipient") or "ppc", reported.isoformat()),
        ).fetchone()
        supplemented = _day(row[0])
    return {
        "due_on": due,
        "on_time": (reported <= due) if due and reported else None,
        "supplemented_on": supplemented,
    }
