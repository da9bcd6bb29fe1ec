"""Dashboard notices of the sharing area that have no date of their own.

Dated duties (a joint-use change to publish, a foreign recipient's yearly check, anonymised items
to publish, provision records and assets past retention, pseudonymised data to delete) are deadline
records kept by ``app.deadlines`` from the area's bindings and shown by its provider. Here: a
decision that needs a provision record without one (R-PROV-RECORD), and disposal certificates
still awaited from a contractor.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.dashboard import DueItem, provider
from app.i18n import _, ngettext
from app.storage.database import Connection


@provider
def sharing_items(conn: Connection, today: date) -> Iterator[DueItem]:
    unrecorded = conn.execute(
        "SELECT d.id, d.title FROM flow_decision d WHERE d.record_needed = 1 "
        "AND d.conclusion != 'not_permitted' AND NOT EXISTS "
        "(SELECT 1 FROM provision_record p WHERE p.decision_id = d.id) ORDER BY d.decided_on, d.id"
    ).fetchall()
    for _record_id, title in unrecorded:
        yield DueItem(
            _("Record the provision: {flow}").format(flow=title),
            _(
                "The decision helper concluded that this provision needs a provision record; make "
                "it promptly (each time or in bulk)."
            ),
            "provision_records",
            None,
            "R-PROV-RECORD",
        )
    awaited = conn.execute(
        "SELECT count(*), min(id) FROM disposal WHERE certificate_pending = 1"
    ).fetchone()
    if awaited[0]:
        yield DueItem(
            ngettext(
                "{count} disposal certificate awaited",
                "{count} disposal certificates awaited",
                awaited[0],
            ).format(count=awaited[0]),
            _("Ask the disposal contractor for the certificate and note its number."),
            "disposals",
            awaited[1] if awaited[0] == 1 else None,
            "DISPOSAL-CERTIFICATE",  # evidence of a disposal done (E18); no date of its own
        )
