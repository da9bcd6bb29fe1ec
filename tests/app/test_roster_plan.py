"""The roster import's planning and applying, from mapped rows (the engine's output).

End-to-end runs from real files are in tests/app/importing/test_roster_files.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.areas.training.roster_import import RosterImportSpec
from app.errors import ValidationError
from app.importing.spec import MappedRow
from app.jobs import JobCancelledError, never_cancelled, no_progress
from app.registers.records import create_record

FILE = Path("roster.xlsx")


def row(number: int, **values) -> MappedRow:
    return MappedRow(number, values, {key: str(value) for key, value in values.items()})


@pytest.fixture
def known(workspace):
    conn = workspace.conn
    store = create_record(conn, DEPARTMENTS, {"code": "ST", "name": "日吉店"}).record_id
    create_record(
        conn,
        PEOPLE,
        {
            "staff_no": "00012",
            "name": "山田 花子",
            "employment_type": "parttime",
            "department": store,
        },
    )
    return conn


def counts(conn) -> dict[str, int]:
    tables = (
        "person",
        "training_programme",
        "training_session",
        "training_attendance",
        "audit_log",
    )
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def apply(spec, conn, plan):
    return spec.apply(conn, plan, progress=no_progress, cancelled=never_cancelled)


def test_matches_people_creates_unknown_and_adds_attendance(known) -> None:
    spec = RosterImportSpec()
    rows = [
        row(
            4,
            staff_no="00012",
            name="山田　花子",
            course="年次教育",
            held_on=date(2026, 6, 10),
            score=90,
        ),
        row(
            5,
            staff_no="00099",
            name="新井 一郎",
            department="日吉店",
            employment_type="アルバイト",
            course="年次教育",
            held_on=date(2026, 6, 10),
            score="70点",
        ),
    ]
    plan = spec.plan(known, rows, file=FILE, sheet="名簿")
    assert plan.errors == []
    assert (
        plan.counts["people_matched"] == 1
    )  # the full-width space in the name is not a difference
    assert plan.counts["people_created"] == 1
    assert plan.counts["programmes_created"] == 1
    assert plan.counts["sessions_created"] == 1
    assert plan.counts["attendance_added"] == 2
    summary = apply(spec, known, plan)
    assert summary.created["people_created"] == ["00099 新井 一郎"]
    result = dict(
        known.execute(
            "SELECT p.staff_no, a.passed FROM training_attendance a JOIN person p ON p.id = a.person_id"
        )
    )
    assert result == {"00012": 1, "00099": 0}  # 70 is below the pass mark of 80
    assert (
        known.execute("SELECT employment_type FROM person WHERE staff_no='00099'").fetchone()[0]
        == "arbeit"
    )
    assert (
        known.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
        == "import"
    )


def test_the_same_rows_again_add_nothing(known) -> None:
    spec = RosterImportSpec()
    rows = [row(4, staff_no="00012", course="年次教育", held_on=date(2026, 6, 10))]
    apply(spec, known, spec.plan(known, rows, file=FILE, sheet=None))
    before = counts(known)
    again = spec.plan(known, rows + rows, file=FILE, sheet=None)
    assert again.counts["attendance_added"] == 0
    assert again.counts["duplicates_skipped"] == 1  # already recorded
    assert again.counts["duplicates_in_file"] == 1  # the file repeats it
    apply(spec, known, again)
    after = counts(known)
    assert after["training_attendance"] == before["training_attendance"]
    assert after["training_session"] == before["training_session"]


def test_a_name_that_differs_is_a_warning(known) -> None:
    spec = RosterImportSpec()
    plan = spec.plan(
        known,
        [row(7, staff_no="00012", name="山田 華子", course="年次", held_on=date(2026, 6, 1))],
        file=FILE,
        sheet=None,
    )
    (warning,) = plan.warnings
    assert warning.row == 7
    assert "山田 花子" in warning.message
    assert plan.can_apply


def test_an_error_row_blocks_the_import_unless_skipped(known) -> None:
    spec = RosterImportSpec()
    rows = [
        row(
            4,
            staff_no="00012",
            course="年次教育",
            held_on=date(2026, 6, 10),
            status="欠席",
            score=50,
        ),
        row(5, staff_no="00077", course="年次教育", held_on=date(2026, 6, 10)),  # unknown, no name
        row(6, staff_no="00012", course="専門教育", held_on=date(2026, 9, 1), status="受講"),
    ]
    plan = spec.plan(known, rows, file=FILE, sheet=None)
    assert [(p.row, p.severity) for p in plan.errors] == [(4, "error"), (5, "error")]
    assert "row 5" in plan.errors[1].describe("roster.xlsx")
    assert not plan.can_apply
    before = counts(known)
    with pytest.raises(ValidationError):
        apply(spec, known, plan)
    assert counts(known) == before
    skipping = spec.plan(known, rows, file=FILE, sheet=None, skip_invalid=True)
    assert skipping.counts["invalid_skipped"] == 2
    apply(spec, known, skipping)
    assert counts(known)["training_attendance"] == 1


def test_cancel_leaves_everything_as_it_was(known) -> None:
    spec = RosterImportSpec()
    rows = [
        row(
            n,
            staff_no=f"{n:05d}",
            name=f"職員 {n}",
            employment_type="パート",
            course="年次",
            held_on=date(2026, 6, 10),
        )
        for n in range(100, 260)
    ]
    plan = spec.plan(known, rows, file=FILE, sheet=None)
    before = counts(known)
    with pytest.raises(JobCancelledError):
        spec.apply(known, plan, progress=no_progress, cancelled=lambda: True)
    assert counts(known) == before


def test_status_and_pass_words(known) -> None:
    spec = RosterImportSpec()
    rows = [
        row(2, staff_no="00012", course="A", held_on=date(2026, 6, 1), status="済", passed="合格"),
        row(
            3,
            staff_no="00012",
            course="B",
            held_on=date(2026, 6, 2),
            status="後日受講",
            passed="不合格",
        ),
        row(4, staff_no="00012", course="C", held_on=date(2026, 6, 3), status="maybe"),
    ]
    plan = spec.plan(known, rows, file=FILE, sheet=None, skip_invalid=True)
    assert [(p.row, p.column) for p in plan.errors] == [(4, "Status")]
    apply(spec, known, plan)
    stored = known.execute(
        "SELECT status, passed, retake_needed FROM training_attendance ORDER BY id"
    ).fetchall()
    assert stored == [("attended", 1, 0), ("makeup", 0, 1)]


# ----- values nobody knows yet ---------------------------------------------------------------------


def test_an_unknown_employment_type_keeps_the_row_and_leaves_the_type_empty(known) -> None:
    spec = RosterImportSpec()
    rows = [
        row(n, staff_no=f"0100{n}", name=f"新人 {n}", employment_type=kind, course="年次教育",
            held_on=date(2026, 6, 10))
        for n, kind in ((4, "シニア職員"), (5, "シニア職員"), (6, "パート職員"), (7, "臨時職員"))
    ]  # fmt: skip
    plan = spec.plan(known, rows, file=FILE, sheet=None)
    assert plan.counts["attendance_added"] == 4 and not plan.errors
    [unknown] = plan.unknown
    assert (unknown.target, unknown.value, unknown.rows, unknown.first_row) == (
        "employment_type", "シニア職員", 2, 4,
    )  # fmt: skip
    warnings = [p.describe(FILE.name) for p in plan.warnings if p.column == "Employment type"]
    assert warnings[0] == (
        "roster.xlsx, row 4, column “Employment type” (“シニア職員”): is not a known employment "
        "type; the person is added without one"
    )
    apply(spec, known, plan)
    types = dict(known.execute("SELECT staff_no, employment_type FROM person"))
    assert (types["01004"], types["01006"], types["01007"]) == (None, "parttime", "temporary")


def test_answers_map_a_value_or_add_it_to_the_catalogue(known) -> None:
    from app.catalogues import choices
    from app.importing.spec import ADD_TO_CATALOGUE, ValueAnswers

    answers = ValueAnswers()
    answers.set("employment_type", "シニア職員", "contract")
    answers.set("employment_type", "研修生", ADD_TO_CATALOGUE)
    spec = RosterImportSpec(answers=answers)
    rows = [
        row(4, staff_no="02001", name="甲 一", employment_type="シニア", course="年次教育",
            held_on=date(2026, 6, 10)),
        row(5, staff_no="02002", name="乙 二", employment_type="研修生", course="年次教育",
            held_on=date(2026, 6, 10)),
    ]  # fmt: skip
    plan = spec.plan(known, rows, file=FILE, sheet=None)
    assert [u.value for u in plan.unknown] == ["研修生"] and not plan.warnings
    apply(spec, known, plan)
    types = dict(known.execute("SELECT staff_no, employment_type FROM person"))
    assert types["02001"] == "contract"
    added = dict(choices(known, "EMPLOYMENT_TYPE", language="ja"))[types["02002"]]
    assert added == "研修生"
    again = RosterImportSpec().plan(known, rows, file=FILE, sheet=None)
    assert again.counts["duplicates_skipped"] == 2 and not again.unknown


def test_people_without_staff_numbers_are_matched_by_name(known) -> None:
    spec = RosterImportSpec()
    rows = [
        row(4, name="山田　花子", course="理事研修", held_on=date(2026, 6, 27)),
        row(5, name="組合員 太郎", course="理事研修", held_on=date(2026, 6, 27)),
    ]
    plan = spec.plan(known, rows, file=FILE, sheet=None)
    assert (plan.counts["people_matched"], plan.counts["people_created"]) == (1, 1)
    apply(spec, known, plan)
    assert known.execute("SELECT staff_no FROM person WHERE name = '組合員 太郎'").fetchone() == (
        "NS00001",
    )
    again = spec.plan(known, rows, file=FILE, sheet=None)
    assert again.counts["duplicates_skipped"] == 2


def test_the_bulk_written_trail_verifies(known) -> None:
    from app.storage.audit import verify_chain

    spec = RosterImportSpec()
    rows = [
        row(
            n, staff_no=f"03{n:03d}", name=f"職員 {n}", course="年次教育", held_on=date(2026, 6, 10)
        )
        for n in range(4, 60)
    ]
    before = counts(known)
    apply(spec, known, spec.plan(known, rows, file=FILE, sheet=None))
    after = counts(known)
    assert after["training_attendance"] - before["training_attendance"] == 56
    # 56 people, 1 programme, 1 session, 56 attendance records and the import entry.
    assert after["audit_log"] - before["audit_log"] == 56 + 1 + 1 + 56 + 1
    assert verify_chain(known) == []
    labels = [r[0] for r in known.execute(
        "SELECT record_label FROM audit_log WHERE register = 'training_attendance' "
        "AND action = 'insert' ORDER BY id DESC LIMIT 1")]  # fmt: skip
    assert labels == ["03059 職員 59 / 年次教育 2026/06/10"]
