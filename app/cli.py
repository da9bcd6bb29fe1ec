"""``python main.py COMMAND``: the same services as the GUI, for scripts and headless use.

The passphrase comes from ``MAMORI_PASSPHRASE``, else the OS credential store, else a prompt.
Expected failures print one line and exit non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.areas.assets.cli_ledger import add_ledger_commands, cmd_export_ledger
from app.board.cli import add_report_commands, cmd_report
from app.board.generate import Renderers
from app.cli_import import add_import_commands, cmd_import_register, cmd_import_roster
from app.cli_workspace import (
    add_workspace_commands,
    cmd_backup,
    cmd_backups,
    cmd_recover,
    cmd_recovery_key,
    cmd_restore,
    cmd_verify,
)
from app.deadlines.cli import (
    add_deadline_commands,
    cmd_deadline,
    cmd_deadline_rules,
    cmd_deadlines,
    cmd_import_holidays,
)
from app.errors import MamoriError
from app.i18n import _, set_language
from app.jobs import JobCancelledError
from app.logsetup import configure_logging, log_unexpected
from app.passphrase import assess
from app.paths import default_workspace_path
from app.registers.purge_cli import add_purge_commands, cmd_purge
from app.text import make_visible

PASSPHRASE_ENV = "MAMORI_PASSPHRASE"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNEXPECTED = 0, 1, 2, 3


class CliError(MamoriError):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mamori",
        description=_("Mamori: the privacy officer's desk. Without a command, opens the window."),
    )
    parser.add_argument("--version", action="version", version=f"Mamori {__version__}")
    parser.add_argument(
        "--workspace", type=Path, help=_("workspace file (default: %(default)s)"), default=None
    )
    parser.add_argument("--lang", choices=("ja", "en"), help=_("language of messages and files"))
    parser.add_argument(
        "--demo", action="store_true", help=_("open the window on a throw-away demo workspace")
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_("check this installation in a temporary folder and exit (0 when it works)"),
    )
    parser.add_argument(
        "--self-test-report",
        type=Path,
        metavar="PATH",
        help=_("also write the self-test's lines to this file"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help=_("create a new encrypted workspace"))
    init.add_argument("--org-name", help=_("the co-op's name"))

    demo = commands.add_parser("demo", help=_("write a demo workspace with realistic data"))
    demo.add_argument("path", type=Path)
    demo.add_argument("--people", type=int, default=300, help=_("number of staff"))

    export = commands.add_parser("export", help=_("export a register to CSV, XLSX or JSON"))
    export.add_argument("register")
    export.add_argument("--format", choices=("csv", "xlsx", "json"), default="xlsx")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--search", default="", help=_("only records matching this text"))

    add_workspace_commands(commands)
    commands.add_parser("registers", help=_("list the registers that can be exported"))
    add_import_commands(commands)
    add_ledger_commands(commands)
    add_report_commands(commands)
    add_deadline_commands(commands)
    add_purge_commands(commands)
    return parser


def _workspace_path(args: argparse.Namespace) -> Path:
    return Path(args.workspace) if args.workspace else default_workspace_path()


def _passphrase_for(path: Path, *, new: bool = False) -> Any:
    """The passphrase (or, remembered on this PC, the derived key) that opens ``path``."""
    from app import secrets

    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not new:
        remembered = secrets.recall(path)
        if remembered:
            return remembered
    if not sys.stdin.isatty():
        raise CliError(
            _("No passphrase: set {env} or run in a terminal to be asked.").format(
                env=PASSPHRASE_ENV
            )
        )
    first = getpass.getpass(_("Passphrase for {path}: ").format(path=path))
    if new:
        second = getpass.getpass(_("Repeat the passphrase: "))
        if first != second:
            raise CliError(_("The two passphrases differ."))
    return first


def _ask_new_passphrase(path: Path) -> str:
    value = os.environ.get("MAMORI_NEW_PASSPHRASE")
    if not value:
        value = _passphrase_for(path, new=True) if sys.stdin.isatty() else ""
    if not value:
        raise CliError(
            _("No new passphrase: set MAMORI_NEW_PASSPHRASE or run in a terminal to be asked.")
        )
    strength = assess(value)
    if not strength.acceptable:
        raise CliError(
            _("Passphrase too weak ({verdict}): {advice}").format(
                verdict=strength.verdict, advice=strength.advice
            )
        )
    return value


def _open(args: argparse.Namespace, *, allow_rescue: bool = False):
    """The workspace of ``args``; one in rescue mode only for the commands that may use it."""
    from app.storage.workspace import Workspace

    path = _workspace_path(args)
    workspace = Workspace.open(path, _passphrase_for(path))
    if workspace.rescue and not allow_rescue:
        from app.storage.backup import newest_good_backup

        message = workspace.rescue_message()
        newest = newest_good_backup(path)
        if newest is not None:
            message += "\n" + _("Newest good backup: {path} ({when})").format(
                path=newest.path, when=newest.created_at[:16].replace("T", " ")
            )
        workspace.close()
        raise CliError(message)
    return workspace


def cmd_init(args: argparse.Namespace) -> int:
    from app.storage.workspace import Workspace

    path = _workspace_path(args)
    passphrase = _passphrase_for(path, new=True)
    strength = assess(passphrase)
    if not strength.acceptable:
        raise CliError(
            _("Passphrase too weak ({verdict}): {advice}").format(
                verdict=strength.verdict, advice=strength.advice
            )
        )
    organisation = {"name": args.org_name} if args.org_name else None
    from app.storage.recovery import recovery_path, set_up

    with Workspace.create(path, passphrase, organisation) as workspace:
        recovery_key = set_up(workspace)
    print(_("Created the workspace {path}").format(path=path))
    print(
        _(
            "Recovery key (shown only now; print it and give it to the audit officer or keep it "
            "in the board's safe): {key}"
        ).format(key=recovery_key)
    )
    print(
        _("With it and {file}, python main.py recover sets a new passphrase.").format(
            file=recovery_path(path).name
        )
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace

    passphrase = os.environ.get(PASSPHRASE_ENV) or DEMO_PASSPHRASE
    build_demo_workspace(args.path, passphrase, people=args.people).close()
    print(_("Wrote the demo workspace {path}").format(path=args.path))
    if passphrase == DEMO_PASSPHRASE:
        print(_("Its passphrase is: {passphrase}").format(passphrase=DEMO_PASSPHRASE))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from app.registers import get_register
    from app.registers.export import export_register
    from app.registers.query import ListQuery

    try:
        defn = get_register(args.register)
    except KeyError:
        raise CliError(
            _("There is no register called '{name}'. Try: {names}").format(
                name=args.register, names=", ".join(_register_keys())
            )
        ) from None
    with _open(args) as workspace:
        result = export_register(
            workspace.conn, defn, args.format, args.out, ListQuery(search=args.search)
        )
    print(_("Exported {count} records to {path}").format(count=result.rows, path=result.path))
    return EXIT_OK


def _register_keys() -> list[str]:
    from app.registers import all_registers

    return [defn.key for defn in all_registers()]


def cmd_registers(args: argparse.Namespace) -> int:
    from app.registers import all_registers

    for defn in all_registers():
        print(f"{defn.key:20} {_(defn.title)}")
    return EXIT_OK


COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "export": cmd_export,
    "verify": lambda args: cmd_verify(args, _open),
    "backup": lambda args: cmd_backup(args, _open),
    "restore": lambda args: cmd_restore(args, _workspace_path, _passphrase_for),
    "backups": lambda args: cmd_backups(args, _workspace_path),
    "recover": lambda args: cmd_recover(args, _workspace_path, _ask_new_passphrase),
    "recovery-key": lambda args: cmd_recovery_key(args, _open),
    "registers": cmd_registers,
    "import-roster": lambda args: cmd_import_roster(args, _open),
    "import": lambda args: cmd_import_register(args, _open),
    "export-ledger": lambda args: cmd_export_ledger(args, _open),
    "export-risks": lambda args: cmd_export_ledger(args, _open),
    "report": lambda args: cmd_report(args, _open, _RENDERERS),
    "deadline": lambda args: cmd_deadline(args, _open),
    "deadlines": lambda args: cmd_deadlines(args, _open),
    "deadline-rules": cmd_deadline_rules,
    "import-holidays": lambda args: cmd_import_holidays(args, _open),
    "purge": lambda args: cmd_purge(args, _open),
}
_RENDERERS: dict = {}  # report writers handed in by main.py (app/ never imports reports/)


class _VisibleText(io.TextIOBase):
    """stdout/stderr for a command: imported names print with control characters and bidi
    overrides shown as escapes, so a record can never retitle, clear or reorder the terminal."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(make_visible(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return bool(self._stream.isatty())

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self._stream, "encoding", "utf-8"))


