"""Who created and changed a record; which records a link filter lists."""

from __future__ import annotations

from app.registers.foundation import DEPARTMENTS, PEOPLE
from app.registers.lookups import link_choices, record_meta
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


def test_link_choices_by_human_key_unless_too_many(workspace):
    conn = workspace.conn
    for code, name in (("ST2", "日吉店"), ("HQ", "本部"), ("DC", "配送センター")):
        create_record(conn, DEPARTMENTS, {"code": code, "name": name})
    choices = link_choices(conn, DEPARTMENTS)
    assert [label for _id, label in choices] == ["DC 配送センター", "HQ 本部", "ST2 日吉店"]
    assert link_choices(conn, DEPARTMENTS, limit=2) is None
    assert link_choices(conn, PEOPLE) == []
