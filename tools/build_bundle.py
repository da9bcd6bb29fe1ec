"""Build the one-folder bundle and prove it: the same steps on Linux (CI) and Windows.

    python tools/build_bundle.py                 # compile translations, PyInstaller, self-test
    python tools/build_bundle.py --skip-build    # only run the self-tests of dist/Mamori

1. ``python -m tools.i18n compile`` (the bundle ships the .mo files);
2. ``python -m PyInstaller --noconfirm --clean pyinstaller.spec`` -> ``dist/Mamori``;
3. the frozen ``Mamori --self-test`` with ``QT_QPA_PLATFORM=offscreen``, its report read from a
   file (a windowed Windows executable has no console), and its exit code checked;
4. the failure path: ``MAMORI_SELFTEST_FAIL=pdf`` must exit 1 naming the step, so a broken bundle
   cannot pass by printing nothing;
5. the bundle's size, with its largest parts.

Exits non-zero if any step fails. Needs ``pip install -r requirements-build.txt`` first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "Mamori"
BUNDLE = ROOT / "dist" / APP_NAME
EXECUTABLE = BUNDLE / (f"{APP_NAME}.exe" if os.name == "nt" else APP_NAME)
REPORT = ROOT / "build" / "self-test-report.txt"
SELF_TEST_TIMEOUT = 300  # seconds; it takes a few
FORCED_STEP = "pdf"


class BuildError(Exception):
    pass


def run(*command: object, env: dict[str, str] | None = None) -> None:
    print(f"+ {' '.join(str(part) for part in command)}", flush=True)
    result = subprocess.run([str(part) for part in command], cwd=ROOT, env=env)
    if result.returncode != 0:
        raise BuildError(f"{command[1:3]} exited with {result.returncode}")


def self_test(extra_env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run the frozen self-test; returns its exit code and its report."""
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.unlink(missing_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(extra_env or {})}
    if extra_env is None:
        env.pop("MAMORI_SELFTEST_FAIL", None)
    command = [str(EXECUTABLE), "--self-test", "--self-test-report", str(REPORT)]
    print(f"+ {' '.join(command)}", flush=True)
    try:
        # Output goes to the report file; the console copy is dropped so nothing prints twice.
        result = subprocess.run(
            command,
            cwd=BUNDLE.parent,
            env=env,
            timeout=SELF_TEST_TIMEOUT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    except subprocess.TimeoutExpired:
        raise BuildError(f"the self-test did not finish in {SELF_TEST_TIMEOUT} s") from None
    report = REPORT.read_text(encoding="utf-8") if REPORT.is_file() else ""
    if result.stderr:
        report += result.stderr.decode("utf-8", "replace")
    return result.returncode, report


def bundle_size(folder: Path) -> tuple[int, int, dict[str, int]]:
    """Bytes and files under ``folder`` (symlinks not followed), and the bytes of each part."""
    total = files = 0
    parts: dict[str, int] = {}
    internal = folder / "_internal"
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        files += 1
        top = path.relative_to(internal).parts[0] if internal in path.parents else path.name
        parts[top] = parts.get(top, 0) + size
    return total, files, parts


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--skip-build", action="store_true", help="test the existing dist/Mamori")
    parser.add_argument(
        "--max-mib", type=float, default=None, help="fail if the bundle is larger than this"
    )
    args = parser.parse_args(argv)
    timings: list[tuple[str, float]] = []
    try:
        if not args.skip_build:
            started = time.monotonic()
            run(sys.executable, "-m", "tools.i18n", "compile")
            run(
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--clean",
                "--log-level=WARN",
                "pyinstaller.spec",
            )
            timings.append(("build", time.monotonic() - started))
        if not EXECUTABLE.is_file():
            raise BuildError(f"{EXECUTABLE} does not exist; build it first")

        started = time.monotonic()
        code, report = self_test()
        print(report, end="", flush=True)
        if code != 0 or "self-test steps passed" not in report:
            raise BuildError(f"the frozen self-test failed (exit code {code})")
        code, report = self_test({"MAMORI_SELFTEST_FAIL": FORCED_STEP})
        if code != 1 or f"FAILED at step: {FORCED_STEP}" not in report:
            print(report, flush=True)
            raise BuildError(f"a forced failure was not reported (exit code {code})")
        print(f"forced failure of step '{FORCED_STEP}': exit code 1, step named: ok")
        timings.append(("self-test", time.monotonic() - started))
    except BuildError as exc:
        print(f"build_bundle: {exc}", file=sys.stderr)
        return 1

    total, files, parts = bundle_size(BUNDLE)
    largest = sorted(parts.items(), key=lambda item: item[1], reverse=True)[:8]
    print(f"bundle: {BUNDLE.relative_to(ROOT)} is {mib(total)} in {files} files")
    print("largest parts: " + ", ".join(f"{name} {mib(size)}" for name, size in largest))
    print("timings: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in timings))
    if args.max_mib is not None and total > args.max_mib * 2**20:
        print(f"build_bundle: the bundle exceeds {args.max_mib} MiB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
