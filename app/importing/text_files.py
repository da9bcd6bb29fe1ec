"""Text files offices export: which encoding, which delimiter.

Japanese offices send CSV in UTF-8 (with or without BOM, Excel's "CSV UTF-8" has one), UTF-16
(Excel's "Unicode text", tab-separated) and Windows-31J. The last is decoded as cp932, never as
plain shift_jis, which lacks the NEC and IBM extensions (髙, 﨑, ①, ㈱) found in real names and notes.
"""

from __future__ import annotations

import codecs
import csv
import io


def decode_text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for UTF-8 (BOM or not), UTF-16 (BOM, or plain by its NUL bytes), cp932."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        sample = data[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if len(sample) >= 4 and odd > len(sample) // 4 and even == 0:
            candidates = ["utf-16-le"]
        elif len(sample) >= 4 and even > len(sample) // 4 and odd == 0:
            candidates = ["utf-16-be"]
        else:
            # cp932 is Windows-31J: Shift_JIS plus the NEC and IBM extensions (髙, 﨑, ①, ㈱).
            candidates = ["utf-8", "cp932"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def sniff_delimiter(text: str, suffix: str) -> str:
    """Comma, tab or semicolon: whichever splits most sample lines into the same number of fields."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    order = ("\t", ",", ";") if suffix in (".tsv", ".txt") else (",", "\t", ";")
    best, best_score = order[0], 0
    for delimiter in order:
        try:
            counts = [
                len(record) for record in csv.reader(io.StringIO(sample), delimiter=delimiter)
            ]
        except csv.Error:
            continue
        counts = [count for count in counts if count > 1]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        score = counts.count(modal) * 1000 + modal
        if score > best_score:
            best, best_score = delimiter, score
    return best
