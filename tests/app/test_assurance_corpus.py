"""The independent assurance corpus (/work/corpus/files, written from the domain without reading
this code): finding due dates by severity and auditor independence, run through real records of a
real workspace — the finding register's derived due date, and the audit register's refusal (its
message naming each auditor and department) with the conflicts found from the stored department
history. A copy of the two files lives in tests/data/corpus_assurance/ so the suite runs anywhere.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.areas.assurance.independence import conflicts, memberships_of
from app.areas.assurance.registers import AUDITS, DEPARTMENT_ASSIGNMENTS, FINDINGS
from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.errors import ValidationError
from app.registers.records import create_record, load_record
from app.storage.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "corpus_assurance"
FINDING_CASES = json.loads((DATA / "finding_due.json").read_text(encoding="utf-8"))
INDEPENDENCE_CASES = json.loads((DATA / "audit_independence.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    ws = Workspace.create(tmp_path_factory.mktemp("corpus") / "c.mamori", "corpus-passphrase-15")
    yield ws
    ws.close()


def _add(conn, defn, **values) -> int:
    return create_record(conn, defn, values).record_id


@pytest.mark.parametrize("case", FINDING_CASES, ids=[c["id"] for c in FINDING_CASES])
def test_finding_due(shared, case) -> None:
    conn = shared.conn
    audit = _add(conn, AUDITS, title=f"corpus {case['id']}", started_on=case["input"]["found_on"])
    finding = _add(conn, FINDINGS, audit=audit, severity=case["input"]["severity"],
                   found_on=case["input"]["found_on"], description=case["why"])  # fmt: skip
    due = load_record(conn, FINDINGS, finding)["due_on"]
    assert (due.isoformat() if due else None) == case["expected"]["due"]


def _department(conn, code: str) -> int:
    row = conn.execute("SELECT id FROM department WHERE code = ?", (code,)).fetchone()
    return row[0] if row else _add(conn, DEPARTMENTS, code=code, name=f"部署{code}")


@pytest.mark.parametrize("case", INDEPENDENCE_CASES, ids=[c["id"] for c in INDEPENDENCE_CASES])
def test_audit_independence(shared, case) -> None:
    conn = shared.conn
    given = case["input"]
    scope = given["all_departments"] if given["scope"] == "ALL" else given["scope"]
    scope_ids = [_department(conn, code) for code in scope]
    people: dict[str, int] = {}
    for number, auditor in enumerate(given["auditors"]):
        person = _add(conn, PEOPLE, staff_no=f"{case['id'][:12]}-{number}", name=auditor["name"])
        people[auditor["name"]] = person
        for membership in auditor["departments"]:
            _add(conn, DEPARTMENT_ASSIGNMENTS, person=person,
                 department=_department(conn, membership["code"]),
                 start_on=membership["from"], end_on=membership["to"],
                 concurrent=len(auditor["departments"]) > 1)  # fmt: skip
    lead = people[given["lead_auditor"]]
    raw = {
        "title": f"corpus {case['id']}",
        "departments": scope_ids,
        "lead_auditor": lead,
        "auditors": [pid for pid in people.values() if pid != lead] or None,
        "started_on": given["audit_date"],
        "ended_on": given.get("audit_end") or given["audit_date"],
    }
    # the conflicts the check finds from the stored history, by code
    codes = dict(conn.execute("SELECT id, code FROM department").fetchall())
    found = conflicts(
        date.fromisoformat(raw["started_on"]),
        date.fromisoformat(raw["ended_on"]),
        [str(one) for one in scope_ids],
        {name: memberships_of(conn, pid) for name, pid in people.items()},
    )
    expected = {(c["auditor"], c["department"]) for c in case["expected"]["conflicts"]}
    assert {(c.auditor, codes[int(c.department)]) for c in found} == expected
    if case["expected"]["allowed"]:
        _add(conn, AUDITS, **raw)
        return
    with pytest.raises(ValidationError) as refused:
        _add(conn, AUDITS, **raw)
    message = " ".join(refused.value.errors.values())
    for auditor, department in expected:
        assert auditor in message and f"部署{department}" in message, message
    assert (
        conn.execute("SELECT count(*) FROM audit WHERE title = ?", (raw["title"],)).fetchone()[0]
        == 0
    )
