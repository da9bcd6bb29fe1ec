"""The report's overall assessment: one traffic light for the board, set by a stated rule.

Rule: red when any indicator with a target is off target; amber when none is off target but some
need watching; green when every indicator with a target is on target. Chapters Mamori does not
record yet are not assessed, and the assessment says how many there are.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.board.sections import translator
from app.board.snapshot import Assessment, Section, Status
from app.i18n import N_, ngettext_in

MSG_RULE = N_(
    "Rule: red when any indicator with a target is off target; amber when none is off target "
    "but some need watching; green when every indicator with a target is on target."
)


def assess(sections: Sequence[Section], language: str) -> Assessment:
    t = translator(language)
    kpis = [(s, k) for s in sections if s.recorded and not s.empty for k in s.kpis]
    bad = [(s, k) for s, k in kpis if k.status == "bad"]
    watch = [(s, k) for s, k in kpis if k.status == "watch"]
    rated = [k for _s, k in kpis if k.status != "none"]
    status: Status
    if bad:
        status = "bad"
        names = (
            "、".join(k.label for _s, k in bad)
            if language == "ja"
            else "; ".join(k.label for _s, k in bad)
        )
        headline = ngettext_in(
            language,
            "Action needed: {count} indicator is off target ({names}).",
            "Action needed: {count} indicators are off target ({names}).",
            len(bad),
        ).format(count=len(bad), names=names)
    elif watch:
        status = "watch"
        headline = ngettext_in(
            language,
            "No indicator is off target; {count} needs watching.",
            "No indicator is off target; {count} need watching.",
            len(watch),
        ).format(count=len(watch))
    elif rated:
        status = "good"
        headline = t(N_("Every indicator with a target is on target."))
    else:
        status = "none"
        headline = t(N_("No indicator with a target could be assessed for this period."))
    rule = t(MSG_RULE)
    missing = [s for s in sections if not s.recorded]
    if missing:
        rule += " " + ngettext_in(
            language,
            "{count} chapter is not recorded in Mamori yet and is not assessed.",
            "{count} chapters are not recorded in Mamori yet and are not assessed.",
            len(missing),
        ).format(count=len(missing))
    return Assessment(status, headline, rule)
