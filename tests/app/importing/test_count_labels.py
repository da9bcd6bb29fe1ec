"""Counts read in the future before anything is written (「…を追加します」) and in the past after
(「…を追加しました」): the check page, a dry run and the summary say which."""

from __future__ import annotations

import pytest

from app.areas.training import roster_import  # noqa: F401  (registers its count labels)
from app.i18n import set_language
from app.importing import register_import  # noqa: F401  (registers its count labels)
from app.importing.spec import count_label


@pytest.fixture
def japanese():
    set_language("ja")
    yield
    set_language("en")


def test_before_writing_the_counts_say_what_will_be_added(japanese) -> None:
    assert count_label("attendance_added", planned=True) == "受講記録を追加します"
    assert count_label("created", planned=True) == "レコードを追加します"


def test_after_writing_they_say_what_was_added(japanese) -> None:
    assert count_label("attendance_added", planned=False) == "受講記録を追加しました"
    assert count_label("people_created", planned=False) == "役職員を新たに登録しました"


def test_a_count_with_no_future_form_reads_the_same_before_and_after() -> None:
    assert count_label("duplicates_skipped", planned=True) == count_label(
        "duplicates_skipped", planned=False
    )
    assert count_label("created", planned=True) == "Records to create"
