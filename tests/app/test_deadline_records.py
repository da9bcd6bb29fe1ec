"""Deadline records: made and recomputed with their subject in one transaction, audited, shown,
exported, imported holiday tables, the migration from schema 4, the CLI and the board's KPIs."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from app.areas.assets.registers import ASSETS, RISK_ASSESSMENTS
from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION
from app.cli import EXIT_FAILED, EXIT_OK, main
from app.deadlines.holidays import HolidayImportError, load_calendar
from app.deadlines.listing import open_deadlines, overdue_count, timeliness
from app.deadlines.register import DEADLINES
from app.deadlines.store import import_holiday_csv
from app.errors import ValidationError
from app.registers.records import create_record, delete_record, update_record
from app.storage import migrations
from app.storage.workspace import Workspace
from app.verify import verify_workspace

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = date(2026, 6, 1)


def _add(conn, defn, **values) -> int:
    return create_record(conn, defn, values).record_id


def _deadlines(conn, rule: str, subject: int | None = None) -> list[tuple]:
    sql = (
        "SELECT subject_id, trigger_date, calendar_date, due_date, warn_from, status, done_at "
        "FROM deadline WHERE rule = ?"
    )
    params: tuple = (rule,)
    if subject is not None:
        sql += " AND subject_id = ?"
        params += (subject,)
    return conn.execute(sql + " ORDER BY id", params).fetchall()


@pytest.fixture
def dept(workspace) -> int:
    return _add(workspace.conn, DEPARTMENTS, code="HQ", name="本部")


def test_recording_a_register_review_moves_its_due_date(workspace, dept) -> None:
    conn = workspace.conn
    asset = _add(conn, ASSETS, asset_no="A1", name="組合員台帳", owner_department=dept,
                 last_reviewed=date(2025, 5, 1))  # fmt: skip
    assert _deadlines(conn, "C-REGISTER") == [
        (asset, "2025-05-01", "2026-05-01", "2026-05-01", "2026-04-01", "open", None)
    ]
    assert [row.subject_id for row in open_deadlines(conn, TODAY, within=0)] == [asset]
    changes = update_record(conn, ASSETS, asset, {"last_reviewed": date(2026, 5, 30)})
    assert "deadlines" in changes.registers
    # before: the asset stayed overdue with due 2026-05-01; now the old cycle is done on the
    # day of the review and the next is due a year later
    assert _deadlines(conn, "C-REGISTER") == [
        (asset, "2025-05-01", "2026-05-01", "2026-05-01", "2026-04-01", "done", "2026-05-30"),
        (asset, "2026-05-30", "2027-05-30", "2027-05-30", "2027-04-30", "open", None),
    ]
    row = conn.execute("SELECT next_review_due FROM asset WHERE id = ?", (asset,)).fetchone()
    assert row == ("2027-05-30",)
    assert overdue_count(conn, TODAY, ["C-REGISTER"]) == 0
    assert verify_workspace(conn).ok  # every deadline row matches its audit entries


def test_retention_until_follows_the_retention_period(workspace, dept) -> None:
    conn = workspace.conn
    asset = _add(conn, ASSETS, asset_no="A2", name="注文書", owner_department=dept,
                 usage_end=date(2025, 3, 31), retention_period="5年",
                 retention_until=date(2040, 1, 1))  # fmt: skip
    row = conn.execute("SELECT retention_until FROM asset WHERE id = ?", (asset,)).fetchone()
    assert row == ("2030-03-31",)  # derived, not the typed date
    assert _deadlines(conn, "R-DELETE")[0][3] == "2030-03-31"
    update_record(conn, ASSETS, asset, {"retention_period": "1年"})
    assert _deadlines(conn, "R-DELETE")[0][3] == "2026-03-31"  # recomputed in place
    update_record(conn, ASSETS, asset, {"disposed_on": date(2026, 4, 10)})
    assert _deadlines(conn, "R-DELETE")[0][5:] == ("done", "2026-04-10")
    assert _deadlines(conn, "C-REGISTER")[0][5] == "waived"


def test_risk_assessment_without_next_date_comes_due(workspace, dept) -> None:
    conn = workspace.conn
    asset = _add(conn, ASSETS, asset_no="A3", name="配送リスト", owner_department=dept)
    first = _add(conn, RISK_ASSESSMENTS, asset=asset, assessed_at=date(2024, 1, 10))
    # before: no next-review date meant no reminder at all
    [row] = _deadlines(conn, "C-RISK")
    assert row[:4] == (first, "2024-01-10", "2025-01-10", "2025-01-10")
    assert [r.rule for r in open_deadlines(conn, TODAY, within=0)].count("C-RISK") == 1
    second = _add(conn, RISK_ASSESSMENTS, asset=asset, assessed_at=date(2026, 5, 20),
                  next_review_due=date(2026, 11, 30))  # fmt: skip
    rows = {r[0]: r for r in _deadlines(conn, "C-RISK")}
    assert rows[first][5:] == ("done", "2026-05-20")  # the newer assessment completes it
    assert rows[second][2:4] == ("2026-11-30", "2026-11-30")  # its own earlier date is honoured
    with pytest.raises(ValidationError) as info:
        update_record(conn, RISK_ASSESSMENTS, second, {"next_review_due": date(2027, 6, 1)})
    assert "once a year" in info.value.errors["next_review_due"]


def test_pmark_renewal_deadline_follows_the_settings(workspace) -> None:
    conn = workspace.conn
    update_record(conn, ORGANISATION, 1, {"is_pmark_holder": True, "pmark_registration_no":
                                          "10820001", "pmark_expiry": date(2024, 12, 1)})  # fmt: skip
    assert _deadlines(conn, "R-PMARK-RENEW") == [
        (1, "2024-12-01", "2024-08-01", "2024-08-01", "2024-04-02", "open", None)
    ]
    update_record(conn, ORGANISATION, 1, {"pmark_expiry": date(2026, 12, 1)})  # renewed
    assert [r[5:] for r in _deadlines(conn, "R-PMARK-RENEW")] == [
        ("done", min(date(2026, 12, 1), date.today()).isoformat()),  # done when recorded
        ("open", None),
    ]
    update_record(conn, ORGANISATION, 1, {"is_pmark_holder": False})
    assert _deadlines(conn, "R-PMARK-RENEW")[-1][5] == "waived"


def test_deadline_status_is_edited_through_the_register(workspace, dept) -> None:
    conn = workspace.conn
    asset = _add(conn, ASSETS, asset_no="A4", name="名簿", owner_department=dept)
    deadline = conn.execute("SELECT id FROM deadline").fetchone()[0]
    with pytest.raises(ValidationError) as info:
        update_record(conn, DEADLINES, deadline, {"status": "waived"})
    assert "waive_reason" in info.value.errors
    update_record(conn, DEADLINES, deadline, {"status": "waived", "waive_reason": "統合により廃止"})
    delete_record(conn, ASSETS, asset)
    assert _deadlines(conn, "C-REGISTER")[0][5] == "waived"
    assert verify_workspace(conn).ok


def test_a_failed_save_leaves_no_deadline(workspace, dept) -> None:
    conn = workspace.conn
    before = conn.execute("SELECT count(*) FROM deadline").fetchone()[0]
    with pytest.raises(ValidationError):
        _add(conn, ASSETS, asset_no="A5", name="x", owner_department=dept,
             usage_end=date(2026, 1, 1), retention_until=date(2025, 1, 1))  # fmt: skip
    assert conn.execute("SELECT count(*) FROM deadline").fetchone()[0] == before


def _syukujitsu(path: Path, rows: list[tuple[str, str]]) -> Path:
    text = "国民の祝日・休日月日,国民の祝日・休日名称\r\n" + "".join(
        f"{day},{name}\r\n" for day, name in rows
    )
    path.write_bytes(text.encode("cp932"))
    return path


def test_holiday_csv_import_overrides_and_recomputes(workspace, tmp_path, dept) -> None:
    conn = workspace.conn
    update_record(conn, ORGANISATION, 1, {"is_pmark_holder": True, "pmark_registration_no": "1",
                                          "pmark_expiry": date(2027, 1, 22)})  # fmt: skip
    assert _deadlines(conn, "R-PMARK-RENEW")[0][3] == "2026-09-24"  # 9/22 国民の休日, 9/23 秋分
    import jpholiday

    rows = [(f"{d.year}/{d.month}/{d.day}", name) for d, name in jpholiday.year_holidays(2026)]
    rows.append(("2026/9/24", "臨時の休日"))
    csv = _syukujitsu(tmp_path / "syukujitsu.csv", rows)
    result = import_holiday_csv(conn, csv)
    assert (result.first_year, result.last_year) == (2026, 2026)
    assert [(d.isoformat(), b, i) for d, b, i in result.changed_days] == [
        ("2026-09-24", None, "臨時の休日")
    ]
    assert _deadlines(conn, "R-PMARK-RENEW")[0][3] == "2026-09-25"  # recomputed
    info = load_calendar(conn).info()
    assert info.imported and "syukujitsu.csv" in info.version
    assert (info.first_year, info.last_year) == (1955, 2099)
    assert verify_workspace(conn).ok


def test_bad_holiday_csv_names_the_row_and_changes_nothing(workspace, tmp_path) -> None:
    conn = workspace.conn
    bad = _syukujitsu(tmp_path / "bad.csv", [("2026/1/1", "元日"), ("2026/13/1", "?")])
    with pytest.raises(HolidayImportError) as info:
        import_holiday_csv(conn, bad)
    assert "bad.csv, row 3, 国民の祝日・休日月日" in str(info.value)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("date,name\n2026/1/1,元日\n", encoding="utf-8")
    with pytest.raises(HolidayImportError, match="first row"):
        import_holiday_csv(conn, wrong)
    assert conn.execute("SELECT count(*) FROM holiday_table").fetchone()[0] == 0


def test_v4_workspace_upgrades_with_deadlines_and_verifies(tmp_path: Path) -> None:
    copy = tmp_path / "v4.mamori"
    shutil.copyfile(DATA / "db_v4" / "workspace.mamori", copy)
    with Workspace.open(copy, "mamori-fixture-v4") as ws:
        conn = ws.conn
        assert ws.schema_version == migrations.SCHEMA_VERSION
        rows = dict(
            conn.execute(
                "SELECT rule || ' ' || coalesce(subject_label, ''), due_date FROM deadline "
                "WHERE status = 'open'"
            ).fetchall()
        )
        assert rows["R-PMARK-RENEW 生活協同組合フィクスチャ"] == "2026-11-30"  # expiry 2027-03-31
        assert rows["R-DELETE A001 組合員台帳"] == "2035-03-31"
        assert rows["C-REGISTER A001 組合員台帳"] == "2026-04-01"  # its typed review date kept
        c_risk = [due for label, due in rows.items() if label.startswith("C-RISK")]
        assert c_risk == ["2026-10-01"]  # assessed 2025-10-01, no next date
        refs = dict(conn.execute("SELECT code, jis2017_ref FROM control"))
        assert refs["P04"] == refs["T01"] == "A.3.4.3.2"
        assert refs["H07"] == refs["H09"] == "A.3.4.3.3"
        assert refs["B02"] == "A.3.3.5"
        new = dict(conn.execute("SELECT code, jis2023_ref FROM control"))
        assert (new["O05"], new["B01"], new["O16"]) == ("6.1", "5.2", "4.1 a)")
        empty = conn.execute("SELECT count(*) FROM control WHERE description IS NULL").fetchone()
        assert empty == (0,)
        assert verify_workspace(conn).ok
        # the data of schema 4 is all there
        assert conn.execute("SELECT count(*) FROM board_report").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM asset").fetchone() == (2,)


def test_calculator_cli(capsys) -> None:
    assert main(["deadline", "R-LEAK-FINAL-30", "--from", "2025-04-04", "--json"]) == EXIT_OK
    answer = json.loads(capsys.readouterr().out)
    assert list(answer) == ["rule", "from", "calendar_date", "due_date", "rolled", "reasons"]
    assert (answer["calendar_date"], answer["due_date"], answer["rolled"]) == (
        "2025-05-03",
        "2025-05-07",
        True,
    )
    assert main(["--lang", "ja", "deadline", "R-LEAK-FINAL-30", "--from", "令和7年4月4日"]) == 0
    text = capsys.readouterr().out
    assert "2025-05-06（火）みどりの日 振替休日" in text and "期限: 2025-05-07（水）" in text
    assert main(["deadline", "R-NOPE", "--from", "2025-04-04"]) == EXIT_FAILED
    assert "R-LEAK-FINAL-30" in capsys.readouterr().err
    assert main(["deadline", "R-DSR", "--from", "2025-13-01"]) == EXIT_FAILED


def test_deadlines_cli_lists_open_ones(tmp_path, monkeypatch, capsys) -> None:
    path = tmp_path / "w.mamori"
    monkeypatch.setenv("MAMORI_PASSPHRASE", "velvet-orchard-compass-88")
    with Workspace.create(path, "velvet-orchard-compass-88") as ws:
        dept = _add(ws.conn, DEPARTMENTS, code="HQ", name="本部")
        _add(ws.conn, ASSETS, asset_no="A1", name="台帳", owner_department=dept,
             last_reviewed=date(2025, 6, 10))  # fmt: skip
        _add(ws.conn, ASSETS, asset_no="A2", name="名簿", owner_department=dept,
             last_reviewed=date(2026, 1, 10))  # fmt: skip
    base = ["--workspace", str(path), "deadlines", "--json", "--today", "2026-06-01"]
    assert main([*base, "--within", "30"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert [(item["rule"], item["subject"], item["due_date"]) for item in listed] == [
        ("C-REGISTER", "A1 台帳", "2026-06-10")
    ]
    assert {"rule", "from", "calendar_date", "due_date", "rolled", "reasons"} <= set(listed[0])
    out = tmp_path / "d.xlsx"
    assert main([*base, "--out", str(out)]) == EXIT_OK
    assert len(json.loads(capsys.readouterr().out.split("\n]")[0] + "\n]")) == 2
    assert out.exists()


def test_timeliness_counts_on_time_late_and_overdue(workspace, dept) -> None:
    conn = workspace.conn
    on_time = _add(conn, ASSETS, asset_no="B1", name="a", owner_department=dept,
                   last_reviewed=date(2024, 5, 1))  # fmt: skip
    late = _add(conn, ASSETS, asset_no="B2", name="b", owner_department=dept,
                last_reviewed=date(2024, 6, 1))  # fmt: skip
    _add(conn, ASSETS, asset_no="B3", name="c", owner_department=dept,
         last_reviewed=date(2024, 7, 1))  # fmt: skip
    update_record(conn, ASSETS, on_time, {"last_reviewed": date(2025, 4, 20)})
    update_record(conn, ASSETS, late, {"last_reviewed": date(2025, 6, 15)})
    figures = timeliness(conn, date(2025, 4, 1), date(2026, 3, 31), rules=["C-REGISTER"])
    assert (figures.on_time, figures.late, figures.open_overdue) == (1, 1, 1)
    assert figures.on_time_share == pytest.approx(1 / 3)


def test_overdue_count_as_it_stood_on_a_past_day(workspace, dept) -> None:
    conn = workspace.conn
    asset = _add(conn, ASSETS, asset_no="C1", name="a", owner_department=dept,
                 last_reviewed=date(2024, 5, 1))  # fmt: skip
    update_record(conn, ASSETS, asset, {"last_reviewed": date(2025, 7, 1)})  # two months late
    assert overdue_count(conn, date(2025, 6, 1), ["C-REGISTER"]) == 1  # overdue then
    assert overdue_count(conn, date(2025, 8, 1), ["C-REGISTER"]) == 0  # reviewed since
    assert overdue_count(conn, date(2025, 6, 1), ["C-REGISTER"], subject_ids=[]) == 0


def test_board_report_counts_overdue_reviews_from_the_deadlines(workspace, dept) -> None:
    from app.board.report import build_snapshot, fiscal_year_period

    conn = workspace.conn
    _add(conn, ASSETS, asset_no="D1", name="未見直し", owner_department=dept)  # due +12 months
    _add(conn, ASSETS, asset_no="D2", name="見直し済", owner_department=dept,
         last_reviewed=date.today())  # fmt: skip
    conn.execute("UPDATE deadline SET due_date = '2020-01-01' WHERE subject_label LIKE 'D1%'")
    period = fiscal_year_period(conn, date.today().year, "en", as_of=date.today())
    kpis = {k.label: k.value for k in build_snapshot(conn, period, language="en").section(
        "assets").kpis}  # fmt: skip
    assert kpis["Register review overdue"] == 1


def test_shipped_controls_references_and_descriptions() -> None:
    from app.areas.assets.controls import shipped_controls

    controls = {item["code"]: item for item in shipped_controls()}
    assert len(controls) == 59
    assert all(item["description"] for item in controls.values())
    for code, item in controls.items():
        if item["category"] in ("physical", "technical"):
            assert item["jis2017_ref"] == "A.3.4.3.2", code  # 安全管理措置, not 内部規程
    assert controls["H07"]["jis2017_ref"] == controls["H09"]["jis2017_ref"] == "A.3.4.3.3"


def test_every_binding_names_a_rule_a_field_and_a_catalogued_register() -> None:
    from app.catalogues import shipped_catalogues
    from app.deadlines.bindings import bindings_for
    from app.deadlines.rules import all_rules
    from app.registers import all_registers

    subjects = next(c for c in shipped_catalogues() if c.code == "DEADLINE_SUBJECT")
    codes = {item.code for item in subjects.items}
    bound = 0
    for defn in all_registers():
        for binding in bindings_for(defn):
            bound += 1
            assert binding.register == defn.key and defn.key in codes
            assert binding.rule in all_rules()
            for key in (binding.trigger, *binding.fallback, binding.due_override,
                        binding.applies_when, binding.done_when, binding.ends_when,
                        binding.group_by):  # fmt: skip
                assert key is None or key == "created_at" or defn.has_field(key), key
    assert bound >= 4


def test_deadlines_are_recomputed_when_the_rules_data_changes(tmp_path) -> None:
    path = tmp_path / "rules.mamori"
    with Workspace.create(path, "velvet-orchard-compass-88") as ws:
        conn = ws.conn
        hq = _add(conn, DEPARTMENTS, code="HQ", name="本部")
        _add(conn, ASSETS, asset_no="R1", name="台帳", owner_department=hq,
             last_reviewed=date(2025, 6, 10))  # fmt: skip
        # as if computed by an older release whose C-REGISTER rule said 6 months
        conn.execute("UPDATE deadline SET calendar_date = '2025-12-10', due_date = '2025-12-10'")
        conn.execute("UPDATE meta SET value = 'older' WHERE key = 'deadline_rules_digest'")
        conn.commit()
    with Workspace.open(path, "velvet-orchard-compass-88") as ws:
        assert _deadlines(ws.conn, "C-REGISTER")[0][2:4] == ("2026-06-10", "2026-06-10")
        assert verify_workspace(ws.conn).ok


def test_deadline_rules_cli_lists_every_rule(capsys) -> None:
    from app.deadlines.rules import all_rules

    assert main(["deadline-rules", "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    assert [item["rule"] for item in listed] == list(all_rules())
    renew = next(item for item in listed if item["rule"] == "R-PMARK-RENEW")
    assert renew["calendar"] == "business" and renew["fixed_days"]


def test_verify_names_the_holiday_table(tmp_path, monkeypatch, capsys) -> None:
    path = tmp_path / "v.mamori"
    monkeypatch.setenv("MAMORI_PASSPHRASE", "velvet-orchard-compass-88")
    with Workspace.create(path, "velvet-orchard-compass-88"):
        pass
    assert main(["--lang", "ja", "--workspace", str(path), "verify"]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("OK")
    assert out[1] == "祝日表: jpholiday 1.0.3（1955〜2099 年）"


def test_v7_file_keeps_its_deadlines_and_holiday_table(tmp_path: Path) -> None:
    copy = tmp_path / "v7.mamori"
    shutil.copyfile(DATA / "db_v7" / "workspace.mamori", copy)
    with Workspace.open(copy, "mamori-fixture-v7") as ws:
        conn = ws.conn
        rows = {
            (rule, label): (due, status)
            for rule, label, due, status in conn.execute(
                "SELECT rule, subject_label, due_date, status FROM deadline"
            )
        }
        assert rows[("C-REGISTER", "A001 組合員台帳")] == ("2026-12-01", "open")
        assert rows[("R-DELETE", "A001 組合員台帳")] == ("2035-03-31", "waived")
        calendar = load_calendar(conn)
        assert calendar.holiday_name(date(2026, 9, 24)) == "臨時の休日"
        assert calendar.info().imported
        assert verify_workspace(conn).ok
