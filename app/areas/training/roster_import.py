"""Training rosters (受講者名簿) from departments, HR systems and e-learning vendors.

One row is one person at one training on one date. People are matched by staff number, or by name
when the file has none (members, officers, agency staff); unknown people are created and listed.
Programmes are found by title in the fiscal year of the date (or created), sessions by programme
and date (or created). Catalogue-valued columns go through ``roster_values``: a value nobody knows
is a question for the officer, and a person attribute nobody knows is left empty with a warning —
the attendance row is never lost for it. The same person, programme and date twice in one file is
one record (the repeat is reported); importing the same rows again adds nothing. Everything is
applied in one transaction — rows and their audit entries written in bulk — all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app.areas.organisation.registers import CATALOGUE_ITEMS, DEPARTMENTS, PEOPLE
from app.areas.training.registers import ATTENDANCE, TRAINING_PROGRAMMES, TRAINING_SESSIONS
from app.areas.training.roster_answers import answers_from_arguments
from app.areas.training.roster_layouts import reshape_roster
from app.areas.training.roster_rows import (
    NO_STAFF_NUMBER_PREFIX,
    ProgrammeKey,
    RosterActions,
    RowPlanner,
    fold,
)
from app.areas.training.roster_targets import roster_targets
from app.areas.training.roster_values import NewItem, value_choices
from app.errors import ValidationError
from app.i18n import N_, _
from app.importing.header import HeaderGuess
from app.importing.reader import Table
from app.importing.spec import (
    COUNT_LABELS,
    ImportPlan,
    ImportSummary,
    MappedRow,
    Mapping,
    Target,
    ValueAnswers,
)
from app.jobs import Cancelled, Progress, check_cancelled
from app.registers.records import defaults, insert_many_validated, insert_validated, validate
from app.storage import audit
from app.storage.database import Connection, write_transaction

DEFAULT_PASS_MARK = 80
DEFAULT_PROGRAMME_TYPE = "annual_all"
_COUNTS = (
    ("people_matched", N_("People matched in the register")),
    ("people_created", N_("People added to the register")),
    ("departments_created", N_("Departments added to the register")),
    ("values_added", N_("Values added to their lists")),
    ("programmes_created", N_("Programmes added to the plan")),
    ("sessions_created", N_("Sessions added")),
    ("attendance_added", N_("Attendance records added")),
    ("duplicates_in_file", N_("Rows repeating an earlier row of the file (imported once)")),
    ("duplicates_skipped", N_("Rows already recorded (skipped)")),
    ("not_yet_undated", N_("Rows not attended yet, without a date (nothing to record)")),
    ("invalid_skipped", N_("Rows with errors (skipped)")),
)
for _key, _label in _COUNTS:
    COUNT_LABELS[_key] = _label


class RosterImportSpec:
    key = "training_roster"
    title = N_("Training roster (attendance)")

    def __init__(
        self,
        *,
        programme_type: str = DEFAULT_PROGRAMME_TYPE,
        pass_mark: int = DEFAULT_PASS_MARK,
        programme: str | None = None,
        held_on: date | None = None,
        answers: ValueAnswers | None = None,
    ) -> None:
        self.set_defaults(programme, held_on)
        self.programme_type = programme_type
        self.pass_mark = pass_mark
        self.answers = answers if answers is not None else ValueAnswers()

    def reshape(self, table: Table, header: HeaderGuess) -> tuple[Table, HeaderGuess]:
        """A grid (dates or programmes across) as one row per person and training."""
        return reshape_roster(table, header, self.targets)

    def take_defaults(self, programme: str, held_on: str) -> str | None:
        """``set_defaults`` from what the officer typed; the reason when the date is not one."""
        try:
            day = TRAINING_SESSIONS.field("held_on").parse(held_on) if held_on.strip() else None
        except ValueError as exc:
            return str(exc)
        self.set_defaults(programme, day)
        return None

    @staticmethod
    def answers_from_arguments(
        conn: Connection,
        items: Sequence[str],
        headers: Sequence[str],
        mapping: Mapping,
        targets: Sequence[Target],
    ) -> dict[str, dict[str, str]]:
        """The CLI's ``--map-value COLUMN:VALUE=CODE`` answers, checked against the lists."""
        return answers_from_arguments(conn, items, headers, mapping, targets)

    @staticmethod
    def value_choices(conn: Connection, target: str) -> list[tuple[str, str]]:
        """What an unknown value of ``target`` can be read as: (code, label) in list order."""
        return value_choices(conn, target)

    def set_defaults(self, programme: str | None, held_on: date | None) -> None:
        """The programme and date for rows that name them nowhere (the officer says them)."""
        self.programme = programme.strip() if programme and programme.strip() else None
        self.held_on = held_on
        self.targets = roster_targets(programme_given=self.programme is not None)

    # ----- planning ---------------------------------------------------------------------------

    def plan(
        self,
        conn: Connection,
        rows: Sequence[MappedRow],
        *,
        file: Path,
        sheet: str | None,
        skip_invalid: bool = False,
    ) -> ImportPlan:
        plan = ImportPlan(self.key, Path(file), sheet, len(rows), skip_invalid=skip_invalid)
        actions = RosterActions()
        counts = dict.fromkeys((key for key, _label in _COUNTS), 0)
        context = RowPlanner(conn, self, actions, counts)
        for row in rows:
            problems = list(row.problems)
            if not any(p.severity == "error" for p in problems):
                problems.extend(context.check_row(row))
            plan.problems.extend(problems)
            if any(p.severity == "error" for p in problems):
                counts["invalid_skipped"] += 1
        actions.new_items = list(context.values.added.values())
        departments = sum(1 for item in actions.new_items if item.catalogue is None)
        counts["departments_created"] = departments
        counts["values_added"] = len(actions.new_items) - departments
        plan.counts = counts
        plan.actions = [actions]
        plan.unknown = context.values.unknown_values()
        return plan

    # ----- applying ---------------------------------------------------------------------------

    def apply(
        self, conn: Connection, plan: ImportPlan, *, progress: Progress, cancelled: Cancelled
    ) -> ImportSummary:
        if not plan.can_apply:
            raise ValidationError({}, _("The file has errors; nothing was imported."))
        (actions,) = plan.actions
        total = len(actions.people) + len(actions.attendance) + 1
        created: list[str] = []
        registers = {ATTENDANCE.key}
        with write_transaction(conn):
            department_ids, item_registers = _add_items(conn, actions.new_items)
            registers |= item_registers
            person_ids: dict[str, int] = {}
            names: dict[str, str] = {}
            for staff_no, person_id, name in conn.execute("SELECT staff_no, id, name FROM person"):
                person_ids[staff_no], names[staff_no] = person_id, name
            unnumbered = _next_unnumbered(conn)
            for done, (key, new) in enumerate(actions.people.items(), start=1):
                values = dict(new.values)
                if new.staff_no is None:
                    values["staff_no"] = f"{NO_STAFF_NUMBER_PREFIX}{unnumbered:05d}"
                    unnumbered += 1
                if new.department is not None:
                    values["department"] = department_ids[new.department]
                if new.employment is not None:
                    values["employment_type"] = new.employment
                values = validate(conn, PEOPLE, values)
                person_ids[key] = insert_validated(conn, PEOPLE, values)
                names[key] = values["name"]
                created.append(f"{values['staff_no']} {values['name']}")
                if done % 50 == 0:
                    check_cancelled(cancelled)
                    progress(done / total, _("Adding people…"))
            programme_ids = {
                (fy, fold(title)): pid
                for pid, fy, title in conn.execute(
                    "SELECT id, fiscal_year, title FROM training_programme"
                )
            }
            for key, values in actions.programmes.items():
                programme_ids[key] = insert_validated(
                    conn, TRAINING_PROGRAMMES, validate(conn, TRAINING_PROGRAMMES, values)
                )
            session_ids: dict[tuple[ProgrammeKey, date], int] = {}
            for (programme_key, held_on), values in actions.sessions.items():
                raw = {**values, "programme": programme_ids[programme_key]}
                session_ids[(programme_key, held_on)] = insert_validated(
                    conn, TRAINING_SESSIONS, validate(conn, TRAINING_SESSIONS, raw)
                )
            check_cancelled(cancelled)
            session_titles = dict(conn.execute("SELECT id, title FROM training_session"))
            blank = defaults(ATTENDANCE)
            records = []
            for item in actions.attendance:
                session = session_ids.get((item.programme, item.held_on)) or _find_session(
                    conn, programme_ids[item.programme], item.held_on
                )
                # The plan checked every value (catalogue codes, ranges, the score rule, duplicates);
                # the table's constraints stand behind it.
                person = person_ids[item.person]
                values = {**blank, **item.values, "session": session, "person": person}
                number = item.person if not item.person.startswith("name:") else ""
                label = f"{number} {names[item.person]} / {session_titles[session]}".strip()
                records.append((values, label))
            progress(len(actions.people) / total, _("Adding attendance records…"))
            insert_many_validated(conn, ATTENDANCE, records)
            check_cancelled(cancelled)
            audit.append(
                conn,
                "import",
                register=ATTENDANCE.key,
                detail={
                    "file": plan.file.name,
                    "sheet": plan.sheet,
                    **({"sheets": list(plan.sheets)} if plan.sheets else {}),
                    **plan.counts,
                },
            )
        progress(1.0, _("Imported"))
        if actions.people:
            registers.add(PEOPLE.key)
        if actions.programmes:
            registers.add(TRAINING_PROGRAMMES.key)
        if actions.sessions:
            registers.add(TRAINING_SESSIONS.key)
        return ImportSummary(
            self.key,
            plan.file,
            plan.rows_read,
            dict(plan.counts),
            plan.problems,
            frozenset(registers),
            {"people_created": created},
        )


