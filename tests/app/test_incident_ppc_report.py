"""The PPC report draft: nine items prefilled from the record, as text and as a PDF read back."""

from __future__ import annotations

import json
from datetime import date

from pypdf import PdfReader

from app.areas.incidents.ppc_report import build_draft, draft_text, export_draft, record_output
from app.areas.incidents.registers import INCIDENTS
from app.areas.organisation.registers import ORGANISATION
from app.i18n import set_language
from app.registers.records import create_record, update_record
from reports.incident_pdf import write_ppc_draft


def _card_leak(conn) -> int:
    return create_record(conn, INCIDENTS, {
        "title": "通販サイトのカード情報漏えい", "incident_type": "web_skimming",
        "known_on": "2026-12-05", "occurred_on": "2026-11-20", "subject_count": 412,
        "count_certainty": "estimate", "financial_risk": True, "wrongful_purpose": True,
        "data_items": "氏名、カード番号、有効期限", "cause": "external_attack",
        "description": "決済画面が改ざんされ、入力されたカード情報が外部へ送信された。",
    }).record_id  # fmt: skip


def test_draft_prefills_the_nine_items_and_marks_what_is_unknown(workspace) -> None:
    set_language("ja")
    conn = workspace.conn
    update_record(conn, ORGANISATION, 1, {"ppc_report_destination": "minister",
                                          "representative": "山田太郎"})  # fmt: skip
    incident = _card_leak(conn)
    draft = build_draft(conn, incident, "prelim", today=date(2026, 12, 7))
    assert [item.number for item in draft.items] == list(range(1, 10))
    assert draft.destination == "事業所管大臣（厚生労働省）"
    assert draft.prelim_due == date(2026, 12, 9)
    assert draft.final_due == date(2027, 2, 2)  # 60 days (wrongful purpose), day 1 = 12/5 (火)
    text = draft_text(draft)
    assert "【3】" in text and "412人" in text and "推計（最大）" in text
    assert "規則7条2号" in text and "規則7条3号" in text
    assert "氏名、カード番号、有効期限" in text
    unknown = [item.number for item in draft.items if not item.known]
    assert unknown == [5, 6, 7, 8]  # secondary damage, response, announcement, prevention
    assert "代表者：山田太郎" in draft.reporter or "山田太郎" in draft.reporter


def test_pdf_reads_back_with_every_item_and_the_export_is_audited(workspace, tmp_path) -> None:
    set_language("ja")
    conn = workspace.conn
    incident = _card_leak(conn)
    target = tmp_path / "速報.pdf"
    draft = export_draft(conn, incident, "final", target, write_ppc_draft, today=date(2027, 1, 4))
    reader = PdfReader(str(target))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    for item in draft.items:
        assert item.heading in text
    assert "INC-2026-001" in text and "412" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("IPAexGothic" in name for name in fonts)
    record_output(conn, draft, "clipboard")
    entries = conn.execute(
        "SELECT action, register, record_id, detail FROM audit_log WHERE action = 'export' "
        "ORDER BY id"
    ).fetchall()
    assert [(a, r, i) for a, r, i, _d in entries] == [
        ("export", "incidents", incident),
        ("export", "incidents", incident),
    ]
    details = [json.loads(d) for *_rest, d in entries]
    assert [d["format"] for d in details] == ["pdf", "clipboard"]
    assert details[0]["file"] == "速報.pdf"


def test_the_audit_page_names_the_draft_export_in_japanese(workspace, tmp_path) -> None:
    from app.audit_labels import describe_details

    set_language("ja")
    conn = workspace.conn
    draft = build_draft(conn, _card_leak(conn), "final", today=date(2027, 1, 4))
    record_output(conn, draft, "clipboard")
    (detail,) = conn.execute("SELECT detail FROM audit_log WHERE action = 'export'").fetchone()
    shown = describe_details(detail)
    assert "出力物: 漏えい等報告の下書き" in shown and "報告の種類: 確報" in shown
    assert "クリップボードへコピー" in shown
