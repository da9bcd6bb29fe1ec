"""The contractor's self-assessment questionnaire (委託先評価票) on the checklist round trip.

``export_questionnaire`` sends the 23 items of the checklist (catalogue ``CONTRACTOR_CHECK``,
in its order) pre-filled with the answers of the contractor's last evaluation.
``read_questionnaire`` reads the return (refused when it is another contractor's, another
workspace's, or its structure was changed) and compares it with those answers field by field;
the officer accepts or rejects each answer, and ``create_evaluation`` records an evaluation from
the accepted ones (method 自己評価票, the file named), its score and A/B/C result derived as for
any evaluation, with improvement requests for the items the officer lists.
``questionnaire_import_spec`` offers the same through File › Import.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.areas.contractors.registers import ANSWERS, CONTRACTORS, EVALUATIONS, IMPROVEMENTS
from app.i18n import N_, gettext_in
from app.importing.round_trip import (
    SCORE_0_2,
    Answer,
    AnswerDiff,
    ChecklistForm,
    ChecklistItem,
    ReturnedChecklist,
    Subject,
    diff_answers,
    export_checklist,
    read_return,
    workspace_identity,
)
from app.importing.round_trip_spec import ChecklistImportSpec
from app.registers.records import (
    Changes,
    insert_validated,
    load_record,
    record_label,
    row_values,
    update_validated,
    validate,
)
from app.storage.database import Connection, write_transaction

KIND = "contractor_questionnaire"
TITLE = N_("Contractor evaluation questionnaire (self-assessment)")
INSTRUCTIONS = (
    N_(
        "Please answer how your company handles the personal data we entrust to you, for each "
        "item, in the yellow cells: 2 in place, 1 partly, 0 not in place, or not applicable."
    ),
    N_(
        "Under Evidence and notes, name what shows it (certificate number, rules, records); "
        "we may ask to see them."
    ),
    N_("Last time's answers are filled in: change only what is different now."),
    N_(
        "Do not add, delete or move rows or sheets. Fill in who answered and when, save the "
        "file and send it back."
    ),
)


def checklist_items(conn: Connection, language: str = "ja") -> tuple[ChecklistItem, ...]:
    """The checklist's active items in catalogue order, numbered and grouped as shipped."""
    label = "label_en" if language == "en" else "label_ja"
    rows = conn.execute(
        f"SELECT i.code, i.{label}, i.extra FROM catalogue_item i JOIN catalogue c "
        "ON c.id = i.catalogue_id WHERE c.code = 'CONTRACTOR_CHECK' AND i.active = 1 "
        "ORDER BY i.sort_order, i.id"
    ).fetchall()
    items = []
    for position, (code, text, extra) in enumerate(rows, start=1):
        data = json.loads(extra) if extra else {}
        items.append(
            ChecklistItem(code, int(data.get("number", position)), text, data.get("group", ""))
        )
    return tuple(items)


def subject_of(conn: Connection, contractor_id: int) -> Subject:
    record = load_record(conn, CONTRACTORS, contractor_id)
    return Subject(CONTRACTORS.key, contractor_id, record_label(CONTRACTORS, record))


def latest_evaluation(conn: Connection, contractor_id: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM contractor_evaluation WHERE contractor_id = ? "
        "ORDER BY evaluated_on DESC, id DESC LIMIT 1",
        (contractor_id,),
    ).fetchone()
    return int(row[0]) if row else None


def latest_evaluation_summary(conn: Connection, contractor_id: int) -> str:
    """One line on the contractor's last evaluation, for the questionnaire dialog."""
    from app.catalogues import choices
    from app.dates import show_date
    from app.i18n import _

    evaluation = latest_evaluation(conn, contractor_id)
    if evaluation is None:
        return _("No evaluation yet: the questionnaire goes out empty.")
    record = load_record(conn, EVALUATIONS, evaluation)
    results = dict(choices(conn, "EVAL_RESULT", include_inactive=True))
    return _("Last evaluation: {date}, result {result} ({percent}%).").format(
        date=show_date(record["evaluated_on"]),
        result=results.get(record["result"] or "", "—"),
        percent=record["score_percent"] if record["score_percent"] is not None else "—",
    )


