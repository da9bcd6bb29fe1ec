"""Provision and receipt records: retention computed from the method (規則21条・25条), the items a
record must hold, and the lookup the requests area uses for disclosure of provision records."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.sharing.lookup import comparable, provision_records_for
from app.areas.sharing.registers_provision import PROVISION_RECORDS
from app.registers.records import ValidationError, create_record, load_record, update_record


def _record(conn, **values):
    base = {
        "ref": "PR-1",
        "direction": "provide",
        "basis": "consent",
        "recording_method": "each",
        "recorded_on": "2025-04-01",
        "provided_on": "2025-04-01",
        "counterparty_name": "株式会社みらい保険",
        "subject_identification": "組合員 山田 太郎（組合員番号 100234）",
        "data_items": "氏名、住所、電話番号",
        "consent_statement": "2025-03-20 申込書で同意",
    }
    base.update(values)
    return create_record(conn, PROVISION_RECORDS, base).record_id


def test_a_record_made_each_time_is_kept_three_years_from_its_making(workspace) -> None:
    record = load_record(workspace.conn, PROVISION_RECORDS, _record(workspace.conn))
    assert record["retention_rule"] == "RET-PROV-RECORD"
    assert record["retention_until"] == date(2028, 4, 1)
    assert record["record_needed"] and record["complete"]


@pytest.mark.parametrize(
    ("direction", "method", "rule", "until"),
    [
        ("provide", "contract_substitute", "RET-PROV-CONTRACT", date(2026, 9, 29)),
        ("provide", "bulk", "RET-PROV-BULK", date(2028, 9, 29)),
        ("receive", "contract_substitute", "RET-RECEIPT-CONTRACT", date(2026, 9, 29)),
        ("receive", "bulk", "RET-RECEIPT-BULK", date(2028, 9, 29)),
        ("receive", "each", "RET-RECEIPT", date(2028, 4, 1)),
    ],
)
def test_bulk_and_contract_records_run_from_the_last_provision(
    workspace, direction, method, rule, until
) -> None:
    record_id = _record(
        workspace.conn,
        direction=direction,
        recording_method=method,
        provided_on="2025-01-10",
        last_provided_on="2025-09-30",
        counterparty_address="大阪市北区1-1",
        acquisition_history="本人から申込書で取得（契約書で確認）",
    )
    record = load_record(workspace.conn, PROVISION_RECORDS, record_id)
    assert (record["retention_rule"], record["retention_until"]) == (rule, until)


def test_continuing_provisions_have_no_end_until_they_stop(workspace) -> None:
    conn = workspace.conn
    record_id = _record(conn, recording_method="bulk", provided_on="2025-01-10", ongoing=True)
    assert load_record(conn, PROVISION_RECORDS, record_id)["retention_until"] is None
    update_record(conn, PROVISION_RECORDS, record_id, {"ongoing": False,
                                                       "last_provided_on": "2026-03-31"})  # fmt: skip
    assert load_record(conn, PROVISION_RECORDS, record_id)["retention_until"] == date(2029, 3, 30)


def test_a_provision_by_law_needs_no_record_and_has_no_retention(workspace) -> None:
    record_id = _record(workspace.conn, basis="exempt_law", consent_statement=None)
    record = load_record(workspace.conn, PROVISION_RECORDS, record_id)
    assert record["record_needed"] is False and record["complete"]


def test_missing_items_make_a_record_incomplete(workspace) -> None:
    conn = workspace.conn
    record_id = _record(conn, consent_statement=None, basis="consent_foreign")
    assert load_record(conn, PROVISION_RECORDS, record_id)["complete"] is False
    update_record(conn, PROVISION_RECORDS, record_id,
                  {"consent_statement": "同意書", "foreign_info_provided": True})  # fmt: skip
    assert load_record(conn, PROVISION_RECORDS, record_id)["complete"] is True


def test_the_last_provision_cannot_precede_the_first(workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        _record(workspace.conn, provided_on="2025-05-01", last_provided_on="2025-04-01")
    assert "last_provided_on" in caught.value.errors


def test_comparable_folds_widths_spaces_and_kana() -> None:
    assert comparable("ﾔﾏﾀﾞ　ﾀﾛｳ") == comparable("やまだ たろう") == comparable("ヤマダタロウ")
    assert comparable("山田・太郎") == comparable("山田 太郎")


def test_lookup_finds_the_records_about_a_requester(workspace) -> None:
    conn = workspace.conn
    first = _record(conn)
    _record(conn, ref="PR-2", subject_identification="ヤマダ　ハナコ 様")
    _record(conn, ref="PR-3", subject_identification="やまだ はなこ、すずき いちろう",
            provided_on="2024-01-05", recorded_on="2024-01-05")  # fmt: skip
    gone = _record(conn, ref="PR-4", subject_identification="山田太郎")
    update_record(conn, PROVISION_RECORDS, gone, {"disposed_on": "2025-06-01"})
    assert [m.record_id for m in provision_records_for(conn, "山田太郎")] == [first]
    assert [m.ref for m in provision_records_for(conn, "ﾔﾏﾀﾞ ﾊﾅｺ")] == ["PR-3", "PR-2"]
    match = provision_records_for(conn, "山田　太郎")[0]
    assert (match.counterparty_name, match.retention_until) == ("株式会社みらい保険",
                                                                date(2028, 4, 1))  # fmt: skip
    assert provision_records_for(conn, "山") == []
    assert provision_records_for(conn, "佐藤 花子") == []
