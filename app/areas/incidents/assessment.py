"""The reportability wizard without Qt: its questions, their order, and recording the answers.

``AssessmentFlow`` holds the answers (prefilled from the incident) and says which question comes
next (``resolve_next``: the My Number follow-up only when My Number data is involved). The
conclusion is ``reportability.assess`` of the answers. ``record_assessment`` keeps the answers,
the conclusion and the officer's reasoning as a new assessment (history: each re-assessment is a
record of its own) and writes the answers to the incident, in one transaction, so the incident's
deadlines follow. The dashboard asks again (``needs_assessment``) when an answer on the incident
changes or the number of people crosses 100 or 1,000.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.areas.incidents.derive import latest_assessment
from app.areas.incidents.registers import INCIDENT_ASSESSMENTS, INCIDENTS
from app.areas.incidents.reportability import (
    FACT_KEYS,
    MY_NUMBER_THRESHOLD,
    PEOPLE_THRESHOLD,
    Conclusion,
    Facts,
    assess,
)
from app.deadlines.engine import compute
from app.deadlines.holidays import BUILTIN, HolidayCalendar
from app.i18n import N_, _
from app.registers.records import (
    Changes,
    insert_validated,
    load_record,
    update_in_transaction,
    validate,
)
from app.storage.database import Connection, write_transaction

CONCLUSION = "conclusion"


@dataclass(frozen=True)
class Question:
    key: str  # the incident field it answers
    text: str  # N_() msgid: the question
    help: str  # N_() msgid: what counts, from the PPC guideline
    number: bool = False  # asks for a count instead of yes / no


QUESTIONS: tuple[Question, ...] = (
    Question(
        "near_miss",
        N_("Was it caught before any personal data left the co-op's control (a near miss)?"),
        N_(
            "Answer yes only if nobody outside the co-op could have seen, taken or lost the "
            "data, e.g. a wrong slip found before the delivery left the centre."
        ),
    ),
    Question(
        "sensitive",
        N_("1. Does it involve special-care personal information (要配慮個人情報)?"),
        N_(
            "病歴, 健康診断の結果, 障害, 信条, 犯罪の経歴 and the like — e.g. health notes of a meal-"
            "delivery member, a staff health check (規則7条1号). Counts from one person."
        ),
    ),
    Question(
        "financial_risk",
        N_("2. Could it cause financial damage through unauthorised use?"),
        N_(
            "Card numbers (with or without the expiry date), bank details with passwords, IDs "
            "and passwords of accounts that can pay (規則7条2号). Counts from one person."
        ),
    ),
    Question(
        "wrongful_purpose",
        N_("3. Could it have been done for a wrongful purpose?"),
        N_(
            "Unauthorised access, malware, theft, an insider taking data out, web skimming of "
            "data being entered (規則7条3号). Counts from one person; the final report is due in "
            "60 days."
        ),
    ),
    Question(
        "subject_count",
        N_("4. How many people are affected (the largest likely number)?"),
        N_(
            "More than 1,000 makes any leak reportable (規則7条4号). Give the maximum estimate "
            "while the count is unsure; the wizard asks again when it crosses 1,000."
        ),
        number=True,
    ),
    Question(
        "encrypted_high",
        N_("Was the data protected by high-grade encryption or an equivalent measure?"),
        N_(
            "Encrypted with a recognised algorithm, with the key kept safe and not leaked with "
            "the data, or the data made unreadable remotely before anyone could read it. Then "
            "none of the above is reportable."
        ),
    ),
    Question(
        "my_number",
        N_("Does it involve My Number data (特定個人情報)?"),
        N_("個人番号 held for payroll, withholding or 共済 work (番号法29条の4)."),
    ),
    Question(
        "mynum_public",
        N_("Could the My Number data be viewed by many people electronically?"),
        N_(
            "e.g. posted on a public web page or a shared drive open to outsiders. With a "
            "wrongful purpose or more than 100 people this makes it reportable under 番号法."
        ),
    ),
)
QUESTION_BY_KEY = {question.key: question for question in QUESTIONS}


def resolve_next(step: str | None, answers: Mapping[str, Any]) -> str:
    """The step after ``step`` (None: the first). The My Number follow-up is asked only when My
    Number data is involved; after a near miss only the conclusion is left."""
    keys = [question.key for question in QUESTIONS]
    if step is None:
        return keys[0]
    if step == "near_miss" and answers.get("near_miss"):
        return CONCLUSION
    if step == CONCLUSION:
        return CONCLUSION
    index = keys.index(step) + 1
    while index < len(keys):
        key = keys[index]
        if key == "mynum_public" and not answers.get("my_number"):
            index += 1
            continue
        return key
    return CONCLUSION


@dataclass
class AssessmentFlow:
    incident_id: int
    answers: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    trigger: str = ""
    known_on: date | None = None
    we_are_contractor: bool = False

    @classmethod
    def for_incident(cls, conn: Connection, incident_id: int) -> AssessmentFlow:
        record = load_record(conn, INCIDENTS, incident_id)
        answers = {key: record.get(key) for key in FACT_KEYS}
        for key in FACT_KEYS:
            if key != "subject_count":
                answers[key] = bool(answers[key])
        return cls(
            incident_id,
            answers,
            trigger=reassessment_trigger(conn, incident_id),
            known_on=record["known_on"],
            we_are_contractor=bool(record["we_are_contractor"]),
        )

    def steps(self) -> list[str]:
        """The questions this flow asks, in order, then the conclusion."""
        found, step = [], resolve_next(None, self.answers)
        while step != CONCLUSION:
            found.append(step)
            step = resolve_next(step, self.answers)
        return [*found, CONCLUSION]

    def conclusion(self) -> Conclusion:
        return assess(Facts.of(self.answers))

    def deadlines(self, calendar: HolidayCalendar = BUILTIN) -> list[tuple[str, date | None]]:
        """(duty, due date) that the conclusion sets running from the day any department knew:
        the 速報 and the 確報 (30 or 60 days), or the controller notice for a contractor."""
        conclusion = self.conclusion()
        if not conclusion.ppc_report_required or self.known_on is None:
            return []
        if self.we_are_contractor:
            rules = ["R-LEAK-CONTROLLER"]
        else:
            final = "R-LEAK-FINAL-60" if conclusion.final_days == 60 else "R-LEAK-FINAL-30"
            if not conclusion.reportable:
                final = "R-MYNUM-LEAK"
            rules = ["R-LEAK-PRELIM", final]
        found = []
        for rule in rules:
            result = compute(rule, self.known_on, calendar)
            found.append((result.rule.title, result.due_date))
        return found


def reassessment_trigger(conn: Connection, incident_id: int) -> str:
    """Why the incident is (re)assessed now, in the UI language."""
    stored = latest_assessment(conn, incident_id)
    if stored is None:
        return _("First assessment")
    record = load_record(conn, INCIDENTS, incident_id)
    now, then = Facts.of(record), Facts.of(stored)
    reasons = []
    count_now, count_then = now.subject_count or 0, then.subject_count or 0
    for limit in (PEOPLE_THRESHOLD, MY_NUMBER_THRESHOLD):
        if (count_now > limit) != (count_then > limit):
            reasons.append(
                _("the number of people crossed {limit:,} ({then:,} → {now:,})").format(
                    limit=limit, then=count_then, now=count_now
                )
            )
            break
    changed = [
        _(INCIDENTS.field(key).label)
        for key in FACT_KEYS
        if key != "subject_count" and getattr(now, key) != getattr(then, key)
    ]
    if changed:
        reasons.append(_("answers changed: {fields}").format(fields="、".join(changed)))
    return "; ".join(reasons) or _("Re-assessed by the officer")


def record_assessment(
    conn: Connection,
    flow: AssessmentFlow,
    *,
    today: date | None = None,
    user: str | None = None,
) -> Changes:
    """Keep the answers, conclusion and reasoning as a new assessment and write the answers to
    the incident (its deadlines follow), all in one transaction."""
    with write_transaction(conn):
        assessment_id = record_assessment_in_transaction(conn, flow, today=today, user=user)
    return Changes(frozenset({INCIDENTS.key, INCIDENT_ASSESSMENTS.key, "deadlines"}), assessment_id)


def record_assessment_in_transaction(
    conn: Connection,
    flow: AssessmentFlow,
    *,
    today: date | None = None,
    user: str | None = None,
) -> int:
    """``record_assessment`` inside the caller's write transaction (the demo's steps)."""
    conclusion = flow.conclusion()
    answers = dict(flow.answers)
    values = validate(
        conn,
        INCIDENT_ASSESSMENTS,
        {
            "incident": flow.incident_id,
            "assessed_on": today or date.today(),
            **answers,
            "reportable": conclusion.reportable,
            "mynum_reportable": conclusion.my_number_reportable,
            "grounds": ", ".join(conclusion.grounds) or None,
            "conclusion": conclusion.reason,
            "reason": flow.reason.strip() or None,
            "trigger": flow.trigger or None,
        },
    )
    assessment_id = insert_validated(conn, INCIDENT_ASSESSMENTS, values, user=user)
    update_in_transaction(conn, INCIDENTS, flow.incident_id, answers, user=user)
    return assessment_id


def needs_assessment(conn: Connection) -> list[tuple[int, str, str, date, str]]:
    """Open incidents (not near misses) never assessed, or whose answers or count changed since
    the last assessment: (id, number, title, known on, state)."""
    rows = conn.execute(
        "SELECT id, incident_no, title, known_on, assessment_state FROM incident "
        "WHERE closed_on IS NULL AND near_miss = 0 AND assessment_state IN ('none', 'stale') "
        "ORDER BY known_on, id"
    ).fetchall()
    return [(row[0], row[1], row[2], date.fromisoformat(row[3]), row[4]) for row in rows]
