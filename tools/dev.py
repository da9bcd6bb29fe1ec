"""One-command set-up for developers, on Windows, macOS and Linux.

    python tools/dev.py run-demo   # install, then open Mamori on a throw-away demo workspace
    python tools/dev.py test       # install (with test tools), then run the whole test suite

Both create ``.venv`` beside this repository (if missing), install the pinned requirements, compile
the translations, and on Linux install the system libraries Qt needs (apt-get) when they are missing.
Extra arguments after ``test`` go to pytest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
# Debian/Ubuntu packages providing the shared libraries PySide6's Qt links against (offscreen + xcb).
QT_DEBIAN_PACKAGES = (
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxcb-sync1",
    "libxcb-shm0",
)


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def run(*command: object, **kwargs: object) -> None:
    printable = " ".join(str(part) for part in command)
    print(f"+ {printable}", flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT, **kwargs)  # type: ignore[arg-type]


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    return python


def install(python: Path, requirements: str) -> None:
    run(python, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", requirements)


def compile_translations(python: Path) -> None:
    run(python, "-m", "tools.i18n", "compile")


def missing_qt_libraries(python: Path) -> list[str]:
    """Shared libraries the Qt platform plugins need but the system lacks (Linux only)."""
    probe = (
        "import os, PySide6; q = os.path.join(os.path.dirname(PySide6.__file__), 'Qt');"
        "print(os.path.join(q, 'plugins', 'platforms', 'libqoffscreen.so'));"
        "print(os.path.join(q, 'plugins', 'platforms', 'libqxcb.so'));"
        "print(os.path.join(q, 'lib', 'libQt6Widgets.so.6'))"
    )
    paths = subprocess.run(
        [str(python), "-c", probe], check=True, capture_output=True, text=True
    ).stdout.split()
    missing: set[str] = set()
    for path in paths:
        if not Path(path).exists() or shutil.which("ldd") is None:
            continue
        output = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
        missing.update(line.split()[0] for line in output.splitlines() if "not found" in line)
    return sorted(missing)


def ensure_qt_system_libraries(python: Path) -> None:
    if not sys.platform.startswith("linux"):
        return
    missing = missing_qt_libraries(python)
    if not missing:
        return
    print(f"Qt needs system libraries that are missing: {', '.join(missing)}", flush=True)
    if shutil.which("apt-get") is None:
        sys.exit("Install them with your distribution's package manager, then run this again.")
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*prefix, "apt-get", "update", "-qq", env=env)
    run(
        *prefix,
        "apt-get",
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        *QT_DEBIAN_PACKAGES,
        env=env,
    )


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run-demo", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    python = ensure_venv()
    install(python, "requirements-dev.txt" if command == "test" else "requirements.txt")
    compile_translations(python)
    ensure_qt_system_libraries(python)
    if command == "run-demo":
        return subprocess.call([str(python), "main.py", "--demo", *rest], cwd=ROOT)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    return subprocess.call(
        [str(python), "-m", "pytest", "-p", "no:cacheprovider", *rest], cwd=ROOT, env=env
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
