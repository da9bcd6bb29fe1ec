"""Use cases of audits: the checklist built from the control catalogue and the organisation's own
questions, and a finding's corrective action raised in one step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.areas.assurance.actions import raise_corrective_action
from app.areas.assurance.corrective import CORRECTIVE_ACTIONS, joined_transaction
from app.areas.assurance.registers import AUDIT_CHECKLIST, AUDITS, FINDINGS
from app.catalogues import item_extra
from app.errors import ValidationError
from app.i18n import _
from app.registers.records import (
    Changes,
    insert_validated,
    load_record,
    update_in_transaction,
    validate,
)
from app.storage.database import Connection

SOURCE_LABEL_LIMIT = 200


def build_checklist(
    conn: Connection,
    audit_id: int,
    *,
    control_codes: Sequence[str] | None = None,
    own_questions: bool = True,
    user: str | None = None,
) -> Changes:
    """Add checklist rows to an audit: the controls in use (or those named by ``control_codes``)
    with their JIS reference, then the organisation's own questions in use. Rows already on the
    checklist (same control or question) are not added twice. One transaction, each row audited."""
    with joined_transaction(conn):
        load_record(conn, AUDITS, audit_id)  # KeyError for an unknown audit
        existing = conn.execute(
            "SELECT control_id, question, coalesce(max(seq) OVER (), 0) "
            "FROM audit_checklist_item WHERE audit_id = ?",
            (audit_id,),
        ).fetchall()
        have_controls = {row[0] for row in existing if row[0] is not None}
        have_questions = {row[1] for row in existing}
        seq = existing[0][2] if existing else 0
        if control_codes is None:
            controls = conn.execute(
                "SELECT id, code, name_ja, jis2017_ref FROM control WHERE active = 1 ORDER BY code"
            ).fetchall()
        else:
            wanted = list(dict.fromkeys(control_codes))
            rows = conn.execute(
                f"SELECT id, code, name_ja, jis2017_ref FROM control WHERE code IN "
                f"({', '.join('?' * len(wanted))})",
                wanted,
            ).fetchall()
            found = {row[1] for row in rows}
            unknown = [code for code in wanted if code not in found]
            if unknown:
                raise ValidationError(
                    {
                        "control": _("No control with the code {codes}").format(
                            codes=", ".join(unknown)
                        )
                    }
                )
            controls = sorted(rows, key=lambda row: wanted.index(row[1]))
        items: list[tuple[int | None, str, str | None]] = [
            (cid, f"{code} {name}", ref)
            for cid, code, name, ref in controls
            if cid not in have_controls
        ]
        if own_questions:
            items += [
                (None, f"{code} {question}", ref)
                for code, question, ref in conn.execute(
                    "SELECT code, question, clause_ref FROM audit_question WHERE active = 1 "
                    "ORDER BY code"
                )
            ]
        added = 0
        for control_id, question, clause in items:
            if control_id is None and question in have_questions:
                continue
            seq += 1
            raw = {
                "audit": audit_id,
                "seq": seq,
                "control": control_id,
                "question": question[:400],
                "clause_ref": clause,
            }
            insert_validated(conn, AUDIT_CHECKLIST, validate(conn, AUDIT_CHECKLIST, raw), user=user)
            added += 1
    return Changes(frozenset({AUDIT_CHECKLIST.key, AUDITS.key}), audit_id, added)


@dataclass(frozen=True)
class RaisedAction:
    finding_id: int
    action_id: int
    changes: Changes


def raise_action_for_finding(
    conn: Connection, finding_id: int, *, user: str | None = None
) -> RaisedAction:
    """Raise the corrective action of a finding (source: the audit's type says internal audit or
    external review), due when the finding is due, and link it to the finding. Refused when the
    finding has one already or its severity needs none."""
    with joined_transaction(conn):
        finding = load_record(conn, FINDINGS, finding_id)
        if finding["corrective_action"] is not None:
            raise ValidationError(
                {"corrective_action": _("This finding already has a corrective action.")}
            )
        extra = item_extra(conn, "FINDING_SEVERITY", finding["severity"])
        if extra.get("due_days") is None:
            raise ValidationError(
                {"severity": _("A finding of this severity needs no corrective action.")}
            )
        audit = load_record(conn, AUDITS, finding["audit"])
        source = item_extra(conn, "AUDIT_TYPE", audit["audit_type"]).get("ca_source", "audit")
        description = " ".join(str(finding["description"]).split())
        action_id = raise_corrective_action(
            conn,
            source=source,
            source_label=f"{audit['code']} {audit['title']} / {finding['code']}"[
                :SOURCE_LABEL_LIMIT
            ],
            title=description[:120],
            owner_id=finding["owner"],
            due_on=finding["due_on"],
            department_id=finding["department"],
            raised_on=finding["found_on"],
            user=user,
        )
        update_in_transaction(
            conn, FINDINGS, finding_id, {"corrective_action": action_id}, user=user
        )
    registers = frozenset({FINDINGS.key, CORRECTIVE_ACTIONS.key, "deadlines"})
    return RaisedAction(finding_id, action_id, Changes(registers, action_id, 2))


def findings_from_checklist(conn: Connection, audit_id: int, *, user: str | None = None) -> Changes:
    """A finding for every checklist item whose result calls for one (AUDIT_RESULT
    ``extra.finding_severity``: 不適合 → minor, 観察事項 → observation; the officer raises the
    severity where needed) and that has none yet: the item's question, clause and evidence note
    become the finding's description, clause and evidence. One transaction, each audited."""
    with joined_transaction(conn):
        load_record(conn, AUDITS, audit_id)
        rows = conn.execute(
            "SELECT i.id, i.question, i.clause_ref, i.evidence, i.result "
            "FROM audit_checklist_item i WHERE i.audit_id = ? AND i.result IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM finding f WHERE f.checklist_item_id = i.id) "
            "ORDER BY i.seq",
            (audit_id,),
        ).fetchall()
        added = 0
        for item_id, question, clause, evidence, result in rows:
            severity = item_extra(conn, "AUDIT_RESULT", result).get("finding_severity")
            if not severity:
                continue
            raw = {
                "audit": audit_id,
                "checklist_item": item_id,
                "severity": severity,
                "clause_ref": clause,
                "description": question,
                "evidence": evidence,
            }
            insert_validated(conn, FINDINGS, validate(conn, FINDINGS, raw), user=user)
            added += 1
    return Changes(frozenset({FINDINGS.key, AUDITS.key}), audit_id, added)
