"""Checklist workbooks that go out to be filled in and come back: the questionnaire round trip.

How to use it (a contractor questionnaire, an operation check…):

1. Describe the form: ``ChecklistForm(kind, title, subject=Subject(register, id, label),
   items=(ChecklistItem(code, number, text, group), …), scale=AnswerScale(…), instructions=…)``.
   ``kind`` names the use ("contractor_questionnaire"); ``scale`` (``answer_scales``) says
   which answers exist and how people write them (``SCORE_0_2``: 2/1/0 with ○/△/×, はい/いいえ,
   full-width digits; ``YES_NO_NA``). ``previous`` (item code → ``Answer``) pre-fills last time's answers.
2. ``export_checklist(conn, form, path)`` writes one protected xlsx: sheet 回答票 with Japanese
   instructions, one row per item, and only the answer, note and respondent cells unlocked (a
   drop-down offers the scale); the structure is locked; a hidden sheet holds the identity of
   the subject and a fingerprint of every item's number, text and cell. Audited as an export.
3. ``read_return(path, expect=Subject(...))`` opens the returned file with the import engine's
   reader (``app.importing.reader.open_workbook``: size and zip checks, xls/xlsx, passwords) and
   gives a ``ReturnedChecklist``: the answers by item code, each with its cell, plus problems for
   answers nobody can read. It raises ``RoundTripError`` — a message naming the file, sheet and
   cell — when the file is not such a workbook, when its structure was changed (an item's text,
   number or row), or when it belongs to another subject (or another workspace).
4. ``diff_answers(form.items, previous, returned.answers)`` gives one ``AnswerDiff`` per item
   (new, changed, note, same, cleared, unanswered, unreadable); the officer accepts or rejects each
   (``AnswerDiff.accepted``, on by default for readable answers) and ``accepted_answers(diffs)``
   gives the answers to keep: the new ones accepted, the previous ones where a change was rejected.
5. Through ``ImportFlow`` (File › Import): ``round_trip_spec.ChecklistImportSpec`` plans the
   diff as the plan's actions and applies the accepted answers with ``commit(conn, returned,
   answers)`` in one transaction.

Answers are read forgivingly: widths folded (２ → 2), ○/△/×, はい/いいえ, the label as offered
("2 できている"), a number typed as text, a file re-saved by Excel or LibreOffice (the hidden sheet
and the cells survive both).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.atomic import replacing
from app.errors import MamoriError
from app.i18n import N_, _, gettext_in
from app.importing.answer_scales import NOT_APPLICABLE as NOT_APPLICABLE
from app.importing.answer_scales import SCORE_0_2, AnswerScale, fold_answer
from app.importing.answer_scales import YES_NO_NA as YES_NO_NA
from app.importing.answer_scales import ScaleValue as ScaleValue
from app.importing.reader import column_letter, open_workbook
from app.storage import audit
from app.storage.database import Connection, ensure_writable, write_transaction
from app.text import widen_halfwidth_kana

FORMAT = "mamori-checklist"
VERSION = 1
ANSWER_SHEET = "回答票"
IDENTITY_SHEET = "mamori"
FIRST_ITEM_ROW = 12  # rows above: title, subject, respondent, instructions, headings
HEADINGS = (N_("No."), N_("Area"), N_("Item to check"), N_("Answer"), N_("Evidence and notes"))
COL_NUMBER, COL_GROUP, COL_TEXT, COL_ANSWER, COL_NOTE = range(5)
RESPONDENT_ROW, ANSWERED_ON_ROW = 4, 5  # answers in column C (index 2)


class RoundTripError(MamoriError):
    """The returned file cannot be taken: the message names the file, sheet and cell."""


@dataclass(frozen=True)
class Subject:
    register: str
    record_id: int
    label: str

    def same_as(self, other: Subject) -> bool:
        return (self.register, self.record_id) == (other.register, other.record_id)


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    number: int
    text: str
    group: str = ""


@dataclass(frozen=True)
class Answer:
    value: Any
    note: str | None = None
    cell: str = ""  # where it was read ("D12"); empty for stored answers


@dataclass(frozen=True)
class ChecklistForm:
    kind: str
    title: str  # the sheet's title line, already in the form's language
    subject: Subject
    items: tuple[ChecklistItem, ...]
    scale: AnswerScale = SCORE_0_2
    instructions: tuple[str, ...] = ()  # lines under the title, in the form's language
    previous: Mapping[str, Answer] = field(default_factory=dict)
    language: str = "ja"


@dataclass
class ReturnedChecklist:
    file: Path
    kind: str
    subject: Subject
    answers: dict[str, Answer]  # readable answers by item code (value None: not applicable)
    unreadable: dict[str, tuple[Any, str]]  # item code -> (cell value, cell)
    respondent: str | None = None
    answered_on: date | None = None


CHANGES = ("new", "changed", "note", "same", "cleared", "unanswered", "unreadable")
"""new: answered for the first time; changed: another answer; note: the same answer with other
evidence; cleared: answered last time, empty now; unreadable: a cell nobody can read."""
ANSWER_CHANGES = ("new", "changed", "cleared")  # the answer itself differs from last time


@dataclass
class AnswerDiff:
    item: ChecklistItem
    before: Answer | None
    after: Answer | None
    change: str  # one of CHANGES
    accepted: bool = True
    raw: Any = None  # the cell's text when unreadable
    cell: str = ""

    @property
    def decidable(self) -> bool:
        """Whether the officer chooses (the others keep the previous answer)."""
        return self.change in ("new", "changed", "note", "cleared")


# ----- identity and fingerprint -------------------------------------------------------------------


def workspace_identity(conn: Connection) -> str:
    """A short identity of the workspace: the hash of its first audit entry."""
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id LIMIT 1").fetchone()
    return (row[0] if row else "")[:16]


def _structure(
    form_kind: str, subject: Subject, items: Sequence[dict[str, Any]], headings: Sequence[str]
) -> str:
    payload = json.dumps(
        [
            FORMAT,
            VERSION,
            form_kind,
            subject.register,
            subject.record_id,
            list(items),
            list(headings),
        ],
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _item_rows(form: ChecklistForm) -> list[dict[str, Any]]:
    return [
        {"code": item.code, "number": item.number, "text": item.text, "row": FIRST_ITEM_ROW + index}
        for index, item in enumerate(form.items)
    ]


# ----- export -------------------------------------------------------------------------------------


def export_checklist(conn: Connection, form: ChecklistForm, target: Path) -> Path:
    """Write the form to ``target`` (xlsx) atomically and record the export in the audit trail."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    ensure_writable(conn)
    t = _translator(form.language)
    rows = _item_rows(form)
    headings = [t(heading) for heading in HEADINGS]
    identity = {
        "format": FORMAT,
        "version": VERSION,
        "kind": form.kind,
        "subject": {
            "register": form.subject.register,
            "id": form.subject.record_id,
            "label": form.subject.label,
        },
        "workspace": workspace_identity(conn),
        "items": rows,
        "headings": headings,
        "structure": _structure(form.kind, form.subject, rows, headings),
    }
    book = Workbook()
    sheet = book.active
    sheet.title = ANSWER_SHEET
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    answer_fill = PatternFill("solid", fgColor="FFF2CC")
    unlocked = Protection(locked=False)
    sheet["A1"] = form.title
    sheet["A1"].font = Font(size=14, bold=True)
    sheet["A2"] = t(N_("Subject: {subject}")).format(subject=form.subject.label)
    for row, label in ((RESPONDENT_ROW, N_("Answered by")), (ANSWERED_ON_ROW, N_("Answered on"))):
        sheet.cell(row, 1, t(label))
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell = sheet.cell(row, 3)
        cell.protection, cell.fill, cell.border = unlocked, answer_fill, box
    lines = form.instructions or _default_instructions(form)
    for offset, line in enumerate(lines[: FIRST_ITEM_ROW - 8]):
        sheet.cell(7 + offset, 1, line).alignment = Alignment(vertical="top")
    heading_row = FIRST_ITEM_ROW - 1
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(heading_row, column, heading)
        cell.font, cell.border = Font(bold=True), box
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(form.scale.labels()) + '"',
        allow_blank=True,
        showErrorMessage=False,
    )
    sheet.add_data_validation(validation)
    for item, row in zip(form.items, rows, strict=True):
        number = row["row"]
        previous = form.previous.get(item.code)
        values = (
            item.number,
            item.group,
            item.text,
            form.scale.label_of(previous.value) if previous is not None else None,
            previous.note if previous is not None else None,
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(number, column, value)
            cell.border, cell.alignment = box, wrap
            if column - 1 in (COL_ANSWER, COL_NOTE):
                cell.protection, cell.fill = unlocked, answer_fill
                cell.data_type = "s" if isinstance(value, str) else cell.data_type
        validation.add(f"{column_letter(COL_ANSWER)}{number}")
    for column, width in zip("ABCDE", (6, 20, 60, 20, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = f"A{FIRST_ITEM_ROW}"
    sheet.print_title_rows = f"{heading_row}:{heading_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widths may be changed; structure may not
    hidden = book.create_sheet(IDENTITY_SHEET)
    hidden["A1"] = FORMAT
    hidden["A2"] = json.dumps(identity, ensure_ascii=False)
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    book.security = WorkbookProtection(lockStructure=True)
    target = Path(target)
    with replacing(target) as temp:
        book.save(temp)
    with write_transaction(conn):
        audit.append(
            conn,
            "export",
            register=form.subject.register,
            record_id=form.subject.record_id,
            record_label=form.subject.label,
            detail={"format": "xlsx", "layout": form.kind, "items": len(rows), "file": target.name},
        )
    return target


def _translator(language: str) -> Callable[[str], str]:
    return lambda message: gettext_in(language, message)


def _default_instructions(form: ChecklistForm) -> tuple[str, ...]:
    t = _translator(form.language)
    choices = "、".join(form.scale.labels())
    return (
        t(
            N_("How to answer: choose an answer for every item in the yellow cells ({choices}).")
        ).format(choices=choices),
        t(N_("Write what shows it (rules, certificates, records) under Evidence and notes.")),
        t(N_("Do not add, delete or move rows or sheets: the file is read back as it was sent.")),
        t(N_("Fill in who answered and when, save the file and send it back.")),
    )


# ----- reading a return ---------------------------------------------------------------------------


def _where(file: Path, sheet: str | None, cell: str | None = None) -> str:
    parts = [file.name]
    if sheet:
        parts.append(_("sheet “{sheet}”").format(sheet=sheet))
    if cell:
        parts.append(_("cell {cell}").format(cell=cell))
    return ", ".join(parts)


def _refuse(file: Path, sheet: str | None, cell: str | None, message: str) -> RoundTripError:
    return RoundTripError(f"{_where(file, sheet, cell)}: {message}")


def _cells(table: Any) -> dict[tuple[int, int], Any]:
    found: dict[tuple[int, int], Any] = {}
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        for column, value in enumerate(row):
            if value is not None:
                found[(number, column)] = value
    return found


def _identity(file: Path, workbook: Any) -> dict[str, Any]:
    if IDENTITY_SHEET not in workbook.sheet_names:
        raise _refuse(
            file,
            None,
            None,
            _(
                "this is not a checklist Mamori sent (its hidden identity sheet is missing). "
                "Export the questionnaire again and have it filled in."
            ),
        )
    cells = _cells(workbook.read(IDENTITY_SHEET))
    try:
        if cells.get((1, 0)) != FORMAT:
            raise ValueError
        data = json.loads(str(cells.get((2, 0))))
        subject = Subject(
            data["subject"]["register"], int(data["subject"]["id"]), data["subject"]["label"]
        )
        rows = list(data["items"])
        headings = list(data["headings"])
        intact = data["structure"] == _structure(data["kind"], subject, rows, headings)
    except (ValueError, KeyError, TypeError):
        intact = False
    if not intact:
        raise _refuse(
            file,
            IDENTITY_SHEET,
            None,
            _("the checklist's identity was changed, so its answers cannot be trusted."),
        )
    return data


def read_return(
    path: Path,
    *,
    expect: Subject | None = None,
    kind: str | None = None,
    workspace: str | None = None,
    scale: AnswerScale = SCORE_0_2,
    password: str | None = None,
) -> ReturnedChecklist:
    """Read a returned checklist; raises ``RoundTripError`` when it cannot be taken."""
    path = Path(path)
    with open_workbook(path, password=password) as workbook:
        if workbook.format == "csv":
            raise _refuse(
                path,
                None,
                None,
                _(
                    "a CSV file has lost the checklist's sheets and identity. Ask for the file "
                    "back in the format it was sent (xlsx)."
                ),
            )
        data = _identity(path, workbook)
        subject = Subject(
            data["subject"]["register"], int(data["subject"]["id"]), data["subject"]["label"]
        )
        if kind is not None and data["kind"] != kind:
            raise _refuse(path, None, None, _("this file is another kind of checklist."))
        if expect is not None and not subject.same_as(expect):
            raise _refuse(
                path,
                None,
                None,
                _("this file is the checklist of “{found}”, not of “{expected}”.").format(
                    found=subject.label, expected=expect.label
                ),
            )
        if workspace is not None and data.get("workspace") not in (None, "", workspace):
            raise _refuse(path, None, None, _("this file was sent from another Mamori workspace."))
        if ANSWER_SHEET not in workbook.sheet_names:
            raise _refuse(
                path,
                ANSWER_SHEET,
                None,
                _("the answer sheet is missing (was it renamed or deleted?)."),
            )
        cells = _cells(workbook.read(ANSWER_SHEET))
    return _answers(path, data, subject, cells, scale)


def _answers(
    path: Path,
    data: dict[str, Any],
    subject: Subject,
    cells: dict[tuple[int, int], Any],
    scale: AnswerScale,
) -> ReturnedChecklist:
    expected_rows = {int(row["row"]) for row in data["items"]}
    for column, heading in enumerate(data["headings"]):
        found = cells.get((FIRST_ITEM_ROW - 1, column))
        if fold_answer(found) != fold_answer(heading):
            raise _refuse(
                path,
                ANSWER_SHEET,
                f"{column_letter(column)}{FIRST_ITEM_ROW - 1}",
                _(
                    "the column “{heading}” is not where it was sent (a column was inserted, "
                    "deleted or moved)."
                ).format(heading=heading),
            )
    for row in data["items"]:
        number = int(row["row"])
        found_no = cells.get((number, COL_NUMBER))
        found_text = cells.get((number, COL_TEXT))
        if fold_answer(found_no) != fold_answer(row["number"]):
            cell = f"{column_letter(COL_NUMBER)}{number}"
            raise _refuse(path, ANSWER_SHEET, cell, _structure_message(row, found_no))
        if fold_answer(found_text) != fold_answer(row["text"]):
            cell = f"{column_letter(COL_TEXT)}{number}"
            raise _refuse(
                path,
                ANSWER_SHEET,
                cell,
                _(
                    "the text of item {number} was changed (sent: “{sent}”). The structure of "
                    "the checklist must stay as it was sent."
                ).format(number=row["number"], sent=row["text"]),
            )
    last = max(expected_rows, default=FIRST_ITEM_ROW)
    extra = sorted(
        (number, column)
        for number, column in cells
        if number > last or (number >= FIRST_ITEM_ROW and number not in expected_rows)
    )
    if extra:
        number, column = extra[0]
        raise _refuse(
            path,
            ANSWER_SHEET,
            f"{column_letter(column)}{number}",
            _("a row was added below or between the items. Send the checklist as it was sent."),
        )
    answers: dict[str, Answer] = {}
    unreadable: dict[str, tuple[Any, str]] = {}
    for row in data["items"]:
        number = int(row["row"])
        cell = f"{column_letter(COL_ANSWER)}{number}"
        raw = cells.get((number, COL_ANSWER))
        note = cells.get((number, COL_NOTE))
        note_text = widen_halfwidth_kana(str(note)).strip() if note is not None else None
        understood, value = scale.read(raw)
        if not understood:
            unreadable[row["code"]] = (raw, cell)
        elif raw is not None or note_text:
            answers[row["code"]] = Answer(value, note_text or None, cell)
    respondent = cells.get((RESPONDENT_ROW, 2))
    answered = cells.get((ANSWERED_ON_ROW, 2))
    return ReturnedChecklist(
        path,
        data["kind"],
        subject,
        answers,
        unreadable,
        respondent=str(respondent).strip() if respondent is not None else None,
        answered_on=_date_or_none(answered),
    )


def _structure_message(row: dict[str, Any], found: Any) -> str:
    if found is None:
        return _("item {number} is missing here: a row was deleted or moved.").format(
            number=row["number"]
        )
    return _("item {number} was expected here, not “{found}”: rows were moved.").format(
        number=row["number"], found=found
    )


def _date_or_none(value: Any) -> date | None:
    from app.dates import DateParseError, parse_date

    if value is None:
        return None
    try:
        parsed = parse_date(value)
    except DateParseError:
        return None
    return parsed.date() if isinstance(parsed, datetime) else parsed


# ----- comparing and deciding ---------------------------------------------------------------------


def diff_answers(
    items: Sequence[ChecklistItem],
    previous: Mapping[str, Answer],
    returned: ReturnedChecklist,
) -> list[AnswerDiff]:
    """One ``AnswerDiff`` per item, in the form's order."""
    diffs = []
    for item in items:
        before = previous.get(item.code)
        if item.code in returned.unreadable:
            raw, cell = returned.unreadable[item.code]
            diffs.append(AnswerDiff(item, before, None, "unreadable", False, raw, cell))
            continue
        after = returned.answers.get(item.code)
        if after is None:
            change = "unanswered" if before is None else "cleared"
            diffs.append(AnswerDiff(item, before, None, change, change == "cleared"))
            continue
        if before is None:
            change = "new"
        elif before.value != after.value:
            change = "changed"
        elif (before.note or None) != (after.note or None):
            change = "note"
        else:
            change = "same"
        diffs.append(AnswerDiff(item, before, after, change, True, cell=after.cell))
    return diffs


def unreadable_message(diff: AnswerDiff) -> str:
    """What to tell the officer about an answer nobody can read, naming its cell."""
    return _(
        "item {number} (cell {cell}): the answer “{value}” cannot be read; the previous answer "
        "is kept."
    ).format(number=diff.item.number, cell=diff.cell, value=diff.raw)


def decide(diffs: Sequence[AnswerDiff], code: str, accepted: bool) -> None:
    """Accept or reject the returned answer of one item."""
    for diff in diffs:
        if diff.item.code == code and diff.decidable:
            diff.accepted = accepted


def accepted_answers(diffs: Sequence[AnswerDiff]) -> dict[str, Answer]:
    """The answers to keep: returned ones accepted, previous ones where the change was rejected
    (or the returned cell could not be read)."""
    kept: dict[str, Answer] = {}
    for diff in diffs:
        chosen = diff.after if diff.accepted and diff.decidable else diff.before
        if diff.change == "same":
            chosen = diff.after
        if chosen is not None:
            kept[diff.item.code] = replace(chosen, cell="")
    return kept
