"""Chapter 個人情報の保有状況 (inventory): the asset register (個人情報管理台帳) at the period's end —
by department, data subjects, confidentiality, special-care / My Number / financial holdings,
media mix, volume, foreign locations and assets kept past their retention date (domain §5.4)."""

from __future__ import annotations

from app.areas.assets.kpi import assets_past_retention
from app.board.period import Period, business_date_sql, previous_period
from app.board.sections import (
    labels,
    ordered_codes,
    rule_at_most,
    section,
    status_at_most,
    translator,
)
from app.board.snapshot import Chart, Kpi, Section, Table
from app.i18n import N_, ngettext_in
from app.storage.database import Connection

KEY = "assets"

# Assets held at a day: entered (business date, organisation's time zone) by the end of the
# period and not disposed of by that day. The risk chapter uses the same definition.
# The business date of an entry: the earliest of its entry in Mamori (organisation's time zone),
# its last review and its first risk assessment — a register imported in bulk keeps its history.
_CREATED = business_date_sql("a.created_at")
ENTERED = (
    f"min({_CREATED}, coalesce(a.last_reviewed, {_CREATED}), coalesce((SELECT min(r.assessed_at) "
    f"FROM risk_assessment r WHERE r.asset_id = a.id), {_CREATED}))"
)
HELD = f"{ENTERED} <= :end AND (a.disposed_on IS NULL OR a.disposed_on > :at)"


def _params(period: Period) -> dict[str, str]:
    return {"end": period.end.isoformat(), "at": period.at.isoformat()}


def held_count(conn: Connection, period: Period) -> int:
    return conn.execute(f"SELECT count(*) FROM asset a WHERE {HELD}", _params(period)).fetchone()[0]


def _counted(conn: Connection, sql: str, period: Period) -> dict[str, int]:
    return {code: count for code, count in conn.execute(sql, _params(period)) if code is not None}


def _in_order(codes: dict[str, int], order: list[str]) -> list[str]:
    return sorted(codes, key=lambda c: (order.index(c) if c in order else len(order), c))


