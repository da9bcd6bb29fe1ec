"""``main.py purge``: list the closed records past their retention, and erase their personal
details with ``--apply`` (the same use case as the Retention purge page)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from app.dates import DateParseError, parse_date
from app.errors import MamoriError
from app.i18n import _, ngettext


def add_purge_commands(commands: Any) -> None:
    purge = commands.add_parser(
        "purge", help=_("list closed records past their retention; --apply erases their details")
    )
    purge.add_argument("--register", action="append", help=_("only this register (repeatable)"))
    purge.add_argument(
        "--apply", action="store_true", help=_("erase the personal details of those listed")
    )
    purge.add_argument("--json", action="store_true", help=_("print JSON"))
    purge.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)


def cmd_purge(args: argparse.Namespace, open_workspace: Callable[[argparse.Namespace], Any]) -> int:
    from app.registers.purge import purge_candidates, purge_records
    from app.registers.registry import get_register

    try:
        today = parse_date(args.today) if args.today else date.today()
    except DateParseError as exc:
        raise MamoriError(str(exc)) from None
    with open_workspace(args) as workspace:
        found = purge_candidates(workspace.conn, today, args.register)
        if args.json:
            print(
                json.dumps(
                    [
                        {
                            "register": c.register,
                            "id": c.record_id,
                            "label": c.label,
                            "closed_on": c.closed_on.isoformat(),
                            "kept_until": c.kept_until.isoformat(),
                        }
                        for c in found
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for candidate in found:
                print(
                    f"{_(get_register(candidate.register).title)}  {candidate.label}  "
                    + _("closed {closed}, kept until {until}").format(
                        closed=candidate.closed_on.isoformat(),
                        until=candidate.kept_until.isoformat(),
                    )
                )
            print(
                ngettext(
                    "{count} record past its retention",
                    "{count} records past their retention",
                    len(found),
                ).format(count=len(found))
            )
        if args.apply and found:
            registers: dict[str, list[int]] = {}
            for candidate in found:
                registers.setdefault(candidate.register, []).append(candidate.record_id)
            for register, ids in registers.items():
                purge_records(workspace.conn, register, ids, today)
            print(
                ngettext(
                    "Erased the personal details of {count} record.",
                    "Erased the personal details of {count} records.",
                    len(found),
                ).format(count=len(found))
            )
    return 0
