"""Chapter 安全管理措置の状況 (controls): implementation rate per category of the PPC guideline's
safety measures (基本方針, 規律, 組織的, 人的, 物理的, 技術的, 外的環境) and the gaps (domain §5.6).

Counted over the recorded statuses of active controls (organisation-wide and per asset); a status
marked "not applicable" is left out of the rate.
"""

from __future__ import annotations

from app.board.period import Period
from app.board.sections import (
    labels,
    listed,
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
from app.board.snapshot import Decision, Kpi, Section, Table
from app.i18n import N_, ngettext_in
from app.storage.database import Connection

KEY = "controls"
TARGET_IMPLEMENTED = 90.0
GAP_STATUSES = ("partial", "planned", "not_implemented")
# Categories whose gaps mean a policy or 規程 revision, which the board issues (domain §5.3).
POLICY_CATEGORIES = ("basic_policy", "rules")


@section(40, KEY, N_("Safety management measures"))
def controls_section(conn: Connection, period: Period, language: str) -> Section:
    t = translator(language)
    title = t(N_("Safety management measures"))
    name = "coalesce(c.name_en, c.name_ja)" if language == "en" else "c.name_ja"
    rows = conn.execute(
        f"SELECT c.code, {name}, c.category, s.scope, coalesce(a.asset_no || ' ' || a.name, ''), "
        "s.status, coalesce(s.gap_note, ''), s.due, coalesce(p.name, '') "
        "FROM control_status s JOIN control c ON c.id = s.control_id "
        "LEFT JOIN asset a ON a.id = s.asset_id LEFT JOIN person p ON p.id = s.owner_id "
        "WHERE coalesce(c.active, 1) = 1 ORDER BY c.code, s.id"
    ).fetchall()
    if not rows:
        return Section(
            KEY, title, "", empty=t(N_("No implementation status of any control is recorded."))
        )
    at = period.at.isoformat()
    items_unit = t(N_("items"))
    categories = labels(conn, "CONTROL_CATEGORY", language)
    statuses = labels(conn, "CONTROL_STATUS", language)
    order = ordered_codes(conn, "CONTROL_CATEGORY")
    tally: dict[str, list[int]] = {}  # category -> [implemented, partial, applicable]
    for _code, _name, category, _scope, _asset, status, *_rest in rows:
        counts = tally.setdefault(category, [0, 0, 0])
        if status == "na":
            continue
        counts[2] += 1
        counts[0] += status == "implemented"
        counts[1] += status == "partial"
    implemented = sum(c[0] for c in tally.values())
    applicable = sum(c[2] for c in tally.values())
    rate = percent(implemented, applicable)
    gaps = [row for row in rows if row[5] in GAP_STATUSES]
    overdue = [row for row in gaps if row[7] and row[7] < at]
    unassessed = conn.execute(
        "SELECT count(*) FROM control c WHERE coalesce(c.active, 1) = 1 "
        "AND NOT EXISTS (SELECT 1 FROM control_status s WHERE s.control_id = c.id)"
    ).fetchone()[0]
    category_codes = sorted(tally, key=lambda c: (order.index(c) if c in order else 99, c))
    kpis = [
        Kpi(
            t(N_("Controls implemented")),
            rate,
            "%",
            target=f"≥ {TARGET_IMPLEMENTED:.0f}%",
            status=status_at_least(rate, TARGET_IMPLEMENTED, 75),
            rule=rule_at_least(language, TARGET_IMPLEMENTED, 75),
            headline=True,
            definition=t(
                N_(
                    "Recorded control statuses that are 'implemented', as a share of all "
                    "statuses except 'not applicable' (organisation-wide and per asset)."
                )
            ),
        ),
        Kpi(
            t(N_("Gaps")),
            len(gaps),
            items_unit,
            definition=t(N_("Statuses 'partly implemented', 'planned' or 'not implemented'.")),
        ),
        Kpi(
            t(N_("Gaps past their due date")),
            len(overdue),
            items_unit,
            target="0",
            status=status_at_most(len(overdue), 0, 2),
            rule=rule_at_most(language, 0, 2),
            definition=t(N_("Gaps whose planned completion date has passed.")),
        ),
        Kpi(
            t(N_("Controls without a status")),
            unassessed,
            items_unit,
            target="0",
            status=status_at_most(unassessed, 0, 5),
            rule=rule_at_most(language, 0, 5),
            definition=t(N_("Active controls of the catalogue with no status recorded yet.")),
        ),
    ]
    per_category = [
        [
            categories.get(code, code),
            tally[code][2],
            tally[code][0],
            tally[code][1],
            ratio(tally[code][0], tally[code][2]),
        ]
        for code in category_codes
    ]
    gap_rows = [
        [
            code,
            control,
            categories.get(category, category),
            asset or t(N_("organisation-wide")),
            statuses.get(status, status),
            note,
            due,
        ]
        for code, control, category, _scope, asset, status, note, due, _owner in gaps
    ]
    policy_gaps = [row for row in gaps if row[2] in POLICY_CATEGORIES]
    decisions = []
    if policy_gaps:
        decisions.append(
            Decision(
                "policy_revision",
                t(N_("Revision of the basic policy and handling rules (規程)")),
                ngettext_in(
                    language,
                    "{count} control of the basic policy or the handling rules is not fully "
                    "in place; the rules the board issues need revising.",
                    "{count} controls of the basic policy or the handling rules are not fully "
                    "in place; the rules the board issues need revising.",
                    len(policy_gaps),
                ).format(count=len(policy_gaps)),
                t(
                    N_(
                        "The board instructs the privacy officer to submit the revised policy "
                        "and rules covering the items listed, for resolution at a following "
                        "meeting."
                    )
                ),
                listed([f"{row[0]} {row[1]}" for row in policy_gaps], language),
            )
        )
    summary = t(
        N_(
            "{rate}% of applicable control statuses are implemented; {gaps} gaps, {overdue} overdue."
        )
    ).format(rate="—" if rate is None else f"{rate:.1f}", gaps=len(gaps), overdue=len(overdue))
    return Section(
        KEY,
        title,
        summary,
        kpis=kpis,
        tables=[
            Table(
                t(N_("Implementation by category")),
                [
                    t(N_("Category")),
                    t(N_("Applicable")),
                    t(N_("Implemented")),
                    t(N_("Partly implemented")),
                    t(N_("Rate")),
                ],
                per_category,
                ["text", "int", "int", "int", "percent"],
            ),
            Table(
                t(N_("Gaps")),
                [
                    t(N_("Code")),
                    t(N_("Control")),
                    t(N_("Category")),
                    t(N_("Scope")),
                    t(N_("Status")),
                    t(N_("Gap")),
                    t(N_("Due")),
                ],
                gap_rows,
                ["text", "text", "text", "text", "text", "text", "date"],
                note="" if gap_rows else t(N_("No gap is recorded.")),
            ),
        ],
        decisions=decisions,
    )
