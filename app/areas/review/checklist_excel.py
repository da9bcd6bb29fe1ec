"""An operation check's checklist sent to its department as a protected Excel file, and the
returned file read back with a field-level diff, on the shared round-trip engine
(``app.importing.round_trip``).

The file carries the check's identity (department and period) and a fingerprint of every item:
a file of another department or period, a changed item or a moved row is refused with a message
naming it. Answers are read as people write them (はい/いいえ/該当なし, ○/×/－). The diff is against
the answers the check holds already; the accepted answers are written to the check's rows in one
transaction, and the check becomes "returned" with its check date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from app.areas.review.registers_checks import OPERATION_CHECK_ITEMS, OPERATION_CHECKS
from app.catalogues import choices, item_extra
from app.dates import show_date
from app.i18n import N_, gettext_in
from app.importing.round_trip import (
    YES_NO_NA,
    Answer,
    ChecklistForm,
    ChecklistItem,
    ReturnedChecklist,
    RoundTripError,
    Subject,
    export_checklist,
    read_return,
    workspace_identity,
)
from app.importing.round_trip_spec import ChecklistImportSpec
from app.registers.records import Changes, update_in_transaction
from app.storage.database import Connection, write_transaction

KIND = "operation_check"
CHANGED = frozenset({OPERATION_CHECKS.key, OPERATION_CHECK_ITEMS.key, "deadlines"})


def check_subject(conn: Connection, check_id: int) -> Subject:
    row = conn.execute(
        "SELECT d.code, d.name, c.period_start, c.period_end FROM operation_check c "
        "JOIN department d ON d.id = c.department_id WHERE c.id = ?",
        (check_id,),
    ).fetchone()
    if row is None:
        raise RoundTripError(
            gettext_in("ja", N_("The operation check this file belongs to no longer exists."))
        )
    code, name, start, end = row
    period = (
        f"{show_date(date.fromisoformat(start), 'ja')}〜{show_date(date.fromisoformat(end), 'ja')}"
    )
    return Subject(OPERATION_CHECKS.key, check_id, f"{code} {name} {period}")


def _rows(conn: Connection, check_id: int) -> list[tuple[int, str, str | None, str | None]]:
    return conn.execute(
        "SELECT id, item, answer, note FROM operation_check_item WHERE check_id = ? ORDER BY id",
        (check_id,),
    ).fetchall()


def check_items(
    conn: Connection, subject: Subject, language: str = "ja"
) -> Sequence[ChecklistItem]:
    labels = dict(choices(conn, "OPCHECK_ITEM", language=language, include_inactive=True))
    groups = dict(choices(conn, "CONTROL_CATEGORY", language=language, include_inactive=True))

    def group(code: str) -> str:
        category = item_extra(conn, "OPCHECK_ITEM", code).get("group")
        return groups.get(category, "") if category else ""

    return [
        ChecklistItem(code, number, labels.get(code, code), group(code))
        for number, (_id, code, _answer, _note) in enumerate(
            _rows(conn, subject.record_id), start=1
        )
    ]


def previous_answers(conn: Connection, subject: Subject) -> Mapping[str, Answer]:
    return {
        code: Answer(answer, note)
        for _id, code, answer, note in _rows(conn, subject.record_id)
        if answer is not None
    }


def checklist_form(conn: Connection, check_id: int, language: str = "ja") -> ChecklistForm:
    subject = check_subject(conn, check_id)
    t = lambda text: gettext_in(language, text)  # noqa: E731
    return ChecklistForm(
        kind=KIND,
        title=t(N_("Operation check (運用の確認): {subject}")).format(subject=subject.label),
        subject=subject,
        items=tuple(check_items(conn, subject, language)),
        scale=YES_NO_NA,
        instructions=(
            t(N_("Answer every item in the yellow cells: はい, いいえ or 該当なし.")),
            t(N_("For いいえ, write the situation under Evidence and notes.")),
            t(
                N_(
                    "Do not add, delete or move rows or sheets: the file is read back as it was sent."
                )
            ),
            t(
                N_(
                    "Fill in who answered and when, save the file and send it back to the privacy officer."
                )
            ),
        ),
        previous=previous_answers(conn, subject),
        language=language,
    )


def send_checklist(
    conn: Connection,
    check_id: int,
    target: Path,
    *,
    today: date | None = None,
    language: str = "ja",
    user: str | None = None,
) -> Changes:
    """Write the check's checklist workbook (audited as an export); a planned check becomes
    "sent" on ``today``."""
    export_checklist(conn, checklist_form(conn, check_id, language), target)
    status = conn.execute(
        "SELECT status FROM operation_check WHERE id = ?", (check_id,)
    ).fetchone()[0]
    if status == "planned":
        with write_transaction(conn):
            update_in_transaction(
                conn,
                OPERATION_CHECKS,
                check_id,
                {"status": "sent", "sent_on": today or date.today()},
                user=user,
            )
    return Changes(CHANGED, check_id)


def read_check_return(
    conn: Connection, path: Path, *, check_id: int | None = None, password: str | None = None
) -> ReturnedChecklist:
    """The returned file; with ``check_id``, a file of another check is refused."""
    expect = check_subject(conn, check_id) if check_id is not None else None
    return read_return(
        path,
        expect=expect,
        kind=KIND,
        workspace=workspace_identity(conn),
        scale=YES_NO_NA,
        password=password,
    )


def commit_return(
    conn: Connection,
    returned: ReturnedChecklist,
    answers: Mapping[str, Answer],
    *,
    today: date | None = None,
    user: str | None = None,
) -> frozenset[str]:
    """Write the accepted answers to the check's rows; call inside a write transaction."""
    check_id = returned.subject.record_id
    check_subject(conn, check_id)  # refuses a check deleted since the file went out
    for row_id, code, answer, note in _rows(conn, check_id):
        chosen = answers.get(code)
        wanted = (chosen.value, chosen.note) if chosen is not None else (None, None)
        if wanted != (answer, note):
            update_in_transaction(
                conn,
                OPERATION_CHECK_ITEMS,
                row_id,
                {"answer": wanted[0], "note": wanted[1]},
                user=user,
            )
    status, checked_on = conn.execute(
        "SELECT status, checked_on FROM operation_check WHERE id = ?", (check_id,)
    ).fetchone()
    day = today or date.today()
    changes: dict[str, object] = {"returned_on": day}
    if status in ("planned", "sent"):
        changes["status"] = "returned"
    if checked_on is None:
        changes["checked_on"] = returned.answered_on or day
    update_in_transaction(conn, OPERATION_CHECKS, check_id, changes, user=user)
    return CHANGED


def checklist_import_spec() -> ChecklistImportSpec:
    """File › Import: a returned operation-check workbook, whichever department sent it."""
    return ChecklistImportSpec(
        key="operation_check_returns",
        title=N_("Returned operation checklists"),
        kind=KIND,
        items=check_items,
        previous=previous_answers,
        commit=commit_return,
        scale=YES_NO_NA,
    )


def take_returned_answers(
    conn: Connection,
    returned: ReturnedChecklist,
    answers: Mapping[str, Answer],
    *,
    today: date | None = None,
    user: str | None = None,
) -> Changes:
    """``commit_return`` in its own write transaction (the dialog's use case)."""
    with write_transaction(conn):
        registers = commit_return(conn, returned, answers, today=today, user=user)
    return Changes(registers, returned.subject.record_id)
