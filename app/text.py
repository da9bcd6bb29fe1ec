"""Text normalisation for what officers type or paste: widths, spaces and staff numbers.

NFKC is deliberately not applied to names: it would fold compatibility ideographs such as 﨑 into 崎.
"""

from __future__ import annotations

import re
import unicodedata

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


# Control characters that never belong in a record: C0 (except tab and line breaks), DEL and C1.
_CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
_C1 = "".join(chr(c) for c in range(0x80, 0xA0))
# Bidirectional overrides, embeddings, isolates and marks: they reorder what is shown (a file name
# "report‮fdp.exe" reads as "reportexe.pdf") and show as missing glyphs in PDFs.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_STRIP = str.maketrans("", "", _CONTROLS + _C1 + BIDI_CONTROLS)
_UNSAFE_FOR_TERMINAL = re.compile(f"[{re.escape(_CONTROLS + _C1 + BIDI_CONTROLS)}\r]")


def strip_controls(value: str) -> str:
    """Text as it may be stored or written to a file: no control characters (tab, CR and LF are
    kept) and no bidirectional overrides. Applied where text enters (import) and leaves (CSV, XLSX,
    PDF)."""
    return value.translate(_STRIP)


def make_visible(value: str) -> str:
    """Text safe to print on a terminal: each control character or bidi override becomes a visible
    escape (``\\x1b``, ``<U+202E>``), so a name can neither retitle nor clear the terminal."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in BIDI_CONTROLS:
            return f"<U+{ord(char):04X}>"
        return f"\\x{ord(char):02x}"

    return _UNSAFE_FOR_TERMINAL.sub(escape, value)


# A cell starting with one of these is a formula to Excel and LibreOffice, full-width forms included.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def formula_safe(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading apostrophe before a formula start."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value
