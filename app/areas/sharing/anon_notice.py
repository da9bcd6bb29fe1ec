"""The published text of an anonymised dataset (規則36条・37条), in the layout コープきんき's policy
uses for the purchase data it gives its business partners::

    当会は、利用状況に関する情報をお取引先に提供します。
    (1) 加工情報の項目
    ・生年、性別、居住エリア、生協加入年、購買履歴(時期、商品名、点数、価格)など
    (2) 情報の提供方法
    ・ハードコピーを郵送、取引先への適切な方法で保護された形での伝送

Japanese whatever the screen language, like the joint-use notice: it goes on the website.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.sharing.joint_notice import bullets
from app.catalogues import choices
from app.storage.database import Connection


def anon_notice_text(conn: Connection, record: Mapping[str, Any]) -> str:
    """The items and the methods of provision of one dataset, ready to paste."""
    labels = dict(choices(conn, "ANON_PROVISION_METHOD", language="ja", include_inactive=True))
    methods = "、".join(labels.get(code, code) for code in record.get("provision_methods") or [])
    lines = [record.get("name") or ""]
    if record.get("statement"):
        lines.append(record["statement"].strip())
    lines.append("(1) 加工情報の項目")
    lines.extend(bullets(record.get("included_items")))
    lines.append("(2) 情報の提供方法")
    lines.extend(bullets(methods))
    return "\n".join(lines) + "\n"
