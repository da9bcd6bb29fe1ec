"""The 法人番号 (corporate number): 13 digits, the first a check digit over the other twelve.

The National Tax Agency's rule (法人番号の指定等に関する省令 第2条): with P1…P12 the base digits
counted from the right and Q = 1 for odd n, 2 for even n, the check digit is
9 − (Σ Pn × Qn mod 9). Office files write the number with full-width digits, hyphens or spaces
("1-1803-0101-8771", "１１８０３０１０１８７７１"); it is stored as the 13 plain digits. Only
spaces and hyphens (of any width, and the minus sign) are separators: a katakana long mark, a
dot ("…771.0", a spreadsheet's float) or a letter (the invoice number's "T") is refused.
"""

from __future__ import annotations

import re
import unicodedata

from app.i18n import _

_SEPARATORS = re.compile(r"[\s\-‐‑‒–−]")
EMPTY, NOT_DIGITS, LENGTH, CHECK_DIGIT = "empty", "not_digits", "length", "check_digit"


def check_digit(base: str) -> int:
    """The check digit for the 12-digit base number."""
    if not re.fullmatch(r"\d{12}", base):
        raise ValueError(f"not a 12-digit base number: {base!r}")
    total = sum(int(digit) * (1 if n % 2 else 2) for n, digit in enumerate(reversed(base), 1))
    return 9 - total % 9


def normalise_corp_no(text: str) -> str:
    """Widths folded (NFKC), spaces and hyphens removed anywhere; nothing checked."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", str(text)))


def corp_no_error(text: str | None) -> str | None:
    """What is wrong with ``text`` as a 法人番号, checked in this order: ``empty``,
    ``not_digits``, ``length``, ``check_digit``; None when it is valid."""
    digits = normalise_corp_no(text or "")
    if not digits:
        return EMPTY
    if not (digits.isascii() and digits.isdigit()):
        return NOT_DIGITS
    if len(digits) != 13:
        return LENGTH
    if int(digits[0]) != check_digit(digits[1:]):
        return CHECK_DIGIT
    return None


def corp_no_problem(text: str) -> str | None:
    """Why ``text`` is not a valid 法人番号, in words (None when it is). ``text`` as typed."""
    error = corp_no_error(text)
    digits = normalise_corp_no(text or "")
    if error == EMPTY:
        return _("The corporate number is empty.")
    if error == NOT_DIGITS:
        return _(
            "The corporate number “{value}” may contain only digits (hyphens and spaces are "
            "ignored)."
        ).format(value=text)
    if error == LENGTH:
        return _("The corporate number “{value}” has {count} digits; it has 13.").format(
            value=text, count=len(digits)
        )
    if error == CHECK_DIGIT:
        return _(
            "The corporate number “{value}” fails its check digit (the first digit should be "
            "{digit}): check it against 国税庁法人番号公表サイト."
        ).format(value=text, digit=check_digit(digits[1:]))
    return None
