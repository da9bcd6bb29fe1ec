"""Demo assurance data: last year's audit plan and audits, this year's plan with one audit done and
one still planned (so the coverage page and the C-AUDIT reminder have gaps to show), the PrivacyMark
renewal review, findings of every kind and corrective actions at every stage: one found not
effective and redone, one overdue, one awaiting its effectiveness check. Actions raised from
incidents, complaints, operation checks and the management review come from those areas' own demo
data. Dates are counted back from ``today`` so every stage has happened.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.areas.assurance.audits import build_checklist, raise_action_for_finding
from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.areas.assurance.loop import record_effectiveness
from app.areas.assurance.registers import (
    AUDIT_CHECKLIST,
    AUDIT_PLANS,
    AUDIT_QUESTIONS,
    AUDITS,
    DEPARTMENT_ASSIGNMENTS,
    FINDINGS,
)
from app.areas.training.coverage import current_fiscal_year
from app.registers.records import insert_validated, update_in_transaction, validate
from app.storage.database import Connection

OWN_QUESTIONS = (
    ("Q01", "配達時に注文書・配達伝票を車両内で施錠保管しているか", "A.3.4.3.2"),
    ("Q02", "班・サークル名簿の配布と回収が手順どおりか", "A.3.4.3.2"),
    ("Q03", "回収した注文用紙を期限内に溶解処理しているか", "A.3.4.3.2"),
)
FIELD_SITES = ("DC-KH", "DC-TZ", "DC-KW", "DC-SG", "DC-FS", "LG", "ST-HY", "ST-KN", "ST-MZ")
HEAD_OFFICE = ("HQ", "HQ-ADM", "HQ-HR", "HQ-IT", "HQ-MS", "HQ-KY", "HQ-FN")


def _add(conn: Connection, defn, raw: dict[str, Any]) -> int:
    return insert_validated(conn, defn, validate(conn, defn, raw))


def _member_of(conn: Connection, department: int, skip: set[int]) -> int | None:
    rows = conn.execute(
        "SELECT id FROM person WHERE department_id = ? AND leave_date IS NULL AND "
        "employment_type IN ('regular', 'officer') ORDER BY staff_no",
        (department,),
    ).fetchall()
    return next((row[0] for row in rows if row[0] not in skip), None)


def _outside(conn: Connection, scope: list[int], wanted: int | None, skip: set[int]) -> int | None:
    """``wanted`` when independent of the scope, else the first other member of staff who is (a
    small demo may have nobody in the audit office)."""
    rows = conn.execute(
        "SELECT id, department_id FROM person WHERE leave_date IS NULL AND employment_type IN "
        "('regular', 'officer') ORDER BY staff_no"
    ).fetchall()
    home = dict(rows)
    if wanted is not None and wanted not in skip and home.get(wanted) not in scope:
        return wanted
    return next((pid for pid, d in rows if d not in scope and pid not in skip), None)


def add_assurance_demo(conn: Connection, rng: random.Random, today: date, _size: int) -> None:
    dept = dict(conn.execute("SELECT code, id FROM department").fetchall())
    if not dept:
        return
    year = current_fiscal_year(conn, today)
    officer = conn.execute("SELECT audit_officer_id FROM organisation WHERE id = 1").fetchone()[0]
    top = conn.execute(
        "SELECT id FROM person WHERE pms_roles LIKE '%\"top\"%' ORDER BY staff_no"
    ).fetchone()
    top_id = top[0] if top else officer
    audit_room = _member_of(conn, dept["HQ-AU"], {officer}) or officer
    admin = _member_of(conn, dept["HQ-ADM"], {officer, audit_room})
    delivery = _member_of(conn, dept["DC-KH"], {officer, audit_room})
    owner = {code: _member_of(conn, dept[code], set()) for code in dept}

    for code, question, clause in OWN_QUESTIONS:
        _add(conn, AUDIT_QUESTIONS, {"code": code, "question": question, "clause_ref": clause})
    if delivery is not None:  # a move: the history the independence check reads
        _add(conn, DEPARTMENT_ASSIGNMENTS, {"person": delivery, "department": dept["DC-TZ"],
             "start_on": today - timedelta(days=2000), "end_on": today - timedelta(days=400),
             "notes": "人事異動"})  # fmt: skip
        _add(conn, DEPARTMENT_ASSIGNMENTS, {"person": delivery, "department": dept["DC-KH"],
             "start_on": today - timedelta(days=399)})  # fmt: skip

    all_departments = list(dept.values())
    plans = {}
    for fy in (year - 1, year):
        plans[fy] = _add(conn, AUDIT_PLANS, {
            "fiscal_year": fy, "title": f"{fy}年度 内部監査計画", "audit_officer": officer,
            "departments": all_departments, "criteria": "JIS Q 15001:2023、個人情報保護規程、関連細則",
            "checklist_version": f"{fy}年版", "approved_by": top_id,
            "approved_on": today - timedelta(days=(year - fy) * 365 + 230)})  # fmt: skip

    def audit(title: str, scope: tuple[str, ...], lead: int | None, team: list[int | None],
              ended: date | None, fy: int, **more: Any) -> int:  # fmt: skip
        ids = [dept[c] for c in scope if c in dept]
        lead = _outside(conn, ids, lead, set())
        team = [_outside(conn, ids, one, {lead} if lead else set()) for one in team]
        raw = {
            "title": title, "audit_type": "conformity", "plan": plans.get(fy),
            "departments": [dept[c] for c in scope if c in dept], "lead_auditor": lead,
            "auditors": [one for one in team if one is not None] or None,
            "criteria": "JIS Q 15001:2023 附属書A、個人情報保護規程",
            "planned_on": (ended or today) - timedelta(days=3),
            "started_on": ended - timedelta(days=2) if ended else None, "ended_on": ended,
            "report_on": ended + timedelta(days=10) if ended else None,
            "reported_to_top_on": ended + timedelta(days=20) if ended else None, **more,
        }  # fmt: skip
        return _add(conn, AUDITS, raw)

    # Last fiscal year: every department covered by three audits (cross-auditing for independence).
    last = today - timedelta(days=420)
    sites = audit(f"{year - 1}年度 内部監査（事業所）", (*FIELD_SITES, "CC", "WF-HC", "WF-MD"),
                  officer, [audit_room], last, year - 1, conclusion="minor_findings",
                  report="事業所の運用はおおむね規程どおり。持出し記録に記入漏れ1件。")  # fmt: skip
    audit(f"{year - 1}年度 内部監査（本部）", HEAD_OFFICE, audit_room, [delivery],
          last + timedelta(days=14), year - 1, conclusion="conforming", report="指摘事項なし。")  # fmt: skip
    audit(f"{year - 1}年度 内部監査（内部監査室）", ("HQ-AU",), admin, [], last + timedelta(days=15),
          year - 1, conclusion="conforming", report="指摘事項なし。")  # fmt: skip
    carry_out = _add(conn, FINDINGS, {
        "audit": sites, "severity": "minor_nc", "department": dept["DC-TZ"],
        "clause_ref": "A.3.4.3.2", "found_on": last,
        "description": "個人情報を含む書類の持出し記録簿に、持出し者と返却日の記入漏れがあった（3件／月）。",
        "evidence": "持出し記録簿（2か月分）を抽出確認", "owner": owner.get("DC-TZ")})  # fmt: skip
    first = raise_action_for_finding(conn, carry_out).action_id
    completed = last + timedelta(days=40)
    update_in_transaction(conn, CORRECTIVE_ACTIONS, first, {
        "root_cause": "記録簿の様式に返却欄がなく、記入が習慣になっていなかった。",
        "correction": "記入漏れの3件を本人に確認して補記した。",
        "action": "記録簿の様式に返却日欄を追加し、朝礼で周知した。", "completed_on": completed})  # fmt: skip
    redo = record_effectiveness(conn, first, result="not_effective",
                                checked_on=completed + timedelta(days=92),
                                note="3か月後の抽出確認でも記入漏れが続いていた（2件／月）。",
                                new_due_on=completed + timedelta(days=150))  # fmt: skip
    second = redo.new_action_id
    assert second is not None
    update_in_transaction(conn, CORRECTIVE_ACTIONS, second, {
        "root_cause": "様式を変えても記入を確認する人がいなかった。",
        "action": "持出しを申請制にし、センター長が返却時に記録簿を確認して押印する手順とした。",
        "completed_on": completed + timedelta(days=140)})  # fmt: skip
    record_effectiveness(conn, second, result="effective",
                         checked_on=completed + timedelta(days=235),
                         note="3か月分の記録簿で記入漏れなし。")  # fmt: skip

    review = _add(conn, AUDITS, {
        "title": "プライバシーマーク更新審査", "audit_type": "external",
        "external_body": "一般財団法人日本情報経済社会推進協会（JIPDEC）",
        "departments": [dept["HQ"], dept["HQ-IT"], dept["DC-KH"]],
        "started_on": today - timedelta(days=302), "ended_on": today - timedelta(days=300),
        "conclusion": "minor_findings", "report": "改善報告書を提出し、受理された。",
        "reported_to_top_on": today - timedelta(days=280)})  # fmt: skip
    contractor_record = _add(conn, FINDINGS, {
        "audit": review, "severity": "minor_nc", "department": dept["HQ-ADM"],
        "clause_ref": "A.3.4.3.4", "description": "委託先の定期評価の記録に評価者と評価日が残っていない委託先があった。",
        "owner": owner.get("HQ-ADM")})  # fmt: skip
    external_action = raise_action_for_finding(conn, contractor_record).action_id
    update_in_transaction(conn, CORRECTIVE_ACTIONS, external_action, {
        "root_cause": "評価表の様式に評価者欄がなかった。", "action": "評価表の様式を改訂し、全委託先を再評価した。",
        "completed_on": today - timedelta(days=250)})  # fmt: skip
    record_effectiveness(conn, external_action, result="effective",
                         checked_on=today - timedelta(days=150))  # fmt: skip

    # This fiscal year: the field sites audited, head office still planned.
    ended = today - timedelta(days=60)
    current = audit(f"{year}年度 内部監査（配送センター・店舗）", FIELD_SITES, officer, [audit_room],
                    ended, year, conclusion="major_findings",
                    report="重大な不適合1件、軽微な不適合2件、観察事項1件。")  # fmt: skip
    audit(f"{year}年度 内部監査（本部・センター）", (*HEAD_OFFICE, "CC"), audit_room, [delivery], None,
          year, planned_on=today + timedelta(days=45))  # fmt: skip
    build_checklist(conn, current)
    results = ["conforming"] * 55 + ["na"] * 5  # the nonconformities are the findings below
    for (item_id,) in conn.execute(
        "SELECT id FROM audit_checklist_item WHERE audit_id = ? ORDER BY seq", (current,)
    ).fetchall():
        update_in_transaction(conn, AUDIT_CHECKLIST, item_id, {
            "result": rng.choice(results), "evidence": "現地確認・記録の抽出"})  # fmt: skip
    findings = [
        ("major_nc", "DC-KW", "A.3.4.3.2",
         "配達伝票（組合員の氏名・住所を含む）を入れたかごが、無人の荷捌き場に施錠されずに置かれていた。",
         "現地確認（写真2枚）、配達員への聞取り"),
        ("minor_nc", "ST-MZ", "A.3.4.3.2",
         "加入申込書を保管するキャビネットの鍵の貸出記録がない。", "鍵管理の現地確認"),
        ("minor_nc", "DC-FS", "A.3.4.3.3",
         "新任の配達員2名が入職時教育を受ける前に配達を始めていた。", "教育記録と勤務表の照合"),
        ("observation", "ST-HY", "A.3.5",
         "教育記録の保管場所が部署ごとに異なり、探すのに時間がかかる。", "記録保管状況の確認"),
    ]  # fmt: skip
    ids = []
    for severity, code, clause, text, evidence in findings:
        ids.append(_add(conn, FINDINGS, {"audit": current, "severity": severity,
                   "department": dept[code], "clause_ref": clause, "description": text,
                   "evidence": evidence, "owner": owner.get(code)}))  # fmt: skip
    raise_action_for_finding(conn, ids[0])  # overdue: due 30 days after the audit
    kept = raise_action_for_finding(conn, ids[1]).action_id
    update_in_transaction(conn, CORRECTIVE_ACTIONS, kept, {
        "root_cause": "鍵の管理者が決まっていなかった。", "action": "店長を鍵管理者とし、貸出簿を備え付けた。",
        "completed_on": ended + timedelta(days=25)})  # fmt: skip
    raise_action_for_finding(conn, ids[2])  # open, not yet due
