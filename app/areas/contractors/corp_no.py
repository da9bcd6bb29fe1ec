"""The 法人番号 (corporate number): 13 digits, the first a check digit over the other twelve.

The National Tax Agency's rule (法人番号の指定等に関する省令 第2条): with P1…P12 the base digits
counted from the right and Q = 1 for odd n, 2 for even n, the check digit is
9 − (Σ Pn × Qn mod 9). Office files write the number with full-width digits, hyphens or spaces
("1-1803-0101-8771", "１１８０３０１０１８７７１"); it is stored as the 13 plain digits.
"""

from __future__ import annotations

import re
import unicodedata

from app.i18n import _

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー－_.・]")


def check_digit(base: str) -> int:
    """The check digit for the 12-digit base number."""
    if not re.fullmatch(r"\d{12}", base):
        raise ValueError(f"not a 12-digit base number: {base!r}")
    total = sum(int(digit) * (1 if n % 2 else 2) for n, digit in enumerate(reversed(base), 1))
    return 9 - total % 9


def normalise_corp_no(text: str) -> str:
    """Digits only: full-width digits folded, hyphens and spaces removed (no check)."""
    folded = unicodedata.normalize("NFKC", str(text)).strip()
    return _SEPARATORS.sub("", folded)


def corp_no_problem(text: str) -> str | None:
    """Why ``text`` is not a valid 法人番号 (None when it is). ``text`` as typed or read."""
    digits = normalise_corp_no(text)
    if not digits.isdigit() or not digits.isascii():
        return _("The corporate number “{value}” may contain only digits (hyphens and spaces are "
                 "ignored).").format(value=text)  # fmt: skip
    if len(digits) != 13:
        return _("The corporate number “{value}” has {count} digits; it has 13.").format(
            value=text, count=len(digits)
        )
    if int(digits[0]) != check_digit(digits[1:]):
        return _(
            "The corporate number “{value}” fails its check digit (the first digit should be "
            "{digit}): check it against 国税庁法人番号公表サイト."
        ).format(value=text, digit=check_digit(digits[1:]))
    return None


def valid_corp_no(text: str) -> str:
    """The stored form of a valid number; raises ValueError with the message otherwise."""
    problem = corp_no_problem(text)
    if problem:
        raise ValueError(problem)
    return normalise_corp_no(text)
