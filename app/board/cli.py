"""``report board``: the board (理事会) privacy report as PDF or Excel from the command line.

    python main.py report board --period 2025 --format pdf --lang ja --out board-2025.pdf
    python main.py report board --from 2025-10-01 --to 2026-03-31 --format xlsx --out h2.xlsx

The report is also kept in the workspace (snapshot, narrative, content hash) unless ``--no-save``.
The file password for a copy that leaves the office comes from the environment variable named by
``--password-env``, never from the command line.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import Any

from app.dates import DateParseError, parse_date
from app.errors import MamoriError
from app.i18n import LANGUAGES, _


class ReportCliError(MamoriError):
    pass


def add_report_commands(commands: Any) -> None:
    report = commands.add_parser("report", help=_("write a report (board report: report board)"))
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    board = kinds.add_parser("board", help=_("the board (理事会) privacy report as PDF or Excel"))
    board.add_argument("--period", type=int, metavar="YEAR", help=_("fiscal year, e.g. 2025"))
    board.add_argument(
        "--from", dest="date_from", metavar="DATE", help=_("first day of the period")
    )
    board.add_argument("--to", dest="date_to", metavar="DATE", help=_("last day of the period"))
    board.add_argument("--format", choices=("pdf", "xlsx"), default="pdf")
    board.add_argument(
        "--lang", dest="report_lang", choices=LANGUAGES, default="ja", help=_("report language")
    )
    board.add_argument("--out", type=Path, required=True)
    board.add_argument(
        "--section",
        action="append",
        dest="sections",
        metavar="KEY",
        help=_("only this chapter (repeatable); default: all"),
    )
    board.add_argument("--author", help=_("the reporting officer (default: the privacy officer)"))
    board.add_argument(
        "--password-env",
        metavar="VAR",
        help=_("protect the file with the password held in this environment variable"),
    )
    board.add_argument(
        "--no-save", action="store_true", help=_("do not keep the report in the workspace")
    )


def _date(text: str) -> date:
    try:
        day = parse_date(text)
    except DateParseError as exc:
        raise ReportCliError(str(exc)) from None
    if day is None:
        raise ReportCliError(_("'{text}' is not a date").format(text=text))
    return day


def resolve_period(conn: Any, args: argparse.Namespace, today: date):
    from app.areas.training.coverage import current_fiscal_year
    from app.board.report import date_range_period, fiscal_year_period

    language = args.report_lang
    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to):
            raise ReportCliError(_("Give both --from and --to, or neither."))
        if args.period is not None:
            raise ReportCliError(_("Give either --period or --from/--to, not both."))
        start, end = _date(args.date_from), _date(args.date_to)
        if end < start:
            raise ReportCliError(_("The period ends before it starts."))
        return date_range_period(conn, start, end, language)
    year = args.period if args.period is not None else current_fiscal_year(conn, today)
    return fiscal_year_period(conn, year, language)


def cmd_report(args: argparse.Namespace, open_workspace: Any) -> int:
    from app.board.report import build_snapshot, save_report

    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if not password:
            raise ReportCliError(
                _("The environment variable {name} holds no password.").format(
                    name=args.password_env
                )
            )
    if args.format == "pdf":
        from reports.pdf_report import write_pdf as write
    else:
        from reports.xlsx_report import write_xlsx as write
    today = date.today()
    with open_workspace(args) as workspace:
        conn = workspace.conn
        period = resolve_period(conn, args, today)
        try:
            snapshot = build_snapshot(
                conn,
                period,
                language=args.report_lang,
                sections=args.sections,
                author=args.author,
                today=today,
            )
        except KeyError as exc:
            raise ReportCliError(
                _("There is no report chapter called {names}.").format(names=exc.args[0])
            ) from None
        write(snapshot, args.out, password=password)
        if not args.no_save:
            save_report(conn, snapshot)
    print(
        _("Wrote the board report for {period} to {path} (content hash {hash})").format(
            period=snapshot.period_label, path=args.out, hash=snapshot.short_hash
        )
    )
    return 0
