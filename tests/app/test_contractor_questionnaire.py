"""The contractor questionnaire on the round trip: sent pre-filled with last time's answers,
returned as contractors really fill it in, compared field by field, decided answer by answer,
and recorded as an evaluation with its score and result."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.areas import import_specs
from app.areas.contractors.questionnaire import (
    KIND,
    ImprovementDraft,
    create_evaluation,
    export_questionnaire,
    read_questionnaire,
)
from app.areas.contractors.registers import CONTRACTORS, EVALUATIONS
from app.importing.flow import ImportFlow
from app.importing.round_trip import (
    ANSWER_SHEET,
    FIRST_ITEM_ROW,
    RoundTripError,
    accepted_answers,
    decide,
)
from app.registers.children import save_with_children
from app.registers.records import create_record, load_record
from app.storage.audit import iter_entries
from app.verify import verify_workspace

CODES = itertools.count(10)


def row_of(number: int) -> int:
    return FIRST_ITEM_ROW + number - 1


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    from app.storage.workspace import Workspace

    ws = Workspace.create(tmp_path_factory.mktemp("q") / "q.mamori", "questionnaire-passphrase-1")
    yield ws
    ws.close()


@pytest.fixture
def workspace(shared):
    return shared


@pytest.fixture
def evaluated(workspace) -> int:
    """A contractor evaluated last year: every item 2 except item 12 (1) and 16 (0)."""
    conn = workspace.conn
    contractor = create_record(conn, CONTRACTORS, {"code": f"K{next(CODES)}", "name": "コープ配送サービス株式会社",
                                                   "service_category": "delivery",
                                                   "data_volume": "gt_50000", "certification": "pmark"}).record_id  # fmt: skip
    scores = {12: 1, 16: 0}
    rows = [(None, {"item": f"c{n:02d}", "score": scores.get(n, 2),
                    "evidence": "Pマーク 第12345678号" if n == 1 else None}) for n in range(1, 24)]  # fmt: skip
    save_with_children(conn, EVALUATIONS, None, {"contractor": contractor, "eval_type": "periodic",
                       "evaluated_on": "2025-11-01"}, {"evaluation_answers": rows})  # fmt: skip
    return contractor


def returned_file(path: Path, answers: dict[int, object], notes: dict[int, str] | None = None):
    book = openpyxl.load_workbook(path)
    sheet = book[ANSWER_SHEET]
    for number, value in answers.items():
        sheet[f"D{row_of(number)}"] = value
    for number, note in (notes or {}).items():
        sheet[f"E{row_of(number)}"] = note
    sheet["C4"] = "総務部 佐藤"
    sheet["C5"] = "2026/11/20"
    book.save(path)


def test_the_questionnaire_goes_out_prefilled_with_last_answers(workspace, evaluated, tmp_path):
    path = export_questionnaire(workspace.conn, evaluated, tmp_path / "K010.xlsx")
    sheet = openpyxl.load_workbook(path)[ANSWER_SHEET]
    assert sheet["A1"].value == "委託先評価票（自己評価）"
    assert "コープ配送サービス株式会社" in sheet["A2"].value
    assert sheet[f"C{row_of(1)}"].value.startswith("個人情報保護に関する第三者認証")
    assert sheet[f"D{row_of(12)}"].value == "1 一部できている"
    assert sheet[f"E{row_of(1)}"].value == "Pマーク 第12345678号"
    assert sheet[f"C{row_of(23)}"].value == "反社会的勢力排除・経営安定性"
    assert any(
        e.action == "export" and e.register == "contractors" for e in iter_entries(workspace.conn)
    )


def test_a_realistic_return_becomes_an_evaluation_from_the_accepted_answers(
    workspace, evaluated, tmp_path
):
    conn = workspace.conn
    path = export_questionnaire(conn, evaluated, tmp_path / "K010.xlsx")
    returned_file(
        path, {12: "○", 16: "△", 3: "２", 20: "×", 21: "はい"}, {16: "再委託先は1社、事前承認済"}
    )
    result = read_questionnaire(conn, evaluated, path)
    changes = {d.item.number: d.change for d in result.diffs if d.change != "same"}
    assert changes == {12: "changed", 16: "changed", 20: "changed"}
    assert {d.item.number: d.after.value for d in result.diffs if d.change == "changed"} == {
        12: 2,
        16: 1,
        20: 0,
    }
    decide(result.diffs, "c20", False)  # the officer does not believe item 20 got worse
    answers = accepted_answers(result.diffs)
    created = create_evaluation(
        conn, evaluated, answers, evaluated_on=result.returned.answered_on,
        source_file=path.name,
        improvements=[ImprovementDraft("c16", "再委託先の管理状況を報告", date(2027, 2, 28))],
    )  # fmt: skip
    evaluation = load_record(conn, EVALUATIONS, created.record_id)
    assert evaluation["evaluated_on"] == date(2026, 11, 20)
    assert evaluation["methods"] == ["questionnaire"] and evaluation["source_file"] == "K010.xlsx"
    assert (evaluation["score"], evaluation["max_score"]) == (45, 46)  # item 16 now 1
    assert evaluation["result"] == "a"
    stored = dict(conn.execute(
        "SELECT item, score FROM contractor_evaluation_answer WHERE evaluation_id = ?",
        (created.record_id,)).fetchall())  # fmt: skip
    assert (stored["c12"], stored["c16"], stored["c20"]) == (2, 1, 2)
    requests = conn.execute(
        "SELECT count(*) FROM contractor_improvement WHERE evaluation_id = ?", (created.record_id,)
    )
    assert requests.fetchone()[0] == 1
    open_rules = {r[0] for r in conn.execute("SELECT rule FROM deadline WHERE status = 'open'")}
    assert {"C-CONTRACTOR", "C-IMPROVEMENT"} <= open_rules
    assert verify_workspace(conn).ok


def test_another_contractors_return_is_refused(workspace, evaluated, tmp_path):
    other = create_record(workspace.conn, CONTRACTORS, {"code": "K011", "name": "印刷株式会社"})
    path = export_questionnaire(workspace.conn, other.record_id, tmp_path / "K011.xlsx")
    with pytest.raises(RoundTripError, match=r"K011\.xlsx.*K011 印刷株式会社.*コープ配送サービス"):
        read_questionnaire(workspace.conn, evaluated, path)


def test_a_return_through_file_import(workspace, evaluated, tmp_path):
    conn = workspace.conn
    path = export_questionnaire(conn, evaluated, tmp_path / "返送.xlsx")
    returned_file(path, {16: "2"})
    spec = next(spec for spec in import_specs() if spec.key == KIND)
    flow = ImportFlow([spec])
    flow.take_file(*flow.reader(path)(lambda *_: None, lambda: False), conn)
    plan = flow.check(conn)
    assert plan.counts["answers_changed"] == 1 and not plan.errors
    flow.run_import(conn)
    flow.close()
    latest = conn.execute(
        "SELECT id, source_file FROM contractor_evaluation ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert latest[1] == "返送.xlsx"
    assert load_record(conn, EVALUATIONS, latest[0])["score"] == 45  # item 12 still 1


def test_a_return_from_the_command_line(tmp_path, monkeypatch, capsys):
    import json as json_module

    from app.cli import main
    from app.storage.workspace import Workspace

    path = tmp_path / "cli.mamori"
    with Workspace.create(path, "cli-questionnaire-pass-1") as ws:
        contractor = create_record(ws.conn, CONTRACTORS, {"code": "K900", "name": "CLI株式会社"})
        sent = export_questionnaire(ws.conn, contractor.record_id, tmp_path / "k900.xlsx")
    returned_file(sent, {n: "○" for n in range(1, 24)} | {5: "×"})
    monkeypatch.setenv("MAMORI_PASSPHRASE", "cli-questionnaire-pass-1")
    code = main(["--workspace", str(path), "import", KIND, str(sent), "--json"])
    assert code == 0, capsys.readouterr()
    summary = json_module.loads(capsys.readouterr().out)
    assert summary["counts"]["answers_new"] == 23
    with Workspace.open(path, "cli-questionnaire-pass-1") as ws:
        (score, result) = ws.conn.execute(
            "SELECT score, result FROM contractor_evaluation"
        ).fetchone()
    assert (score, result) == (44, "a")
