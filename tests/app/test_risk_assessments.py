"""Which assessment counts, and the lists the risk editor and the heat-map page offer."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.assets.assessments import (
    assessment_summaries,
    assets_of_department,
    assets_with_analysis,
    department_label,
    departments_owning_assets,
    latest_assessment_id,
    matrix_titles,
)
from app.areas.assets.registers import ASSETS, RISK_ASSESSMENTS, RISK_ITEMS
from app.areas.assets.scoring import LATEST_ASSESSMENTS, heat_maps
from app.areas.organisation.registers import DEPARTMENTS
from app.registers.records import create_record


def _add(conn, defn, **values) -> int:
    return create_record(conn, defn, values).record_id


@pytest.fixture
def assessed(workspace):
    conn = workspace.conn
    hq = _add(conn, DEPARTMENTS, code="HQ", name="本部")
    dc = _add(conn, DEPARTMENTS, code="DC", name="配送センター")
    _add(conn, DEPARTMENTS, code="XX", name="資産のない部")
    paper = _add(conn, ASSETS, asset_no="A1", name="注文書", owner_department=dc)
    cloud = _add(conn, ASSETS, asset_no="A2", name="Web会員", owner_department=hq)
    never = _add(conn, ASSETS, asset_no="A3", name="未評価", owner_department=hq)
    old = _add(conn, RISK_ASSESSMENTS, asset=paper, assessed_at=date(2025, 1, 1))
    _add(conn, RISK_ITEMS, assessment=old, phase="store", threat="theft_loss",
         inherent_impact=1, inherent_likelihood=1)  # fmt: skip
    # Two analyses on one day: the one written later counts, whatever order the ids suggest.
    same_day_first = _add(
        conn, RISK_ASSESSMENTS, asset=paper, assessed_at=date(2026, 6, 1), trigger="annual"
    )
    same_day_last = _add(conn, RISK_ASSESSMENTS, asset=paper, assessed_at=date(2026, 6, 1))
    for threat in ("theft_loss", "left_unlocked"):
        _add(conn, RISK_ITEMS, assessment=same_day_last, phase="store", threat=threat,
             inherent_impact=3, inherent_likelihood=2)  # fmt: skip
    cloud_assessment = _add(conn, RISK_ASSESSMENTS, asset=cloud, assessed_at=date(2026, 5, 1))
    return {
        "conn": conn, "hq": hq, "dc": dc, "paper": paper, "cloud": cloud, "never": never,
        "old": old, "same_day_first": same_day_first, "same_day_last": same_day_last,
        "cloud_assessment": cloud_assessment,
    }  # fmt: skip


def test_latest_is_the_latest_date_then_the_later_written(assessed):
    conn = assessed["conn"]
    assert latest_assessment_id(conn, assessed["paper"]) == assessed["same_day_last"]
    assert latest_assessment_id(conn, assessed["cloud"]) == assessed["cloud_assessment"]
    assert latest_assessment_id(conn, assessed["never"]) is None


def test_the_rule_agrees_with_the_set_wise_rule_of_the_heat_maps(assessed):
    conn = assessed["conn"]
    set_wise = {row[0] for row in conn.execute(LATEST_ASSESSMENTS)}
    one_by_one = {
        latest_assessment_id(conn, asset)
        for asset in (assessed["paper"], assessed["cloud"], assessed["never"])
    } - {None}
    assert set_wise == one_by_one
    summaries = assessment_summaries(conn, assessed["paper"])
    assert [s.id for s in summaries if s.latest] == [assessed["same_day_last"]]
    inherent, _residual = heat_maps(conn, asset_id=assessed["paper"])
    assert inherent.total == summaries[0].items == 2


def test_summaries_list_latest_first_with_item_counts(assessed):
    conn = assessed["conn"]
    summaries = assessment_summaries(conn, assessed["paper"])
    assert [s.id for s in summaries] == [
        assessed["same_day_last"],
        assessed["same_day_first"],
        assessed["old"],
    ]
    assert [s.items for s in summaries] == [2, 0, 1]
    assert summaries[1].trigger == "annual"
    assert summaries[2].assessed_at == date(2025, 1, 1)
    assert not any(s.approved for s in summaries)
    assert assessment_summaries(conn, assessed["never"]) == []


def test_assets_with_an_analysis_to_copy(assessed):
    conn = assessed["conn"]
    choices = assets_with_analysis(conn, exclude=assessed["cloud"])
    assert [(c.id, c.label, c.risk_items) for c in choices] == [
        (assessed["paper"], "A1 注文書", 2)  # the latest assessment's items, not the old one's
    ]
    assert [c.id for c in assets_with_analysis(conn)] == [assessed["paper"], assessed["cloud"]]


def test_heat_map_choices(assessed):
    conn = assessed["conn"]
    assert departments_owning_assets(conn) == [
        (assessed["dc"], "DC 配送センター"),
        (assessed["hq"], "HQ 本部"),
    ]
    everything = assets_of_department(conn, None)
    assert [(a.label, a.assessed) for a in everything] == [
        ("A1 注文書", True),
        ("A2 Web会員", True),
        ("A3 未評価", False),
    ]
    assert [a.id for a in assets_of_department(conn, assessed["hq"])] == [
        assessed["cloud"],
        assessed["never"],
    ]
    assert department_label(conn, assessed["hq"]) == "HQ 本部"
    assert department_label(conn, None) == ""


def test_matrix_titles_come_from_the_catalogues(assessed):
    impact, likelihood = matrix_titles(assessed["conn"])
    assert impact and likelihood and impact != likelihood
