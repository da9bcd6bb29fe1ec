"""Multi-link fields (link tables with real foreign keys) and what schema upgrades promise:
codes kept as text in schema 4 become links (audited), a purpose in use cannot be deleted, and a
column an upgrade adds with a default is not reported by ``verify`` as changed outside Mamori."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import sqlcipher3

from app.areas.assets.registers import ASSETS, PURPOSES, RISK_ITEMS
from app.areas.organisation.registers import PEOPLE
from app.errors import RecordInUseError, ValidationError
from app.registers.fields import Field
from app.registers.query import Filter, ListQuery, compile_query
from app.registers.records import (
    create_record,
    delete_record,
    find_by_human_key,
    load_record,
    update_record,
)
from app.storage import migrations
from app.storage.audit import iter_entries
from app.storage.migrations import Migration
from app.storage.rebuild import group_by_table
from app.storage.workspace import Workspace
from app.verify import verify_workspace

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def v4(tmp_path: Path) -> Workspace:
    copy = tmp_path / "v4.mamori"
    shutil.copyfile(DATA / "db_v4" / "workspace.mamori", copy)
    with Workspace.open(copy, "mamori-fixture-v4") as ws:
        yield ws


def ids(conn, table: str, *codes: str) -> list[int]:
    return [
        conn.execute(f"SELECT id FROM {table} WHERE code = ?", (c,)).fetchone()[0] for c in codes
    ]


def test_codes_of_schema_4_become_audited_links(v4: Workspace) -> None:
    conn = v4.conn
    members = find_by_human_key(conn, ASSETS, "A001")
    assert load_record(conn, ASSETS, members)["purposes"] == ids(
        conn, "purpose_of_use", "P01", "P02"
    )
    item = conn.execute("SELECT id FROM risk_item WHERE phase = 'store'").fetchone()[0]
    assert load_record(conn, RISK_ITEMS, item)["implemented_controls"] == ids(
        conn, "control", "T01"
    )
    (entry,) = [e for e in iter_entries(conn, "WHERE register = 'assets' AND record_id = ?",
                                        (members,)) if e.os_user == "mamori-upgrade"]  # fmt: skip
    assert entry.before_values()["purposes"] == "P01, P02"
    assert entry.after_values()["purposes"] == ids(conn, "purpose_of_use", "P01", "P02")
    upgrade = next(e for e in iter_entries(conn, "WHERE action = 'upgrade'"))
    assert json.loads(upgrade.detail)["from"] == 4
    assert verify_workspace(conn).ok


def test_a_purpose_in_use_cannot_be_deleted(v4: Workspace) -> None:
    conn = v4.conn
    (p01,) = ids(conn, "purpose_of_use", "P01")
    with pytest.raises(RecordInUseError) as info:
        delete_record(conn, PURPOSES, p01)
    assert "Asset register (1)" in str(info.value)
    with pytest.raises(sqlcipher3.IntegrityError):  # the link table's foreign key holds too
        conn.execute("DELETE FROM purpose_of_use WHERE id = ?", (p01,))
    # an unrelated edit of the asset is not refused (it was, with text codes, once P01 had gone)
    members = find_by_human_key(conn, ASSETS, "A001")
    update_record(conn, ASSETS, members, {"notes": "見直し済み"})
    assert verify_workspace(conn).ok


def test_links_are_typed_as_codes_filtered_listed_and_deleted_with_their_owner(
    v4: Workspace,
) -> None:
    conn = v4.conn
    p02, p08 = ids(conn, "purpose_of_use", "P02", "P08")
    with pytest.raises(ValidationError) as info:
        create_record(conn, ASSETS, {"asset_no": "A9", "name": "x", "owner_department": 1,
                                     "purposes": "P08, P99"})  # fmt: skip
    assert "P99" in info.value.errors["purposes"]
    new = create_record(conn, ASSETS, {"asset_no": "A3", "name": "職員名簿",
                                       "owner_department": 1, "purposes": "P08、P02"}).record_id  # fmt: skip
    assert load_record(conn, ASSETS, new)["purposes"] == [p08, p02]  # in the order given
    query = ListQuery(filters=(Filter("purposes", p08),))
    columns = [ASSETS.field("asset_no"), ASSETS.field("purposes")]
    assert compile_query(ASSETS, query, columns).page(conn, 0, 10) == [(new, "A3", "P08, P02")]
    delete_record(conn, ASSETS, new)
    assert (
        conn.execute("SELECT count(*) FROM asset_purposes WHERE owner_id = ?", (new,)).fetchone()[0]
        == 0
    )
    delete_record(conn, PURPOSES, p08)  # no longer in use
    assert verify_workspace(conn).ok


def test_verify_sees_a_link_changed_outside_mamori(v4: Workspace) -> None:
    conn = v4.conn
    (p08,) = ids(conn, "purpose_of_use", "P08")
    members = find_by_human_key(conn, ASSETS, "A001")
    conn.execute("INSERT INTO asset_purposes VALUES (?, ?, 9)", (members, p08))
    report = verify_workspace(conn)
    assert [p.check for p in report.problems] == ["records"]
    assert "purposes" in report.problems[0].message


def test_a_column_added_with_a_default_is_not_reported_as_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later version adds person.phone DEFAULT 'none' by rebuilding to its frozen schema."""
    copy = tmp_path / "v5.mamori"
    shutil.copyfile(DATA / "db_v5" / "workspace.mamori", copy)
    grown = replace(PEOPLE, fields=(*PEOPLE.fields, Field("phone", "Phone", default="none")))
    schema = list(migrations.LATEST_SCHEMA)
    (index,) = [i for i, s in enumerate(schema) if s.startswith("CREATE TABLE person (")]
    schema[index] = schema[index].replace(
        "    notes TEXT,", "    notes TEXT,\n    phone TEXT DEFAULT 'none',"
    )
    assert "person" in group_by_table(tuple(schema))
    step = Migration(migrations.SCHEMA_VERSION + 1, "person: phone", rebuild=tuple(schema),
                     register_tables={"person": "people"})  # fmt: skip
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, step))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", step.version)
    import app.verify

    monkeypatch.setattr(
        app.verify, "all_registers", lambda: [grown if d.key == "people" else d
                                              for d in app.registers.registry.all_registers()]
    )  # fmt: skip
    with Workspace.open(copy, "mamori-fixture-v5") as ws:
        conn = ws.conn
        assert {row[0] for row in conn.execute("SELECT DISTINCT phone FROM person")} == {"none"}
        upgrade = [e for e in iter_entries(conn, "WHERE action = 'upgrade'")][-1]
        # (step 8 also adds the organisation's retention years, with their defaults)
        assert json.loads(upgrade.detail)["added"]["people"] == {"phone": "none"}
        report = verify_workspace(conn)
        assert report.ok, [p.message for p in report.problems]
        # the default is expected only where the upgrade filled it in
        conn.execute("UPDATE person SET phone = '03-1234-5678' WHERE staff_no = '00001'")
        problems = verify_workspace(conn).problems
        assert len(problems) == 1 and "phone" in problems[0].message


