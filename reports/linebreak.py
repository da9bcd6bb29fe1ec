"""Line breaking for the board report PDF: JIS X 4051 kinsoku for Japanese, whole words for Latin.

reportlab's CJK wrapping breaks between any two characters, with only part of the kinsoku rules:
lines could start with ー or small kana, end with an opening bracket, and split English words and
numbers ("Inheren/t", "12,/345"). ``break_lines`` decides the breaks itself:

- no line starts with a closing bracket, 、。，．・：；？！, small kana, ー, 々 or ゝゞヽヾ (行頭禁則);
- no line ends with an opening bracket (行末禁則);
- a run of Latin letters, digits and the punctuation inside numbers and words (. , % - ' / :)
  is never split, nor is a space-free English word; English text breaks at spaces and after
  hyphens;
- only a run wider than the whole line is cut, as a last resort.

``KinsokuParagraph`` is a reportlab ``Paragraph`` that applies it at wrap time (the width is known
only then) by inserting ``<br/>`` at the chosen breaks into the escaped markup, then lays out
each line with plain Western wrapping, which then has nothing left to break.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

CANNOT_START = frozenset(
    ")]}）〕］｝〉》」』】〙〗〟’”｠»"
    "、。，．,.・：；:;？！?!‥…ー―–〜～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "々〻ゝゞヽヾ゛゜%％"
)
CANNOT_END = frozenset("([{（〔［｛〈《「『【〘〖〝‘“｟«￥$＄#＃")
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F.,%'’/:&@+#_\-]")
_TOKEN = re.compile(r"(<br\s*/?>)|(<[^>]+>)|(&[A-Za-z#0-9]+;)|(.)", re.DOTALL)
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}


def _is_word(char: str) -> bool:
    return bool(_WORD.match(char))


_RUN = re.compile(r"[A-Za-z0-9\u00C0-\u024F.,%'’/:&@+#_\-]+")


def unbreakable_runs(text: str) -> list[str]:
    """The Latin words and numbers of ``text`` that ``break_lines`` never splits (a column must be
    at least as wide as the longest)."""
    return [
        part
        for run in _RUN.findall(text)
        for part in re.split(r"(?<=[-/])(?=[A-Za-z])", run)
        if part
    ]


def can_break(before: str, after: str) -> bool:
    """May a line end after ``before`` and the next start with ``after``?"""
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if after == " ":
        return False  # break after the space, not before it
    if before == " ":
        return True
    if _is_word(before) and _is_word(after):
        # English: after a hyphen or a slash ("Storage/backup"), never inside a word
        return before in "-/" and after.isalpha()
    return True


def break_lines(chars: list[str], widths: list[float], width: float) -> list[int]:
    """Indexes at which new lines start, for characters of the given widths in ``width``.
    A negative index ``-i`` marks a last-resort cut inside a Latin word (printed with a hyphen)."""
    breaks: list[int] = []
    start, used, last_ok = 0, 0.0, -1
    index = 0
    while index < len(chars):
        if index > start and can_break(chars[index - 1], chars[index]):
            last_ok = index
        used += widths[index]
        if used > width and index > start:
            forced = last_ok <= start
            cut = last_ok if not forced else index  # last resort: cut an over-long run
            if forced and cut - 1 > start and chars[cut - 1].isalpha() and chars[cut].isalpha():
                cut -= 1  # room for the hyphen
                breaks.append(-cut)
            else:
                if chars[cut - 1] in CANNOT_END and cut - 1 > start:
                    cut -= 1
                breaks.append(cut)
            start, last_ok = cut, -1
            used = sum(widths[start : index + 1])
            while start < len(chars) and chars[start] == " " and start <= index:
                start += 1  # a line never starts with the space it broke at
        index += 1
    return breaks


@lru_cache(maxsize=65536)
def _char_width(char: str, font: str, size: float) -> float:
    return stringWidth(char, font, size)


def wrap_markup(markup: str, font: str, size: float, width: float) -> str:
    """``markup`` (escaped text with simple tags) with ``<br/>`` at the kinsoku line breaks."""
    pieces: list[tuple[str, str]] = []  # (visible char or "\n" for a hard break, its markup)
    pending = ""
    for hard, tag, entity, char in _TOKEN.findall(markup):
        if hard:
            pieces.append(("\n", pending + hard))
            pending = ""
        elif tag:
            pending += tag
        else:
            visible = _ENTITIES.get(entity, "?") if entity else char
            pieces.append((visible, pending + (entity or char)))
            pending = ""
    out: list[str] = []
    line: list[tuple[str, str]] = []

    def flush(segment: list[tuple[str, str]]) -> None:
        chars = [c for c, _m in segment]
        widths = [_char_width(c, font, size) for c in chars]
        cuts = set(break_lines(chars, widths, width))
        for position, (_c, text) in enumerate(segment):
            if position in cuts:
                out.append("<br/>")
            elif position and -position in cuts:
                out.append("-<br/>")
            out.append(text)

    for piece in pieces:
        if piece[0] == "\n":
            flush(line)
            out.append(piece[1])
            line = []
        else:
            line.append(piece)
    flush(line)
    return "".join(out) + pending


@lru_cache(maxsize=32768)
def wrap_plain(text: str, font: str, size: float, width: float) -> str:
    """Plain ``text`` with newlines at the kinsoku line breaks, for a table cell drawn as lines
    of text (no markup parsing: thousands of cells lay out fast and print literally)."""
    out: list[str] = []
    for line in text.split("\n"):
        chars = list(line)
        widths = [_char_width(c, font, size) for c in chars]
        cuts = break_lines(chars, widths, width)
        start = 0
        for cut in cuts:
            position = abs(cut)
            out.append("".join(chars[start:position]).rstrip() + ("-" if cut < 0 else ""))
            start = position
            while start < len(chars) and chars[start] == " ":
                start += 1
        out.append("".join(chars[start:]))
    return "\n".join(out)


class KinsokuParagraph(Paragraph):
    """A Paragraph whose lines break by the rules above (see the module docstring)."""

    def __init__(self, text: str, style, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self._source = text
        self._wrapped_for: float | None = None
        self._kinsoku_style = style.clone(style.name + "-kinsoku", wordWrap=None, splitLongWords=0)
        super().__init__(text, self._kinsoku_style, **kwargs)

    def wrap(self, avail_width: float, avail_height: float):  # type: ignore[no-untyped-def]
        # A part made by ``split`` at a page break comes with its lines laid out and no source.
        if isinstance(self._source, str) and self._wrapped_for != avail_width:
            style = self._kinsoku_style
            room = avail_width - style.leftIndent - style.rightIndent - 0.01
            first = room - style.firstLineIndent
            markup = wrap_markup(self._source, style.fontName, style.fontSize, min(room, first))
            from reportlab.platypus.paragraph import cleanBlockQuotedText

            self._setup(markup, style, self.bulletText, None, cleanBlockQuotedText)
            self._wrapped_for = avail_width
        return super().wrap(avail_width, avail_height)
