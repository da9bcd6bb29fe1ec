"""Disposal and carry-out records (廃棄・消去記録 / 持出し記録, E18).

A disposal says what was destroyed, how, when, by whom, who confirmed it (責任ある立場の者) and the
certificate of a disposal contractor. Saving one completes what it was for (``disposal.py``): the
asset retired, the part of an asset whose retention ended, or a provision record past its
retention — so the reminder on the dashboard goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.areas.sharing.disposal import apply_disposal
from app.areas.sharing.registers_provision import AREA_SHARING
from app.i18n import N_, _
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.storage.database import Connection

G_WHAT = N_("What was disposed of")
G_HOW = N_("How and by whom")
G_CERTIFICATE = N_("Certificate")


def _disposal_checks(values: Mapping[str, Any]) -> dict[str, str]:
    closes = values.get("closes")
    if closes in ("retired", "batch") and values.get("asset") is None:
        return {"asset": _("choose the asset whose data was disposed of")}
    if closes == "provision_record" and values.get("provision_record") is None:
        return {"provision_record": _("choose the provision or receipt record disposed of")}
    who, witness = values.get("executed_by"), values.get("witness")
    if who is not None and who == witness:
        return {"witness": _("the disposal is confirmed by someone other than the person doing it")}
    done, certified = values.get("executed_on"), values.get("certificate_on")
    if done and certified and certified < done:
        return {"certificate_on": _("the certificate cannot be dated before the disposal")}
    following = values.get("next_retention_until")
    if following and done and following <= done:
        return {"next_retention_until": _("the next retention date is after this disposal")}
    return {}


def _keep_completing_disposals(conn: Connection, record_id: int) -> str | None:
    """A disposal that completed a due item is the evidence of that deletion: deleting it would
    leave the asset or record marked disposed of with nothing to show for it."""
    row = conn.execute("SELECT closes FROM disposal WHERE id = ?", (record_id,)).fetchone()
    if row and row[0] != "none":
        return _(
            "This disposal completed a retention date; it is the record of that deletion and "
            "cannot be deleted. Correct it instead."
        )
    return None


def _disposal_derive(values: Mapping[str, Any]) -> dict[str, Any]:
    outsourced = values.get("contractor") is not None or values.get("method") == "dissolve"
    return {"certificate_pending": outsourced and not values.get("certificate_no")}


DISPOSALS = RegisterDef(
    key="disposals",
    table="disposal",
    title=N_("Disposals"),
    item_title=N_("Disposal"),
    area=AREA_SHARING,
    human_key="ref",
    display="description",
    default_sort="executed_on",
    derive=_disposal_derive,
    checks=(_disposal_checks,),
    after_save=apply_disposal,
    delete_guard=_keep_completing_disposals,
    touches=("assets", "provision_records", "deadlines"),
    fields=(
        Field("ref", N_("Record no."), Kind.CODE, required=True, unique=True, max_length=30,
              list_column=True, group=G_WHAT),
        Field("closes", N_("Completes"), Kind.CHOICE, catalogue="DISPOSAL_CLOSES",
              required=True, default="batch", list_column=True, group=G_WHAT),
        Field("asset", N_("Asset"), Kind.LINK, link="assets", list_column=True, group=G_WHAT),
        Field("provision_record", N_("Provision record"), Kind.LINK, link="provision_records",
              group=G_WHAT),
        Field("description", N_("What was disposed of"), required=True, searchable=True,
              list_column=True, help=N_("e.g. 2024年度上期の注文書（紙）"), group=G_WHAT),
        Field("media", N_("Media"), Kind.CHOICE, catalogue="MEDIA", group=G_WHAT),
        Field("quantity", N_("Quantity"), max_length=100, group=G_WHAT),
        Field("method", N_("Disposal method"), Kind.CHOICE, catalogue="DISPOSAL_METHOD",
              required=True, list_column=True, group=G_HOW),
        Field("executed_on", N_("Disposed of on"), Kind.DATE, required=True, list_column=True,
              group=G_HOW),
        Field("executed_by", N_("Disposed of by"), Kind.LINK, link="people", group=G_HOW),
        Field("witness", N_("Confirmed by"), Kind.LINK, link="people", group=G_HOW,
              help=N_("Someone in a responsible position who saw it done or checked it.")),
        Field("contractor", N_("Disposal contractor"), Kind.LINK, link="contractors",
              help=N_("The shredding or pulping contractor in the contractor register."),
              group=G_CERTIFICATE),
        Field("certificate_no", N_("Certificate no."), max_length=100, group=G_CERTIFICATE),
        Field("certificate_on", N_("Certificate dated"), Kind.DATE, group=G_CERTIFICATE),
        Field("certificate_pending", N_("Certificate awaited"), Kind.BOOL, computed=True,
              list_column=True, group=G_CERTIFICATE),
        Field("next_retention_until", N_("Next retention date of the asset"), Kind.DATE,
              help=N_("For data kept on a rolling basis: the date the next part is due."),
              group=G_WHAT),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)  # fmt: skip


def _carry_out_checks(values: Mapping[str, Any]) -> dict[str, str]:
    out, back = values.get("out_on"), values.get("back_on")
    if out and back and back < out:
        return {"back_on": _("it cannot come back before it went out")}
    return {}


CARRY_OUTS = RegisterDef(
    key="carry_outs",
    table="carry_out",
    title=N_("Carry-outs"),
    item_title=N_("Carry-out"),
    area=AREA_SHARING,
    human_key="ref",
    display="description",
    default_sort="out_on",
    checks=(_carry_out_checks,),
    fields=(
        Field("ref", N_("Record no."), Kind.CODE, required=True, unique=True, max_length=30,
              list_column=True),
        Field("asset", N_("Asset"), Kind.LINK, link="assets", list_column=True),
        Field("description", N_("What was taken out"), required=True, searchable=True,
              list_column=True),
        Field("media", N_("Media"), Kind.CHOICE, catalogue="MEDIA"),
        Field("purpose", N_("Purpose"), max_length=400),
        Field("destination", N_("Taken to"), max_length=200, list_column=True),
        Field("protection", N_("Protection"), Kind.CHOICE, catalogue="CARRY_PROTECTION",
              list_column=True),
        Field("out_on", N_("Taken out on"), Kind.DATE, required=True, list_column=True),
        Field("back_on", N_("Brought back on"), Kind.DATE, list_column=True),
        Field("carried_by", N_("Carried by"), Kind.LINK, link="people"),
        Field("approver", N_("Approved by"), Kind.LINK, link="people"),
        Field("notes", N_("Notes"), Kind.LONG_TEXT),
    ),
)  # fmt: skip

DISPOSAL_REGISTERS = (DISPOSALS, CARRY_OUTS)
