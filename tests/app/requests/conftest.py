"""One workspace per test module (creating one derives a key: ~0.4 s)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.i18n import set_language


@pytest.fixture(scope="module")
def shared_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    from app.storage.workspace import Workspace

    set_language("en")
    ws = Workspace.create(
        tmp_path_factory.mktemp("requests") / "requests.mamori",
        "requests-module-passphrase",
        {"name": "テスト生活協同組合"},
    )
    yield ws
    ws.close()
