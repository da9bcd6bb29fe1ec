"""The workspace commands of the CLI: ``verify``, ``backup``, ``restore`` and ``backups``.

``verify`` also checks anchors the officer types in (``--anchor '#1234:9f2c…'`` from a printed board
report or backup manifest) and rebuilds damaged search indexes on request.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import MamoriError
from app.i18n import _

EXIT_OK, EXIT_FAILED = 0, 1


class WorkspaceCliError(MamoriError):
    pass


def add_workspace_commands(commands: Any) -> None:
    verify = commands.add_parser(
        "verify",
        help=_("check encryption, integrity, the audit chain and its anchors, indexes and reports"),
    )
    verify.add_argument(
        "--anchor",
        action="append",
        default=[],
        metavar="#ID:HASH",
        help=_("also require this audit-trail anchor (as printed on a board report); repeatable"),
    )
    verify.add_argument(
        "--rebuild-indexes",
        action="store_true",
        help=_("rebuild search indexes that do not match their tables (recorded in the trail)"),
    )

    backup = commands.add_parser("backup", help=_("write a verified encrypted backup copy"))
    target = backup.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help=_("the backup file to write"))
    target.add_argument(
        "--auto",
        action="store_true",
        help=_("a dated copy in the workspace's backup folder, keeping the newest few"),
    )

    restore = commands.add_parser(
        "restore", help=_("restore a backup over the workspace (the replaced file is kept)")
    )
    restore.add_argument("backup", type=Path)
    restore.add_argument(
        "--to", type=Path, help=_("restore to this file instead of the workspace (--workspace)")
    )

    commands.add_parser("backups", help=_("list the backups of the workspace"))
    commands.add_parser(
        "recover",
        help=_(
            "set a new passphrase with the recovery key (MAMORI_RECOVERY_KEY, "
            "MAMORI_NEW_PASSPHRASE, or asked)"
        ),
    )
    commands.add_parser(
        "recovery-key", help=_("make a new recovery key (the old one stops working)")
    )


def _holiday_line(conn: Any) -> str:
    """The holiday table behind business-day deadlines: version and years covered."""
    from app.deadlines.holidays import load_calendar

    try:
        table = load_calendar(conn).info().describe()
    except Exception:  # a damaged workspace: verify reports the damage itself
        table = "?"
    return _("Holiday table: {table}").format(table=table)


def cmd_verify(args: argparse.Namespace, open_workspace: Callable[..., Any]) -> int:
    from app.storage.anchor import ChainHead
    from app.verify import full_check, rebuild_indexes, verify_workspace

    try:
        typed = [(_("the anchor you gave"), ChainHead.parse(text)) for text in args.anchor]
    except ValueError as exc:
        raise WorkspaceCliError(str(exc)) from None
    with open_workspace(args, allow_rescue=True) as workspace:
        anchors = [*workspace.anchors.load(), *typed]
        report = full_check(workspace)
        if typed:
            report = verify_workspace(workspace.conn, anchors=anchors)
        rebuilt: list[str] = []
        if args.rebuild_indexes and report.damaged_indexes and not workspace.rescue:
            rebuilt = rebuild_indexes(workspace.conn, report.damaged_indexes)
            report = verify_workspace(workspace.conn, anchors=anchors)
        mode_note = workspace.rescue_message() if workspace.rescue else ""
        holidays = _holiday_line(workspace.conn)
    for index in rebuilt:
        print(_("Rebuilt the search index {index}.").format(index=index))
    if report.ok and not mode_note:
        print(
            _(
                "OK: encryption, structure and {entries} audit entries checked; {records} records "
                "match the audit trail."
            ).format(entries=report.entries, records=report.records)
        )
        print(holidays)
        return EXIT_OK
    print(holidays)
    for problem in report.problems:
        print(f"[{problem.check}] {problem.message}")
    if report.damaged_indexes and not rebuilt:
        print(_("Run verify --rebuild-indexes to rebuild the search indexes from their tables."))
    if mode_note:
        print(mode_note)
    print(_("{count} problems found.").format(count=len(report.problems) or 1))
    return EXIT_FAILED


def cmd_backup(args: argparse.Namespace, open_workspace: Callable[..., Any]) -> int:
    from app.settings import load
    from app.storage.backup import human_size, write_automatic_backup, write_backup

    with open_workspace(args, allow_rescue=True) as workspace:
        if args.auto:
            info = write_automatic_backup(workspace, keep=load().backup_keep)
        else:
            info = write_backup(workspace, args.out)
    print(
        _(
            "Wrote a verified encrypted backup copy to {path} ({size}; audit trail up to {head})."
        ).format(path=info.path, size=human_size(info.size), head=info.head)
    )
    return EXIT_OK


def cmd_restore(
    args: argparse.Namespace,
    workspace_path: Callable[[argparse.Namespace], Path],
    passphrase_for: Callable[[Path], Any],
) -> int:
    from app.storage.restore import restore_backup

    target = Path(args.to) if args.to else workspace_path(args)
    result = restore_backup(args.backup, target, passphrase_for(args.backup))
    print(
        _(
            "Restored {backup} to {target}; it opens with the passphrase the backup was made with."
        ).format(backup=args.backup, target=result.target)
    )
    if result.kept_as is not None:
        print(_("The file it replaced was kept as {path}.").format(path=result.kept_as))
    if result.head is not None:
        print(_("Audit-trail anchor now: {head}").format(head=result.head.printed))
    return EXIT_OK


def cmd_backups(
    args: argparse.Namespace, workspace_path: Callable[[argparse.Namespace], Path]
) -> int:
    from app.storage.backup import human_size, list_backups

    infos = list_backups(workspace_path(args))
    if not infos:
        print(_("No backups found beside the workspace or in its backup folder."))
        return EXIT_OK
    for info in infos:
        state = _("verified") if info.verified else _("not verified")
        people = info.counts.get("people")
        counts = _("{people} people, {entries} audit entries").format(
            people="?" if people is None else people,
            entries=info.counts.get("audit_entries", "?"),
        )
        print(
            f"{info.created_at[:16].replace('T', ' ')}  {human_size(info.size):>9}  {state:12}  "
            f"{counts}  {info.path}"
        )
    return EXIT_OK


RECOVERY_KEY_ENV = "MAMORI_RECOVERY_KEY"


def cmd_recover(
    args: argparse.Namespace,
    workspace_path: Callable[[argparse.Namespace], Path],
    ask_new_passphrase: Callable[[Path], str],
) -> int:
    import getpass
    import os
    import sys

    from app.storage.recovery import unwrap
    from app.storage.restore import recover

    path = workspace_path(args)
    recovery_key = os.environ.get(RECOVERY_KEY_ENV)
    if not recovery_key:
        if not sys.stdin.isatty():
            raise WorkspaceCliError(
                _("No recovery key: set {env} or run in a terminal to be asked.").format(
                    env=RECOVERY_KEY_ENV
                )
            )
        recovery_key = getpass.getpass(_("Recovery key: "))
    unwrap(path, recovery_key).wipe()  # a wrong key is refused before a new passphrase is asked
    with recover(path, recovery_key, ask_new_passphrase(path)):
        pass
    print(
        _(
            "A new passphrase is set for {path}. The recovery key stays valid; make a new one "
            "with python main.py recovery-key if it may have been seen."
        ).format(path=path)
    )
    return EXIT_OK


def cmd_recovery_key(args: argparse.Namespace, open_workspace: Callable[..., Any]) -> int:
    from app.storage.recovery import recovery_path, set_up

    with open_workspace(args) as workspace:
        recovery_key = set_up(workspace)
        path = workspace.path
    print(
        _("New recovery key (shown only now; the old one no longer works): {key}").format(
            key=recovery_key
        )
    )
    print(
        _("Keep it with {file}; backups made from now on carry the new one.").format(
            file=recovery_path(path).name
        )
    )
    return EXIT_OK
