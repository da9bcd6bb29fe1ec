"""Demo asset register: about 40 co-op assets, purposes of use, control statuses and risk analyses.

Realistic on purpose: most controls implemented, a few partial or planned; drafts refined so that
residual scores sit below inherent ones where controls are in place; a few reviews overdue, one
asset past its retention period, one asset not yet assessed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.areas.assets.drafts import propose
from app.areas.assets.registers import (
    ASSETS,
    CONTROL_STATUS,
    PURPOSES,
    RISK_ASSESSMENTS,
    RISK_ITEMS,
)
from app.areas.assets.risk_rules import is_unlawful_handling
from app.registers.records import insert_validated, validate
from app.storage.database import Connection

PURPOSE_ROWS = (
    ("P01", "組合員の加入・脱退・出資金の管理のため", "member"),
    ("P02", "商品・サービスの供給、配達及び代金の請求のため", "member"),
    ("P03", "共済の加入・請求・支払手続のため", "member"),
    ("P04", "福祉・介護サービスの提供のため", "member"),
    ("P05", "商品・サービスのご案内、アンケートの実施のため", "member"),
    ("P06", "お問い合わせ・苦情への対応のため", "member"),
    ("P07", "組合員活動・総代会の運営のため", "member"),
    ("P08", "職員の雇用管理・給与計算・社会保険手続のため", "staff"),
    ("P09", "採用選考のため", "staff"),
    ("P10", "取引先との連絡・契約管理のため", "supplier"),
    ("P11", "店舗の防犯及び安全管理のため", "other"),
    ("P12", "Webサイト・アプリの提供と利用状況の分析のため", "web"),
)

# no, name, department, subjects, media, volume, classification, purposes, extra values
ASSET_ROWS: tuple[
    tuple[str, str, str, list[str], list[str], str, str, str, dict[str, Any]], ...
] = (
    (
        "A001",
        "組合員台帳",
        "HQ-MS",
        ["member", "member_household"],
        ["core_system"],
        "gt_50000",
        "secret",
        "P01, P02",
        {
            "acq_method": "paper_form",
            "retention_period": "脱退後10年",
            "retention_basis": "internal",
        },
    ),
    (
        "A002",
        "加入申込書",
        "HQ-MS",
        ["member", "prospect"],
        ["paper_doc", "archive_room"],
        "5001_50000",
        "secret",
        "P01",
        {"acq_method": "paper_form", "disposal_method": "dissolve"},
    ),
    (
        "A003",
        "出資金・利用割戻し管理",
        "HQ-FN",
        ["member"],
        ["core_system"],
        "gt_50000",
        "secret",
        "P01",
        {"contains_financial": True},
    ),
    (
        "A004",
        "注文書(OCR用紙)",
        "DC-KH",
        ["member"],
        ["order_sheet", "vehicle", "paper_doc"],
        "gt_50000",
        "secret",
        "P02",
        {
            "acq_method": "paper_form",
            "retention_period": "3か月",
            "disposal_method": "dissolve",
        },
    ),
    (
        "A005",
        "注文・供給履歴",
        "HQ-IT",
        ["member"],
        ["core_system", "backup"],
        "gt_50000",
        "secret",
        "P02, P05",
        {"acq_method": "system_generated"},
    ),
    (
        "A006",
        "口座振替情報",
        "HQ-FN",
        ["member"],
        ["core_system", "paper_doc"],
        "gt_50000",
        "strictly_secret",
        "P02",
        {"contains_financial": True, "acq_method": "paper_form"},
    ),
    (
        "A007",
        "クレジットカード決済情報（トークン）",
        "HQ-IT",
        ["member", "web_user"],
        ["saas"],
        "5001_50000",
        "strictly_secret",
        "P02",
        {"contains_financial": True, "acq_method": "web_form"},
    ),
    (
        "A008",
        "配送リスト（港北）",
        "DC-KH",
        ["member", "delivery_recipient"],
        ["handy_terminal", "vehicle", "paper_doc"],
        "5001_50000",
        "secret",
        "P02",
        {},
    ),
    (
        "A009",
        "配送リスト（戸塚）",
        "DC-TZ",
        ["member", "delivery_recipient"],
        ["handy_terminal", "vehicle", "paper_doc"],
        "5001_50000",
        "secret",
        "P02",
        {},
    ),
    (
        "A010",
        "配送リスト（川崎）",
        "DC-KW",
        ["member", "delivery_recipient"],
        ["handy_terminal", "vehicle", "paper_doc"],
        "5001_50000",
        "secret",
        "P02",
        {},
    ),
    (
        "A011",
        "配送リスト（相模原）",
        "DC-SG",
        ["member", "delivery_recipient"],
        ["handy_terminal", "vehicle", "paper_doc"],
        "1001_5000",
        "secret",
        "P02",
        {},
    ),
    (
        "A012",
        "配送リスト（藤沢）",
        "DC-FS",
        ["member", "delivery_recipient"],
        ["handy_terminal", "vehicle", "paper_doc"],
        "1001_5000",
        "secret",
        "P02",
        {},
    ),
    (
        "A013",
        "置き配・鍵預かり情報",
        "DC-KH",
        ["member"],
        ["handy_terminal", "paper_doc"],
        "101_1000",
        "strictly_secret",
        "P02",
        {"notes": "鍵の保管場所を含むため極秘扱い"},
    ),
    (
        "A014",
        "コールセンター応対記録・通話録音",
        "CC",
        ["member", "inquirer"],
        ["saas", "recording"],
        "gt_50000",
        "secret",
        "P06",
        {"acq_method": "phone"},
    ),
    (
        "A015",
        "商品事故・クレーム記録",
        "CC",
        ["member", "inquirer"],
        ["core_system", "email"],
        "1001_5000",
        "secret",
        "P06",
        {"special_care": "possible", "sensitive_types": ["medical_history"]},
    ),
    (
        "A016",
        "組合員アンケート",
        "HQ-MS",
        ["member"],
        ["saas", "paper_doc"],
        "5001_50000",
        "internal",
        "P05",
        {"acq_method": "web_form"},
    ),
    (
        "A017",
        "組合員活動名簿",
        "HQ-MS",
        ["activist_member"],
        ["file_server", "paper_doc"],
        "101_1000",
        "secret",
        "P07",
        {},
    ),
    (
        "A018",
        "総代・役員名簿",
        "HQ-ADM",
        ["delegate", "officer"],
        ["file_server", "paper_doc"],
        "101_1000",
        "secret",
        "P07",
        {},
    ),
    (
        "A019",
        "共済契約者情報",
        "HQ-KY",
        ["kyosai_member", "member_household"],
        ["core_system", "paper_doc"],
        "5001_50000",
        "strictly_secret",
        "P03",
        {
            "contains_financial": True,
            "third_party_provision": True,
            "joint_use": "日本コープ共済生活協同組合連合会",
        },
    ),
    (
        "A020",
        "共済請求・給付情報",
        "HQ-KY",
        ["kyosai_member"],
        ["core_system", "paper_doc", "post"],
        "1001_5000",
        "strictly_secret",
        "P03",
        {
            "special_care": "yes",
            "sensitive_types": ["medical_history", "medical_guidance"],
            "contains_financial": True,
        },
    ),
    (
        "A021",
        "福祉・介護記録(要配慮)",
        "WF-HC",
        ["welfare_user", "member_household"],
        ["saas", "paper_doc", "smartphone"],
        "101_1000",
        "strictly_secret",
        "P04",
        {
            "special_care": "yes",
            "sensitive_types": ["medical_history", "disability"],
            "acq_method": "in_person",
        },
    ),
    (
        "A022",
        "配食サービス利用者情報",
        "WF-MD",
        ["meal_user"],
        ["core_system", "paper_doc", "vehicle"],
        "1001_5000",
        "strictly_secret",
        "P04",
        {"special_care": "possible", "sensitive_types": ["medical_history"]},
    ),
    (
        "A023",
        "子育て支援ひろば参加者名簿",
        "HQ-MS",
        ["child", "member"],
        ["paper_doc"],
        "le_100",
        "secret",
        "P07",
        {"contains_children": True},
    ),
    (
        "A024",
        "Web会員・アクセスログ",
        "HQ-IT",
        ["web_user", "member"],
        ["saas", "iaas"],
        "gt_50000",
        "secret",
        "P12",
        {"acq_method": "web_form", "foreign_country": "米国（クラウド事業者のデータセンター）"},
    ),
    (
        "A025",
        "メールマガジン配信リスト",
        "HQ-MS",
        ["member", "web_user"],
        ["saas"],
        "gt_50000",
        "secret",
        "P05",
        {"acq_method": "web_form"},
    ),
    (
        "A026",
        "防犯カメラ映像（日吉店）",
        "ST-HY",
        ["store_visitor"],
        ["recording"],
        "gt_50000",
        "secret",
        "P11",
        {"acq_method": "camera", "retention_period": "30日", "disposal_method": "wipe_software"},
    ),
    (
        "A027",
        "防犯カメラ映像（菊名店）",
        "ST-KN",
        ["store_visitor"],
        ["recording"],
        "gt_50000",
        "secret",
        "P11",
        {"acq_method": "camera", "retention_period": "30日"},
    ),
    (
        "A028",
        "防犯カメラ映像（溝の口店）",
        "ST-MZ",
        ["store_visitor"],
        ["recording"],
        "gt_50000",
        "secret",
        "P11",
        {"acq_method": "camera", "retention_period": "30日"},
    ),
    (
        "A029",
        "ポイントカード会員情報",
        "ST-HY",
        ["member"],
        ["core_system"],
        "5001_50000",
        "secret",
        "P02, P05",
        {"acq_method": "in_person"},
    ),
    (
        "A030",
        "職員人事記録",
        "HQ-HR",
        ["staff_regular", "staff_parttime", "retired_staff"],
        ["core_system", "paper_doc", "archive_room"],
        "1001_5000",
        "strictly_secret",
        "P08",
        {"retention_period": "退職後5年", "retention_basis": "statutory"},
    ),
    (
        "A031",
        "給与(マイナンバー)",
        "HQ-HR",
        ["staff_regular", "staff_parttime", "staff_family"],
        ["core_system", "paper_doc"],
        "1001_5000",
        "strictly_secret",
        "P08",
        {
            "contains_my_number": True,
            "contains_financial": True,
            "retention_period": "7年",
            "retention_basis": "statutory",
        },
    ),
    (
        "A032",
        "健康診断・ストレスチェック結果",
        "HQ-HR",
        ["staff_regular", "staff_parttime"],
        ["paper_doc", "file_server"],
        "1001_5000",
        "strictly_secret",
        "P08",
        {
            "special_care": "yes",
            "sensitive_types": ["health_check"],
            "retention_period": "5年",
            "retention_basis": "statutory",
        },
    ),
    (
        "A033",
        "採用応募書類",
        "HQ-HR",
        ["applicant"],
        ["paper_doc", "email", "saas"],
        "101_1000",
        "secret",
        "P09",
        {"acq_method": "email", "retention_period": "選考終了後6か月"},
    ),
    (
        "A034",
        "派遣社員名簿",
        "HQ-HR",
        ["staff_dispatched"],
        ["file_server"],
        "le_100",
        "secret",
        "P08",
        {"acq_basis": "third_party"},
    ),
    (
        "A035",
        "取引先担当者",
        "HQ-ADM",
        ["supplier_contact"],
        ["file_server", "email"],
        "101_1000",
        "internal",
        "P10",
        {},
    ),
    (
        "A036",
        "委託先従業者入館記録",
        "HQ-ADM",
        ["contractor_staff"],
        ["paper_doc"],
        "le_100",
        "internal",
        "P10",
        {},
    ),
    (
        "A037",
        "開示等請求・苦情受付記録",
        "HQ-ADM",
        ["inquirer", "member"],
        ["file_server", "paper_doc"],
        "le_100",
        "secret",
        "P06",
        {},
    ),
    (
        "A038",
        "第三者提供記録",
        "HQ-ADM",
        ["member", "kyosai_member"],
        ["file_server"],
        "le_100",
        "secret",
        "P03",
        {"retention_period": "3年", "retention_basis": "statutory"},
    ),
    (
        "A039",
        "旧基幹システム移行前データ（2019年度）",
        "HQ-IT",
        ["member", "former_member"],
        ["backup", "optical"],
        "gt_50000",
        "secret",
        "P01, P02",
        {"retention_period": "5年（2025年3月まで）", "retention_basis": "internal"},
    ),
    (
        "A040",
        "脱退組合員情報",
        "HQ-MS",
        ["former_member"],
        ["core_system"],
        "5001_50000",
        "secret",
        "P01",
        {"retention_period": "脱退後10年", "retention_basis": "internal"},
    ),
)

# Controls not (fully) in place in the demo co-op; everything else is implemented org-wide.
CONTROL_GAPS = {
    "T14": ("partial", "改ざん検知は導入済、定期診断は未実施"),
    "T16": ("partial", "配送端末はMDM管理、活動用スマホは未対応"),
    "T15": ("planned", "クラウド設定点検の手順を策定中"),
    "H08": ("partial", "活動組合員の誓約書回収率 72%"),
    "T02": ("planned", "アクセス権の棚卸しを年2回に"),
    "E02": ("na", ""),
    "P09": ("partial", "菊名店の録画機更新待ち"),
}
UNASSESSED = {"A040"}
OVERDUE_REVIEW = {"A017", "A018", "A035"}
PAST_RETENTION = "A039"


def add_asset_demo(conn: Connection, rng: random.Random, today: date, _size: int) -> None:
    departments = dict(conn.execute("SELECT code, id FROM department"))
    people = [row[0] for row in conn.execute("SELECT id FROM person WHERE employment_type IN "
                                             "('regular', 'officer') ORDER BY staff_no")]  # fmt: skip
    officer = conn.execute(
        "SELECT privacy_officer_id, board_director_id FROM organisation WHERE id = 1"
    ).fetchone()
    for code, text, scope in PURPOSE_ROWS:
        raw = {"code": code, "text": text, "scope": scope, "published_at": date(2022, 4, 1),
               "published_in": "個人情報保護方針 第5版", "includes_third_party": code == "P03"}  # fmt: skip
        insert_validated(conn, PURPOSES, validate(conn, PURPOSES, raw), label=code)
    control_ids = dict(conn.execute("SELECT code, id FROM control"))
    for code, control_id in control_ids.items():
        status, gap = CONTROL_GAPS.get(code, ("implemented", ""))
        raw = {
            "control": control_id,
            "scope": "org",
            "status": status,
            "owner": officer[0],
            "last_verified": today - timedelta(days=rng.randint(20, 300)),
            "gap_note": gap or None,
            "due": today + timedelta(days=rng.randint(30, 180))
            if status != "implemented"
            else None,
        }
        insert_validated(conn, CONTROL_STATUS, validate(conn, CONTROL_STATUS, raw), label=code)
    for number, (no, name, dept, subjects, media, volume, cls, purposes, extra) in enumerate(
        ASSET_ROWS
    ):
        reviewed = today - timedelta(days=400 if no in OVERDUE_REVIEW else rng.randint(30, 300))
        raw = {
            "asset_no": no,
            "name": name,
            "business_process": name.split("（")[0],
            "owner_department": departments[dept],
            "responsible": people[number % len(people)],
            "subject_categories": subjects,
            "media": media,
            "volume_band": volume,
            "classification": cls,
            "purposes": purposes,
            "acq_basis": "direct_written",
            "acq_source": "subject",
            "notice_method": "publish",
            "storage_location": "本部サーバ室" if "core_system" in media else "各事業所 施錠書庫",
            "storage_method": "アクセス制御・施錠保管",
            "access_holders": "担当部署の取扱者",
            "data_items": "氏名、住所、電話番号、組合員番号",
            "disposal_method": "dissolve" if "paper_doc" in media else "wipe_software",
            "last_reviewed": reviewed,
            "next_review_due": reviewed + timedelta(days=365),
            **extra,
        }
        if no == PAST_RETENTION:
            raw["usage_end"] = date(2024, 3, 31)
            raw["retention_until"] = today - timedelta(days=45)
        asset_values = validate(conn, ASSETS, raw)
        asset_id = insert_validated(conn, ASSETS, asset_values, label=f"{no} {name}")
        if no in UNASSESSED:
            continue
        assessed = reviewed - timedelta(days=rng.randint(0, 20))
        _assess(conn, asset_id, f"{no} {name}", officer, assessed, rng)


def _assess(
    conn: Connection, asset_id: int, label: str, officer: tuple, assessed: date, rng: random.Random
) -> None:
    """The draft as an officer refines it: approved, treatments decided, the acceptable accepted."""
    values = validate(
        conn,
        RISK_ASSESSMENTS,
        {
            "asset": asset_id,
            "assessed_at": assessed,
            "assessor": officer[0],
            "approved_by": officer[1],
            "approved_at": assessed + timedelta(days=7),
            "next_review_due": assessed + timedelta(days=365),
            "trigger": "annual",
        },
    )
    assessment_id = insert_validated(conn, RISK_ASSESSMENTS, values, label=label)
    for proposal in propose(conn, asset_id):
        raw = {"assessment": assessment_id, **proposal.values()}
        residual = (proposal.residual_impact or 0) * (proposal.residual_likelihood or 0)
        if residual >= 6:
            raw["treatment"] = "reduce" if rng.random() < 0.85 else None  # some left open
        elif is_unlawful_handling(proposal.consequences, raw.get("threat")):
            raw["treatment"] = "reduce"
        else:
            raw["treatment"] = "accept"
            raw["accepted_by"] = officer[1]
            raw["accepted_at"] = assessed + timedelta(days=7)
        if raw["planned_controls"]:
            raw["planned_due"] = assessed + timedelta(days=180)
            raw["planned_owner"] = officer[0]
        insert_validated(conn, RISK_ITEMS, validate(conn, RISK_ITEMS, raw), label=label)
