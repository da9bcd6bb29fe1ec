"""Returned checklists through the import engine's flow (File › Import, ``ImportFlow``).

``ChecklistImportSpec`` is an ``ImportSpec``: its check reads the file with
``round_trip.read_return`` (refusing a changed structure or a file of another workspace), and
plans the field-level diff against the subject's previous answers as the plan's ``actions``
(``AnswerDiff``: decide each with ``round_trip.decide`` before applying). Applying hands the
accepted answers to the use's ``commit`` inside one write transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.i18n import N_, _
from app.importing.round_trip import (
    COL_ANSWER,
    COL_NOTE,
    COL_NUMBER,
    HEADINGS,
    SCORE_0_2,
    Answer,
    AnswerScale,
    ChecklistItem,
    ReturnedChecklist,
    RoundTripError,
    Subject,
    accepted_answers,
    diff_answers,
    read_return,
    unreadable_message,
    workspace_identity,
)
from app.importing.spec import (
    COUNT_LABELS,
    PLANNED_LABELS,
    ImportPlan,
    ImportSummary,
    MappedRow,
    Problem,
    Target,
)
from app.jobs import Cancelled, Progress, check_cancelled
from app.storage.database import Connection, write_transaction

COUNT_LABELS.update(
    {
        "answers_new": N_("Answers given for the first time"),
        "answers_changed": N_("Answers changed since last time"),
        "answers_same": N_("Answers unchanged"),
        "answers_kept": N_("Answers taken"),
    }
)
PLANNED_LABELS.update(
    {
        "answers_new": N_("Answers given for the first time"),
        "answers_changed": N_("Answers changed since last time"),
        "answers_same": N_("Answers unchanged"),
        "answers_kept": N_("Answers to take"),
    }
)

PreviousAnswers = Callable[[Connection, Subject], Mapping[str, Answer]]
FormItems = Callable[[Connection, Subject], Sequence[ChecklistItem]]
Commit = Callable[[Connection, ReturnedChecklist, dict[str, Answer]], frozenset[str]]


@dataclass
class ChecklistImportSpec:
    """An ``ImportSpec`` for returned checklists of one ``kind``: the plan's ``actions`` are the
    ``AnswerDiff``s (decide them before applying); applying calls ``commit`` with the accepted
    answers inside one write transaction."""

    key: str
    title: str  # N_() msgid
    kind: str
    items: FormItems
    previous: PreviousAnswers
    commit: Commit
    scale: AnswerScale = SCORE_0_2
    targets: tuple[Target, ...] = (
        Target("number", HEADINGS[COL_NUMBER], ("No", "No.", "番号", "項番"), required=True),
        Target("answer", HEADINGS[COL_ANSWER], ("回答", "評価", "点数")),
        Target("note", HEADINGS[COL_NOTE], ("根拠・補足", "根拠", "備考", "補足")),
    )
    returned: ReturnedChecklist | None = None

    def plan(
        self,
        conn: Connection,
        rows: Sequence[MappedRow],
        *,
        file: Path,
        sheet: str | None,
        skip_invalid: bool = False,
    ) -> ImportPlan:
        plan = ImportPlan(self.key, file, sheet, len(rows), skip_invalid=skip_invalid)
        try:
            returned = read_return(
                file, kind=self.kind, workspace=workspace_identity(conn), scale=self.scale
            )
        except RoundTripError as exc:
            plan.problems.append(Problem(None, None, None, str(exc)))
            return plan
        self.returned = returned
        items = self.items(conn, returned.subject)
        diffs = diff_answers(items, self.previous(conn, returned.subject), returned)
        plan.actions = list(diffs)
        for change in ("new", "changed", "same"):
            plan.counts[f"answers_{change}"] = sum(d.change == change for d in diffs)
        for diff in diffs:
            if diff.change == "unreadable":
                plan.problems.append(
                    Problem(
                        int(diff.cell[1:]) if diff.cell[1:].isdigit() else None,
                        _(HEADINGS[COL_ANSWER]),
                        diff.raw,
                        unreadable_message(diff),
                        "warning",
                    )
                )
        return plan

    def apply(
        self, conn: Connection, plan: ImportPlan, *, progress: Progress, cancelled: Cancelled
    ) -> ImportSummary:
        if self.returned is None or plan.errors:
            raise ValueError("check the returned file first")
        answers = accepted_answers(plan.actions)
        check_cancelled(cancelled)
        with write_transaction(conn):
            registers = self.commit(conn, self.returned, answers)
        progress(1.0, _("Imported"))
        counts = {**plan.counts, "answers_kept": len(answers)}
        return ImportSummary(self.key, plan.file, plan.rows_read, counts, plan.problems, registers)