@section(20, KEY, N_("Personal information held"))
def assets_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    title = t(N_("Personal information held"))
    params = _params(period)
    total = held_count(conn, period)
    if total == 0:
        return Section(
            KEY, title, "", empty=t(N_("No assets are recorded in the asset register (台帳)."))
        )
    items_unit = t(N_("items"))
    added, retired = conn.execute(
        f"SELECT sum({ENTERED} BETWEEN :start AND :end), "
        "sum(a.disposed_on BETWEEN :start AND :end) FROM asset a",
        {"start": period.start.isoformat(), "end": period.end.isoformat()},
    ).fetchone()
    special, possible, my_number, financial, children, foreign, _past, review = conn.execute(
        "SELECT sum(a.special_care = 'yes'), sum(a.special_care = 'possible'), "
        "sum(coalesce(a.contains_my_number, 0)), sum(coalesce(a.contains_financial, 0)), "
        "sum(coalesce(a.contains_children, 0)), sum(coalesce(a.foreign_country, '') != ''), "
        "sum(a.retention_until < :at), sum(a.next_review_due < :at) "
        f"FROM asset a WHERE {HELD}",
        params,
    ).fetchone()
    past = len(assets_past_retention(conn, period.at))  # one definition with the dashboard
    previous = previous_period(conn, period, language)
    before = held_count(conn, previous)
    kpis = [
        Kpi(
            t(N_("Assets in the register")),
            total,
            items_unit,
            definition=t(
                N_(
                    "Entries of the asset register (台帳) held on the last day of the period: "
                    "entered by then and not disposed of."
                )
            ),
            previous=before or None,
        ),
        Kpi(
            t(N_("New entries")),
            int(added or 0),
            items_unit,
            definition=t(
                N_(
                    "Assets first recorded during the period: the earliest of the day of entry "
                    "in Mamori (in the organisation's time zone), the last review and the first "
                    "risk assessment falls in the period, so an imported register keeps its history."
                )
            ),
        ),
        Kpi(
            t(N_("Disposed of")),
            int(retired or 0),
            items_unit,
            definition=t(N_("Assets whose disposal date falls in the period.")),
        ),
        Kpi(
            t(N_("Holding special-care data (要配慮個人情報)")),
            int(special or 0),
            items_unit,
            definition=t(
                N_(
                    "Assets marked as containing special-care personal information; {possible} "
                    "more are marked 'to be checked'."
                )
            ).format(possible=int(possible or 0)),
        ),
        Kpi(
            t(N_("Holding My Number (特定個人情報)")),
            int(my_number or 0),
            items_unit,
            definition=t(N_("Assets marked as containing individual numbers (マイナンバー).")),
        ),
        Kpi(
            t(N_("Holding financial data")),
            int(financial or 0),
            items_unit,
            definition=t(
                N_("Assets marked as containing card, account or other financial information.")
            ),
        ),
        Kpi(
            t(N_("Kept past the retention date")),
            int(past or 0),
            items_unit,
            target="0",
            status=status_at_most(int(past or 0), 0, 0),
            definition=t(
                N_(
                    "Held assets whose retention deadline is before the day the figures are "
                    "taken at and that are not disposed of (APPI art. 22: delete without delay)."
                )
            ),
            rule=rule_at_most(language, 0, 0)
            + " "
            + t(N_("A legal obligation: a single case is off target.")),
            headline=True,
        ),
        Kpi(
            t(N_("Register review overdue")),
            int(review or 0),
            items_unit,
            target="0",
            status=status_at_most(int(review or 0), 0, max(1, total // 20)),
            definition=t(
                N_("Held assets whose next review date (at least yearly, JIS A.3.3.1) has passed.")
            ),
            rule=rule_at_most(language, 0, max(1, total // 20))
            + " "
            + t(N_("A management-system target: a few late reviews are tolerated (5%).")),
        ),
    ]
    departments = [
        [name, count, int(sc or 0), int(mn or 0), int(fin or 0)]
        for name, count, sc, mn, fin in conn.execute(
            "SELECT coalesce(d.name, ''), count(*), sum(a.special_care = 'yes'), "
            "sum(coalesce(a.contains_my_number, 0)), sum(coalesce(a.contains_financial, 0)) "
            f"FROM asset a LEFT JOIN department d ON d.id = a.owner_department_id WHERE {HELD} "
            "GROUP BY d.id ORDER BY count(*) DESC, d.code",
            params,
        )
    ]
    subject_labels = labels(conn, "SUBJECT_CAT", language)
    subjects = _counted(
        conn,
        "SELECT j.value, count(DISTINCT a.id) FROM asset a, json_each(a.subject_categories) j "
        f"WHERE a.subject_categories IS NOT NULL AND {HELD} GROUP BY 1",
        period,
    )
    subject_order = ordered_codes(conn, "SUBJECT_CAT")
    classes = _counted(
        conn, f"SELECT a.classification, count(*) FROM asset a WHERE {HELD} GROUP BY 1", period
    )
    class_labels = labels(conn, "CONFIDENTIALITY", language)
    unclassified = total - sum(classes.values())
    media = _counted(
        conn,
        "SELECT j.value, count(DISTINCT a.id) FROM asset a, json_each(a.media) j "
        f"WHERE a.media IS NOT NULL AND {HELD} GROUP BY 1",
        period,
    )
    media_labels = labels(conn, "MEDIA", language)
    media_codes = _in_order(media, ordered_codes(conn, "MEDIA"))
    volumes = _counted(
        conn, f"SELECT a.volume_band, count(*) FROM asset a WHERE {HELD} GROUP BY 1", period
    )
    volume_labels = labels(conn, "VOLUME_BAND", language)
    past_rows = [
        [no, name, department, until, disposal]
        for no, name, department, until, disposal in conn.execute(
            "SELECT a.asset_no, a.name, coalesce(d.name, ''), a.retention_until, "
            "coalesce(a.disposal_method, '') FROM asset a "
            "LEFT JOIN department d ON d.id = a.owner_department_id "
            f"WHERE {HELD} AND a.retention_until < :at ORDER BY a.retention_until, a.asset_no",
            params,
        )
    ]
    disposal_labels = labels(conn, "DISPOSAL_METHOD", language)
    for row in past_rows:
        row[4] = disposal_labels.get(row[4], row[4])
    count_column = t(N_("Assets"))
    summary = t(
        N_(
            "{total} assets in the register; {special} hold special-care data, {my_number} "
            "My Number, {financial} financial data; {past} kept past their retention date."
        )
    ).format(
        total=total,
        special=int(special or 0),
        my_number=int(my_number or 0),
        financial=int(financial or 0),
        past=int(past or 0),
    )
    holdings = [
        [t(N_("Special-care data (要配慮個人情報)")), int(special or 0)],
        [t(N_("Special-care data to be checked")), int(possible or 0)],
        [t(N_("My Number (特定個人情報)")), int(my_number or 0)],
        [t(N_("Financial data")), int(financial or 0)],
        [t(N_("Children's data")), int(children or 0)],
        [t(N_("Handled in a foreign country")), int(foreign or 0)],
    ]
    class_rows = [
        [class_labels.get(code, code), classes[code]]
        for code in _in_order(classes, ordered_codes(conn, "CONFIDENTIALITY"))
    ]
    if unclassified:
        class_rows.append([t(N_("not classified")), unclassified])
    events = []
    if past:
        events.append(
            ngettext_in(
                language,
                "{count} asset is kept past its retention date and must be deleted without delay.",
                "{count} assets are kept past their retention date and must be deleted without "
                "delay.",
                int(past),
            ).format(count=int(past))
        )
    return Section(
        KEY,
        title,
        summary,
        kpis=kpis,
        tables=[
            Table(
                t(N_("Assets by department")),
                [
                    t(N_("Department")),
                    count_column,
                    t(N_("Special-care")),
                    t(N_("My Number")),
                    t(N_("Financial")),
                ],
                departments,
                ["text", "int", "int", "int", "int"],
            ),
            Table(
                t(N_("Sensitive holdings")),
                [t(N_("Kind of data")), count_column],
                holdings,
                ["text", "int"],
            ),
            Table(
                t(N_("Assets by confidentiality")),
                [t(N_("Confidentiality")), count_column],
                class_rows,
                ["text", "int"],
            ),
            Table(
                t(N_("Assets by data subjects")),
                [t(N_("Data subjects")), count_column],
                [
                    [subject_labels.get(code, code), subjects[code]]
                    for code in _in_order(subjects, subject_order)
                ],
                ["text", "int"],
                note=t(N_("An asset about several kinds of subjects counts once for each.")),
            ),
            Table(
                t(N_("Assets by number of people in them")),
                [t(N_("Number of data subjects")), count_column],
                [
                    [volume_labels.get(code, code), volumes[code]]
                    for code in _in_order(volumes, ordered_codes(conn, "VOLUME_BAND"))
                ],
                ["text", "int"],
                note=t(
                    N_(
                        "Volume band of each asset: how many people's data it holds (not the "
                        "number of records or files)."
                    )
                ),
            ),
        ],
        charts=[
            Chart(
                "bar",
                t(N_("Media mix (assets kept on each medium)")),
                labels=[media_labels.get(code, code) for code in media_codes],
                values=[float(media[code]) for code in media_codes],
            ),
        ],
        events=events,
        appendix=[
            Table(
                t(N_("Assets kept past their retention date")),
                [
                    t(N_("Asset no.")),
                    t(N_("Asset")),
                    t(N_("Department")),
                    t(N_("Retain until")),
                    t(N_("Disposal method")),
                ],
                past_rows,
                ["text", "text", "text", "date", "text"],
            )
        ]
        if past_rows
        else [],
    )
