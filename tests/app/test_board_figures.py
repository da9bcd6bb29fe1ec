"""The board report's figures and generation: business dates, disposed assets, complete risk
decisions, one KPI definition with the dashboard and the Coverage page, the CLI's comments and
the audit of every generation, and the line breaking rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.areas.assets.registers import ASSETS, RISK_ASSESSMENTS, RISK_ITEMS
from app.areas.organisation.registers import DEPARTMENTS
from app.areas.training.coverage import compute_coverage, share_text
from app.board.comments import CommentsFileError, read_input
from app.board.report import build_snapshot, fiscal_year_period, save_report, set_narrative
from app.dashboard import gather
from app.registers.records import create_record, update_record
from app.storage.audit import iter_entries
from app.storage.database import write_transaction
from main import REPORT_RENDERERS
from reports.linebreak import CANNOT_END, CANNOT_START, break_lines

TODAY = date(2026, 11, 25)


def _kpi(snapshot, key: str, label: str):
    return next(k for k in snapshot.section(key).kpis if k.label == label)


def _add(conn, defn, **values) -> int:
    return create_record(conn, defn, values).record_id


def _build(conn, **kwargs):
    return build_snapshot(
        conn, fiscal_year_period(conn, 2026, "en"), language="en", today=TODAY, **kwargs
    )


def test_new_entries_count_by_the_business_date_in_japan(workspace) -> None:
    conn = workspace.conn
    store = _add(conn, DEPARTMENTS, code="ST", name="日吉店")
    april = _add(conn, ASSETS, asset_no="A1", name="組合員台帳", owner_department=store)
    march = _add(conn, ASSETS, asset_no="A2", name="配送リスト", owner_department=store)
    with write_transaction(conn):  # entered 08:30 JST on 1 April, 23:59 JST on 31 March
        conn.execute("UPDATE asset SET created_at = '2026-03-31T23:30:00+00:00' WHERE id = ?",
                     (april,))  # fmt: skip
        conn.execute("UPDATE asset SET created_at = '2026-03-31T14:59:00+00:00' WHERE id = ?",
                     (march,))  # fmt: skip
    snapshot = _build(conn, sections=["assets"])
    assert _kpi(snapshot, "assets", "New entries").value == 1
    assert _kpi(snapshot, "assets", "Assets in the register").value == 2


def test_risks_of_disposed_assets_and_incomplete_decisions(workspace) -> None:
    conn = workspace.conn
    store = _add(conn, DEPARTMENTS, code="ST", name="日吉店")
    kept = _add(conn, ASSETS, asset_no="A1", name="組合員台帳", owner_department=store)
    gone = _add(conn, ASSETS, asset_no="A2", name="旧システム", owner_department=store,
                disposed_on=date(2026, 5, 1))  # fmt: skip
    for asset in (kept, gone):
        assessment = _add(conn, RISK_ASSESSMENTS, asset=asset, assessed_at=date(2026, 4, 10))
        # score 9 -> 6, "reduce", no planned control and no due date: not a decision
        _add(conn, RISK_ITEMS, assessment=assessment, phase="store", threat="interception",
             inherent_impact=3, inherent_likelihood=3, residual_impact=3, residual_likelihood=2,
             treatment="reduce")  # fmt: skip
    snapshot = _build(conn, sections=["risk"])
    assert _kpi(snapshot, "risk", "Risk items assessed").value == 1  # the disposed asset's: out
    assert _kpi(snapshot, "risk", "High residual risks without a decision").value == 1
    assert _kpi(snapshot, "risk", "Treatment decided for high risks").value == 0.0
    assert _kpi(snapshot, "risk", "Treatment plans without a due date").value == 1
    (decision,) = snapshot.section("risk").decisions
    assert decision.kind == "risk_treatment" and decision.items[0].startswith("A1 組合員台帳")
    item = conn.execute("SELECT ri.id FROM risk_item ri JOIN risk_assessment ra "
                        "ON ra.id = ri.assessment_id WHERE ra.asset_id = ?", (kept,)).fetchone()[0]  # fmt: skip
    update_record(
        conn, RISK_ITEMS, item, {"planned_controls": "T01", "planned_due": date(2027, 1, 31)}
    )
    snapshot = _build(conn, sections=["risk"])
    assert _kpi(snapshot, "risk", "High residual risks without a decision").value == 0
    assert _kpi(snapshot, "risk", "Treatment plans without a due date").value == 0


def test_dashboard_coverage_page_and_report_agree(tmp_path: Path) -> None:
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace

    with build_demo_workspace(tmp_path / "d.mamori", DEMO_PASSPHRASE, people=120,
                              today=TODAY) as ws:  # fmt: skip
        conn = ws.conn
        snapshot = build_snapshot(conn, fiscal_year_period(conn, 2026, "en"), language="en",
                                  today=TODAY)  # fmt: skip
        items = gather(conn, TODAY)
        past = [i for i in items if i.rule == "R-DELETE"]
        past_count = sum(int(i.title.split()[0]) if i.record_id is None else 1 for i in past)
        assert _kpi(snapshot, "assets", "Kept past the retention date").value == past_count
        risky = [i for i in items if i.rule == "C-RISK" and "high risk" in i.title]
        risky_count = int(risky[0].title.split()[0]) if risky else 0
        assert _kpi(snapshot, "risk", "High residual risks without a decision").value == risky_count
        coverage = compute_coverage(conn, 2026, today=TODAY)
        completion = _kpi(snapshot, "training", "Training completion").value
        assert share_text(coverage.overall) == f"{completion:.0f}%"  # what the Coverage page shows


def test_cli_reuses_the_officers_comments_and_audits_no_save(tmp_path, monkeypatch, capsys) -> None:
    from app.cli import main
    from app.demo import DEMO_PASSPHRASE, build_demo_workspace
    from app.storage.workspace import Workspace

    path = tmp_path / "demo.mamori"
    with build_demo_workspace(path, DEMO_PASSPHRASE, people=60, today=TODAY) as ws:
        conn = ws.conn
        stored = save_report(conn, build_snapshot(conn, fiscal_year_period(conn, 2026, "ja"),
                                                  today=TODAY))  # fmt: skip
        set_narrative(conn, stored, {"summary": "受講率の改善策を提案します。"})
    monkeypatch.setenv("MAMORI_PASSPHRASE", DEMO_PASSPHRASE)
    out = tmp_path / "board.pdf"
    args = ["--workspace", str(path), "report", "board", "--period", "2026", "--out", str(out)]
    assert main([*args, "--no-save"], renderers=REPORT_RENDERERS) == 0, capsys.readouterr().err
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "受講率の改善策を提案します。" in text.replace("\n", "")
    comments = tmp_path / "comments.json"
    comments.write_text(json.dumps({"requests": [{"kind": "budget", "title": "研修予算",
                        "resolution": "研修予算50万円を承認する。"}]}), encoding="utf-8")  # fmt: skip
    assert main([*args, "--comments", str(comments)], renderers=REPORT_RENDERERS) == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace("\n", "")
    assert "研修予算50万円を承認する。" in text and "受講率の改善策" not in text
    with Workspace.open(path, DEMO_PASSPHRASE) as ws:
        exports = [e for e in iter_entries(ws.conn)
                   if e.action == "export" and e.register == "board_reports"]  # fmt: skip
        saved = [json.loads(e.detail)["saved"] for e in exports]
        assert saved == [False, True]
        assert ws.conn.execute("SELECT count(*) FROM board_report").fetchone()[0] == 2


def test_bad_comments_file_names_the_file_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "c.json"
    bad.write_text('{"requests": [{"kind": "budget", "title": "予算"}]}', encoding="utf-8")
    with pytest.raises(CommentsFileError, match=r"c\.json.*requests\[1\]"):
        read_input(bad)
    bad.write_text("{oops", encoding="utf-8")
    with pytest.raises(CommentsFileError, match=r"c\.json.*line 1"):
        read_input(bad)


@pytest.mark.parametrize(
    "text",
    [
        "日吉店の（株）テスト。これは「括弧」のテストです、ー長音。ABCDEFG英単語Inherentと数値12,345.6を含む。",
        "ああああああああ「括弧」ああ、。っゃーテスト（注）",
        "High inherent risks whose decision is complete (accepted with an approval).",
    ],
)
@pytest.mark.parametrize("width", [60, 75, 90, 120, 160])
def test_line_breaks_follow_kinsoku_and_keep_words(text: str, width: int) -> None:
    chars = list(text)
    widths = [5.0 if c.isascii() else 10.0 for c in chars]
    cuts = break_lines(chars, widths, width)
    lines, start = [], 0
    for cut in [abs(c) for c in cuts] + [len(chars)]:
        lines.append("".join(chars[start:cut]))
        start = cut
    assert "".join(lines) == text
    for line, cut in zip(lines[1:], cuts, strict=True):
        if cut < 0:
            continue  # a word wider than the line, cut with a hyphen as the last resort
        assert line[0] not in CANNOT_START, (line, lines)
    for line in lines[:-1]:
        assert line.rstrip()[-1] not in CANNOT_END, lines
    for word in ("Inherent", "12,345.6", "ABCDEFG", "decision", "approval"):
        if word in text and len(word) * 5 < width:
            assert any(word in line for line in lines), (word, lines)
