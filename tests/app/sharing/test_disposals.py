"""Disposals close the item of the retention due list they were for (the reminder goes)."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.assets.registers import ASSETS
from app.areas.sharing.disposal import disposal_due, disposals_against_due
from app.areas.sharing.registers_disposal import CARRY_OUTS, DISPOSALS
from app.areas.sharing.registers_provision import PROVISION_RECORDS
from app.dashboard import gather
from app.errors import RecordInUseError
from app.registers.records import (
    ValidationError,
    create_record,
    delete_record,
    load_record,
    update_record,
)
from app.verify import verify_workspace

TODAY = date(2025, 7, 15)


def _disposal(conn, **values):
    shredder = conn.execute("SELECT id FROM contractor WHERE code = 'C-01'").fetchone()[0]
    base = {"ref": "DS-1", "description": "2024年度の注文書（紙）", "method": "dissolve",
            "executed_on": "2025-07-10", "contractor": shredder}  # fmt: skip
    return create_record(conn, DISPOSALS, {**base, **values})


def _due(conn):
    return [(item.register, item.record_id, item.overdue) for item in disposal_due(conn, TODAY)]


def test_the_due_list_is_the_assets_past_retention(workspace, basics) -> None:
    assert _due(workspace.conn) == [("assets", basics["slips"], True),
                                    ("assets", basics["system"], True)]  # fmt: skip


def test_a_batch_disposal_closes_the_due_item_and_opens_the_next(workspace, basics) -> None:
    conn = workspace.conn
    changes = _disposal(conn, closes="batch", asset=basics["slips"], executed_by=basics["clerk"],
                        witness=basics["officer"], next_retention_until="2026-03-31")  # fmt: skip
    assert {"assets", "deadlines", "disposals"} <= changes.registers
    assert _due(conn) == [("assets", basics["system"], True)]
    asset = load_record(conn, ASSETS, basics["slips"])
    assert asset["disposed_on"] is None and asset["retention_until"] == date(2026, 3, 31)
    later = [item.due for item in disposal_due(conn, date(2026, 3, 20))]
    assert date(2026, 3, 31) in later
    assert disposals_against_due(conn, date(2025, 1, 1), date(2025, 12, 31)) == (2, 1)
    titles = [item.rule for item in gather(conn, TODAY) if item.register == "disposals"]
    assert titles == ["DISPOSAL-CERTIFICATE"]  # the certificate is awaited
    assert verify_workspace(conn).ok  # every change the disposal made is in the audit trail
    # Adding the certificate later leaves the next part's retention date open.
    update_record(conn, DISPOSALS, changes.record_id, {"certificate_no": "K-7781",
                                                       "certificate_on": "2025-07-20"})  # fmt: skip
    assert date(2026, 3, 31) in [item.due for item in disposal_due(conn, date(2026, 3, 20))]


def test_retiring_an_asset_sets_its_disposal_date(workspace, basics) -> None:
    conn = workspace.conn
    _disposal(conn, closes="retired", asset=basics["system"], method="wipe_software",
              contractor=None, description="旧受注システムのサーバーのデータ")  # fmt: skip
    assert load_record(conn, ASSETS, basics["system"])["disposed_on"] == date(2025, 7, 10)
    assert _due(conn) == [("assets", basics["slips"], True)]
    (disposal,) = [row[0] for row in conn.execute("SELECT id FROM disposal")]
    with pytest.raises(RecordInUseError, match="cannot be deleted"):
        delete_record(conn, DISPOSALS, disposal)


def test_a_provision_record_past_retention_is_disposed_of(workspace, basics) -> None:
    conn = workspace.conn
    record = create_record(conn, PROVISION_RECORDS, {
        "ref": "PR-2021", "basis": "consent", "recorded_on": "2021-04-01",
        "provided_on": "2021-04-01", "counterparty_name": "A社",
        "subject_identification": "山田太郎", "data_items": "氏名"}).record_id  # fmt: skip
    assert ("provision_records", record, True) in _due(conn)
    _disposal(conn, closes="provision_record", provision_record=record, method="shred",
              contractor=None, description="提供記録 PR-2021")  # fmt: skip
    assert load_record(conn, PROVISION_RECORDS, record)["disposed_on"] == date(2025, 7, 10)
    assert ("provision_records", record, True) not in _due(conn)


def test_disposal_checks(workspace, basics) -> None:
    conn = workspace.conn
    with pytest.raises(ValidationError) as caught:
        _disposal(conn, closes="batch")
    assert "asset" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        _disposal(conn, closes="none", executed_by=basics["clerk"], witness=basics["clerk"])
    assert "witness" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        _disposal(conn, closes="none", certificate_on="2025-07-01")
    assert "certificate_on" in caught.value.errors
    record = _disposal(conn, closes="none").record_id
    assert load_record(conn, DISPOSALS, record)["certificate_pending"] is True
    update_record(
        conn, DISPOSALS, record, {"certificate_no": "C-8812", "certificate_on": "2025-07-12"}
    )
    assert load_record(conn, DISPOSALS, record)["certificate_pending"] is False
    delete_record(conn, DISPOSALS, record)


def test_carry_outs_come_back_after_they_go_out(workspace, basics) -> None:
    conn = workspace.conn
    values = {"ref": "CO-1", "asset": basics["slips"], "description": "配達伝票の控え",
              "protection": "locked_case", "out_on": "2025-07-01"}  # fmt: skip
    record = create_record(conn, CARRY_OUTS, values).record_id
    with pytest.raises(ValidationError):
        update_record(conn, CARRY_OUTS, record, {"back_on": "2025-06-30"})
    update_record(conn, CARRY_OUTS, record, {"back_on": "2025-07-01"})


def test_assets_provided_to_third_parties_need_a_provision_record(workspace, basics) -> None:
    conn = workspace.conn
    update_record(conn, ASSETS, basics["slips"], {"third_party_provision": True})
    (item,) = [
        i for i in gather(conn, TODAY) if i.register == "assets" and i.rule == "R-PROV-RECORD"
    ]
    assert item.record_id == basics["slips"]
    create_record(conn, PROVISION_RECORDS, {
        "ref": "PR-9", "basis": "consent", "recorded_on": "2025-07-01", "provided_on": "2025-07-01",
        "counterparty_name": "A社", "subject_identification": "山田", "data_items": "氏名",
        "assets": [basics["slips"]]})  # fmt: skip
    assert not [i for i in gather(conn, TODAY) if i.rule == "R-PROV-RECORD"]