def _add_items(conn: Connection, items: Sequence[NewItem]) -> tuple[dict[str, int], set[str]]:
    """Insert the catalogue items and departments the officer chose to add; new code -> id."""
    department_ids: dict[str, int] = {}
    registers: set[str] = set()
    catalogue_ids = dict(conn.execute("SELECT code, id FROM catalogue"))
    for item in items:
        if item.catalogue is None:
            values = validate(conn, DEPARTMENTS, {"code": item.code, "name": item.label})
            department_ids[item.code] = insert_validated(conn, DEPARTMENTS, values)
            registers.add(DEPARTMENTS.key)
            continue
        order = conn.execute(
            "SELECT coalesce(max(sort_order), 0) + 10 FROM catalogue_item WHERE catalogue_id = ?",
            (catalogue_ids[item.catalogue],),
        ).fetchone()[0]
        values = {
            "catalogue": catalogue_ids[item.catalogue],
            "code": item.code,
            "label_ja": item.label,
            "label_en": item.label,
            "sort_order": order,
            "active": True,
        }
        insert_validated(conn, CATALOGUE_ITEMS, validate(conn, CATALOGUE_ITEMS, values))
        registers.add(CATALOGUE_ITEMS.key)
    return department_ids, registers


def _next_unnumbered(conn: Connection) -> int:
    prefix = NO_STAFF_NUMBER_PREFIX
    numbers = [
        int(staff_no[len(prefix) :])
        for (staff_no,) in conn.execute(
            "SELECT staff_no FROM person WHERE staff_no LIKE ?", (prefix + "%",)
        )
        if staff_no[len(prefix) :].isdigit()
    ]
    return max(numbers, default=0) + 1


def _find_session(conn: Connection, programme_id: int, held_on: date) -> int | None:
    row = conn.execute(
        "SELECT id FROM training_session WHERE programme_id = ? AND held_on = ? ORDER BY id LIMIT 1",
        (programme_id, held_on.isoformat()),
    ).fetchone()
    return None if row is None else int(row[0])
