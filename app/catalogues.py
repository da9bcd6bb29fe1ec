"""Enumerations as data: shipped in ``resources/catalogues``, loaded into the workspace, editable.

New catalogues and new items shipped with a later Mamori are added when a workspace opens; what the
officer already has (including edited labels and items made inactive) is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from app.areas.organisation.registers import CATALOGUE_ITEMS, CATALOGUES
from app.i18n import current_language
from app.paths import resource_path
from app.registers.records import insert_validated
from app.storage.database import Connection, scalar

DIGEST_KEY = "catalogue_digest"


@dataclass(frozen=True)
class CatalogueItemSpec:
    code: str
    ja: str
    en: str
    extra: dict[str, Any] = field(default_factory=dict)
    synonyms: tuple[str, ...] = ()  # how co-ops write the item (正規職員, パートタイマー...)


@dataclass(frozen=True)
class CatalogueSpec:
    code: str
    label_ja: str
    label_en: str
    source: str
    items: tuple[CatalogueItemSpec, ...]


@cache
def shipped_catalogues() -> tuple[CatalogueSpec, ...]:
    specs = []
    for path in sorted(resource_path("catalogues").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        items = tuple(
            CatalogueItemSpec(
                item["code"],
                item["ja"],
                item["en"],
                item.get("extra") or {},
                tuple(item.get("synonyms") or ()),
            )
            for item in data["items"]
        )
        specs.append(
            CatalogueSpec(
                data["code"], data["label_ja"], data["label_en"], data.get("source", ""), items
            )
        )
    return tuple(specs)


def shipped_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(resource_path("catalogues").glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def sync_catalogues(conn: Connection, *, user: str | None = None) -> int:
    """Add shipped catalogues and items the workspace lacks. Call inside a write transaction.

    Returns how many records were added. Skips all work when the shipped files are unchanged.
    """
    digest = shipped_digest()
    if scalar(conn, "SELECT value FROM meta WHERE key = ?", (DIGEST_KEY,)) == digest:
        return 0
    added = 0
    catalogue_ids = dict(conn.execute("SELECT code, id FROM catalogue").fetchall())
    existing_items = {
        (catalogue_id, code)
        for catalogue_id, code in conn.execute("SELECT catalogue_id, code FROM catalogue_item")
    }
    for spec in shipped_catalogues():
        if spec.code not in catalogue_ids:
            values = {
                "code": spec.code,
                "label_ja": spec.label_ja,
                "label_en": spec.label_en,
                "source": spec.source,
            }
            catalogue_ids[spec.code] = insert_validated(conn, CATALOGUES, values, user=user)
            added += 1
        catalogue_id = catalogue_ids[spec.code]
        for order, item in enumerate(spec.items, start=1):
            if (catalogue_id, item.code) in existing_items:
                continue
            values = {
                "catalogue": catalogue_id,
                "code": item.code,
                "label_ja": item.ja,
                "label_en": item.en,
                "sort_order": order * 10,
                "active": True,
                "extra": json.dumps(item.extra, ensure_ascii=False) if item.extra else None,
            }
            insert_validated(conn, CATALOGUE_ITEMS, values, user=user)
            added += 1
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?",
        (DIGEST_KEY, digest, digest),
    )
    return added


def label_column(language: str | None = None) -> str:
    return "label_en" if (language or current_language()) == "en" else "label_ja"


def choices(
    conn: Connection, catalogue: str, *, language: str | None = None, include_inactive: bool = False
) -> list[tuple[str, str]]:
    """(code, label) pairs of a catalogue in display order."""
    where = "" if include_inactive else "AND i.active = 1"
    rows = conn.execute(
        f"SELECT i.code, i.{label_column(language)} FROM catalogue_item i "
        f"JOIN catalogue c ON c.id = i.catalogue_id WHERE c.code = ? {where} "
        "ORDER BY i.sort_order, i.id",
        (catalogue,),
    )
    return [(code, label) for code, label in rows]


def item_extra(conn: Connection, catalogue: str, code: str) -> dict[str, Any]:
    text = scalar(
        conn,
        "SELECT i.extra FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = ? AND i.code = ?",
        (catalogue, code),
    )
    return json.loads(text) if text else {}


def match_word(text: Any) -> str:
    """How a typed or imported catalogue value is compared: NFKC, no spaces, case-folded."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).casefold()


# What co-ops add to a value without changing it: パート職員, 正社員, 派遣スタッフ, パートさん.
VALUE_SUFFIXES = ("職員", "社員", "スタッフ", "さん")
_TRAILING_NOTE = re.compile(r"[(\[（【〔［][^()\[\]（）【】〔〕［］]*[)\]）】〕］]$")


def match_value(text: Any) -> str:
    """``match_word`` without a note in brackets at the end or a common suffix (職員, 社員...).

    Both sides of a comparison are folded alike, so 正職員, 正社員 and 正 meet, as do パート職員
    and パート. A word that is only a suffix (職員) stays as it is.
    """
    word = match_word(text)
    core = _TRAILING_NOTE.sub("", word) or word
    for suffix in VALUE_SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            return core[: -len(suffix)]
    return core


@cache
def shipped_synonyms(catalogue: str) -> dict[str, tuple[str, ...]]:
    """Item code -> the synonyms the shipped catalogue file gives it."""
    for spec in shipped_catalogues():
        if spec.code == catalogue:
            return {item.code: item.synonyms for item in spec.items if item.synonyms}
    return {}


class CodeLookup(dict[str, str]):
    """match_word(word) -> code, and ``find`` that also tries the word without suffixes."""

    def __init__(self) -> None:
        super().__init__()
        self.folded: dict[str, str] = {}  # match_value(word) -> code

    def add(self, word: str, code: str) -> None:
        self.setdefault(match_word(word), code)
        self.folded.setdefault(match_value(word), code)

    def find(self, value: Any) -> str | None:
        """The code ``value`` names: as written, else without a suffix or a note at its end."""
        if value is None:
            return None
        code = self.get(match_word(value))
        return code if code is not None else self.folded.get(match_value(value))


def code_lookup(conn: Connection, catalogue: str) -> CodeLookup:
    """match_word / match_value of a code, label or synonym (in Japanese or English) -> code.

    A label's parts also match: 契約/嘱託 is found by 契約 or 嘱託, and 秘 (個人データ) by 秘.
    Synonyms come from the shipped file and from an item's ``extra.synonyms`` in the workspace.
    Items no longer in use are included, so old files still import; validation decides.
    Look values up with ``CodeLookup.find``.
    """
    words = CodeLookup()
    add = words.add
    shipped = shipped_synonyms(catalogue)
    own: dict[str, list[str]] = {}
    for code, extra in conn.execute(
        "SELECT i.code, i.extra FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = ? AND i.extra IS NOT NULL",
        (catalogue,),
    ):
        synonyms = json.loads(extra).get("synonyms") if extra else None
        if isinstance(synonyms, list):
            own[code] = [str(word) for word in synonyms]
    for language in ("ja", "en"):
        for code, label in choices(conn, catalogue, language=language, include_inactive=True):
            add(code, code)
            add(label, code)
            short = re.sub(r"[（(].*?[)）]", "", label)
            for part in short.split("/"):
                if part.strip():
                    add(part, code)
            if language == "ja":
                for word in (*shipped.get(code, ()), *own.get(code, ())):
                    add(word, code)
    return words
