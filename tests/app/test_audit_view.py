"""The audit trail as the audit page reads it: filters, keyset pages, and each entry's changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.audit_view import (
    AuditFilter,
    action_title,
    count_entries,
    field_changes,
    pretty_json,
    query_entries,
    register_title,
)
from app.registers.records import create_record, delete_record, update_record


@pytest.fixture
def trail(workspace):
    conn = workspace.conn
    sales = create_record(conn, DEPARTMENTS, {"code": "SALES", "name": "営業部"}).record_id
    temp = create_record(conn, DEPARTMENTS, {"code": "TEMP", "name": "臨時部"}).record_id
    person = create_record(
        conn,
        PEOPLE,
        {
            "staff_no": "00042",
            "name": "山田 花子",
            "employment_type": "regular",
            "department": sales,
        },
    ).record_id
    update_record(conn, PEOPLE, person, {"name": "山田 華子", "department": temp, "active": False})
    update_record(conn, PEOPLE, person, {"department": sales})
    delete_record(conn, DEPARTMENTS, temp)
    return {"conn": conn, "sales": sales, "temp": temp, "person": person}


def test_filters_narrow_by_register_action_and_record(trail):
    conn = trail["conn"]
    people = query_entries(conn, AuditFilter(register="people"))
    assert [entry.action for entry in people] == ["update", "update", "insert"]
    assert count_entries(conn, AuditFilter(register="people")) == 3
    deleted = query_entries(conn, AuditFilter(action="delete"))
    assert [entry.record_label for entry in deleted] == ["TEMP 臨時部"]
    by_label = query_entries(conn, AuditFilter(record="華子"))
    assert {entry.record_id for entry in by_label} == {trail["person"]}
    by_id = query_entries(conn, AuditFilter(register="departments", record=f"#{trail['temp']}"))
    assert [entry.action for entry in by_id] == ["delete", "insert"]


def test_date_filter_is_inclusive_in_local_days(trail):
    conn = trail["conn"]
    today = date.today()
    assert count_entries(conn, AuditFilter(date_from=today, date_to=today)) == count_entries(
        conn, AuditFilter()
    )
    assert count_entries(conn, AuditFilter(date_to=today - timedelta(days=1))) == 0
    assert count_entries(conn, AuditFilter(date_from=today + timedelta(days=1))) == 0


def test_keyset_pages_newest_first_without_overlap(trail):
    conn = trail["conn"]
    everything = query_entries(conn, AuditFilter())
    first = query_entries(conn, AuditFilter(), limit=2)
    second = query_entries(conn, AuditFilter(), before_id=first[-1].id, limit=2)
    assert [e.id for e in first + second] == [e.id for e in everything[:4]]
    newer = query_entries(conn, AuditFilter(), after_id=everything[2].id)
    assert [e.id for e in newer] == [e.id for e in everything[:2]]


def test_field_changes_name_links_and_mark_what_changed(trail):
    conn = trail["conn"]
    rename = query_entries(conn, AuditFilter(register="people", action="update"))[-1]
    changes = {change.column: change for change in field_changes(conn, rename)}
    assert changes["name"].before == "山田 花子"
    assert changes["name"].after == "山田 華子"
    assert changes["name"].changed
    # Links are named by their record, even one deleted since: the trail remembers its id.
    assert changes["department_id"].before == "SALES 営業部"
    assert changes["department_id"].after == f"#{trail['temp']}"
    assert changes["active"].before == "Yes"
    assert changes["active"].after == "No"
    assert changes["employment_type"].before == changes["employment_type"].after
    assert not changes["employment_type"].changed
    labels = [change.label for change in field_changes(conn, rename)]
    assert labels.index("Staff number") < labels.index("Name")  # the register's order


def test_field_changes_of_an_insert_have_no_before_and_nothing_marked(trail):
    conn = trail["conn"]
    insert = query_entries(conn, AuditFilter(register="people", action="insert"))[0]
    changes = field_changes(conn, insert)
    assert all(change.before == "" and not change.changed for change in changes)
    assert any(change.after == "00042" for change in changes)


def test_titles_and_json_for_display():
    assert action_title("delete") == "Deleted"
    assert action_title("something-new") == "something-new"
    assert register_title("people") == "People"
    assert register_title("no_such_register") == "no_such_register"
    assert register_title(None) == ""
    assert pretty_json('{"b": 1, "a": "日本"}') == '{\n  "a": "日本",\n  "b": 1\n}'
    assert pretty_json("not json") == "not json"
    assert pretty_json(None) == ""
