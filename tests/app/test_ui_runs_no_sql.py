"""House rule 2: ``ui/`` reads and changes data only through use cases in ``app/``; it runs no SQL.

Scans the source text of every module under ``ui/`` (no import, no QApplication), so a query
hidden in a rarely opened dialog fails here as surely as one on the main window.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL_CALL = re.compile(r"\.?\b(execute|executemany|executescript)\s*\(")
DRIVER_IMPORT = re.compile(r"^\s*(import|from)\s+(sqlite3|sqlcipher3)\b", re.MULTILINE)


def sql_in(text: str) -> list[str]:
    """The offending lines of one module's text, numbered."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if SQL_CALL.search(line) or DRIVER_IMPORT.search(line):
            found.append(f"{number}: {line.strip()}")
    return found


def test_the_scan_finds_what_it_looks_for():
    assert sql_in('rows = conn.execute("SELECT 1")')
    assert sql_in("session.conn.executemany(sql, rows)")
    assert sql_in("conn.executescript(script)")
    assert sql_in("import sqlcipher3")
    assert sql_in("from sqlite3 import connect")
    assert not sql_in("rows = assessment_summaries(conn, asset_id)")
    assert not sql_in("self.executed = True")


def test_no_module_under_ui_runs_sql():
    modules = sorted((ROOT / "ui").rglob("*.py"))
    assert len(modules) > 20
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in modules
        if (lines := sql_in(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "ui/ must call use cases in app/ instead of SQL:\n" + "\n".join(
        f"{module}:{line}" for module, lines in offenders.items() for line in lines
    )
