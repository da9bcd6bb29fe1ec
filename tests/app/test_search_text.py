"""Search as Japanese users expect: width- and kana-insensitive, and every register searchable."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.demo import DEMO_PASSPHRASE, build_demo_workspace
from app.registers.query import ListQuery, compile_query, is_searchable
from app.registers.registry import all_registers, get_register
from app.text import search_variants, sort_key, to_hiragana, to_katakana


def test_variants_fold_widths_and_offer_both_kana_scripts() -> None:
    assert search_variants("ｶﾒﾗ") == ("カメラ", "かめら")
    assert search_variants("かめら") == ("かめら", "カメラ")
    assert search_variants("ｌｉｎｅ") == ("line",)
    assert search_variants("ﾀﾞｲｶﾞｸ") == ("ダイガク", "だいがく")
    assert search_variants("  ") == ()
    assert to_hiragana("ヤマダ ハナコ") == "やまだ はなこ"
    assert to_katakana("やまだ") == "ヤマダ"


def test_sort_key_puts_kana_of_both_scripts_in_gojuon_order() -> None:
    words = ["さとう", "アオキ", "ｲﾄｳ", "かとう", "ウエダ"]
    assert sorted(words, key=sort_key) == ["アオキ", "ｲﾄｳ", "ウエダ", "かとう", "さとう"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("demo")) / "demo.mamori"
    workspace = build_demo_workspace(path, DEMO_PASSPHRASE)
    yield workspace.conn
    workspace.close()


def _count(conn, register: str, term: str) -> int:
    return compile_query(get_register(register), ListQuery(search=term)).count(conn)


def test_every_register_with_a_list_is_searchable() -> None:
    unsearchable = [
        d.key for d in all_registers() if d.listed and not d.singleton and not is_searchable(d)
    ]
    assert unsearchable == []


def test_half_width_and_hiragana_find_what_katakana_finds(demo) -> None:
    katakana = _count(demo, "assets", "カメラ")
    assert katakana > 0
    assert _count(demo, "assets", "ｶﾒﾗ") == katakana
    assert _count(demo, "assets", "かめら") == katakana


def test_short_and_long_terms_are_kana_insensitive(demo) -> None:
    kana = demo.execute("SELECT kana FROM person WHERE kana IS NOT NULL LIMIT 1").fetchone()[0]
    surname = kana.split()[0]
    for term in (surname[:2], surname):  # a scan below three characters, the trigram index above
        expected = _count(demo, "people", term)
        assert expected > 0
        assert _count(demo, "people", to_hiragana(term)) == expected


def test_registers_named_by_a_link_are_found_by_that_name(demo) -> None:
    _person_id, name = demo.execute(
        "SELECT p.id, p.name FROM person p JOIN training_attendance a ON a.person_id = p.id LIMIT 1"
    ).fetchone()
    surname = name.split()[0]
    rows = compile_query(get_register("training_attendance"), ListQuery(search=name)).ids(demo)
    expected = demo.execute(
        "SELECT count(*) FROM training_attendance a JOIN person p ON p.id = a.person_id "
        "WHERE p.name = ?",
        (name,),
    ).fetchone()[0]
    assert len(rows) == expected > 0
    assert _count(demo, "training_attendance", surname) >= expected
    assert _count(demo, "pledges", surname) > 0
    asset = demo.execute(
        "SELECT a.name FROM risk_assessment r JOIN asset a ON a.id = r.asset_id LIMIT 1"
    ).fetchone()[0]
    assert _count(demo, "risk_assessments", asset) >= 1
    assert _count(demo, "risk_items", asset) >= 1


def test_names_sort_by_their_reading_and_text_in_gojuon_order(tmp_path) -> None:
    from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
    from app.registers.records import create_record
    from app.storage.workspace import Workspace

    workspace = Workspace.create(tmp_path / "sort.mamori", "sort-fixture-passphrase-1")
    conn = workspace.conn
    for code, name in (("A", "さくら支所"), ("B", "アオバ支所"), ("C", "いずみ支所")):
        create_record(conn, DEPARTMENTS, {"code": code, "name": name})
    for number, name, kana in (
        ("1", "渡辺 一", "ワタナベ ハジメ"),
        ("2", "青木 二", "アオキ ツグ"),
        ("3", "伊藤 三", "イトウ ミツ"),
    ):
        create_record(
            conn,
            PEOPLE,
            {"staff_no": number, "name": name, "kana": kana, "employment_type": "regular"},
        )

    def shown(register: str, sort: str, column: str) -> list[str]:
        defn = get_register(register)
        compiled = compile_query(defn, ListQuery(sort=sort), [defn.field(column)])
        return [row[1] for row in compiled.page(conn, 0, 10)]

    # Code point order would give いずみ, さくら, アオバ (hiragana before katakana).
    assert shown("departments", "name", "name") == ["アオバ支所", "いずみ支所", "さくら支所"]
    # By kanji code point 伊 < 渡 < 青; by reading アオキ < イトウ < ワタナベ.
    assert shown("people", "name", "name") == ["青木 二", "伊藤 三", "渡辺 一"]
    workspace.close()


def test_a_record_named_through_a_link_is_shown_by_that_name(demo) -> None:
    """Risk items name their assessment, which is named by its asset: the asset, not 1, 2, 3."""
    items = get_register("risk_items")
    compiled = compile_query(items, ListQuery(), [items.field("assessment")])
    shown = {row[1] for row in compiled.page(demo, 0, 50)}
    assets = [f"{no} {name} / " for no, name in demo.execute("SELECT asset_no, name FROM asset")]
    assert shown and all(any(label.startswith(asset) for asset in assets) for label in shown)


def test_long_text_keeps_its_lines_but_widens_half_width_kana() -> None:
    notes = get_register("people").field("notes")
    assert notes.parse("ｶﾒﾗの前で\n（説明）") == "カメラの前で\n（説明）"
