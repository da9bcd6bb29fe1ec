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
