"""Fixtures of the import tests (the file writers themselves are in ``import_helpers``)."""

from __future__ import annotations

from typing import Any

import pytest
from import_helpers import HEADERS, ROWS


@pytest.fixture
def roster_rows() -> list[list[Any]]:
    """Headings and three people, fresh for each test (tests may change them)."""
    return [list(HEADERS), *[list(row) for row in ROWS]]
