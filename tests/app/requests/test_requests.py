"""Data-subject requests and complaints on a real encrypted workspace: worked SLA cases, the clock
log moving the due date and the deadline record, the checks on a request, the corrective action a
complaint raises, the provision-record lookup, board chapter 10 and exports of every register."""

from __future__ import annotations

from datetime import date

import pytest

from app.areas.organisation.registers import ORGANISATION
from app.areas.requests import clock
from app.areas.requests.complaints import COMPLAINTS, raise_action
from app.areas.requests.provision import (
    attach_provision_records,
    find_provision_records,
    offers_lookup,
)
from app.areas.requests.registers import DATA_REQUESTS, REQUEST_CLOCK
from app.areas.requests.sla import EXTENSION, SUSPENSION, ClockEvent, overdue_on, request_clock
from app.errors import MamoriError, ValidationError
from app.registers.records import create_record, delete_record, load_record, update_record

D = date.fromisoformat


@pytest.mark.parametrize(
    ("events", "responded", "due", "taken", "within"),
    [
        ([], None, "2026-11-16", None, None),  # 11/2 + 14 days, the first day not counted
        ([ClockEvent(EXTENSION, D("2026-11-10"), days=14)], None, "2026-11-30", None, None),
        # stopped 11/4 to 11/12 (documents arrived on 11/12): 9 days left out
        (
            [ClockEvent(SUSPENSION, D("2026-11-04"), D("2026-11-12"))],
            "2026-11-20",
            "2026-11-25",
            9,
            True,
        ),
        # a stopped clock has no due date until it runs again
        ([ClockEvent(SUSPENSION, D("2026-11-04"))], None, None, None, None),
        ([], "2026-11-17", "2026-11-16", 15, False),  # one day late
    ],
)
def test_worked_sla_cases(events, responded, due, taken, within) -> None:
    result = request_clock(
        D("2026-11-02"), 14, events, responded=D(responded) if responded else None
    )
    assert result.due == (D(due) if due else None)
    assert (result.days_taken, result.within_sla) == (taken, within)
    assert result.litigation_bar == D("2026-11-16") and result.suit_possible_from == D("2026-11-17")


def test_an_extension_after_the_due_date_does_not_cure_the_late_days() -> None:
    late = [ClockEvent(EXTENSION, D("2027-01-12"), days=14)]
    assert overdue_on(D("2027-01-10"), D("2026-12-25"), 14, late) is True
    assert overdue_on(D("2027-01-13"), D("2026-12-25"), 14, late) is False


def _request(conn, **values):
    base = {
        "received_on": "2026-11-02",
        "request_type": "disclosure",
        "requester_name": "佐藤 一郎",
    }
    return create_record(conn, DATA_REQUESTS, {**base, **values}).record_id


def _deadlines(conn, request_id):
    return conn.execute(
        "SELECT rule, trigger_date, due_date, status FROM deadline "
        "WHERE subject_register = 'data_requests' AND subject_id = ? ORDER BY id",
        (request_id,),
    ).fetchall()


