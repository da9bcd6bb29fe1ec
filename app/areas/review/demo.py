"""Demo data of the review area: the legal register, the documents, a quarterly operation check
per department, and last year's management review with its inputs, decisions and action items.

True to life on purpose: a few "no" answers in every quarter, the current quarter's checklists
sent but not all returned, one guideline Q&A updated after its last review, and the article 32
notice awaiting a re-check because purposes and safeguards were entered after its review.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.areas.assurance.corrective import CORRECTIVE_ACTIONS
from app.areas.assurance.loop import record_effectiveness
from app.areas.review.actions import (
    raise_for_check_in_transaction,
    raise_review_actions_in_transaction,
)
from app.areas.review.mr_inputs import prefill_in_transaction
from app.areas.review.opchecks import checklist_items
from app.areas.review.registers import DOCUMENTS, LEGAL_REQUIREMENTS
from app.areas.review.registers_checks import OPERATION_CHECK_ITEMS, OPERATION_CHECKS
from app.areas.review.registers_mr import MANAGEMENT_REVIEWS, REVIEW_ACTIONS, REVIEW_INPUTS
from app.areas.training.coverage import current_fiscal_year, organisation_settings
from app.areas.training.registers import TRAINING_PROGRAMMES
from app.dates import add_months, fiscal_year_range
from app.registers.records import insert_many, load_record, update_in_transaction
from app.storage.database import Connection

PPC = "個人情報保護委員会"
# code, name, kind, issuer, version, in force since
LEGAL_ROWS = (
    ("L001", "個人情報の保護に関する法律", "law", PPC, "令和3年法律第37号による改正", "2022-04-01"),
    ("L002", "個人情報の保護に関する法律施行令", "cabinet_order", PPC, "令和3年政令第292号による改正", "2022-04-01"),
    ("L003", "個人情報の保護に関する法律施行規則", "ordinance", PPC, "令和5年規則第5号による改正（Webスキミング等）", "2024-04-01"),
    ("L004", "個人情報の保護に関する法律についてのガイドライン（通則編）", "guideline", PPC, "令和5年12月一部改正", "2024-04-01"),
    ("L005", "同ガイドライン（外国にある第三者への提供編）", "guideline", PPC, "令和4年9月一部改正", "2022-09-30"),
    ("L006", "同ガイドライン（第三者提供時の確認・記録義務編）", "guideline", PPC, "令和3年10月一部改正", "2022-04-01"),
    ("L007", "同ガイドライン（仮名加工情報・匿名加工情報編）", "guideline", PPC, "令和3年10月一部改正", "2022-04-01"),
    ("L008", "「個人情報の保護に関する法律についてのガイドライン」に関するQ&A", "qa", PPC, "随時更新", None),
    ("L009", "行政手続における特定の個人を識別するための番号の利用等に関する法律（番号法）", "law", "デジタル庁", "令和5年法律第48号による改正", "2024-05-27"),
    ("L010", "特定個人情報の適正な取扱いに関するガイドライン（事業者編）", "guideline", PPC, "令和6年5月一部改正", "2024-05-27"),
    ("L011", "JIS Q 15001:2023 個人情報保護マネジメントシステム－要求事項", "standard", "日本産業標準調査会", "2023年版", "2023-09-20"),
    ("L012", "プライバシーマーク付与適格性審査基準（構築・運用指針）", "industry", "JIPDEC", "JIS Q 15001:2023 対応版", "2024-10-01"),
    ("L013", "消費生活協同組合法", "law", "厚生労働省", "現行", None),
    ("L014", "電気通信事業法（外部送信規律）", "law", "総務省", "令和4年法律第70号による改正", "2023-06-16"),
)  # fmt: skip

PURPOSES_CONTROLS = ["purposes", "controls", "procedures"]
# code, title, category, version, public, change triggers, retention, location, reviewed days ago
DOCUMENT_ROWS = (
    ("D001", "個人情報保護方針", "policy", "第4版", True, ["procedures"], "改定後10年", "Webサイト・本部", 0),
    ("D002", "個人情報の取扱いについて（保有個人データに関する事項の公表）", "public_notice", "第7版", True, PURPOSES_CONTROLS, "改定後10年", "Webサイト", 120),
    ("D003", "プライバシーポリシー（Webサイト・アプリ）", "policy", "第3版", True, ["purposes", "sharing"], "改定後10年", "Webサイト", 0),
    ("D004", "個人情報保護規程", "rule", "第5版", False, None, "廃止後10年", "規程集", 200),
    ("D005", "個人情報取扱細則（取得・利用・保管・廃棄）", "rule", "第3版", False, None, "廃止後10年", "規程集", 200),
    ("D006", "情報セキュリティ管理規程", "rule", "第2版", False, ["controls"], "廃止後10年", "規程集", 0),
    ("D007", "開示等の請求等への対応手順", "procedure", "第3版", False, None, "廃止後5年", "規程集", 300),
    ("D008", "漏えい等事案対応手順", "procedure", "第4版", False, None, "廃止後5年", "規程集", 150),
    ("D009", "委託先の選定・評価手順", "procedure", "第2版", False, None, "廃止後5年", "規程集", 300),
    ("D010", "個人情報持出し申請書", "form", "第2版", False, None, "3年", "共有フォルダ", 400),
    ("D011", "運用の確認チェックリスト", "form", "2026年度版", False, None, "3年", "共有フォルダ", 250),
    ("D012", "教育実施記録・受講者名簿", "record", "—", False, None, "3年", "人事教育部", 250),
)  # fmt: skip

NO_RATE = 0.025  # share of "no" answers in a finished quarter
STILL_OPEN = 3  # actions of the latest finished quarter not yet done
NO_NOTES = (
    "離席時に画面ロックされていない端末が2台あった。",
    "持出し記録の記入漏れが1件あった。",
    "キャビネットの鍵が机上に置かれていた。",
    "退職者のアカウント削除が1週間遅れた。",
    "FAX送信時のダブルチェック記録が一部なかった。",
)
INPUT_NARRATIVES = {
    "audit_operation": "内部監査で軽微な不適合3件・重大な不適合1件を検出し、是正処置を実施した。運用の確認では各四半期とも適合率95%以上。",
    "external_opinions": "組合員からの苦情・相談は前年並み。開示請求はすべて期限内に回答した。",
    "follow_up": "前回の見直しで決定した配送センターの施錠管理強化は完了。有効性を確認済み。",
    "legal_changes": "規則改正（Webスキミング等の報告対象化）に対応し、漏えい等事案対応手順を改定した。JIS Q 15001:2023 への移行を計画どおり進めている。",
    "environment": "生協・小売業界でランサムウェア被害が続いており、委託先を含むバックアップと多要素認証を重点とする。",
    "business": "夕食宅配事業の拡大に伴い、配食センターの取扱いが増加した。",
    "improvement": "職員アンケートで、持出し申請の電子化の要望が多く寄せられた。",
}
DECISIONS = (
    "持出し申請を来年度中に電子化する。\n"
    "全職員に多要素認証を導入する。\n"
    "JIS Q 15001:2023 への移行を完了し、次回更新審査で適用する。"
)
PMS_CHANGES = (
    "情報システム部に情報セキュリティ担当を1名増員する。\n多要素認証導入の予算を計上する。"
)
ACTION_ROWS = (
    ("持出し申請の電子化", 240),
    ("全職員への多要素認証の導入", 300),
    ("JIS Q 15001:2023 対応の規程改定", 150),
)


def _top_person(conn: Connection) -> int | None:
    row = conn.execute(
        "SELECT id FROM person WHERE pms_roles LIKE '%\"top\"%' ORDER BY id LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def _officer(conn: Connection) -> int | None:
    return conn.execute("SELECT privacy_officer_id FROM organisation WHERE id = 1").fetchone()[0]


def add_legal_demo(conn: Connection, rng: random.Random, today: date, people: int) -> None:
    officer = _officer(conn)
    rows = []
    for number, (code, name, kind, issuer, version, since) in enumerate(LEGAL_ROWS):
        reviewed = today - timedelta(days=60 + number * 23)
        rows.append(
            {
                "code": code,
                "name": name,
                "legal_type": kind,
                "issuer": issuer,
                "version": version,
                "version_date": since,
                "relevance": "組合員・職員の個人情報の取扱い全般",
                "owner": officer,
                "last_reviewed": reviewed,
                "active": True,
            }
        )
    qa = next(row for row in rows if row["code"] == "L008")  # updated after its last review
    qa["version"] = "令和8年更新"
    qa["version_date"] = today - timedelta(days=20)
    qa["last_reviewed"] = today - timedelta(days=300)
    insert_many(conn, LEGAL_REQUIREMENTS, rows)


def add_document_demo(conn: Connection, rng: random.Random, today: date, people: int) -> None:
    officer, top = _officer(conn), _top_person(conn)
    rows = []
    for code, title, category, version, public, triggers, keep, where, ago in DOCUMENT_ROWS:
        reviewed = today - timedelta(days=ago)
        rows.append(
            {
                "code": code,
                "title": title,
                "category": category,
                "version": version,
                "approved_by": top if category in ("policy", "rule") else officer,
                "approved_on": reviewed - timedelta(days=30) if ago else today - timedelta(days=90),
                "owner": officer,
                "retention_period": keep,
                "location": where,
                "public": public,
                "change_triggers": triggers,
                "last_reviewed": reviewed,
                "active": True,
            }
        )
    insert_many(conn, DOCUMENTS, rows)


def _quarters(conn: Connection, today: date) -> list[tuple[date, date]]:
    """This fiscal year's quarters up to the one ``today`` falls in."""
    start_md, _days = organisation_settings(conn)
    first, _last = fiscal_year_range(current_fiscal_year(conn, today), start_md)
    found = []
    for index in range(4):
        start = add_months(first, 3 * index)
        if start > today:
            break
        found.append((start, add_months(first, 3 * (index + 1)) - timedelta(days=1)))
    return found


