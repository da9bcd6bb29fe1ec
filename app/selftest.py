"""``mamori --self-test``: proves that this installation works, end to end, without a screen.

Run inside the frozen bundle by CI (``tools/build_bundle.py``, ``.github/workflows/windows.yml``)
and by support on an officer's PC, it exercises every part that a missing data file, hidden import
or Qt plugin would break: an encrypted workspace in a temporary folder with every migration, a
record, the audit chain, an XLSX export read back with openpyxl, a PDF with Japanese text and the
embedded IPAexGothic font, the translations, zxcvbn, jpholiday, keyring, and Qt (widgets, platform
plugin, image formats, Qt's own Japanese translation) and imports every module of ``app``,
``reports`` and ``ui``. It then deletes everything it wrote. The PDF steps live in
``reports.selftest`` and the Qt steps in ``ui.selftest`` (the core imports neither);
``main.py --self-test`` hands all of them to ``main`` here.

It prints one line per step (``✓ name: detail``) and the version, and exits 0; on the first failure
it prints ``✗ name: error`` and the traceback, still cleans up, names the failing step on the last
line and exits 1. ``--self-test-report PATH`` writes the same lines to a UTF-8 file too: a windowed
Windows executable has no console, so that file (and the exit code) is what CI reads.

Every per-user folder is redirected to the temporary folder (``MAMORI_HOME``) before anything
else runs: the officer's settings, workspaces, logs and credential store are never read or written.

For its own tests only: ``MAMORI_SELFTEST_FAIL=<step name>`` makes that step fail on purpose, so the
failure path can be checked (tests/app/test_selftest.py); nobody else sets it.

The lines are English on purpose: they are a diagnostic read by developers and CI, and are
compared by the tests whatever the officer's language.
"""

from __future__ import annotations

import os
import platform
import secrets
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from app import APP_NAME, __version__

FAIL_ENV = "MAMORI_SELFTEST_FAIL"
HOME_ENV = "MAMORI_HOME"
EXIT_OK, EXIT_FAILED = 0, 1
OK_MARK, FAIL_MARK = "✓", "✗"
JAPANESE_SAMPLE = "個人情報保護管理者 自己診断"  # text that only a Japanese font can draw


class SelfTestError(Exception):
    """A check did not hold."""


def check(condition: object, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


@dataclass
class Context:
    """What the steps share: the temporary folder and what earlier steps made."""

    root: Path
    passphrase: str = field(default_factory=lambda: "self-test-" + secrets.token_hex(12))
    workspace: Any = None  # app.storage.workspace.Workspace once the workspace step ran
    record_name: str = ""
    staff_no: str = ""
    qt_app: Any = None

    @property
    def workspace_path(self) -> Path:
        return self.root / "workspace" / "self-test.mamori"

    @property
    def output_dir(self) -> Path:
        path = self.root / "output"
        path.mkdir(parents=True, exist_ok=True)
        return path


# ----- the steps: each returns a one-line detail, or raises --------------------------------------


def step_resources(ctx: Context) -> str:
    from app.paths import resource_path

    fonts = sorted(resource_path("fonts").glob("*.ttf"))
    check(fonts, f"no bundled font in {resource_path('fonts')}")
    licences = list(resource_path("fonts").glob("*License*"))
    check(licences, "the font licence is missing from resources/fonts")
    catalogues = sorted(resource_path("catalogues").glob("*.json"))
    check(catalogues, "no catalogue files under resources/catalogues")
    compiled = resource_path("locale", "ja", "LC_MESSAGES", "mamori.mo")
    check(compiled.is_file(), f"the compiled Japanese catalogue is missing: {compiled}")
    return (
        f"{resource_path()} has the font and its licence, {len(catalogues)} catalogues, "
        "the compiled Japanese messages"
    )


def step_translations(ctx: Context) -> str:
    from app.i18n import catalogue_available, gettext_in

    check(catalogue_available("ja"), "the Japanese catalogue (mamori.mo) does not load")
    msgid = "Staff number"
    translated = gettext_in("ja", msgid)
    check(translated and translated != msgid, f"{msgid!r} is not translated into Japanese")
    return f"ja catalogue loads: {msgid!r} → {translated!r}"


def step_workspace(ctx: Context) -> str:
    from app.storage.database import SQLITE_PLAINTEXT_HEADER
    from app.storage.workspace import Workspace

    path = ctx.workspace_path
    Workspace.create(path, ctx.passphrase, {"name": "自己診断生活協同組合"}).close()
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_PLAINTEXT_HEADER))
    check(header != SQLITE_PLAINTEXT_HEADER, "the workspace file is not encrypted")
    # Open it again with the passphrase: proves the key derivation SQLCipher would do.
    ctx.workspace = Workspace.open(path, ctx.passphrase)
    return f"created and reopened an encrypted SQLCipher workspace ({path.stat().st_size} bytes)"


