"""Provision and receipt records about a person, for a request to disclose them (法33条5項).

``provision_records_for(conn, name_text)`` is what the requests area calls with the requester's
name: every record whose 本人を特定するに足りる事項 holds that name, however it was typed — widths,
spaces (山田 太郎 / 山田太郎), hiragana or katakana (やまだ / ヤマダ) and half-width kana folded the
way search folds them (``app.text``). Records past their retention and already disposed of are
left out (there is nothing left to disclose); records past retention but still held are returned,
marked, because what is held must be disclosed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.storage.database import Connection
from app.text import normalise_text, to_hiragana

_NOT_NAME = re.compile(r"[\s\u3000・･.,、，。()（）「」\[\]【】/／:：;；\-－ー‐]+")
MIN_NAME_LENGTH = 2  # one character would match half the register


def comparable(text: str) -> str:
    """Text reduced for name matching: widths and compatibility forms folded (NFKC), kana as
    hiragana, case folded, and spaces and punctuation (・, brackets, separators) removed.
    The long-vowel mark goes too, so サトー and さとう still differ but スズキ・イチロー matches
    すずきいちろー."""
    folded = unicodedata.normalize("NFKC", normalise_text(text))
    return _NOT_NAME.sub("", to_hiragana(folded).casefold())


@dataclass(frozen=True)
class ProvisionMatch:
    record_id: int
    ref: str
    direction: str  # provide / receive
    basis: str
    provided_on: date
    last_provided_on: date | None
    counterparty_name: str | None
    data_items: str | None
    subject_identification: str
    retention_until: date | None
    disposed_on: date | None

    @property
    def register(self) -> str:
        return "provision_records"

    def past_retention(self, today: date) -> bool:
        return self.retention_until is not None and self.retention_until < today


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def provision_records_for(conn: Connection, name_text: str) -> list[ProvisionMatch]:
    """Records whose person-identification text holds ``name_text`` (normalised, kana-insensitive),
    oldest provision first. Disposed-of records are not returned. Fewer than two meaningful
    characters match nothing."""
    wanted = comparable(name_text or "")
    if len(wanted) < MIN_NAME_LENGTH:
        return []
    rows = conn.execute(
        "SELECT id, ref, direction, basis, provided_on, last_provided_on, counterparty_name, "
        "data_items, subject_identification, retention_until, disposed_on FROM provision_record "
        "WHERE disposed_on IS NULL AND subject_identification IS NOT NULL "
        "ORDER BY provided_on, ref"
    )
    found = []
    for row in rows:
        if wanted not in comparable(row[8]):
            continue
        found.append(
            ProvisionMatch(
                record_id=row[0],
                ref=row[1],
                direction=row[2],
                basis=row[3],
                provided_on=date.fromisoformat(row[4]),
                last_provided_on=_date(row[5]),
                counterparty_name=row[6],
                data_items=row[7],
                subject_identification=row[8],
                retention_until=_date(row[9]),
                disposed_on=_date(row[10]),
            )
        )
    return found
