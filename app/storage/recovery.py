"""The recovery key: regaining a workspace whose passphrase is lost, without weakening the file.

The workspace stays a plain SQLCipher 4 file keyed by the passphrase (any SQLCipher 4 client opens
it). Beside it, ``<name>.mamori-recovery`` holds the file's raw key wrapped with a key-encryption
key (KEK) derived with scrypt from a random recovery key. The recovery key is shown once, when the
workspace is created, to be printed and kept by the audit officer or in the board's safe; Mamori
keeps only the KEK, *inside* the encrypted workspace, so that after a passphrase change it can wrap
the new key again without asking for the recovery key. Whoever holds the recovery key and the
``.mamori-recovery`` file can set a new passphrase (``python main.py recover``); the recovery file
alone, or the recovery key alone, opens nothing.

Wrapping: the 32-byte key is XORed with HMAC-SHA256(KEK, "mamori-wrap" ‖ nonce) (a fresh nonce
each time) and authenticated with HMAC-SHA256(KEK, "mamori-tag" ‖ nonce ‖ wrapped ‖ salt of the
file), so a wrong recovery key or a recovery file of another workspace is refused, never misused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from app.atomic import write_bytes
from app.errors import WorkspaceError
from app.i18n import _
from app.storage import audit
from app.storage.crypto import KEY_BYTES, SessionKey, read_salt
from app.storage.database import Connection, write_transaction

if TYPE_CHECKING:
    from app.storage.workspace import Workspace

SUFFIX = "-recovery"  # coop.mamori → coop.mamori-recovery
KEY_GROUPS, GROUP_CHARS = 8, 4  # 32 base32 characters: 160 random bits
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
META_KEK = "recovery_kek"
META_FINGERPRINT = "recovery_fingerprint"


def recovery_path(workspace: Path) -> Path:
    return Path(workspace).with_name(Path(workspace).name + SUFFIX)


def new_recovery_key() -> str:
    text = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(text[i : i + GROUP_CHARS] for i in range(0, KEY_GROUPS * GROUP_CHARS, 4))


def _normalise(recovery_key: str) -> bytes:
    """Spaces, dashes and case do not matter; 0/1/8 typed for O/I/B are read as meant."""
    text = recovery_key.upper().translate(str.maketrans("018", "OIB"))
    return "".join(char for char in text if char.isalnum()).encode("ascii", "ignore")


def _kek(recovery_key: str, salt: bytes) -> bytes:
    return hashlib.scrypt(_normalise(recovery_key), salt=salt, dklen=32, **SCRYPT)


def _stream(kek: bytes, nonce: bytes) -> bytes:
    return hmac.new(kek, b"mamori-wrap" + nonce, hashlib.sha256).digest()


def _tag(kek: bytes, nonce: bytes, wrapped: bytes, db_salt: bytes) -> bytes:
    return hmac.new(kek, b"mamori-tag" + nonce + wrapped + db_salt, hashlib.sha256).digest()


def _wrap_one(kek: bytes, key: SessionKey) -> dict[str, str]:
    material = bytes.fromhex(key.material_hex())
    raw, db_salt = material[:KEY_BYTES], material[KEY_BYTES:]
    nonce = os.urandom(16)
    wrapped = bytes(a ^ b for a, b in zip(raw, _stream(kek, nonce), strict=True))
    return {
        "nonce": nonce.hex(),
        "wrapped": wrapped.hex(),
        "tag": _tag(kek, nonce, wrapped, db_salt).hex(),
    }


def _write(path: Path, kek: bytes, scrypt_salt: bytes, keys: list[SessionKey]) -> None:
    """The recovery file with one wrap per key (two only while a passphrase is being changed,
    so that a crash on either side of the change leaves a wrap that opens the file)."""
    payload = {
        "version": 1,
        "kdf": {"name": "scrypt", **SCRYPT, "salt": scrypt_salt.hex()},
        "fingerprint": _fingerprint(kek),
        "wraps": [_wrap_one(kek, key) for key in keys],
    }
    write_bytes(recovery_path(path), json.dumps(payload, indent=1).encode())


def _fingerprint(kek: bytes) -> str:
    return hashlib.sha256(b"mamori-fingerprint" + kek).hexdigest()[:12]


def set_up(workspace: Workspace) -> str:
    """A new recovery key for ``workspace``: returns it (show it once), keeps the KEK inside the
    workspace and the wrapped key beside it. Replaces any earlier recovery key."""
    recovery_key = new_recovery_key()
    scrypt_salt = os.urandom(16)
    kek = _kek(recovery_key, scrypt_salt)
    fingerprint = _fingerprint(kek)
    conn = workspace.conn
    with write_transaction(conn):
        _store(conn, META_KEK, json.dumps({"kek": kek.hex(), "salt": scrypt_salt.hex()}))
        _store(conn, META_FINGERPRINT, fingerprint)
        audit.append(conn, "recovery", detail={"fingerprint": fingerprint})
    _write(workspace.path, kek, scrypt_salt, [workspace.session_key])
    return recovery_key


def _store(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = ?",
        (key, value, value),
    )


def _stored_kek(workspace: Workspace) -> tuple[bytes, bytes] | None:
    row = workspace.conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEK,)).fetchone()
    if row is None:
        return None
    stored = json.loads(row[0])
    return bytes.fromhex(stored["kek"]), bytes.fromhex(stored["salt"])


def before_rekey(workspace: Workspace, new_key: SessionKey) -> None:
    """Wrap the coming key beside the current one, before the file is re-encrypted."""
    stored = _stored_kek(workspace)
    if stored is not None:
        _write(workspace.path, *stored, [new_key, workspace.session_key])


def after_rekey(workspace: Workspace) -> None:
    """Keep only the wrap of the key now in use."""
    stored = _stored_kek(workspace)
    if stored is not None:
        _write(workspace.path, *stored, [workspace.session_key])


def copy_beside(source_workspace: Path, target: Path) -> None:
    """The recovery file of ``source_workspace`` beside a copy of it (a backup, a restore)."""
    source = recovery_path(source_workspace)
    if source.is_file():
        write_bytes(recovery_path(target), source.read_bytes())


def has_recovery(workspace: Path) -> bool:
    return recovery_path(workspace).is_file()


def unwrap(workspace: Path, recovery_key: str) -> SessionKey:
    """The key that opens ``workspace``, from its recovery file and the recovery key."""
    path = recovery_path(workspace)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        scrypt_salt = bytes.fromhex(data["kdf"]["salt"])
        wraps = [
            (
                bytes.fromhex(item["nonce"]),
                bytes.fromhex(item["wrapped"]),
                bytes.fromhex(item["tag"]),
            )
            for item in data["wraps"]
        ]
    except FileNotFoundError:
        raise WorkspaceError(
            _(
                "There is no recovery file {path} beside the workspace; without it the recovery "
                "key cannot open it."
            ).format(path=path.name)
        ) from None
    except (OSError, ValueError, KeyError, TypeError):
        raise WorkspaceError(_("The recovery file {path} is damaged.").format(path=path)) from None
    db_salt = read_salt(Path(workspace))
    kek = _kek(recovery_key, scrypt_salt)
    keys = [
        SessionKey(bytes(a ^ b for a, b in zip(wrapped, _stream(kek, nonce), strict=True)), db_salt)
        for nonce, wrapped, tag in wraps
        if hmac.compare_digest(_tag(kek, nonce, wrapped, db_salt), tag)
    ]
    if not keys:
        raise WorkspaceError(
            _(
                "This recovery key does not open {path} (or the recovery file belongs to another "
                "workspace). Check the key as printed and try again."
            ).format(path=Path(workspace).name)
        )
    return _the_key_that_opens(Path(workspace), keys)


def _the_key_that_opens(workspace: Path, keys: list[SessionKey]) -> SessionKey:
    from app.storage.database import connect

    for key in keys:
        try:
            connect(workspace, key).close()
        except WorkspaceError:
            continue
        return key
    raise WorkspaceError(
        _(
            "The recovery file {path} belongs to an earlier state of the workspace (its "
            "passphrase was changed without Mamori)."
        ).format(path=recovery_path(workspace).name)
    )
