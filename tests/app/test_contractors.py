"""The contractor area: 法人番号, risk tier, evaluations and results, deadlines and reminders,
and the schema-8 move of the 台帳's free-text 委託先 into contractor records."""

from __future__ import annotations

import itertools
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3

from app.areas.assets.drafts import asset_flags
from app.areas.assets.registers import ASSETS
from app.areas.contractors.corp_no import check_digit, corp_no_problem
from app.areas.contractors.registers import (
    CONTRACTORS,
    CONTRACTS,
    EVALUATIONS,
    IMPROVEMENTS,
    SUBCONTRACTORS,
)
from app.areas.organisation.registers import CATALOGUE_ITEMS, DEPARTMENTS
from app.dashboard import gather
from app.errors import ValidationError
from app.registers.children import save_with_children
from app.registers.records import create_record, load_record, update_record
from app.storage import audit
from app.storage.database import write_transaction
from app.storage.workspace import Workspace
from app.verify import verify_workspace

DATA = Path(__file__).resolve().parents[1] / "data"


CODES = itertools.count(1)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One workspace for the tests that only add records of their own (codes never repeat)."""
    ws = Workspace.create(tmp_path_factory.mktemp("c") / "c.mamori", "contractor-tests-pass-1")
    yield ws
    ws.close()


def contractor(conn, code=None, **values) -> int:
    code = code or f"T{next(CODES):03d}"
    raw = {"code": code, "name": f"{code} 株式会社", "service_category": "delivery"} | values
    return create_record(conn, CONTRACTORS, raw).record_id


def evaluate(conn, contractor_id, scores, on="2026-04-01", **values) -> int:
    rows = [
        (None, {"item": f"c{n:02d}", "score": score})
        for n, score in enumerate(scores, start=1)
        if score != "skip"
    ]
    raw = {"contractor": contractor_id, "eval_type": "periodic", "evaluated_on": on} | values
    changes = save_with_children(conn, EVALUATIONS, None, raw, {"evaluation_answers": rows})
    return changes.record_id


@pytest.mark.parametrize(
    "typed",
    ["1180301018771", "１１８０３０１０１８７７１", "1-1803-0101-8771", "1 1803 0101 8771",
     "１－１８０３－０１０１－８７７１", " 7000012050002 "],
)  # fmt: skip
def test_a_valid_corporate_number_is_stored_as_13_digits(shared, typed) -> None:
    record = contractor(shared.conn, corp_no=typed)
    stored = load_record(shared.conn, CONTRACTORS, record)["corp_no"]
    assert len(stored) == 13 and stored.isdigit() and stored.isascii()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2180301018771", "fails its check digit (the first digit should be 1)"),
        ("118030101877", "has 12 digits"),
        ("11803010187711", "has 14 digits"),
        ("118030101877A", "only digits"),
    ],
)
def test_a_wrong_corporate_number_is_refused_with_its_reason(shared, typed, message) -> None:
    with pytest.raises(ValidationError) as caught:
        contractor(shared.conn, corp_no=typed)
    assert message in caught.value.errors["corp_no"]
    count = shared.conn.execute("SELECT count(*) FROM contractor WHERE corp_no = ?", (typed,))
    assert count.fetchone()[0] == 0


def test_check_digit_of_known_numbers() -> None:
    assert check_digit("000012050002") == 7  # 国税庁
    assert check_digit("180301018771") == 1
    assert corp_no_problem("7000012050002") is None


@pytest.mark.parametrize(
    ("values", "tier", "factors"),
    [
        ({"data_volume": "le_100", "certification": "pmark"}, "low", ["certified"]),
        ({"data_volume": "101_1000"}, "medium", ["volume_medium"]),
        ({"data_volume": "5001_50000"}, "high", ["volume_medium", "volume_high"]),
        ({"data_volume": "gt_50000", "certification": "pmark"}, "medium",
         ["volume_medium", "volume_high", "certified"]),
        ({"data_volume": "gt_50000", "certification": "pmark",
          "certification_expiry": "2020-03-31"}, "high", ["volume_medium", "volume_high"]),
        ({"data_volume": "le_100", "sensitivity": "financial", "certification": "isms"}, "high",
         ["sensitive", "certified"]),
        ({"data_location": "foreign", "foreign_country": "米国", "certification": "soc2"},
         "medium", ["foreign", "certified"]),
        ({"data_volume": "101_1000", "data_location": "foreign", "foreign_country": "米国"},
         "high", ["volume_medium", "foreign"]),
    ],
)  # fmt: skip
def test_risk_tier_is_derived_from_volume_sensitivity_location_certification(
    shared, values, tier, factors
) -> None:
    record = load_record(shared.conn, CONTRACTORS, contractor(shared.conn, **values))
    assert (record["risk_tier"], record["tier_factors"]) == (tier, factors)


def test_tier_rules_are_data(workspace) -> None:
    conn = workspace.conn
    assert (
        load_record(conn, CONTRACTORS, contractor(conn, "K1", data_volume="1001_5000"))["risk_tier"]
        == "high"
    )
    row = conn.execute(
        "SELECT i.id FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'CONTRACTOR_TIER_FACTOR' AND i.code = 'volume_high'"
    ).fetchone()
    update_record(conn, CATALOGUE_ITEMS, row[0], {"extra": json.dumps({"people_from": 5001,
                                                                        "tier": "high"})})  # fmt: skip
    record = load_record(conn, CONTRACTORS, contractor(conn, "K2", data_volume="1001_5000"))
    assert record["risk_tier"] == "medium"


def test_data_abroad_needs_its_country(shared) -> None:
    with pytest.raises(ValidationError) as caught:
        contractor(shared.conn, data_location="foreign")
    assert "country" in caught.value.errors["foreign_country"]


def test_evaluation_score_result_and_next_due_by_tier(shared) -> None:
    conn = shared.conn
    high = contractor(conn, data_volume="gt_50000", sensitivity="financial")
    medium = contractor(conn, data_volume="gt_50000", certification="pmark")
    first = evaluate(conn, high, [2] * 23)
    record = load_record(conn, EVALUATIONS, first)
    assert (record["score"], record["max_score"], record["score_percent"]) == (46, 46, 100)
    assert record["result"] == "a"
    assert record["next_evaluation_due"] == date(2027, 4, 1)  # high: yearly
    b = load_record(conn, EVALUATIONS, evaluate(conn, medium, [2] * 10 + [1] * 13))
    assert (b["score_percent"], b["result"]) == (72, "b")  # 33 of 46
    assert b["next_evaluation_due"] == date(2028, 4, 1)  # medium: every two years


def test_not_applicable_items_are_left_out_of_the_score(shared) -> None:
    conn = shared.conn
    record_id = evaluate(conn, contractor(conn), [2] * 20 + [None, None, 0])
    record = load_record(conn, EVALUATIONS, record_id)
    assert (record["score"], record["max_score"], record["score_percent"]) == (40, 42, 95)
    c = load_record(conn, EVALUATIONS, evaluate(conn, contractor(conn), [1] * 10 + [0] * 13))
    assert c["result"] == "c"


def test_result_thresholds_are_catalogue_data(workspace) -> None:
    conn = workspace.conn
    row = conn.execute(
        "SELECT i.id FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
        "WHERE c.code = 'EVAL_RESULT' AND i.code = 'a'"
    ).fetchone()
    update_record(conn, CATALOGUE_ITEMS, row[0], {"extra": json.dumps({"min_percent": 96})})
    record = load_record(conn, EVALUATIONS, evaluate(conn, contractor(conn), [2] * 22 + [1]))
    assert (record["score_percent"], record["result"]) == (98, "a")
    record = load_record(
        conn, EVALUATIONS, evaluate(conn, contractor(conn, "K2"), [2] * 21 + [1] * 2)
    )
    assert (record["score_percent"], record["result"]) == (96, "b")  # 95.65 %: shown 96, a B
    record = load_record(
        conn, EVALUATIONS, evaluate(conn, contractor(conn, "K3"), [2] * 20 + [1] * 3)
    )
    assert (record["score_percent"], record["result"]) == (93, "b")


def test_low_tier_is_evaluated_at_contract_renewal(shared) -> None:
    conn = shared.conn
    low = contractor(conn, data_volume="le_100", certification="pmark")
    create_record(conn, CONTRACTS, {"contractor": low, "signed_on": "2025-03-01",
                                    "term_start": "2025-04-01", "term_end": "2028-03-31"})  # fmt: skip
    record = load_record(conn, EVALUATIONS, evaluate(conn, low, [2] * 23))
    assert record["next_evaluation_due"] == date(2028, 3, 31)


def test_contract_is_kept_at_least_as_long_as_the_entrusted_data(shared) -> None:
    conn = shared.conn
    dept = create_record(conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}).record_id
    asset = create_record(conn, ASSETS, {"asset_no": "A001", "name": "組合員台帳",
                                         "owner_department": dept,
                                         "retention_until": "2035-03-31"}).record_id  # fmt: skip
    record = contractor(conn, entrusted_assets="A001")
    assert load_record(conn, CONTRACTORS, record)["entrusted_assets"] == [asset]
    contract = create_record(conn, CONTRACTS, {"contractor": record, "term_end": "2027-03-31"})
    assert load_record(conn, CONTRACTS, contract.record_id)["retention_until"] == date(2035, 3, 31)
    with pytest.raises(ValidationError) as caught:
        update_record(conn, CONTRACTS, contract.record_id, {"retention_until": "2030-03-31"})
    assert "2035-03-31" in caught.value.errors["retention_until"]
    assert "entrusted" in asset_flags(conn, {**load_record(conn, ASSETS, asset), "id": asset})
    update_record(conn, ASSETS, asset, {"retention_until": "2040-03-31"})  # the data kept longer
    (item,) = [i for i in gather(conn, date(2026, 12, 1)) if i.rule == "RET-CONTRACT"]
    assert (
        item.record_id == record
        and "2040-03-31" in item.detail.replace("/", "-")
        and item.due is None
    )


def test_deadlines_of_a_contractor(workspace) -> None:
    conn = workspace.conn
    record = contractor(
        conn,
        certification="pmark",
        certification_expiry="2027-01-31",
        data_location="foreign",
        foreign_country="シンガポール",
        foreign_checked_on="2026-01-15",
    )
    contract = create_record(conn, CONTRACTS, {"contractor": record, "term_end": "2027-03-31"})
    evaluation = evaluate(conn, record, [2] * 10 + [1] * 13, on="2026-02-01")
    request = create_record(conn, IMPROVEMENTS, {"evaluation": evaluation, "request": "ログ保管",
                                                 "due_on": "2026-06-30"}).record_id  # fmt: skip
    rows = conn.execute(
        "SELECT rule, due_date, warn_from, status FROM deadline ORDER BY rule"
    ).fetchall()
    assert rows == [
        ("C-CONTRACT-END", "2027-03-31", "2027-01-30", "open"),
        ("C-CONTRACTOR", "2028-02-01", "2028-01-02", "open"),  # medium tier: two years
        ("C-CONTRACTOR-CERT", "2027-01-31", "2026-12-02", "open"),  # 60 days ahead
        ("C-IMPROVEMENT", "2026-06-30", "2026-06-16", "open"),
        ("R-FOREIGN-CHECK", "2027-01-15", "2026-12-16", "open"),
    ]
    update_record(conn, IMPROVEMENTS, request, {"status": "closed", "closed_on": "2026-06-20"})
    update_record(conn, CONTRACTS, contract.record_id, {"terminated_on": "2026-12-31"})
    statuses = dict(conn.execute("SELECT rule, status FROM deadline"))
    assert statuses["C-IMPROVEMENT"] == "done" and statuses["C-CONTRACT-END"] == "waived"
    items = [item.rule for item in gather(conn, date(2026, 12, 20))]
    assert "C-CONTRACTOR-CERT" in items and "R-FOREIGN-CHECK" in items
    assert verify_workspace(conn).ok


def test_dashboard_names_what_is_missing(workspace) -> None:
    conn = workspace.conn
    never = contractor(conn, "K001", started_on="2026-05-01")
    abroad = contractor(conn, "K002", data_location="foreign", foreign_country="米国")
    evaluate(conn, abroad, [2] * 23)
    create_record(conn, SUBCONTRACTORS, {"contractor": abroad, "name": "再委託印刷所",
                                         "started_on": "2026-07-01"})  # fmt: skip
    items = [i for i in gather(conn, date(2026, 12, 1)) if i.register == "contractors"]
    titles = {item.title: (item.record_id, item.due) for item in items}
    assert titles["Contractor never evaluated: K001 K001 株式会社"] == (never, date(2026, 5, 1))
    assert titles["Re-entrustment without prior approval: K002 K002 株式会社 → 再委託印刷所"] == (
        abroad,
        date(2026, 7, 1),
    )
    assert any(title.startswith("Data abroad without a recorded check: K002") for title in titles)


def test_schema_7_free_text_contractors_become_linked_contractors(tmp_path) -> None:
    copy = tmp_path / "v7.mamori"
    shutil.copyfile(DATA / "db_v7" / "workspace.mamori", copy)
    raw = sqlcipher3.connect(str(copy), isolation_level=None)
    raw.execute("PRAGMA key = 'mamori-fixture-v7'")
    texts = {1: "溶解処理業者、OCR読取委託先", 2: "OCR読取委託先"}
    raw.execute("BEGIN")
    states = audit.latest_states(raw, "assets")
    for asset_id, text in texts.items():
        before = states[asset_id].after_values()
        raw.execute("UPDATE asset SET entrusted_to = ? WHERE id = ?", (text, asset_id))
        audit.append(raw, "update", register="assets", record_id=asset_id,
                     record_label=f"A00{asset_id}", before=before,
                     after={**before, "entrusted_to": text})  # fmt: skip
    raw.execute("COMMIT")
    raw.close()
    with Workspace.open(copy, "mamori-fixture-v7") as ws:
        conn = ws.conn
        rows = conn.execute(
            "SELECT id, code, name, status FROM contractor ORDER BY code"
        ).fetchall()
        assert [(code, name, status) for _id, code, name, status in rows] == [
            ("K001", "溶解処理業者", "active"),
            ("K002", "OCR読取委託先", "active"),
        ]
        assert load_record(conn, CONTRACTORS, rows[1][0])["entrusted_assets"] == [1, 2]
        assert "移行" in load_record(conn, CONTRACTORS, rows[0][0])["notes"]
        columns = {row[1] for row in conn.execute("PRAGMA table_info(asset)")}
        assert "entrusted_to" not in columns
        moved = [e for e in audit.iter_entries(conn) if e.register == "assets" and e.detail
                 and json.loads(e.detail).get("upgrade") == 8]  # fmt: skip
        assert {json.loads(e.before)["entrusted_to"] for e in moved} == set(texts.values())
        extra = conn.execute(
            "SELECT i.extra FROM catalogue_item i JOIN catalogue c ON c.id = i.catalogue_id "
            "WHERE c.code = 'EVAL_RESULT' AND i.code = 'b'"
        ).fetchone()[0]
        assert json.loads(extra) == {"min_percent": 60}
        report = verify_workspace(conn)
        assert report.ok, report


def test_a_failed_evaluation_save_leaves_nothing(workspace) -> None:
    conn = workspace.conn
    record = contractor(conn)
    rows = [(None, {"item": "c01", "score": 3})]
    with pytest.raises(ValidationError) as caught:
        save_with_children(conn, EVALUATIONS, None, {"contractor": record, "evaluated_on": "2026-04-01"},
                           {"evaluation_answers": rows})  # fmt: skip
    assert "evaluation_answers.1.score" in caught.value.errors
    with write_transaction(conn):
        assert conn.execute("SELECT count(*) FROM contractor_evaluation").fetchone()[0] == 0
