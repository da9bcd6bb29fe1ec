"""Key derivation that matches SQLCipher 4's defaults exactly.

SQLCipher 4 derives the page key as PBKDF2-HMAC-SHA512(passphrase, salt, 256,000 iterations, 32 bytes),
where the salt is the first 16 bytes of the file. Deriving it ourselves once per unlock lets every further
connection of the session open with the raw key (``x'<key><salt>'``), skipping ~0.1-0.4 s of KDF each time,
while the file stays a standard SQLCipher 4 database that any client opens with the passphrase alone.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from app.errors import WorkspaceLockedError
from app.i18n import _

KDF_ITERATIONS = 256_000
KEY_BYTES = 32
SALT_BYTES = 16


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def read_salt(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def normalise_passphrase(passphrase: str) -> str:
    """NFC: the same passphrase typed on any keyboard or IME gives the same bytes (a decomposed
    が from a Mac or a paste and the composed が typed on Windows)."""
    return unicodedata.normalize("NFC", passphrase)


def derive_key(passphrase: str, salt: bytes) -> bytes:
    return derive_exact(normalise_passphrase(passphrase), salt)


def derive_exact(passphrase: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac(
        "sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, dklen=KEY_BYTES
    )


def candidate_keys(passphrase: str, salt: bytes) -> Iterator[SessionKey]:
    """The NFC key first; then, for workspaces created before passphrases were normalised, the
    passphrase exactly as typed and its NFD form (each derived only if the one before failed)."""
    tried: set[str] = set()
    for form in (
        normalise_passphrase(passphrase),
        passphrase,
        unicodedata.normalize("NFD", passphrase),
    ):
        if form not in tried:
            tried.add(form)
            yield SessionKey(derive_exact(form, salt), salt)


class SessionKey:
    """The derived key of an unlocked session. ``wipe()`` overwrites it when the session locks."""

    def __init__(self, key: bytes, salt: bytes) -> None:
        self._material = bytearray(key + salt)

    @classmethod
    def derive(cls, passphrase: str, salt: bytes) -> SessionKey:
        return cls(derive_key(passphrase, salt), salt)

    def material_hex(self) -> str:
        if self.wiped:
            raise WorkspaceLockedError(_("The workspace is locked; unlock it to go on."))
        return self._material.hex()

    @classmethod
    def from_hex(cls, text: str) -> SessionKey:
        material = bytes.fromhex(text)
        if len(material) != KEY_BYTES + SALT_BYTES:
            raise ValueError("a key and its salt are 48 bytes")
        return cls(material[:KEY_BYTES], material[KEY_BYTES:])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SessionKey):
            return NotImplemented
        return hmac.compare_digest(bytes(self._material), bytes(other._material))

    __hash__ = None  # type: ignore[assignment]

    def copy(self) -> SessionKey:
        """An independent copy (wiping one leaves the other), e.g. to reopen after a restore."""
        return SessionKey(bytes(self._material[:KEY_BYTES]), bytes(self._material[KEY_BYTES:]))

    @property
    def wiped(self) -> bool:
        return not any(self._material)

    def pragma_literal(self) -> str:
        """The value for ``PRAGMA key``: a raw key with its salt, in SQLCipher's blob syntax."""
        if self.wiped:
            raise WorkspaceLockedError(_("The workspace is locked; unlock it to go on."))
        return f"\"x'{self._material.hex()}'\""

    def wipe(self) -> None:
        for index in range(len(self._material)):
            self._material[index] = 0
