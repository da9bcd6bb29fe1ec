"""The decision helper: 委託・共同利用・第三者提供, whether a record is needed, and its register."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.sharing.decision import QUESTION_KEYS, asked, conclude, next_question
from app.areas.sharing.registers_provision import FLOW_DECISIONS, PROVISION_RECORDS
from app.dashboard import gather
from app.registers.records import ValidationError, create_record, load_record

NO_EXIT = {"q_leaves_org": True, "q_related_info": False, "q_entrusted": False,
           "q_succession": False, "q_joint_use": False}  # fmt: skip
NOT_EXEMPT = {"q_law_exception": False, "q_public_body": False, "q_on_behalf": False}


@pytest.mark.parametrize(
    ("answers", "flow", "record", "basis"),
    [
        ({"q_leaves_org": False}, "internal", False, None),
        ({"q_leaves_org": True, "q_related_info": True}, "third_party", True, "related_info"),
        ({"q_leaves_org": True, "q_related_info": False, "q_succession": False,
          "q_joint_use": False, "q_entrusted": True}, "entrustment", False, "not_third_party"),
        ({**NO_EXIT, "q_joint_use": True}, "joint_use", False, "not_third_party"),
        ({**NO_EXIT, "q_foreign": False, "q_law_exception": True}, "third_party_exempt", False,
         "exempt_law"),
        ({**NO_EXIT, "q_foreign": False, "q_law_exception": False, "q_public_body": True},
         "third_party_exempt", False, "exempt_law"),
        ({**NO_EXIT, "q_foreign": False, **NOT_EXEMPT, "q_consent": True}, "third_party", True,
         "consent"),
        ({**NO_EXIT, "q_foreign": True, **NOT_EXEMPT, "q_consent": True}, "third_party_foreign",
         True, "consent_foreign"),
        ({**NO_EXIT, "q_foreign": True, **NOT_EXEMPT, "q_consent": False}, "not_permitted", True,
         None),
        ({**NO_EXIT, "q_foreign": False, **NOT_EXEMPT, "q_consent": False, "q_opt_out": True},
         "third_party", True, "opt_out"),
        ({**NO_EXIT, "q_foreign": False, **NOT_EXEMPT, "q_consent": False, "q_opt_out": False},
         "not_permitted", True, None),  # not allowed; were it done, it would need a record
    ],
)  # fmt: skip
def test_conclusions(answers, flow, record, basis) -> None:
    conclusion = conclude(answers)
    assert conclusion is not None
    assert (conclusion.flow_class, conclusion.record_needed, conclusion.basis) == (
        flow,
        record,
        basis,
    )
    assert next_question(answers) is None


def test_questions_come_in_order_and_stop_at_the_conclusion() -> None:
    answers: dict[str, bool] = {}
    seen = []
    while (question := next_question(answers)) is not None:
        seen.append(question.key)
        answers[question.key] = question.key in ("q_leaves_org", "q_consent")
    assert seen == [key for key in QUESTION_KEYS if key != "q_opt_out"]
    assert asked({**answers, "q_opt_out": True}) == seen  # a later answer is not needed


def test_a_decision_is_recorded_and_reminds_until_its_record_exists(workspace) -> None:
    conn = workspace.conn
    with pytest.raises(ValidationError) as caught:
        create_record(conn, FLOW_DECISIONS, {"ref": "DC-1", "title": "保険会社への紹介",
                                             "decided_on": "2025-05-01", "q_leaves_org": True})  # fmt: skip
    assert "q_leaves_org" in caught.value.errors
    answers = {**NO_EXIT, "q_foreign": False, **NOT_EXEMPT, "q_consent": True}
    decision = create_record(conn, FLOW_DECISIONS, {
        "ref": "DC-1", "title": "保険会社への紹介", "decided_on": "2025-05-01", **answers}).record_id  # fmt: skip
    stored = load_record(conn, FLOW_DECISIONS, decision)
    assert (stored["conclusion"], stored["record_needed"], stored["suggested_basis"]) == (
        "third_party", True, "consent")  # fmt: skip
    due = [
        item.title for item in gather(conn, stored["decided_on"]) if item.rule == "R-PROV-RECORD"
    ]
    assert due == ["Record the provision: 保険会社への紹介"]
    create_record(conn, PROVISION_RECORDS, {
        "ref": "PR-1", "basis": "consent", "recorded_on": "2025-05-02", "provided_on": "2025-05-02",
        "decision": decision, "counterparty_name": "みらい保険", "subject_identification": "山田太郎",
        "data_items": "氏名、電話番号", "consent_statement": "申込書"})  # fmt: skip
    assert "R-PROV-RECORD" not in [item.rule for item in gather(conn, stored["decided_on"])]


def test_an_exemption_names_its_legal_ground(workspace) -> None:
    values = {"ref": "DC-2", "title": "警察からの照会への回答", "decided_on": "2025-06-01",
              **NO_EXIT, "q_foreign": False, "q_law_exception": True}  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        create_record(workspace.conn, FLOW_DECISIONS, values)
    assert "exemption_ground" in caught.value.errors
    create_record(workspace.conn, FLOW_DECISIONS,
                  {**values, "exemption_ground": "刑事訴訟法197条2項"})  # fmt: skip


def test_a_flow_that_may_not_go_ahead_asks_for_no_record(workspace) -> None:
    values = {"ref": "DC-3", "title": "同意のない名簿の提供", "decided_on": "2025-06-01",
              **NO_EXIT, "q_foreign": False, **NOT_EXEMPT, "q_consent": False,
              "q_opt_out": False}  # fmt: skip
    create_record(workspace.conn, FLOW_DECISIONS, values)
    assert "R-PROV-RECORD" not in [item.rule for item in gather(workspace.conn, date(2025, 6, 1))]
