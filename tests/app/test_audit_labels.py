"""The audit trail names what it recorded as the officer knows it, never by a storage key."""

from __future__ import annotations

import json

import pytest

from app.audit_labels import column_label, describe_details, plain_value, register_title
from app.i18n import set_language


@pytest.fixture(autouse=True)
def japanese():
    set_language("ja")
    yield
    set_language("en")


def test_registers_outside_the_framework_have_titles() -> None:
    assert register_title("board_reports") == "保存済みの理事会報告"  # a register now
    assert register_title("no_such_register") == "no_such_register"
    assert register_title("people") == "役職員"


def test_columns_are_labelled() -> None:
    assert column_label("board_reports", "content_hash") == "内容ハッシュ"
    assert column_label("board_reports", "period_start") == "対象期間（開始）"
    assert column_label("people", "department_id") == "所属"


def test_coded_values_and_dates_are_shown_by_name() -> None:
    assert plain_value("language", "ja") == "日本語"
    assert plain_value("period_start", "2025-04-01") == "2025/04/01"
    assert plain_value("sheets", ["ledger", "risks"]) == "ledger、risks"


def test_details_read_as_labelled_lines() -> None:
    text = describe_details(json.dumps({"format": "csv", "rows": 12, "file": "職員.csv"}))
    assert text.splitlines() == ["ファイル形式: csv", "行数: 12", "ファイル: 職員.csv"]


def test_a_real_board_report_entry_has_no_raw_keys(tmp_path) -> None:
    """Every column a stored board report records in the trail has a label."""
    from app.board import report as board_report

    assert board_report.REGISTER == "board_reports"
    for column in ("period_start", "period_end", "language", "content_hash", "narrative"):
        assert column_label(board_report.REGISTER, column) != column
