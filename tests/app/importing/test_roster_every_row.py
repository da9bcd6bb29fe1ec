"""A roster of one training often has no programme or date column: the officer gives them once
(the wizard's "for every row" box, or ``import-roster --programme --date``) and every row gets them.
Counts read "to add" before anything is written and "added" after."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from app.areas.organisation.registers import PEOPLE
from app.areas.training.roster_import import RosterImportSpec
from app.cli import build_parser, run_command
from app.errors import ValidationError
from app.i18n import set_language
from app.importing import register_import  # noqa: F401  (registers its count labels)
from app.importing.engine import load_for_import
from app.importing.spec import count_label
from app.jobs import never_cancelled, no_progress
from app.registers.records import create_record
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


def roster_without_programme(path: Path, *, with_date: bool) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["個人情報保護研修 受講者名簿"])
    sheet.append(["職員番号", "氏名", *(["受講日"] if with_date else []), "点数"])
    sheet.append(["00012", "山田 花子", *(["令和8年6月10日"] if with_date else []), 90])
    sheet.append(["00013", "髙橋 美咲", *(["R8.6.11"] if with_date else []), 75])
    book.save(path)
    return path


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    for staff_no, name in (("00012", "山田 花子"), ("00013", "髙橋 美咲")):
        create_record(
            workspace.conn,
            PEOPLE,
            {"staff_no": staff_no, "name": name, "employment_type": "parttime"},
        )
    return workspace


def test_without_the_values_the_columns_are_missing(ws: Workspace, tmp_path: Path) -> None:
    file = roster_without_programme(tmp_path / "r.xlsx", with_date=False)
    prepared = load_for_import(file, RosterImportSpec(), conn=ws.conn)
    try:
        assert {target.key for target in prepared.missing} == {"course", "held_on"}
    finally:
        prepared.workbook.close()


def test_one_programme_and_date_for_every_row(ws: Workspace, tmp_path: Path) -> None:
    file = roster_without_programme(tmp_path / "r.xlsx", with_date=False)
    spec = RosterImportSpec(
        every_row={"course": "年次個人情報保護教育", "held_on": "令和8年6月8日"}
    )
    prepared = load_for_import(file, spec, conn=ws.conn)
    try:
        assert prepared.missing == []
        plan = spec.plan(ws.conn, prepared.rows, file=file, sheet=prepared.table.sheet)
    finally:
        prepared.workbook.close()
    assert not plan.errors, plan.errors
    assert plan.counts["attendance_added"] == 2
    assert plan.counts["programmes_created"] == 1
    spec.apply(ws.conn, plan, progress=no_progress, cancelled=never_cancelled)
    rows = ws.conn.execute(
        "SELECT p.title, s.held_on FROM training_attendance a "
        "JOIN training_session s ON s.id = a.session_id "
        "JOIN training_programme p ON p.id = s.programme_id"
    ).fetchall()
    assert rows == [("年次個人情報保護教育", "2026-06-08")] * 2


def test_the_file_s_own_dates_win_over_the_one_for_every_row(ws: Workspace, tmp_path: Path) -> None:
    file = roster_without_programme(tmp_path / "r.xlsx", with_date=True)
    spec = RosterImportSpec(every_row={"course": "年次教育", "held_on": "2026/01/01"})
    prepared = load_for_import(file, spec, conn=ws.conn)
    try:
        plan = spec.plan(ws.conn, prepared.rows, file=file, sheet=None)
    finally:
        prepared.workbook.close()
    spec.apply(ws.conn, plan, progress=no_progress, cancelled=never_cancelled)
    held = [row[0] for row in ws.conn.execute("SELECT held_on FROM training_session ORDER BY 1")]
    assert held == ["2026-06-10", "2026-06-11"]


def test_a_bad_date_for_every_row_is_refused_by_name() -> None:
    with pytest.raises(ValidationError) as caught:
        RosterImportSpec(every_row={"held_on": "6月の終わり頃"})
    assert set(caught.value.errors) == {"held_on"}


def test_only_programme_and_date_can_be_given_for_every_row() -> None:
    with pytest.raises(KeyError):
        RosterImportSpec(every_row={"staff_no": "00012"})


def test_the_command_line_takes_programme_and_date(
    ws: Workspace, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ws.path
    ws.close()
    monkeypatch.setenv("MAMORI_PASSPHRASE", PASSPHRASE)
    file = roster_without_programme(tmp_path / "r.xlsx", with_date=False)
    args = ["--lang", "en", "--workspace", str(path), "import-roster", str(file)]
    code = run_command(build_parser().parse_args([*args, "--dry-run"]))
    assert code != 0
    assert "no column found" in capsys.readouterr().err
    code = run_command(
        build_parser().parse_args(
            [*args, "--programme", "年次個人情報保護教育", "--date", "R8.6.8", "--json"]
        )
    )
    summary = json.loads(capsys.readouterr().out)
    assert code == 0 and summary["written"] is True
    assert summary["counts"]["attendance_added"] == 2
    code = run_command(build_parser().parse_args([*args, "--date", "昨日ごろ"]))
    assert code != 0
    assert "--date" in capsys.readouterr().err


def test_counts_speak_in_the_future_before_writing_and_in_the_past_after() -> None:
    set_language("ja")
    try:
        assert count_label("attendance_added", planned=True).endswith("追加します")
        assert count_label("attendance_added", planned=False) == "受講記録を追加しました"
        assert count_label("people_matched", planned=True) == count_label(
            "people_matched", planned=False
        )
    finally:
        set_language("en")
    assert count_label("created", planned=True) == "Records to create"
