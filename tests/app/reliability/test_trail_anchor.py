"""The trail's anchor outside the file: a shortened or rebuilt trail is found, a grown one is fine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.areas.organisation.registers import DEPARTMENTS
from app.registers.records import create_record
from app.storage.anchor import ChainHead, current_head
from app.storage.audit import entry_hash
from app.storage.workspace import Workspace
from app.verify import verify_workspace
from tests.app.reliability.helpers import tamper


@pytest.fixture
def used(tmp_path: Path, passphrase: str) -> Path:
    path = tmp_path / "anchored.mamori"
    with Workspace.create(path, passphrase) as ws:
        for number in range(4):
            create_record(ws.conn, DEPARTMENTS, {"code": f"D{number}", "name": f"部{number}"})
    return path


def test_every_commit_moves_the_anchor_in_both_places(used: Path, passphrase: str, memory_keyring):
    with Workspace.open(used, passphrase) as ws:
        head = current_head(ws.conn)
        found = dict((source, anchor) for source, anchor in ws.anchors.load())
        assert len(found) == 2  # the private file and the credential store
        assert all((a.entry_id, a.hash) == (head.entry_id, head.hash) for a in found.values())
        create_record(ws.conn, DEPARTMENTS, {"code": "NEW", "name": "新部"})
        assert ws.anchors.newest().entry_id == head.entry_id + 1
    stored = [value for (service, _account), value in memory_keyring.store.items()]
    assert any(json.loads(value).get("id") == head.entry_id + 1 for value in stored if "{" in value)


@pytest.mark.parametrize("removed", [1, 2, 3])
def test_removing_the_newest_entries_is_found(used: Path, passphrase: str, removed: int) -> None:
    with Workspace.open(used, passphrase) as ws:
        last = current_head(ws.conn).entry_id
    tamper(used, passphrase, f"DELETE FROM audit_log WHERE id > {last - removed}")
    with Workspace.open(used, passphrase) as ws:
        assert ws.rescue  # the trail does not reach this PC's anchor: nothing is written over it
        report = verify_workspace(ws.conn, anchors=ws.anchors.load())
    anchors = [p.message for p in report.problems if p.check == "anchor"]
    assert anchors and f"recorded entry {last}" in anchors[0]
    assert "newest entries were removed" in anchors[0]


def test_a_rebuilt_chain_is_found(used: Path, passphrase: str) -> None:
    """Someone with the passphrase rewrites the last entry and recomputes its hash: the chain
    inside the file holds, the anchor outside does not."""
    with Workspace.open(used, passphrase) as ws:
        row = ws.conn.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    entry_id, at, user, action, register, record_id, _label, before, after, detail, prev, _h = row
    forged_label = "D3 偽の部"
    forged = entry_hash(
        prev, [entry_id, at, user, action, register, record_id, forged_label, before, after, detail]
    )
    tamper(
        used,
        passphrase,
        f"UPDATE audit_log SET record_label = '{forged_label}', hash = '{forged}' "
        f"WHERE id = {entry_id}",
    )
    with Workspace.open(used, passphrase) as ws:
        report = verify_workspace(ws.conn, anchors=ws.anchors.load())
    assert [p.check for p in report.problems] == ["anchor", "anchor"]  # file and credential store
    assert "the trail was rewritten" in report.problems[0].message


def test_a_printed_anchor_is_checked_on_its_own(used: Path, passphrase: str) -> None:
    """On another PC no anchor is kept; the one printed on a board report still catches the cut."""
    with Workspace.open(used, passphrase) as ws:
        printed = current_head(ws.conn).printed
    tamper(used, passphrase, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    with Workspace.open(used, passphrase) as ws:
        typed = [("the anchor you gave", ChainHead.parse(printed))]
        report = verify_workspace(ws.conn, anchors=typed)
    assert [p.check for p in report.problems] == ["anchor", "records"]  # and D3 lost its entry
    assert "the anchor you gave recorded entry" in report.problems[0].message


def test_printed_anchor_parsing() -> None:
    head = ChainHead(1234, "9f2c04ab" * 8)
    assert head.printed == "#1234:9f2c04ab9f2c04ab"
    assert ChainHead.parse(head.printed) == ChainHead(1234, "9f2c04ab9f2c04ab")
    assert ChainHead.parse(" 1234 : 9F2C04AB ") == ChainHead(1234, "9f2c04ab")
    with pytest.raises(ValueError, match="not an audit-trail anchor"):
        ChainHead.parse("1234")


def test_a_trail_grown_past_its_anchor_verifies(used: Path, passphrase: str) -> None:
    """Another process added entries after the anchor was written: the anchor is a lower bound."""
    with Workspace.open(used, passphrase) as ws:
        old_head = current_head(ws.conn)
    with Workspace.open(used, passphrase) as ws:
        create_record(ws.conn, DEPARTMENTS, {"code": "X", "name": "追加"})
        report = verify_workspace(ws.conn, anchors=[("an older anchor", old_head)])
    assert report.ok, report.problems


def test_the_board_report_carries_the_trail_anchor(used: Path, passphrase: str) -> None:
    from datetime import date

    from app.board.period import Period
    from app.board.report import build_snapshot

    with Workspace.open(used, passphrase) as ws:
        head = current_head(ws.conn)
        period = Period(date(2026, 4, 1), date(2027, 3, 31), "2026年度")
        snapshot = build_snapshot(ws.conn, period, today=date(2027, 4, 10))
    assert snapshot.audit_anchor == head.printed
    assert ChainHead.parse(snapshot.audit_anchor).entry_id == head.entry_id
