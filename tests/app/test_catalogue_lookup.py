"""Typed and imported catalogue values find their code by code, label, or part of a label."""

from __future__ import annotations

from app.catalogues import code_lookup, match_word


def test_codes_labels_and_label_parts_in_both_languages(workspace) -> None:
    confidentiality = code_lookup(workspace.conn, "CONFIDENTIALITY")
    assert confidentiality[match_word("秘 (個人データ)")] == "secret"
    assert confidentiality[match_word("秘")] == "secret"  # a ledger's short form
    assert confidentiality[match_word("極秘")] == "strictly_secret"
    assert confidentiality[match_word("ＳＥＣＲＥＴ")] == "secret"  # the code, full-width
    employment = code_lookup(workspace.conn, "EMPLOYMENT_TYPE")
    assert employment[match_word("嘱託")] == "contract"
    assert employment[match_word("Part-timer")] == "parttime"
    assert match_word("Ｐａｒｔ timer") not in employment


def test_values_as_co_ops_write_them(workspace) -> None:
    employment = code_lookup(workspace.conn, "EMPLOYMENT_TYPE")
    written = {
        "正規職員": "regular",
        "正社員": "regular",
        "正職員": "regular",
        "パート職員": "parttime",
        "パートタイマー": "parttime",
        "ﾊﾟｰﾄ": "parttime",
        "パートさん": "parttime",
        "嘱託職員": "contract",
        "契約社員": "contract",
        "派遣職員": "dispatched",
        "派遣スタッフ": "dispatched",
        "臨時職員": "temporary",
        "アルバイト　職員": "arbeit",
        "パート（週20時間）": "parttime",
    }
    assert {text: employment.find(text) for text in written} == written
    assert employment.find("職員") is None  # a suffix alone names nothing
    assert employment.find("研究員") is None


def test_the_temporary_item_is_shipped(workspace) -> None:
    from app.catalogues import choices

    assert ("temporary", "臨時職員") in choices(workspace.conn, "EMPLOYMENT_TYPE", language="ja")


def test_an_items_own_synonyms_in_the_workspace_count(workspace) -> None:
    import json

    from app.storage.database import write_transaction

    conn = workspace.conn
    with write_transaction(conn):
        conn.execute(
            "UPDATE catalogue_item SET extra = ? WHERE code = 'parttime' AND catalogue_id = "
            "(SELECT id FROM catalogue WHERE code = 'EMPLOYMENT_TYPE')",
            (json.dumps({"synonyms": ["ショートタイム"]}),),
        )
    assert code_lookup(conn, "EMPLOYMENT_TYPE").find("ショートタイム職員") == "parttime"