def test_the_clock_log_moves_the_due_date_and_the_deadline(shared_workspace) -> None:
    conn = shared_workspace.conn
    request_id = _request(conn)
    record = load_record(conn, DATA_REQUESTS, request_id)
    assert (record["sla_days"], record["sla_due"], record["status"]) == (
        14,
        D("2026-11-16"),
        "open",
    )
    clock.suspend(conn, request_id, stopped_on="2026-11-04", reason="identity_documents")
    assert load_record(conn, DATA_REQUESTS, request_id)["status"] == "suspended"
    assert _deadlines(conn, request_id)[-1][3] == "waived"  # no due date while it stands still
    reason = conn.execute(
        "SELECT waive_reason FROM deadline WHERE subject_id = ? AND status = 'waived'",
        (request_id,),
    ).fetchone()[0]
    assert reason.startswith("The clock stopped")
    with pytest.raises(MamoriError):
        clock.suspend(conn, request_id, stopped_on="2026-11-05", reason="fee")
    clock.restart(conn, request_id, stopped_until="2026-11-12")
    clock.extend(conn, request_id, days=7, reason="volume", decided_on="2026-11-13")
    record = load_record(conn, DATA_REQUESTS, request_id)
    assert (record["sla_due"], record["suspended_days"], record["extension_days"]) == (
        D("2026-12-02"),
        9,
        7,
    )
    assert record["litigation_bar_on"] == D("2026-11-16")  # 法39条 does not wait
    assert _deadlines(conn, request_id)[-1] == ("R-DSR", "2026-11-13", "2026-12-02", "open")
    # a log row removed through the request's form: the request follows
    (extension,) = conn.execute(
        "SELECT id FROM data_request_clock WHERE request_id = ? AND kind = 'extension'",
        (request_id,),
    ).fetchone()
    delete_record(conn, REQUEST_CLOCK, extension)
    assert load_record(conn, DATA_REQUESTS, request_id)["sla_due"] == D("2026-11-25")
    update_record(
        conn,
        DATA_REQUESTS,
        request_id,
        {"decision": "full", "decided_on": "2026-11-20", "responded_on": "2026-11-20"},
    )
    record = load_record(conn, DATA_REQUESTS, request_id)
    assert (record["status"], record["days_taken"], record["within_sla"]) == ("answered", 9, True)
    assert _deadlines(conn, request_id)[-1][3] == "done"


def test_the_sla_comes_from_the_settings_and_stays_with_the_request(shared_workspace) -> None:
    conn = shared_workspace.conn
    update_record(conn, ORGANISATION, 1, {"default_dsr_sla_days": 10})
    early = _request(conn)
    update_record(conn, ORGANISATION, 1, {"default_dsr_sla_days": 14})
    update_record(conn, DATA_REQUESTS, early, {"channel": "post"})
    assert load_record(conn, DATA_REQUESTS, early)["sla_due"] == D("2026-11-12")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"request_type": "correction", "fee_yen": 500}, "fee_yen"),  # 法38条: no fee
        ({"decision": "refused", "decided_on": "2026-11-05"}, "refusal_ground"),
        ({"decision": "partial", "refusal_ground": "business"}, "reasons_told"),
        ({"requester_type": "voluntary_agent"}, "agent_name"),
        ({"id_checked_on": "2026-11-03"}, "id_method"),
        ({"responded_on": "2026-11-05"}, "decision"),
        ({"decided_on": "2026-11-01"}, "decided_on"),
    ],
)
def test_a_request_says_what_is_missing(shared_workspace, values, field) -> None:
    with pytest.raises(ValidationError) as caught:
        _request(shared_workspace.conn, **values)
    assert field in caught.value.errors


def test_a_refusal_opens_the_notice_deadline_and_lifts_the_bar(shared_workspace) -> None:
    conn = shared_workspace.conn
    request_id = _request(
        conn,
        decision="refused",
        decided_on="2026-11-06",
        refusal_ground="business",
        reasons_told="業務に著しい支障",
    )
    assert ("R-DSR-REFUSAL", "2026-11-06", None, "open") in _deadlines(conn, request_id)
    update_record(conn, DATA_REQUESTS, request_id, {"responded_on": "2026-11-06"})
    record = load_record(conn, DATA_REQUESTS, request_id)
    assert record["suit_possible_from"] == D("2026-11-06")
    assert all(status == "done" for *_x, status in _deadlines(conn, request_id))