def run_command(args: argparse.Namespace, *, renderers: Renderers | None = None) -> int:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _VisibleText(out), _VisibleText(err)
    try:
        return _run_command(args, renderers)
    finally:
        sys.stdout, sys.stderr = out, err


def _run_command(args: argparse.Namespace, renderers: Renderers | None) -> int:
    configure_logging()
    _RENDERERS.clear()
    _RENDERERS.update(renderers or {})
    if args.lang:
        set_language(args.lang)
    try:
        return COMMANDS[args.command](args)
    except (MamoriError, JobCancelledError) as exc:
        print(_("mamori: {message}").format(message=exc), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(_("mamori: interrupted"), file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(
            _("mamori: {path}: {reason}").format(path=exc.filename or "", reason=exc.strerror),
            file=sys.stderr,
        )
        return EXIT_FAILED
    except Exception as exc:
        log_unexpected(exc, f"command {args.command}")
        print(
            _("mamori: unexpected error ({kind}); details are in the log file.").format(
                kind=type(exc).__name__
            ),
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


def main(argv: Sequence[str] | None = None, *, renderers: Renderers | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:  # the Qt-free steps; ``main.py --self-test`` adds the Qt ones (ui.selftest)
        from app.selftest import run

        return run(args.self_test_report)
    if args.command is None:
        raise SystemExit(EXIT_USAGE)
    return run_command(args, renderers=renderers)
