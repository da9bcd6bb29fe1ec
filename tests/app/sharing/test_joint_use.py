"""Joint use: the five published items, the change log's timing rules (法27条6項) and the notice
text in the policies' layout."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.sharing.joint_notice import notice_text
from app.areas.sharing.registers_joint import JOINT_USE_CHANGES, JOINT_USES
from app.deadlines.listing import open_deadlines
from app.registers.records import ValidationError, create_record, load_record, update_record

KINKI = {
    "code": "JU-01",
    "name": "コープきんき会員生協との個人データの共同利用について",
    "purposes": "ギフト商品の注文書作成、配達、連絡、商品事故・お問合せ等への対応",
    "items": "ギフト商品のお届け先情報(氏名、住所、電話番号)",
    "users_scope": "生活協同組合コープしが、京都生活協同組合、市民生活協同組合ならコープ",
    "responsible_name": "生活協同組合連合会コープきんき事業連合",
    "responsible_address": "大阪府大阪市北区1-1-1",
    "responsible_representative": "代表理事 山本 一郎",
    "published_on": "2025-03-01",
    "start_on": "2025-04-01",
}


@pytest.fixture
def joint_use(workspace) -> int:
    return create_record(workspace.conn, JOINT_USES, KINKI).record_id


def _change(conn, joint_use, **values):
    base = {"joint_use": joint_use, "description": "目的に「カタログの送付」を追加"}
    return create_record(conn, JOINT_USE_CHANGES, {**base, **values}).record_id


def test_an_arrangement_with_all_five_items_published_in_advance(workspace, joint_use) -> None:
    record = load_record(workspace.conn, JOINT_USES, joint_use)
    assert record["items_complete"] and record["published_in_advance"]
    assert record["statement"] == "当会は、以下のとおり個人データを共同利用します。"
    update_record(workspace.conn, JOINT_USES, joint_use, {"responsible_address": None})
    assert load_record(workspace.conn, JOINT_USES, joint_use)["items_complete"] is False


def test_joint_use_published_after_it_starts_is_refused_without_a_reason(workspace) -> None:
    late = {**KINKI, "code": "JU-02", "published_on": "2025-04-01"}
    with pytest.raises(ValidationError) as caught:
        create_record(workspace.conn, JOINT_USES, late)
    assert "published_on" in caught.value.errors
    record_id = create_record(workspace.conn, JOINT_USES, {**late, "late_reason": "掲載漏れ"})
    assert (
        load_record(workspace.conn, JOINT_USES, record_id.record_id)["published_in_advance"]
        is False
    )


def test_a_purpose_change_must_be_published_before_it_takes_effect(workspace, joint_use) -> None:
    conn = workspace.conn
    with pytest.raises(ValidationError) as caught:
        _change(conn, joint_use, change_type="purpose", effective_on="2026-04-01",
                published_on="2026-04-01")  # fmt: skip
    assert "2026-03-31" in caught.value.errors["published_on"]
    with pytest.raises(ValidationError) as caught:
        _change(conn, joint_use, change_type="responsible_party", published_on="2026-03-01")
    assert "effective_on" in caught.value.errors
    on_time = _change(conn, joint_use, change_type="purpose", effective_on="2026-04-01",
                      published_on="2026-03-31")  # fmt: skip
    assert load_record(conn, JOINT_USE_CHANGES, on_time)["late"] is False
    flagged = _change(conn, joint_use, change_type="purpose", effective_on="2026-04-01",
                      published_on="2026-04-02", late_reason="理事会承認が遅れた")  # fmt: skip
    assert load_record(conn, JOINT_USE_CHANGES, flagged)["late"] is True


def test_an_unpublished_purpose_change_is_due_the_day_before_it_takes_effect(
    workspace, joint_use
) -> None:
    conn = workspace.conn
    change = _change(conn, joint_use, change_type="purpose", effective_on="2026-04-01")
    (due,) = [d for d in open_deadlines(conn, date(2026, 3, 1)) if d.rule == "R-JOINTUSE-PRIOR"]
    assert (due.subject_id, due.due_date) == (change, date(2026, 3, 31))
    update_record(conn, JOINT_USE_CHANGES, change, {"published_on": "2026-03-15"})
    assert not [d for d in open_deadlines(conn, date(2026, 3, 1)) if d.rule == "R-JOINTUSE-PRIOR"]


def test_a_new_address_is_published_without_delay(workspace, joint_use) -> None:
    conn = workspace.conn
    with pytest.raises(ValidationError) as caught:
        _change(conn, joint_use, change_type="responsible_details", description="住所変更")
    assert "changed_on" in caught.value.errors
    change = _change(conn, joint_use, change_type="responsible_details", description="住所変更",
                     changed_on="2026-05-10")  # fmt: skip
    (due,) = [d for d in open_deadlines(conn, date(2026, 5, 11)) if d.rule == "R-JOINTUSE-ADMIN"]
    assert due.subject_id == change and due.due_date is None  # 遅滞なく: no fixed day
    update_record(conn, JOINT_USE_CHANGES, change, {"published_on": "2026-05-12"})
    assert not [d for d in open_deadlines(conn, date(2026, 5, 13)) if d.rule == "R-JOINTUSE-ADMIN"]
    with pytest.raises(ValidationError) as caught:  # 遅滞なく: Mamori's 30 days are past
        update_record(conn, JOINT_USE_CHANGES, change, {"published_on": "2026-06-10"})
    assert "30" in caught.value.errors["published_on"]
    update_record(conn, JOINT_USE_CHANGES, change, {"published_on": "2026-06-10",
                                                    "late_reason": "公表の失念"})  # fmt: skip
    assert load_record(conn, JOINT_USE_CHANGES, change)["late"] is True


def test_items_and_scope_change_only_with_consent(workspace, joint_use) -> None:
    with pytest.raises(ValidationError) as caught:
        _change(workspace.conn, joint_use, change_type="items", effective_on="2026-04-01")
    assert "consent_obtained" in caught.value.errors
    _change(workspace.conn, joint_use, change_type="scope", consent_obtained=True)


def test_the_notice_follows_the_policy_layout(workspace, joint_use) -> None:
    text = notice_text(load_record(workspace.conn, JOINT_USES, joint_use))
    assert text.splitlines() == [
        "コープきんき会員生協との個人データの共同利用について",
        "当会は、以下のとおり個人データを共同利用します。",
        "(1) 共同利用の目的",
        "・ギフト商品の注文書作成、配達、連絡、商品事故・お問合せ等への対応",
        "(2) 共同利用の対象となる情報項目",
        "・ギフト商品のお届け先情報(氏名、住所、電話番号)",
        "(3) 共同利用者の範囲",
        "・生活協同組合コープしが、京都生活協同組合、市民生活協同組合ならコープ",
        "(4) 当該個人データの管理責任者",
        "・生活協同組合連合会コープきんき事業連合",
        "　住所：大阪府大阪市北区1-1-1",
        "　代表者：代表理事 山本 一郎",
    ]
