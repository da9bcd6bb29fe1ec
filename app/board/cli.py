"""``report board``: the board (理事会) privacy report as PDF or Excel from the command line.

    python main.py report board --period 2025 --format pdf --lang ja --out board-2025.pdf
    python main.py report board --from 2025-10-01 --to 2026-03-31 --format xlsx --out h2.xlsx

The report is also kept in the workspace (snapshot, narrative, content hash) unless ``--no-save``;
either way the generation is recorded in the audit trail. The officer's comments and requests to the
board are those kept with the latest stored report of the same period and language (as typed on the
Reports page), or those of ``--comments FILE`` (JSON, see ``app.board.comments``). The file password
for a copy that leaves the office comes from the environment variable named by ``--password-env``,
never from the command line. The writers (PDF, Excel) are handed in by ``main.py``: ``app/`` never
imports ``reports/``.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import Any

from app.board.generate import Renderers
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
    board.add_argument(
        "--comments",
        type=Path,
        metavar="FILE",
        help=_("the officer's comments and requests to the board (JSON file)"),
    )
    board.add_argument(
        "--no-comments",
        action="store_true",
        help=_("leave out the comments kept with the latest report of the period"),
    )
    board.add_argument(
        "--kpi-update",
        action="store_true",
        help=_("the shorter KPI update (summary and indicators) instead of the annual report"),
    )
    board.add_argument(
        "--named-annex",
        action="store_true",
        help=_("add an annex naming the people behind the figures (recorded in the audit trail)"),
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


def cmd_report(args: argparse.Namespace, open_workspace: Any, renderers: Renderers) -> int:
    from app.board.comments import OfficerInput, latest_input, read_input
    from app.board.generate import generate_report
    from app.board.report import build_snapshot

    password = None
    if args.password_env:
        password = os.environ.get(args.password_env)
        if not password:
            raise ReportCliError(
                _("The environment variable {name} holds no password.").format(
                    name=args.password_env
                )
            )
    given = read_input(args.comments) if args.comments else None
    today = date.today()
    with open_workspace(args) as workspace:
        conn = workspace.conn
        period = resolve_period(conn, args, today)
        officer = given
        if officer is None and not args.no_comments:
            officer = latest_input(conn, period, args.report_lang)
        officer = officer or OfficerInput()

        def build(conn: Any) -> Any:
            try:
                return build_snapshot(
                    conn,
                    period,
                    language=args.report_lang,
                    sections=args.sections,
                    author=args.author,
                    today=today,
                    narrative=officer.narrative,
                    requests=officer.requests,
                    events=officer.events,
                    variant="kpi_update" if args.kpi_update else "annual",
                    named_annex=args.named_annex,
                )
            except KeyError as exc:
                raise ReportCliError(
                    _("There is no report chapter called {names}.").format(names=exc.args[0])
                ) from None

        snapshot, _generated = generate_report(
            conn,
            build,
            (args.format,),
            renderers,
            paths={args.format: args.out},
            password=password,
            save=not args.no_save,
        )
    print(
        _("Wrote the board report for {period} to {path} (content hash {hash})").format(
            period=snapshot.period_label, path=args.out, hash=snapshot.short_hash
        )
    )
    return 0
