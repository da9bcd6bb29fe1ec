"""Training rosters (受講者名簿) from departments, HR systems and e-learning vendors.

One row is one person at one training on one date. People are matched by staff number (unknown
staff are created and listed); programmes are found by title in the fiscal year of the date (or
created); sessions by programme and date (or created); attendance is added once — importing the
same rows again adds nothing. Everything is applied in one transaction: all or nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.areas.organisation.registers import PEOPLE
from app.areas.training.coverage import organisation_settings
from app.areas.training.registers import ATTENDANCE, TRAINING_PROGRAMMES, TRAINING_SESSIONS
from app.catalogues import choices, code_lookup, match_word
from app.dates import fiscal_year_of
from app.errors import ValidationError
from app.i18n import N_, _, gettext_in
from app.importing.spec import COUNT_LABELS, ImportPlan, ImportSummary, MappedRow, Problem, Target
from app.jobs import Cancelled, Progress, check_cancelled
from app.registers.records import defaults, find_by_human_key, insert_validated, validate
from app.registers.registry import get_register
from app.storage import audit
from app.storage.database import Connection, write_transaction

DEFAULT_PASS_MARK = 80
DEFAULT_PROGRAMME_TYPE = "annual_all"
DEFAULT_EMPLOYMENT = "regular"
MAX_NOTES = 2000
_STATUS_WORDS = {
    "attended": (
        "受講",
        "受講済",
        "受講済み",
        "済",
        "済み",
        "完了",
        "修了",
        "出席",
        "○",
        "〇",
        "◯",
        "✓",
        "yes",
        "done",
        "attended",
        "completed",
    ),
    "absent": ("欠席", "欠", "×", "✕", "absent", "no"),
    "makeup": ("後日受講", "補講", "追試", "振替", "makeup", "make-up"),
    "exempt": ("対象外", "免除", "休職", "exempt"),
    "not_yet": ("未受講", "未", "未完了", "not yet", "not_yet"),
}
_PASS_WORDS = {
    True: ("合格", "合", "pass", "passed", "ok"),
    False: ("不合格", "不可", "fail", "failed", "ng"),
}

for _key, _label in (
    ("people_matched", N_("People matched by staff number")),
    ("people_created", N_("People added to the register")),
    ("programmes_created", N_("Programmes added to the plan")),
    ("sessions_created", N_("Sessions added")),
    ("attendance_added", N_("Attendance records added")),
    ("duplicates_skipped", N_("Rows already recorded (skipped)")),
    ("invalid_skipped", N_("Rows with errors (skipped)")),
):
    COUNT_LABELS[_key] = _label


def _lookup(words: dict[Any, tuple[str, ...]]) -> dict[str, Any]:
    return {match_word(word): key for key, group in words.items() for word in group}


_STATUS = _lookup(_STATUS_WORDS)
_PASSED = _lookup(_PASS_WORDS)


def _targets() -> tuple[Target, ...]:
    people, programme, session = PEOPLE, TRAINING_PROGRAMMES, TRAINING_SESSIONS
    attendance = ATTENDANCE

    def synonyms(defn_field: Any, *extra: str) -> tuple[str, ...]:
        return (
            gettext_in("ja", defn_field.label),
            gettext_in("en", defn_field.label),
            *defn_field.synonyms,
            *extra,
        )

    return (
        Target(
            "staff_no",
            N_("Staff number"),
            synonyms(people.field("staff_no")),
            True,
            people.field("staff_no"),
        ),
        Target(
            "name",
            N_("Name"),
            synonyms(people.field("name"), "姓名"),
            False,
            people.field("name"),
            joinable=True,
        ),
        Target(
            "kana",
            N_("Name (kana)"),
            synonyms(people.field("kana")),
            False,
            people.field("kana"),
            joinable=True,
        ),
        Target("department", N_("Department"), synonyms(people.field("department"))),
        Target("employment_type", N_("Employment type"), synonyms(people.field("employment_type"))),
        Target("course", N_("Programme"), synonyms(programme.field("title")), True),
        Target(
            "held_on",
            N_("Date"),
            synonyms(session.field("held_on")),
            True,
            session.field("held_on"),
        ),
        Target("format", N_("Format"), synonyms(session.field("format"))),
        Target("status", N_("Status"), synonyms(attendance.field("status"))),
        Target("score", N_("Score"), synonyms(attendance.field("score"))),
        Target("passed", N_("Passed"), synonyms(attendance.field("passed"))),
        Target(
            "acknowledged",
            N_("Signed / acknowledged"),
            synonyms(attendance.field("acknowledged")),
            False,
            attendance.field("acknowledged"),
        ),
        Target("notes", N_("Notes"), synonyms(attendance.field("notes"))),
    )


@dataclass
class NewPerson:
    staff_no: str
    values: dict[str, Any]
    row: int


@dataclass
class NewAttendance:
    row: int
    staff_no: str
    programme: tuple[int, str]  # (fiscal year, title)
    held_on: date
    values: dict[str, Any]


@dataclass
class RosterActions:
    people: dict[str, NewPerson] = field(default_factory=dict)
    programmes: dict[tuple[int, str], dict[str, Any]] = field(default_factory=dict)
    sessions: dict[tuple[tuple[int, str], date], dict[str, Any]] = field(default_factory=dict)
    attendance: list[NewAttendance] = field(default_factory=list)


class RosterImportSpec:
    key = "training_roster"
    title = N_("Training roster (attendance)")

    def __init__(
        self,
        *,
        programme_type: str = DEFAULT_PROGRAMME_TYPE,
        pass_mark: int = DEFAULT_PASS_MARK,
        new_person_employment: str = DEFAULT_EMPLOYMENT,
    ) -> None:
        self.targets = _targets()
        self.programme_type = programme_type
        self.pass_mark = pass_mark
        self.new_person_employment = new_person_employment

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
        context = _Context(conn, self)
        actions = RosterActions()
        counts = dict.fromkeys(
            (
                "people_matched",
                "people_created",
                "programmes_created",
                "sessions_created",
                "attendance_added",
                "duplicates_skipped",
                "invalid_skipped",
            ),
            0,
        )
        seen: set[tuple[str, tuple[int, str], date]] = set()
        for row in rows:
            problems = list(row.problems)
            if not any(p.severity == "error" for p in problems):
                problems.extend(context.check_row(row, actions, counts, seen))
            plan.problems.extend(problems)
            if any(p.severity == "error" for p in problems):
                counts["invalid_skipped"] += 1
        plan.counts = counts
        plan.actions = [actions]
        return plan

    # ----- applying ---------------------------------------------------------------------------

    def apply(
        self, conn: Connection, plan: ImportPlan, *, progress: Progress, cancelled: Cancelled
    ) -> ImportSummary:
        if not plan.can_apply:
            raise ValidationError({}, _("The file has errors; nothing was imported."))
        (actions,) = plan.actions
        total = len(actions.people) + len(actions.attendance) + 1
        done = 0

        def step() -> None:
            nonlocal done
            done += 1
            if done % 50 == 0:
                check_cancelled(cancelled)
                progress(
                    done / total, _("Importing… {done} of {total}").format(done=done, total=total)
                )

        created: list[str] = []
        with write_transaction(conn):
            person_ids = dict(conn.execute("SELECT staff_no, id FROM person"))
            for new in actions.people.values():
                values = validate(conn, PEOPLE, new.values)
                person_ids[new.staff_no] = insert_validated(conn, PEOPLE, values)
                created.append(f"{new.staff_no} {new.values.get('name', '')}")
                step()
            programme_ids = {
                (fy, title): pid
                for pid, fy, title in conn.execute(
                    "SELECT id, fiscal_year, title FROM training_programme"
                )
            }
            for key, values in actions.programmes.items():
                programme_ids[key] = insert_validated(
                    conn, TRAINING_PROGRAMMES, validate(conn, TRAINING_PROGRAMMES, values)
                )
            session_ids: dict[tuple[tuple[int, str], date], int] = {}
            for (programme_key, held_on), values in actions.sessions.items():
                raw = {**values, "programme": programme_ids[programme_key]}
                session_ids[(programme_key, held_on)] = insert_validated(
                    conn, TRAINING_SESSIONS, validate(conn, TRAINING_SESSIONS, raw)
                )
            names = dict(conn.execute("SELECT staff_no, name FROM person"))
            session_titles = dict(conn.execute("SELECT id, title FROM training_session"))
            blank = defaults(ATTENDANCE)
            for item in actions.attendance:
                session = session_ids.get((item.programme, item.held_on)) or _find_session(
                    conn, programme_ids[item.programme], item.held_on
                )
                # The plan checked every value (catalogue codes, ranges, the score rule, duplicates);
                # the table's constraints stand behind it. Re-validating 20,000 rows here would
                # triple the time of a large roster.
                values = {
                    **blank,
                    **item.values,
                    "session": session,
                    "person": person_ids[item.staff_no],
                }
                label = f"{item.staff_no} {names[item.staff_no]} / {session_titles[session]}"
                insert_validated(conn, ATTENDANCE, values, label=label)
                step()
            check_cancelled(cancelled)
            audit.append(
                conn,
                "import",
                register=ATTENDANCE.key,
                detail={"file": plan.file.name, "sheet": plan.sheet, **plan.counts},
            )
        progress(1.0, _("Imported"))
        registers = {ATTENDANCE.key}
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


def _find_session(conn: Connection, programme_id: int, held_on: date) -> int | None:
    row = conn.execute(
        "SELECT id FROM training_session WHERE programme_id = ? AND held_on = ? ORDER BY id LIMIT 1",
        (programme_id, held_on.isoformat()),
    ).fetchone()
    return None if row is None else int(row[0])


def _same_name(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", a)) == re.sub(
        r"\s+", "", unicodedata.normalize("NFKC", b)
    )


class _Context:
    """Lookups made once per plan: people, departments, catalogue labels, programmes, sessions."""

    def __init__(self, conn: Connection, spec: RosterImportSpec) -> None:
        self.conn = conn
        self.spec = spec
        self.people = {
            staff_no: (pid, name)
            for pid, staff_no, name in conn.execute("SELECT id, staff_no, name FROM person")
        }
        self.fiscal_start, _days = organisation_settings(conn)
        self.employment = self._labels("EMPLOYMENT_TYPE")
        self.formats = self._labels("TRAINING_FORMAT")
        self.statuses = {**self._labels("ATTENDANCE_STATUS"), **_STATUS}
        self.programmes = {
            (fy, title): pid
            for pid, fy, title in conn.execute(
                "SELECT id, fiscal_year, title FROM training_programme"
            )
        }
        self.attended: set[tuple[int, int, str]] = {
            (person, programme, held_on)
            for person, programme, held_on in conn.execute(
                "SELECT a.person_id, s.programme_id, s.held_on FROM training_attendance a "
                "JOIN training_session s ON s.id = a.session_id"
            )
        }
        self.departments = get_register("departments")

    def _labels(self, catalogue: str) -> dict[str, str]:
        return code_lookup(self.conn, catalogue)

    def _column(self, target: str) -> str:
        return _(next(t.label for t in self.spec.targets if t.key == target))

    def check_row(
        self,
        row: MappedRow,
        actions: RosterActions,
        counts: dict[str, int],
        seen: set[tuple[str, tuple[int, str], date]],
    ) -> list[Problem]:
        values, raw = row.values, row.raw
        problems: list[Problem] = []

        def error(target: str, message: str, severity: str = "error") -> None:
            column = row.columns.get(target) or self._column(target)
            problems.append(Problem(row.row, column, raw.get(target), message, severity))  # type: ignore[arg-type]

        staff_no: str = values["staff_no"]
        held_on: date = values["held_on"]
        course = str(values.get("course") or "").strip()
        status = "attended"
        if values.get("status") not in (None, ""):
            status = self.statuses.get(match_word(values["status"]), "")
            if not status:
                error("status", _("is not an attendance status (e.g. 受講, 欠席, 後日受講)"))
        score = self._score(values.get("score"), error)
        passed = values.get("passed")
        if passed not in (None, "") and not isinstance(passed, bool):
            passed = _PASSED.get(match_word(passed))
            if passed is None:
                error("passed", _("is neither pass nor fail (合格 / 不合格)"))
        if score is not None and status not in ("attended", "makeup"):
            error("score", _("a score is recorded only for someone who attended"))
        notes = values.get("notes")
        if notes is not None and len(str(notes)) > MAX_NOTES:
            error(
                "notes",
                _("{field} is too long (at most {limit} characters)").format(
                    field=_("Notes"), limit=MAX_NOTES
                ),
            )
        session_format = None
        if values.get("format") not in (None, ""):
            session_format = self.formats.get(match_word(values["format"]))
            if session_format is None:
                error("format", _("is not a training format (e.g. 集合研修, eラーニング)"))
        if problems:
            return problems

        programme_key = (fiscal_year_of(held_on, self.fiscal_start), course)
        person = self.people.get(staff_no)
        if person is None and staff_no not in actions.people:
            new = self._new_person(row, values, error)
            if new is None:
                return problems
            actions.people[staff_no] = new
            counts["people_created"] += 1
        elif person is not None:
            counts["people_matched"] += 1
            name = values.get("name")
            if name and not _same_name(str(name), person[1]):
                error(
                    "name",
                    _("differs from the register ({registered}); the register is kept").format(
                        registered=person[1]
                    ),
                    "warning",
                )
        key = (staff_no, programme_key, held_on)
        programme_id = self.programmes.get(programme_key)
        if key in seen or (
            person is not None
            and programme_id is not None
            and (person[0], programme_id, held_on.isoformat()) in self.attended
        ):
            counts["duplicates_skipped"] += 1
            return problems
        seen.add(key)
        if programme_id is None and programme_key not in actions.programmes:
            actions.programmes[programme_key] = {
                "fiscal_year": programme_key[0],
                "title": course,
                "training_type": self.spec.programme_type,
                "required": True,
            }
            counts["programmes_created"] += 1
        session_key = (programme_key, held_on)
        if session_key not in actions.sessions and (
            programme_id is None or _find_session(self.conn, programme_id, held_on) is None
        ):
            actions.sessions[session_key] = {
                "title": f"{course} {held_on:%Y/%m/%d}",
                "held_on": held_on,
                "format": session_format,
                "has_test": score is not None or passed is not None,
                "pass_mark": self.spec.pass_mark if score is not None else None,
            }
            counts["sessions_created"] += 1
        if passed is None and score is not None:
            passed = score >= self._pass_mark(programme_id, held_on)
        actions.attendance.append(
            NewAttendance(
                row.row,
                staff_no,
                programme_key,
                held_on,
                {
                    "status": status,
                    "score": score,
                    "passed": passed,
                    "retake_needed": passed is False,
                    "acknowledged": values.get("acknowledged") or False,
                    "notes": str(notes).strip() or None if notes is not None else None,
                },
            )
        )
        counts["attendance_added"] += 1
        return problems

    def _pass_mark(self, programme_id: int | None, held_on: date) -> int:
        if programme_id is not None:
            row = self.conn.execute(
                "SELECT pass_mark FROM training_session WHERE programme_id = ? AND held_on = ? "
                "AND pass_mark IS NOT NULL LIMIT 1",
                (programme_id, held_on.isoformat()),
            ).fetchone()
            if row is not None:
                return int(row[0])
        return self.spec.pass_mark

    @staticmethod
    def _score(value: Any, error: Any) -> int | None:
        if value in (None, ""):
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
            if 0 < number <= 1 and not float(value).is_integer():
                number *= 100  # a percentage cell (0.85)
        else:
            text = unicodedata.normalize("NFKC", str(value)).strip().rstrip("点%％").strip()
            try:
                number = float(text)
            except ValueError:
                error("score", _("is not a score from 0 to 100"))
                return None
        if not 0 <= number <= 100:
            error("score", _("is not a score from 0 to 100"))
            return None
        return round(number)

    def _new_person(self, row: MappedRow, values: dict[str, Any], error: Any) -> NewPerson | None:
        name = values.get("name")
        if not name:
            error("name", _("is needed to add a person who is not in the register yet"))
            return None
        department = None
        if values.get("department") not in (None, ""):
            department = find_by_human_key(self.conn, self.departments, str(values["department"]))
            if department is None:
                error(
                    "department",
                    _("is not a known department; the person is added without one"),
                    "warning",
                )
        employment = None
        if values.get("employment_type") not in (None, ""):
            employment = self.employment.get(match_word(values["employment_type"]))
            if employment is None:
                error("employment_type", _("is not a known employment type"))
                return None
        if employment is None:
            employment = self.spec.new_person_employment
            error(
                "employment_type",
                _("not given; the new person is recorded as {type} — check it").format(
                    type=dict(choices(self.conn, "EMPLOYMENT_TYPE")).get(employment, employment)
                ),
                "warning",
            )
        person = {
            "staff_no": values["staff_no"],
            "name": name,
            "kana": values.get("kana"),
            "department": department,
            "employment_type": employment,
            "active": True,
        }
        try:
            validate(self.conn, PEOPLE, person)
        except ValidationError as exc:
            for key, message in exc.errors.items():
                target = key if key in {t.key for t in self.spec.targets} else "staff_no"
                error(target, message)
            return None
        return NewPerson(values["staff_no"], person, row.row)
