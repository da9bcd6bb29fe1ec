"""The asset register, controls, risk analysis, heat map, reminders and the public-notice helper,
on real encrypted workspaces."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.areas.assets.controls import shipped_controls
from app.areas.assets.drafts import copy_assessment, create_draft_assessment, propose
from app.areas.assets.notice import notice_groups, notice_text
from app.areas.assets.registers import (
    ASSETS,
    CONTROL_STATUS,
    CONTROLS,
    PURPOSES,
    RISK_ASSESSMENTS,
    RISK_ITEMS,
)
from app.areas.assets.scoring import heat_maps, load_matrix
from app.areas.organisation.registers import DEPARTMENTS, PEOPLE
from app.catalogues import shipped_catalogues
from app.dashboard import gather
from app.errors import ValidationError
from app.registers.records import create_record, load_record, update_record
from app.storage.workspace import Workspace

TODAY = date(2026, 11, 25)


def _add(conn, defn, **values) -> int:
    return create_record(conn, defn, values).record_id


def _control_id(conn, code: str) -> int:
    return conn.execute("SELECT id FROM control WHERE code = ?", (code,)).fetchone()[0]


@pytest.fixture
def co_op(workspace):
    conn = workspace.conn
    ids = {
        "hq": _add(conn, DEPARTMENTS, code="HQ", name="本部"),
        "dc": _add(conn, DEPARTMENTS, code="DC", name="港北配送センター"),
    }
    ids["officer"] = _add(conn, PEOPLE, staff_no="001", name="管理者 花子",
                          employment_type="regular")  # fmt: skip
    _add(conn, PURPOSES, code="P01", text="組合員の管理のため")
    ids["paper"] = _add(
        conn, ASSETS, asset_no="A1", name="注文書", owner_department=ids["dc"],
        media=["paper_doc", "order_sheet"], volume_band="le_100", purposes="P01",
    )  # fmt: skip
    ids["cloud"] = _add(
        conn, ASSETS, asset_no="A2", name="Web会員", owner_department=ids["hq"],
        media=["saas"], volume_band="le_100", acq_method="web_form",
    )  # fmt: skip
    return conn, ids


def test_registers_carry_the_register_fields(workspace) -> None:
    keys = {item.key for item in ASSETS.fields}
    assert {"special_care", "contains_my_number", "purposes", "media", "retention_until",
            "foreign_country", "next_review_due", "classification"} <= keys  # fmt: skip
    assert ASSETS.area == RISK_ITEMS.area == "Assets and risks"


def test_default_controls_are_seeded_and_edits_survive_resync(tmp_path, passphrase) -> None:
    path = tmp_path / "c.mamori"
    ws = Workspace.create(path, passphrase)
    conn = ws.conn
    codes = [row[0] for row in conn.execute("SELECT code FROM control ORDER BY code")]
    assert sorted(control["code"] for control in shipped_controls()) == codes
    assert len(codes) == len(shipped_controls()) >= 55
    categories = {row[0] for row in conn.execute("SELECT DISTINCT category FROM control")}
    assert categories == {"basic_policy", "rules", "organisational", "human", "physical",
                          "technical", "external"}  # fmt: skip
    t03 = _control_id(conn, "T03")
    update_record(conn, CONTROLS, t03, {"name_ja": "多要素認証 当組合の表現"})
    conn.execute("DELETE FROM meta WHERE key = 'controls_digest'")  # as if a new file shipped
    ws.close()
    ws = Workspace.open(path, passphrase)
    try:
        assert load_record(ws.conn, CONTROLS, t03)["name_ja"] == "多要素認証 当組合の表現"
        assert ws.conn.execute("SELECT count(*) FROM control").fetchone()[0] == len(codes)
    finally:
        ws.close()


def test_purpose_and_control_codes_must_exist(co_op) -> None:
    conn, ids = co_op
    with pytest.raises(ValidationError) as info:
        update_record(conn, ASSETS, ids["paper"], {"purposes": "P01, P99"})
    assert "P99" in info.value.errors["purposes"]
    assessment = _add(conn, RISK_ASSESSMENTS, asset=ids["paper"], assessed_at=TODAY)
    with pytest.raises(ValidationError) as info:
        _add(conn, RISK_ITEMS, assessment=assessment, phase="store", threat="theft_loss",
             inherent_impact=2, inherent_likelihood=2, implemented_controls="P04, X99")  # fmt: skip
    assert "X99" in info.value.errors["implemented_controls"]


def test_scores_are_computed_on_save(co_op) -> None:
    conn, ids = co_op
    assessment = _add(conn, RISK_ASSESSMENTS, asset=ids["paper"], assessed_at=TODAY)
    item = _add(conn, RISK_ITEMS, assessment=assessment, phase="store", threat="theft_loss",
                inherent_impact=3, inherent_likelihood=2, inherent_score=1)  # fmt: skip
    stored = load_record(conn, RISK_ITEMS, item)
    assert (stored["inherent_score"], stored["residual_score"]) == (6, None)
    update_record(conn, RISK_ITEMS, item, {"residual_impact": 3, "residual_likelihood": 1})
    assert load_record(conn, RISK_ITEMS, item)["residual_score"] == 3
    with pytest.raises(ValidationError) as info:
        update_record(conn, RISK_ITEMS, item, {"inherent_impact": 4})
    assert "at most 3" in info.value.errors["inherent_impact"]


def test_legal_violation_cannot_be_accepted(co_op) -> None:
    conn, ids = co_op
    assessment = _add(conn, RISK_ASSESSMENTS, asset=ids["paper"], assessed_at=TODAY)
    base = dict(assessment=assessment, phase="use", threat="unauthorised_use",
                inherent_impact=1, inherent_likelihood=1)  # fmt: skip
    with pytest.raises(ValidationError) as info:
        _add(conn, RISK_ITEMS, consequences=["leak", "legal_violation"], treatment="accept", **base)
    assert "法令違反" in info.value.errors["treatment"]
    with pytest.raises(ValidationError) as info:
        _add(conn, RISK_ITEMS, consequences=["legal_violation"], treatment="reduce",
             accepted_by=ids["officer"], **base)  # fmt: skip
    assert "cannot be accepted" in info.value.errors["accepted_by"]
    ok = _add(conn, RISK_ITEMS, consequences=["leak"], treatment="accept",
              accepted_by=ids["officer"], **base)  # fmt: skip
    assert load_record(conn, RISK_ITEMS, ok)["treatment"] == "accept"


def test_high_residual_needs_treatment_before_acceptance(co_op) -> None:
    conn, ids = co_op
    assessment = _add(conn, RISK_ASSESSMENTS, asset=ids["paper"], assessed_at=TODAY)
    high = dict(assessment=assessment, phase="store", threat="theft_loss", consequences=["leak"],
                inherent_impact=3, inherent_likelihood=3)  # fmt: skip
    with pytest.raises(ValidationError) as info:
        _add(conn, RISK_ITEMS, treatment="accept", residual_impact=3, residual_likelihood=2, **high)
    assert "score of 6 is high" in info.value.errors["treatment"]
    item = _add(conn, RISK_ITEMS, treatment="accept", residual_impact=2, residual_likelihood=2,
                **high)  # fmt: skip
    assert load_record(conn, RISK_ITEMS, item)["residual_score"] == 4


def test_matrix_defaults_come_from_catalogues(workspace) -> None:
    matrix = load_matrix(workspace.conn)
    assert (matrix.impact_levels, matrix.likelihood_levels) == (3, 3)
    assert [matrix.band(score).code for score in (1, 2, 3, 4, 6, 9)] == [
        "accept", "accept", "monitor", "monitor", "treat", "treat"]  # fmt: skip
    assert matrix.treat_from == 6


def test_draft_proposals_depend_on_media_and_flags(co_op) -> None:
    conn, ids = co_op
    paper = {(p.phase, p.threat) for p in propose(conn, ids["paper"])}
    cloud = {(p.phase, p.threat) for p in propose(conn, ids["cloud"])}
    assert ("store", "left_unlocked") in paper and ("store", "left_unlocked") not in cloud
    assert ("store", "misconfiguration") in cloud and ("store", "misconfiguration") not in paper
    assert ("acquire", "web_skimming") in cloud and ("acquire", "web_skimming") not in paper
    assert ("use", "unauthorised_use") in paper & cloud  # proposed for every asset
    assert {p.inherent_impact for p in propose(conn, ids["paper"])} == {1}
    update_record(conn, ASSETS, ids["paper"], {"contains_my_number": True})
    proposals = propose(conn, ids["paper"])
    assert {p.inherent_impact for p in proposals} == {3}
    assert ("use", "exfiltration") in {(p.phase, p.threat) for p in proposals}


def test_implemented_controls_lower_the_proposed_residual(co_op) -> None:
    conn, ids = co_op
    before = {p.threat: p for p in propose(conn, ids["paper"])}["left_unlocked"]
    assert before.residual_likelihood == before.inherent_likelihood
    assert before.planned_controls == ["P04"]
    _add(conn, CONTROL_STATUS, control=_control_id(conn, "P04"), scope="org", status="implemented")
    after = {p.threat: p for p in propose(conn, ids["paper"])}["left_unlocked"]
    assert after.implemented_controls == ["P04"]
    assert after.residual_likelihood == before.inherent_likelihood - 1


def test_create_draft_and_copy_assessment(co_op) -> None:
    conn, ids = co_op
    changes = create_draft_assessment(conn, ids["paper"], assessed_at=TODAY)
    assert changes.registers == {"risk_assessments", "risk_items"}
    count = len(propose(conn, ids["paper"]))
    items = conn.execute(
        "SELECT count(*) FROM risk_item WHERE assessment_id = ?", (changes.record_id,)
    ).fetchone()[0]
    assert items == count > 0
    first = conn.execute(
        "SELECT id FROM risk_item WHERE assessment_id = ? AND threat = 'data_entry_error'",
        (changes.record_id,),
    ).fetchone()[0]
    update_record(conn, RISK_ITEMS, first, {"scenario": "読取り誤り", "treatment": "accept",
                                             "accepted_by": ids["officer"]})  # fmt: skip
    copy = copy_assessment(conn, changes.record_id, ids["cloud"], assessed_at=TODAY)
    assert load_record(conn, RISK_ASSESSMENTS, copy.record_id)["asset"] == ids["cloud"]
    copied = conn.execute(
        "SELECT scenario, treatment, accepted_by_id FROM risk_item "
        "WHERE assessment_id = ? AND threat = 'data_entry_error'",
        (copy.record_id,),
    ).fetchone()
    assert copied == ("読取り誤り", None, None)  # acceptance is per asset, never copied
    assert copy.count == count


def test_heat_map_counts_latest_assessment_per_cell(co_op) -> None:
    conn, ids = co_op
    old = _add(conn, RISK_ASSESSMENTS, asset=ids["paper"], assessed_at=date(2025, 1, 1))
    _add(conn, RISK_ITEMS, assessment=old, phase="store", threat="theft_loss",
         inherent_impact=1, inherent_likelihood=1)  # fmt: skip
    new = _add(conn, RISK_ASSESSMENTS, asset=ids["paper"], assessed_at=TODAY)
    a = _add(conn, RISK_ITEMS, assessment=new, phase="store", threat="theft_loss",
             inherent_impact=3, inherent_likelihood=2, residual_impact=3,
             residual_likelihood=1, treatment="reduce")  # fmt: skip
    b = _add(conn, RISK_ITEMS, assessment=new, phase="store", threat="left_unlocked",
             inherent_impact=3, inherent_likelihood=2)  # fmt: skip
    cloud = _add(conn, RISK_ASSESSMENTS, asset=ids["cloud"], assessed_at=TODAY)
    c = _add(conn, RISK_ITEMS, assessment=cloud, phase="store", threat="intrusion",
             inherent_impact=2, inherent_likelihood=2)  # fmt: skip
    inherent, residual = heat_maps(conn)
    assert inherent.cells == {(3, 2): [a, b], (2, 2): [c]}
    assert residual.cells == {(3, 1): [a], (3, 2): [b], (2, 2): [c]}
    assert inherent.grid() == [[0, 2, 0], [0, 1, 0], [0, 0, 0]]
    inherent, residual = heat_maps(conn, department_id=ids["hq"])
    assert inherent.cells == {(2, 2): [c]}
    inherent, _residual = heat_maps(conn, asset_id=ids["paper"])
    assert inherent.total == 2


def test_reminders_silent_without_assets_then_due(workspace) -> None:
    conn = workspace.conn
    rules = {"C-REGISTER", "C-RISK", "R-DELETE"}
    assert not [i for i in gather(conn, TODAY) if i.rule in rules]
    dept = _add(conn, DEPARTMENTS, code="HQ", name="本部")
    officer = _add(conn, PEOPLE, staff_no="001", name="管理者", employment_type="regular")
    old = _add(conn, ASSETS, asset_no="A1", name="旧データ", owner_department=dept,
               next_review_due=date(2026, 10, 1), retention_until=date(2026, 11, 1))  # fmt: skip
    fine = _add(conn, ASSETS, asset_no="A2", name="台帳", owner_department=dept,
                next_review_due=date(2027, 10, 1))  # fmt: skip
    assessment = _add(conn, RISK_ASSESSMENTS, asset=fine, assessed_at=date(2025, 9, 1),
                      next_review_due=date(2026, 9, 1), assessor=officer)  # fmt: skip
    high = _add(conn, RISK_ITEMS, assessment=assessment, phase="store", threat="intrusion",
                inherent_impact=3, inherent_likelihood=3)  # fmt: skip
    items = [i for i in gather(conn, TODAY) if i.rule in rules]
    by_title = {i.title: i for i in items}
    assert by_title["Review asset: A1 旧データ"].due == date(2026, 10, 1)
    assert by_title["Dispose of: A1 旧データ"].rule == "R-DELETE"
    assert by_title["Review the risk assessment: A2 台帳"].due == date(2026, 9, 1)
    assert by_title["1 asset has no risk assessment"].register == "assets"
    assert by_title["1 high risk without treatment"].record_id == high
    assert not any("A2" in title for title in by_title if title.startswith("Review asset"))
    # "reduce" with no planned control and no due date is not yet a decision (as in the report)
    update_record(conn, RISK_ITEMS, high, {"treatment": "reduce"})
    assert "1 high risk without treatment" in {i.title for i in gather(conn, TODAY)}
    update_record(conn, RISK_ITEMS, high, {"planned_controls": "T01",
                                           "planned_due": date(2027, 1, 31)})  # fmt: skip
    update_record(conn, ASSETS, old, {"disposed_on": date(2026, 11, 20)})
    titles = {i.title for i in gather(conn, TODAY) if i.rule in rules}
    assert titles == {"Review the risk assessment: A2 台帳"}


def test_notice_text_groups_implemented_controls(workspace) -> None:
    conn = workspace.conn
    for code in ("B01", "O01", "H03", "T03"):
        _add(conn, CONTROL_STATUS, control=_control_id(conn, code), scope="org",
             status="implemented")  # fmt: skip
    _add(conn, CONTROL_STATUS, control=_control_id(conn, "P04"), scope="org", status="planned")
    groups = notice_groups(conn)
    assert [g.heading for g in groups] == [
        "基本方針の策定", "組織的安全管理措置", "人的安全管理措置", "技術的安全管理措置"]  # fmt: skip
    text = notice_text(conn)
    assert text.startswith("【安全管理のために講じた措置】")
    assert "・ID・パスワード・多要素認証" in text
    assert "施錠保管" not in text  # planned, not implemented
    assert text.index("基本方針の策定") < text.index("技術的安全管理措置")


def test_threat_profiles_name_shipped_threats_and_controls() -> None:
    catalogues = {spec.code: spec for spec in shipped_catalogues()}
    threats = {item.code: item.extra["phase"] for item in catalogues["THREAT"].items}
    controls = {control["code"] for control in shipped_controls()}
    for item in catalogues["THREAT_PROFILE"].items:
        assert threats[item.extra["threat"]] == item.extra["phase"], item.code
        assert set(item.extra.get("controls", [])) <= controls, item.code
    assert json.loads(json.dumps(item.extra))  # plain data


def test_demo_has_assets_assessments_and_reminders(tmp_path) -> None:
    from app.demo import build_demo_workspace

    ws = build_demo_workspace(tmp_path / "demo.mamori", "demo-passphrase-long", people=60,
                              today=TODAY)  # fmt: skip
    try:
        conn = ws.conn
        assert 35 <= conn.execute("SELECT count(*) FROM asset").fetchone()[0] <= 45
        inherent, residual = heat_maps(conn)
        assert inherent.total == residual.total > 300
        weight = lambda m: sum(im * lk * len(v) for (im, lk), v in m.cells.items())  # noqa: E731
        assert weight(residual) < weight(inherent)
        rules = {item.rule for item in gather(conn, TODAY)}
        assert {"C-REGISTER", "C-RISK", "R-DELETE"} <= rules
        assert "技術的安全管理措置" in notice_text(conn)
    finally:
        ws.close()
