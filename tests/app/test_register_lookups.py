"""Who created and changed a record."""

from __future__ import annotations

from app.areas.organisation.registers import DEPARTMENTS
from app.registers.lookups import record_meta
from app.registers.records import create_record, update_record


def test_record_meta_names_creator_and_last_change(workspace):
    conn = workspace.conn
    record = create_record(conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}, user="hanako")
    meta = record_meta(conn, DEPARTMENTS, record.record_id)
    assert meta is not None
    assert meta.created_by == meta.updated_by == "hanako"
    update_record(conn, DEPARTMENTS, record.record_id, {"name": "本部事務局"}, user="taro")
    meta = record_meta(conn, DEPARTMENTS, record.record_id)
    assert (meta.created_by, meta.updated_by) == ("hanako", "taro")
    assert meta.updated_at >= meta.created_at
    assert record_meta(conn, DEPARTMENTS, 999) is None
