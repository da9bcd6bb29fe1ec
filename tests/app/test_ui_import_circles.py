"""The import wizard's pages render the flow (``app.importing.flow``) and never import the wizard,
not even for type hints: the wizard ↔ pages circle is gone for good.

Import circles in general are ``tests/app/test_import_layers.py``'s; this reads every import
statement of the pages, including ``TYPE_CHECKING`` ones, with ``ast`` (no QApplication).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "ui" / "import_wizard" / "pages.py"
PARTS = ROOT / "ui" / "import_wizard" / "parts.py"


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_scan_sees_type_checking_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import ui.x\n")
    assert "ui.x" in imported_modules(sample)


def test_the_wizard_pages_render_the_flow_without_importing_the_wizard():
    for path in (PAGES, PARTS):
        modules = imported_modules(path)
        assert not {m for m in modules if m.startswith("ui.import_wizard.wizard")}, path.name
        assert "ui.import_wizard" not in modules, path.name
    assert "app.importing.flow" in imported_modules(PAGES)
