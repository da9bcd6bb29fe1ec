"""The demo co-op's incidents: 誤配 at the delivery centres, near misses, and reportable cases.

Dates are relative to the demo's ``today``: the current fiscal year has several 誤配 cases, a
mis-sent fax with health notes (要配慮: reported on time), a 共済 form lost while the co-op works
as a contractor (the controller told), near misses, and an e-mail sent with 1,200 visible
addresses found two days ago (速報 still due: the dashboard counts the days). Last December's card
data left on a public link is the worked case of a 確報 across the year end: known on 12/5, day 30
falls in the 12/29–1/3 closure, so the final report is due on the next business day.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.areas.assurance.actions import raise_corrective_action
from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.areas.incidents.assessment import AssessmentFlow, record_assessment_in_transaction
from app.areas.incidents.registers import INCIDENT_REPORTS, INCIDENTS
from app.areas.training.coverage import current_fiscal_year, organisation_settings
from app.dates import fiscal_year_range
from app.deadlines.engine import compute
from app.registers.records import insert_validated, update_in_transaction, validate
from app.storage.database import Connection

MISDELIVERIES = (  # centre code, what went to the wrong home, cause, people
    ("DC-KH", "注文書（次回注文分）の誤配", "check_missed", 1),
    ("DC-TZ", "お届け明細書の誤配", "procedure_not_followed", 1),
    ("DC-KW", "商品（個人名ラベル付き）の誤配", "check_missed", 1),
    ("DC-SG", "利用明細書を隣家のボックスへ投函", "carelessness", 2),
    ("DC-FS", "委託配送員が注文書の回収時に他組合員分を混入", "contractor_lapse", 3),
    ("DC-KH", "冷凍品の個人名ラベル付き袋を誤配", "check_missed", 1),
)
NEAR_MISSES = (
    ("DC-TZ", "積込み時に伝票と荷物の不一致を発見"),
    ("DC-KW", "配達前の読み合わせで注文書の入れ違いを発見"),
    ("CC", "宛先入力中のメールを送信前に上長が確認して訂正"),
    ("ST-HY", "ポイントカード申込書の置き忘れを閉店前点検で発見"),
)


def _department(conn: Connection, code: str) -> int | None:
    row = conn.execute("SELECT id FROM department WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def _add(conn: Connection, values: dict[str, Any]) -> int:
    return insert_validated(conn, INCIDENTS, validate(conn, INCIDENTS, values))


def _report(conn: Connection, incident: int, kind: str, on: date, **extra: Any) -> None:
    raw = {"incident": incident, "kind": kind, "reported_on": on, **extra}
    insert_validated(conn, INCIDENT_REPORTS, validate(conn, INCIDENT_REPORTS, raw))


def _assess(conn: Connection, incident: int, on: date, reason: str) -> None:
    flow = AssessmentFlow.for_incident(conn, incident)
    flow.reason = reason
    record_assessment_in_transaction(conn, flow, today=on)


def _raise_action(
    conn: Connection, incident: int, on: date, done: dict[str, Any] | None = None
) -> None:
    record = conn.execute(
        "SELECT incident_no, title, department_id FROM incident WHERE id = ?", (incident,)
    ).fetchone()
    action = raise_corrective_action(
        conn,
        source="incident",
        source_label=f"事故 {record[0]}",
        title=f"再発防止：{record[1]}",
        department_id=record[2],
        raised_on=on,
    )
    _update(conn, incident, {"corrective_action": action})
    if done:  # the action taken (and its effectiveness checked) since
        update_in_transaction(conn, CORRECTIVE_ACTIONS, action, done)


def _delivery_contractor(conn: Connection) -> int | None:
    """A delivery or logistics contractor of the demo, if the contractors area made one."""
    row = conn.execute(
        "SELECT id FROM contractor WHERE name LIKE '%配送%' OR name LIKE '%物流%' ORDER BY id"
    ).fetchone()
    return row[0] if row else None


def _update(conn: Connection, incident: int, values: dict[str, Any]) -> None:
    update_in_transaction(conn, INCIDENTS, incident, values)


def add_incident_demo(conn: Connection, rng: random.Random, today: date, people: int) -> None:
    start, _days = organisation_settings(conn)
    year_start, _end = fiscal_year_range(current_fiscal_year(conn, today), start)
    span = max((today - year_start).days - 20, 30)
    latest = today - timedelta(days=1)
    for index, (centre, title, cause, count) in enumerate(MISDELIVERIES):
        known = min(year_start + timedelta(days=rng.randrange(5, span)), latest)
        incident = _add(conn, {
            "title": title, "incident_type": "misdelivery_goods", "event": "leak",
            "department": _department(conn, centre),
            "occurred_on": known, "known_on": known, "officer_known_on": known + timedelta(
                days=index % 3), "cause": cause, "subject_count": count,
            "data_items": "氏名、組合員番号、住所、注文内容",
            "description": "配達先の組合員から連絡があり発覚。誤配先を訪問して回収した。",
            "containment": "当日中に誤配先を訪問し回収。本来の組合員へ謝罪し再配達。",
            "contained_on": known, "subject_notice": "done", "subject_notified_on": known,
            "subject_notice_method": "訪問", "announcement": "not_needed",
            "announcement_reason": "報告対象外であり、回収済みのため",
            "recurrence_prevention": "配達時の氏名と番号の二点照合を徹底（朝礼で周知）。",
            "closed_on": known + timedelta(days=14) if known + timedelta(days=14) < today else None,
            "contractor": _delivery_contractor(conn) if cause == "contractor_lapse" else None,
        })  # fmt: skip
        _assess(conn, incident, known, "回収済み。要配慮・カード情報なし。人数は伝票で確認。")
        if known + timedelta(days=10) < today:  # a Pマーク holder reports every incident
            _report(conn, incident, "final", known + timedelta(days=10), recipient="pmark")
    for centre, title in NEAR_MISSES:
        known = min(year_start + timedelta(days=rng.randrange(5, span)), latest)
        _add(conn, {
            "title": title, "incident_type": "misdelivery_goods" if centre.startswith("DC")
            else "email_misaddress" if centre == "CC" else "left_behind", "near_miss": True,
            "department": _department(conn, centre), "known_on": known, "occurred_on": known,
            "cause": "check_missed", "containment": "その場で是正。",
            "recurrence_prevention": "事例として部署内で共有。", "closed_on": known,
        })  # fmt: skip
    _health_fax(conn, year_start + timedelta(days=min(60, span)), today)
    _kyosai_forms(conn, year_start + timedelta(days=min(90, span)), today)
    _card_data_across_year_end(conn, today)
    _open_mail_case(conn, today)


def _health_fax(conn: Connection, known: date, today: date) -> None:
    incident = _add(conn, {
        "title": "配食利用者の健康メモのFAX誤送信", "incident_type": "fax_misdial",
        "department": _department(conn, "WF-MD"), "occurred_on": known, "known_on": known,
        "officer_known_on": known + timedelta(days=1), "cause": "check_missed",
        "cause_detail": "短縮ダイヤルの登録番号を確認せずに送信した。",
        "subject_count": 1, "sensitive": True, "data_items": "氏名、住所、病名、食事制限",
        "description": "配食の献立調整のための健康メモを、協力事業者ではなく一般事業者へ誤送信した。",
        "containment": "受信先へ連絡し、原本の廃棄を確認（廃棄確認書を受領）。",
        "contained_on": known, "secondary_damage": "なし（受信先で廃棄を確認）",
        "subject_notice": "done", "subject_notified_on": known + timedelta(days=2),
        "subject_notice_method": "訪問", "announcement": "not_needed",
        "announcement_reason": "本人1名へ直接説明し了承を得たため",
        "recurrence_prevention": "FAX送信を原則廃止し、暗号化メールへ移行。",
    })  # fmt: skip
    _assess(conn, incident, known, "病名を含むため要配慮個人情報に該当。1名でも報告対象。")
    _report(conn, incident, "prelim", known + timedelta(days=2), receipt_no="R-0412")
    _report(conn, incident, "prelim", known + timedelta(days=2), recipient="pmark")
    _raise_action(conn, incident, known + timedelta(days=3), {
        "action": "配食センターのFAX送信を廃止し、協力事業者とは暗号化メールでやり取りする。",
        "completed_on": min(known + timedelta(days=30), today),
    })  # fmt: skip
    final_on = known + timedelta(days=20)
    if final_on < today:
        _report(conn, incident, "final", final_on, receipt_no="R-0412")
        _report(conn, incident, "final", final_on, recipient="pmark")
        _update(conn, incident, {"closed_on": final_on})


def _kyosai_forms(conn: Connection, known: date, today: date) -> None:
    incident = _add(conn, {
        "title": "共済加入申込書の紛失（受託業務）", "incident_type": "loss_paper",
        "department": _department(conn, "HQ-KY"), "occurred_on": known - timedelta(days=3),
        "known_on": known, "officer_known_on": known + timedelta(days=3), "cause": "physical",
        "subject_count": 8, "data_items": "氏名、生年月日、住所、口座番号", "event": "loss_suspected",
        "we_are_contractor": True, "controller_name": "日本コープ共済生活協同組合連合会",
        "controller_notified_on": known + timedelta(days=1),
        "description": "受付した申込書8件が送付前に所在不明となった。",
        "containment": "事務所内を捜索。委託元へ報告し指示を受けた。",
    })  # fmt: skip
    _assess(conn, incident, known, "口座番号のみで暗証番号等はなく、財産的被害のおそれなし。")
    if known + timedelta(days=30) < today:
        _report(conn, incident, "final", known + timedelta(days=25), recipient="pmark")


def _card_data_across_year_end(conn: Connection, today: date) -> None:
    known = date(today.year - 1, 12, 5)
    incident = _add(conn, {
        "title": "カード決済エラー一覧の公開リンク設定", "incident_type": "misconfig_exposure",
        "department": _department(conn, "HQ-IT"), "occurred_on": known - timedelta(days=10),
        "known_on": known, "officer_known_on": known, "cause": "system_defect",
        "cause_detail": "クラウドストレージの共有設定が「リンクを知っている全員」になっていた。",
        "subject_count": 240, "count_certainty": "confirmed", "financial_risk": True,
        "data_items": "氏名、組合員番号、クレジットカード番号、有効期限",
        "description": "決済代行からの返戻ファイルを共有フォルダへ置いた際、外部から閲覧できる設定だった。"
        "アクセスログ上、外部からの閲覧は2件。",
        "containment": "発覚当日に共有を解除し、ファイルを削除。カード会社へ連絡。",
        "contained_on": known, "secondary_damage": "不正利用の報告なし（カード会社がモニタリング）",
        "subject_notice": "done", "subject_notified_on": known + timedelta(days=6),
        "subject_notice_method": "郵送", "announcement": "done",
        "announced_on": known + timedelta(days=7),
        "announcement_url": "https://www.coop-minato.example.jp/news/important/",
        "recurrence_prevention": "外部共有リンクを組織設定で禁止。返戻ファイルは暗号化領域へ。",
    })  # fmt: skip
    _assess(conn, incident, known, "カード番号と有効期限が閲覧可能な状態。財産的被害のおそれ。")
    _report(conn, incident, "prelim", known + timedelta(days=3), receipt_no="PPC-1205")
    _report(conn, incident, "prelim", known + timedelta(days=3), recipient="pmark")
    _raise_action(conn, incident, known + timedelta(days=3), {
        "root_cause": "共有設定の既定値が組織で制限されていなかった。",
        "action": "外部共有リンクを組織設定で禁止し、返戻ファイルを暗号化領域へ移した。",
        "completed_on": known + timedelta(days=40),
        "effectiveness": "effective",
        "effectiveness_checked_on": known + timedelta(days=130),
        "effectiveness_note": "四半期の設定監査で外部共有リンク0件を確認。",
    })  # fmt: skip
    final_due = compute("R-LEAK-FINAL-30", known).due_date  # day 30 in the closure → rolled
    _report(conn, incident, "final", final_due, receipt_no="PPC-1205", pending_items=True)
    _report(conn, incident, "final", final_due, recipient="pmark")
    _report(conn, incident, "supplement", final_due + timedelta(days=17), receipt_no="PPC-1205")
    _update(conn, incident, {"closed_on": final_due + timedelta(days=30)})


def _open_mail_case(conn: Connection, today: date) -> None:
    known = today - timedelta(days=2)
    incident = _add(conn, {
        "title": "組合員活動の案内メールをCCで一斉送信", "incident_type": "email_misaddress",
        "department": _department(conn, "HQ-MS"), "occurred_on": known, "known_on": known,
        "officer_known_on": known + timedelta(days=1), "cause": "procedure_not_followed",
        "subject_count": 1200, "count_certainty": "confirmed",
        "data_items": "メールアドレス（一部は氏名を含む）",
        "description": "BCCで送るべき案内メールを、宛先をCCにして1,200名へ送信した。",
        "containment": "送信先へ削除を依頼するメールを送信。",
        "contained_on": known, "subject_notice": "planned",
    })  # fmt: skip
    _assess(conn, incident, known, "1,000人を超えるため報告対象（規則7条4号）。")
