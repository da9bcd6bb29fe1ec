"""Sorting of loaded rows in 五十音 order: a sort proxy that compares text with Qt's collator.

Register tables sort in SQL (``app.registers.query``); tables of rows already in memory (people
behind a coverage gap, risk items on the heat-map page) sort through this proxy. QCollator with
the Japanese locale (ICU) orders kana by 五十音 whatever the script or width, and kanji by their
JIS order, which follows the common on-reading.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

Index = QModelIndex | QPersistentModelIndex


def japanese_collator() -> QCollator:
    collator = QCollator(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    collator.setNumericMode(True)  # 2 before 10 in codes such as
    return collator


class JapaneseSortProxy(QSortFilterProxyModel):
    """Text sorts by the Japanese collator; numbers and dates sort as they are."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._collator = japanese_collator()

    def lessThan(self, left: Index, right: Index) -> bool:
        a = left.data(self.sortRole())
        b = right.data(self.sortRole())
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        return super().lessThan(left, right)
