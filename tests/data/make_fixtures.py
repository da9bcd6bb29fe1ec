"""Build the sample workspaces under ``tests/data/`` (see ``tests/data/README.md``).

    python tests/data/make_fixtures.py            # writes db_vN for this code's schema N
    python tests/data/make_fixtures.py --force    # replaces it

A ``db_vN`` file stands for what release N wrote. Once committed it is never regenerated with a
later schema: ``make_fixtures`` refuses unless the current code's latest schema is N, so an old
file can only be rebuilt from a checkout of that release.

The content is fixed (no randomness, no "today"); the bytes differ on every run because SQLCipher
draws a random salt and per-page IVs, and the audit trail records when it was written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent

# The audit trail records the OS user; keep the generating engineer's login out of the fixture.
for _variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
    os.environ[_variable] = "mamori-fixtures"

V1_PASSPHRASE = "mamori-fixture-v1"
V1_PATH = DATA / "db_v1" / "workspace.mamori"
V2_PASSPHRASE = "mamori-fixture-v2"
V2_PATH = DATA / "db_v2" / "workspace.mamori"
V3_PASSPHRASE = "mamori-fixture-v3"
V3_PATH = DATA / "db_v3" / "workspace.mamori"
V4_PASSPHRASE = "mamori-fixture-v4"
V4_PATH = DATA / "db_v4" / "workspace.mamori"
V5_PASSPHRASE = "mamori-fixture-v5"
V5_PATH = DATA / "db_v5" / "workspace.mamori"
V4_NARRATIVE = {"risk": "残留リスク（誤入力 1×2）の受容を付議します。"}

V1_ORGANISATION = {
    "name": "生活協同組合フィクスチャ",
    "address": "東京都千代田区丸の内1-1-1",
    "fiscal_year_start": "04-01",
    "is_pmark_holder": True,
    "pmark_registration_no": "10820001(03)",
    "pmark_expiry": "2027-03-31",
    "member_count": 12_345,
}

# code, name, unit type, parent code
V1_DEPARTMENTS = (
    ("HQ", "本部", "hq", None),
    ("HQ-IT", "情報システム部", "hq", "HQ"),
    ("DC-01", "第一配送センター", "delivery_center", None),
)

# staff no, name, kana, department code, employment type, roles, hire, leave, active
# fmt: off
V1_PEOPLE = (
    ("00001", "山田 花子", "ヤマダ ハナコ", "HQ", "officer", ["privacy_officer"], "2010-04-01", None, True),
    ("00002", "佐藤 一郎", "サトウ イチロウ", "HQ", "regular", ["audit_officer"], "2012-04-01", None, True),
    ("00003", "髙橋 美咲", "タカハシ ミサキ", "HQ-IT", "regular", ["handler"], "2018-10-01", None, True),
    ("00004", "山﨑 健一", "ヤマザキ ケンイチ", "DC-01", "parttime", ["handler"], "2020-06-15", "2024-03-31", True),
    ("V0005", "田中 さくら", "タナカ サクラ", "DC-01", "activist", [], "2021-05-01", None, True),
)
# fmt: on


def build_v1(path: Path, passphrase: str) -> None:

    _require_schema(1)
    _build_foundation(path, passphrase)


def _require_schema(version: int) -> None:
    from app.storage import migrations

    if version != migrations.SCHEMA_VERSION:
        raise SystemExit(
            f"db_v{version} must be written by a release whose latest schema is {version} (this "
            f"code writes {migrations.SCHEMA_VERSION}); keep the committed file."
        )


def _build_foundation(path: Path, passphrase: str) -> None:
    from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
    from app.registers.records import create_record, delete_record, update_record
    from app.storage.workspace import Workspace

    user = "mamori-fixtures"
    with Workspace.create(path, passphrase, {"name": V1_ORGANISATION["name"]}) as ws:
        conn = ws.conn
        departments: dict[str, int] = {}
        for code, name, unit_type, parent in V1_DEPARTMENTS:
            values = {"code": code, "name": name, "unit_type": unit_type}
            if parent:
                values["parent"] = departments[parent]
            departments[code] = create_record(conn, DEPARTMENTS, values, user=user).record_id
        people: dict[str, int] = {}
        for staff_no, name, kana, dept, employment, roles, hired, left, active in V1_PEOPLE:
            values = {
                "staff_no": staff_no,
                "name": name,
                "kana": kana,
                "department": departments[dept],
                "employment_type": employment,
                "pms_roles": roles,
                "hire_date": hired,
                "leave_date": left,
                "active": active,
            }
            people[staff_no] = create_record(conn, PEOPLE, values, user=user).record_id
        # one of each audited change: update and delete as well as insert
        update_record(conn, DEPARTMENTS, departments["HQ"], {"manager": people["00001"]}, user=user)
        extra = create_record(
            conn,
            PEOPLE,
            {"staff_no": "99999", "name": "削除 予定", "employment_type": "arbeit"},
            user=user,
        ).record_id
        delete_record(conn, PEOPLE, extra, user=user)
        update_record(
            conn,
            ORGANISATION,
            1,
            {
                **V1_ORGANISATION,
                "privacy_officer": people["00001"],
                "audit_officer": people["00002"],
            },
            user=user,
        )


def build_v2(path: Path, passphrase: str) -> None:
    _require_schema(2)
    _build_v2_content(path, passphrase)


def _build_v2_content(path: Path, passphrase: str) -> None:
    """The v1 content plus a year of training records and a remembered import layout."""
    from datetime import date

    from app.areas.training.registers import (
        ATTENDANCE,
        PLEDGES,
        TRAINING_PROGRAMMES,
        TRAINING_SESSIONS,
    )
    from app.importing.layouts import remember_layout
    from app.registers.records import create_record
    from app.storage.workspace import Workspace

    _build_foundation(path, passphrase)
    user = "mamori-fixtures"
    with Workspace.open(path, passphrase) as ws:
        conn = ws.conn
        people = dict(conn.execute("SELECT staff_no, id FROM person"))
        programme = create_record(
            conn,
            TRAINING_PROGRAMMES,
            {
                "fiscal_year": 2025,
                "title": "2025年度 年次個人情報保護教育",
                "training_type": "annual_all",
                "planned_month": 6,
                "jis_topics": ["a", "b", "c", "d"],
            },
            user=user,
        ).record_id
        session = create_record(
            conn,
            TRAINING_SESSIONS,
            {
                "title": "年次教育 本部",
                "programme": programme,
                "held_on": date(2025, 6, 10),
                "format": "classroom",
            },
            user=user,
        ).record_id
        for staff_no, score in (("00001", 100), ("00002", 90), ("00003", 60)):
            create_record(
                conn,
                ATTENDANCE,
                {
                    "session": session,
                    "person": people[staff_no],
                    "score": score,
                    "passed": score >= 80,
                    "retake_needed": score < 80,
                },
                user=user,
            )
        create_record(
            conn,
            PLEDGES,
            {"person": people["00001"], "pledge_type": "hire", "signed_on": date(2010, 4, 1)},
            user=user,
        )
        remember_layout(
            conn,
            "training_roster",
            ["職員番号", "氏名", "受講日", "研修名"],
            {"staff_no": (0,), "name": (1,), "held_on": (2,), "course": (3,)},
        )


def build_v3(path: Path, passphrase: str) -> None:
    """The v2 content plus purposes of use, two assets, control statuses and one assessment."""
    _require_schema(3)
    _build_v3_content(path, passphrase)


def _build_v3_content(path: Path, passphrase: str) -> None:
    from datetime import date

    from app.areas.assets.registers import (
        ASSETS,
        CONTROL_STATUS,
        PURPOSES,
        RISK_ASSESSMENTS,
        RISK_ITEMS,
    )
    from app.registers.records import create_record
    from app.storage.workspace import Workspace

    _build_v2_content(path, passphrase)
    user = "mamori-fixtures"
    with Workspace.open(path, passphrase) as ws:
        conn = ws.conn
        people = dict(conn.execute("SELECT staff_no, id FROM person"))
        departments = dict(conn.execute("SELECT code, id FROM department"))
        controls = dict(conn.execute("SELECT code, id FROM control"))

        def add(defn, **values) -> int:
            return create_record(conn, defn, values, user=user).record_id

        add(PURPOSES, code="P01", text="組合員の加入・脱退・出資金の管理のため", scope="member")
        add(PURPOSES, code="P02", text="商品の供給、配達及び代金の請求のため", scope="member")
        add(PURPOSES, code="P08", text="職員の雇用管理のため", scope="staff")
        members = add(
            ASSETS, asset_no="A001", name="組合員台帳", owner_department=departments["HQ"],
            responsible=people["00001"], subject_categories=["member", "member_household"],
            media=["core_system"], volume_band="5001_50000", classification="secret",
            purposes="P01, P02", retention_until=date(2035, 3, 31),
            next_review_due=date(2026, 4, 1),
        )  # fmt: skip
        add(
            ASSETS, asset_no="A002", name="配送リスト", owner_department=departments["DC-01"],
            subject_categories=["member"], media=["paper_doc", "handy_terminal"],
            volume_band="101_1000", classification="secret", purposes="P02",
            contains_my_number=False, disposal_method="shred",
        )  # fmt: skip
        add(CONTROL_STATUS, control=controls["T01"], scope="org", status="implemented",
            owner=people["00003"], last_verified=date(2025, 9, 1))  # fmt: skip
        add(CONTROL_STATUS, control=controls["P04"], scope="asset", asset=members,
            status="planned", due=date(2026, 3, 31))  # fmt: skip
        assessment = add(
            RISK_ASSESSMENTS, asset=members, assessed_at=date(2025, 10, 1),
            assessor=people["00001"], approved_by=people["00002"], approved_at=date(2025, 10, 8),
            next_review_due=date(2026, 10, 1),
        )  # fmt: skip
        add(RISK_ITEMS, assessment=assessment, phase="store", threat="interception",
            consequences=["leak"], inherent_impact=3, inherent_likelihood=2,
            implemented_controls="T01", residual_impact=3, residual_likelihood=1,
            treatment="reduce")  # fmt: skip
        add(RISK_ITEMS, assessment=assessment, phase="acquire", threat="data_entry_error",
            inherent_impact=1, inherent_likelihood=2, treatment="accept",
            accepted_by=people["00002"], accepted_at=date(2025, 10, 8))  # fmt: skip


def build_v4(path: Path, passphrase: str) -> None:
    """The v3 content plus one stored board report (fiscal year 2025, Japanese, with narrative)."""
    _require_schema(4)
    _build_v4_content(path, passphrase)


def build_v5(path: Path, passphrase: str) -> None:
    """The v4 content, plus: asset A002 also serves purpose P08 (purposes are links now), the
    accepted risk item has control P04 planned, and purpose P09 was created and deleted."""
    from app.areas.assets.registers import ASSETS, PURPOSES, RISK_ITEMS
    from app.registers.records import create_record, delete_record, find_by_human_key, update_record
    from app.storage.workspace import Workspace

    _require_schema(5)
    _build_v4_content(path, passphrase)
    user = "mamori-fixtures"
    with Workspace.open(path, passphrase) as ws:
        conn = ws.conn
        delivery = find_by_human_key(conn, ASSETS, "A002")
        update_record(conn, ASSETS, delivery, {"purposes": "P02, P08"}, user=user)
        item = conn.execute("SELECT id FROM risk_item WHERE threat = 'data_entry_error'").fetchone()
        update_record(conn, RISK_ITEMS, item[0], {"planned_controls": "P04"}, user=user)
        extra = create_record(conn, PURPOSES, {"code": "P09", "text": "削除される目的"}, user=user)
        delete_record(conn, PURPOSES, extra.record_id, user=user)


def _build_v4_content(path: Path, passphrase: str) -> None:
    from datetime import date

    from app.board.report import build_snapshot, fiscal_year_period, save_report, set_narrative
    from app.storage.workspace import Workspace

    _build_v3_content(path, passphrase)
    with Workspace.open(path, passphrase) as ws:
        conn = ws.conn
        snapshot = build_snapshot(
            conn, fiscal_year_period(conn, 2025, "ja"), language="ja", today=date(2026, 3, 31)
        )
        report_id = save_report(conn, snapshot, user="mamori-fixtures")
        set_narrative(conn, report_id, V4_NARRATIVE, user="mamori-fixtures")


FIXTURES = {
    1: (V1_PATH, V1_PASSPHRASE, build_v1),
    2: (V2_PATH, V2_PASSPHRASE, build_v2),
    3: (V3_PATH, V3_PASSPHRASE, build_v3),
    4: (V4_PATH, V4_PASSPHRASE, build_v4),
    5: (V5_PATH, V5_PASSPHRASE, build_v5),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="replace existing files")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from app.storage import migrations

    path, passphrase, build = FIXTURES[migrations.SCHEMA_VERSION]
    if path.exists():
        if not args.force:
            print(f"{path} exists; use --force to replace it")
            return 1
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    build(path, passphrase)
    print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
