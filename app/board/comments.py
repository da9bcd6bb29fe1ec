"""What the privacy officer adds to a board report: comments per chapter, significant events and
requests to the board (budget, resources, policy revisions) with a proposed resolution each.

The Reports page keeps them with the stored report; the CLI reuses those of the latest stored
report of the same period and language, or reads them from a JSON file::

    {
      "comments": {"summary": "…", "risk": "…"},
      "events": ["2026年9月 宅配センターで誤配1件（本人へ謝罪・回収済み）"],
      "requests": [
        {"kind": "budget", "title": "…", "reason": "…", "resolution": "…"}
      ]
    }
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.board.period import Period
from app.board.snapshot import Decision, Snapshot
from app.errors import MamoriError
from app.i18n import _
from app.storage.database import Connection

REQUEST_KINDS = ("budget", "resource", "policy_revision", "risk_acceptance", "other")
# Kinds the data puts to the board by itself (the officer enters the others).
DATA_KINDS = ("risk_acceptance", "risk_treatment", "policy_revision")


class CommentsFileError(MamoriError):
    pass


@dataclass(frozen=True)
class OfficerInput:
    narrative: dict[str, str] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)
    requests: list[Decision] = field(default_factory=list)


def _text(value: Any, where: str, path: Path) -> str:
    if not isinstance(value, str):
        raise CommentsFileError(
            _("{path}: {where} must be text.").format(path=path.name, where=where)
        )
    return value.strip()


def parse_input(data: Any, path: Path) -> OfficerInput:
    """The officer's input from parsed JSON; a clear message naming the file and the entry."""
    if not isinstance(data, dict):
        raise CommentsFileError(_("{path}: expected a JSON object.").format(path=path.name))
    comments = data.get("comments", {})
    if not isinstance(comments, dict):
        raise CommentsFileError(
            _('{path}: "comments" must map chapter keys to text.').format(path=path.name)
        )
    narrative = {str(key): _text(value, f"comments.{key}", path) for key, value in comments.items()}
    events_raw = data.get("events", [])
    if not isinstance(events_raw, list):
        raise CommentsFileError(_('{path}: "events" must be a list.').format(path=path.name))
    events = [_text(value, f"events[{i + 1}]", path) for i, value in enumerate(events_raw)]
    requests = []
    for index, raw in enumerate(data.get("requests", []), start=1):
        where = f"requests[{index}]"
        if not isinstance(raw, dict):
            raise CommentsFileError(
                _("{path}: {where} must be an object.").format(path=path.name, where=where)
            )
        kind = raw.get("kind", "other")
        if kind not in REQUEST_KINDS:
            raise CommentsFileError(
                _("{path}: {where}: kind must be one of {kinds}.").format(
                    path=path.name, where=where, kinds=", ".join(REQUEST_KINDS)
                )
            )
        title = _text(raw.get("title", ""), f"{where}.title", path)
        resolution = _text(raw.get("resolution", ""), f"{where}.resolution", path)
        if not title or not resolution:
            raise CommentsFileError(
                _("{path}: {where} needs a title and a proposed resolution.").format(
                    path=path.name, where=where
                )
            )
        requests.append(
            Decision(kind, title, _text(raw.get("reason", ""), f"{where}.reason", path), resolution)
        )
    return OfficerInput(
        {k: v for k, v in narrative.items() if v}, [e for e in events if e], requests
    )


def read_input(path: Path) -> OfficerInput:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise CommentsFileError(
            _("{path}: not valid JSON (line {line}, column {column}).").format(
                path=Path(path).name, line=exc.lineno, column=exc.colno
            )
        ) from None
    except UnicodeDecodeError:
        raise CommentsFileError(
            _("{path}: not a UTF-8 text file.").format(path=Path(path).name)
        ) from None
    return parse_input(data, Path(path))


def input_of(snapshot: Snapshot) -> OfficerInput:
    return OfficerInput(dict(snapshot.narrative), list(snapshot.events), list(snapshot.requests))


def latest_input(conn: Connection, period: Period, language: str) -> OfficerInput | None:
    """The officer's input kept with the newest stored report of this period and language."""
    from app.board.report import load_report

    row = conn.execute(
        "SELECT id FROM board_report WHERE period_start = ? AND period_end = ? AND language = ? "
        "ORDER BY updated_at DESC, id DESC LIMIT 1",
        (period.start.isoformat(), period.end.isoformat(), language),
    ).fetchone()
    if row is None:
        return None
    return input_of(load_report(conn, row[0]))
