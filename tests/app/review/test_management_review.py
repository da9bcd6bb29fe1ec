"""Management review: the seven inputs prefilled from the board snapshot, follow-up of the
previous review, narratives kept, approval, the yearly cadence (C-MR) and chapter 13."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.organisation.registers import CATALOGUE_ITEMS, PEOPLE
from app.areas.review.mr_inputs import prefill_review
from app.areas.review.registers import LEGAL_REQUIREMENTS
from app.areas.review.registers_mr import MANAGEMENT_REVIEWS, REVIEW_ACTIONS, REVIEW_INPUTS
from app.board.report import build_snapshot, fiscal_year_period
from app.registers.records import ValidationError, create_record, load_record, update_record


def _inputs(conn, review_id: int) -> dict[str, tuple[str | None, str | None]]:
    return {
        code: (figures, narrative)
        for code, figures, narrative in conn.execute(
            "SELECT input, figures, narrative FROM management_review_input WHERE review_id = ? "
            "ORDER BY id",
            (review_id,),
        )
    }


@pytest.fixture
def review(workspace):
    conn = workspace.conn
    top = create_record(conn, PEOPLE, {"staff_no": "001", "name": "中村 和子",
                                       "employment_type": "officer"}).record_id  # fmt: skip
    create_record(conn, LEGAL_REQUIREMENTS, {"code": "L001", "name": "個人情報保護法",
                                             "legal_type": "law"})  # fmt: skip
    review_id = create_record(
        conn, MANAGEMENT_REVIEWS, {"title": "2025年度 代表者による見直し", "held_on": "2026-05-15"}
    ).record_id
    return conn, review_id, top


def test_prefill_gives_the_seven_inputs_their_chapters_figures(review) -> None:
    conn, review_id, _top = review
    prefill_review(conn, review_id, today=date(2026, 5, 10), language="en")
    values = load_record(conn, MANAGEMENT_REVIEWS, review_id)
    # default period: the fiscal year before the one the review is held in (April start)
    assert (values["period_start"], values["period_end"]) == (date(2025, 4, 1), date(2026, 3, 31))
    inputs = _inputs(conn, review_id)
    assert list(inputs) == ["audit_operation", "external_opinions", "follow_up", "legal_changes",
                            "environment", "business", "improvement"]  # fmt: skip
    assert "【External environment】" in inputs["legal_changes"][0]
    assert "Laws and norms identified: 1" in inputs["legal_changes"][0]
    assert "【Training and awareness】" in inputs["audit_operation"][0]
    assert "There is no earlier management review" in inputs["follow_up"][0]
    assert "中村" not in "".join(figures or "" for figures, _n in inputs.values())


def test_a_chapter_no_input_names_goes_to_the_default_input(review) -> None:
    conn, review_id, _top = review
    item = conn.execute(
        "SELECT i.id FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'MR_INPUT' AND i.code = 'legal_changes'"
    ).fetchone()[0]
    update_record(conn, CATALOGUE_ITEMS, item, {"extra": '{"chapters": []}'})
    prefill_review(conn, review_id, today=date(2026, 5, 10), language="en")
    inputs = _inputs(conn, review_id)
    assert "【External environment】" in inputs["audit_operation"][0]
    assert "External environment" not in (inputs["legal_changes"][0] or "")


def test_narratives_survive_a_second_prefill_and_follow_up_reads_the_previous_review(review):
    conn, review_id, _top = review
    prefill_review(conn, review_id, today=date(2026, 5, 10), language="en")
    row = conn.execute(
        "SELECT id FROM management_review_input WHERE review_id = ? AND input = 'business'",
        (review_id,),
    ).fetchone()[0]
    update_record(conn, REVIEW_INPUTS, row, {"narrative": "配食事業を拡大した。"})
    create_record(conn, REVIEW_ACTIONS, {"review": review_id, "title": "持出し申請の電子化",
                                         "due_on": "2026-09-30"})  # fmt: skip
    prefill_review(conn, review_id, today=date(2026, 5, 12), language="en")
    assert _inputs(conn, review_id)["business"][1] == "配食事業を拡大した。"

    following = create_record(
        conn, MANAGEMENT_REVIEWS, {"title": "2026年度 代表者による見直し", "held_on": "2027-05-14"}
    ).record_id
    prefill_review(conn, following, today=date(2027, 5, 1), language="en")
    follow_up = _inputs(conn, following)["follow_up"][0]
    assert "Previous review held on 2026-05-15: 1 action items." in follow_up
    assert "Action items past their due date: 1." in follow_up


def test_approval_needs_a_person_and_a_date_not_before_the_review(review) -> None:
    conn, review_id, top = review
    with pytest.raises(ValidationError) as caught:
        update_record(conn, MANAGEMENT_REVIEWS, review_id, {"approved_on": "2026-05-20"})
    assert "approved_by" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        update_record(conn, MANAGEMENT_REVIEWS, review_id,
                      {"approved_by": top, "approved_on": "2026-05-01"})  # fmt: skip
    assert "approved_on" in caught.value.errors
    update_record(
        conn, MANAGEMENT_REVIEWS, review_id, {"approved_by": top, "approved_on": "2026-05-20"}
    )


def test_the_annual_review_falls_due_a_year_on_and_the_next_closes_it(review) -> None:
    conn, _review_id, _top = review
    assert conn.execute("SELECT status, due_date FROM deadline WHERE rule = 'C-MR'").fetchall() == [
        ("open", "2027-05-15")
    ]
    extra = create_record(conn, MANAGEMENT_REVIEWS, {"title": "臨時の見直し（事故後）",
                                                     "held_on": "2026-09-01", "annual": False})  # fmt: skip
    assert extra.record_id
    create_record(conn, MANAGEMENT_REVIEWS, {"title": "2026年度", "held_on": "2027-05-10"})
    assert conn.execute(
        "SELECT status, due_date FROM deadline WHERE rule = 'C-MR' ORDER BY id"
    ).fetchall() == [("done", "2027-05-15"), ("open", "2028-05-10")]


def test_chapter_13_summarises_inputs_decisions_and_action_items(review) -> None:
    conn, review_id, top = review
    prefill_review(conn, review_id, today=date(2026, 5, 10), language="en")
    update_record(conn, MANAGEMENT_REVIEWS, review_id, {
        "decisions": "多要素認証を導入する。\n持出し申請を電子化する。",
        "pms_changes": "担当者を1名増員する。",
        "approved_by": top, "approved_on": "2026-05-20"})  # fmt: skip
    create_record(conn, REVIEW_ACTIONS, {"review": review_id, "title": "多要素認証の導入",
                                         "owner": top, "due_on": "2026-09-30"})  # fmt: skip
    looking_back = build_snapshot(conn, fiscal_year_period(conn, 2025, "en"), language="en",
                                  sections=["management_review"])  # fmt: skip
    assert looking_back.section("management_review").kpis[0].value == 1  # held after its year
    period = fiscal_year_period(conn, 2026, "en", as_of=date(2026, 10, 1))
    snapshot = build_snapshot(conn, period, language="en", sections=["management_review"])
    chapter = snapshot.section("management_review")
    kpis = {kpi.label: kpi.value for kpi in chapter.kpis}
    assert kpis["Management reviews held"] == 1  # held in the year
    assert kpis["Decisions"] == 2 and kpis["Action items"] == 1
    assert kpis["Action items overdue"] == 1
    assert kpis["Reviews approved by top management"] == 1
    assert [d.items for d in chapter.decisions] == [["担当者を1名増員する。"]]
    assert "中村" not in snapshot.to_json()
    empty = build_snapshot(conn, fiscal_year_period(conn, 2023, "en"), language="en",
                           sections=["management_review"]).section("management_review")  # fmt: skip
    assert empty.empty == "No management review was held for the period." and not empty.kpis
