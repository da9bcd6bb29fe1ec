"""Answer scales of checklist round trips: which answers exist and how people write them.

``AnswerScale.read`` takes a cell as a respondent typed it: widths folded (２ → 2), ○/△/×,
はい/いいえ, the label offered in the drop-down ("2 できている"), a number with a note after it
("２（できている）"), a numeric cell. ``SCORE_0_2`` (the contractor checklist's 0/1/2 with 該当なし)
and ``YES_NO_NA`` (operation checks) are shipped; a use may declare its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ScaleValue:
    value: Any  # what is stored: 2, 1, 0, "yes", None for "not applicable"
    label: str  # offered in the drop-down, e.g. "2 できている"
    synonyms: tuple[str, ...] = ()  # other ways people write it: ○, はい, 済


@dataclass(frozen=True)
class AnswerScale:
    values: tuple[ScaleValue, ...]

    def labels(self) -> list[str]:
        return [item.label for item in self.values]

    def label_of(self, value: Any) -> str:
        return next((item.label for item in self.values if item.value == value), str(value))

    def read(self, raw: Any) -> tuple[bool, Any]:
        """(understood, value) for a cell as read; an empty cell is (True, None)."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return True, None
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        word = fold_answer(raw)
        for item in self.values:
            words = {
                fold_answer(item.label),
                fold_answer(item.value),
                *(fold_answer(s) for s in item.synonyms),
            }
            first = fold_answer(item.label).split(" ")[0]
            if word in words or word == first:
                return True, item.value
        number = _LEADING_NUMBER.match(word)  # "2（できている）", "1: 一部" — not "1.5"
        for item in self.values:
            if number and item.value is not None and number.group(1) == fold_answer(item.value):
                return True, item.value
        return False, None


_LEADING_NUMBER = re.compile(r"^(\d+)[\s(:・]")


def fold_answer(value: Any) -> str:
    """How a cell and an answer word are compared: NFKC, trimmed, case-folded, spaces single."""
    text = unicodedata.normalize("NFKC", "" if value is None else str(value)).strip().casefold()
    return " ".join(text.split())


NOT_APPLICABLE = ScaleValue(None, "該当なし", ("対象外", "n/a", "na", "-", "ー", "―", "なし"))
SCORE_0_2 = AnswerScale(
    (
        ScaleValue(
            2,
            "2 できている",
            ("○", "〇", "◯", "はい", "有", "あり", "済", "適合", "対応済", "対応済み", "yes", "y"),
        ),
        ScaleValue(
            1,
            "1 一部できている",
            ("△", "一部", "一部あり", "一部対応", "一部適合", "部分的", "partly"),
        ),
        ScaleValue(
            0,
            "0 できていない",
            ("×", "✕", "x", "いいえ", "無", "未", "未対応", "不適合", "no", "n"),
        ),
        NOT_APPLICABLE,
    )
)
YES_NO_NA = AnswerScale(
    (
        ScaleValue("yes", "はい", ("○", "〇", "◯", "有", "あり", "済", "yes", "y", "1")),
        ScaleValue("no", "いいえ", ("×", "✕", "無", "未", "no", "n", "0")),
        ScaleValue("na", "該当なし", ("対象外", "n/a", "na", "-", "ー", "―")),
    )
)
