"""Record use cases (validation, audited writes, delete guards) and the list query
(search, filters, sorting, paging) on a real encrypted workspace."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.organisation.registers import CATALOGUE_ITEMS, DEPARTMENTS, ORGANISATION, PEOPLE
from app.errors import RecordInUseError, ValidationError
from app.registers.query import EMPTY, Filter, ListQuery, compile_query
from app.registers.records import (
    create_record,
    delete_record,
    find_by_human_key,
    load_record,
    references_to,
    update_record,
    validate,
)
from app.storage.database import scalar
from app.storage.workspace import Workspace

QUERY_PASSPHRASE = "query-fixture-passphrase-7"

# staff no, name, kana, department, employment, roles, hire date, leave date, active, email
# fmt: off
PEOPLE_ROWS = (
    ("00001", "山田 花子", "ヤマダ ハナコ", "HQ", "regular", ["privacy_officer"], "2010-04-01", None, True, "hanako@example.jp"),
    ("00002", "山田 太郎", "ヤマダ タロウ", "DC", "parttime", ["handler"], "2015-06-01", None, True, None),
    ("00003", "佐藤 一郎", "サトウ イチロウ", "DC", "parttime", ["handler"], "2018-01-15", "2023-03-31", False, None),
    ("00004", "田中 美咲", "タナカ ミサキ", None, "arbeit", [], None, None, True, "misaki_t@example.jp"),
    ("00005", "髙橋 健一", "タカハシ ケンイチ", "HQ", "officer", ["handler", "committee"], "2001-04-01", None, True, None),
    ("00006", "鈴木 100%", "スズキ", "HQ", "regular", [], "2020-10-01", None, False, "suzuki@example.jp"),
)
# fmt: on


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory):
    """A workspace with two departments and six people; tests using it must not change it."""
    path = tmp_path_factory.mktemp("query") / "query.mamori"
    ws = Workspace.create(path, QUERY_PASSPHRASE, {"name": "検索テスト生協"})
    conn = ws.conn
    depts = {
        "HQ": create_record(conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}).record_id,
        "DC": create_record(conn, DEPARTMENTS, {"code": "DC", "name": "配送センター"}).record_id,
    }
    for staff_no, name, kana, dept, kind, roles, hired, left, active, email in PEOPLE_ROWS:
        create_record(
            conn,
            PEOPLE,
            {
                "staff_no": staff_no,
                "name": name,
                "kana": kana,
                "department": depts[dept] if dept else None,
                "employment_type": kind,
                "pms_roles": roles,
                "hire_date": hired,
                "leave_date": left,
                "active": active,
                "email": email,
            },
        )
    yield ws
    ws.close()


def ids_of(ws: Workspace, *staff_nos: str) -> list[int]:
    return [
        int(scalar(ws.conn, "SELECT id FROM person WHERE staff_no = ?", (number,)))
        for number in staff_nos
    ]


def staff_nos(ws: Workspace, query: ListQuery) -> list[str]:
    compiled = compile_query(PEOPLE, query)
    ids = compiled.ids(ws.conn)
    by_id = dict(ws.conn.execute("SELECT id, staff_no FROM person"))
    return [by_id[i] for i in ids]


def dept_id(ws: Workspace, code: str) -> int:
    return int(scalar(ws.conn, "SELECT id FROM department WHERE code = ?", (code,)))


def errors_of(ws: Workspace, defn, raw, record_id=None) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        validate(ws.conn, defn, raw, record_id)
    return info.value.errors


# ----- validation -------------------------------------------------------------------------------


def test_required_fields_are_named(populated: Workspace) -> None:
    errors = errors_of(populated, PEOPLE, {"kana": "ナナシ"})
    assert errors == {"staff_no": "is required", "name": "is required"}
    # blank text counts as empty
    errors = errors_of(
        populated, PEOPLE, {"staff_no": "  ", "name": "\u3000", "employment_type": "regular"}
    )
    assert set(errors) == {"staff_no", "name"}


def test_bad_dates_say_what_is_wrong(populated: Workspace) -> None:
    errors = errors_of(
        populated,
        PEOPLE,
        {
            "staff_no": "90001",
            "name": "日付 誤り",
            "employment_type": "regular",
            "hire_date": "2024-13-45",
            "leave_date": "tomorrow",
        },
    )
    assert "2024-13-45" in errors["hire_date"] and "13" in errors["hire_date"]
    assert errors["leave_date"] == "'tomorrow' is not a date"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("令和6年4月1日", date(2024, 4, 1)),
        ("R6.4.1", date(2024, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("2024/4/1", date(2024, 4, 1)),
        ("２０２４年４月１日", date(2024, 4, 1)),
    ],
)
def test_date_field_accepts_japanese_era_and_western_forms(
    populated: Workspace, typed: str, expected: date
) -> None:
    values = validate(
        populated.conn,
        PEOPLE,
        {
            "staff_no": "90002",
            "name": "和暦 太郎",
            "employment_type": "regular",
            "hire_date": typed,
        },
    )
    assert values["hire_date"] == expected


def test_era_date_is_stored_as_iso(workspace: Workspace) -> None:
    record_id = create_record(
        workspace.conn,
        PEOPLE,
        {
            "staff_no": "1",
            "name": "和暦 花子",
            "employment_type": "regular",
            "hire_date": "令和6年4月1日",
        },
    ).record_id
    assert (
        scalar(workspace.conn, "SELECT hire_date FROM person WHERE id = ?", (record_id,))
        == "2024-04-01"
    )
    assert load_record(workspace.conn, PEOPLE, record_id)["hire_date"] == date(2024, 4, 1)


def test_unknown_catalogue_code(populated: Workspace) -> None:
    errors = errors_of(
        populated,
        PEOPLE,
        {
            "staff_no": "90003",
            "name": "区分 不明",
            "employment_type": "astronaut",
            "pms_roles": ["handler", "wizard"],
        },
    )
    assert errors == {
        "employment_type": "'astronaut' is not in the list",
        "pms_roles": "'wizard' is not in the list",
    }


def test_unique_clash_names_the_value(populated: Workspace) -> None:
    errors = errors_of(
        populated, PEOPLE, {"staff_no": "00001", "name": "重複", "employment_type": "regular"}
    )
    assert errors == {"staff_no": "'00001' is already used by another record"}
    # full-width digits are folded before the check
    errors = errors_of(
        populated, PEOPLE, {"staff_no": "００００１", "name": "重複", "employment_type": "regular"}
    )
    assert errors == {"staff_no": "'00001' is already used by another record"}
    # a record does not clash with itself
    (own,) = ids_of(populated, "00001")
    assert validate(populated.conn, PEOPLE, {"staff_no": "00001"}, own)["staff_no"] == "00001"


def test_link_to_a_missing_record(populated: Workspace) -> None:
    errors = errors_of(
        populated,
        PEOPLE,
        {
            "staff_no": "90004",
            "name": "所属 不明",
            "employment_type": "regular",
            "department": 9999,
        },
    )
    assert errors == {"department": "refers to a record that does not exist"}


def test_leave_before_hire_is_refused(populated: Workspace) -> None:
    errors = errors_of(
        populated,
        PEOPLE,
        {
            "staff_no": "90005",
            "name": "退職 早過",
            "employment_type": "regular",
            "hire_date": "2024-04-01",
            "leave_date": "2024-03-31",
        },
    )
    assert errors == {"leave_date": "must not be before the hire date"}
    # the same day is fine
    values = validate(
        populated.conn,
        PEOPLE,
        {
            "staff_no": "90005",
            "name": "即日 退職",
            "employment_type": "regular",
            "hire_date": "2024-04-01",
            "leave_date": "2024-04-01",
        },
    )
    assert values["leave_date"] == date(2024, 4, 1)


def test_leave_before_hire_on_update_uses_the_stored_hire_date(populated: Workspace) -> None:
    (record_id,) = ids_of(populated, "00002")  # hired 2015-06-01
    errors = errors_of(populated, PEOPLE, {"leave_date": "2015-05-31"}, record_id)
    assert errors == {"leave_date": "must not be before the hire date"}


def test_pmark_holder_needs_number_and_expiry(populated: Workspace) -> None:
    errors = errors_of(populated, ORGANISATION, {"is_pmark_holder": True}, 1)
    assert set(errors) == {"pmark_registration_no", "pmark_expiry"}


def test_department_cannot_be_its_own_parent(populated: Workspace) -> None:
    hq = dept_id(populated, "HQ")
    errors = errors_of(populated, DEPARTMENTS, {"parent": hq}, hq)
    assert errors == {"parent": "a department cannot be its own parent"}


def test_immutable_field_cannot_change(populated: Workspace) -> None:
    item_id = scalar(
        populated.conn,
        "SELECT i.id FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'EMPLOYMENT_TYPE' AND i.code = 'arbeit'",
    )
    errors = errors_of(populated, CATALOGUE_ITEMS, {"code": "casual"}, item_id)
    assert errors == {"code": "cannot be changed once the record exists"}
    # the same value is not a change
    assert (
        validate(populated.conn, CATALOGUE_ITEMS, {"code": "arbeit"}, item_id)["code"] == "arbeit"
    )


def test_several_errors_are_reported_together(populated: Workspace) -> None:
    with pytest.raises(ValidationError) as info:
        create_record(
            populated.conn,
            PEOPLE,
            {
                "staff_no": "a b!",
                "name": "",
                "employment_type": "regular",
                "email": "not-an-address",
                "hire_date": "x",
            },
        )
    assert set(info.value.errors) == {"staff_no", "name", "email", "hire_date"}
    text = str(info.value)
    assert "email: 'not-an-address' is not an e-mail address" in text
    assert "name: is required" in text


def test_inactive_catalogue_item_is_kept_where_used_but_not_chosen_anew(
    workspace: Workspace,
) -> None:
    conn = workspace.conn
    person = create_record(
        conn, PEOPLE, {"staff_no": "1", "name": "派遣 一子", "employment_type": "dispatched"}
    ).record_id
    item_id = scalar(
        conn,
        "SELECT i.id FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'EMPLOYMENT_TYPE' AND i.code = 'dispatched'",
    )
    # in use: cannot be deleted, only made inactive
    with pytest.raises(RecordInUseError, match="make it inactive instead"):
        delete_record(conn, CATALOGUE_ITEMS, item_id)
    update_record(conn, CATALOGUE_ITEMS, item_id, {"active": False})
    update_record(conn, PEOPLE, person, {"name": "派遣 二子"})  # keeps its old code
    with pytest.raises(ValidationError) as info:
        create_record(
            conn, PEOPLE, {"staff_no": "2", "name": "新規", "employment_type": "dispatched"}
        )
    assert info.value.errors == {"employment_type": "'dispatched' is no longer in use"}


# ----- writes -----------------------------------------------------------------------------------


def test_create_update_load_roundtrip(workspace: Workspace) -> None:
    conn = workspace.conn
    dept = create_record(conn, DEPARTMENTS, {"code": "ＨＱ", "name": "本部"}).record_id
    assert load_record(conn, DEPARTMENTS, dept)["code"] == "HQ"
    changes = create_record(
        conn,
        PEOPLE,
        {
            "staff_no": "０００１",
            "name": "  山田　　花子 ",
            "kana": "ﾔﾏﾀﾞ ﾊﾅｺ",
            "department": dept,
            "employment_type": "regular",
            "pms_roles": "handler、committee",
            "is_handler": "はい",
        },
    )
    assert changes.registers == frozenset({"people"})
    record = load_record(conn, PEOPLE, changes.record_id)
    assert record["staff_no"] == "0001"  # leading zeros kept, width folded
    assert record["name"] == "山田 花子"
    assert record["kana"] == "ヤマダ ハナコ"
    assert record["pms_roles"] == ["handler", "committee"]
    assert record["is_handler"] is True
    assert record["active"] is True  # the default
    assert find_by_human_key(conn, PEOPLE, "0001") == changes.record_id
    assert find_by_human_key(conn, PEOPLE, "山田 花子") == changes.record_id
    assert find_by_human_key(conn, PEOPLE, "nobody") is None
    update_record(
        conn, PEOPLE, changes.record_id, {"leave_date": "令和7年3月31日", "active": "いいえ"}
    )
    record = load_record(conn, PEOPLE, changes.record_id)
    assert record["leave_date"] == date(2025, 3, 31)
    assert record["active"] is False


def test_update_and_delete_of_a_missing_record(workspace: Workspace) -> None:
    with pytest.raises(KeyError):
        update_record(workspace.conn, PEOPLE, 4242, {"name": "x"})
    with pytest.raises(KeyError):
        delete_record(workspace.conn, PEOPLE, 4242)
    assert not workspace.conn.in_transaction


def test_delete_refused_while_referenced(workspace: Workspace) -> None:
    conn = workspace.conn
    dept = create_record(conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}).record_id
    child = create_record(
        conn, DEPARTMENTS, {"code": "HQ-IT", "name": "情報システム部", "parent": dept}
    ).record_id
    person = create_record(
        conn,
        PEOPLE,
        {"staff_no": "1", "name": "山田 花子", "employment_type": "regular", "department": dept},
    ).record_id
    create_record(
        conn,
        PEOPLE,
        {"staff_no": "2", "name": "佐藤 一郎", "employment_type": "regular", "department": dept},
    )
    assert references_to(conn, DEPARTMENTS, dept) == {"People": 2, "Departments": 1}
    entries = scalar(conn, "SELECT count(*) FROM audit_log")
    with pytest.raises(RecordInUseError) as info:
        delete_record(conn, DEPARTMENTS, dept)
    assert "People (2)" in str(info.value)
    assert "Departments (1)" in str(info.value)
    assert scalar(conn, "SELECT count(*) FROM department WHERE id = ?", (dept,)) == 1
    assert scalar(conn, "SELECT count(*) FROM audit_log") == entries
    # a person named as privacy officer is referenced by the organisation
    update_record(conn, ORGANISATION, 1, {"privacy_officer": person})
    with pytest.raises(RecordInUseError, match="Organisation settings"):
        delete_record(conn, PEOPLE, person)
    # once nothing refers to it, it goes
    delete_record(conn, DEPARTMENTS, child)
    assert scalar(conn, "SELECT count(*) FROM department WHERE id = ?", (child,)) == 0


def test_organisation_cannot_be_deleted(workspace: Workspace) -> None:
    with pytest.raises(RecordInUseError):
        delete_record(workspace.conn, ORGANISATION, 1)
    assert scalar(workspace.conn, "SELECT count(*) FROM organisation") == 1


# ----- list query -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("ヤマダ", ["00001", "00002"]),  # 3+ characters: FTS trigram on kana
        ("山田 花子", ["00001"]),  # two 2-character terms, both must match
        ("山田", ["00001", "00002"]),  # 2-character Japanese term: substring scan
        ("髙", ["00005"]),  # 1 character, the variant kanji kept as typed
        ("高橋", []),  # no folding of 髙 to 高
        ("ハナ", ["00001"]),
        ("example", ["00001", "00004", "00006"]),  # e-mail, via FTS
        ("00", ["00001", "00002", "00003", "00004", "00005", "00006"]),  # short ASCII: LIKE
        ("_", ["00004"]),  # LIKE wildcards are taken literally
        ("%", ["00006"]),
        ("0%", ["00006"]),
        ("配送", []),  # department names are not searched in the people register
        ('"', []),  # a quote does not break the FTS phrase
        ('ab"cd', []),
    ],
)
def test_search(populated: Workspace, search: str, expected: list[str]) -> None:
    assert staff_nos(populated, ListQuery(search=search)) == expected
    assert compile_query(PEOPLE, ListQuery(search=search)).count(populated.conn) == len(expected)


def test_search_follows_edits(workspace: Workspace) -> None:
    conn = workspace.conn
    record_id = create_record(
        conn,
        PEOPLE,
        {
            "staff_no": "1",
            "name": "山田 花子",
            "kana": "ヤマダ ハナコ",
            "employment_type": "regular",
        },
    ).record_id
    update_record(conn, PEOPLE, record_id, {"name": "川村 花子", "kana": "カワムラ ハナコ"})
    assert compile_query(PEOPLE, ListQuery(search="ヤマダ")).ids(conn) == []
    assert compile_query(PEOPLE, ListQuery(search="カワムラ")).ids(conn) == [record_id]
    assert compile_query(PEOPLE, ListQuery(search="川村")).ids(conn) == [record_id]
    delete_record(conn, PEOPLE, record_id)
    assert compile_query(PEOPLE, ListQuery(search="カワムラ")).ids(conn) == []


def test_filters(populated: Workspace) -> None:
    hq, dc = dept_id(populated, "HQ"), dept_id(populated, "DC")
    cases = [
        ((Filter("employment_type", "parttime"),), ["00002", "00003"]),
        ((Filter("department", hq),), ["00001", "00005", "00006"]),
        ((Filter("department", dc),), ["00002", "00003"]),
        ((Filter("department", EMPTY),), ["00004"]),
        ((Filter("hire_date", EMPTY),), ["00004"]),
        ((Filter("pms_roles", EMPTY),), ["00004", "00006"]),
        ((Filter("pms_roles", "handler"),), ["00002", "00003", "00005"]),
        ((Filter("active", False),), ["00003", "00006"]),
        ((Filter("active", True),), ["00001", "00002", "00004", "00005"]),
        ((Filter("department", hq), Filter("active", True)), ["00001", "00005"]),
        ((Filter("employment_type", "officer"), Filter("department", dc)), []),
    ]
    for filters, expected in cases:
        assert staff_nos(populated, ListQuery(filters=filters)) == expected, filters
    # filters and search combine
    query = ListQuery(search="山田", filters=(Filter("employment_type", "regular"),))
    assert staff_nos(populated, query) == ["00001"]


def test_sorting(populated: Workspace) -> None:
    assert staff_nos(populated, ListQuery()) == [
        "00001",
        "00002",
        "00003",
        "00004",
        "00005",
        "00006",
    ]
    assert staff_nos(populated, ListQuery(descending=True)) == [
        "00006",
        "00005",
        "00004",
        "00003",
        "00002",
        "00001",
    ]
    # empty dates go last both ways
    assert staff_nos(populated, ListQuery(sort="hire_date")) == [
        "00005",
        "00001",
        "00002",
        "00003",
        "00006",
        "00004",
    ]
    assert staff_nos(populated, ListQuery(sort="hire_date", descending=True)) == [
        "00006",
        "00003",
        "00002",
        "00001",
        "00005",
        "00004",
    ]
    # a link sorts by the linked record's name (本部 U+672C before 配送センター U+914D), empty last
    assert staff_nos(populated, ListQuery(sort="department")) == [
        "00001",
        "00005",
        "00006",
        "00002",
        "00003",
        "00004",
    ]
    assert staff_nos(populated, ListQuery(sort="department", descending=True)) == [
        "00003",
        "00002",
        "00006",
        "00005",
        "00001",
        "00004",
    ]
    # a choice sorts by the catalogue's order (officer before regular before parttime before arbeit)
    by_type = staff_nos(populated, ListQuery(sort="employment_type"))
    assert by_type == ["00005", "00001", "00006", "00002", "00003", "00004"]


def test_display_values_and_language(populated: Workspace) -> None:
    columns = [
        PEOPLE.field(key)
        for key in ("staff_no", "department", "employment_type", "pms_roles", "hire_date", "active")
    ]
    (record_id,) = ids_of(populated, "00005")
    query = ListQuery(search="髙")
    (row_en,) = compile_query(PEOPLE, query, columns, "en").page(populated.conn, 0, 10)
    assert row_en[:4] == (record_id, "00005", "本部", "Officer")
    assert set(row_en[4].split("、")) == {"Data handler", "Privacy committee member"}
    assert row_en[5:] == ("2001-04-01", 1)
    (row_ja,) = compile_query(PEOPLE, query, columns, "ja").page(populated.conn, 0, 10)
    assert row_ja[3] == "役員"
    assert set(row_ja[4].split("、")) == {"取扱担当者", "個人情報保護委員"}


def test_count_matches_pages(populated: Workspace) -> None:
    queries = [
        ListQuery(),
        ListQuery(search="山田"),
        ListQuery(search="ヤマダ", sort="department"),
        ListQuery(filters=(Filter("department", EMPTY),)),
        ListQuery(filters=(Filter("employment_type", "parttime"),), sort="employment_type"),
        ListQuery(search="example", descending=True),
    ]
    for query in queries:
        compiled = compile_query(PEOPLE, query)
        total = compiled.count(populated.conn)
        pages = [compiled.page(populated.conn, offset, 2) for offset in range(0, 8, 2)]
        rows = [row for page in pages for row in page]
        assert len(rows) == total, query
        assert [row[0] for row in rows] == compiled.ids(populated.conn), query
        assert len({row[0] for row in rows}) == total  # no row on two pages
        assert all(len(page) <= 2 for page in pages)


def test_department_search_and_choice_filter(populated: Workspace) -> None:
    compiled = compile_query(DEPARTMENTS, ListQuery(search="配送"))
    assert [row[1] for row in compiled.page(populated.conn, 0, 10)] == ["DC"]
    assert compile_query(DEPARTMENTS, ListQuery(search="センター")).count(populated.conn) == 1
