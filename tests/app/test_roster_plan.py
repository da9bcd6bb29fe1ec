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
    assert again.counts["duplicates_skipped"] == 2
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
