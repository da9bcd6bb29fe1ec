"""Demo training data: last year's and this year's plan, sessions and attendance, and pledges.

Realistic gaps on purpose: part-timers and casual staff behind, a few failed tests (some made up
later), new hires not yet trained, and a handful of missing pledges, so the Coverage page and the
dashboard have something true to say.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.areas.training.coverage import current_fiscal_year, organisation_settings
from app.areas.training.registers import ATTENDANCE, PLEDGES, TRAINING_PROGRAMMES, TRAINING_SESSIONS
from app.dates import fiscal_year_range
from app.registers.records import insert_many
from app.storage.database import Connection

COMPLETION = {
    "officer": 0.95,
    "regular": 0.93,
    "contract": 0.88,
    "parttime": 0.68,
    "arbeit": 0.55,
    "dispatched": 0.62,
    "activist": 0.5,
    "contractor_onsite": 0.6,
}
FAIL_RATE = 0.06
SITES = (
    ("本部", "classroom"),
    ("港北配送センター", "classroom"),
    ("戸塚配送センター", "classroom"),
    ("川崎配送センター", "classroom"),
    ("eラーニング", "elearning"),
)
JIS_ALL = ["a", "b", "c", "d"]


def _people(conn: Connection) -> list[tuple[int, str, date | None, date | None, bool]]:
    rows = conn.execute(
        "SELECT id, employment_type, hire_date, leave_date, coalesce(active, 1) FROM person "
        "ORDER BY staff_no"
    )
    return [
        (
            pid,
            emp,
            date.fromisoformat(hired) if hired else None,
            date.fromisoformat(left) if left else None,
            bool(active),
        )
        for pid, emp, hired, left, active in rows
    ]


def _programmes(conn: Connection, fiscal_year: int) -> dict[str, int]:
    rows = [
        {
            "fiscal_year": fiscal_year - 1,
            "title": f"{fiscal_year - 1}年度 年次個人情報保護教育",
            "training_type": "annual_all",
            "planned_month": 6,
            "required": True,
            "jis_topics": JIS_ALL,
        },
        {
            "fiscal_year": fiscal_year,
            "title": f"{fiscal_year}年度 年次個人情報保護教育",
            "training_type": "annual_all",
            "planned_month": 6,
            "required": True,
            "jis_topics": JIS_ALL,
            "notes": "理解度確認テスト10問、80点以上で合格。不合格者は30日以内に再受講。",
        },
        {
            "fiscal_year": fiscal_year,
            "title": f"{fiscal_year}年度 取扱担当者専門教育（共済・福祉）",
            "training_type": "handler_specialist",
            "audience": ["regular", "contract"],
            "planned_month": 9,
            "required": True,
            "jis_topics": ["c", "d"],
        },
        {
            "fiscal_year": fiscal_year,
            "title": f"{fiscal_year}年度 入職時教育",
            "training_type": "onboarding",
            "planned_month": 4,
            "required": False,
            "jis_topics": JIS_ALL,
            "notes": "入職後30日以内に受講（毎月実施）。",
        },
        {
            "fiscal_year": fiscal_year,
            "title": f"{fiscal_year}年度 標的型メール訓練",
            "training_type": "phishing_drill",
            "planned_month": 11,
            "required": False,
        },
    ]
    ids = insert_many(conn, TRAINING_PROGRAMMES, rows)
    return dict(
        zip(("last_annual", "annual", "specialist", "onboarding", "phishing"), ids, strict=True)
    )


def _sessions(
    conn: Connection, programme: int, title: str, dates: list[tuple[date, str, str]]
) -> list[tuple[int, date]]:
    rows = [
        {
            "title": f"{title} {site}",
            "programme": programme,
            "held_on": held_on,
            "format": fmt,
            "instructor": "個人情報保護管理者 橋本 悠人" if fmt == "classroom" else None,
            "material_version": "v3.1",
            "duration_min": 60,
            "has_test": True,
            "pass_mark": 80,
        }
        for held_on, site, fmt in dates
    ]
    ids = insert_many(conn, TRAINING_SESSIONS, rows)
    return list(zip(ids, [d for d, _s, _f in dates], strict=True))


def _attend(
    rng: random.Random, sessions: list[tuple[int, date]], person: int, fail_rate: float
) -> list[dict]:
    session, _held = rng.choice(sessions)
    if rng.random() < fail_rate:
        score = rng.choice((50, 60, 70))
        first = {
            "session": session,
            "person": person,
            "status": "attended",
            "score": score,
            "passed": False,
            "retake_needed": True,
            "acknowledged": True,
        }
        later = [s for s in sessions if s[1] > _held]
        if later and rng.random() < 0.5:
            makeup, _when = rng.choice(later)
            return [
                first,
                {
                    "session": makeup,
                    "person": person,
                    "status": "makeup",
                    "score": rng.choice((80, 90, 100)),
                    "passed": True,
                    "acknowledged": True,
                },
            ]
        return [first]
    return [
        {
            "session": session,
            "person": person,
            "status": "attended",
            "score": rng.choice((80, 90, 90, 100, 100)),
            "passed": True,
            "acknowledged": True,
        }
    ]


def add_training_demo(conn: Connection, rng: random.Random, today: date, _size: int) -> None:
    fiscal_year = current_fiscal_year(conn, today)
    start_md, _days = organisation_settings(conn)
    start, _end = fiscal_year_range(fiscal_year, start_md)
    last_start, _last_end = fiscal_year_range(fiscal_year - 1, start_md)
    programmes = _programmes(conn, fiscal_year)
    people = _people(conn)

    def plan(first: date, weeks: int) -> list[tuple[date, str, str]]:
        return [
            (first + timedelta(weeks=weeks * n), site, fmt) for n, (site, fmt) in enumerate(SITES)
        ]

    last_year = _sessions(
        conn,
        programmes["last_annual"],
        f"{fiscal_year - 1}年度 年次教育",
        plan(last_start + timedelta(days=75), 2),
    )
    annual = [
        s
        for s in _sessions(
            conn,
            programmes["annual"],
            f"{fiscal_year}年度 年次教育",
            plan(start + timedelta(days=75), 3),
        )
    ]
    specialist = _sessions(
        conn,
        programmes["specialist"],
        f"{fiscal_year}年度 専門教育",
        [
            (start + timedelta(days=165), "本部", "classroom"),
            (start + timedelta(days=180), "eラーニング", "elearning"),
        ],
    )
    onboarding_dates = [
        (start + timedelta(days=30 * n + 10), "本部", "classroom") for n in range(12)
    ]
    onboarding = _sessions(
        conn, programmes["onboarding"], f"{fiscal_year}年度 入職時教育", onboarding_dates
    )
    past = lambda sessions: [s for s in sessions if s[1] <= today]  # noqa: E731
    rows: list[dict] = []
    for person, employment, hired, left, active in people:
        if hired is not None and hired <= last_start and rng.random() < 0.96 and past(last_year):
            rows.extend(_attend(rng, past(last_year), person, 0.02))
        if not active or (left is not None and left < start):
            continue
        if past(annual) and rng.random() < COMPLETION.get(employment, 0.7):
            rows.extend(_attend(rng, past(annual), person, FAIL_RATE))
        if employment in ("regular", "contract") and past(specialist) and rng.random() < 0.8:
            rows.extend(_attend(rng, past(specialist), person, FAIL_RATE / 2))
        if hired is not None and hired >= start:
            soon = [s for s in past(onboarding) if hired <= s[1] <= hired + timedelta(days=30)]
            if soon and rng.random() < 0.7:
                rows.extend(_attend(rng, soon[:1], person, 0.0))
    insert_many(conn, ATTENDANCE, rows)
    pledges = []
    for person, employment, hired, _left, _active in people:
        if rng.random() < 0.03:
            continue  # a few pledges never came back
        kind = {"activist": "volunteer", "contractor_onsite": "visitor"}.get(employment, "hire")
        pledges.append(
            {
                "person": person,
                "pledge_type": kind,
                "signed_on": hired or today,
                "version": "2019年版" if hired and hired.year < 2020 else "2023年版",
            }
        )
    insert_many(conn, PLEDGES, pledges)
