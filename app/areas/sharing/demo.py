"""Demo sharing data for the demo co-op (生活協同組合コープみなと), modelled on the seed policies:

- the joint use with the member co-ops of its 事業連合 (gift delivery addresses, as コープきんき
  publishes it), with a purpose change published in time, an address change published without
  delay and a purpose change still to publish;
- the anonymised purchase-history dataset given to suppliers (生年、性別、居住エリア、生協加入年、
  購買履歴), with its provisions;
- provisions with consent (an insurance introduction, a card company in bulk) and by law (a police
  enquiry, a tax office), a receipt, and an old record past its retention;
- a foreign e-mail service under an equivalent system due for its yearly check;
- disposals of paper order slips (pulped by a contractor, certificate awaited for the latest) and
  of the retired core system's data, and two carry-outs.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.areas.sharing.registers_disposal import CARRY_OUTS, DISPOSALS
from app.areas.sharing.registers_joint import JOINT_USE_CHANGES, JOINT_USES
from app.areas.sharing.registers_processed import (
    ANONYMISED_DATASETS,
    ANONYMISED_PROVISIONS,
    FOREIGN_TRANSFERS,
    PSEUDONYMISED_DATASETS,
)
from app.areas.sharing.registers_provision import FLOW_DECISIONS, PROVISION_RECORDS
from app.registers.definition import RegisterDef
from app.registers.records import insert_validated, validate
from app.registers.registry import get_register
from app.storage.database import Connection

MEMBER_COOPS = "\n".join((
    "生活協同組合コープしが", "京都生活協同組合", "市民生活協同組合ならコープ",
    "大阪よどがわ市民生活協同組合", "生活協同組合おおさかパルコープ", "大阪いずみ市民生活協同組合",
    "わかやま市民生活協同組合", "生活協同組合コープみなと",
))  # fmt: skip
ANON_ITEMS = "生年、性別、居住エリア、生協加入年、購買履歴(時期、商品名、点数、価格)"
CONSENT_ANSWERS = {"q_leaves_org": True, "q_related_info": False, "q_entrusted": False,
                   "q_succession": False, "q_joint_use": False, "q_foreign": False,
                   "q_law_exception": False, "q_public_body": False, "q_on_behalf": False,
                   "q_consent": True}  # fmt: skip


def _add(conn: Connection, defn: RegisterDef, raw: dict[str, Any]) -> int:
    return insert_validated(conn, defn, validate(conn, defn, raw))


def add_sharing_demo(conn: Connection, rng: random.Random, today: date, _size: int) -> None:
    assets = dict(conn.execute("SELECT asset_no, id FROM asset"))
    staff = [row[0] for row in conn.execute(
        "SELECT id FROM person WHERE employment_type IN ('regular', 'officer') ORDER BY staff_no")]  # fmt: skip
    officer = conn.execute("SELECT privacy_officer_id FROM organisation WHERE id = 1").fetchone()[0]
    officer = officer or staff[0]
    clerk = next(person for person in staff if person != officer)
    year = today.year
    _joint_use(conn, assets, today)
    _decisions_and_records(conn, officer, assets, today)
    _processed(conn, assets, today)
    _disposals(conn, assets, officer, clerk, today, year, rng)


def _joint_use(conn: Connection, assets: dict[str, int], today: date) -> None:
    gift = _add(conn, JOINT_USES, {
        "code": "JU-01", "name": "コープきんき会員生協との個人データの共同利用について",
        "purposes": "ギフト商品の注文書作成、配達、連絡、商品事故・お問合せ等への対応",
        "items": "ギフト商品のお届け先情報(氏名、住所、電話番号)",
        "users_scope": MEMBER_COOPS,
        "responsible_name": "生活協同組合連合会コープきんき事業連合",
        "responsible_address": "大阪府大阪市淀川区西宮原1-7-26",
        "responsible_representative": "代表理事 理事長 田中 修",
        "publication_method": "publish",
        "publication_url": "https://www.coop-minato.example.jp/privacy/#joint-use",
        "published_on": date(2022, 3, 15), "start_on": date(2022, 4, 1),
        "assets": [assets["A005"], assets["A001"]],
        "agreement": "ギフト事業に係る個人データの共同利用に関する覚書（2022年3月）",
        "partner_check_on": today - timedelta(days=120),
    })  # fmt: skip
    _add(conn, JOINT_USES, {
        "code": "JU-02", "name": "日本生活協同組合連合会との商品事故対応に係る共同利用",
        "purposes": "商品事故・クレームの原因調査、回収及び再発防止",
        "items": "氏名、電話番号、購入商品、事故の内容",
        "users_scope": "当会、日本生活協同組合連合会",
        "responsible_name": "生活協同組合コープみなと",
        "responsible_address": "神奈川県横浜市港北区新横浜3-17-6",
        "responsible_representative": "代表理事 理事長 中村 和子",
        "published_on": date(2023, 3, 1), "start_on": date(2023, 4, 1),
        "assets": [assets["A015"]],
    })  # fmt: skip
    _add(conn, JOINT_USES, {
        "code": "JU-03", "name": "日本コープ共済生活協同組合連合会との共済事業に係る共同利用",
        "purposes": "共済契約の引受け、共済金の支払い及び契約の管理",
        "items": "氏名、生年月日、性別、住所、電話番号、共済契約の内容、共済金請求の内容",
        "users_scope": "当会、日本コープ共済生活協同組合連合会",
        "responsible_name": "生活協同組合コープみなと",
        "responsible_address": "神奈川県横浜市港北区新横浜3-17-6",
        "responsible_representative": "代表理事 理事長 中村 和子",
        "published_on": date(2021, 3, 1), "start_on": date(2021, 4, 1),
        "assets": [assets["A019"]],
    })  # fmt: skip
    changes = (
        {"change_type": "purpose", "description": "目的に「お届け日時の変更のご連絡」を追加",
         "effective_on": date(2024, 4, 1), "published_on": date(2024, 3, 1)},
        {"change_type": "responsible_details", "description": "管理責任者の住所を移転先に変更",
         "changed_on": date(2025, 5, 20), "published_on": date(2025, 5, 22)},
        {"change_type": "purpose", "description": "目的に「ギフトカタログの送付」を追加",
         "effective_on": today + timedelta(days=20)},
    )  # fmt: skip
    for change in changes:
        _add(conn, JOINT_USE_CHANGES, {"joint_use": gift, **change})


def _decisions_and_records(
    conn: Connection, officer: int, assets: dict[str, int], today: date
) -> None:
    start = today - timedelta(days=200)
    insurance = _add(conn, FLOW_DECISIONS, {
        "ref": "DC-01", "title": "提携保険会社への組合員の紹介", "decided_on": start,
        "decided_by": officer, **CONSENT_ANSWERS})  # fmt: skip
    card = _add(conn, FLOW_DECISIONS, {
        "ref": "DC-02", "title": "提携クレジットカード会社への入会申込情報の提供",
        "decided_on": start, "decided_by": officer, **CONSENT_ANSWERS})  # fmt: skip
    _add(conn, FLOW_DECISIONS, {
        "ref": "DC-03", "title": "配送業務委託先への配送リストの預託", "decided_on": start,
        "decided_by": officer, "q_leaves_org": True, "q_related_info": False,
        "q_succession": False, "q_joint_use": False, "q_entrusted": True})  # fmt: skip
    police = _add(conn, FLOW_DECISIONS, {
        "ref": "DC-04", "title": "警察署からの捜査関係事項照会への回答",
        "decided_on": today - timedelta(days=60), "decided_by": officer,
        "q_leaves_org": True, "q_related_info": False, "q_entrusted": False,
        "q_succession": False, "q_joint_use": False, "q_foreign": False, "q_law_exception": True,
        "exemption_ground": "刑事訴訟法197条2項（捜査関係事項照会）"})  # fmt: skip
    _add(conn, FLOW_DECISIONS, {
        "ref": "DC-05", "title": "共済連合会への加入者情報の提供（新商品案内）",
        "decided_on": today - timedelta(days=10), "decided_by": officer, **CONSENT_ANSWERS})  # fmt: skip
    records = (
        {"ref": "PR-01", "basis": "consent", "decision": insurance,
         "recorded_on": start + timedelta(days=14), "provided_on": start + timedelta(days=14),
         "counterparty_name": "みなと損害保険株式会社", "counterparty_address": "東京都千代田区丸の内1-1-1",
         "subject_identification": "組合員 山田 太郎（ヤマダ タロウ、組合員番号 1002345）",
         "data_items": "氏名、住所、電話番号", "consent_statement": "紹介申込書で本人同意"},
        {"ref": "PR-02", "basis": "consent", "decision": card, "recording_method": "bulk",
         "recorded_on": start + timedelta(days=30), "provided_on": start + timedelta(days=30),
         "ongoing": True, "counterparty_name": "コープカード株式会社",
         "subject_identification": "提携カード入会申込者（申込書の控えを月次で綴る）、"
                                   "鈴木 一郎、田中 花子 ほか",
         "data_items": "氏名、生年月日、住所、電話番号、口座情報",
         "consent_statement": "入会申込書の同意欄", "assets": [assets["A006"]]},
        {"ref": "PR-03", "basis": "exempt_law", "decision": police,
         "recorded_on": today - timedelta(days=58), "provided_on": today - timedelta(days=58),
         "counterparty_name": "神奈川県港北警察署",
         "subject_identification": "組合員 佐々木 健（組合員番号 1008812）",
         "data_items": "氏名、住所、利用履歴（2025年4月分）",
         "notes": "記録義務はないが、照会書の写しとともに記録を残す"},
        {"ref": "PR-04", "basis": "consent", "direction": "receive",
         "recorded_on": today - timedelta(days=90), "provided_on": today - timedelta(days=90),
         "counterparty_name": "生活協同組合コープしが", "counterparty_address": "滋賀県野洲市",
         "counterparty_representative": "代表理事 理事長 小川 正",
         "acquisition_history": "転居に伴う加入の引継ぎ：本人の申込書で取得（契約書で確認）",
         "subject_identification": "加入者 高橋 さくら（旧組合員番号 S-55120）",
         "data_items": "氏名、住所、出資金額", "consent_statement": "引継ぎ申込書で本人同意"},
        {"ref": "PR-05", "basis": "consent", "recorded_on": _years_before(today, 3, -20),
         "provided_on": _years_before(today, 3, -20), "counterparty_name": "旧提携旅行会社",
         "subject_identification": "組合員 伊藤 実（組合員番号 1000991）",
         "data_items": "氏名、電話番号", "consent_statement": "ツアー申込書で本人同意"},
        {"ref": "PR-06", "basis": "consent", "recorded_on": _years_before(today, 3, 10),
         "provided_on": _years_before(today, 3, 10), "counterparty_name": "旧提携旅行会社",
         "subject_identification": "組合員 渡辺 恵（組合員番号 1003310）",
         "data_items": "氏名、電話番号", "consent_statement": "ツアー申込書で本人同意"},
    )  # fmt: skip
    for record in records:
        _add(conn, PROVISION_RECORDS, record)


def _years_before(today: date, years: int, plus_days: int) -> date:
    """``years`` before ``today`` moved ``plus_days`` later (29 February becomes 28)."""
    try:
        return today.replace(year=today.year - years) + timedelta(days=plus_days)
    except ValueError:
        return today.replace(year=today.year - years, day=28) + timedelta(days=plus_days)


def _processed(conn: Connection, assets: dict[str, int], today: date) -> None:
    made = today - timedelta(days=200)
    dataset = _add(conn, ANONYMISED_DATASETS, {
        "code": "AN-01", "name": "組合員の利用状況（購買履歴）の匿名加工情報",
        "source_assets": [assets["A005"], assets["A001"]], "created_on": made,
        "processor": "情報システム部", "included_items": ANON_ITEMS,
        "provision_methods": ["mail_hardcopy", "protected_transfer"],
        "step1": "done", "step1_method": "氏名・住所・電話番号・組合員番号を削除",
        "step2": "na", "step3": "done", "step3_method": "組合員番号と連結する仮IDを削除",
        "step4": "done", "step4_method": "購入点数の上位0.1%をトップコーディング",
        "step5": "done", "step5_method": "居住エリアを市区町村単位、生年を5歳階級に",
        "safeguard_roles": True, "safeguard_rules": True, "safeguard_access": True,
        "items_published_on": made + timedelta(days=5),
        "publication_url": "https://www.coop-minato.example.jp/privacy/#anonymised",
        "safeguards_publication": "個人情報保護方針 3.",
    })  # fmt: skip
    for number, (supplier, method, offset) in enumerate((
        ("株式会社みなと食品", "mail_hardcopy", 30), ("湘南乳業株式会社", "protected_transfer", 90),
        ("株式会社みなと食品", "mail_hardcopy", 150), ("横浜ベーカリー株式会社", "protected_transfer", 190),
    )):  # fmt: skip
        provided = made + timedelta(days=offset)
        _add(conn, ANONYMISED_PROVISIONS, {
            "dataset": dataset, "recipient": supplier, "provided_on": provided, "method": method,
            "published_on": made + timedelta(days=5), "notice_method": "written",
            "notice_on": provided, "no_reidentification_clause": True,
            "notes": None if number else "初回提供：取引基本契約に識別行為の禁止を追加"})  # fmt: skip
    _add(conn, PSEUDONYMISED_DATASETS, {
        "code": "PS-01", "name": "商品開発分析用の仮名加工情報", "created_on": made,
        "source_assets": [assets["A005"]], "purposes": "商品開発のための購買傾向の分析",
        "purposes_published_on": made, "processing_done": True,
        "deletion_info_safeguards": True})  # fmt: skip
    _add(conn, FOREIGN_TRANSFERS, {
        "ref": "FT-01", "country": "米国", "recipient": "Example Mail Delivery, Inc.",
        "basis": "system_contract", "purpose": "メールマガジン配信（配信先メールアドレスの処理）",
        "started_on": date(2023, 10, 1), "assets": [assets["A025"]],
        "equivalent_measures": "データ処理契約（安全管理措置・再委託制限・監査権）",
        "regime_notes": "個人情報保護委員会「外国における個人情報の保護に関する制度等の調査」を参照",
        "last_checked": today - timedelta(days=340)})  # fmt: skip
    _add(conn, FOREIGN_TRANSFERS, {
        "ref": "FT-02", "country": "シンガポール", "recipient": "Example Cloud Pte. Ltd.",
        "basis": "cloud_storage", "purpose": "Web会員基盤のバックアップ保管（事業者はデータを取り扱わない）",
        "started_on": date(2024, 4, 1), "assets": [assets["A024"]]})  # fmt: skip


def _shredder(conn: Connection) -> int:
    """The demo's pulping contractor: one of the contractor register's, else added there."""
    found = conn.execute(
        "SELECT id FROM contractor WHERE service_category = 'shredding' ORDER BY code"
    ).fetchone()
    if found:
        return found[0]
    return _add(conn, get_register("contractors"), {
        "code": "C-SHRED", "name": "かながわ機密文書リサイクル株式会社", "status": "active",
        "service_category": "shredding", "data_location": "domestic",
        "address": "神奈川県横浜市鶴見区大黒町1-1"})  # fmt: skip


def _disposals(conn: Connection, assets: dict[str, int], officer: int, clerk: int, today: date,
               year: int, rng: random.Random) -> None:  # fmt: skip
    slips = assets["A004"]
    shredder = _shredder(conn)
    for number, months_ago in enumerate((9, 6, 3)):
        executed = today - timedelta(days=30 * months_ago + rng.randint(0, 5))
        latest = number == 2
        _add(conn, DISPOSALS, {
            "ref": f"DS-{year}-{number + 1:03d}", "closes": "none", "asset": slips,
            "description": f"注文書（OCR用紙）{executed.month}月回収分", "media": "order_sheet",
            "quantity": f"段ボール{rng.randint(8, 14)}箱", "method": "dissolve",
            "executed_on": executed, "executed_by": clerk, "witness": officer,
            "contractor": shredder,
            "certificate_no": None if latest else f"YK-{executed:%y%m}-{rng.randint(100, 999)}",
            "certificate_on": None if latest else executed + timedelta(days=7),
        })  # fmt: skip
    _add(conn, DISPOSALS, {
        "ref": f"DS-{year}-004", "closes": "provision_record",
        "provision_record": conn.execute(
            "SELECT id FROM provision_record WHERE ref = 'PR-05'").fetchone()[0],
        "description": "保存期間を満了した提供記録 PR-05", "media": "paper_doc",
        "method": "shred", "executed_on": today - timedelta(days=3), "executed_by": clerk,
        "witness": officer})  # fmt: skip
    _add(conn, DISPOSALS, {
        "ref": f"DS-{year}-005", "closes": "none",
        "description": "旧受注システム（2019年停止）のサーバー内蔵ディスク", "media": "core_system",
        "quantity": "ハードディスク12台", "method": "physical_destroy",
        "executed_on": today - timedelta(days=75), "executed_by": clerk, "witness": officer,
        "contractor": shredder, "certificate_no": "HD-2025-0412",
        "certificate_on": today - timedelta(days=70)})  # fmt: skip
    _add(conn, CARRY_OUTS, {
        "ref": f"CO-{year}-001", "asset": assets["A008"], "description": "配送リスト（港北）",
        "media": "handy_terminal", "purpose": "配達", "destination": "港北地区の配達コース",
        "protection": "encrypted", "out_on": today - timedelta(days=1), "back_on": today - timedelta(days=1),
        "carried_by": clerk, "approver": officer})  # fmt: skip
    _add(conn, CARRY_OUTS, {
        "ref": f"CO-{year}-002", "asset": assets["A014"], "description": "応対記録の抜粋",
        "media": "paper_doc", "purpose": "商品事故の説明のための訪問", "destination": "組合員宅",
        "protection": "sealed", "out_on": today, "carried_by": clerk, "approver": officer})  # fmt: skip