def add_operation_check_demo(
    conn: Connection, rng: random.Random, today: date, people: int
) -> None:
    departments = conn.execute(
        "SELECT id, manager_id FROM department WHERE coalesce(active, 1) = 1 ORDER BY code"
    ).fetchall()
    items = checklist_items(conn)
    officer = _officer(conn)
    raised: list[list[int]] = []  # corrective actions per completed quarter
    for start, end in _quarters(conn, today):
        current = end >= today
        if not current:
            raised.append([])
        for number, (department_id, manager_id) in enumerate(departments):
            values = {
                "department": department_id,
                "period_start": start,
                "period_end": end,
                "checker": manager_id,
                "status": "planned",
            }
            if current:
                values["status"] = "sent"
                values["sent_on"] = today - timedelta(days=7)
            else:
                checked = end + timedelta(days=5 + number % 7)
                values.update(
                    status="confirmed",
                    sent_on=end - timedelta(days=7),
                    checked_on=checked,
                    returned_on=checked,
                    confirmed_by=officer,
                    reported_on=checked + timedelta(days=14),
                )
            (check_id,) = insert_many(conn, OPERATION_CHECKS, [values])
            rows = []
            for code in items:
                row = {"check": check_id, "item": code}
                if not current:
                    roll = rng.random()
                    answer = "no" if roll < NO_RATE else "na" if roll < 0.06 else "yes"
                    row["answer"] = answer
                    if answer == "no":
                        row["note"] = rng.choice(NO_NOTES)
                rows.append(row)
            insert_many(conn, OPERATION_CHECK_ITEMS, rows)
            if not current and any(row.get("answer") == "no" for row in rows):
                raise_for_check_in_transaction(
                    conn, check_id, today=values["checked_on"] + timedelta(days=3)
                )
                raised[-1].extend(_actions_of(conn, check_id))
    _close_most(conn, raised, officer, today)


