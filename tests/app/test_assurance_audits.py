"""Audits (JIS A.3.7.2): plan, independence refused with the reason, checklist from the control
catalogue and the organisation's own questions, findings due by severity, a finding's corrective
action in one step, department coverage of the fiscal year with its reminder, board chapter 12,
and every register exported."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.assurance.audits import (
    build_checklist,
    findings_from_checklist,
    raise_action_for_finding,
)
from app.areas.assurance.board import (
    _LINES,
    ChapterLines,
    action_figures,
    assurance_section,
    chapter_lines,
)
from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.areas.assurance.coverage import audit_coverage, audit_coverage_items
from app.areas.assurance.loop import record_effectiveness
from app.areas.assurance.registers import (
    ASSURANCE_REGISTERS,
    AUDIT_CHECKLIST,
    AUDIT_PLANS,
    AUDIT_QUESTIONS,
    AUDITS,
    DEPARTMENT_ASSIGNMENTS,
    FINDINGS,
)
from app.areas.assurance.reminders import audits_to_hold_or_report, findings_without_action
from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.board.period import fiscal_year_period
from app.board.report import build_snapshot
from app.board.snapshot import Kpi
from app.errors import ValidationError
from app.registers.export import export_register
from app.registers.records import create_record, load_record, update_record
from app.verify import verify_workspace


def _add(conn, defn, **values) -> int:
    return create_record(conn, defn, values).record_id


@pytest.fixture
def org(workspace):
    conn = workspace.conn
    depts = {code: _add(conn, DEPARTMENTS, code=code, name=name)
             for code, name in (("AU", "内部監査室"), ("DC", "港北配送センター"),
                                ("ST", "日吉店"), ("IT", "情報システム部"))}  # fmt: skip
    people = {
        "auditor": _add(conn, PEOPLE, staff_no="1", name="佐藤 一郎", department=depts["AU"]),
        "driver": _add(conn, PEOPLE, staff_no="2", name="鈴木 花子", department=depts["DC"]),
        "it": _add(conn, PEOPLE, staff_no="3", name="高橋 次郎", department=depts["IT"]),
    }
    return workspace.conn, depts, people


def test_an_auditor_may_not_audit_their_own_department(org) -> None:
    conn, depts, people = org
    with pytest.raises(ValidationError) as refused:
        _add(conn, AUDITS, title="配送センター監査", departments=[depts["DC"], depts["ST"]],
             lead_auditor=people["auditor"], auditors=[people["driver"]],
             started_on="2026-11-10")  # fmt: skip
    message = refused.value.errors["auditors"]
    assert "鈴木 花子" in message and "港北配送センター" in message
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 0
    with pytest.raises(ValidationError) as lead:
        _add(conn, AUDITS, title="IT監査", departments=[depts["IT"]], lead_auditor=people["it"],
             started_on="2026-11-10")  # fmt: skip
    assert "高橋 次郎" in lead.value.errors["lead_auditor"]
    audit = _add(conn, AUDITS, title="店舗監査", departments=[depts["ST"], depts["DC"]],
                 lead_auditor=people["auditor"], auditors=[people["it"]],
                 started_on="2026-11-10", ended_on="2026-11-11")  # fmt: skip
    values = load_record(conn, AUDITS, audit)
    assert values["code"] == "A-2026-001"
    # a move recorded in the department history: the driver left DC before the audit
    _add(conn, DEPARTMENT_ASSIGNMENTS, person=people["driver"], department=depts["DC"],
         start_on="2019-04-01", end_on="2026-09-30")  # fmt: skip
    _add(conn, DEPARTMENT_ASSIGNMENTS, person=people["driver"], department=depts["IT"],
         start_on="2026-10-01")  # fmt: skip
    update_record(conn, AUDITS, audit, {"auditors": [people["it"], people["driver"]],
                                        "lead_auditor": people["auditor"]})  # fmt: skip
    with pytest.raises(ValidationError):  # but the same audit dated before the move is refused
        update_record(conn, AUDITS, audit, {"started_on": "2026-09-29"})


def test_checklist_from_controls_and_own_questions(org) -> None:
    conn, depts, people = org
    audit = _add(conn, AUDITS, title="監査", departments=[depts["DC"]],
                 lead_auditor=people["auditor"], started_on="2026-11-10")  # fmt: skip
    _add(
        conn,
        AUDIT_QUESTIONS,
        code="Q01",
        question="注文書を施錠保管しているか",
        clause_ref="A.3.4.3.2",
    )
    controls = conn.execute("SELECT count(*) FROM control WHERE active = 1").fetchone()[0]
    assert controls > 40
    changes = build_checklist(conn, audit)
    assert changes.count == controls + 1
    rows = conn.execute(
        "SELECT seq, control_id IS NOT NULL, question, clause_ref FROM audit_checklist_item "
        "WHERE audit_id = ? ORDER BY seq",
        (audit,),
    ).fetchall()
    assert [row[0] for row in rows] == list(range(1, controls + 2))
    assert rows[-1][1:] == (0, "Q01 注文書を施錠保管しているか", "A.3.4.3.2")
    assert all(row[3] for row in rows[:-1])  # every control brings its JIS reference
    assert build_checklist(conn, audit).count == 0  # nothing added twice
    with pytest.raises(ValidationError):
        build_checklist(conn, audit, control_codes=["ZZ99"])
    items = [row[0] for row in conn.execute(
        "SELECT id FROM audit_checklist_item WHERE audit_id = ? ORDER BY seq", (audit,))]  # fmt: skip
    for item, result in zip(
        items, ("conforming", "nonconforming", "observation", "na"), strict=False
    ):
        update_record(conn, AUDIT_CHECKLIST, item, {"result": result, "evidence": "現地確認"})
    assert findings_from_checklist(conn, audit).count == 2
    assert conn.execute(
        "SELECT checklist_item_id, severity, evidence, clause_ref IS NOT NULL FROM finding "
        "ORDER BY id"
    ).fetchall() == [
        (items[1], "minor_nc", "現地確認", 1),
        (items[2], "observation", "現地確認", 1),
    ]
    assert findings_from_checklist(conn, audit).count == 0  # one finding per item


def test_finding_due_by_severity_and_its_action_in_one_step(org) -> None:
    conn, depts, people = org
    audit = _add(conn, AUDITS, title="監査", departments=[depts["DC"]],
                 lead_auditor=people["auditor"], started_on="2026-10-01",
                 ended_on="2026-10-02")  # fmt: skip
    update_record(conn, DEPARTMENTS, depts["DC"], {"manager": people["driver"]})
    major = _add(
        conn,
        FINDINGS,
        audit=audit,
        severity="major_nc",
        department=depts["DC"],
        description="伝票の放置",
    )  # fmt: skip  (owner: the department's manager)
    minor = _add(conn, FINDINGS, audit=audit, severity="minor_nc", description="記録漏れ",
                 found_on="2026-10-05")  # fmt: skip
    note = _add(conn, FINDINGS, audit=audit, severity="observation", description="保管場所")
    assert load_record(conn, FINDINGS, major)["found_on"] == date(2026, 10, 2)  # the audit's day
    assert load_record(conn, FINDINGS, major)["due_on"] == date(2026, 11, 1)
    assert load_record(conn, FINDINGS, minor)["due_on"] == date(2027, 1, 3)
    assert load_record(conn, FINDINGS, note)["due_on"] is None
    update_record(conn, FINDINGS, minor, {"severity": "major_nc"})  # derived again
    assert load_record(conn, FINDINGS, minor)["due_on"] == date(2026, 11, 4)
    waiting = [i.record_id for i in findings_without_action(conn, date(2026, 10, 20))]
    assert waiting == [major, minor]

    raised = raise_action_for_finding(conn, major)
    action = load_record(conn, CORRECTIVE_ACTIONS, raised.action_id)
    assert (action["source"], action["due_on"], action["owner"], action["department"]) == (
        "audit", date(2026, 11, 1), people["driver"], depts["DC"])  # fmt: skip
    assert action["source_label"].endswith("/ F-2026-001")
    assert load_record(conn, FINDINGS, major)["corrective_action"] == raised.action_id
    with pytest.raises(ValidationError):
        raise_action_for_finding(conn, major)
    with pytest.raises(ValidationError):
        raise_action_for_finding(conn, note)
    assert [i.record_id for i in findings_without_action(conn, date(2026, 10, 20))] == [minor]
    review = _add(conn, AUDITS, title="Pマーク更新審査", audit_type="external",
                  started_on="2026-10-20")  # fmt: skip
    external = _add(conn, FINDINGS, audit=review, severity="minor_nc", description="委託先評価")
    assert (
        load_record(conn, CORRECTIVE_ACTIONS, raise_action_for_finding(conn, external).action_id)[
            "source"
        ]
        == "external_review"
    )
    assert verify_workspace(conn).ok


def test_coverage_of_the_fiscal_year_and_its_reminder(org) -> None:
    conn, depts, people = org
    plan = _add(conn, AUDIT_PLANS, fiscal_year=2026, title="2026年度 内部監査計画",
                departments=[depts["DC"], depts["ST"], depts["IT"], depts["AU"]],
                criteria="JIS Q 15001:2023")  # fmt: skip
    sites = _add(conn, AUDITS, title="事業所", departments=[depts["DC"], depts["ST"]], plan=plan,
                 lead_auditor=people["auditor"], started_on="2026-06-01",
                 ended_on="2026-06-02")  # fmt: skip
    assert load_record(conn, AUDITS, sites)["criteria"] == "JIS Q 15001:2023"  # from the plan
    _add(
        conn,
        AUDITS,
        title="Pマーク",
        audit_type="external",
        departments=[depts["IT"]],
        started_on="2026-07-01",
    )  # fmt: skip  (an external review covers nothing)
    _add(
        conn,
        AUDITS,
        title="前年度",
        departments=[depts["AU"]],
        lead_auditor=people["it"],
        started_on="2026-03-01",
        ended_on="2026-03-02",
    )  # fmt: skip  (fiscal year 2025)
    coverage = audit_coverage(conn, 2026)
    assert (coverage.start, coverage.end) == (date(2026, 4, 1), date(2027, 3, 31))
    assert [(row.code, row.planned, row.covered) for row in coverage.departments] == [
        ("AU", True, False), ("DC", True, True), ("IT", True, False), ("ST", True, True)]  # fmt: skip
    assert audit_coverage(conn, 2026, until=date(2026, 5, 31)).covered == 0
    assert list(audit_coverage_items(conn, date(2026, 10, 1))) == []  # not yet in the last months
    (item,) = audit_coverage_items(conn, date(2027, 1, 10))
    assert (item.rule, item.due, item.register) == ("C-AUDIT", date(2027, 3, 31), "audit_coverage")
    assert "2" in item.title and "情報システム部" in item.detail
    planned = _add(conn, AUDITS, title="本部", departments=[depts["IT"]],
                   lead_auditor=people["auditor"], planned_on="2027-02-15")  # fmt: skip
    reminders = {(i.record_id, i.due) for i in audits_to_hold_or_report(conn, date(2027, 1, 20))}
    ended, last_year = (
        conn.execute("SELECT id FROM audit WHERE title = ?", (title,)).fetchone()[0]
        for title in ("事業所", "前年度")
    )
    assert reminders == {
        (planned, date(2027, 2, 15)),  # planned, within a month
        (ended, date(2026, 7, 2)),  # ended, not yet reported: a month after its last day
        (last_year, date(2026, 4, 1)),
    }
    for audit in (ended, last_year):
        update_record(conn, AUDITS, audit, {"reported_to_top_on": "2026-06-20"})
    assert [i.record_id for i in audits_to_hold_or_report(conn, date(2027, 1, 10))] == []


def test_board_chapter_12_counts_and_the_hook_for_other_lines(org) -> None:
    conn, depts, people = org
    audit = _add(conn, AUDITS, title="事業所", departments=[depts["DC"], depts["ST"]],
                 lead_auditor=people["auditor"], started_on="2026-06-01",
                 ended_on="2026-06-02")  # fmt: skip
    findings = [
        _add(conn, FINDINGS, audit=audit, severity=severity, description=f"指摘{n}")
        for n, severity in enumerate(("major_nc", "minor_nc", "minor_nc", "observation"))
    ]
    first = raise_action_for_finding(conn, findings[0]).action_id
    raise_action_for_finding(conn, findings[1])
    update_record(conn, CORRECTIVE_ACTIONS, first, {"completed_on": "2026-06-20", "action": "是正"})
    redo = record_effectiveness(conn, first, result="not_effective", checked_on="2026-09-20")
    update_record(conn, CORRECTIVE_ACTIONS, redo.new_action_id,
                  {"completed_on": "2026-10-01", "action": "再是正"})  # fmt: skip
    record_effectiveness(conn, redo.new_action_id, result="effective", checked_on="2027-01-05")

    period = fiscal_year_period(conn, 2026, "ja")
    figures = action_figures(conn, period)
    # the redone action counts through its successor: 2 loops, 1 closed; the minor one overdue
    assert (figures.in_scope, figures.closed, figures.overdue) == (2, 1, 1)

    @chapter_lines(10)
    def operation_checks(conn, period, language):
        return ChapterLines(kpis=[Kpi("運用の確認 実施率", 75.0, "%")], summary="運用の確認は75%。")

    class OtherShape:  # another area's own class with only some of the attributes
        def __init__(self) -> None:
            self.kpis = [Kpi("その他", 1, "件")]

    @chapter_lines(20)
    def other(conn, period, language):
        return OtherShape()

    try:
        snapshot = build_snapshot(conn, period, language="ja")
    finally:
        _LINES[:] = [pair for pair in _LINES if pair[1] not in (operation_checks, other)]
    (chapter,) = [s for s in snapshot.sections if s.key == "assurance"]
    assert chapter.recorded and chapter.title == "点検・監査"
    values = {k.label: k.value for k in chapter.kpis}
    assert [k.label for k in chapter.kpis[:2]] == ["運用の確認 実施率", "その他"]
    assert values["内部監査の部署カバー率"] == 50.0
    assert values["是正処置の完了率"] == 50.0
    assert values["期限超過の是正処置"] == 1
    by_severity = {row[0]: row[1:] for row in chapter.tables[1].rows}
    assert by_severity["重大な不適合"] == [1, 0, 1, 1]
    assert by_severity["軽微な不適合"] == [2, 0, 1, 0]
    assert any("CA-2026-001" in event and "CA-2026-003" in event for event in chapter.events)
    assert chapter.summary.startswith("運用の確認は75%。")
    assert chapter.decisions == []  # the major finding's loop closed
    late = _add(conn, FINDINGS, audit=audit, severity="major_nc", description="施錠漏れ",
                department=depts["DC"], found_on="2026-06-02")  # fmt: skip
    raise_action_for_finding(conn, late)
    (decision,) = assurance_section(conn, period, "ja").decisions
    assert decision.title == "重大な不適合1件の是正の遅れ"
    assert decision.items == ["F-2026-005 港北配送センター（期限 2026/07/02）"]
    names = {"佐藤 一郎", "鈴木 花子", "高橋 次郎"}
    text = repr(chapter)
    assert not any(name in text for name in names)


def test_every_register_exports(org, tmp_path) -> None:
    conn, depts, people = org
    _add(conn, AUDITS, title="監査", departments=[depts["DC"]], lead_auditor=people["auditor"],
         started_on="2026-06-01")  # fmt: skip
    for defn in ASSURANCE_REGISTERS:
        for fmt in ("csv", "xlsx", "json"):
            result = export_register(conn, defn, fmt, tmp_path / f"{defn.key}.{fmt}")
            assert (tmp_path / f"{defn.key}.{fmt}").exists(), (defn.key, fmt)
            assert result.rows == conn.execute(f"SELECT count(*) FROM {defn.table}").fetchone()[0]
    exports = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()[0]
    assert exports == len(ASSURANCE_REGISTERS) * 3


def test_demo_has_an_audit_with_findings_and_a_redone_action(tmp_path) -> None:
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace

    with build_demo_workspace(tmp_path / "demo.mamori", DEMO_PASSPHRASE) as ws:
        conn = ws.conn
        per_audit = conn.execute(
            "SELECT a.audit_type, group_concat(f.severity) FROM audit a JOIN finding f "
            "ON f.audit_id = a.id GROUP BY a.id"
        ).fetchall()
        assert any(
            kind == "conformity"
            and len(found.split(",")) >= 3
            and {"major_nc", "minor_nc"} <= set(found.split(","))
            for kind, found in per_audit
        )
        redone = conn.execute(
            "SELECT old.code, new.status FROM corrective_action old JOIN corrective_action new "
            "ON new.previous_id = old.id WHERE old.effectiveness = 'not_effective'"
        ).fetchall()
        assert [status for _code, status in redone] == ["closed"]
        assert {row[0] for row in conn.execute("SELECT DISTINCT status FROM corrective_action")} == {
            "open", "awaiting_check", "closed", "redone"}  # fmt: skip
        assert conn.execute("SELECT count(*) FROM audit WHERE audit_type = 'external'").fetchone()[
            0
        ]
        assert verify_workspace(conn).ok
