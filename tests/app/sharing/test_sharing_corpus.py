"""The independent corpus of sharing rules (/work/corpus/rules/sharing.json, written from the
domain and the law without reading this code) run through the real code by an adapter.

Groups: ``retention`` (provision records stored and their computed retention read back),
``decision`` (the decision helper's conclusion), ``joint_use_change`` (the change log's timing),
``anonymised`` (publication and notice of anonymised data). A copy of the corpus is kept under
``tests/data/sharing/`` so the suite does not depend on a folder outside the repository.

Disagreements, each with its reason, are listed in ``DISAGREEMENTS`` and expected to fail.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.areas.sharing.decision import conclude
from app.areas.sharing.registers_provision import PROVISION_RECORDS
from app.areas.sharing.timing import AnonProvision, anonymised_problems, joint_use_change_in_time
from app.registers.records import create_record, load_record

CORPUS = Path(__file__).parents[2] / "data" / "sharing" / "sharing.json"
CASES = json.loads(CORPUS.read_text("utf-8"))

DISAGREEMENTS = {
    "ju-scope-within-wording": (
        "a new member co-op that falls within the published wording 「当会の会員生協」 is not a "
        "change of scope (the corpus's interpretation). Mamori cannot read the wording: a scope "
        "change without recorded consent is refused, and the officer records such an addition as "
        "'other' with the wording it relies on."
    ),
}

KINDS = {
    "internal": "提供に該当しない",
    "entrustment": "委託",
    "succession": "事業承継",
    "joint_use": "共同利用",
    "third_party": "第三者提供",
    "third_party_exempt": "第三者提供",
    "third_party_foreign": "第三者提供",
    "not_permitted": "第三者提供",
}
CHANGES = {
    "responsible_party_name": "responsible_details",
    "responsible_party_address": "responsible_details",
    "responsible_party_representative": "responsible_details",
}


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _cases(group: str) -> list[Any]:
    marks = []
    for case in CASES:
        if case["group"] != group:
            continue
        reason = DISAGREEMENTS.get(case["id"])
        mark = pytest.mark.xfail(reason=reason, strict=True) if reason else ()
        marks.append(pytest.param(case, id=case["id"], marks=mark))
    return marks


def test_the_corpus_copy_is_the_corpus() -> None:
    assert len(CASES) == 44
    assert {case["group"] for case in CASES} == {
        "retention", "decision", "joint_use_change", "anonymised"}  # fmt: skip


@pytest.mark.parametrize("case", _cases("retention"))
def test_retention(case, shared_workspace) -> None:
    facts = case["input"]
    each = facts["method"] == "each"
    first = facts["provided_on"] if each else facts["first_provision_on"]
    values = {
        "ref": case["id"],
        "direction": "provide" if facts["kind"] == "provision" else "receive",
        "basis": "consent",
        "recording_method": facts["method"],
        "provided_on": first,
        "recorded_on": facts.get("record_created_on") or first,
        "last_provided_on": None if each else facts["last_provision_on"],
    }
    conn = shared_workspace.conn
    stored = load_record(
        conn, PROVISION_RECORDS, create_record(conn, PROVISION_RECORDS, values).record_id
    )
    assert stored["retention_until"] == _date(case["expected"]["retain_until"]), case["why"]


@pytest.mark.parametrize("case", _cases("decision"))
def test_decision(case) -> None:
    facts = case["input"]["answers"]
    answers = {
        "q_leaves_org": facts["to_another_entity"],
        "q_related_info": False,
        "q_succession": bool(facts.get("business_succession")),
        "q_joint_use": facts["within_joint_use_published"],
        "q_entrusted": facts["on_behalf_of_coop"]
        and not facts["recipient_processes_for_own_purpose"],
        "q_foreign": bool(facts.get("foreign")),
        "q_law_exception": facts.get("legal_basis") is not None,
        "q_public_body": False,
        "q_on_behalf": False,
        "q_consent": bool(facts.get("consent")),
        "q_opt_out": False,
    }
    conclusion = conclude(answers)
    assert conclusion is not None
    expected = case["expected"]
    assert (KINDS[conclusion.flow_class], conclusion.record_needed) == (
        expected["kind"], expected["record_needed"]), expected["why"]  # fmt: skip


@pytest.mark.parametrize("case", _cases("joint_use_change"))
def test_joint_use_change(case) -> None:
    facts = case["input"]
    change = CHANGES.get(facts["change"], facts["change"])
    ok = joint_use_change_in_time(
        change,
        _date(facts["published_on"]),
        _date(facts["effective_on"]),
        consent=bool(facts.get("consent")),
    )
    assert ok == case["expected"]["ok"], case["expected"]["why"]


@pytest.mark.parametrize("case", _cases("anonymised"))
def test_anonymised(case) -> None:
    facts = case["input"]
    provisions = [
        AnonProvision(_date(p["on"]), _date(p["items_and_method_published_on"]),
                      p["notice_to_recipient"])
        for p in facts["provisions"]
    ]  # fmt: skip
    problems = anonymised_problems(
        _date(facts["created_on"]),
        _date(facts["items_published_on"]),
        provisions,
        _date(facts.get("check_on")),
    )
    assert (not problems) == case["expected"]["ok"], (problems, case["expected"]["why"])