def step_migrations(ctx: Context) -> str:
    from app.storage.migrations import MIGRATIONS, SCHEMA_VERSION

    version = ctx.workspace.schema_version
    check(
        version == SCHEMA_VERSION,
        f"user_version is {version}, the latest migration is {SCHEMA_VERSION}",
    )
    return f"{len(MIGRATIONS)} migration(s) applied, user_version = {version}"


def step_record(ctx: Context) -> str:
    from app.registers import get_register
    from app.registers.records import create_record, load_record

    conn = ctx.workspace.conn
    people = get_register("people")
    employment = people.field("employment_type").catalogue
    code = conn.execute(
        "SELECT i.code FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = ? AND i.active ORDER BY i.sort_order LIMIT 1",
        (employment,),
    ).fetchone()
    check(code, f"the catalogue {employment} has no items")
    ctx.staff_no, ctx.record_name = "ST-0001", "守 太郎"
    changes = create_record(
        conn,
        people,
        {
            "staff_no": ctx.staff_no,
            "name": ctx.record_name,
            "kana": "マモリ タロウ",
            "employment_type": code[0],
            "hire_date": "2024-04-01",
        },
        user="self-test",
    )
    stored = load_record(conn, people, changes.record_id)
    check(stored["name"] == ctx.record_name, "the record read back differs from the one written")
    return f"wrote and read back people #{changes.record_id} through app.registers.records"


def step_audit(ctx: Context) -> str:
    from app.verify import verify_workspace

    report = verify_workspace(ctx.workspace.conn)
    problems = "; ".join(f"[{p.check}] {p.message}" for p in report.problems)
    check(report.ok, f"verification found problems: {problems}")
    return f"integrity and audit chain verified ({report.entries} entries)"


