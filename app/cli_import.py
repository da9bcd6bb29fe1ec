"""``import-roster`` and ``import``: spreadsheets into the workspace from the command line.

The same engine and specs as the import wizard. A row with an error means nothing is written and the
exit code is non-zero, unless ``--skip-invalid``; a file that cannot be used at all (unreadable,
protected without its password, no recognisable columns) prints one line and exits non-zero.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from app.errors import MamoriError
from app.i18n import _, ngettext
from app.importing.spec import (
    COUNT_LABELS,
    ImportPlan,
    ImportSpec,
    ImportSummary,
    Problem,
    count_label,
)

FILE_PASSWORD_ENV = "MAMORI_FILE_PASSWORD"
MAX_PROBLEMS_SHOWN = 50
MAX_PASSWORD_TRIES = 3


class ImportCliError(MamoriError):
    pass


def add_import_commands(commands: Any) -> None:
    roster = commands.add_parser(
        "import-roster", help=_("import a training roster (attendance) from xlsx, xls or csv")
    )
    _common_arguments(roster)
    roster.add_argument(
        "--programme-type",
        default="annual_all",
        help=_("training type of programmes the roster creates (default: %(default)s)"),
    )
    roster.add_argument(
        "--programme",
        help=_("the programme's title, for a roster that does not name it in a column"),
    )
    roster.add_argument(
        "--date",
        help=_("the date of the session, for a roster that has no date column (e.g. 2026-06-10)"),
    )
    roster.add_argument(
        "--map-value",
        action="append",
        default=[],
        metavar="COLUMN:VALUE=CODE",
        help=_(
            "read VALUE in COLUMN as the catalogue item CODE (or label), e.g. "
            "雇用区分:シニア職員=contract; repeatable; remembered for files laid out alike"
        ),
    )
    roster.add_argument(
        "--add-values",
        action="store_true",
        help=_("add values no catalogue knows to their catalogue (departments to the register)"),
    )
    register = commands.add_parser(
        "import", help=_("import records of a register (people, departments...) from a spreadsheet")
    )
    register.add_argument("register")
    _common_arguments(register)


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--sheet", help=_("the sheet to read (default: the first)"))
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=_("take FIELD from COLUMN (a heading, a letter such as C, or 姓+名); repeatable"),
    )
    parser.add_argument("--dry-run", action="store_true", help=_("check the file; write nothing"))
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help=_("import the valid rows and report the rest (default: nothing unless all are valid)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print the summary as JSON"))


def _ask_password(file: Path) -> str:
    if not sys.stdin.isatty():
        raise ImportCliError(
            _(
                "{file} is protected by a password: set {env} or run in a terminal to be asked."
            ).format(file=file, env=FILE_PASSWORD_ENV)
        )
    return getpass.getpass(_("Password for {file}: ").format(file=file.name))


def _prepare(args: argparse.Namespace, spec: ImportSpec, conn: Any) -> Any:
    from app.importing.engine import load_for_import
    from app.importing.mapping import apply_overrides, target_named
    from app.importing.reader import PasswordRequiredError, WrongPasswordError

    password = os.environ.get(FILE_PASSWORD_ENV)
    wrong = 0
    while True:
        try:
            prepared = load_for_import(
                args.file, spec, password=password, sheet=args.sheet, conn=conn
            )
            break
        except PasswordRequiredError:
            password = _ask_password(args.file)
        except WrongPasswordError:
            wrong += 1
            if wrong >= MAX_PASSWORD_TRIES or not sys.stdin.isatty():
                raise
            password = _ask_password(args.file)
    if args.map:
        overrides = {}
        for item in args.map:
            name, separator, column = item.partition("=")
            if not separator:
                raise ImportCliError(_("--map takes FIELD=COLUMN, not “{item}”.").format(item=item))
            overrides[name.strip()] = column.strip()
        mapping = apply_overrides(
            prepared.mapping, overrides, prepared.header.headers, prepared.targets
        )
        prepared = prepared.remap(mapping)
        args.chosen = {target_named(name, prepared.targets).key for name in overrides}
    missing = prepared.missing
    if missing:
        raise ImportCliError(
            _("{file}: no column found for {fields}; name it with --map FIELD=COLUMN.").format(
                file=args.file.name, fields=", ".join(f"{t.key} ({_(t.label)})" for t in missing)
            )
        )
    return prepared


def run_import(args: argparse.Namespace, spec: ImportSpec, workspace: Any) -> int:
    """The wizard's flow in one go: prepared file → check → import (unless a dry run)."""
    from app.importing.flow import ImportFlow
    from app.importing.layouts import recall_answers
    from app.importing.spec import ValueAnswers

    conn = workspace.conn
    prepared = _prepare(args, spec, conn)
    flow = ImportFlow.from_prepared(spec, prepared, chosen=getattr(args, "chosen", set()))
    try:
        if hasattr(spec, "answers") and flow.header is not None:
            # a spec that asks about values no list knows: remembered, then --map-value
            answers = ValueAnswers(
                recall_answers(conn, spec.key, flow.header.headers, flow.targets)
            )
            given = spec.answers_from_arguments(  # type: ignore[attr-defined]
                conn, getattr(args, "map_value", []), flow.header.headers, flow.mapping,
                flow.targets,
            )  # fmt: skip
            for target, values in given.items():
                answers.mapped.setdefault(target, {}).update(values)
            answers.add_all = bool(getattr(args, "add_values", False))
            flow.answers = answers
        flow.set_skip_invalid(args.skip_invalid)
        plan = flow.check(conn)
        written = False
        if not args.dry_run and plan.can_apply:
            flow.run_import(conn)
            written = True
    finally:
        flow.close()
    _report(args, plan, flow.summary, written)
    return 0 if written or (args.dry_run and plan.can_apply) else 1


