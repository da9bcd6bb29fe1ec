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
from app.i18n import N_, _, ngettext
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
    yield from _gaps(conn)
    unrecorded_assets = conn.execute(
        "SELECT count(*), min(a.id) FROM asset a WHERE a.third_party_provision = 1 "
        "AND a.disposed_on IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM provision_record_assets p WHERE p.target_id = a.id) "
        "AND NOT EXISTS (SELECT 1 FROM joint_use_assets j WHERE j.target_id = a.id)"
    ).fetchone()
    if unrecorded_assets[0]:
        yield DueItem(
            _("Assets provided to third parties without a provision record: {count}").format(
                count=unrecorded_assets[0]
            ),
            _(
                "The asset register says these are provided to third parties, but no provision "
                "record or joint use names them. Record the provisions (or the decision that no "
                "record is needed) and link the asset."
            ),
            "assets",
            unrecorded_assets[1] if unrecorded_assets[0] == 1 else None,
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


# (register, table, condition, rule, title msgid, detail msgid); one title for any count, as
# Japanese has no plural (N_ cannot mark a plural pair for extraction)
_GAPS = (
    ("joint_uses", "joint_use", "ended_on IS NULL AND (items_complete = 0 OR published_on IS NULL)",
     "R-JOINTUSE-PRIOR",
     N_("Joint uses without all five items published: {count}"),
     N_("Fill in the statement, items, users' scope, purposes and the responsible party's name, "
        "address and representative, and the date they were published (art. 27(5)(iii)).")),
    ("foreign_transfers", "foreign_transfer", "stopped_on IS NULL AND complete = 0",
     "R-FOREIGN-CHECK",
     N_("Foreign transfers without their required information: {count}"),
     N_("Consent needs the country, its regime and the recipient's measures explained first; an "
        "equivalent system needs its measures recorded (rules 16–18).")),
    ("anonymised_datasets", "anonymised_dataset",
     "checklist_complete = 0 OR safeguards_complete = 0", "R-ANON-PUBLISH",
     N_("Anonymised datasets with the processing or safeguards incomplete: {count}"),
     N_("Record each step of rule 34 as done or not applicable, with how, and the three "
        "safeguards of rule 35.")),
)  # fmt: skip


def _gaps(conn: Connection) -> Iterator[DueItem]:
    for register, table, condition, rule, title, detail in _GAPS:
        count, first = conn.execute(
            f"SELECT count(*), min(id) FROM {table} WHERE {condition}"
        ).fetchone()
        if count:
            yield DueItem(
                _(title).format(count=count),
                _(detail),
                register,
                first if count == 1 else None,
                rule,
            )
