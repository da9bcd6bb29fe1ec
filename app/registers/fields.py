"""Field kinds of the register framework: how a value is stored, parsed, checked and shown.

A ``Field`` is pure data; the table model, form, filters, validation, exports and the import mapping
all read it. ``parse`` turns what a person typed (or a file held) into the stored Python value and
raises ``FieldError`` with a message naming what is wrong.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.dates import DateParseError, parse_date, parse_month_day
from app.i18n import _
from app.text import normalise_code, normalise_text, widen_halfwidth_kana


class FieldError(ValueError):
    """A single field's value is not acceptable; the message says why."""


class Kind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    CODE = "code"  # staff numbers, department codes: ASCII, no spaces, leading zeros kept
    INTEGER = "integer"
    DATE = "date"
    MONTH_DAY = "month_day"  # e.g. the fiscal-year start "04-01"
    BOOL = "bool"
    CHOICE = "choice"  # one code from a catalogue
    MULTI_CHOICE = "multi_choice"  # several codes from a catalogue, stored as a JSON list
    LINK = "link"  # a record of another register, stored as its id
    LINKS = "links"  # several records of another register, in a generated link table
    EMAIL = "email"
    URL = "url"


SQL_TYPES = {
    Kind.INTEGER: "INTEGER",
    Kind.BOOL: "INTEGER",
    Kind.LINK: "INTEGER",
}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_TRUE_WORDS = {"1", "true", "yes", "y", "はい", "有", "あり", "○", "〇", "✓", "済"}
_FALSE_WORDS = {"0", "false", "no", "n", "いいえ", "無", "なし", "×", "-", "未"}

