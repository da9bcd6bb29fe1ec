"""Importing one case of the independent roster corpus (tests/data/rosters/) and comparing.

A plain module, not a test: ``test_roster_corpus`` runs every case, and
``python -m tests.app.importing.roster_corpus [CASE...]`` prints what differs while working.
The comparison rules are the corpus README's: names and programmes without spaces or width
differences, a person without a staff number found by name, records in any order.
"""

from __future__ import annotations

import io
import json
import os
import sys
import unicodedata
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[2] / "data" / "rosters"
PASSPHRASE = "corpus-passphrase-harbour-lantern"
FIELDS = ("department", "employment_type", "status", "score", "passed")


def cases() -> list[str]:
    return sorted(path.parent.name for path in CORPUS.glob("*/expected.json"))


def fold(text: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).casefold()


@dataclass
class Outcome:
    case: str
    expected: int = 0
    found: int = 0
    differences: list[str] = field(default_factory=list)
    undated_not_yet: int = 0  # expected records Mamori does not store (see KNOWN in the test)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.differences


def arguments(case: str) -> tuple[list[str], dict[str, Any]]:
    expected = json.loads((CORPUS / case / "expected.json").read_text(encoding="utf-8"))
    options = expected.get("options") or {}
    args = ["import-roster", str(CORPUS / case / expected["file"]), "--skip-invalid", "--json"]
    if options.get("sheet"):
        args += ["--sheet", options["sheet"]]
    if options.get("programme"):
        args += ["--programme", options["programme"]]
    if options.get("date"):
        args += ["--date", options["date"]]
    return args, expected


def run_case(case: str, workspace_dir: Path) -> Outcome:
    from app.cli import build_parser, run_command
    from app.storage.workspace import Workspace

    path = workspace_dir / f"{case}.mamori"
    Workspace.create(path, PASSPHRASE).close()
    args, expected = arguments(case)
    options = expected.get("options") or {}
    saved = {key: os.environ.get(key) for key in ("MAMORI_PASSPHRASE", "MAMORI_FILE_PASSWORD")}
    os.environ["MAMORI_PASSPHRASE"] = PASSPHRASE
    if options.get("password"):
        os.environ["MAMORI_FILE_PASSWORD"] = options["password"]
    else:
        os.environ.pop("MAMORI_FILE_PASSWORD", None)
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = run_command(build_parser().parse_args(["--workspace", str(path), *args]))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    outcome = Outcome(case, expected=len(expected["records"]))
    try:
        outcome.summary = json.loads(out.getvalue())
    except ValueError:
        outcome.differences.append(f"exit {code}: {err.getvalue().strip() or out.getvalue()}")
        return outcome
    with Workspace.open(path, PASSPHRASE) as workspace:
        actual = stored_records(workspace.conn)
    compare(outcome, expected, actual)
    return outcome


def stored_records(conn: Any) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT p.staff_no, p.name, d.name, p.employment_type, g.title, s.held_on, a.status, "
        "a.score, a.passed FROM training_attendance a JOIN person p ON p.id = a.person_id "
        "LEFT JOIN department d ON d.id = p.department_id "
        "JOIN training_session s ON s.id = a.session_id "
        "JOIN training_programme g ON g.id = s.programme_id"
    ).fetchall()
    keys = ("staff_no", "name", "department", "employment_type", "programme", "date", "status")
    records = []
    for row in rows:
        record = dict(zip(keys, row[:7], strict=True))
        record["score"] = row[7]
        record["passed"] = None if row[8] is None else bool(row[8])
        records.append(record)
    return records


def _key(record: dict[str, Any], by_name: bool) -> tuple[str, str, str]:
    who = fold(record["name"]) if by_name else str(record["staff_no"])
    return who, fold(record["programme"]), str(record["date"])


def compare(outcome: Outcome, expected: dict[str, Any], actual: list[dict[str, Any]]) -> None:
    wanted = []
    for record in expected["records"]:
        if record["date"] is None and record["status"] == "not_yet":
            outcome.undated_not_yet += 1
            continue
        wanted.append(record)
    by_staff = {_key(r, False): r for r in actual}
    by_name = {_key(r, True): r for r in actual}
    matched: set[int] = set()
    for record in wanted:
        use_name = record["staff_no"] is None
        found = (by_name if use_name else by_staff).get(_key(record, use_name))
        if found is None:
            outcome.differences.append(f"missing {_describe(record)}")
            continue
        matched.add(id(found))
        if fold(found["name"]) != fold(record["name"]):
            outcome.differences.append(f"name {found['name']} for {_describe(record)}")
        for key in FIELDS:
            if found[key] != record[key]:
                outcome.differences.append(
                    f"{key} {found[key]!r} (expected {record[key]!r}) for {_describe(record)}"
                )
    outcome.found = len(actual)
    for record in actual:
        if id(record) not in matched:
            outcome.differences.append(f"unexpected {_describe(record)}")
    duplicates = outcome.summary.get("counts", {}).get("duplicates_in_file", 0)
    if duplicates != expected.get("duplicates", 0):
        outcome.differences.append(f"duplicates {duplicates} (expected {expected['duplicates']})")
    refused = sorted(error["row"] for error in outcome.summary.get("errors", []))
    wanted_refused = sorted(item["row"] for item in expected.get("refused_rows", []))
    if sorted(set(refused)) != wanted_refused:
        outcome.differences.append(f"refused rows {refused} (expected {wanted_refused})")


def _describe(record: dict[str, Any]) -> str:
    return (
        f"{record['staff_no']} {record['name']} / {record['programme']} / {record['date']} "
        f"{record['status']}"
    )


def main(names: list[str]) -> int:
    import tempfile

    from app.i18n import set_language

    set_language("en")
    passed = 0
    with tempfile.TemporaryDirectory() as folder:
        for case in names or cases():
            outcome = run_case(case, Path(folder))
            passed += outcome.ok
            print(f"{'PASS' if outcome.ok else 'FAIL'} {case} ({outcome.found}/{outcome.expected})")
            for line in outcome.differences[:12]:
                print(f"    {line}")
            if len(outcome.differences) > 12:
                print(f"    … {len(outcome.differences) - 12} more")
    print(f"{passed} of {len(names or cases())} cases pass")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