def previous_answers(conn: Connection, contractor_id: int) -> dict[str, Answer]:
    """The answers of the contractor's latest evaluation, by item code."""
    evaluation = latest_evaluation(conn, contractor_id)
    if evaluation is None:
        return {}
    rows = conn.execute(
        "SELECT item, score, evidence FROM contractor_evaluation_answer WHERE evaluation_id = ?",
        (evaluation,),
    )
    return {item: Answer(score, evidence) for item, score, evidence in rows}


def questionnaire_form(conn: Connection, contractor_id: int, language: str = "ja") -> ChecklistForm:
    return ChecklistForm(
        kind=KIND,
        title=gettext_in(language, TITLE),
        subject=subject_of(conn, contractor_id),
        items=checklist_items(conn, language),
        scale=SCORE_0_2,
        instructions=tuple(gettext_in(language, line) for line in INSTRUCTIONS),
        previous=previous_answers(conn, contractor_id),
        language=language,
    )


def export_questionnaire(
    conn: Connection, contractor_id: int, target: Path, language: str = "ja"
) -> Path:
    """Write the contractor's questionnaire to ``target`` (audited as an export)."""
    return export_checklist(conn, questionnaire_form(conn, contractor_id, language), target)


@dataclass
class QuestionnaireReturn:
    contractor_id: int
    returned: ReturnedChecklist
    diffs: list[AnswerDiff]


def read_questionnaire(conn: Connection, contractor_id: int, path: Path) -> QuestionnaireReturn:
    """Read a returned questionnaire of this contractor and compare it with its last answers.
    Raises ``RoundTripError`` when the file cannot be taken."""
    returned = read_return(
        path,
        expect=subject_of(conn, contractor_id),
        kind=KIND,
        workspace=workspace_identity(conn),
        scale=SCORE_0_2,
    )
    diffs = diff_answers(checklist_items(conn), previous_answers(conn, contractor_id), returned)
    return QuestionnaireReturn(contractor_id, returned, diffs)


@dataclass(frozen=True)
class ImprovementDraft:
    item: str  # checklist item code
    request: str
    due_on: date
    owner: int | None = None


def create_evaluation_in_transaction(
    conn: Connection,
    contractor_id: int,
    answers: Mapping[str, Answer],
    *,
    evaluated_on: date,
    eval_type: str = "periodic",
    methods: Sequence[str] = ("questionnaire",),
    evaluator: int | None = None,
    source_file: str | None = None,
    summary: str | None = None,
    improvements: Sequence[ImprovementDraft] = (),
    user: str | None = None,
    **extra: Any,
) -> int:
    """Record an evaluation with its answers (and improvement requests). Call inside a write
    transaction. Its score and result are derived once the answers are stored; ``extra`` holds
    other fields of the evaluation (approver, next due date)."""
    raw: dict[str, Any] = {
        "contractor": contractor_id,
        "eval_type": eval_type,
        "evaluated_on": evaluated_on,
        "methods": list(methods),
        "evaluator": evaluator,
        "source_file": source_file,
        "summary": summary,
        **extra,
    }
    evaluation = insert_validated(conn, EVALUATIONS, validate(conn, EVALUATIONS, raw), user=user)
    for code, answer in answers.items():
        row = {"evaluation": evaluation, "item": code, "score": answer.value,
               "evidence": answer.note}  # fmt: skip
        insert_validated(conn, ANSWERS, validate(conn, ANSWERS, row), user=user)
    for draft in improvements:
        row = {"evaluation": evaluation, "item": draft.item, "request": draft.request,
               "due_on": draft.due_on, "owner": draft.owner, "status": "open"}  # fmt: skip
        insert_validated(conn, IMPROVEMENTS, validate(conn, IMPROVEMENTS, row), user=user)
    before = row_values(conn, EVALUATIONS, evaluation) or {}
    update_validated(
        conn,
        EVALUATIONS,
        evaluation,
        validate(conn, EVALUATIONS, {}, evaluation),
        before,
        user=user,
    )
    return evaluation


