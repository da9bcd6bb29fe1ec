"""The retention purge on real encrypted workspaces: closed requests and complaints past their
retention lose their personal details for real (table, child log, search index, audit trail),
keep an anonymised stub, and the trail still verifies."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.organisation.registers import ORGANISATION
from app.areas.requests import clock
from app.areas.requests.complaints import COMPLAINTS
from app.areas.requests.registers import DATA_REQUESTS, REQUEST_CLOCK
from app.registers.purge import PurgeRefusedError, kept_until, purge_candidates, purge_records
from app.registers.query import ListQuery, compile_query
from app.registers.records import create_record, delete_record, load_record, update_record
from app.storage import audit
from app.verify import verify_workspace

TODAY = date(2026, 12, 4)
NAME = "山田 花子"


@pytest.fixture(scope="module")
def purged(shared_workspace):
    conn = shared_workspace.conn
    old = create_record(
        conn,
        DATA_REQUESTS,
        {
            "received_on": "2022-05-02",
            "request_type": "disclosure",
            "requester_name": NAME,
            "requester_contact": "090-1111-2222",
            "request_detail": "山田花子の注文履歴の開示",
            "member_no": "M100234",
            "channel": "counter",
        },
    ).record_id
    clock.suspend(
        conn,
        old,
        stopped_on="2022-05-03",
        reason="identity_documents",
        note="山田様の運転免許証の写し待ち",
    )
    clock.restart(conn, old, stopped_until="2022-05-06")
    clock.extend(
        conn, old, days=3, reason="volume", decided_on="2022-05-08", note="山田様へ電話で延長を説明"
    )
    (extension,) = conn.execute(
        "SELECT id FROM data_request_clock WHERE kind = 'extension'"
    ).fetchone()
    delete_record(conn, REQUEST_CLOCK, extension)  # its trail still names the person
    update_record(conn, DATA_REQUESTS, old, {"requester_contact": "080-3333-4444"})
    update_record(
        conn,
        DATA_REQUESTS,
        old,
        {
            "decision": "full",
            "decided_on": "2022-05-12",
            "responded_on": "2022-05-13",
            "response_method": "paper",
        },
    )
    recent = create_record(
        conn,
        DATA_REQUESTS,
        {
            "received_on": "2025-01-10",
            "request_type": "correction",
            "requester_name": "鈴木 一郎",
            "decision": "full",
            "decided_on": "2025-01-15",
            "responded_on": "2025-01-16",
        },
    ).record_id
    complaint = create_record(
        conn,
        COMPLAINTS,
        {
            "received_on": "2021-06-01",
            "topic": "misdelivery",
            "complainant_name": NAME,
            "description": "山田花子宛の注文書が隣家に誤配された",
            "handling": "謝罪し回収",
            "closed_on": "2021-06-10",
        },
    ).record_id
    candidates = purge_candidates(conn, TODAY)
    yield conn, old, recent, complaint, candidates


def _stored_trigrams(conn, fts_table: str) -> set[str]:
    """Which of the erased text's trigrams the index's raw segment pages still hold."""
    blob = b"".join(row[0] or b"" for row in conn.execute(f"SELECT block FROM {fts_table}_data"))
    return {term for term in ("田花子", "文履歴", "山田花") if term.encode() in blob}


def test_closed_records_past_retention_are_listed(purged) -> None:
    _conn, old, recent, complaint, candidates = purged
    listed = {(c.register, c.record_id): c for c in candidates}
    assert ("data_requests", old) in listed and ("complaint_cases", complaint) in listed
    assert ("data_requests", recent) not in listed  # answered 2025-01-16: kept to 2028-01-16
    assert listed[("data_requests", old)].kept_until == date(2025, 5, 13)
    assert kept_until(date(2023, 4, 1), 3) == date(2026, 4, 1)  # 民法143


def test_a_record_within_retention_is_refused(purged) -> None:
    conn, _old, recent, *_ = purged
    with pytest.raises(PurgeRefusedError):
        purge_records(conn, "data_requests", [recent], TODAY)


def test_purge_erases_details_keeps_a_stub_and_the_trail_verifies(purged) -> None:
    conn, old, _recent, complaint, _ = purged
    before_entries = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert _stored_trigrams(conn, "data_request_fts") & {"田花子", "文履歴"}
    purge_records(conn, "data_requests", [old], TODAY, user="officer")
    # gone from the index's stored segments, not only hidden by a delete marker
    assert not _stored_trigrams(conn, "data_request_fts") & {"田花子", "文履歴", "山田花"}
    purge_records(conn, "complaint_cases", [complaint], TODAY, user="officer")
    stub = load_record(conn, DATA_REQUESTS, old)
    assert stub["requester_name"] == audit.REDACTED  # required: the stub text
    assert stub["requester_contact"] is None and stub["request_detail"] is None
    assert stub["member_no"] is None
    assert stub["purged_on"] == TODAY
    # the statistics keep what they count
    assert (stub["request_type"], stub["decision"], stub["days_taken"]) == ("disclosure", "full", 7)
    assert stub["received_on"] == date(2022, 5, 2) and stub["within_sla"] is True
    note = conn.execute("SELECT reason_note, reason FROM data_request_clock").fetchone()
    assert note == (None, "identity_documents")
    complaint_stub = load_record(conn, COMPLAINTS, complaint)
    assert complaint_stub["description"] == audit.REDACTED and complaint_stub["handling"] is None
    assert complaint_stub["topic"] == "misdelivery"
    # nothing personal left anywhere in the trail, only one entry per record purged
    trail = conn.execute(
        "SELECT coalesce(before,'') || coalesce(after,'') || coalesce(detail,'') || "
        "coalesce(record_label,'') FROM audit_log"
    ).fetchall()
    assert not [text for (text,) in trail if "山田" in text or "090-1111" in text]
    assert '"山田' not in repr(conn.execute("SELECT * FROM audit_log").fetchall())
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before_entries + 3
    # the search index forgot the text
    for defn, term in ((DATA_REQUESTS, "山田花子"), (COMPLAINTS, "隣家"), (DATA_REQUESTS, "山田")):
        assert compile_query(defn, ListQuery(search=term)).page(conn, 0, 10) == []
    assert verify_workspace(conn).ok, verify_workspace(conn).problems
    assert purge_candidates(conn, TODAY) == []


def test_a_redacted_entry_changed_afterwards_breaks_the_chain(purged, tmp_path) -> None:
    conn = purged[0]
    (entry_id,) = conn.execute(
        "SELECT id FROM audit_log WHERE register = 'data_requests' AND before LIKE ? "
        "ORDER BY id LIMIT 1",
        (f"%{audit.REDACTED}%",),
    ).fetchone()
    original = conn.execute("SELECT before FROM audit_log WHERE id = ?", (entry_id,)).fetchone()
    conn.execute(
        "UPDATE audit_log SET before = replace(before, ?, '佐藤') WHERE id = ?",
        (audit.REDACTED, entry_id),
    )
    conn.commit()
    problems = verify_workspace(conn).problems
    conn.execute("UPDATE audit_log SET before = ? WHERE id = ?", (original[0], entry_id))
    conn.commit()
    assert any(p.check == "chain" and str(entry_id) in p.message for p in problems)
    assert verify_workspace(conn).ok


def test_the_retention_years_come_from_the_settings(shared_workspace) -> None:
    conn = shared_workspace.conn
    update_record(conn, ORGANISATION, 1, {"request_retention_years": 1})
    listed = {c.register for c in purge_candidates(conn, TODAY)}
    update_record(conn, ORGANISATION, 1, {"request_retention_years": 3})
    assert "data_requests" in listed  # the 2025 request is past one year


def test_closed_incidents_past_five_years_are_purged_too(shared_workspace) -> None:
    from app.areas.incidents.registers import INCIDENTS

    conn = shared_workspace.conn
    incident = create_record(
        conn,
        INCIDENTS,
        {
            "title": "注文書の誤配（北センター）",
            "incident_type": "misdelivery_goods",
            "known_on": "2020-06-01",
            "description": "田中様の注文書を隣家へ配達",
            "reported_by": "配達担当 佐々木",
            "subject_count": 1,
            "closed_on": "2020-07-01",
        },
    ).record_id
    listed = [c for c in purge_candidates(conn, TODAY) if c.register == "incidents"]
    assert [c.record_id for c in listed] == [incident]
    assert listed[0].kept_until == date(2025, 7, 1)  # incident_retention_years: 5
    purge_records(conn, "incidents", [incident], TODAY)
    stub = load_record(conn, INCIDENTS, incident)
    assert stub["description"] is None and stub["reported_by"] is None
    assert (stub["incident_type"], stub["title"], stub["purged_on"]) == (
        "misdelivery_goods",
        "注文書の誤配(北センター)",  # stored with ASCII width folded
        TODAY,
    )
    trail = conn.execute("SELECT coalesce(before,'') || coalesce(after,'') FROM audit_log")
    assert not [text for (text,) in trail if "田中様" in text or "佐々木" in text]
    assert verify_workspace(conn).ok


def test_the_audit_page_describes_a_purge_without_raw_keys(purged) -> None:
    from app.audit_labels import describe_details

    conn = purged[0]
    entry = next(
        audit.iter_entries(conn, "WHERE register = 'data_requests' AND detail LIKE '%purge%'")
    )
    text = describe_details(entry.detail, entry.register)
    assert "Data subject's name" in text and "retention purge" in text
    assert "purge" not in text.replace("retention purge", "") and "{" not in text


def test_the_purge_command_lists_then_erases(tmp_path, monkeypatch, capsys) -> None:
    import json

    from app.cli import main
    from app.storage.workspace import Workspace

    path = tmp_path / "cli.mamori"
    with Workspace.create(path, "purge-cli-passphrase-77") as ws:
        create_record(
            ws.conn,
            COMPLAINTS,
            {
                "received_on": "2020-01-10",
                "topic": "other",
                "description": "古い相談の記録",
                "handling": "回答済み",
                "closed_on": "2020-01-20",
            },
        )
    monkeypatch.setenv("MAMORI_PASSPHRASE", "purge-cli-passphrase-77")
    args = ["--workspace", str(path), "purge", "--today", "2026-12-04"]
    assert main([*args, "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["register"], listed["kept_until"]) == ("complaint_cases", "2023-01-20")
    assert main([*args, "--apply"]) == 0
    assert "Erased the personal details of 1 record." in capsys.readouterr().out
    with Workspace.open(path, "purge-cli-passphrase-77") as ws:
        assert ws.conn.execute("SELECT description FROM complaint_case").fetchone() == (
            audit.REDACTED,
        )
        assert verify_workspace(ws.conn).ok
