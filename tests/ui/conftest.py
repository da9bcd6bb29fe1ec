"""Fixtures for GUI tests: a ``Session`` on a real encrypted workspace in ``tmp_path``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.storage.workspace import Workspace


@pytest.fixture
def session(workspace: Workspace, qapp) -> Iterator[object]:
    from ui.session import Session

    yield Session(workspace)


@pytest.fixture
def demo_session(tmp_path, qapp) -> Iterator[object]:
    """A session on the demo co-op (20 departments, 300 staff)."""
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace
    from ui.session import Session

    workspace = build_demo_workspace(tmp_path / "demo.mamori", DEMO_PASSPHRASE)
    yield Session(workspace)
    workspace.close()
