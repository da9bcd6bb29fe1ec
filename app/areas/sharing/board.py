"""Chapter 9 提供・共同利用・加工情報 (domain §5.9): provisions by basis and the completeness of their
records, joint-use arrangements and their changes, anonymised datasets made and provided, foreign
transfers, pseudonymised data, and disposals done against those due. Counts only: no person is
named (the recipients are organisations, and even they are counted, not listed)."""

from __future__ import annotations

from app.areas.sharing.board_figures import SharingFigures, sharing_figures
from app.board.period import Period
from app.board.sections import (
    labels,
    ordered_codes,
    percent,
    ratio,
    rule_at_least,
    rule_at_most,
    section,
    status_at_least,
    status_at_most,
    translator,
)
from app.board.snapshot import Kpi, Section, Table
from app.i18n import N_
from app.storage.database import Connection

KEY = "sharing"
TITLE = N_("Provision to third parties, joint use and processed data")  # the reserved chapter 9


def _kpis(figures: SharingFigures, language: str) -> list[Kpi]:
    t = translator(language)
    unit = t(N_("items"))
    completeness = percent(figures.records_complete, figures.records_needed)
    disposal_rate = percent(figures.disposals_done, figures.disposals_due)
    return [
        Kpi(t(N_("Provisions and receipts recorded")), figures.records, unit,
            definition=t(N_("Provision and receipt records whose provision falls in the period "
                            "(a bulk record or contract: any provision in the period)."))),
        Kpi(t(N_("Records with every required item")), completeness, "%", target="100%",
            status=status_at_least(completeness, 100, 90), headline=True,
            rule=rule_at_least(language, 100, 90),
            definition=t(N_("Records of the period that the law requires (not by law, not "
                            "entrustment or joint use) holding every item of rules 20 and 24, as "
                            "a share of them."))),
        Kpi(t(N_("Joint-use arrangements in force")), figures.joint_uses, unit,
            definition=t(N_("Arrangements started and not ended on the day the figures are "
                            "taken."))),
        Kpi(t(N_("Joint-use changes published late")), figures.joint_changes_late, unit,
            target="0", status=status_at_most(figures.joint_changes_late, 0, 0),
            rule=rule_at_most(language, 0, 0),
            definition=t(N_("Changes of purpose or responsible party in the period published "
                            "on or after the day they took effect (art. 27(6))."))),
        Kpi(t(N_("Anonymised data provided before publication")), figures.anon_late, unit,
            target="0", status=status_at_most(figures.anon_late, 0, 0),
            rule=rule_at_most(language, 0, 0),
            definition=t(N_("Provisions of anonymised data in the period whose items and method "
                            "were not published before them (rule 37)."))),
        Kpi(t(N_("Anonymised datasets with a publication or notice gap")), figures.anon_gaps, unit,
            target="0", status=status_at_most(figures.anon_gaps, 0, 0),
            rule=rule_at_most(language, 0, 0),
            definition=t(N_("Anonymised datasets whose items were published more than 30 days "
                            "after they were made (or are still unpublished), or with a "
                            "provision made before its publication or without telling the "
                            "recipient that the data is anonymised (rules 36 and 37)."))),
        Kpi(t(N_("Foreign recipients' checks overdue")), figures.foreign_overdue, unit,
            target="0", status=status_at_most(figures.foreign_overdue, 0, 1),
            rule=rule_at_most(language, 0, 1),
            definition=t(N_("Recipients under an equivalent system whose yearly check (rule 18) "
                            "is past due on the day the figures are taken."))),
        Kpi(t(N_("Disposals done against due")), disposal_rate, "%", target="100%",
            status=status_at_least(disposal_rate, 100, 80), headline=True,
            rule=rule_at_least(language, 100, 80),
            definition=t(N_("Retention dates of the asset register and of provision records "
                            "falling in the period that were met by a recorded disposal, as a "
                            "share of them."))),
    ]  # fmt: skip


@section(90, KEY, TITLE)
def sharing_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    figures = sharing_figures(conn, period)
    if figures.nothing:
        return Section(KEY, t(TITLE), "", empty=t(N_(
            "No provision, joint use, foreign transfer, processed dataset or disposal is "
            "recorded for the period.")))  # fmt: skip
    basis_labels = labels(conn, "PROVISION_BASIS", language)
    by_basis = [
        [basis_labels.get(code, code), *figures.by_basis[code],
         ratio(figures.by_basis[code][3], figures.by_basis[code][2])]
        for code in ordered_codes(conn, "PROVISION_BASIS") if code in figures.by_basis
    ]  # fmt: skip
    foreign_labels = labels(conn, "FOREIGN_BASIS", language)
    method_labels = labels(conn, "DISPOSAL_METHOD", language)
    tables = [
        Table(t(N_("Provisions and receipts by basis")),
              [t(N_("Basis")), t(N_("Provided")), t(N_("Received")), t(N_("Record required")),
               t(N_("Complete")), t(N_("Completeness"))],
              by_basis, ["text", "int", "int", "int", "int", "percent"]),
        Table(t(N_("Joint use")),
              [t(N_("Arrangement")), t(N_("Published on")), t(N_("Changes in the period")),
               t(N_("Published late"))],
              [list(row) for row in figures.joint_rows], ["text", "date", "int", "int"]),
        Table(t(N_("Anonymised and pseudonymised data")),
              [t(N_("Dataset")), t(N_("Made on")), t(N_("Items published on")),
               t(N_("Provisions in the period")), t(N_("Recipients"))],
              [list(row) for row in figures.anon_rows], ["text", "date", "date", "int", "int"],
              note=t(N_("Pseudonymised datasets in use: {using}; no longer needed and not yet "
                        "deleted: {undeleted}.")).format(using=figures.pseudo_in_use,
                                                          undeleted=figures.pseudo_undeleted)),
        Table(t(N_("Foreign transfers by country and basis")),
              [t(N_("Country or region")), t(N_("Basis")), t(N_("Transfers")),
               t(N_("Checks overdue"))],
              [[country, foreign_labels.get(basis, basis), count, overdue]
               for country, basis, count, overdue in figures.foreign_rows],
              ["text", "text", "int", "int"]),
        Table(t(N_("Disposals by method")),
              [t(N_("Disposal method")), t(N_("Disposals")), t(N_("Certificates awaited"))],
              [[method_labels.get(method, method), count, awaited]
               for method, count, awaited in figures.disposal_rows], ["text", "int", "int"],
              note=t(N_("Retention dates due in the period: {due}; met by a disposal: {done}."))
              .format(due=figures.disposals_due, done=figures.disposals_done)),
    ]  # fmt: skip
    completeness = percent(figures.records_complete, figures.records_needed)
    summary = t(N_(
        "{records} provisions and receipts recorded ({complete} complete); {joint} joint-use "
        "arrangements in force; {anon} anonymised datasets made; {disposals} of {due} retention "
        "dates met by a disposal.")).format(
        records=figures.records,
        complete="—" if completeness is None else f"{completeness:.1f}%",
        joint=figures.joint_uses, anon=figures.anon_made, disposals=figures.disposals_done,
        due=figures.disposals_due)  # fmt: skip
    events = []
    if figures.joint_changes_late:
        events.append(t(N_("{count} joint-use changes were published late.")).format(
            count=figures.joint_changes_late))  # fmt: skip
    if figures.anon_late:
        events.append(t(N_("{count} provisions of anonymised data were not published before "
                           "they were made.")).format(count=figures.anon_late))  # fmt: skip
    return Section(KEY, t(TITLE), summary, kpis=_kpis(figures, language), tables=tables,
                   events=events)  # fmt: skip
