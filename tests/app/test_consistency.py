"""Consistency: the same thing is counted and dated one way wherever it is shown."""

from __future__ import annotations


def test_a_new_asset_is_due_for_review_a_year_after_registration(tmp_path) -> None:
    from datetime import date, timedelta

    from app.areas.assets.registers import ASSETS
    from app.areas.organisation.registers import DEPARTMENTS
    from app.dashboard import gather
    from app.registers.records import create_record
    from app.storage.workspace import Workspace

    workspace = Workspace.create(tmp_path / "asset.mamori", "asset-review-passphrase-1")
    conn = workspace.conn
    department = create_record(conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}).record_id
    create_record(
        conn, ASSETS, {"asset_no": "A001", "name": "組合員台帳", "owner_department": department}
    )
    today = date.today()

    def reviews(day: date) -> list:
        return [item for item in gather(conn, day) if item.rule == "C-REGISTER"]

    assert reviews(today) == []  # not 「今日が期限」 the day it is registered
    due = reviews(today + timedelta(days=360))
    assert len(due) == 1 and due[0].due is not None
    assert (due[0].due - today).days in (365, 366)
    workspace.close()