Validator = Callable[[Any], str | None]


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # an N_() msgid; translate with _() when shown
    kind: Kind = Kind.TEXT
    required: bool = False
    catalogue: str | None = None  # for CHOICE / MULTI_CHOICE
    link: str | None = None  # register key, for LINK
    unique: bool = False
    max_length: int = 200
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    list_column: bool = False  # shown in the register's table by default
    searchable: bool = False  # part of the free-text search
    immutable: bool = False  # fixed once the record exists (e.g. catalogue codes)
    help: str = ""  # an N_() msgid shown under the field
    synonyms: tuple[str, ...] = ()  # other header texts that mean this field in imported files
    computed: bool = False  # set by the register's ``derive`` on save; shown, never typed
    validators: tuple[Validator, ...] = ()
    group: str = ""  # an N_() msgid: forms, exports and the 台帳 workbook show fields by group
    reading: str | None = None  # the field holding this one's reading (kana): sorts in 五十音 order
    personal: bool = False  # names a person or is free text: erased by the retention purge

    def __post_init__(self) -> None:
        if self.kind in (Kind.CHOICE, Kind.MULTI_CHOICE) and not self.catalogue:
            raise ValueError(f"{self.key}: a choice field needs a catalogue")
        if self.kind in (Kind.LINK, Kind.LINKS) and not self.link:
            raise ValueError(f"{self.key}: a link field needs a register")

    @property
    def column(self) -> str:
        """The column in the register's table; for LINKS, the name the audit trail uses."""
        return f"{self.key}_id" if self.kind is Kind.LINK else self.key

    @property
    def in_table(self) -> bool:
        """False for LINKS, whose values live in a link table (see ``link_table``)."""
        return self.kind is not Kind.LINKS

    def link_table(self, owner_table: str) -> str:
        return f"{owner_table}_{self.key}"

    @property
    def sql_type(self) -> str:
        return SQL_TYPES.get(self.kind, "TEXT")

    @property
    def filterable(self) -> bool:
        return self.kind in (Kind.CHOICE, Kind.MULTI_CHOICE, Kind.LINK, Kind.LINKS, Kind.BOOL)

    def parse(self, raw: Any) -> Any:
        """The stored value for ``raw``, or ``None`` when empty. Raises FieldError."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if (
            isinstance(raw, (list, tuple))
            and not raw
            and self.kind in (Kind.MULTI_CHOICE, Kind.LINKS)
        ):
            return None
        value = _PARSERS[self.kind](self, raw)
        for validator in self.validators:
            problem = validator(value)
            if problem:
                raise FieldError(problem)
        return value

    def to_db(self, value: Any) -> Any:
        if value is None:
            return None
        if self.kind is Kind.DATE:
            return value.isoformat()
        if self.kind is Kind.BOOL:
            return int(bool(value))
        if self.kind is Kind.MULTI_CHOICE:
            return json.dumps(list(value), ensure_ascii=False)
        if self.kind is Kind.LINKS:
            return list(value)
        return value

    def from_db(self, value: Any) -> Any:
        if value is None:
            return None
        if self.kind is Kind.DATE:
            return date.fromisoformat(value)
        if self.kind is Kind.BOOL:
            return bool(value)
        if self.kind is Kind.MULTI_CHOICE:
            return list(json.loads(value))
        if self.kind is Kind.LINKS:
            return list(value) or None
        return value


def _parse_text(field: Field, raw: Any) -> str:
    # Long text keeps its lines and punctuation; half-width kana are widened so search finds them.
    text = (
        normalise_text(str(raw))
        if field.kind is not Kind.LONG_TEXT
        else widen_halfwidth_kana(str(raw)).strip()
    )
    limit = field.max_length if field.kind is not Kind.LONG_TEXT else max(field.max_length, 10_000)
    if len(text) > limit:
        raise FieldError(
            _("{field} is too long ({length} characters; at most {limit})").format(
                field=_(field.label), length=len(text), limit=limit
            )
        )
    return text


def _parse_code(field: Field, raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = normalise_code(str(raw))
    if not re.fullmatch(r"[A-Za-z0-9_\-./()]+", text):
        raise FieldError(
            _("'{value}' may contain only letters, digits and - _ . / ( )").format(value=raw)
        )
    if len(text) > field.max_length:
        raise FieldError(
            _("{field} is too long (at most {limit} characters)").format(
                field=_(field.label), limit=field.max_length
            )
        )
    return text


def _parse_integer(field: Field, raw: Any) -> int:
    if isinstance(raw, bool):
        raise FieldError(_("'{value}' is not a whole number").format(value=raw))
    if isinstance(raw, float):
        if not raw.is_integer():
            raise FieldError(_("'{value}' is not a whole number").format(value=raw))
        number = int(raw)
    elif isinstance(raw, int):
        number = raw
    else:
        text = normalise_code(str(raw)).replace(",", "")
        if not re.fullmatch(r"[+-]?\d+", text):
            raise FieldError(_("'{value}' is not a whole number").format(value=raw))
        number = int(text)
    if field.minimum is not None and number < field.minimum:
        raise FieldError(
            _("{field} must be at least {minimum}").format(
                field=_(field.label), minimum=field.minimum
            )
        )
    if field.maximum is not None and number > field.maximum:
        raise FieldError(
            _("{field} must be at most {maximum}").format(
                field=_(field.label), maximum=field.maximum
            )
        )
    return number


def _parse_date(field: Field, raw: Any) -> date:
    try:
        parsed = parse_date(raw)
    except DateParseError as exc:
        raise FieldError(str(exc)) from None  # the message already names the text
    if parsed is None:
        raise FieldError(_("{field} is empty").format(field=_(field.label)))
    return parsed.date() if isinstance(parsed, datetime) else parsed


def _parse_month_day(field: Field, raw: Any) -> str:
    try:
        month, day = parse_month_day(str(raw))
    except ValueError as exc:
        raise FieldError(str(exc)) from None
    return f"{month:02d}-{day:02d}"


def _parse_bool(field: Field, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    word = normalise_text(str(raw)).lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise FieldError(_("'{value}' is neither yes nor no").format(value=raw))


def _parse_choice(field: Field, raw: Any) -> str:
    # Catalogue membership is checked against the workspace by the record validator.
    return normalise_text(str(raw))


def _parse_multi_choice(field: Field, raw: Any) -> list[str]:
    items: Sequence[Any]
    if isinstance(raw, str):
        text = raw.strip()
        items = json.loads(text) if text.startswith("[") else re.split(r"[,、，;；\n]+", text)
    else:
        items = list(raw)
    codes: list[str] = []
    for item in items:
        code = normalise_text(str(item))
        if code and code not in codes:
            codes.append(code)
    return codes


def _parse_link(field: Field, raw: Any) -> int:
    # Ids come from the form; human keys (codes, staff numbers) are resolved by the record layer.
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    raise FieldError(_("'{value}' is not a record reference").format(value=raw))


def _parse_links(field: Field, raw: Any) -> list[int | str]:
    """Ids from the form; codes ("P01, P03") are resolved to ids by the record layer."""
    items: Sequence[Any]
    if isinstance(raw, str):
        items = [part for part in re.split(r"[\s,、，;；]+", raw) if part]
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        items = [raw]
    else:
        items = list(raw)
    values: list[int | str] = []
    for item in items:
        if isinstance(item, bool):
            raise FieldError(_("'{value}' is not a record reference").format(value=item))
        value: int | str = item if isinstance(item, int) else normalise_code(str(item))
        if value != "" and value not in values:
            values.append(value)
    return values


def _parse_email(field: Field, raw: Any) -> str:
    text = normalise_code(str(raw))
    if not _EMAIL.match(text):
        raise FieldError(_("'{value}' is not an e-mail address").format(value=raw))
    return text


def _parse_url(field: Field, raw: Any) -> str:
    text = normalise_code(str(raw))
    if not _URL.match(text):
        raise FieldError(_("'{value}' is not a web address (https://…)").format(value=raw))
    return text


_PARSERS: dict[Kind, Callable[[Field, Any], Any]] = {
    Kind.TEXT: _parse_text,
    Kind.LONG_TEXT: _parse_text,
    Kind.CODE: _parse_code,
    Kind.INTEGER: _parse_integer,
    Kind.DATE: _parse_date,
    Kind.MONTH_DAY: _parse_month_day,
    Kind.BOOL: _parse_bool,
    Kind.CHOICE: _parse_choice,
    Kind.MULTI_CHOICE: _parse_multi_choice,
    Kind.LINK: _parse_link,
    Kind.LINKS: _parse_links,
    Kind.EMAIL: _parse_email,
    Kind.URL: _parse_url,
}


def mark_personal(fields: Sequence[Field], keys: Sequence[str]) -> tuple[Field, ...]:
    """``fields`` with those named in ``keys`` marked ``personal`` (for a register that lists its
    personal fields in one place rather than on each field)."""
    from dataclasses import replace

    unknown = set(keys) - {item.key for item in fields}
    if unknown:
        raise ValueError(f"no such fields to mark personal: {sorted(unknown)}")
    return tuple(replace(item, personal=True) if item.key in keys else item for item in fields)
