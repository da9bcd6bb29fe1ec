"""The independent corpus of request cases (/work/corpus/rules/requests.json, written from the
domain alone) run through the real record layer: each case becomes a request in an encrypted
workspace, its extensions and suspensions are logged with the clock use cases, a refusal is
recorded as a decision, and the derived dates are read back.

Adapter notes (no disagreement): the corpus's suspension ``to`` is the last stopped day, which is
our "stopped until" (both included); ``refused_on`` is a refusal decision told that day.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.areas.requests import clock
from app.areas.requests.registers import DATA_REQUESTS
from app.registers.records import create_record, load_record, update_record

CORPUS = Path("/work/corpus/rules/requests.json")
BUNDLED = Path(__file__).parent.parent.parent / "data" / "requests" / "corpus_requests.json"
CASES_FILE = CORPUS if CORPUS.exists() else BUNDLED
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))
DISAGREEMENTS: dict[str, str] = {}  # none


def _run(conn, case: dict) -> tuple[dict, int]:
    facts = case["input"]
    request_id = create_record(
        conn,
        DATA_REQUESTS,
        {
            "received_on": facts["received_on"],
            "request_type": facts["type"],
            "requester_name": "コーパス 太郎",
            "sla_days": facts["sla_days"],
            "request_detail": facts.get("summary"),
            "id_method": "in_person" if facts.get("identity_verified_on") else None,
            "id_checked_on": facts.get("identity_verified_on"),
        },
    ).record_id
    for suspension in facts.get("suspensions", []):
        clock.suspend(
            conn,
            request_id,
            stopped_on=suspension["from"],
            reason="identity_documents",
            note=suspension["reason"],
        )
        clock.restart(conn, request_id, stopped_until=suspension["to"])
    for extension in facts.get("extensions", []):
        clock.extend(
            conn,
            request_id,
            days=extension["days"],
            reason="volume",
            decided_on=extension["from"],
            note=extension["reason"],
        )
    if facts.get("refused_on"):
        update_record(
            conn,
            DATA_REQUESTS,
            request_id,
            {
                "decision": "refused",
                "decided_on": facts["refused_on"],
                "refusal_ground": "business",
                "reasons_told": "業務の適正な実施に著しい支障を及ぼすおそれ",
            },
        )
    if facts.get("responded_on"):
        update_record(
            conn,
            DATA_REQUESTS,
            request_id,
            {
                "decision": "refused" if facts.get("refused_on") else "full",
                "decided_on": facts.get("refused_on") or facts["responded_on"],
                "responded_on": facts["responded_on"],
            },
        )
    return load_record(conn, DATA_REQUESTS, request_id), request_id


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_request_case(shared_workspace, case: dict) -> None:
    if case["id"] in DISAGREEMENTS:
        pytest.skip(DISAGREEMENTS[case["id"]])
    conn = shared_workspace.conn
    record, request_id = _run(conn, case)
    expected = case["expected"]
    got = {
        "due_on": _iso(record["sla_due"]),
        "litigation_bar_on": _iso(record["litigation_bar_on"]),
        "suit_possible_from": _iso(record["suit_possible_from"]),
    }
    wanted = {key: expected[key] for key in got}
    if record["responded_on"] is not None:  # answered: the due date stays as it stood
        assert record["within_sla"] is (record["responded_on"] <= record["sla_due"])
    assert got == wanted, case["why"]
    if "status_on" in expected:
        day = date.fromisoformat(expected["status_on"]["date"])
        assert clock.overdue_on(conn, request_id, day) is expected["status_on"]["overdue"]


def test_the_corpus_is_all_there() -> None:
    assert len(CASES) >= 27
    assert {case["input"]["type"] for case in CASES} >= {"disclosure", "tp_record_disclosure"}
