"""What the title lines above the headings say about every row below them.

Hand-kept sheets name the department, the year or the date once, in the title, not in a column:
「令和6年度 個人情報保護研修 受講状況（宅配事業部）」, 「所属：中央店 実施日：令和6年5月10日（金）」,
「2024年 朝礼ワンポイント 実施記録 北配送センター」. ``title_facts`` reads those lines; the engine
uses them only for what the rows themselves lack: a department when no column gives one, the date
when there is no date column, and the year of dates written 5月10日 (a fiscal year 令和6年度 puts
January to March in the following calendar year).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.dates import parse_date

_LABELLED_UNIT = re.compile(r"(?:所属|部署|事業所|店舗|部門|所属部署)\s*[:：]\s*([^\s:：()（）]+)")
_LABELLED_DATE = re.compile(r"(?:実施日|開催日|受講日|日時|日付)\s*[:：]\s*([^\s（(]+)")
_BRACKETED = re.compile(r"[（(]([^()（）]+)[)）]")
_UNIT_ENDINGS = ("店", "部", "センター", "事業所", "課", "ステーション", "支所", "本部")
_ERAS = {"令和": 2018, "平成": 1988}
_FISCAL = re.compile(r"(令和|平成|R|H)?\s*(\d{1,4}|元)\s*年度")
_CALENDAR = re.compile(r"(令和|平成)?\s*(\d{1,4}|元)\s*年(?!度)")


_PROGRAMME_WORDS = ("研修", "教育", "説明会", "講習", "訓練", "セミナー", "勉強会", "ミーティング")
_LIST_WORDS = re.compile(
    r"\s*(?:出席者名簿|受講者名簿|参加者名簿|出席者一覧|受講者一覧|名簿|出席簿|出席表|受講状況|受講記録|"
    r"実施記録|実施報告|記録表|記録|一覧)\s*$"
)
_YEAR_PREFIX = re.compile(r"^\s*(?:(?:令和|平成|R|H)?\s*(?:\d{1,4}|元)\s*年度?)\s*")


def _programme(text: str) -> str | None:
    """The programme a title names: 「2024年度 活動組合員向け 個人情報取扱い説明会 出席者名簿」 →
    活動組合員向け 個人情報取扱い説明会. None when the title names no training."""
    if not any(word in text for word in _PROGRAMME_WORDS):
        return None
    title = _BRACKETED.sub("", text)
    title = _YEAR_PREFIX.sub("", title)
    previous = None
    while previous != title:
        previous = title
        title = _LIST_WORDS.sub("", title).strip()
    title = " ".join(title.split())
    return title if any(word in title for word in _PROGRAMME_WORDS) else None


@dataclass(frozen=True)
class TitleFacts:
    department: str | None = None
    held_on: date | None = None
    year: int | None = None  # a calendar year named in the title
    fiscal_year: int | None = None  # a fiscal year (年度) named in the title
    programme: str | None = None  # the training the first title line names

    def value_for(self, fact: str) -> object | None:
        """What the title gives for a target's ``title_fact`` ("unit", "date", "programme")."""
        return {"unit": self.department, "date": self.held_on, "programme": self.programme}.get(
            fact
        )

    def year_of(self, month: int, fiscal_start_month: int = 4) -> int | None:
        """The calendar year of a date written with month and day only."""
        if self.fiscal_year is not None:
            return self.fiscal_year + (1 if month < fiscal_start_month else 0)
        return self.year


def _year(era: str | None, number: str) -> int:
    value = 1 if number == "元" else int(number)
    if era in ("令和", "R"):
        return _ERAS["令和"] + value
    if era in ("平成", "H"):
        return _ERAS["平成"] + value
    return value


def _unit(text: str) -> str | None:
    labelled = _LABELLED_UNIT.search(text)
    if labelled:
        return labelled.group(1)
    for inside in reversed(_BRACKETED.findall(text)):
        if inside.strip().endswith(_UNIT_ENDINGS):
            return inside.strip()
    words = text.split()
    last = words[-1] if len(words) > 1 else ""
    if last.endswith(_UNIT_ENDINGS) and len(last) <= 20 and not re.search(r"[:：年月日]", last):
        return last
    return None


def title_facts(title_rows: list[tuple[Any, ...]]) -> TitleFacts:
    """Facts named in the rows above the headings (text cells only)."""
    department = held_on = year = fiscal_year = programme = None
    for row in title_rows:
        for cell in row:
            if not isinstance(cell, str) or not cell.strip():
                continue
            text = unicodedata.normalize("NFKC", cell).strip()
            department = department or _unit(text)
            if programme is None and not _LABELLED_DATE.search(text):
                programme = _programme(text.split(":")[0] if ":" in text else text)
            labelled = _LABELLED_DATE.search(text)
            if held_on is None and labelled:
                try:
                    held_on = parse_date(labelled.group(1))
                except ValueError:
                    held_on = None
            fiscal = _FISCAL.search(text)
            if fiscal_year is None and fiscal:
                fiscal_year = _year(fiscal.group(1), fiscal.group(2))
            calendar = _CALENDAR.search(text)
            if year is None and calendar and not labelled:
                candidate = _year(calendar.group(1), calendar.group(2))
                year = candidate if candidate > 1900 else None
    return TitleFacts(department, held_on, year, fiscal_year, programme)
