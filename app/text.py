"""Text normalisation for what officers type or paste: widths, spaces and staff numbers.

NFKC is deliberately not applied to names: it would fold compatibility ideographs such as 﨑 into 崎.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from app.i18n import current_language

_FULLWIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACES = re.compile(r"[\s\u3000]+")
_HALFWIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")


def fold_ascii_width(text: str) -> str:
    """Full-width ASCII letters, digits and punctuation to their ASCII forms."""
    return text.translate(_FULLWIDTH_ASCII)


def widen_halfwidth_kana(text: str) -> str:
    """ｶﾀｶﾅ → カタカナ (with voiced marks composed), leaving every other character alone."""
    return _HALFWIDTH_KANA.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)


def normalise_text(value: str) -> str:
    """Trim, fold full-width spaces and ASCII, widen half-width kana, collapse inner spaces."""
    text = widen_halfwidth_kana(fold_ascii_width(value))
    return _SPACES.sub(" ", text).strip()


def normalise_code(value: str) -> str:
    """Codes and staff numbers: ASCII width, no spaces at all. Leading zeros are kept."""
    return re.sub(r"\s+", "", fold_ascii_width(value.replace("\u3000", " ")))


def join_list(items: Iterable[str], language: str | None = None) -> str:
    """Items of a list in a sentence: 氏名、部署 in Japanese, "Name, Department" in English."""
    separator = ", " if (language or current_language()) == "en" else "、"
    return separator.join(items)
