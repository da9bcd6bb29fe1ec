"""The demo co-op's incidents: 誤配 cases, near misses, and the card-data leak whose 確報 crossed
the year end (known 2025-12-05: day 30 is 2026-01-03, inside 12/29–1/3, so due Monday 01-05)."""

from __future__ import annotations

from datetime import date

import pytest

from app.demo import DEMO_PASSPHRASE, build_demo_workspace
from app.verify import verify_workspace

TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = build_demo_workspace(
        tmp_path_factory.mktemp("demo") / "demo.mamori", DEMO_PASSPHRASE, today=TODAY
    )
    yield ws
    ws.close()


def test_demo_has_misdeliveries_near_misses_and_reportable_cases(demo) -> None:
    conn = demo.conn
    counts = dict(
        conn.execute(
            "SELECT CASE WHEN near_miss THEN 'near' WHEN reportable THEN 'reportable' "
            "ELSE incident_type END, count(*) FROM incident GROUP BY 1"
        ).fetchall()
    )
    assert counts["misdelivery_goods"] >= 5 and counts["near"] >= 3
    assert counts["reportable"] == 3
    assert verify_workspace(conn).ok


def test_demo_card_leak_final_report_crossed_the_year_end_on_time(demo) -> None:
    conn = demo.conn
    (incident,) = conn.execute(
        "SELECT id FROM incident WHERE incident_type = 'misconfig_exposure'"
    ).fetchone()
    reports = conn.execute(
        "SELECT kind, recipient, reported_on, due_on, on_time, supplemented_on "
        "FROM incident_report WHERE incident_id = ? ORDER BY reported_on, kind, recipient",
        (incident,),
    ).fetchall()
    assert reports == [
        ("prelim", "pmark", "2025-12-08", "2025-12-09", 1, None),
        ("prelim", "ppc", "2025-12-08", "2025-12-09", 1, None),
        ("final", "pmark", "2026-01-05", "2026-01-05", 1, None),
        ("final", "ppc", "2026-01-05", "2026-01-05", 1, "2026-01-22"),
        ("supplement", "ppc", "2026-01-22", None, None, None),
    ]
    deadline = conn.execute(
        "SELECT calendar_date, due_date, status FROM deadline WHERE rule = 'R-LEAK-FINAL-30' "
        "AND subject_id = ?",
        (incident,),
    ).fetchone()
    assert deadline == ("2026-01-03", "2026-01-05", "done")


def test_demo_open_case_is_on_the_dashboard_with_days_left(demo) -> None:
    from app.dashboard import gather

    items = [item for item in gather(demo.conn, TODAY) if item.rule.endswith("-PRELIM")]
    assert sorted((item.rule, item.due) for item in items) == [
        ("R-LEAK-PRELIM", date(2026, 12, 6)),
        ("R-PMARK-PRELIM", date(2026, 12, 6)),
    ]
