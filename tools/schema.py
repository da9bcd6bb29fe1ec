"""Freeze the schema the register declarations describe, as ``app/storage/schema_vN.py``.

python -m tools.schema freeze N   # write app/storage/schema_vN.py (refuses to overwrite)
python -m tools.schema check      # exit 1 if the declarations differ from the latest frozen schema

A frozen file is never edited: a change of declaration is a new version (freeze N+1) plus a
``Migration(N+1, ..., rebuild=schema_vN1.STATEMENTS)`` step, with ``prepare``/``transform`` when
data must change shape. ``tests/app/test_schema_frozen.py`` runs the check.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.registers.ddl import schema_statements  # noqa: E402
from app.registers.registry import all_registers  # noqa: E402

HEADER = '''"""Schema version {version}, generated from the register declarations by
``python -m tools.schema freeze {version}``. Frozen: generated, never edited; later changes are a new
version and a migration step.
"""

from __future__ import annotations
'''


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a valid Python literal, in ruff's quotes


def render(version: int) -> str:
    registers = all_registers()
    lines = [HEADER.format(version=version), "STATEMENTS: tuple[str, ...] = ("]
    for statement in schema_statements(registers):
        parts = statement.splitlines(keepends=True)
        if len(parts) == 1:
            lines.append(f"    {_quoted(statement)},")
            continue
        lines.append("    (")
        lines.extend(f"        {_quoted(part)}" for part in parts)
        lines.append("    ),")
    lines.append(")")
    lines.append("")
    lines.append("REGISTER_TABLES: dict[str, str] = {")
    for defn in registers:
        lines.append(f"    {_quoted(defn.table)}: {_quoted(defn.key)},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    freeze = sub.add_parser("freeze")
    freeze.add_argument("version", type=int)
    sub.add_parser("check")
    args = parser.parse_args(argv)
    if args.command == "freeze":
        target = ROOT / "app" / "storage" / f"schema_v{args.version}.py"
        if target.exists():
            print(f"{target} exists; a frozen schema is never rewritten", file=sys.stderr)
            return 1
        target.write_text(render(args.version), encoding="utf-8")
        print(f"wrote {target}")
        return 0
    from app.storage.migrations import LATEST_SCHEMA

    if tuple(schema_statements(all_registers())) != tuple(LATEST_SCHEMA):
        print("the declarations differ from the latest frozen schema", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