def _actions_of(conn: Connection, check_id: int) -> list[int]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT corrective_action_id FROM operation_check_item WHERE check_id = ? "
            "AND corrective_action_id IS NOT NULL ORDER BY id",
            (check_id,),
        )
    ]


def _close_most(
    conn: Connection, raised: list[list[int]], officer: int | None, today: date
) -> None:
    """A well-run co-op: the earlier quarters' actions are done and found effective; of the
    latest quarter's, all but a few are done and await their effectiveness check."""
    for index, actions in enumerate(raised):
        latest = index == len(raised) - 1
        for position, action_id in enumerate(actions):
            if latest and position < STILL_OPEN:
                continue
            raised_on = load_record(conn, CORRECTIVE_ACTIONS, action_id)["raised_on"]
            done = min(raised_on + timedelta(days=20), today)
            update_in_transaction(
                conn,
                CORRECTIVE_ACTIONS,
                action_id,
                {
                    "root_cause": "手順の周知不足",
                    "correction": "その場で是正した。",
                    "action": "部署内で手順を再周知し、朝礼で確認した。",
                    "owner": officer,
                    "completed_on": done,
                },
            )
            checked = done + timedelta(days=30)
            if not latest and checked <= today:
                record_effectiveness(
                    conn,
                    action_id,
                    result="effective",
                    checked_on=checked,
                    checked_by=officer,
                    note="翌四半期の運用の確認で「はい」を確認した。",
                )


