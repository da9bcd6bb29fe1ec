"""Passphrases are Unicode-normalised (NFC); workspaces made before still open with their form."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from app.errors import WrongPassphraseError
from app.storage.workspace import Workspace
from tests.app.reliability.helpers import tamper

COMPOSED = unicodedata.normalize("NFC", "がっこう-ぱすふれーず-ポプラ-42")
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)


def test_the_decomposed_form_opens_a_workspace_made_with_the_composed_one(tmp_path: Path):
    assert COMPOSED != DECOMPOSED
    path = tmp_path / "nfc.mamori"
    Workspace.create(path, COMPOSED).close()
    with Workspace.open(path, DECOMPOSED) as ws:  # typed on a Mac, or pasted
        assert ws.check_passphrase(COMPOSED) and ws.check_passphrase(DECOMPOSED)
    with pytest.raises(WrongPassphraseError):
        Workspace.open(path, COMPOSED + "x")


def test_a_workspace_made_before_normalisation_still_opens(tmp_path: Path) -> None:
    """Its key came from the decomposed bytes exactly as typed (SQLCipher's own derivation)."""
    path = tmp_path / "old.mamori"
    Workspace.create(path, COMPOSED).close()
    tamper(
        path, COMPOSED, f"PRAGMA rekey = '{DECOMPOSED}'"
    )  # as an older Mamori would have keyed it
    for typed in (DECOMPOSED, COMPOSED):
        with Workspace.open(path, typed) as ws:
            assert ws.schema_version > 0
    with Workspace.open(path, COMPOSED) as ws:
        ws.change_passphrase(COMPOSED, COMPOSED)  # re-keyed with the normalised form from now on
    tamper(path, COMPOSED, "SELECT count(*) FROM sqlite_master")  # any SQLCipher 4 client
