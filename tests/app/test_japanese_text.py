"""Japanese throughout: every message of the compiled catalogue reads as Japanese to an officer.

Walks the compiled ``ja`` catalogue (what the window actually shows) and fails on English month
names, developer references (domain.md, §, rule ids in parentheses) and messages that start with
a particle — the sign of a sentence whose subject was left out (「は必須です」).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.dates import DateParseError, parse_date, parse_month_day, show_date
from app.i18n import set_language, translation
from app.registers import get_register
from app.registers.fields import FieldError

MONTHS = re.compile(
    r"(?<![A-Za-z])(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?![A-Za-z])"
)
DEVELOPER_TEXT = re.compile(
    r"domain\.md|§|[（(]\s*(?:ルール|rule)?\s*[A-Z]{1,3}-[A-Z][A-Z-]*\s*[)）]"
)
PARTICLES = "はがをにでとのも"
# Whole words that happen to begin with a particle's kana.
WORDS = ("はい", "とても", "もう", "もし", "のみ", "では", "ではない", "はじめ", "にっ", "でき")


def japanese_messages() -> list[tuple[str, str]]:
    catalog = translation("ja")._catalog  # type: ignore[attr-defined]
    messages = []
    for key, text in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and text:
            messages.append((msgid, text))
    return messages


def test_the_catalogue_is_walked() -> None:
    assert len(japanese_messages()) > 1000


@pytest.mark.parametrize("check", ["months", "developer", "particle"])
def test_no_message_reads_as_english_or_developer_text(check: str) -> None:
    tests = {
        "months": lambda text: MONTHS.search(text) is not None,
        "developer": lambda text: DEVELOPER_TEXT.search(text) is not None,
        "particle": lambda text: text[0] in PARTICLES and not text.startswith(WORDS),
    }
    bad = [(msgid, text) for msgid, text in japanese_messages() if tests[check](text)]
    assert bad == []


def test_the_checks_catch_what_they_are_for() -> None:
    assert MONTHS.search("2025年Februaryは28日まで")
    assert DEVELOPER_TEXT.search("出典 domain.md §3.9")
    assert DEVELOPER_TEXT.search("この日を過ぎたら消去します（ルール R-DELETE）。")
    assert not DEVELOPER_TEXT.search("個人情報（本人）")


@pytest.fixture
def japanese():
    set_language("ja")
    yield
    set_language("en")


def test_a_day_that_does_not_exist_names_the_month_in_japanese(japanese) -> None:
    with pytest.raises(DateParseError) as error:
        parse_date("2025/2/30")
    assert "2025年2月は28日まで" in str(error.value)
    with pytest.raises(DateParseError) as error:
        parse_month_day("11/31")
    assert "11月は最大30日" in str(error.value)


def test_english_keeps_english_month_names() -> None:
    set_language("en")
    with pytest.raises(DateParseError, match="February 2025 has 28 days"):
        parse_date("2025/2/30")


def test_validation_messages_name_their_field(japanese) -> None:
    people = get_register("people")
    with pytest.raises(FieldError, match=r"^氏名が長すぎます"):
        people.field("name").parse("あ" * 500)
    with pytest.raises(FieldError, match=r"^新規入職者の受講期限（日数）は0以上"):
        get_register("organisation").field("new_hire_training_days").parse("-1")


def test_one_date_format_on_screen(japanese) -> None:
    assert show_date(date(2026, 12, 4)) == "2026/12/04"
    set_language("en")
    assert show_date(date(2026, 12, 4)) == "2026-12-04"


def test_catalogue_sources_shown_to_officers_hold_no_developer_notes(tmp_path) -> None:
    from app.catalogues import sync_catalogues
    from app.storage.database import write_transaction
    from app.storage.workspace import Workspace

    workspace = Workspace.create(tmp_path / "w.mamori", "correct horse battery staple")
    conn = workspace.conn
    with write_transaction(conn):  # as a workspace made by an earlier release holds it
        conn.execute(
            "UPDATE catalogue SET source = 'domain.md §3.9' WHERE code = 'CONFIDENTIALITY'"
        )
        conn.execute("DELETE FROM meta WHERE key LIKE 'catalogue%'")
    with write_transaction(conn):
        sync_catalogues(conn)
    sources = [row[0] for row in conn.execute("SELECT source FROM catalogue")]
    assert sources and not any(DEVELOPER_TEXT.search(source or "") for source in sources)
    assert "Mamori 標準" in sources
    workspace.close()
