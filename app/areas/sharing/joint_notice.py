"""The published notice of a joint use, in the layout the co-ops' policies use.

コープきんき's policy publishes its joint use with the member co-ops as a heading and four
numbered items, each a list of 「・」 lines::

    コープきんき会員生協との個人データの共同利用について
    (1) 共同利用の目的
    ・ギフト商品の注文書作成、配達、連絡、商品事故・お問合せ等への対応
    ...
    (4) 当該個人データの管理責任者
    ・生活協同組合連合会コープきんき事業連合

The statement of joint use (共同利用する旨) opens it, and the responsible party's address and
representative follow its name, as 法27条5項3号 has asked since 2022. The text is Japanese
whatever the screen language: it is pasted into the co-op's Japanese website.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

HEADINGS = (
    ("purposes", "(1) 共同利用の目的"),
    ("items", "(2) 共同利用の対象となる情報項目"),
    ("users_scope", "(3) 共同利用者の範囲"),
)
RESPONSIBLE_HEADING = "(4) 当該個人データの管理責任者"


def bullets(text: str | None) -> list[str]:
    lines = [line.strip().lstrip("・･-‐ ").strip() for line in (text or "").splitlines()]
    return [f"・{line}" for line in lines if line]


def notice_text(record: Mapping[str, Any]) -> str:
    """The notice of one joint-use arrangement (its stored values), ready to paste."""
    lines = [record.get("name") or ""]
    if record.get("statement"):
        lines.append(record["statement"].strip())
    for key, heading in HEADINGS:
        lines.append(heading)
        lines.extend(bullets(record.get(key)))
    lines.append(RESPONSIBLE_HEADING)
    lines.append(f"・{record.get('responsible_name') or ''}")
    if record.get("responsible_address"):
        lines.append(f"　住所：{record['responsible_address']}")
    if record.get("responsible_representative"):
        lines.append(f"　代表者：{record['responsible_representative']}")
    return "\n".join(lines) + "\n"
