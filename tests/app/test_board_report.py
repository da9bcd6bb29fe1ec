"""The board (理事会) report model: sections from the registers, snapshot storage and the CLI.

A small co-op with known figures checks each KPI against its source (``compute_coverage``,
``heat_maps``); the demo workspace checks the whole report at realistic size.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.areas.assets.registers import ASSETS, CONTROL_STATUS, RISK_ASSESSMENTS, RISK_ITEMS
from app.areas.assets.scoring import heat_maps
from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.areas.training.coverage import compute_coverage
from app.areas.training.registers import ATTENDANCE, PLEDGES, TRAINING_PROGRAMMES, TRAINING_SESSIONS
from app.board.report import (
    ReportNotFoundError,
    build_snapshot,
    date_range_period,
    fiscal_year_period,
    list_reports,
    load_report,
    previous_period,
    save_report,
    section_choices,
    set_narrative,
)
from app.board.sections import PLANNED_CHAPTERS
from app.board.snapshot import Snapshot
from app.registers.records import create_record
from app.storage.audit import iter_entries
from app.verify import verify_workspace
from main import REPORT_RENDERERS as RENDERERS

TODAY = date(2026, 11, 25)  # fiscal year 2026 runs 2026-04-01 .. 2027-03-31 by default
RECORDED_KEYS = ["organisation", "assets", "risk", "controls", "training", "contractors"]
PLANNED_KEYS = [key for _order, key, _title in PLANNED_CHAPTERS if key not in RECORDED_KEYS]
SECTION_KEYS = RECORDED_KEYS + PLANNED_KEYS


def _add(conn, defn, **values) -> int:
    return create_record(conn, defn, values).record_id


def _kpi(snapshot: Snapshot, key: str, label: str):
    return next(k for k in snapshot.section(key).kpis if k.label == label)


@pytest.fixture
def co_op(workspace):
    """Four staff, one asset with three risk items, three control statuses, two training years."""
    conn = workspace.conn
    store = _add(conn, DEPARTMENTS, code="ST", name="日吉店")
    centre = _add(conn, DEPARTMENTS, code="DC", name="港北配送センター")
    people = {}
    for key, staff_no, employment, department in (
        ("officer", "001", "regular", store),
        ("part", "002", "parttime", store),
        ("driver", "003", "parttime", centre),
        ("volunteer", "V004", "activist", centre),
    ):
        people[key] = _add(
            conn,
            PEOPLE,
            staff_no=staff_no,
            name=f"職員 {key}",
            employment_type=employment,
            department=department,
            hire_date=date(2020, 4, 1),
        )
    from app.registers.records import update_record

    update_record(conn, DEPARTMENTS, store, {"manager": people["officer"]})
    update_record(conn, ORGANISATION, 1, {"privacy_officer": people["officer"]})
    for year, attendees in (
        (2025, ("officer", "part", "driver", "volunteer")),
        (2026, ("officer", "part")),
    ):
        programme = _add(
            conn,
            TRAINING_PROGRAMMES,
            fiscal_year=year,
            title=f"{year}年度 年次教育",
            training_type="annual_all",
            planned_month=6,
            required=True,
        )
        session = _add(
            conn,
            TRAINING_SESSIONS,
            title=f"年次 {year}",
            programme=programme,
            held_on=date(year, 6, 10),
            pass_mark=80,
        )
        for who in attendees:
            score = 60 if (year, who) == (2026, "part") else 90
            _add(conn, ATTENDANCE, session=session, person=people[who], status="attended",
                 score=score, passed=score >= 80)  # fmt: skip
    for who in ("officer", "part", "driver"):
        _add(conn, PLEDGES, person=people[who], pledge_type="hire", signed_on=date(2020, 4, 1))
    asset = _add(
        conn, ASSETS, asset_no="A001", name="組合員台帳", owner_department=store,
        subject_categories=["member"], media=["core_system", "paper_doc"],
        special_care="yes", sensitive_types=["medical_history"], contains_my_number=True,
        classification="strictly_secret", retention_until=date(2026, 5, 31),
    )  # fmt: skip
    _add(conn, ASSETS, asset_no="A002", name="配送リスト", owner_department=centre,
         media=["paper_doc"], classification="secret")  # fmt: skip
    assessment = _add(conn, RISK_ASSESSMENTS, asset=asset, assessed_at=date(2026, 5, 1))
    _add(conn, RISK_ITEMS, assessment=assessment, phase="store", threat="interception",
         inherent_impact=3, inherent_likelihood=3, residual_impact=3, residual_likelihood=2,
         planned_controls="T01", planned_due=date(2026, 9, 30), treatment="reduce")  # fmt: skip
    _add(conn, RISK_ITEMS, assessment=assessment, phase="acquire", threat="data_entry_error",
         inherent_impact=1, inherent_likelihood=2, treatment="accept")  # fmt: skip
    _add(conn, RISK_ITEMS, assessment=assessment, phase="use", threat="interception",
         inherent_impact=2, inherent_likelihood=3)  # fmt: skip
    controls = dict(conn.execute("SELECT code, id FROM control"))
    _add(conn, CONTROL_STATUS, control=controls["T01"], scope="org", status="implemented")
    _add(conn, CONTROL_STATUS, control=controls["P04"], scope="org", status="planned",
         due=date(2026, 10, 1), gap_note="入退室記録の電子化")  # fmt: skip
    _add(conn, CONTROL_STATUS, control=controls["E02"], scope="org", status="na")
    return conn, people


def _build(conn, language: str = "en", **kwargs) -> Snapshot:
    return build_snapshot(
        conn, fiscal_year_period(conn, 2026, language), language=language, today=TODAY, **kwargs
    )


def test_sections_are_registered_in_report_order() -> None:
    assert [key for key, _title in section_choices("en")] == SECTION_KEYS


def test_training_kpis_equal_the_coverage_figures(co_op) -> None:
    conn, _people = co_op
    snapshot = _build(conn)
    coverage = compute_coverage(conn, 2026, today=TODAY)
    completion = _kpi(snapshot, "training", "Training completion")
    assert completion.value == round(
        coverage.overall.completed * 100 / coverage.overall.in_scope, 1
    )
    assert completion.value == 25.0  # 1 of 4: the part-timer failed, two did not attend
    assert completion.status == "bad"
    assert completion.previous == 100.0  # fiscal year 2025: all four passed
    assert _kpi(snapshot, "training", "Test pass rate").value == 50.0
    assert _kpi(snapshot, "training", "Test pass rate").previous == 100.0
    assert _kpi(snapshot, "training", "Average test score").value == 75.0
    assert _kpi(snapshot, "training", "Overdue people").value == 3  # June is over on 11-25
    assert _kpi(snapshot, "training", "Pledge coverage").value == 75.0
    by_type = snapshot.section("training").tables[0]
    assert by_type.rows == [["Regular employee", 1, 1, 1.0], ["Part-timer", 2, 0, 0.0],
                            ["Member volunteer", 1, 0, 0.0]]  # fmt: skip
    # the chart shows what no table beside it shows (completion by department)
    assert [c.title for c in snapshot.section("training").charts] == ["Completion by department"]
    overdue = snapshot.section("training").appendix[1]
    assert overdue.rows[-1][0] == "Total" and overdue.rows[-1][-1] == 3  # counts, no names
    named = _build(conn, named_annex=True)
    annex = named.section("named_annex").appendix
    people = next(t for t in annex if t.title == "Overdue people")
    assert [row[0] for row in people.rows] == ["002", "003", "V004"]


def test_risk_heat_maps_equal_the_risk_page(co_op) -> None:
    conn, _people = co_op
    section = _build(conn).section("risk")
    inherent, residual = heat_maps(conn)
    for chart, heat in zip(section.charts, (inherent, residual), strict=True):
        assert chart.kind == "heatmap"
        assert chart.matrix == [
            [heat.count(impact, likelihood) for likelihood in (1, 2, 3)] for impact in (1, 2, 3)
        ]
        assert chart.bands[0][0] == "accept" and chart.bands[2][2] == "treat"
    kpis = {k.label: k.value for k in section.kpis}
    assert kpis["Risk items assessed"] == 3
    assert kpis["High risks before controls"] == 2  # 3x3 and 2x3
    assert kpis["High residual risks"] == 2  # 3x2 after reduction, 2x3 untouched
    assert kpis["High residual risks without a decision"] == 1
    assert kpis["Treatment plans overdue"] == 1  # due 2026-09-30
    assert kpis["Residual risks awaiting acceptance"] == 1
    assert kpis["Assets with a risk assessment"] == 50.0
    awaiting = next(t for t in section.tables if t.title == "Residual risks awaiting acceptance")
    assert [row[0] for row in awaiting.rows] == ["A001 組合員台帳"]
    decision = next(d for d in section.decisions if d.kind == "risk_acceptance")
    assert decision.resolution
    assert decision.items and decision.items[0].startswith("A001 組合員台帳")


def test_assets_and_controls_figures(co_op) -> None:
    conn, _people = co_op
    snapshot = _build(conn)
    assets = {k.label: k.value for k in snapshot.section("assets").kpis}
    assert assets["Assets in the register"] == 2
    assert assets["Holding special-care data (要配慮個人情報)"] == 1
    assert assets["Holding My Number (特定個人情報)"] == 1
    assert assets["Kept past the retention date"] == 1
    media = next(c for c in snapshot.section("assets").charts if c.kind == "bar")
    assert dict(zip(media.labels, media.values, strict=True))["Paper documents"] == 2
    controls = snapshot.section("controls")
    rate = controls.kpis[0]
    assert rate.value == 50.0 and rate.status == "bad"  # T01 of T01 and P04; E02 not applicable
    assert {k.label: k.value for k in controls.kpis}["Gaps past their due date"] == 1
    gaps = controls.tables[1]
    assert [row[0] for row in gaps.rows] == ["P04"]
    organisation = {k.label: k for k in snapshot.section("organisation").kpis}
    assert organisation["Staff"].value == 4
    assert organisation["Privacy officer (個人情報保護管理者)"].value == "appointed"
    assert organisation["Departments with a manager"].value == 50.0


def test_empty_workspace_sections_say_so(workspace) -> None:
    snapshot = _build(workspace.conn)
    assert [s.key for s in snapshot.sections] == SECTION_KEYS
    for section in snapshot.sections:
        assert section.empty, section.key
        assert not section.kpis and not section.tables and not section.charts
    assert "fiscal year 2026" in snapshot.section("training").empty


def test_report_language_is_independent_of_the_ui_language(co_op) -> None:
    conn, _people = co_op
    english, japanese = _build(conn, "en"), _build(conn, "ja")
    assert japanese.language == "ja" and japanese.period_label.startswith("2026年度")
    assert english.period_label == "Fiscal year 2026 (2026-04-01 to 2027-03-31)"
    assert "正職員" in [row[0] for row in japanese.section("training").tables[0].rows]
    assert "Regular employee" in [row[0] for row in english.section("training").tables[0].rows]


def test_json_round_trip_and_hash(co_op) -> None:
    conn, _people = co_op
    snapshot = _build(conn)
    again = Snapshot.from_json(snapshot.to_json())
    assert again == snapshot
    assert again.content_hash() == snapshot.content_hash()
    rebuilt = _build(conn)  # generated later: same content, same hash
    assert rebuilt.content_hash() == snapshot.content_hash()
    assert len(snapshot.short_hash) == 12
    noted = replace(snapshot, narrative={"risk": "残留リスクの受容を付議します。"})
    assert noted.content_hash() != snapshot.content_hash()
    assert _build(conn, sections=["risk"]).content_hash() != snapshot.content_hash()
    assert [s.key for s in _build(conn, sections=["training", "risk"]).sections] == [
        "risk",
        "training",
    ]
    with pytest.raises(KeyError):
        _build(conn, sections=["no_such_chapter"])
    incidents = _build(conn, sections=["incidents"]).section("incidents")
    assert not incidents.recorded and "does not record this area yet" in incidents.empty


def test_save_load_and_narrative(co_op) -> None:
    conn, _people = co_op
    snapshot = _build(conn, narrative={"training": "未受講者へのフォローを実施"})
    report_id = save_report(conn, snapshot, user="officer")
    stored = load_report(conn, report_id)
    assert stored == snapshot
    assert stored.content_hash() == snapshot.content_hash()
    assert stored.to_json() == snapshot.to_json()
    [info] = list_reports(conn)
    assert (info.id, info.period_start, info.language) == (report_id, date(2026, 4, 1), "en")
    assert info.content_hash == snapshot.content_hash()
    updated = set_narrative(conn, report_id, {"risk": "受容を付議", "training": " "})
    assert updated.narrative == {"risk": "受容を付議"}
    assert updated.content_hash() != snapshot.content_hash()
    assert load_report(conn, report_id).content_hash() == updated.content_hash()
    assert list_reports(conn)[0].content_hash == updated.content_hash()
    actions = [(e.action, e.register) for e in iter_entries(conn) if e.register == "board_reports"]
    assert actions == [("insert", "board_reports"), ("update", "board_reports")]
    assert verify_workspace(conn).ok
    # changing the data later does not change the stored report
    _add(conn, ASSETS, asset_no="A003", name="新しい台帳", owner_department=1)
    assert load_report(conn, report_id).content_hash() == updated.content_hash()


def test_tampered_or_missing_report_is_refused(co_op) -> None:
    conn, _people = co_op
    report_id = save_report(conn, _build(conn))
    conn.execute("UPDATE board_report SET snapshot = replace(snapshot, '組合員台帳', 'X')")
    with pytest.raises(ReportNotFoundError, match="content hash"):
        load_report(conn, report_id)
    with pytest.raises(ReportNotFoundError):
        load_report(conn, 999)


def test_custom_period_and_previous_period(co_op) -> None:
    conn, _people = co_op
    half = date_range_period(conn, date(2026, 4, 1), date(2026, 9, 30), "en")
    assert half.fiscal_year is None and half.label == "2026-04-01 to 2026-09-30"
    before = previous_period(conn, half, "en")
    assert (before.start, before.end) == (date(2025, 9, 30), date(2026, 3, 31))
    whole = date_range_period(conn, date(2026, 4, 1), date(2027, 3, 31), "en")
    assert whole.fiscal_year == 2026
    snapshot = build_snapshot(conn, half, language="en", today=TODAY)
    assert snapshot.period_end == "2026-09-30"
    # the risk assessment of 2026-05-01 is inside; before it, no previous figures exist
    assert _kpi(snapshot, "risk", "Risk items assessed").previous is None


def test_demo_workspace_report(tmp_path: Path) -> None:
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace

    with build_demo_workspace(tmp_path / "demo.mamori", DEMO_PASSPHRASE, today=TODAY) as ws:
        conn = ws.conn
        snapshot = build_snapshot(
            conn, fiscal_year_period(conn, 2026, "ja"), language="ja", today=TODAY
        )
        assert snapshot.organisation and snapshot.author
        assert [s.key for s in snapshot.sections] == SECTION_KEYS
        recorded = [s for s in snapshot.sections if s.recorded]
        assert [s.key for s in recorded] == RECORDED_KEYS
        assert all(not s.empty and s.kpis and s.summary for s in recorded)
        assert all(s.empty and not s.kpis for s in snapshot.sections if not s.recorded)
        assert all(k.definition for s in snapshot.sections for k in s.kpis)
        coverage = compute_coverage(conn, 2026, today=TODAY)
        assert snapshot.section("training").kpis[0].value == round(
            coverage.overall.completed * 100 / coverage.overall.in_scope, 1
        )
        inherent, _residual = heat_maps(conn)
        assert sum(map(sum, snapshot.section("risk").charts[0].matrix)) == inherent.total
        report_id = save_report(conn, snapshot)
        assert load_report(conn, report_id).content_hash() == snapshot.content_hash()
        assert verify_workspace(conn).ok


def test_cli_period_arguments(co_op, capsys) -> None:
    import argparse

    from app.board.cli import ReportCliError, resolve_period

    conn, _people = co_op

    def args(**values):
        base = {"period": None, "date_from": None, "date_to": None, "report_lang": "en"}
        return argparse.Namespace(**{**base, **values})

    assert resolve_period(conn, args(), TODAY).fiscal_year == 2026
    assert resolve_period(conn, args(period=2025), TODAY).start == date(2025, 4, 1)
    custom = resolve_period(conn, args(date_from="2026/4/1", date_to="令和8年9月30日"), TODAY)
    assert (custom.start, custom.end) == (date(2026, 4, 1), date(2026, 9, 30))
    with pytest.raises(ReportCliError):
        resolve_period(conn, args(date_from="2026-04-01"), TODAY)
    with pytest.raises(ReportCliError):
        resolve_period(conn, args(date_from="2026-09-01", date_to="2026-04-01"), TODAY)


@pytest.mark.parametrize(
    ("fmt", "module"), [("pdf", "reports.pdf_report"), ("xlsx", "reports.xlsx_report")]
)
def test_cli_writes_the_report(tmp_path, monkeypatch, capsys, fmt, module) -> None:
    pytest.importorskip(module)
    from app.cli import main
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace

    path = tmp_path / "demo.mamori"
    build_demo_workspace(path, DEMO_PASSPHRASE, people=60, today=TODAY).close()
    monkeypatch.setenv("MAMORI_PASSPHRASE", DEMO_PASSPHRASE)
    out = tmp_path / f"board.{fmt}"
    code = main(["--workspace", str(path), "report", "board", "--period", "2026",
                 "--format", fmt, "--lang", "en", "--out", str(out)],
                renderers=RENDERERS)  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert out.stat().st_size > 0
    assert "content hash" in capsys.readouterr().out