def add_review_demo(conn: Connection, rng: random.Random, today: date, people: int) -> None:
    start_md, _days = organisation_settings(conn)
    year = current_fiscal_year(conn, today)
    this_start, _end = fiscal_year_range(year, start_md)
    last_start, last_end = fiscal_year_range(year - 1, start_md)
    held = min(this_start + timedelta(days=55), today - timedelta(days=1))
    top = _top_person(conn)
    (review_id,) = insert_many(
        conn,
        MANAGEMENT_REVIEWS,
        [
            {
                "title": f"{year - 1}年度 代表者による見直し",
                "held_on": held,
                "period_start": last_start,
                "period_end": last_end,
                "chair": top,
                "attendees": "理事長、専務理事、個人情報保護管理者、監査責任者、各部長",
                "annual": True,
                "decisions": DECISIONS,
                "pms_changes": PMS_CHANGES,
                "approved_by": top,
                "approved_on": held + timedelta(days=7),
            }
        ],
    )
    owner = _officer(conn)
    insert_many(
        conn,
        REVIEW_ACTIONS,
        [
            {
                "review": review_id,
                "title": title,
                "owner": owner,
                "due_on": held + timedelta(days=days),
            }
            for title, days in ACTION_ROWS
        ],
    )
    prefill_in_transaction(conn, review_id, today=held)
    raise_review_actions_in_transaction(conn, review_id, today=held + timedelta(days=7))
    first_action = conn.execute(
        "SELECT corrective_action_id FROM management_review_action WHERE review_id = ? "
        "ORDER BY due_on LIMIT 1",
        (review_id,),
    ).fetchone()[0]
    finished = min(held + timedelta(days=120), today)
    update_in_transaction(
        conn,
        CORRECTIVE_ACTIONS,
        first_action,
        {"action": "規程・様式を JIS Q 15001:2023 に合わせて改定した。", "completed_on": finished},
    )
    for record_id, code in conn.execute(
        "SELECT id, input FROM management_review_input WHERE review_id = ?", (review_id,)
    ).fetchall():
        if code in INPUT_NARRATIVES:
            update_in_transaction(
                conn, REVIEW_INPUTS, record_id, {"narrative": INPUT_NARRATIVES[code]}
            )


NEXT_YEAR_TRAINING = (
    ("年次個人情報保護教育（全職員）", "annual_all", 6, True),
    ("入職時教育", "onboarding", 4, True),
    ("個人情報取扱責任者研修", "manager", 9, True),
    ("標的型メール訓練", "phishing_drill", 11, False),
)


def add_next_year_plan_demo(conn: Connection, rng: random.Random, today: date, people: int) -> None:
    """Next fiscal year's training plan, drafted with the plan of chapter 15."""
    year = current_fiscal_year(conn, today) + 1
    insert_many(
        conn,
        TRAINING_PROGRAMMES,
        [
            {
                "fiscal_year": year,
                "title": f"{year}年度 {title}",
                "training_type": kind,
                "planned_month": month,
                "required": required,
            }
            for title, kind, month, required in NEXT_YEAR_TRAINING
        ],
    )


REVIEW_DEMO = (
    add_legal_demo,
    add_document_demo,
    add_operation_check_demo,
    add_review_demo,
    add_next_year_plan_demo,
)
