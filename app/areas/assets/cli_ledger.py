"""``export-ledger`` and ``export-risks``: the asset register and risk analysis as Excel 台帳.

Registered by ``app.cli``; the writer (``app.areas.assets.excel``) is imported only when a command runs,
so the window's start does not pay for it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.i18n import _

LEDGER_LANGUAGE = "ja"  # the 台帳 is a Japanese document unless --lang en asks otherwise


def add_ledger_commands(commands: Any) -> None:
    ledger = commands.add_parser(
        "export-ledger", help=_("export the asset register in the 台帳 layout (xlsx)")
    )
    risks = commands.add_parser(
        "export-risks", help=_("export the risk analysis sheet (asset × phase × threat, xlsx)")
    )
    for parser in (ledger, risks):
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument(
            "--both",
            action="store_true",
            help=_("write the ledger and the risk analysis as two sheets of one file"),
        )


def cmd_export_ledger(args: argparse.Namespace, open_workspace: Any) -> int:
    from app.areas.assets.excel import LEDGER, RISKS, SHEETS, export_ledger

    if args.both:
        sheets: tuple[str, ...] = SHEETS
    else:
        sheets = (LEDGER,) if args.command == "export-ledger" else (RISKS,)
    with open_workspace(args) as workspace:
        result = export_ledger(
            workspace.conn, args.out, sheets=sheets, language=args.lang or LEDGER_LANGUAGE
        )
    print(
        _("Exported {assets} assets and {items} risk items to {path}").format(
            assets=result.assets, items=result.risk_items, path=result.path
        )
    )
    return 0
