"""The first-run guide follows an empty workspace through the order that works."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.assets.registers import ASSETS, PURPOSES
from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.i18n import set_language
from app.registers.records import create_record, update_record
from app.setup_guide import StepState, setup_complete, setup_steps
from app.storage.workspace import Workspace

ORDER = [
    "organisation",
    "departments",
    "people",
    "officer",
    "purposes",
    "assets",
    "risk",
    "training",
]


def states(workspace: Workspace) -> dict[str, StepState]:
    return {step.key: step.state for step in setup_steps(workspace.conn)}


def test_the_steps_come_in_the_order_that_works(workspace: Workspace) -> None:
    assert [step.key for step in setup_steps(workspace.conn)] == ORDER


def test_a_fresh_workspace_named_at_creation_starts_at_departments(workspace: Workspace) -> None:
    got = states(workspace)
    assert got["organisation"] is StepState.DONE  # named テスト生活協同組合 when created
    assert got["departments"] is StepState.NEXT
    assert all(got[key] is StepState.LATER for key in ORDER[2:])


@pytest.mark.parametrize("language", ["en", "ja"])
def test_an_unnamed_organisation_is_the_first_step(tmp_path, passphrase, language) -> None:
    set_language(language)  # the placeholder name is stored in the language of the creator
    with Workspace.create(tmp_path / "blank.mamori", passphrase) as blank:
        set_language("en")
        assert states(blank)["organisation"] is StepState.NEXT
        update_record(blank.conn, ORGANISATION, 1, {"name": "生活協同組合みどり"})
        assert states(blank)["organisation"] is StepState.DONE


def test_each_record_moves_the_guide_on(workspace: Workspace) -> None:
    conn = workspace.conn
    department = create_record(conn, DEPARTMENTS, {"code": "HQ", "name": "本部"}).record_id
    assert states(workspace)["people"] is StepState.NEXT
    person = create_record(
        conn,
        PEOPLE,
        {"staff_no": "001", "name": "山田 花子", "employment_type": "regular"},
    ).record_id
    assert states(workspace)["officer"] is StepState.NEXT
    update_record(conn, ORGANISATION, 1, {"privacy_officer": person})
    assert states(workspace)["purposes"] is StepState.NEXT
    purpose = create_record(conn, PURPOSES, {"code": "P1", "text": "商品の供給"}).record_id
    assert states(workspace)["assets"] is StepState.NEXT
    assert department and purpose
    steps = setup_steps(conn)
    assert not setup_complete(steps)
    assert next(s for s in steps if s.key == "people").count == 1


def test_the_demo_co_op_is_set_up(tmp_path) -> None:
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace

    with build_demo_workspace(
        tmp_path / "d.mamori", DEMO_PASSPHRASE, people=30, today=date(2026, 12, 4)
    ) as demo:
        assert setup_complete(setup_steps(demo.conn))
    assert ASSETS.key == "assets"
