"""Planning one roster row: who, which programme and session, what status — or why not.

``RowPlanner.check_row`` turns a ``MappedRow`` into actions (people, programmes, sessions and
attendance to add) and problems. Lookups are made once per plan; catalogue values go through
``ValueResolver`` so that each unknown value is counted once for the officer's questions.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from app.areas.organisation.registers import PEOPLE
from app.areas.training.coverage import organisation_settings
from app.areas.training.registers import TRAINING_PROGRAMMES
from app.areas.training.roster_values import NewItem, Resolved, ValueResolver
from app.catalogues import choices, match_word
from app.dates import fiscal_year_of
from app.errors import ValidationError
from app.i18n import _
from app.importing.spec import MappedRow, Problem, Severity
from app.registers.records import validate
from app.storage.database import Connection

MAX_NOTES = 2000
_PLAN_YEAR = TRAINING_PROGRAMMES.field("fiscal_year")
PLAN_FIRST_YEAR, PLAN_LAST_YEAR = int(_PLAN_YEAR.minimum or 0), int(_PLAN_YEAR.maximum or 9999)
NO_STAFF_NUMBER_PREFIX = "NS"  # people a roster names without a staff number: NS00001...
_PASS_WORDS = {
    True: ("合格", "合", "pass", "passed", "ok"),
    False: ("不合格", "不可", "fail", "failed", "ng"),
}
_PASSED = {match_word(word): key for key, group in _PASS_WORDS.items() for word in group}
_SCORED = ("attended", "makeup")
_NOTHING = Resolved(None, True)

PersonKey = str  # the staff number, or "name:<folded name>" for a person named without one
ProgrammeKey = tuple[int, str]  # (fiscal year, folded title)


@lru_cache(maxsize=65_536)
def _fold_text(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def fold(text: Any) -> str:
    """Names and titles compared: NFKC, no spaces at all, case-folded."""
    return _fold_text(str(text))


@dataclass
class NewPerson:
    staff_no: str | None  # None: numbered when applied (NS00001...)
    values: dict[str, Any]
    row: int
    department: str | None = None  # a department this import adds, by its new code
    employment: str | None = None  # an employment type this import adds, by its new code


@dataclass
class NewAttendance:
    row: int
    person: PersonKey
    programme: ProgrammeKey
    held_on: date
    values: dict[str, Any]


@dataclass
class RosterActions:
    people: dict[PersonKey, NewPerson] = field(default_factory=dict)
    programmes: dict[ProgrammeKey, dict[str, Any]] = field(default_factory=dict)
    sessions: dict[tuple[ProgrammeKey, date], dict[str, Any]] = field(default_factory=dict)
    attendance: list[NewAttendance] = field(default_factory=list)
    new_items: list[NewItem] = field(default_factory=list)


class RowPlanner:
    """Lookups made once per plan: people, programmes, sessions, attendance, catalogue values."""

    def __init__(
        self, conn: Connection, spec: Any, actions: RosterActions, counts: dict[str, int]
    ) -> None:
        self.conn = conn
        self.spec = spec
        self.actions = actions
        self.counts = counts
        self.values = ValueResolver(conn, spec.answers)
        self.people: dict[str, tuple[int, str]] = {}
        self.by_name: dict[str, list[str]] = {}
        for pid, staff_no, name in conn.execute("SELECT id, staff_no, name FROM person"):
            self.people[staff_no] = (int(pid), name)
            self.by_name.setdefault(fold(name), []).append(staff_no)
        self.fiscal_start, _days = organisation_settings(conn)
        self.programmes: dict[ProgrammeKey, int] = {}
        self.titles: dict[ProgrammeKey, str] = {}
        for pid, fiscal_year, title in conn.execute(
            "SELECT id, fiscal_year, title FROM training_programme"
        ):
            self.programmes[(fiscal_year, fold(title))] = int(pid)
        self.sessions: dict[tuple[int, str], int | None] = {}  # -> pass mark
        for programme_id, held_on, pass_mark in conn.execute(
            "SELECT programme_id, held_on, pass_mark FROM training_session ORDER BY id DESC"
        ):
            key = (int(programme_id), held_on)
            if self.sessions.get(key) is None:
                self.sessions[key] = pass_mark
        self.attended: set[tuple[int, int, str]] = {
            (int(person), int(programme), held_on)
            for person, programme, held_on in conn.execute(
                "SELECT a.person_id, s.programme_id, s.held_on FROM training_attendance a "
                "JOIN training_session s ON s.id = a.session_id"
            )
        }
        self.seen: dict[tuple[PersonKey, ProgrammeKey, date], int] = {}
        self.fiscal_years: dict[date, int] = {}
        self.employment_labels = dict(choices(conn, "EMPLOYMENT_TYPE", include_inactive=True))

    def _column(self, target: str) -> str:
        return _(next(t.label for t in self.spec.targets if t.key == target))

    def check_row(self, row: MappedRow) -> list[Problem]:
        values, raw = row.values, row.raw
        problems: list[Problem] = []

        def problem(target: str, message: str, severity: Severity = "error", value: Any = ...):
            column = row.columns.get(target) or self._column(target)
            shown = raw.get(target) if value is ... else value
            problems.append(Problem(row.row, column, shown, message, severity, sheet=row.sheet))

        def resolve(target: str) -> Resolved:
            value = values.get(target)
            if value in (None, ""):
                return _NOTHING
            column = row.columns.get(target) or self._column(target)
            return self.values.resolve(target, value, column, row.row)

        status, passed = self._status(values, resolve, problem)
        if problems:
            return problems
        held_on: date | None = values.get("held_on") or self.spec.held_on
        unconfirmed = values.get("status") in (None, "") and values.get("acknowledged") is False
        if held_on is None and (status == "not_yet" or unconfirmed):
            # Not attended yet and no date: nothing to record (coverage counts the gap anyway).
            self.counts["not_yet_undated"] += 1
            return problems
        score = self._score(values.get("score"), problem)
        if values.get("passed") not in (None, ""):
            passed = self._passed(values["passed"], problem)
        if score is not None and status not in _SCORED:
            problem("score", _("a score is recorded only for someone who attended"))
        notes = values.get("notes")
        if notes is not None and len(str(notes)) > MAX_NOTES:
            problem(
                "notes",
                _("{field} is too long (at most {limit} characters)").format(
                    field=_("Notes"), limit=MAX_NOTES
                ),
            )
        session_format = resolve("format")
        if not session_format.known:
            problem("format", _("is not a known training format; the session has none"), "warning")
        training_type = resolve("training_type")
        if not training_type.known:
            problem(
                "training_type",
                _("is not a known training type; the programme gets the default type"),
                "warning",
            )
        # A programme column wins; the officer's --programme wins over a title line's.
        from_column = values.get("course") if "course" in row.columns else None
        course = str(from_column or self.spec.programme or values.get("course") or "").strip()
        if held_on is None:
            problem("held_on", _("a value is required"))
        if not course:
            problem("course", _("a value is required"))
        if any(p.severity == "error" for p in problems):
            return problems
        assert held_on is not None

        person_key, person = self._person(values, problem)
        if person_key is None:
            return problems
        if person is None and person_key not in self.actions.people:
            new = self._new_person(row, person_key, values, problem)
            if new is None:
                return problems
            # Only a person being added takes these from the file: the register is kept.
            self._attributes(new, resolve("department"), resolve("employment_type"), problem)
            self.actions.people[person_key] = new
            self.counts["people_created"] += 1
        elif person is not None:
            self.counts["people_matched"] += 1

        fiscal_year = self.fiscal_years.get(held_on)
        if fiscal_year is None:
            fiscal_year = self.fiscal_years[held_on] = fiscal_year_of(held_on, self.fiscal_start)
        if not PLAN_FIRST_YEAR <= fiscal_year <= PLAN_LAST_YEAR:
            problem(
                "held_on",
                _(
                    "falls in fiscal year {year}; the training plan takes the years {first} to "
                    "{last}"
                ).format(year=fiscal_year, first=PLAN_FIRST_YEAR, last=PLAN_LAST_YEAR),
                value=held_on.isoformat(),
            )
            return problems
        programme_key = (fiscal_year, fold(course))
        key = (person_key, programme_key, held_on)
        first = self.seen.get(key)
        if first is not None:
            self.counts["duplicates_in_file"] += 1
            problem(
                "held_on",
                _("repeats row {row} (the same person, programme and date): imported once").format(
                    row=first
                ),
                "warning",
                value=held_on.isoformat(),
            )
            return problems
        self.seen[key] = row.row
        programme_id = self.programmes.get(programme_key)
        if (
            person is not None
            and programme_id is not None
            and (person[0], programme_id, held_on.isoformat()) in self.attended
        ):
            self.counts["duplicates_skipped"] += 1
            return problems
        self._programme_and_session(
            programme_key,
            programme_id,
            course,
            held_on,
            training_type.code if not training_type.new else None,
            session_format.code if not session_format.new else None,
            score,
        )
        if passed is None and score is not None:
            passed = score >= self._pass_mark(programme_id, held_on)
        self.actions.attendance.append(
            _attendance(row.row, person_key, programme_key, held_on, status, score, passed, values)
        )
        self.counts["attendance_added"] += 1
        return problems

    # ----- status, score, pass ------------------------------------------------------------------

    def _status(self, values: dict[str, Any], resolve: Any, problem: Any) -> tuple[str, Any]:
        """(status code, passed) from the status column, or from the progress when there is none."""
        text = values.get("status")
        if text not in (None, ""):
            found = resolve("status")
            if found.known and found.code is not None and not found.new:
                return found.code, None
            passed = _pass_word(text)
            if passed is not None:  # 合格 / 不合格 in the status column: attended, with a result
                return "attended", passed
            problem("status", _("is not an attendance status (e.g. 受講, 欠席, 後日受講)"))
            return "", None
        progress = values.get("progress")
        if progress not in (None, ""):
            share = _percent(progress)
            if share is None:
                problem("progress", _("is not a progress from 0 to 100 %"))
                return "", None
            return ("attended" if share >= 100 else "not_yet"), None
        return "attended", None

    @staticmethod
    def _passed(value: Any, problem: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        passed = _pass_word(value)
        if passed is None:
            problem("passed", _("is neither pass nor fail (合格 / 不合格)"))
        return passed

    @staticmethod
    def _score(value: Any, problem: Any) -> int | None:
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
                problem("score", _("is not a score from 0 to 100"))
                return None
        if not 0 <= number <= 100:
            problem("score", _("is not a score from 0 to 100"))
            return None
        return round(number)

    def _pass_mark(self, programme_id: int | None, held_on: date) -> int:
        if programme_id is not None:
            mark = self.sessions.get((programme_id, held_on.isoformat()))
            if mark is not None:
                return int(mark)
        return int(self.spec.pass_mark)

    # ----- people ---------------------------------------------------------------------------------

    def _person(
        self, values: dict[str, Any], problem: Any
    ) -> tuple[PersonKey | None, tuple[int, str] | None]:
        """The person's key and, when registered, (id, name). Warns when a name differs."""
        staff_no, name = values.get("staff_no"), values.get("name")
        if staff_no:
            person = self.people.get(staff_no)
            if person is not None and name and fold(name) != fold(person[1]):
                problem(
                    "name",
                    _("differs from the register ({registered}); the register is kept").format(
                        registered=person[1]
                    ),
                    "warning",
                )
            return staff_no, person
        if not name:
            problem("staff_no", _("a row needs a staff number or a name"))
            return None, None
        registered = self.by_name.get(fold(name), [])
        if len(registered) == 1:
            return registered[0], self.people[registered[0]]
        if len(registered) > 1:
            problem(
                "name",
                _("names {count} people in the register; add the staff number").format(
                    count=len(registered)
                ),
            )
            return None, None
        return "name:" + fold(name), None

    def _new_person(
        self, row: MappedRow, key: PersonKey, values: dict[str, Any], problem: Any
    ) -> NewPerson | None:
        name = values.get("name")
        if not name:
            problem("name", _("is needed to add a person who is not in the register yet"))
            return None
        staff_no = None if key.startswith("name:") else key
        person = {
            "staff_no": staff_no or f"{NO_STAFF_NUMBER_PREFIX}00000",
            "name": name,
            "kana": values.get("kana"),
            "department": None,
            "employment_type": None,
            "active": True,
        }
        try:
            validate(self.conn, PEOPLE, person)
        except ValidationError as exc:
            for field_key, message in exc.errors.items():
                target = field_key if field_key in {"staff_no", "name", "kana"} else "staff_no"
                problem(target, message)
            return None
        if staff_no is None:
            problem(
                "name",
                _("has no staff number; the person is added with a number Mamori gives"),
                "warning",
            )
        return NewPerson(staff_no, person, row.row)

    @staticmethod
    def _attributes(
        new: NewPerson, department: Resolved, employment: Resolved, problem: Any
    ) -> None:
        """Department and employment type of a new person; unknown ones are left empty."""
        if not department.known:
            problem(
                "department",
                _("is not a known department; the person is added without one"),
                "warning",
            )
        elif department.new:
            new.department = department.code
        elif department.code is not None:
            new.values["department"] = int(department.code)
        if not employment.known:
            problem(
                "employment_type",
                _("is not a known employment type; the person is added without one"),
                "warning",
            )
        elif employment.new:
            new.employment = employment.code
        elif employment.code is not None:
            new.values["employment_type"] = employment.code

    # ----- programmes and sessions ----------------------------------------------------------------

    def _programme_and_session(
        self,
        programme_key: ProgrammeKey,
        programme_id: int | None,
        course: str,
        held_on: date,
        training_type: str | None,
        session_format: str | None,
        score: int | None,
    ) -> None:
        actions = self.actions
        if programme_id is None and programme_key not in actions.programmes:
            actions.programmes[programme_key] = {
                "fiscal_year": programme_key[0],
                "title": course,
                "training_type": training_type or self.spec.programme_type,
                "required": True,
            }
            self.counts["programmes_created"] += 1
        session_key = (programme_key, held_on)
        if session_key not in actions.sessions and (
            programme_id is None or (programme_id, held_on.isoformat()) not in self.sessions
        ):
            actions.sessions[session_key] = {
                "title": f"{course} {held_on:%Y/%m/%d}",
                "held_on": held_on,
                "format": session_format,
                "has_test": score is not None,
                "pass_mark": self.spec.pass_mark if score is not None else None,
            }
            self.counts["sessions_created"] += 1
        elif session_key in actions.sessions and score is not None:
            planned = actions.sessions[session_key]
            if not planned["has_test"]:
                planned["has_test"], planned["pass_mark"] = True, self.spec.pass_mark


@lru_cache(maxsize=1024)
def _pass_word(value: Any) -> bool | None:
    return _PASSED.get(match_word(value))


def _attendance(
    row: int,
    person: PersonKey,
    programme: ProgrammeKey,
    held_on: date,
    status: str,
    score: int | None,
    passed: bool | None,
    values: dict[str, Any],
) -> NewAttendance:
    notes = values.get("notes")
    return NewAttendance(
        row,
        person,
        programme,
        held_on,
        {
            "status": status,
            "score": score,
            "passed": passed,
            "retake_needed": passed is False,
            "acknowledged": values.get("acknowledged") or False,
            "notes": (str(notes).strip() or None) if notes is not None else None,
        },
    )


def _percent(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        # A cell formatted as a percentage holds a fraction: 1 is 100 %, 0.45 is 45 %.
        return number * 100 if 0 <= number <= 1 else number
    text = unicodedata.normalize("NFKC", str(value)).strip().rstrip("%").strip()
    try:
        number = float(text)
    except ValueError:
        return None
    return number if 0 <= number <= 100 else None