def create_evaluation(
    conn: Connection, contractor_id: int, answers: Mapping[str, Answer], **options: Any
) -> Changes:
    """``create_evaluation_in_transaction`` in its own write transaction (all or nothing)."""
    with write_transaction(conn):
        evaluation = create_evaluation_in_transaction(conn, contractor_id, answers, **options)
    registers = {EVALUATIONS.key, ANSWERS.key, IMPROVEMENTS.key, "deadlines"}
    return Changes(frozenset(registers), evaluation)


def _commit_import(
    conn: Connection, returned: ReturnedChecklist, answers: dict[str, Answer]
) -> frozenset[str]:
    create_evaluation_in_transaction(
        conn,
        returned.subject.record_id,
        answers,
        evaluated_on=returned.answered_on or date.today(),
        source_file=returned.file.name,
    )
    return frozenset({EVALUATIONS.key, ANSWERS.key, "deadlines"})


def questionnaire_import_spec() -> ChecklistImportSpec:
    """File › Import: a returned questionnaire becomes an evaluation of its contractor."""
    return ChecklistImportSpec(
        key=KIND,
        title=N_("Returned contractor questionnaire"),
        kind=KIND,
        items=lambda conn, subject: checklist_items(conn),
        previous=lambda conn, subject: previous_answers(conn, subject.record_id),
        commit=_commit_import,
        scale=SCORE_0_2,
    )


def contractors_due(conn: Connection, today: date, within_days: int = 60) -> list[int]:
    """Contractors entrusted with data whose evaluation is due within ``within_days`` (or overdue,
    or never evaluated), in code order: whom to send this round's questionnaire."""
    from datetime import timedelta

    limit = (today + timedelta(days=within_days)).isoformat()
    rows = conn.execute(
        "SELECT c.id, (SELECT e.next_evaluation_due FROM contractor_evaluation e "
        "WHERE e.contractor_id = c.id ORDER BY e.evaluated_on DESC, e.id DESC LIMIT 1), "
        "EXISTS (SELECT 1 FROM contractor_evaluation e WHERE e.contractor_id = c.id) "
        "FROM contractor c WHERE c.status IN ('candidate', 'active', 'suspended') "
        "AND c.ended_on IS NULL ORDER BY c.code"
    ).fetchall()
    return [
        cid for cid, due, evaluated in rows if not evaluated or (due is not None and due <= limit)
    ]


def export_due_questionnaires(
    conn: Connection, folder: Path, today: date, within_days: int = 60, language: str = "ja"
) -> list[Path]:
    """One questionnaire per contractor due (``contractors_due``), named by its number, written to
    ``folder``; each file audited as an export."""
    folder = Path(folder)
    written = []
    for contractor_id in contractors_due(conn, today, within_days):
        code = subject_of(conn, contractor_id).label.split(" ")[0]
        stem = gettext_in(language, N_("Contractor questionnaire"))
        target = folder / f"{stem}_{code}_{today:%Y%m%d}.xlsx"
        written.append(export_questionnaire(conn, contractor_id, target, language))
    return written


def predicted_result(conn: Connection, answers: Mapping[str, Answer]) -> str:
    """What an evaluation from these answers would score, in one line (the dialog shows it as the
    officer takes or leaves answers)."""
    from app.areas.contractors.scoring import result_for, score_of, thresholds
    from app.catalogues import choices
    from app.i18n import _

    score = score_of([answer.value for answer in answers.values()])
    if not score.maximum:
        return _("With these answers: no score (nothing answered).")
    results = dict(choices(conn, "EVAL_RESULT", include_inactive=True))
    code = result_for(thresholds(conn), score)
    return _("With these answers: {total} of {maximum} ({percent}%), result {result}.").format(
        total=score.total,
        maximum=score.maximum,
        percent=score.percent_1dp,
        result=results.get(code or "", "—"),
    )
