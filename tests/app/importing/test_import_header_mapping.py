"""Finding the heading row below titles and suggesting which column feeds which target."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_helpers import TITLE, build_xlsx

from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.importing.header import NoHeaderError, find_header, header_at
from app.importing.mapping import (
    MappingError,
    apply_overrides,
    describe_mapping,
    header_core,
    mapping_from_texts,
    mapping_to_texts,
    missing_required,
    normalise_header,
    parse_columns,
    suggest_mapping,
)
from app.importing.reader import Table, open_workbook
from app.importing.register_import import register_targets

PEOPLE_TARGETS = register_targets(PEOPLE)


def table_of(rows: list[tuple], numbers: list[int] | None = None) -> Table:
    return Table(Path("名簿.csv"), "名簿", rows, numbers or list(range(1, len(rows) + 1)))


# ----- header row --------------------------------------------------------------------------------


def test_heading_row_is_found_below_a_merged_title_and_date_line(
    tmp_path: Path, roster_rows
) -> None:
    path = build_xlsx(tmp_path / "titled.xlsx", roster_rows, title=TITLE)
    with open_workbook(path) as book:
        table = book.read()
    guess = find_header(table, PEOPLE_TARGETS)
    assert guess.row == 4 and guess.row_index == 2
    assert guess.headers == ["職員番号", "氏名", "所属", "雇用区分", "入職日"]
    assert guess.data_start() == 3
    assert guess.score >= 5


def test_a_title_naming_a_target_does_not_win() -> None:
    table = table_of(
        [
            ("受講者名簿（研修受講者氏名一覧）",),
            ("実施日：令和7年6月1日", None, "所属：本部"),
            ("No.", "職員番号", "氏名", "所属"),
            (1, "00123", "髙橋 美咲", "本部"),
        ]
    )
    guess = find_header(table, PEOPLE_TARGETS)
    assert guess.row_index == 2
    assert suggest_mapping(guess.headers, PEOPLE_TARGETS) == {
        "staff_no": (1,),
        "name": (2,),
        "department": (3,),
    }


def test_no_heading_row_names_the_file_and_the_expected_columns() -> None:
    table = table_of([("りんご", "みかん"), ("1", "2"), ("3", "4")])
    with pytest.raises(NoHeaderError) as caught:
        find_header(table, PEOPLE_TARGETS, what="people")
    message = str(caught.value)
    assert message.startswith("名簿.csv: no row looks like column headings for people.")
    assert "Staff number (職員番号, 社員番号)" in message and "Name (氏名, 名前)" in message


def test_headings_below_the_first_thirty_rows_are_not_looked_for() -> None:
    rows = [(f"メモ {n}",) for n in range(30)] + [("職員番号", "氏名", "雇用区分")]
    with pytest.raises(NoHeaderError):
        find_header(table_of(rows), PEOPLE_TARGETS)
    assert find_header(table_of(rows[1:]), PEOPLE_TARGETS).row_index == 29


def test_the_officer_may_pick_another_heading_row() -> None:
    table = table_of([("職員番号", "氏名"), ("社員番号", "名前")], [3, 5])
    picked = header_at(table, 1, PEOPLE_TARGETS)
    assert (picked.row, picked.headers) == (5, ["社員番号", "名前"])


# ----- normalisation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normal", "core"),
    [
        ("氏名（必須）", "氏名(必須)", "氏名"),
        ("※職員番号", "職員番号", "職員番号"),
        ("職員番号 *", "職員番号", "職員番号"),
        ("　所属　部署　", "所属部署", "所属部署"),
        ("ＥＭＡＩＬ", "email", "email"),
        ("Employee  ID", "employeeid", "employeeid"),
        ("入職日【任意】※", "入職日【任意】", "入職日"),
        ("ﾌﾘｶﾞﾅ", "フリガナ", "フリガナ"),
        ("(必須)", "(必須)", "(必須)"),
    ],
)
def test_header_text_is_normalised(text: str, normal: str, core: str) -> None:
    assert normalise_header(text) == normal
    assert header_core(normal) == core


def test_marked_and_full_width_headings_are_matched() -> None:
    headers = ["※職員番号", "氏名（必須）", "ＥＭＡＩＬ", "所属　部署", "雇用形態*", "入社年月日"]
    assert suggest_mapping(headers, PEOPLE_TARGETS) == {
        "staff_no": (0,),
        "name": (1,),
        "department": (3,),
        "employment_type": (4,),
        "hire_date": (5,),
        "email": (2,),
    }


def test_a_heading_containing_a_name_is_matched_last() -> None:
    headers = ["受講者氏名", "所属部署名", "社員番号"]
    assert suggest_mapping(headers, PEOPLE_TARGETS) == {
        "staff_no": (2,),
        "name": (0,),
        "department": (1,),
    }


def test_each_column_feeds_one_target_and_exact_names_win() -> None:
    # "氏名" names the person; "氏名(カナ)" is the kana column, not a second name.
    headers = ["氏名(カナ)", "氏名", "氏名"]
    mapping = suggest_mapping(headers, PEOPLE_TARGETS)
    assert mapping == {"name": (1,), "kana": (0,)}


# ----- 姓 + 名 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["職員番号", "姓", "名", "雇用区分"], {"name": (1, 2)}),
        (["職員番号", "氏", "名"], {"name": (1, 2)}),
        (["名", "姓"], {"name": (1, 0)}),  # family part first, wherever it stands
        (["Employee ID", "Last name", "First name"], {"name": (1, 2)}),
        (
            ["職員番号", "姓", "名", "フリガナ(姓)", "フリガナ（名）"],
            {"name": (1, 2), "kana": (3, 4)},
        ),
        (["姓", "名", "セイ", "メイ"], {"name": (0, 1), "kana": (2, 3)}),
        (["氏名", "姓(カナ)", "名(カナ)"], {"name": (0,), "kana": (1, 2)}),
    ],
)
def test_split_name_columns_are_joined(headers: list[str], expected: dict) -> None:
    mapping = suggest_mapping(headers, PEOPLE_TARGETS)
    for key, columns in expected.items():
        assert mapping[key] == columns


def test_a_lone_family_name_column_is_not_a_name() -> None:
    assert "name" not in suggest_mapping(["職員番号", "姓", "部署名"], PEOPLE_TARGETS)


def test_a_full_name_column_wins_over_split_columns() -> None:
    mapping = suggest_mapping(["姓", "名", "氏名"], PEOPLE_TARGETS)
    assert mapping["name"] == (2,)


def test_split_names_only_for_joinable_targets() -> None:
    targets = register_targets(DEPARTMENTS)
    assert "name" in {target.key for target in targets if target.joinable}
    assert not any(target.joinable for target in targets if target.key == "code")
    assert suggest_mapping(["部署コード", "部署名"], targets) == {"code": (0,), "name": (1,)}


# ----- describing and overriding -----------------------------------------------------------------


def test_mapping_is_described_and_missing_required_targets_named() -> None:
    headers = ["職員番号", "姓", "名", ""]
    mapping = suggest_mapping(headers, PEOPLE_TARGETS)
    described = dict(describe_mapping(mapping, headers, PEOPLE_TARGETS))
    assert described["Staff number"] == "職員番号"
    assert described["Name"] == "姓 + 名"
    assert described["Hire date"] == "—"
    assert missing_required(mapping, PEOPLE_TARGETS) == []
    alone = suggest_mapping(["職員番号", "備考"], PEOPLE_TARGETS)
    assert [target.key for target in missing_required(alone, PEOPLE_TARGETS)] == ["name"]
    assert describe_mapping({"notes": (3,)}, headers, PEOPLE_TARGETS)[-1] == ("Notes", "D")


def test_mapping_by_header_text_survives_columns_moving() -> None:
    before = ["職員番号", "姓", "名", "所属"]
    after = ["所属", "備考", "名", "職員番号", "姓"]
    texts = mapping_to_texts(suggest_mapping(before, PEOPLE_TARGETS), before)
    assert texts == {"staff_no": ["職員番号"], "name": ["姓", "名"], "department": ["所属"]}
    assert mapping_from_texts(texts, after, PEOPLE_TARGETS) == {
        "staff_no": (3,),
        "name": (4, 2),
        "department": (0,),
    }
    assert mapping_from_texts(texts, ["職員番号", "氏名"], PEOPLE_TARGETS) is None


def test_overrides_by_header_text_letter_and_join() -> None:
    headers = ["職員番号", "氏名", "姓", "名", "区分"]
    mapping = suggest_mapping(headers, PEOPLE_TARGETS)
    assert mapping["name"] == (1,)
    changed = apply_overrides(
        mapping,
        {"name": "姓+名", "employment_type": "E", "雇用区分": "区分"},
        headers,
        PEOPLE_TARGETS,
    )
    assert changed["name"] == (2, 3) and changed["employment_type"] == (4,)
    assert apply_overrides(changed, {"name": ""}, headers, PEOPLE_TARGETS).get("name") is None
    taken = apply_overrides(mapping, {"kana": "氏名"}, headers, PEOPLE_TARGETS)
    assert taken["kana"] == (1,) and "name" not in taken
    assert parse_columns("A + c", headers) == (0, 2)
    with pytest.raises(MappingError, match="There is no column “電話”"):
        apply_overrides(mapping, {"name": "電話"}, headers, PEOPLE_TARGETS)
    with pytest.raises(MappingError, match="nothing called “phone”"):
        apply_overrides(mapping, {"phone": "A"}, headers, PEOPLE_TARGETS)
