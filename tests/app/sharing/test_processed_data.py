"""Foreign transfers (規則16–18条) and anonymised and pseudonymised data (規則31–37条)."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.sharing.board_figures import anonymised_gaps
from app.areas.sharing.registers_processed import (
    ANONYMISED_DATASETS,
    ANONYMISED_PROVISIONS,
    FOREIGN_TRANSFERS,
    PSEUDONYMISED_DATASETS,
)
from app.dashboard import gather
from app.deadlines.listing import open_deadlines
from app.registers.records import ValidationError, create_record, load_record, update_record


def _rules(conn, today):
    return sorted((d.rule, d.subject_register, d.due_date) for d in open_deadlines(conn, today))


def test_a_recipient_under_an_equivalent_system_is_checked_every_year(workspace) -> None:
    conn = workspace.conn
    record_id = create_record(conn, FOREIGN_TRANSFERS, {
        "ref": "FT-1", "country": "シンガポール", "recipient": "Example Cloud Pte. Ltd.",
        "basis": "system_contract", "started_on": "2025-06-01",
        "equivalent_measures": "データ処理契約（規則16条1号）"})  .record_id  # fmt: skip
    record = load_record(conn, FOREIGN_TRANSFERS, record_id)
    assert (record["needs_check"], record["next_check_due"], record["complete"]) == (
        True, date(2026, 6, 1), True)  # fmt: skip
    assert ("R-FOREIGN-CHECK", "foreign_transfers", date(2026, 6, 1)) in _rules(
        conn, date(2026, 1, 1)
    )
    update_record(conn, FOREIGN_TRANSFERS, record_id, {"last_checked": "2026-05-20"})
    assert load_record(conn, FOREIGN_TRANSFERS, record_id)["next_check_due"] == date(2027, 5, 20)
    checks = [d for d in open_deadlines(conn, date(2026, 6, 1)) if d.rule == "R-FOREIGN-CHECK"]
    assert [d.due_date for d in checks] == [date(2027, 5, 20)]
    update_record(conn, FOREIGN_TRANSFERS, record_id, {"stopped_on": "2026-09-30"})
    assert not [d for d in open_deadlines(conn, date(2026, 6, 1)) if d.rule == "R-FOREIGN-CHECK"]


def test_consent_abroad_needs_the_information_first(workspace) -> None:
    conn = workspace.conn
    values = {"ref": "FT-2", "country": "米国", "recipient": "Example Inc.", "basis": "consent",
              "info_country": True, "info_regime": True, "info_given_on": "2025-05-01"}  # fmt: skip
    record_id = create_record(conn, FOREIGN_TRANSFERS, values).record_id
    assert load_record(conn, FOREIGN_TRANSFERS, record_id)["complete"] is False  # no measures
    update_record(conn, FOREIGN_TRANSFERS, record_id, {"info_measures": True})
    record = load_record(conn, FOREIGN_TRANSFERS, record_id)
    assert record["complete"] and not record["needs_check"] and record["next_check_due"] is None
    with pytest.raises(ValidationError) as caught:
        update_record(conn, FOREIGN_TRANSFERS, record_id, {"consent_on": "2025-04-01"})
    assert "consent_on" in caught.value.errors


PURCHASES = {
    "code": "AN-1",
    "name": "購買履歴の匿名加工情報（取引先提供用）",
    "created_on": "2025-07-01",
    "included_items": "生年、性別、居住エリア、生協加入年、購買履歴(時期、商品名、点数、価格)",
    "step1": "done", "step1_method": "氏名・住所・電話番号を削除",
    "step2": "na", "step3": "done", "step3_method": "組合員番号を削除",
    "step4": "done", "step4_method": "100歳以上は「100歳以上」に",
    "step5": "done", "step5_method": "居住エリアを市区町村単位に",
    "safeguard_roles": True, "safeguard_rules": True, "safeguard_access": True,
}  # fmt: skip


def test_an_anonymised_dataset_publishes_its_items_after_it_is_made(workspace) -> None:
    conn = workspace.conn
    record_id = create_record(conn, ANONYMISED_DATASETS, PURCHASES).record_id
    record = load_record(conn, ANONYMISED_DATASETS, record_id)
    assert record["checklist_complete"] and record["safeguards_complete"]
    assert ("R-ANON-PUBLISH", "anonymised_datasets", None) in _rules(conn, date(2025, 7, 2))
    update_record(conn, ANONYMISED_DATASETS, record_id, {"items_published_on": "2025-07-03"})
    assert not [d for d in open_deadlines(conn, date(2025, 7, 4)) if d.rule == "R-ANON-PUBLISH"]
    with pytest.raises(ValidationError) as caught:
        update_record(conn, ANONYMISED_DATASETS, record_id, {"step2": "done"})
    assert "step2_method" in caught.value.errors
    update_record(conn, ANONYMISED_DATASETS, record_id, {"step4": "pending"})
    assert load_record(conn, ANONYMISED_DATASETS, record_id)["checklist_complete"] is False
    (gap,) = [
        item for item in gather(conn, date(2025, 7, 4)) if item.register == "anonymised_datasets"
    ]
    assert gap.title == "Anonymised datasets with the processing or safeguards incomplete: 1"
    assert gap.record_id == record_id


def test_a_provision_of_anonymised_data_follows_its_publication(workspace) -> None:
    conn = workspace.conn
    dataset = create_record(conn, ANONYMISED_DATASETS, PURCHASES).record_id
    base = {"dataset": dataset, "recipient": "株式会社サンプル食品", "provided_on": "2025-08-01"}
    with pytest.raises(ValidationError) as caught:
        create_record(conn, ANONYMISED_PROVISIONS, {**base, "published_on": "2025-08-02"})
    assert "2025-08-01" in caught.value.errors["published_on"]
    same_day = create_record(conn, ANONYMISED_PROVISIONS, {**base, "published_on": "2025-08-01"})
    assert load_record(conn, ANONYMISED_PROVISIONS, same_day.record_id)["published_before"]
    planned = create_record(conn, ANONYMISED_PROVISIONS, base).record_id
    due = [d for d in open_deadlines(conn, date(2025, 7, 20)) if d.rule == "R-ANON-PROVIDE"]
    assert [(d.subject_id, d.due_date) for d in due] == [(planned, date(2025, 7, 31))]
    update_record(conn, ANONYMISED_PROVISIONS, planned, {
        "published_on": "2025-07-25", "notice_method": "written", "notice_on": "2025-08-01"})  # fmt: skip
    record = load_record(conn, ANONYMISED_PROVISIONS, planned)
    assert record["published_before"] and record["notice_given"]
    with pytest.raises(ValidationError) as caught:
        update_record(conn, ANONYMISED_PROVISIONS, planned, {"notice_on": "2025-08-02"})
    assert "notice_on" in caught.value.errors
    late = create_record(conn, ANONYMISED_PROVISIONS, {**base, "published_on": "2025-08-03",
                                                       "late_reason": "公表手続の遅れ"})  # fmt: skip
    assert load_record(conn, ANONYMISED_PROVISIONS, late.record_id)["published_before"] is False


def test_pseudonymised_data_is_deleted_once_no_longer_needed(workspace) -> None:
    conn = workspace.conn
    record_id = create_record(conn, PSEUDONYMISED_DATASETS, {
        "code": "PS-1", "name": "商品開発分析用データ", "created_on": "2025-01-10",
        "purposes": "商品開発のための購買傾向の分析"}).record_id  # fmt: skip
    assert not [d for d in open_deadlines(conn, date(2025, 2, 1)) if d.rule == "R-PSEUDO-DELETE"]
    update_record(conn, PSEUDONYMISED_DATASETS, record_id, {"no_longer_needed_on": "2025-12-31"})
    assert [d.rule for d in open_deadlines(conn, date(2026, 1, 5))] == ["R-PSEUDO-DELETE"]
    with pytest.raises(ValidationError):
        update_record(conn, PSEUDONYMISED_DATASETS, record_id, {"deleted_on": "2024-12-31"})
    update_record(conn, PSEUDONYMISED_DATASETS, record_id, {"deleted_on": "2026-01-08"})
    assert not open_deadlines(conn, date(2026, 1, 9))


def test_gaps_in_publication_and_notice_are_found(workspace) -> None:
    conn = workspace.conn
    dataset = create_record(conn, ANONYMISED_DATASETS, PURCHASES).record_id
    assert anonymised_gaps(conn, date(2025, 7, 20)) == {}  # made 2025-07-01, 19 days unpublished
    assert anonymised_gaps(conn, date(2025, 8, 5)) == {dataset: ["items_unpublished"]}
    update_record(conn, ANONYMISED_DATASETS, dataset, {"items_published_on": "2025-07-10"})
    create_record(conn, ANONYMISED_PROVISIONS, {"dataset": dataset, "recipient": "A社",
                                                "provided_on": "2025-08-01",
                                                "published_on": "2025-07-10"})  # fmt: skip
    assert anonymised_gaps(conn, date(2025, 8, 5)) == {dataset: ["no_notice"]}
