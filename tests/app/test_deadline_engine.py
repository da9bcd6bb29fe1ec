"""The deadline engine's arithmetic, with worked cases from the domain's sources (issue 10)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.deadlines.engine import apply_offset, compute, parse_period
from app.deadlines.holidays import BUILTIN
from app.deadlines.rules import Calendar, Offset, all_rules, get_rule
from app.paths import resource_path

DOMAIN_RULE_IDS = {
    # domain §4.1
    "R-LEAK-PRELIM", "R-LEAK-FINAL-30", "R-LEAK-FINAL-60", "R-LEAK-SUPPLEMENT",
    "R-LEAK-CONTROLLER", "R-LEAK-SUBJECT", "R-MYNUM-LEAK", "R-PMARK-INC", "R-DSR",
    "R-DSR-REFUSAL", "R-JOINTUSE-ADMIN", "R-JOINTUSE-PRIOR", "R-PURPOSE-CHANGE", "R-PROV-RECORD",
    "R-ANON-PUBLISH", "R-ANON-PROVIDE", "R-FOREIGN-CHECK", "R-DELETE", "R-PSEUDO-DELETE",
    "R-PUBLIC-NOTICE", "R-PMARK-RENEW",
    # domain §4.2 (C-CA split by severity)
    "C-REGISTER", "C-RISK", "C-TRAINING", "C-AUDIT", "C-MR", "C-OPCHECK", "C-CONTRACTOR",
    "C-LEGAL", "C-ACCESS", "C-CA-MAJOR", "C-CA-MINOR",
}  # fmt: skip


def test_every_rule_of_the_domain_is_data_with_its_source() -> None:
    rules = all_rules()
    assert set(rules) >= DOMAIN_RULE_IDS
    assert {rule.group for rule in rules.values()} == {"statutory", "cycle", "retention"}
    assert sum(rule.group == "retention" for rule in rules.values()) >= 10  # domain §4.3 rows
    for rule in rules.values():
        assert rule.source and rule.trigger and rule.trigger_ja and rule.ja and rule.en, rule.id
        if rule.due is None:
            assert rule.timing_ja, f"{rule.id}: say when, in words, when there is no fixed day"
    raw = json.loads(resource_path("deadlines", "rules.json").read_text("utf-8"))
    assert len(raw["rules"]) == len(rules)


def test_unknown_rule_is_named_with_the_known_ones() -> None:
    with pytest.raises(KeyError) as info:
        get_rule("R-NOPE")
    assert "R-NOPE" in str(info.value) and "R-LEAK-FINAL-30" in str(info.value)
    assert get_rule(" r-dsr ").id == "R-DSR"


def test_pmark_renewal_jipdec_example() -> None:
    # JIPDEC: 有効期間の終了日 2024-12-01 → 更新申請 2024-04-02 から 2024-08-01 まで
    result = compute("R-PMARK-RENEW", date(2024, 12, 1))
    assert result.warn_from == date(2024, 4, 2)  # was 2024-04-01: add_months(expiry, -8)
    assert (result.calendar_date, result.due_date, result.rolled) == (
        date(2024, 8, 1),
        date(2024, 8, 1),
        False,
    )


def test_final_report_across_golden_week_2025() -> None:
    result = compute("R-LEAK-FINAL-30", date(2025, 4, 4))  # day 1 = the day it became known
    assert result.calendar_date == date(2025, 5, 3)  # day 30, 憲法記念日 (Saturday)
    assert result.due_date == date(2025, 5, 7)
    assert result.reasons == (
        "2025-05-03（土）憲法記念日",
        "2025-05-04（日）みどりの日",
        "2025-05-05（月）こどもの日",
        "2025-05-06（火）みどりの日 振替休日",
    )


def test_final_report_in_silver_week_with_a_citizens_holiday() -> None:
    result = compute("R-LEAK-FINAL-30", date(2026, 8, 24))
    assert result.calendar_date == date(2026, 9, 22)
    assert result.due_date == date(2026, 9, 24)
    assert result.reasons == ("2026-09-22（火）国民の休日", "2026-09-23（水）秋分の日")


def test_final_report_at_the_year_end_closure() -> None:
    result = compute("R-LEAK-FINAL-30", date(2025, 12, 1))
    assert result.calendar_date == date(2025, 12, 30)
    assert result.due_date == date(2026, 1, 5)
    assert result.reasons[2] == "2026-01-01（木）元日・年末年始休業（12月29日〜1月3日）"
    assert result.reasons[-1] == "2026-01-04（日）日曜日"
    assert len(result.reasons) == 6


def test_sixty_day_report_for_wrongful_purpose() -> None:
    result = compute("R-LEAK-FINAL-60", date(2025, 11, 1))
    assert result.calendar_date == date(2025, 12, 30)  # known + 59
    assert result.due_date == date(2026, 1, 5)
    plain = compute("R-LEAK-FINAL-60", date(2025, 3, 3))
    assert (plain.calendar_date, plain.rolled) == (date(2025, 5, 1), False)


def test_json_has_exactly_the_issue_keys() -> None:
    answer = compute("R-DSR", date(2025, 4, 1)).as_json()
    assert answer == {
        "rule": "R-DSR",
        "from": "2025-04-01",
        "calendar_date": "2025-04-15",
        "due_date": "2025-04-15",
        "rolled": False,
        "reasons": [],
    }
    assert compute("R-DSR-REFUSAL", date(2025, 4, 1)).as_json()["due_date"] is None


def test_plain_rules_never_roll_and_warn_before_the_date() -> None:
    result = compute("C-REGISTER", date(2025, 5, 3))  # last review on a holiday
    assert result.calendar_date == result.due_date == date(2026, 5, 3)
    assert get_rule("C-REGISTER").calendar is Calendar.PLAIN
    assert result.warn_from == date(2026, 4, 3)


def test_business_day_offsets_skip_closed_days() -> None:
    assert apply_offset(date(2025, 12, 26), Offset(business_days=1)) == date(2026, 1, 5)
    assert apply_offset(date(2025, 5, 2), Offset(business_days=2)) == date(2025, 5, 8)
    assert apply_offset(date(2025, 5, 7), Offset(business_days=-1)) == date(2025, 5, 2)


def test_civil_code_year_periods() -> None:
    record = Offset(years=3, civil=True)
    assert apply_offset(date(2025, 4, 10), record) == date(2028, 4, 10)
    assert apply_offset(date(2025, 2, 28), record) == date(2028, 2, 29)
    last_provision = Offset(years=1, civil=True, first_day_counts=True)
    assert apply_offset(date(2025, 4, 10), last_provision) == date(2026, 4, 9)
    assert apply_offset(date(2024, 2, 29), last_provision) == date(2025, 2, 28)


def test_retention_periods_as_the_register_writes_them() -> None:
    assert parse_period("5年") == Offset(years=5)
    assert parse_period("６か月") == Offset(months=6)
    assert parse_period("90日") == Offset(days=90)
    assert parse_period("2 weeks") == Offset(days=14)
    assert parse_period("契約終了後1年") is None
    assert parse_period(None) is None


def test_an_imported_table_overrides_the_built_in_one() -> None:
    from app.deadlines.holidays import HolidayCalendar

    # a one-off holiday (e.g. an enthronement day) legislated after this release
    extra = {date(2026, 9, 21): "敬老の日", date(2026, 9, 22): "国民の休日",
             date(2026, 9, 23): "秋分の日", date(2026, 9, 24): "臨時の休日"}  # fmt: skip
    table = HolidayCalendar(extra, frozenset({2026}), "test")
    result = compute("R-LEAK-FINAL-30", date(2026, 8, 24), table)
    assert result.due_date == date(2026, 9, 25)
    assert result.reasons[-1] == "2026-09-24（木）臨時の休日"
    assert BUILTIN.is_business_day(date(2026, 9, 24))
