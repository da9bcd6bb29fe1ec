"""“Remember on this PC”: the workspace's derived key kept in the OS credential store (keyring).

On Windows that is the Credential Manager. What is stored is the key SQLCipher derives from the
passphrase and the file's salt (PBKDF2-HMAC-SHA512, 256,000 rounds), never the passphrase itself:
the key opens this one file, but does not reveal a passphrase the officer may use elsewhere, and
it stops working when the passphrase is changed. Entries written by earlier versions (the
passphrase itself) are replaced by the key the first time they are read. Where no working backend
exists the feature is simply unavailable (the UI hides the option); it never raises at the officer.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import keyring
from keyring.errors import KeyringError

from app.storage.crypto import SALT_BYTES, SessionKey, read_salt

log = logging.getLogger(__name__)

SERVICE = "Mamori workspace"
KEY_PREFIX = "mamori-key-v1:"
_UNUSABLE_BACKENDS = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def _account(workspace: Path) -> str:
    return str(Path(workspace).resolve())


def available() -> bool:
    try:
        backend = keyring.get_keyring()
    except Exception:
        return False
    module = type(backend).__module__
    if module.startswith(_UNUSABLE_BACKENDS):
        return False
    priority = getattr(backend, "priority", 0)
    return not (isinstance(priority, (int, float)) and priority <= 0)


def _key_text(key: SessionKey) -> str:
    return KEY_PREFIX + key.material_hex()


def recall(workspace: Path) -> SessionKey | None:
    """The remembered key of ``workspace`` (``Workspace.open`` takes it in place of a passphrase)."""
    if not available():
        return None
    try:
        stored = keyring.get_password(SERVICE, _account(workspace))
    except (KeyringError, OSError):
        log.warning("the credential store could not be read")
        return None
    if not stored:
        return None
    if stored.startswith(KEY_PREFIX):
        try:
            return SessionKey.from_hex(stored[len(KEY_PREFIX) :])
        except ValueError:
            return None
    key = _derive(workspace, stored)  # an entry of an earlier version: the passphrase itself
    if key is not None:
        remember(workspace, key)
    return key


def _derive(workspace: Path, passphrase: str) -> SessionKey | None:
    try:
        salt = read_salt(Path(workspace))
    except OSError:
        return None
    if len(salt) < SALT_BYTES:
        return None
    return SessionKey.derive(passphrase, salt)


def remember(workspace: Path, secret: str | SessionKey) -> bool:
    """Keep the key of ``workspace``: given as a key, or derived here from the passphrase."""
    if not available():
        return False
    key = secret if isinstance(secret, SessionKey) else _derive(workspace, secret)
    if key is None:
        return False
    try:
        keyring.set_password(SERVICE, _account(workspace), _key_text(key))
    except (KeyringError, OSError):
        log.warning("the credential store could not be written")
        return False
    return True


def forget(workspace: Path) -> None:
    if not available():
        return
    with contextlib.suppress(KeyringError, OSError):
        keyring.delete_password(SERVICE, _account(workspace))


def read_secret(service: str, account: str) -> str | None:
    """Another small secret of Mamori's (the audit anchor), or None when there is none or no store."""
    if not available():
        return None
    try:
        return keyring.get_password(service, account)
    except (KeyringError, OSError):
        return None


def write_secret(service: str, account: str, value: str) -> bool:
    if not available():
        return False
    try:
        keyring.set_password(service, account, value)
    except (KeyringError, OSError):
        log.warning("the credential store could not be written")
        return False
    return True
