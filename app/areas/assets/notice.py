"""The text of 「安全管理のために講じた措置」, a matter to publish under APPI art. 32.

Built from the controls implemented for the whole organisation, grouped as the PPC general
guideline (通則編 10-1…10-7) groups them. The text is Japanese because it goes on the Japanese
website notice: each group starts with the guideline-style sentence kept in the CONTROL_CATEGORY
catalogue (``extra.notice_ja``, editable) and lists the implemented controls under it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.storage.database import Connection

TITLE = "安全管理のために講じた措置"
INTRO = "当組合は、個人データの安全管理のため、次の措置を講じています。"


@dataclass(frozen=True)
class NoticeGroup:
    category: str
    heading: str
    sentence: str
    controls: tuple[tuple[str, str], ...]  # (code, name_ja)


def notice_groups(conn: Connection) -> list[NoticeGroup]:
    """Groups in guideline order, each with its implemented controls; empty groups left out."""
    categories = conn.execute(
        "SELECT i.code, i.label_ja, i.extra FROM catalogue_item i "
        "JOIN catalogue c ON c.id = i.catalogue_id WHERE c.code = 'CONTROL_CATEGORY' "
        "AND i.active = 1 ORDER BY i.sort_order, i.id"
    ).fetchall()
    rows = conn.execute(
        "SELECT c.category, c.code, c.name_ja FROM control c WHERE coalesce(c.active, 1) = 1 "
        "AND EXISTS (SELECT 1 FROM control_status s WHERE s.control_id = c.id "
        "AND s.scope = 'org' AND s.status = 'implemented') ORDER BY c.code"
    ).fetchall()
    by_category: dict[str, list[tuple[str, str]]] = {}
    for category, code, name in rows:
        by_category.setdefault(category, []).append((code, name))
    groups = []
    for code, label, extra in categories:
        controls = by_category.get(code)
        if not controls:
            continue
        sentence = (json.loads(extra) if extra else {}).get("notice_ja", "")
        groups.append(NoticeGroup(code, label, sentence, tuple(controls)))
    return groups


def notice_text(conn: Connection, organisation: str | None = None) -> str:
    """The text to paste into the website notice (plain text, numbered headings)."""
    intro = INTRO if not organisation else INTRO.replace("当組合", organisation)
    lines = [f"【{TITLE}】", intro]
    for number, group in enumerate(notice_groups(conn), start=1):
        lines.append("")
        lines.append(f"{number}. {group.heading}")
        if group.sentence:
            lines.append(group.sentence)
        lines.extend(f"・{name}" for _code, name in group.controls)
    return "\n".join(lines) + "\n"
