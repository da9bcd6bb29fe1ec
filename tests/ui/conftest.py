"""Fixtures for GUI tests: a ``Session`` on a real encrypted workspace in ``tmp_path``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.storage.workspace import Workspace


@pytest.fixture
def session(workspace: Workspace, qapp) -> Iterator[object]:
    from ui.session import Session

    yield Session(workspace)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo co-op, built once per test run (every area's demo steps take a few seconds)."""
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace

    path = tmp_path_factory.mktemp("demo-template") / "demo.mamori"
    build_demo_workspace(path, DEMO_PASSPHRASE).close()
    return path


@pytest.fixture
def demo_session(tmp_path, qapp, demo_template) -> Iterator[object]:
    """A session on a fresh copy of the demo co-op (20 departments, 300 staff)."""
    from app.demo import DEMO_PASSPHRASE
    from ui.session import Session

    path = tmp_path / "demo.mamori"
    shutil.copyfile(demo_template, path)
    workspace = Workspace.open(path, DEMO_PASSPHRASE)
    yield Session(workspace)
    workspace.close()