def test_a_risk_item_names_its_assessment_by_asset_and_date(v4: Workspace) -> None:
    from app.areas.assets.registers import RISK_ASSESSMENTS
    from app.registers.query import link_choices

    conn = v4.conn
    label = "A001 組合員台帳 / 2025/10/01"
    (assessment,) = [row[0] for row in conn.execute("SELECT id FROM risk_assessment")]
    assert link_choices(conn, RISK_ASSESSMENTS) == [(assessment, label)]  # the filter's options
    query = ListQuery(filters=(Filter("assessment", assessment),))
    rows = compile_query(RISK_ITEMS, query, [RISK_ITEMS.field("assessment")]).page(conn, 0, 10)
    assert [row[1] for row in rows] == [label, label]
    assert link_choices(conn, PURPOSES, limit=1) is None  # too many for a filter


def test_field_groups_head_the_xlsx_export(v4: Workspace, tmp_path: Path) -> None:
    import openpyxl

    from app.registers.export import export_register

    export_register(v4.conn, ASSETS, "xlsx", tmp_path / "assets.xlsx", language="ja")
    sheet = openpyxl.load_workbook(tmp_path / "assets.xlsx").active
    assert sheet.cell(1, 1).value == "基本情報"
    assert sheet.cell(2, 1).value == "台帳番号"
    # five fields, and the codes of the two linked records (department, person) beside them
    assert "A1:G1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [sheet.cell(row, 1).value for row in (3, 4)] == ["A001", "A002"]


def test_json_export_names_links_by_their_keys(v4: Workspace, tmp_path: Path) -> None:
    from app.registers.export import export_register

    export_register(v4.conn, RISK_ITEMS, "json", tmp_path / "items.json")
    rows = json.loads((tmp_path / "items.json").read_text(encoding="utf-8"))
    assert {row["assessment"] for row in rows} == {"A001 組合員台帳 / 2025/10/01"}
    assert [row["implemented_controls"] for row in rows] == [["T01"], None]
    export_register(v4.conn, ASSETS, "json", tmp_path / "assets.json")
    assets = json.loads((tmp_path / "assets.json").read_text(encoding="utf-8"))
    assert [a["purposes"] for a in assets] == [["P01", "P02"], ["P02"]]