def step_xlsx(ctx: Context) -> str:
    import openpyxl

    from app.i18n import gettext_in
    from app.registers import get_register
    from app.registers.export import export_register

    target = ctx.output_dir / "people.xlsx"
    result = export_register(
        ctx.workspace.conn, get_register("people"), "xlsx", target, language="ja"
    )
    check(result.rows == 1, f"exported {result.rows} rows instead of 1")
    workbook = openpyxl.load_workbook(target, read_only=True)
    try:
        rows = [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()
    header = gettext_in("ja", "Staff number")
    check(rows and header in rows[0], f"the header row lacks {header!r}: {rows[:1]}")
    check(
        any(ctx.record_name in row for row in rows[1:]),
        "the record written is not in the exported sheet",
    )
    return f"exported with xlsxwriter and read back with openpyxl ({len(rows)} rows)"


def step_passphrase(ctx: Context) -> str:
    from app.passphrase import assess

    weak, strong = assess("password123"), assess(ctx.passphrase + " lantern meadow")
    check(not weak.acceptable and strong.acceptable, "zxcvbn scores are not as expected")
    return f"zxcvbn scores a weak passphrase {weak.score}, a strong one {strong.score}"


def step_holidays(ctx: Context) -> str:
    from app.deadlines.holidays import BUILTIN

    check(not BUILTIN.is_business_day(date(2025, 11, 3)), "2025-11-03 (文化の日) is not a holiday")
    check(BUILTIN.is_business_day(date(2025, 11, 4)), "2025-11-04 is not a business day")
    return "jpholiday knows 2025-11-03 (文化の日)"


def step_keyring(ctx: Context) -> str:
    from importlib.metadata import entry_points

    import keyring

    # keyring finds its backends through entry points: without its metadata it finds none.
    names = sorted(point.name for point in entry_points(group="keyring.backends"))
    check(names, "keyring's backends are not discoverable (package metadata missing)")
    backend = keyring.get_keyring()
    kind = f"{type(backend).__module__}.{type(backend).__name__}"
    if sys.platform == "win32":
        # Only look: nothing is stored in or read from the officer's Credential Manager.
        check(
            type(backend).__module__ == "keyring.backends.Windows",
            f"the Windows Credential Manager backend is not in use ({kind})",
        )
    return f"backends {', '.join(names)}; in use: {kind}"


def import_all(packages: Sequence[str]) -> str:
    """Import every module of ``packages``: in the frozen build this proves that no hidden import
    is missing and that no module the code needs was excluded from the bundle."""
    import importlib
    import pkgutil

    counts = []
    for package_name in packages:
        package = importlib.import_module(package_name)
        names = [info.name for info in pkgutil.walk_packages(package.__path__, package_name + ".")]
        for name in names:
            importlib.import_module(name)
        counts.append(f"{len(names) + 1} {package_name}")
    return f"imported {', '.join(counts)} modules"


def step_modules(ctx: Context) -> str:
    return import_all(("app",))


STEPS: tuple[tuple[str, Callable[[Context], str]], ...] = (
    ("resources", step_resources),
    ("translations", step_translations),
    ("workspace", step_workspace),
    ("migrations", step_migrations),
    ("record", step_record),
    ("audit", step_audit),
    ("xlsx", step_xlsx),
    ("passphrase", step_passphrase),
    ("holidays", step_holidays),
    ("keyring", step_keyring),
    ("modules", step_modules),
)
"""The core's steps. ``reports.selftest`` adds the renderers' (PDF, their modules), ``ui.selftest``
the Qt ones; ``main.py --self-test`` runs them all, handed down from the top."""
CLEANUP_STEP = "cleanup"
Step = tuple[str, Callable[[Context], str]]


def step_names(steps: Sequence[Step]) -> tuple[str, ...]:
    return (*(name for name, _ in steps), CLEANUP_STEP)


# ----- running ---------------------------------------------------------------------------------


class Reporter:
    """Prints each line and appends it to the report file, flushed at once (survives a crash)."""

    def __init__(self, report: Path | None) -> None:
        self._stream: TextIO | None = sys.stdout
        if self._stream is not None and hasattr(self._stream, "reconfigure"):
            # A redirected stream on Japanese Windows is cp932, which has no ✓.
            self._stream.reconfigure(errors="replace")
        self._file: TextIO | None = None
        if report is not None:
            report.parent.mkdir(parents=True, exist_ok=True)
            self._file = report.open("w", encoding="utf-8")

    def line(self, text: str) -> None:
        for out in (self._stream, self._file):
            if out is not None:
                out.write(text + "\n")
                out.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _describe_build() -> str:
    kind = "frozen bundle" if getattr(sys, "frozen", False) else "from source"
    return f"{kind}, Python {platform.python_version()}, {platform.system()} {platform.machine()}"


def _forced_failure(name: str) -> None:
    if os.environ.get(FAIL_ENV) == name:
        raise SelfTestError(f"failed on purpose ({FAIL_ENV}={name})")


def _cleanup(ctx: Context) -> str:
    _forced_failure(CLEANUP_STEP)
    if ctx.workspace is not None:
        ctx.workspace.close()
        ctx.workspace = None
    shutil.rmtree(ctx.root)
    check(not ctx.root.exists(), f"{ctx.root} is still there")
    return f"removed {ctx.root}"


def run(report: Path | None = None, steps: Sequence[Step] = STEPS) -> int:
    """Run ``steps``; 0 when all pass, 1 naming the first step that failed."""
    names = step_names(steps)
    out = Reporter(report)
    previous_home = os.environ.get(HOME_ENV)
    root = Path(tempfile.mkdtemp(prefix="mamori-selftest-")).resolve()
    os.environ[HOME_ENV] = str(root / "home")
    ctx = Context(root)
    failed: str | None = None
    started = time.perf_counter()
    try:
        out.line(f"{APP_NAME} {__version__} self-test ({_describe_build()})")
        forced = os.environ.get(FAIL_ENV)
        if forced and forced not in names:
            failed = "self-test"
            out.line(f"{FAIL_MARK} self-test: {FAIL_ENV}={forced!r} names no step")
        for name, step in steps if failed is None else ():
            step_started = time.perf_counter()
            try:
                _forced_failure(name)
                detail = step(ctx)
            except Exception as exc:
                failed = name
                out.line(f"{FAIL_MARK} {name}: {type(exc).__name__}: {exc}")
                for text in traceback.format_exc().rstrip().splitlines():
                    out.line(f"    {text}")
                break
            out.line(f"{OK_MARK} {name}: {detail} ({time.perf_counter() - step_started:.2f} s)")
        try:
            out.line(f"{OK_MARK} {CLEANUP_STEP}: {_cleanup(ctx)}")
        except Exception as exc:
            failed = failed or CLEANUP_STEP
            out.line(f"{FAIL_MARK} {CLEANUP_STEP}: {type(exc).__name__}: {exc}")
        elapsed = time.perf_counter() - started
        if failed is None:
            out.line(
                f"{APP_NAME} {__version__}: all {len(names)} self-test steps passed "
                f"in {elapsed:.1f} s"
            )
            return EXIT_OK
        out.line(f"{APP_NAME} {__version__}: self-test FAILED at step: {failed}")
        return EXIT_FAILED
    finally:
        shutil.rmtree(root, ignore_errors=True)
        if previous_home is None:
            os.environ.pop(HOME_ENV, None)
        else:
            os.environ[HOME_ENV] = previous_home
        out.close()


def main(argv: Sequence[str] | None = None, steps: Sequence[Step] = STEPS) -> int:
    """``main.py --self-test [--self-test-report PATH]``; never raises, never shows a dialog."""
    import argparse

    parser = argparse.ArgumentParser(prog=APP_NAME, add_help=False)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--self-test-report", type=Path)
    args, _unknown = parser.parse_known_args(argv)
    try:
        return run(args.self_test_report, steps)
    except Exception:  # a windowed build would show a traceback dialog and block CI
        traceback.print_exc()
        return EXIT_FAILED
