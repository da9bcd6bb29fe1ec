"""“Remember on this PC”: passphrases kept in the OS credential store through keyring.

On Windows that is the Credential Manager. Where no working backend exists the feature is simply
unavailable (the UI hides the option); it never raises at the officer.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import keyring
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "Mamori workspace"
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


def recall(workspace: Path) -> str | None:
    if not available():
        return None
    try:
        return keyring.get_password(SERVICE, _account(workspace))
    except (KeyringError, OSError):
        log.warning("the credential store could not be read")
        return None


def remember(workspace: Path, passphrase: str) -> bool:
    if not available():
        return False
    try:
        keyring.set_password(SERVICE, _account(workspace), passphrase)
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
