"""Records the sharing tests link to: a department, two people and an asset."""

from __future__ import annotations

import pytest

from app.areas.assets.registers import ASSETS
from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.registers.records import create_record
from app.registers.registry import get_register


@pytest.fixture
def basics(workspace) -> dict[str, int]:
    conn = workspace.conn
    department = create_record(conn, DEPARTMENTS, {"code": "D01", "name": "共同購入部"}).record_id
    officer = create_record(conn, PEOPLE, {"staff_no": "E001", "name": "佐藤 花子"}).record_id
    clerk = create_record(conn, PEOPLE, {"staff_no": "E002", "name": "鈴木 次郎"}).record_id
    slips = create_record(conn, ASSETS, {
        "asset_no": "A010", "name": "注文書（紙）", "owner_department": department,
        "retention_until": "2025-03-31"}).record_id  # fmt: skip
    system = create_record(conn, ASSETS, {
        "asset_no": "A020", "name": "旧受注システムのデータ", "owner_department": department,
        "retention_until": "2025-06-30"}).record_id  # fmt: skip
    shredder = create_record(conn, get_register("contractors"), {
        "code": "C-01", "name": "関西クリーンサービス株式会社", "status": "active",
        "service_category": "shredding", "data_location": "domestic"}).record_id  # fmt: skip
    return {"department": department, "officer": officer, "clerk": clerk, "slips": slips,
            "system": system, "shredder": shredder}  # fmt: skip


@pytest.fixture(scope="module")
def shared_workspace(tmp_path_factory: pytest.TempPathFactory):
    """One workspace for a module's tests that each write records of their own (unique refs) and
    read back only those: the key is derived once instead of once per test."""
    from app.storage.workspace import Workspace
    from tests.conftest import PASSPHRASE

    ws = Workspace.create(tmp_path_factory.mktemp("shared") / "s.mamori", PASSPHRASE)
    yield ws
    ws.close()
