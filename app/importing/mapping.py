"""Which columns of a file feed which import targets.

Header texts are compared normalised: NFKC (full-width letters and digits, half-width kana), no
spaces at all, case-folded, marks such as ※ or * and notes such as （必須） or 【任意】 at the end
removed. ``suggest_mapping`` tries, for every target: the header exactly as written, then without
its notes, then two columns that split a name (姓 + 名, Last name + First name, フリガナ(姓) +
フリガナ(名)) for a joinable target, and last a header that contains one of the target's names.
Each column feeds one target at most.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.errors import MamoriError
from app.i18n import _, gettext_in
from app.importing.reader import column_letter
from app.importing.spec import Mapping, Problem, Target
from app.text import join_list

_MARKS = "※*＊●○◎◆◇■□★☆・.:;"
_SPACES = re.compile(r"\s+")
# A note in brackets at the end: (必須), [required], 【任意】, <半角>, 「例：…」.
_NOTE = re.compile(r"[(\[【〔<《「『][^()\[\]【】〔〕<>《》「」『』]*[)\]】〕>》」』]$")
_BRACKETS = re.compile(r"[()\[\]【】〔〕<>《》「」『』]")
FAMILY_WORDS = ("familyname", "lastname", "surname", "苗字", "名字", "姓", "氏")
GIVEN_WORDS = ("givenname", "firstname", "forename", "下の名前", "名")
KANA_PART_WORDS = {"セイ": "family", "メイ": "given", "せい": "family", "めい": "given"}
KANA_BASE = "カナ"

EXACT, CORE, SPLIT, CONTAINED = 1.0, 1.0, 1.0, 0.5  # how much each kind of match counts
MIN_CONTAINED_SHARE = 0.3  # a contained name must be at least this share of the header text


class MappingError(MamoriError):
    """A mapping given by name (the CLI's --map, a remembered layout) does not fit the file."""


def normalise_header(text: Any) -> str:
    """The form header texts are compared in: NFKC, no spaces, case-folded, no marks at the ends."""
    if text is None:
        return ""
    normal = _SPACES.sub("", unicodedata.normalize("NFKC", str(text))).casefold()
    return normal.strip(_MARKS)


def header_core(normal: str) -> str:
    """``normal`` without notes in brackets at its end: 氏名(必須) -> 氏名."""
    previous = None
    core = normal
    while core != previous:
        previous = core
        core = _NOTE.sub("", core).strip(_MARKS)
    return core or normal


def target_names(target: Target) -> tuple[str, ...]:
    """Every header text that names ``target``: its synonyms and its label in each language."""
    names = (
        *target.synonyms,
        target.label,
        gettext_in("ja", target.label),
        gettext_in("en", target.label),
    )
    return tuple(dict.fromkeys(name for name in map(normalise_header, names) if name))


def column_title(headers: Sequence[str], index: int) -> str:
    """The header text of a column, or its letter when the heading cell is empty."""
    text = headers[index].strip() if index < len(headers) else ""
    return text or column_letter(index)


def columns_title(headers: Sequence[str], columns: Sequence[int]) -> str:
    return " + ".join(column_title(headers, index) for index in columns)


@dataclass(frozen=True)
class MatchResult:
    mapping: Mapping
    quality: dict[str, float]  # target key -> how the match was made (EXACT ... CONTAINED)

    @property
    def score(self) -> float:
        return sum(self.quality.values())


def match_headers(headers: Sequence[Any], targets: Sequence[Target]) -> MatchResult:
    """Suggest a mapping and say how good each match is (used to find the header row too)."""
    normals = [normalise_header(text) for text in headers]
    cores = [header_core(text) for text in normals]
    names = {target.key: target_names(target) for target in targets}
    name_cores = {key: {header_core(name) for name in values} for key, values in names.items()}
    mapping: Mapping = {}
    quality: dict[str, float] = {}
    used: set[int] = set()

    def take(target: Target, columns: tuple[int, ...], how: float) -> None:
        mapping[target.key] = columns
        quality[target.key] = how
        used.update(columns)

    for target in targets:  # 1. the header exactly as a name of the target
        for index, normal in enumerate(normals):
            if index not in used and normal and normal in names[target.key]:
                take(target, (index,), EXACT)
                break
    for target in targets:  # 2. without notes such as (必須) (but フリガナ(姓) is half a name)
        if target.key in mapping:
            continue
        for index, core in enumerate(cores):
            if index in used or not core or _names_a_part(normals[index], core):
                continue
            if core in name_cores[target.key]:
                take(target, (index,), CORE)
                break
    _match_split_names(normals, targets, names, used, take, mapping)
    for target in targets:  # 4. a header containing a name of the target
        if target.key in mapping:
            continue
        best: tuple[float, int] | None = None
        for index, core in enumerate(cores):
            if index in used or not core:
                continue
            for name in names[target.key]:
                if len(name) >= 2 and name in core and len(name) / len(core) >= MIN_CONTAINED_SHARE:
                    share = len(name) / len(core)
                    if best is None or share > best[0]:
                        best = (share, index)
        if best is not None:
            take(target, (best[1],), CONTAINED)
    ordered = {target.key: mapping[target.key] for target in targets if target.key in mapping}
    return MatchResult(ordered, quality)


def _names_a_part(normal: str, core: str) -> bool:
    """Whether the note removed from ``normal`` says which part of a name it is: (姓), (名)."""
    note = _BRACKETS.sub("", normal[len(core) :])
    return note in FAMILY_WORDS or note in GIVEN_WORDS or note in KANA_PART_WORDS


def _name_part(normal: str) -> tuple[str, str] | None:
    """("family" or "given", the rest) for 姓, フリガナ(名), Last name (kana), セイ..."""
    flat = _BRACKETS.sub("", normal)
    if flat in KANA_PART_WORDS:
        return KANA_PART_WORDS[flat], normalise_header(KANA_BASE)
    for part, words in (("family", FAMILY_WORDS), ("given", GIVEN_WORDS)):
        for word in words:
            if flat == word:
                return part, ""
            if flat.startswith(word):
                return part, flat[len(word) :]
            if flat.endswith(word):
                return part, flat[: -len(word)]
    return None


def _match_split_names(
    normals: Sequence[str],
    targets: Sequence[Target],
    names: dict[str, tuple[str, ...]],
    used: set[int],
    take: Any,
    mapping: Mapping,
) -> None:
    """3. a joinable target (a name) from two columns: family part first, then the given part."""
    joinable = [target for target in targets if target.joinable]
    if not joinable:
        return
    parts: dict[str, dict[str, int]] = {}
    for index, normal in enumerate(normals):
        if index in used or not normal:
            continue
        found = _name_part(normal)
        if found is None:
            continue
        part, base = found
        if base:
            owner = next(
                (target for target in joinable if base in names[target.key]),
                None,
            )
        else:
            owner = joinable[0]
        if owner is not None:
            parts.setdefault(owner.key, {}).setdefault(part, index)
    for target in joinable:
        found_parts = parts.get(target.key, {})
        if target.key in mapping or set(found_parts) != {"family", "given"}:
            continue
        columns = (found_parts["family"], found_parts["given"])
        if not used.intersection(columns):
            take(target, columns, SPLIT)


def suggest_mapping(headers: Sequence[Any], targets: Sequence[Target]) -> Mapping:
    """Target key -> column indexes (two for 姓 + 名), for the targets some column names."""
    return match_headers(headers, targets).mapping


def missing_required(mapping: MappingABC[str, tuple[int, ...]], targets: Sequence[Target]):
    """The required targets no column feeds."""
    return [target for target in targets if target.required and not mapping.get(target.key)]


def repeated_headings(
    headers: Sequence[str], mapping: MappingABC[str, Sequence[int]], chosen: set[str]
) -> list[Problem]:
    """An error for each heading that several columns share when a guess took one of them.

    Two columns headed 氏名 may hold different people's names: which one is meant is the
    officer's choice (``--map`` or the wizard), never a silent pick of the first.
    """
    normals = [normalise_header(text) for text in headers]
    guessed: dict[str, str] = {}  # shared heading -> the first target a guess fed from it
    for key, columns in mapping.items():
        for index in columns if key not in chosen else ():
            normal = normals[index] if index < len(normals) else ""
            if normal and normals.count(normal) > 1:
                guessed.setdefault(normal, key)
    problems = []
    for normal, key in guessed.items():
        same = [i for i, other in enumerate(normals) if other == normal]
        problems.append(
            Problem(
                None,
                column_title(headers, same[0]),
                None,
                _(
                    "columns {columns} have the same heading “{heading}”: choose which one to "
                    "import (in the wizard, or with --map {key}={letter})."
                ).format(
                    columns=join_list(column_letter(i) for i in same),
                    heading=headers[same[0]].strip(),
                    key=key,
                    letter=column_letter(same[0]),
                ),
            )
        )
    return problems


def describe_mapping(
    mapping: MappingABC[str, tuple[int, ...]], headers: Sequence[str], targets: Sequence[Target]
) -> list[tuple[str, str]]:
    """(translated target label, the column(s) feeding it) in target order; "—" when none."""
    lines = []
    for target in targets:
        columns = mapping.get(target.key)
        lines.append((_(target.label), columns_title(headers, columns) if columns else "—"))
    return lines


# ----- mappings by header text (remembered layouts, the CLI's --map) ------------------------------


def mapping_to_texts(
    mapping: MappingABC[str, tuple[int, ...]], headers: Sequence[str]
) -> dict[str, list[str]]:
    """{target key: [header texts]}: survives the columns moving (layouts store this)."""
    return {
        key: [headers[index] if index < len(headers) else "" for index in columns]
        for key, columns in mapping.items()
        if columns
    }


def mapping_from_texts(
    texts: MappingABC[str, Sequence[str]], headers: Sequence[str], targets: Sequence[Target]
) -> Mapping | None:
    """The mapping naming the same header texts in this file, or None if one is missing."""
    keys = {target.key for target in targets}
    normals = [normalise_header(text) for text in headers]
    used: set[int] = set()
    mapping: Mapping = {}
    for key, wanted in texts.items():
        if key not in keys:
            return None
        columns = []
        for text in wanted:
            normal = normalise_header(text)
            index = next(
                (i for i, have in enumerate(normals) if have == normal and i not in used), None
            )
            if index is None or not normal:
                return None
            used.add(index)
            columns.append(index)
        mapping[key] = tuple(columns)
    return {target.key: mapping[target.key] for target in targets if target.key in mapping}


def parse_columns(text: str, headers: Sequence[str]) -> tuple[int, ...]:
    """Columns named by header text, by letter (C) or several joined with + (姓+名)."""
    columns = []
    normals = [normalise_header(header) for header in headers]
    for part in text.split("+"):
        wanted = normalise_header(part)
        if not wanted:
            raise MappingError(_("“{text}” does not name a column.").format(text=text))
        if wanted in normals:
            columns.append(normals.index(wanted))
            continue
        letters = part.strip().upper()
        if re.fullmatch(r"[A-Z]{1,3}", letters):
            index = 0
            for letter in letters:
                index = index * 26 + ord(letter) - 64
            if index <= len(headers):
                columns.append(index - 1)
                continue
            raise MappingError(
                _(
                    "There is no column {letter}: the file's columns go from A to {last} "
                    "({columns})."
                ).format(
                    letter=letters,
                    last=column_letter(max(len(headers) - 1, 0)),
                    columns=join_list(column_title(headers, i) for i in range(len(headers))),
                )
            )
        raise MappingError(
            _("There is no column “{column}” (the columns are: {columns}).").format(
                column=part.strip(),
                columns=join_list(column_title(headers, i) for i in range(len(headers))),
            )
        )
    return tuple(columns)


def target_named(name: str, targets: Sequence[Target]) -> Target:
    """The target a ``--map`` name means: its key, label or a synonym."""
    wanted = normalise_header(name)
    for target in targets:
        if wanted in {normalise_header(n) for n in (target.key, *target_names(target))}:
            return target
    raise MappingError(
        _("There is nothing called “{name}” to import (choose from: {names}).").format(
            name=name, names=", ".join(target.key for target in targets)
        )
    )


def apply_overrides(
    mapping: MappingABC[str, tuple[int, ...]],
    overrides: MappingABC[str, str],
    headers: Sequence[str],
    targets: Sequence[Target],
) -> Mapping:
    """``mapping`` with some targets set by name: {target key or label: column text}.

    An empty column text removes the target. A column taken by an override leaves the target that
    had it.
    """
    result: Mapping = dict(mapping)
    for name, column_text in overrides.items():
        target = target_named(name, targets)
        if not column_text.strip():
            result.pop(target.key, None)
            continue
        columns = parse_columns(column_text, headers)
        for key in list(result):
            if key != target.key and set(result[key]) & set(columns):
                del result[key]
        result[target.key] = columns
    return {target.key: result[target.key] for target in targets if target.key in result}
