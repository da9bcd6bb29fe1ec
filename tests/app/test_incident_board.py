"""Board chapter 11 (incidents): counts by type, cause and department, report timeliness, no names."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from functools import partial

from app.areas.incidents.actions import raise_action_for_incident
from app.areas.incidents.registers import INCIDENT_REPORTS, INCIDENTS
from app.board.report import build_snapshot, fiscal_year_period
from app.i18n import gettext_in, set_language
from app.registers.records import create_record


def _add(conn, **values) -> int:
    base = {"incident_type": "misdelivery_goods", "cause": "check_missed", "subject_count": 1}
    return create_record(conn, INCIDENTS, {**base, **values}).record_id


def _report(conn, incident, kind, on, recipient="ppc") -> None:
    create_record(conn, INCIDENT_REPORTS, {"incident": incident, "kind": kind,
                                           "reported_on": on, "recipient": recipient})  # fmt: skip


def test_chapter_11_counts_and_timeliness_without_names(workspace) -> None:
    set_language("ja")
    conn = workspace.conn
    _add(conn, title="山田花子様宅への誤配", known_on="2025-05-10", closed_on="2025-05-20",
         recurrence_prevention="二点照合")  # fmt: skip
    _add(conn, title="伝票の誤配", known_on="2025-06-01", cause="procedure_not_followed",
         closed_on="2025-06-10")  # fmt: skip
    _add(conn, title="積込み時に発見", known_on="2025-06-02", near_miss=True)
    on_time = _add(conn, title="健康メモのFAX誤送信", incident_type="fax_misdial",
                   known_on="2025-07-01", sensitive=True)  # fmt: skip
    _report(conn, on_time, "prelim", "2025-07-03")
    _report(conn, on_time, "final", "2025-07-25")
    # known 2025-12-05: 速報 due 12/09 sent 12/10 (late); 確報 due 2026-01-05 (rolled) sent 01-05
    late = _add(conn, title="カード情報の公開", incident_type="misconfig_exposure",
                known_on="2025-12-05", financial_risk=True, cause="contractor_lapse")  # fmt: skip
    _report(conn, late, "prelim", "2025-12-10")
    _report(conn, late, "final", "2026-01-05")
    _add(conn, title="前年度の事故", known_on="2025-03-31")  # not in the period
    raise_action_for_incident(conn, on_time, today=date(2025, 7, 2))

    snapshot = build_snapshot(conn, fiscal_year_period(conn, 2025, "ja"), language="ja")
    (chapter,) = [s for s in snapshot.sections if s.key == "incidents"]
    assert chapter.recorded and chapter.title == "事故・インシデント"
    figures = {k.label: k.value for k in chapter.kpis}
    assert figures["事故件数"] == 4 and figures["ヒヤリハット"] == 1
    assert figures["個人情報保護委員会への報告対象"] == 2
    assert figures["速報の期限内提出率"] == 50.0  # one late 速報
    assert figures["確報の期限内提出率"] == 100.0
    assert figures["委託先に起因する事故"] == 1
    statuses = {k.label: k.status for k in chapter.kpis}
    assert statuses["速報の期限内提出率"] == "bad"
    tables = {table.title: table for table in chapter.tables}
    assert tables["種類別の事故件数"].rows[0] == ["誤配（商品・伝票・注文書を他組合員宅へ）", 2]
    reportable = tables["報告対象の事故：報告と本人通知"].rows
    assert [row[0] for row in reportable] == ["INC-2025-004", "INC-2025-005"]
    assert reportable[1][3:8] == [
        "2025-12-09",
        "2025-12-10",
        "2026-01-05",
        "2026-01-05",
        "期限超過",
    ]
    prevention = dict(tables["再発防止策"].rows)
    ja = partial(gettext_in, "ja")  # labels shared with other chapters: as the catalogue says
    assert prevention == {ja("Corrective action closed"): 0, ja("Corrective action open"): 1,
                          "対策を記録（是正処置なし）": 1, "記録なし": 2}  # fmt: skip
    assert figures["再発防止策の記録率"] == 50.0
    months = tables["月別の事故とヒヤリハット"].rows
    assert months[0][0] == "2025年4月" and len(months) == 12
    text = json.dumps(asdict(snapshot), ensure_ascii=False)
    for private in ("山田花子", "健康メモ", "二点照合"):
        assert private not in text  # titles and free text never reach the report
