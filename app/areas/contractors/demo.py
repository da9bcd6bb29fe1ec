"""Demo contractors of a co-op: delivery, printing and DM, call centre, the core-system vendor,
a cloud SaaS kept abroad, payment and shredding; each with its contract and evaluations.

Realistic loose ends on purpose: the printer's Pマーク expires within 60 days, the call centre
was evaluated B and has an open improvement request, the SaaS keeps data in the United States
(its yearly foreign check comes due), and the shredding contract lacks two clauses.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.areas.contractors.corp_no import check_digit
from app.areas.contractors.questionnaire import ImprovementDraft, create_evaluation_in_transaction
from app.areas.contractors.registers import CONTRACTORS, CONTRACTS, SUBCONTRACTORS
from app.areas.contractors.tiers import add_months
from app.importing.round_trip import Answer
from app.registers.records import insert_validated, validate
from app.storage.database import Connection

ALL_CLAUSES = ["a", "b", "c", "d", "e", "f", "g", "h"]

# code, name, base number, category, volume, sensitivity, certification, assets, extra
CONTRACTOR_ROWS = (
    ("K001", "株式会社コープ物流サービス", "010401087421", "delivery", "gt_50000", "general",
     "pmark", ["A008", "A009", "A010", "A011", "A012", "A013"],
     {"entrusted_work": "個配・班配の配送業務（配送リスト・置き配情報の取扱い）",
      "address": "神奈川県横浜市港北区新横浜二丁目1番1号", "representative": "代表取締役 山本 誠"}),
    ("K002", "関東ダイレクトプリント株式会社", "020001045613", "printing_dm", "gt_50000",
     "general", "pmark", ["A001", "A004"],
     {"entrusted_work": "注文書（OCR用紙）の印刷・読取、組合員向けDMの宛名印字・発送",
      "address": "東京都板橋区舟渡三丁目5番8号", "representative": "代表取締役 田村 浩"}),
    ("K003", "株式会社テレコミュニケーションズ東日本", "030001077215", "callcenter",
     "gt_50000", "special_care", "pmark", ["A014", "A015", "A019"],
     {"entrusted_work": "組合員サービスセンター（注文・共済の問合せ受付、通話録音の管理）",
      "address": "埼玉県さいたま市大宮区桜木町一丁目7番5号", "representative": "代表取締役 木村 亮"}),
    ("K004", "株式会社生協システムズ", "010001123874", "system_dev", "gt_50000", "financial",
     "isms", ["A001", "A003", "A005", "A006"],
     {"entrusted_work": "基幹システム（組合員・受発注・請求）の開発・保守・運用",
      "address": "東京都渋谷区代々木二丁目10番4号", "representative": "代表取締役 小林 修"}),
    ("K005", "MailCloud Inc.", "070001098162", "saas", "gt_50000", "general", "soc2",
     ["A024", "A025"],
     {"entrusted_work": "Web会員サービスとメールマガジン配信のクラウドサービス",
      "address": "米国カリフォルニア州サンフランシスコ", "data_location": "foreign",
      "foreign_country": "米国", "other_certifications": "ISO/IEC 27001, ISO/IEC 27017"}),
    ("K006", "株式会社ペイメントゲートウェイ・ジャパン", "011001066830", "payment", "gt_50000",
     "financial", "pmark", ["A006", "A007"],
     {"entrusted_work": "口座振替データの授受、クレジットカード決済代行（トークン化）",
      "address": "東京都千代田区丸の内一丁目6番2号", "representative": "代表取締役 斎藤 真一",
      "other_certifications": "PCI DSS"}),
    ("K007", "有限会社エコ溶解センター", "020002031456", "shredding", "5001_50000", "general",
     "none", ["A002", "A004"],
     {"entrusted_work": "保存期間を過ぎた申込書・注文書の溶解処理（溶解証明書の発行）",
      "address": "神奈川県相模原市中央区田名4020番地", "representative": "取締役 中島 進"}),
)  # fmt: skip

# contractor code -> (months ago, type, result pattern, improvements)
EVALUATION_ROWS = {
    "K001": [(30, "initial", {}), (8, "periodic", {12: 1, 14: 1})],
    "K002": [(14, "periodic", {19: 1})],
    "K003": [(26, "initial", {}), (2, "periodic", {5: 1, 6: 0, 9: 1, 12: 0, 14: 1, 17: 1, 19: 1,
                                                   22: 0})],
    "K004": [(5, "periodic", {12: 1})],
    "K005": [(10, "initial", {7: None, 8: None, 14: None, 15: 1, 19: 1})],
    "K006": [(7, "periodic", {})],
    "K007": [(11, "periodic", {4: 1, 6: 0, 9: None, 10: None, 11: None, 12: None, 13: 1, 14: 1, 17: 1, 19: 0, 22: 1})],
}  # fmt: skip
EVIDENCE = {
    1: "プライバシーマーク登録証の写しを受領",
    6: "年次教育の実施記録（受講率）を確認",
    15: "溶解証明書・消去証明書の発行手順を確認",
    16: "再委託先一覧と承認記録を確認",
    17: "事故時連絡体制図を受領",
    21: "データ保管場所の所在国を確認",
}


def corp_no(base: str) -> str:
    return f"{check_digit(base)}{base}"


def _ids(conn: Connection, table: str, column: str) -> dict[str, int]:
    return dict(conn.execute(f"SELECT {column}, id FROM {table}"))


def add_contractor_demo(conn: Connection, rng: random.Random, today: date, _size: int) -> None:
    assets = _ids(conn, "asset", "asset_no")
    departments = _ids(conn, "department", "code")
    officer = conn.execute("SELECT privacy_officer_id FROM organisation WHERE id = 1").fetchone()
    officer_id = officer[0] if officer else None
    staff = [row[0] for row in conn.execute(
        "SELECT id FROM person WHERE employment_type = 'regular' ORDER BY staff_no LIMIT 20")]  # fmt: skip
    owner_department = next(iter(departments.values()), None)
    for code, name, base, category, volume, sensitivity, cert, asset_nos, extra in CONTRACTOR_ROWS:
        started = add_months(today, -rng.randint(40, 90))
        raw = {
            "code": code,
            "name": name,
            "corp_no": corp_no(base) if code != "K005" else None,
            "service_category": category,
            "status": "active",
            "owner_department": owner_department,
            "started_on": started,
            "entrusted_assets": [assets[no] for no in asset_nos if no in assets],
            "data_volume": volume,
            "sensitivity": sensitivity,
            "certification": cert,
            "certification_no": None
            if cert == "none"
            else f"第{rng.randint(10000000, 99999999)}号",
            "certification_expiry": _expiry(code, today, rng) if cert != "none" else None,
            "incident_contact": "品質保証部 個人情報保護責任者",
            "incident_phone": f"0{rng.randint(3, 4)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
            **extra,
        }
        if code == "K005":
            raw["foreign_checked_on"] = add_months(today, -10)
        contractor = insert_validated(
            conn, CONTRACTORS, validate(conn, CONTRACTORS, raw), label=f"{code} {name}"
        )
        _contract(conn, contractor, code, started, today)
        _subcontractors(conn, contractor, code, started, officer_id)
        _evaluations(conn, contractor, code, today, officer_id, staff)
    _entrustment_risks(conn)


def _expiry(code: str, today: date, rng: random.Random) -> date:
    if code == "K002":
        return today + timedelta(days=40)  # the Pマーク expiring within 60 days
    return add_months(today, rng.randint(6, 20))


def _contract(conn: Connection, contractor: int, code: str, started: date, today: date) -> None:
    clauses = list(ALL_CLAUSES)
    contract_type = "service"
    if code == "K007":
        clauses = ["a", "b", "c", "f", "g", "h"]  # reports and checks not agreed (d, e)
    if code == "K005":
        contract_type = "terms"
        clauses = ["a", "b", "c", "g", "h", "foreign"]
    if code in ("K004", "K005"):
        clauses.append("no_reidentification")
    term_end = date(today.year + (1 if today.month >= 4 else 0), 3, 31)  # renewed each April
    term_start = date(term_end.year - 1, 4, 1)
    raw = {
        "contractor": contractor,
        "contract_type": contract_type,
        "title": "個人情報の取扱いに関する業務委託契約書"
        if contract_type == "service"
        else "サービス利用規約・データ処理契約（DPA）",
        "signed_on": started - timedelta(days=14),
        "term_start": term_start,
        "term_end": term_end,
        "auto_renew": code in ("K005", "K007"),
        "clauses": clauses,
        "file_ref": "本部 総務課 契約書ファイル（施錠書庫）",
    }
    insert_validated(conn, CONTRACTS, validate(conn, CONTRACTS, raw), label=code)


def _subcontractors(
    conn: Connection, contractor: int, code: str, started: date, officer: int | None
) -> None:
    rows = {
        "K003": [
            ("株式会社コールサポート北関東", "繁忙期の入電受付（オーバーフロー）", "栃木県宇都宮市")
        ],
        "K004": [("株式会社データセンター東京", "サーバーのハウジング・運用監視", "東京都江東区")],
        "K005": [("クラウド基盤事業者（米国）", "サーバー基盤（IaaS）", "米国バージニア州")],
    }.get(code, [])
    for name, work, location in rows:
        raw = {
            "contractor": contractor,
            "name": name,
            "work": work,
            "location": location,
            "started_on": add_months(started, 2),
            "approved_on": add_months(started, 1),
            "approved_by": officer,
            "supervised_via_contractor": True,
        }
        insert_validated(conn, SUBCONTRACTORS, validate(conn, SUBCONTRACTORS, raw), label=name)


def _evaluations(
    conn: Connection,
    contractor: int,
    code: str,
    today: date,
    officer: int | None,
    staff: list[int],
) -> None:
    for months, eval_type, lower in EVALUATION_ROWS[code]:
        evaluated = add_months(today, -months)
        answers = {f"c{n:02d}": Answer(lower.get(n, 2), EVIDENCE.get(n)) for n in range(1, 24)}
        improvements = []
        if code == "K003" and months == 2:
            improvements = [
                ImprovementDraft(
                    "c12",
                    "通話録音システムのアクセスログを月次で点検し、結果を報告すること",
                    today + timedelta(days=10),
                    staff[0] if staff else None,
                ),
            ]
        if code == "K007":
            improvements = [
                ImprovementDraft(
                    "c19",
                    "溶解処理の実施報告を四半期ごとに提出すること",
                    add_months(evaluated, 2),
                    staff[1] if len(staff) > 1 else None,
                ),
            ]
        methods = (
            ["questionnaire", "certificate"]
            if code != "K005"
            else ["web_disclosure", "questionnaire"]
        )
        if code == "K004":
            methods.append("onsite")
        evaluation = create_evaluation_in_transaction(
            conn,
            contractor,
            answers,
            evaluated_on=evaluated,
            eval_type=eval_type,
            methods=methods,
            evaluator=officer,
            improvements=improvements,
            approved_by=officer,
            approved_on=evaluated + timedelta(days=7),
            summary="自己評価票と認証の確認による評価。"
            if code != "K003" or months != 2
            else "アクセスログの点検と教育の未実施があり、改善を要請（条件付き可）。",
        )
        if code == "K007":  # the request was met a month later
            _close_requests(conn, evaluation, add_months(evaluated, 1))


def _close_requests(conn: Connection, evaluation: int, closed: date) -> None:
    from app.areas.contractors.registers import IMPROVEMENTS
    from app.registers.records import update_in_transaction

    for (request,) in conn.execute(
        "SELECT id FROM contractor_improvement WHERE evaluation_id = ?", (evaluation,)
    ).fetchall():
        update_in_transaction(
            conn,
            IMPROVEMENTS,
            request,
            {"status": "closed", "closed_on": closed, "outcome": "四半期報告の提出を確認"},
        )


def _entrustment_risks(conn: Connection) -> None:
    """Once the contractors are recorded, the risk analyses of the assets entrusted to them get
    the risks that entrustment brings (a leak at the disposal contractor...), as the officer
    adds them when a contractor is registered: proposals not yet in the latest assessment."""
    from app.areas.assets.drafts import propose
    from app.areas.assets.registers import RISK_ITEMS

    rows = conn.execute(
        "SELECT DISTINCT l.target_id, (SELECT r.id FROM risk_assessment r WHERE r.asset_id = "
        "l.target_id ORDER BY r.assessed_at DESC, r.id DESC LIMIT 1) FROM "
        "contractor_entrusted_assets l ORDER BY 1"
    ).fetchall()
    accepting = conn.execute("SELECT board_director_id FROM organisation WHERE id = 1").fetchone()
    for asset_id, assessment in rows:
        if assessment is None:
            continue  # not assessed yet: its first draft will propose them
        have = set(
            conn.execute(
                "SELECT phase, threat FROM risk_item WHERE assessment_id = ?", (assessment,)
            ).fetchall()
        )
        for proposal in propose(conn, asset_id):
            if (proposal.phase, proposal.threat) in have:
                continue
            raw = {"assessment": assessment, **proposal.values()}
            residual = (proposal.residual_impact or 0) * (proposal.residual_likelihood or 0)
            if residual >= 6 or accepting is None or accepting[0] is None:
                raw["treatment"] = "reduce"
            else:
                raw.update(treatment="accept", accepted_by=accepting[0])
            insert_validated(conn, RISK_ITEMS, validate(conn, RISK_ITEMS, raw))