def test_a_complaint_raises_its_corrective_action_once(shared_workspace) -> None:
    conn = shared_workspace.conn
    complaint = create_record(
        conn,
        COMPLAINTS,
        {
            "received_on": "2026-10-01",
            "topic": "misdelivery",
            "description": "注文書の誤配",
            "complainant_name": "高橋 花",
        },
    ).record_id
    raise_action(conn, complaint, due_on="2026-12-31")
    record = load_record(conn, COMPLAINTS, complaint)
    action = conn.execute(
        "SELECT source, source_label, title FROM corrective_action WHERE id = ?",
        (record["corrective_action"],),
    ).fetchone()
    assert action == (
        "complaint",
        f"Complaint {record['complaint_no']}",
        "Prevent recurrence: Misdelivery or mis-sending",
    )
    with pytest.raises(MamoriError):
        raise_action(conn, complaint)
    with pytest.raises(ValidationError) as caught:
        update_record(conn, COMPLAINTS, complaint, {"closed_on": "2026-10-05"})
    assert "handling" in caught.value.errors


def test_provision_records_are_found_for_a_disclosure_of_them(shared_workspace) -> None:
    from app.areas.sharing.registers_provision import PROVISION_RECORDS

    conn = shared_workspace.conn
    provision = create_record(
        conn,
        PROVISION_RECORDS,
        {
            "ref": "PR-9",
            "direction": "provide",
            "basis": "consent",
            "recording_method": "each",
            "recorded_on": "2026-04-01",
            "provided_on": "2026-04-01",
            "counterparty_name": "株式会社みらい保険",
            "subject_identification": "組合員 渡辺 由香",
            "data_items": "氏名、住所",
            "consent_statement": "申込書で同意",
        },
    ).record_id
    request_id = _request(conn, request_type="tp_record_disclosure", requester_name="わたなべ ゆか")
    assert offers_lookup(conn, request_id)
    assert not offers_lookup(conn, _request(conn, request_type="correction"))
    found = find_provision_records(conn, request_id, "渡辺由香")
    assert [match.record_id for match in found] == [provision]
    attach_provision_records(conn, request_id, [provision])
    assert load_record(conn, DATA_REQUESTS, request_id)["provision_records"] == [provision]


def test_chapter_10_counts_requests_and_complaints(shared_workspace) -> None:
    from app.board.period import Period
    from app.board.sections import all_sections

    conn = shared_workspace.conn
    _request(
        conn,
        received_on="2026-10-01",
        decision="full",
        decided_on="2026-10-29",
        responded_on="2026-10-30",
    )  # answered 15 days late
    (chapter,) = [s for s in all_sections() if s.key == "requests"]
    assert chapter.order == 100
    section = chapter.function(conn, Period(D("2026-04-01"), D("2027-03-31"), "2026"), "en")
    figures = {k.label: k.value for k in section.kpis}
    answered = conn.execute(
        "SELECT count(*), sum(within_sla) FROM data_request WHERE responded_on IS NOT NULL"
    ).fetchone()
    assert figures["Answered within the SLA"] == round(answered[1] * 100 / answered[0], 1)
    assert figures["Complaints"] >= 1
    late = answered[0] - answered[1]
    assert late >= 1 and f"{late} data-subject request" in section.events[0]
    text = repr(section)
    assert "佐藤" not in text and "高橋" not in text  # counts, never names


def test_every_register_exports(shared_workspace, tmp_path) -> None:
    from app.registers.export import export_register

    conn = shared_workspace.conn
    for defn in (DATA_REQUESTS, REQUEST_CLOCK, COMPLAINTS):
        for kind in ("xlsx", "csv", "json"):
            result = export_register(conn, defn, kind, tmp_path / f"{defn.key}.{kind}")
            assert result.rows >= 1 and (tmp_path / f"{defn.key}.{kind}").stat().st_size > 0
    exported = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'export'").fetchone()
    assert exported[0] >= 9


def test_the_dashboard_shows_a_stopped_clock_by_its_statutory_date(shared_workspace) -> None:
    from app.dashboard import gather

    conn = shared_workspace.conn
    request_id = _request(conn, received_on="2026-11-20")
    clock.suspend(conn, request_id, stopped_on="2026-11-21", reason="identity_documents")
    (item,) = [i for i in gather(conn, D("2026-11-30")) if i.record_id == request_id]
    assert item.due == D("2026-12-04") and "10 days" in item.detail
