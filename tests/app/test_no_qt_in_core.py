"""House rule 1: nothing in ``app/`` or ``reports/`` imports PySide6 (or ``ui/``).

Each check runs in a fresh interpreter, so modules imported by other tests cannot hide a leak.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE_PACKAGES = ("app", "reports")

_PROBE = r"""
import importlib, json, pkgutil, sys

packages = sys.argv[1].split(",")
imported, failed = [], {}
for name in packages:
    package = importlib.import_module(name)
    imported.append(name)
    prefix = name + "."
    for info in pkgutil.walk_packages(package.__path__, prefix, onerror=lambda n: None):
        try:
            importlib.import_module(info.name)
        except Exception as exc:
            failed[info.name] = f"{type(exc).__name__}: {exc}"
        else:
            imported.append(info.name)
qt = sorted(m for m in sys.modules if m == "PySide6" or m.startswith("PySide6."))
ui = sorted(m for m in sys.modules if m == "ui" or m.startswith("ui."))
reports = sorted(m for m in sys.modules if m == "reports" or m.startswith("reports."))
print(json.dumps({"imported": imported, "failed": failed, "qt": qt, "ui": ui, "reports": reports}))
"""


def probe(*packages: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, ",".join(packages)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def expected_modules(package: str) -> set[str]:
    root = ROOT / package
    names = set()
    for path in root.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.add(".".join(parts))
    return names


def test_core_imports_no_qt() -> None:
    report = probe(*CORE_PACKAGES)
    assert report["failed"] == {}, report["failed"]
    wanted = set().union(*(expected_modules(p) for p in CORE_PACKAGES))
    assert wanted <= set(report["imported"]), wanted - set(report["imported"])
    assert report["qt"] == [], "app/ or reports/ imported PySide6"
    assert report["ui"] == [], "app/ or reports/ imported ui/"


def test_app_never_imports_reports() -> None:
    """The report writers are handed to app/ from above (main.py, the window), never imported."""
    report = probe("app")
    assert report["failed"] == {}, report["failed"]
    assert report["reports"] == [], f"app/ imported {report['reports']}"


def test_the_probe_would_see_qt() -> None:
    """The check is not vacuous: importing a ui module does load PySide6 in the probe."""
    report = probe("ui")
    assert "PySide6" in report["qt"]
