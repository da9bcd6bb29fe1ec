"""The demo co-op's organisation: departments, ~300 staff of every employment type, roles, settings.

The first demo step (``app.demo.build_demo_workspace`` runs every area's steps in area order).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.registers.records import insert_many, update_in_transaction
from app.storage.database import Connection

ORGANISATION_VALUES = {
    "name": "生活協同組合コープみなと",
    "address": "神奈川県横浜市港北区新横浜3-17-6",
    "representative": "代表理事 理事長 中村 和子",
    "fiscal_year_start": "03-21",
    "is_pmark_holder": True,
    "pmark_registration_no": "17002345(05)",
    "pmark_expiry": "2027-06-30",
    "pmark_review_body": "一般財団法人日本情報経済社会推進協会（JIPDEC）",
    "ppc_report_destination": "ppc",
    "certified_org_membership": "日本生活協同組合連合会 個人情報保護相談窓口",
    "published_policy_url": "https://www.coop-minato.example.jp/privacy/",
    "published_matters_url": "https://www.coop-minato.example.jp/privacy/matters/",
    "default_dsr_sla_days": 14,
    "member_count": 182_400,
}

# code, name, type, parent code, location
DEPARTMENT_ROWS = (
    ("HQ", "本部", "hq", None, "横浜市港北区"),
    ("HQ-ADM", "総務部", "hq", "HQ", "本部3階"),
    ("HQ-HR", "人事教育部", "hq", "HQ", "本部3階"),
    ("HQ-IT", "情報システム部", "hq", "HQ", "本部4階"),
    ("HQ-MS", "組合員サービス部", "hq", "HQ", "本部2階"),
    ("HQ-KY", "共済部", "hq", "HQ", "本部2階"),
    ("HQ-FN", "経理部", "hq", "HQ", "本部3階"),
    ("HQ-AU", "内部監査室", "hq", "HQ", "本部4階"),
    ("CC", "組合員サポートセンター", "callcenter", "HQ-MS", "横浜市西区"),
    ("DC-KH", "港北配送センター", "delivery_center", None, "横浜市港北区"),
    ("DC-TZ", "戸塚配送センター", "delivery_center", None, "横浜市戸塚区"),
    ("DC-KW", "川崎配送センター", "delivery_center", None, "川崎市中原区"),
    ("DC-SG", "相模原配送センター", "delivery_center", None, "相模原市中央区"),
    ("DC-FS", "藤沢配送センター", "delivery_center", None, "藤沢市"),
    ("LG", "物流センター", "logistics", None, "大和市"),
    ("ST-HY", "コープみなと日吉店", "store", None, "横浜市港北区"),
    ("ST-KN", "コープみなと菊名店", "store", None, "横浜市港北区"),
    ("ST-MZ", "コープみなと溝の口店", "store", None, "川崎市高津区"),
    ("WF-HC", "ほっとケアセンター港北", "welfare", None, "横浜市港北区"),
    ("WF-MD", "配食センター", "welfare", None, "横浜市都筑区"),
)

SURNAMES = (
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("髙橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("山﨑", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("阿部", "アベ"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤田", "フジタ"),
    ("小川", "オガワ"),
    ("岡田", "オカダ"),
    ("後藤", "ゴトウ"),
    ("長谷川", "ハセガワ"),
    ("村上", "ムラカミ"),
    ("近藤", "コンドウ"),
    ("石井", "イシイ"),
    ("坂本", "サカモト"),
    ("遠藤", "エンドウ"),
    ("青木", "アオキ"),
    ("藤井", "フジイ"),
    ("西村", "ニシムラ"),
    ("福田", "フクダ"),
    ("太田", "オオタ"),
    ("三浦", "ミウラ"),
    ("宮崎", "ミヤザキ"),
    ("岡本", "オカモト"),
    ("松田", "マツダ"),
    ("中島", "ナカジマ"),
)

GIVEN_NAMES = (
    ("翔太", "ショウタ"),
    ("大輔", "ダイスケ"),
    ("健一", "ケンイチ"),
    ("拓也", "タクヤ"),
    ("直樹", "ナオキ"),
    ("和也", "カズヤ"),
    ("誠", "マコト"),
    ("亮", "リョウ"),
    ("隆", "タカシ"),
    ("浩二", "コウジ"),
    ("修", "オサム"),
    ("悠人", "ユウト"),
    ("陽菜", "ヒナ"),
    ("美咲", "ミサキ"),
    ("由美子", "ユミコ"),
    ("恵子", "ケイコ"),
    ("裕子", "ユウコ"),
    ("真由美", "マユミ"),
    ("明美", "アケミ"),
    ("久美子", "クミコ"),
    ("幸子", "サチコ"),
    ("直子", "ナオコ"),
    ("智子", "トモコ"),
    ("香織", "カオリ"),
    ("さくら", "サクラ"),
    ("彩", "アヤ"),
    ("優子", "ユウコ"),
    ("典子", "ノリコ"),
    ("千尋", "チヒロ"),
    ("麻衣", "マイ"),
    ("弘子", "ヒロコ"),
    ("洋子", "ヨウコ"),
)

# employment type: share of staff, and the departments they mostly work in
EMPLOYMENT_MIX = (
    ("regular", 0.30),
    ("contract", 0.08),
    ("parttime", 0.38),
    ("arbeit", 0.10),
    ("dispatched", 0.06),
    ("activist", 0.05),
    ("contractor_onsite", 0.03),
)


def _pick_employment(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for code, share in EMPLOYMENT_MIX:
        total += share
        if roll < total:
            return code
    return EMPLOYMENT_MIX[-1][0]


def _person_rows(
    rng: random.Random, count: int, department_ids: dict[str, int], today: date
) -> list[dict]:
    rows = []
    codes = list(department_ids)
    for number in range(1, count + 1):
        surname, surname_kana = rng.choice(SURNAMES)
        given, given_kana = rng.choice(GIVEN_NAMES)
        employment = "officer" if number <= 6 else _pick_employment(rng)
        department = "HQ" if employment == "officer" else rng.choice(codes)
        years = rng.randint(0, 30) if employment in ("regular", "officer") else rng.randint(0, 8)
        hired = today - timedelta(days=years * 365 + rng.randint(0, 364))
        left = None
        if number % 37 == 0:
            left = today - timedelta(days=rng.randint(5, 120))
        roles = ["handler"] if employment not in ("officer",) else []
        rows.append(
            {
                "staff_no": f"{number:05d}" if employment != "activist" else f"V{number:04d}",
                "name": f"{surname} {given}",
                "kana": f"{surname_kana} {given_kana}",
                "department": department_ids[department],
                "employment_type": employment,
                "pms_roles": roles,
                "hire_date": hired,
                "leave_date": left,
                "email": f"staff{number:05d}@coop-minato.example.jp"
                if employment in ("regular", "contract", "officer")
                else None,
                "is_handler": employment != "officer" or number == 3,
                "active": left is None or number % 74 == 0,  # a few leavers not yet closed
            }
        )
    return rows


def add_organisation_demo(conn: Connection, rng: random.Random, today: date, people: int) -> None:
    department_ids: dict[str, int] = {}
    for code, name, unit_type, parent, location in DEPARTMENT_ROWS:
        (department_ids[code],) = insert_many(
            conn,
            DEPARTMENTS,
            [
                {
                    "code": code,
                    "name": name,
                    "unit_type": unit_type,
                    "parent": department_ids.get(parent) if parent else None,
                    "location": location,
                    "active": True,
                }
            ],
        )
    person_ids = insert_many(conn, PEOPLE, _person_rows(rng, people, department_ids, today))
    roles = {
        0: ["top"],
        1: ["board_director"],
        2: ["privacy_officer", "committee"],
        3: ["audit_officer"],
        4: ["committee"],
        5: ["committee"],
    }
    for index, role_list in roles.items():
        update_in_transaction(conn, PEOPLE, person_ids[index], {"pms_roles": role_list})
    for index, code in enumerate(department_ids):
        if code == "DC-SG":
            continue  # one department without a manager, to show the dashboard reminder
        manager = person_ids[6 + index * 7 % (len(person_ids) - 6)]
        update_in_transaction(conn, DEPARTMENTS, department_ids[code], {"manager": manager})
    update_in_transaction(
        conn,
        ORGANISATION,
        1,
        {
            **ORGANISATION_VALUES,
            "privacy_officer": person_ids[2],
            "audit_officer": person_ids[3],
            "board_director": person_ids[1],
        },
    )
