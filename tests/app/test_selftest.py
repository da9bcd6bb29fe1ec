"""``python main.py --self-test`` from source: every step passes, a failing step is named, and
nothing outside its own temporary folder is touched. The frozen bundle runs the same self-test in
``tools/build_bundle.py``; the version resource it carries is checked here too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.selftest import FAIL_ENV
from tools.make_version_resource import version_resource_text, version_tuple
from ui.selftest import STEP_NAMES

ROOT = Path(__file__).resolve().parents[2]


def run_self_test(tmp_path: Path, *args: str, fail: str | None = None) -> tuple[int, list[str]]:
    home = tmp_path / "home"  # stands for the officer's real folders: must stay empty
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "MAMORI_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop(FAIL_ENV, None)
    if fail is not None:
        env[FAIL_ENV] = fail
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--self-test", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
    assert list(home.iterdir()) == [], "the self-test wrote into MAMORI_HOME"
    return result.returncode, result.stdout.splitlines() + result.stderr.splitlines()


def test_every_step_passes_and_everything_is_deleted(tmp_path: Path) -> None:
    report = tmp_path / "reports" / "self-test.txt"
    code, lines = run_self_test(tmp_path, "--self-test-report", str(report))
    assert code == 0, "\n".join(lines)
    assert lines[0].startswith(f"Mamori {__version__} self-test")
    for name in STEP_NAMES:
        assert any(line.startswith(f"✓ {name}: ") for line in lines), f"no ✓ line for {name}"
    assert not any(line.startswith("✗") for line in lines)
    assert lines[-1].startswith(f"Mamori {__version__}: all {len(STEP_NAMES)} self-test steps")
    # Its temporary folder (workspace, XLSX, PDF) is gone.
    cleanup = next(line for line in lines if line.startswith("✓ cleanup: removed "))
    folder = Path(re.sub(r" \(.*\)$", "", cleanup.removeprefix("✓ cleanup: removed ")))
    assert folder.name.startswith("mamori-selftest-")
    assert not folder.exists()
    # The report file holds the same lines (a windowed Windows build has no console).
    assert report.read_text(encoding="utf-8").splitlines() == lines


@pytest.mark.parametrize("step", ["workspace", "xlsx", "qt"])
def test_a_failing_step_is_named_and_exits_1(tmp_path: Path, step: str) -> None:
    code, lines = run_self_test(tmp_path, fail=step)
    assert code == 1
    assert any(line.startswith(f"✗ {step}: SelfTestError: failed on purpose") for line in lines)
    assert lines[-1] == f"Mamori {__version__}: self-test FAILED at step: {step}"
    later = STEP_NAMES[STEP_NAMES.index(step) + 1 : -1]
    assert not any(line.startswith(f"✓ {name}:") for name in later for line in lines)
    assert any(line.startswith("✓ cleanup: removed ") for line in lines), "cleanup must still run"


def test_a_failing_cleanup_is_named(tmp_path: Path) -> None:
    code, lines = run_self_test(tmp_path, fail="cleanup")
    assert code == 1
    assert lines[-1].endswith("FAILED at step: cleanup")


def test_an_unknown_step_name_fails_rather_than_passing_silently(tmp_path: Path) -> None:
    code, lines = run_self_test(tmp_path, fail="no-such-step")
    assert code == 1
    assert lines[-1].endswith("FAILED at step: self-test")


def test_importing_the_self_test_keeps_the_core_qt_free() -> None:
    probe = "import sys, app.selftest, main; assert 'PySide6' not in sys.modules"
    subprocess.run([sys.executable, "-c", probe], cwd=ROOT, check=True, timeout=60)


def test_version_resource_comes_from_the_package_version() -> None:
    assert version_tuple("0.1.0") == (0, 1, 0, 0)
    assert version_tuple("1.2.3.4.5") == (1, 2, 3, 4)
    assert version_tuple("2.0rc1") == (2, 0, 0, 0)
    with pytest.raises(ValueError):
        version_tuple("unknown")
    text = version_resource_text()
    assert f"filevers={version_tuple(__version__)}" in text
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert "StringStruct('OriginalFilename', 'Mamori.exe')" in text
