"""The audit trail's anchor: its newest entry (id and hash) kept outside the workspace file.

The hash chain inside the file shows that no entry was altered, inserted or removed *in the middle*;
it cannot show that the newest entries were cut off, nor that someone holding the passphrase rebuilt
the whole chain. So after every committed change the chain head is also written where the file
cannot reach it: a private file in this user's data folder and the OS credential store (Windows
Credential Manager), and it is printed on every board report and backup manifest. ``verify`` then
requires the trail to contain the anchored entry with the anchored hash.

A trail that has grown past its anchor is fine (the anchor is a lower bound). Restoring a backup
legitimately shortens the trail: the restore is itself an audit entry, and the anchor is reset to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.i18n import _
from app.paths import user_data_dir
from app.storage.crypto import read_salt
from app.storage.database import Connection

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Mamori audit anchor"
SHORT_HASH = 16
WEEKLY = timedelta(days=7)
_PRINTED = re.compile(r"^\s*#?(\d+)\s*[:/ ]\s*([0-9a-fA-F]{8,64})\s*$")


@dataclass(frozen=True)
class ChainHead:
    entry_id: int
    hash: str
    recorded_at: str = ""

    @property
    def printed(self) -> str:
        """The form printed on reports and manifests: ``#1234:9f2c…`` (16 hex digits)."""
        return f"#{self.entry_id}:{self.hash[:SHORT_HASH]}"

    @classmethod
    def parse(cls, text: str) -> ChainHead:
        """Read a printed anchor (``#1234:9f2c04ab…``, as on a board report's cover)."""
        match = _PRINTED.match(text)
        if not match:
            raise ValueError(
                _("'{text}' is not an audit-trail anchor (expected #ID:HASH).").format(text=text)
            )
        return cls(int(match.group(1)), match.group(2).lower())


def current_head(conn: Connection) -> ChainHead | None:
    row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else ChainHead(int(row[0]), str(row[1]))


def printed_head(conn: Connection) -> str:
    """The trail's head as printed on a board report's cover (``Snapshot.audit_anchor``) or a
    backup manifest: ``#1234:9f2c04ab…``; empty for a trail with no entry."""
    head = current_head(conn)
    return head.printed if head is not None else ""


def check(conn: Connection, anchor: ChainHead, source: str) -> str | None:
    """Why the trail does not hold ``anchor``, or None when it does. ``source`` names where the
    anchor came from (this PC, a backup manifest, a printed report)."""
    row = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (anchor.entry_id,)).fetchone()
    if row is None:
        newest = current_head(conn)
        return _(
            "The audit trail ends at entry {last}, but {source} recorded entry {id}{when}: the "
            "newest entries were removed."
        ).format(
            last=newest.entry_id if newest else 0,
            source=source,
            id=anchor.entry_id,
            when=_(" on {date}").format(date=anchor.recorded_at[:10]) if anchor.recorded_at else "",
        )
    if not str(row[0]).startswith(anchor.hash):
        return _(
            "Audit entry {id} is not the entry {source} recorded: the trail was rewritten."
        ).format(id=anchor.entry_id, source=source)
    return None


def anchor_id(workspace: Path, salt: bytes | None = None) -> str:
    """Which anchor belongs to this file: its place and its salt (a copy elsewhere, or another
    workspace later saved under the same name, gets an anchor of its own). ``salt`` is for a file
    about to be put there (a restore)."""
    path = Path(workspace).resolve()
    salt_hex = (salt if salt is not None else read_salt(path)).hex()
    return hashlib.sha256(f"{path}\n{salt_hex}".encode()).hexdigest()[:32]


def _anchor_file(key: str) -> Path:
    folder = user_data_dir() / "anchors"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / f"{key}.json"


class AnchorStore:
    """Reads and writes one workspace's anchor in both places; never raises at the officer."""

    def __init__(self, workspace: Path, salt: bytes | None = None) -> None:
        self.workspace = Path(workspace)
        self.key = anchor_id(workspace, salt)

    def load(self) -> list[tuple[str, ChainHead]]:
        """Every anchor found, each with the words naming where it was kept."""
        found: list[tuple[str, ChainHead]] = []
        head = self._load_file()
        if head is not None:
            found.append((_("this PC's anchor file"), head))
        head = self._load_keyring()
        if head is not None:
            found.append((_("the credential store"), head))
        return found

    def newest(self) -> ChainHead | None:
        heads = [head for _source, head in self.load()]
        return max(heads, key=lambda head: head.entry_id, default=None)

    def save(self, entry_id: int, digest: str) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        payload = json.dumps(
            {"id": entry_id, "hash": digest, "at": now, "file": str(self.workspace)}
        )
        self._save_file(payload)
        self._save_keyring(payload)

    # ----- when the full check last ran on this PC (for the weekly check) -------------------

    def full_check_done(self, when: datetime | None = None) -> None:
        moment = (when or datetime.now(UTC)).isoformat(timespec="seconds")
        with contextlib.suppress(OSError):
            _anchor_file(self.key).with_suffix(".verified").write_text(moment, encoding="utf-8")

    def full_check_due(self, now: datetime | None = None, every: timedelta = WEEKLY) -> bool:
        try:
            text = _anchor_file(self.key).with_suffix(".verified").read_text(encoding="utf-8")
            last = datetime.fromisoformat(text.strip())
        except (OSError, ValueError):
            return True
        return (now or datetime.now(UTC)) - last >= every

    def _load_file(self) -> ChainHead | None:
        try:
            return _decode(_anchor_file(self.key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _save_file(self, payload: str) -> None:
        target = _anchor_file(self.key)
        try:
            fd, name = tempfile.mkstemp(prefix=".anchor-", suffix=".tmp", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(name, target)
        except OSError:
            log.warning("the audit anchor file could not be written")
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(name)

    def _load_keyring(self) -> ChainHead | None:
        from app import secrets

        text = secrets.read_secret(KEYRING_SERVICE, self.key)
        if text is None:
            return None
        try:
            return _decode(text)
        except ValueError:
            return None

    def _save_keyring(self, payload: str) -> None:
        from app import secrets

        secrets.write_secret(KEYRING_SERVICE, self.key, payload)


def _decode(text: str) -> ChainHead:
    try:
        data = json.loads(text)
        return ChainHead(int(data["id"]), str(data["hash"]), str(data.get("at", "")))
    except (KeyError, TypeError) as exc:
        raise ValueError(str(exc)) from None