def _counts_lines(plan: ImportPlan, *, written: bool) -> list[str]:
    lines = [_("Rows read: {count}").format(count=plan.rows_read)]
    for key, value in plan.counts.items():  # "to add" until written, "added" after
        lines.append(f"{count_label(key, planned=not written)}: {value}")
    return lines


def _report(
    args: argparse.Namespace, plan: ImportPlan, summary: ImportSummary | None, written: bool
) -> None:
    name = plan.file.name
    created = summary.created if summary is not None else {}
    if args.json:
        payload = {
            "file": str(plan.file),
            "sheet": plan.sheet,
            "rows_read": plan.rows_read,
            "sheets": list(plan.sheets),
            "counts": plan.counts,
            "created": created,
            "unknown_values": [
                {"column": u.column, "value": u.value, "rows": u.rows, "first_row": u.first_row}
                for u in plan.unknown
            ],
            "warnings": [_problem_json(p) for p in plan.warnings],
            "errors": [_problem_json(p) for p in plan.errors],
            "written": written,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    title = f"{name}" + (f" ({plan.sheet})" if plan.sheet and not plan.sheets else "")
    print(title)
    if plan.sheets:
        print(
            "  "
            + _("Rows read from {count} sheets with the same headings: {sheets}").format(
                count=len(plan.sheets), sheets="、".join(plan.sheets)
            )
        )
    for line in _counts_lines(plan, written=written):
        print(f"  {line}")
    for label, people in created.items():
        if people:
            print(f"  {_(COUNT_LABELS.get(label, label))}: {', '.join(people)}")
    _report_unknown(plan)
    for heading, problems in ((_("Warnings"), plan.warnings), (_("Errors"), plan.errors)):
        if not problems:
            continue
        print(f"{heading} ({len(problems)}):")
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            print(f"  {problem.describe(name)}")
        if len(problems) > MAX_PROBLEMS_SHOWN:
            print("  " + _("… and {count} more").format(count=len(problems) - MAX_PROBLEMS_SHOWN))
    if written:
        print(_("Imported."))
    elif args.dry_run:
        print(_("Checked only (--dry-run): nothing was written."))
    elif any(problem.row is None for problem in plan.errors) or not plan.rows_read:
        print(_("Nothing was written: correct the file and import it again."))
    else:
        print(
            _("Nothing was written: correct the errors, or use --skip-invalid to import the rest.")
        )


def _report_unknown(plan: ImportPlan) -> None:
    if not plan.unknown:
        return
    print(_("Values no list knows ({count}):").format(count=len(plan.unknown)))
    for unknown in plan.unknown[:MAX_PROBLEMS_SHOWN]:
        print(
            "  "
            + ngettext(
                "“{column}”: “{value}” ({rows} row, first row {row})",
                "“{column}”: “{value}” ({rows} rows, first row {row})",
                unknown.rows,
            ).format(
                column=unknown.column, value=unknown.value, rows=unknown.rows, row=unknown.first_row
            )
        )
    print(
        "  "
        + _(
            "Map them with --map-value COLUMN:VALUE=CODE, or add them to their lists with "
            "--add-values."
        )
    )


def _problem_json(problem: Problem) -> dict[str, Any]:
    value = problem.value
    if value is not None and not isinstance(value, (str, int, float, bool)):
        value = str(value)
    return {
        "row": problem.row,
        "column": problem.column,
        "value": value,
        "message": problem.message,
        "severity": problem.severity,
    }


def cmd_import_roster(args: argparse.Namespace, open_workspace: Any) -> int:
    from app.areas.training.roster_import import RosterImportSpec

    held_on = None
    if args.date:
        from app.areas.training.registers import TRAINING_SESSIONS
        from app.registers.fields import FieldError

        try:
            held_on = TRAINING_SESSIONS.field("held_on").parse(args.date)
        except (FieldError, ValueError) as exc:
            raise ImportCliError(
                _("--date “{text}”: {reason}").format(text=args.date, reason=exc)
            ) from None
    spec = RosterImportSpec(
        programme_type=args.programme_type, programme=args.programme, held_on=held_on
    )
    with open_workspace(args) as workspace:
        return run_import(args, spec, workspace)


def cmd_import_register(args: argparse.Namespace, open_workspace: Any) -> int:
    from app.areas import import_specs
    from app.importing.register_import import RegisterImportSpec
    from app.registers import all_registers, get_register

    offered = {spec.key: spec for spec in import_specs()}
    try:
        defn = get_register(args.register)
    except KeyError:
        if args.register in offered:  # an import an area offers (a returned questionnaire...)
            with open_workspace(args) as workspace:
                return run_import(args, offered[args.register], workspace)
        names = ", ".join(
            [d.key for d in all_registers() if d.creatable and not d.singleton]
            + [key for key in offered if key not in {d.key for d in all_registers()}]
        )
        raise ImportCliError(
            _("There is no register called '{name}'. Try: {names}").format(
                name=args.register, names=names
            )
        ) from None
    with open_workspace(args) as workspace:
        return run_import(args, RegisterImportSpec(defn), workspace)
