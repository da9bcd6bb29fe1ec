"""``python main.py COMMAND``: the same services as the GUI, for scripts and headless use.

The passphrase comes from ``MAMORI_PASSPHRASE``, else the OS credential store, else a prompt.
Expected failures print one line and exit non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.areas.assets.cli_ledger import add_ledger_commands, cmd_export_ledger
from app.board.cli import add_report_commands, cmd_report
from app.cli_import import add_import_commands, cmd_import_register, cmd_import_roster
from app.errors import MamoriError
from app.i18n import _, set_language
from app.jobs import JobCancelledError
from app.logsetup import configure_logging, log_unexpected
from app.passphrase import assess
from app.paths import default_workspace_path

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

    commands.add_parser("verify", help=_("check encryption, integrity and the audit chain"))

    backup = commands.add_parser("backup", help=_("write an encrypted backup copy"))
    backup.add_argument("--out", type=Path, required=True)

    commands.add_parser("registers", help=_("list the registers that can be exported"))
    add_import_commands(commands)
    add_ledger_commands(commands)
    add_report_commands(commands)
    return parser


def _workspace_path(args: argparse.Namespace) -> Path:
    return Path(args.workspace) if args.workspace else default_workspace_path()


def _passphrase_for(path: Path, *, new: bool = False) -> str:
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


def _open(args: argparse.Namespace):
    from app.storage.workspace import Workspace

    path = _workspace_path(args)
    return Workspace.open(path, _passphrase_for(path))


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
    with Workspace.create(path, passphrase, organisation):
        pass
    print(_("Created the workspace {path}").format(path=path))
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


def cmd_verify(args: argparse.Namespace) -> int:
    from app.verify import verify_workspace

    with _open(args) as workspace:
        report = verify_workspace(workspace.conn)
    if report.ok:
        print(
            _(
                "OK: encryption, structure and {entries} audit entries checked; {records} records "
                "match the audit trail."
            ).format(entries=report.entries, records=report.records)
        )
        return EXIT_OK
    for problem in report.problems:
        print(f"[{problem.check}] {problem.message}")
    print(_("{count} problems found.").format(count=len(report.problems)))
    return EXIT_FAILED


def cmd_backup(args: argparse.Namespace) -> int:
    with _open(args) as workspace:
        target = workspace.backup_to(args.out)
    print(_("Wrote an encrypted backup copy to {path}").format(path=target))
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
    "verify": cmd_verify,
    "backup": cmd_backup,
    "registers": cmd_registers,
    "import-roster": lambda args: cmd_import_roster(args, _open),
    "import": lambda args: cmd_import_register(args, _open),
    "export-ledger": lambda args: cmd_export_ledger(args, _open),
    "export-risks": lambda args: cmd_export_ledger(args, _open),
    "report": lambda args: cmd_report(args, _open),
}


def run_command(args: argparse.Namespace) -> int:
    configure_logging()
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:  # the Qt-free steps; ``main.py --self-test`` adds the Qt ones (ui.selftest)
        from app.selftest import run

        return run(args.self_test_report)
    if args.command is None:
        raise SystemExit(EXIT_USAGE)
    return run_command(args)
