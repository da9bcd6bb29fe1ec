"""Legal register (C-LEGAL, amendments) and documents (R-PUBLIC-NOTICE: yearly, and after a change
of what they describe, read from the audit trail)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.areas.assets.registers import PURPOSES
from app.areas.review.changes import documents_due_after_change, laws_amended_since_review
from app.areas.review.registers import DOCUMENTS, LEGAL_REQUIREMENTS
from app.dashboard import gather
from app.registers.records import ValidationError, create_record, update_record

TODAY = date.today()  # the audit trail stamps changes with the real clock


def _deadlines(conn, register: str, record_id: int, rule: str) -> list[tuple]:
    return conn.execute(
        "SELECT status, trigger_date, due_date FROM deadline WHERE subject_register = ? "
        "AND subject_id = ? AND rule = ? ORDER BY id",
        (register, record_id, rule),
    ).fetchall()


def test_a_law_is_reviewed_every_year_and_each_review_opens_the_next(workspace) -> None:
    conn = workspace.conn
    law = create_record(
        conn,
        LEGAL_REQUIREMENTS,
        {"code": "L001", "name": "個人情報の保護に関する法律", "legal_type": "law",
         "version": "令和3年改正", "version_date": "2022-04-01", "last_reviewed": "2025-06-01"},
    ).record_id  # fmt: skip
    assert _deadlines(conn, "legal_requirements", law, "C-LEGAL") == [
        ("open", "2025-06-01", "2026-06-01")
    ]
    update_record(conn, LEGAL_REQUIREMENTS, law, {"last_reviewed": "2026-05-20"})
    assert _deadlines(conn, "legal_requirements", law, "C-LEGAL") == [
        ("done", "2025-06-01", "2026-06-01"),
        ("open", "2026-05-20", "2027-05-20"),
    ]
    update_record(conn, LEGAL_REQUIREMENTS, law, {"active": False})
    assert _deadlines(conn, "legal_requirements", law, "C-LEGAL")[-1][0] == "waived"


def test_an_amendment_after_the_last_review_is_due_by_the_day_it_takes_effect(workspace) -> None:
    conn = workspace.conn
    law = create_record(
        conn,
        LEGAL_REQUIREMENTS,
        {"code": "L003", "name": "個人情報の保護に関する法律施行規則", "legal_type": "ordinance",
         "last_reviewed": TODAY - timedelta(days=100)},
    ).record_id  # fmt: skip
    assert laws_amended_since_review(conn) == []
    effective = TODAY + timedelta(days=30)
    update_record(
        conn, LEGAL_REQUIREMENTS, law, {"version": "令和8年改正", "version_date": effective}
    )
    (amended,) = laws_amended_since_review(conn)
    assert (amended.code, amended.version_date) == ("L003", effective)
    items = [i for i in gather(conn, TODAY) if i.register == "legal_requirements"]
    assert [(i.rule, i.record_id, i.due) for i in items if i.due == effective] == [
        ("C-LEGAL", law, effective)
    ]
    update_record(conn, LEGAL_REQUIREMENTS, law, {"last_reviewed": effective})
    assert laws_amended_since_review(conn) == []


def test_the_next_review_comes_after_the_last(workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        create_record(
            workspace.conn,
            LEGAL_REQUIREMENTS,
            {"code": "L9", "name": "x", "legal_type": "law", "last_reviewed": "2026-04-01",
             "next_review_due": "2026-03-01"},
        )  # fmt: skip
    assert "next_review_due" in caught.value.errors


def test_a_published_notice_is_due_for_review_when_purposes_change(workspace) -> None:
    conn = workspace.conn
    notice = create_record(
        conn,
        DOCUMENTS,
        {"code": "D002", "title": "保有個人データに関する事項の公表", "category": "public_notice",
         "public": True, "change_triggers": ["purposes", "procedures"],
         "last_reviewed": TODAY - timedelta(days=1)},
    ).record_id  # fmt: skip
    create_record(conn, DOCUMENTS, {"code": "F1", "title": "持出し申請書", "category": "form"})
    assert documents_due_after_change(conn) == []  # a form is not a procedure
    assert _deadlines(conn, "documents", notice, "R-PUBLIC-NOTICE")[0][0] == "open"  # yearly

    create_record(conn, PURPOSES, {"code": "P01", "text": "商品の供給のため", "scope": "member"})
    create_record(conn, DOCUMENTS, {"code": "R1", "title": "取扱規程", "category": "rule"})
    (due,) = documents_due_after_change(conn)
    assert due.document_id == notice
    assert {(c.trigger, c.count) for c in due.changes} == {("purposes", 1), ("procedures", 1)}
    assert due.first_change == TODAY
    (item,) = [i for i in gather(conn, TODAY) if i.rule == "R-PUBLIC-NOTICE" and i.due == TODAY]
    assert item.record_id == notice
    assert "利用目的の変更" in item.detail or "Purposes of use changed" in item.detail

    update_record(conn, DOCUMENTS, notice, {"last_reviewed": TODAY})
    assert documents_due_after_change(conn) == []


def test_a_co_ops_own_legal_register_imports_with_its_usual_headings(workspace, tmp_path) -> None:
    """法令一覧.csv as an office keeps it: Japanese headings, kinds written as labels, 和暦 dates."""
    from app.importing.engine import load_for_import
    from app.importing.register_import import RegisterImportSpec

    conn = workspace.conn
    path = tmp_path / "法令一覧.csv"
    path.write_text(
        "番号,法令名,種類,所管,版,施行日\n"
        "L001,個人情報の保護に関する法律,法律,個人情報保護委員会,令和3年改正,令和4年4月1日\n"
        "L002,JIS Q 15001:2023,規格（JIS等）,日本産業標準調査会,2023年版,2023/9/20\n",
        encoding="cp932",
    )
    spec = RegisterImportSpec(LEGAL_REQUIREMENTS)
    prepared = load_for_import(path, spec, conn=conn)
    plan = spec.plan(conn, prepared.rows, file=path, sheet=prepared.table.sheet)
    assert plan.errors == [] and plan.counts["created"] == 2
    spec.apply(conn, plan)
    rows = conn.execute(
        "SELECT code, legal_type, version_date FROM legal_requirement ORDER BY code"
    ).fetchall()
    assert rows == [("L001", "law", "2022-04-01"), ("L002", "standard", "2023-09-20")]
    assert (
        conn.execute(
            "SELECT count(*) FROM deadline WHERE rule = 'C-LEGAL' AND status = 'open'"
        ).fetchone()[0]
        == 2
    )


def test_reviewed_today_closes_the_cycle_and_the_change_reminder(workspace) -> None:
    from app.areas.review.reviews import mark_reviewed
    from app.dates import add_months

    conn = workspace.conn
    notice = create_record(
        conn,
        DOCUMENTS,
        {"code": "D2", "title": "公表事項", "category": "public_notice", "public": True,
         "change_triggers": ["purposes"], "last_reviewed": TODAY - timedelta(days=30),
         "next_review_due": TODAY + timedelta(days=10)},
    ).record_id  # fmt: skip
    create_record(conn, PURPOSES, {"code": "P01", "text": "商品の供給のため", "scope": "member"})
    assert documents_due_after_change(conn)
    changes = mark_reviewed(conn, "documents", notice, today=TODAY)
    assert "deadlines" in changes.registers
    assert documents_due_after_change(conn) == []
    rows = _deadlines(conn, "documents", notice, "R-PUBLIC-NOTICE")
    assert [row[0] for row in rows] == ["done", "open"]
    assert rows[-1][2] == add_months(TODAY, 12).isoformat()
