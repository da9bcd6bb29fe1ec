"""For a request to disclose third-party provision records (法33条5項): find the provision and
receipt records about the requester (``app.areas.sharing.lookup.provision_records_for``) and keep
the ones disclosed on the request."""

from __future__ import annotations

from collections.abc import Sequence

from app.areas.requests.registers import DATA_REQUESTS
from app.areas.sharing.lookup import ProvisionMatch, provision_records_for
from app.catalogues import item_extra
from app.errors import MamoriError
from app.i18n import _
from app.registers.records import Changes, load_record, update_record
from app.storage.database import Connection


def offers_lookup(conn: Connection, request_id: int) -> bool:
    """Whether the request's type is one that discloses provision records."""
    kind = load_record(conn, DATA_REQUESTS, request_id)["request_type"]
    return bool(item_extra(conn, "DSR_TYPE", kind).get("provision_lookup"))


def find_provision_records(
    conn: Connection, request_id: int, name_text: str | None = None
) -> list[ProvisionMatch]:
    """The provision and receipt records naming the requester (or ``name_text``)."""
    record = load_record(conn, DATA_REQUESTS, request_id)
    if record.get("purged_on"):
        raise MamoriError(_("The requester's details of this request have been erased."))
    return provision_records_for(conn, name_text or record["requester_name"] or "")


def attach_provision_records(
    conn: Connection, request_id: int, record_ids: Sequence[int], *, user: str | None = None
) -> Changes:
    """Keep ``record_ids`` as the provision records disclosed on the request (added to any kept)."""
    kept = load_record(conn, DATA_REQUESTS, request_id).get("provision_records") or []
    wanted = [*kept, *(record_id for record_id in record_ids if record_id not in kept)]
    return update_record(conn, DATA_REQUESTS, request_id, {"provision_records": wanted}, user=user)
