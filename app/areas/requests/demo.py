"""The demo co-op's requests and complaints: requests of most types over the last year and a half
(a disclosure with an extension, one waiting for identity documents, a refusal with its reasons,
one open and one overdue for the dashboard), complaints by topic (a misdelivery that raised a
corrective action, one taken to the certified organisation), and one request and one complaint
closed long enough ago for the retention purge to offer them. Every name is invented."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from app.areas.requests.complaints import COMPLAINTS
from app.areas.requests.registers import DATA_REQUESTS, REQUEST_CLOCK
from app.registers.definition import RegisterDef
from app.registers.records import insert_validated, update_in_transaction, validate
from app.storage.database import Connection

# (days before today, type, channel, requester, detail, decision, days to answer | None)
REQUESTS: tuple[tuple[int, str, str, str, str, str | None, int | None], ...] = (
    (1480, "contact_stop", "phone", "大西 弘子", "カタログ送付の停止", "full", 3),
    (520, "disclosure", "counter", "森田 由美", "注文履歴と登録情報の開示（書面）", "full", 9),
    (470, "contact_stop", "delivery_staff", "小池 正", "チラシ投函の停止", "full", 2),
    (430, "correction", "phone", "石井 さくら", "転居による住所の訂正", "full", 4),
    (380, "purpose_notice", "web", "長谷川 健", "登録情報の利用目的の通知", "full", 6),
    (330, "suspension_new", "post", "岡田 美穂", "カード情報漏えい後の利用停止", "full", 12),
    (290, "disclosure", "post", "村上 直樹", "過去5年分の供給履歴の開示", "full", 24),
    (250, "disclosure", "web", "藤井 恵", "人事評価記録の開示（元職員）", "partial", 13),
    (210, "contact_stop", "web", "西田 陽子", "DM・電話勧誘の停止", "full", 1),
    (170, "tp_record_disclosure", "counter", "山本 太郎", "第三者提供記録の開示", "full", 20),
    (120, "correction", "phone", "中川 翔", "電話番号の訂正", "full", 17),
    (80, "not_exist_case", "post", "松本 京子", "防犯カメラ映像の開示", "not_exist", 8),
    (40, "joint_use_stop", "delivery_staff", "坂本 聡", "会員生協間の共同利用の停止", "full", 10),
    (16, "disclosure", "web", "池田 真由美", "共済請求記録の開示", None, None),
    (6, "tp_record_disclosure", "phone", "前田 誠", "提供先の開示", None, None),
    (3, "correction", "counter", "井上 早苗", "氏名変更（婚姻）の訂正", None, None),
)

# (days before today, topic, kind, channel, description, handling, days to close | None, escalation)
COMPLAINT_ROWS: tuple[tuple[int, str, str, str, str, str, int | None, str], ...] = (
    (
        1300,
        "solicitation",
        "complaint",
        "phone",
        "共済の勧誘電話が多い",
        "架電停止を登録",
        2,
        "none",
    ),
    (
        400,
        "misdelivery",
        "complaint",
        "phone",
        "注文書が隣家に届いた",
        "謝罪し回収、配達手順を見直し",
        5,
        "none",
    ),
    (
        300,
        "staff_conduct",
        "complaint",
        "counter",
        "職員が他の組合員の前で注文内容を読み上げた",
        "店長から謝罪、接客研修を実施",
        9,
        "certified_org",
    ),
    (
        200,
        "leak_concern",
        "enquiry",
        "web",
        "ニュースの漏えい事件で自分の情報が心配",
        "当会は対象外と説明",
        1,
        "none",
    ),
    (120, "joint_use", "enquiry", "phone", "共同利用の範囲を知りたい", "公表事項を案内", 1, "none"),
    (
        60,
        "contractor",
        "complaint",
        "post",
        "委託先の配送業者の対応が不安",
        "委託先に確認し結果を回答",
        14,
        "none",
    ),
    (9, "solicitation", "complaint", "web", "退会後もカタログが届く", "", None, "none"),
)

CLOCK_REASONS = {"suspension": "identity_documents", "extension": "volume"}


def _people(conn: Connection) -> list[int]:
    return [row[0] for row in conn.execute("SELECT id FROM person ORDER BY id LIMIT 40")]


def _insert(conn: Connection, defn: RegisterDef, raw: dict[str, Any]) -> int:
    return insert_validated(conn, defn, validate(conn, defn, raw))


def _clock(conn: Connection, request_id: int, raw: dict[str, Any]) -> None:
    _insert(conn, REQUEST_CLOCK, {"request": request_id, **raw})


def _request(
    conn: Connection, rng: random.Random, today: date, staff: list[int], row: tuple
) -> None:
    ago, kind, channel, name, detail, decision, days = row
    received = today - timedelta(days=ago)
    kind = "disclosure" if kind == "not_exist_case" else kind
    request_id = _insert(
        conn,
        DATA_REQUESTS,
        {
            "received_on": received,
            "request_type": kind,
            "channel": channel,
            "requester_name": name,
            "member_no": f"M{rng.randint(100000, 999999)}",
            "request_detail": detail,
            "requested_method": "paper" if channel in ("counter", "post") else "electronic",
            "id_method": "post" if channel == "post" else "in_person",
            "id_checked_on": received,
            "id_checked_by": rng.choice(staff) if staff else None,
            "handled_by": rng.choice(staff) if staff else None,
            "fee_yen": 300 if kind == "disclosure" and channel == "post" else None,
        },
    )
    if kind == "tp_record_disclosure" and ago > 100:  # waited a week for identity documents
        _clock(
            conn,
            request_id,
            {
                "kind": "suspension",
                "start_on": received + timedelta(days=1),
                "end_on": received + timedelta(days=7),
                "reason": "identity_documents",
                "told_on": received + timedelta(days=1),
            },
        )
    if days is not None and days > 14 and kind == "disclosure":  # the disclosure with an extension
        _clock(
            conn,
            request_id,
            {
                "kind": "extension",
                "start_on": received + timedelta(days=8),
                "days": 14,
                "reason": "volume",
                "reason_note": "5年分の供給履歴の抽出に時間を要する",
                "told_on": received + timedelta(days=8),
            },
        )
    if ago == 6:  # waiting for identity documents now: the clock stands still
        _clock(
            conn,
            request_id,
            {
                "kind": "suspension",
                "start_on": received + timedelta(days=1),
                "reason": "identity_documents",
                "told_on": received + timedelta(days=1),
            },
        )
    if decision is None or days is None:
        return
    answer: dict[str, Any] = {
        "decision": decision,
        "decided_on": received + timedelta(days=days - 1),
        "responded_on": received + timedelta(days=days),
        "response_method": "paper" if channel in ("counter", "post") else "electronic",
    }
    if decision == "partial":
        answer |= {
            "refusal_ground": "business",
            "reasons_told": "評価者の所見部分は業務の適正な"
            "実施に著しい支障を及ぼすおそれがあるため不開示（法33条2項2号）",
        }
    if decision == "not_exist":
        answer |= {
            "refusal_ground": "not_held",
            "reasons_told": "映像は保存期間（2週間）経過により消去済み",
        }
    update_in_transaction(conn, DATA_REQUESTS, request_id, answer)


def _complaint(
    conn: Connection, rng: random.Random, today: date, staff: list[int], row: tuple
) -> None:
    sites = [
        site
        for (site,) in conn.execute(
            "SELECT id FROM department WHERE unit_type IN ('delivery_center', 'store', "
            "'callcenter') ORDER BY id"
        )
    ]
    from app.areas.assurance.actions import raise_corrective_action

    ago, topic, kind, channel, description, handling, days, escalation = row
    received = today - timedelta(days=ago)
    values: dict[str, Any] = {
        "received_on": received,
        "topic": topic,
        "kind": kind,
        "channel": channel,
        "complainant_type": "member",
        "complainant_name": rng.choice(("田村 結衣", "吉田 茂", "山口 和也", "清水 千尋")),
        "description": description,
        "handling": handling or None,
        "handled_by": rng.choice(staff) if staff else None,
        "department": rng.choice(sites) if sites else None,
        "escalation": escalation,
    }
    if days is not None:
        values |= {
            "answered_on": received + timedelta(days=days),
            "closed_on": received + timedelta(days=days),
        }
    if escalation != "none":
        values["escalated_on"] = received + timedelta(days=3)
    complaint_id = _insert(conn, COMPLAINTS, values)
    if topic == "misdelivery":
        number = conn.execute(
            "SELECT complaint_no FROM complaint_case WHERE id = ?", (complaint_id,)
        ).fetchone()[0]
        action = raise_corrective_action(
            conn,
            source="complaint",
            source_label=f"苦情 {number}",
            title="誤配の再発防止（配達時の宛名確認）",
            raised_on=received + timedelta(days=days or 1),
        )
        update_in_transaction(conn, COMPLAINTS, complaint_id, {"corrective_action": action})


def add_requests_demo(conn: Connection, rng: random.Random, today: date, _size: int) -> None:
    staff = _people(conn)
    for row in REQUESTS:
        _request(conn, rng, today, staff, row)
    for row in COMPLAINT_ROWS:
        _complaint(conn, rng, today, staff, row)
