"""The report's data: a frozen, JSON-serialisable snapshot of sections, and its content hash.

Sections are computed by providers that each register area contributes (``app.board.sections``);
the PDF and Excel builders in ``reports/`` render any snapshot without knowing where it came from.
Every text in a snapshot is already translated into the report's language. The hash covers the
snapshot and the narrative, so two printed copies can be compared by their short hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Status = Literal["good", "watch", "bad", "none"]  # traffic light against the target
HASH_CHARS = 12


@dataclass(frozen=True)
class Kpi:
    label: str
    value: float | int | str | None  # None: no data; with unit "%" a percentage 0–100
    unit: str = ""  # "%", "件", "人" ...
    target: str = ""  # e.g. "≥ 95%"
    status: Status = "none"
    definition: str = ""  # how the figure is computed (stated in the report)
    previous: float | int | str | None = None  # same KPI in the previous period, if known
    rule: str = ""  # how the traffic light is set, e.g. "on target at 0, watch up to 2"
    headline: bool = False  # one of the few indicators the executive summary shows


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]]  # cells: str, int, float, ISO date str ("2026-04-01"), bool or None
    # (cells of kind "percent" are 0..1 shares, as are the values of a Chart with percent=True)
    kinds: list[str] = field(default_factory=list)  # per column: text|int|float|percent|date
    note: str = ""


@dataclass(frozen=True)
class Chart:
    kind: Literal["bar", "heatmap"]
    title: str
    # bar: labels + values (0..1 shares or counts); heatmap: matrix[impact-1][likelihood-1] counts
    labels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    matrix: list[list[int]] = field(default_factory=list)
    axis_labels: list[str] = field(default_factory=list)  # heatmap: [x axis, y axis]
    bands: list[list[str]] = field(default_factory=list)  # heatmap: band colour key per cell
    percent: bool = False


@dataclass(frozen=True)
class Decision:
    """A matter put to the board (付議事項) with the resolution proposed to it."""

    # "risk_acceptance" | "risk_treatment" | "policy_revision" | "budget" | "resource" | "other"
    kind: str
    title: str
    reason: str  # why it comes to the board now, with the figures
    resolution: str  # the proposed resolution text (決議案)
    items: list[str] = field(default_factory=list)  # what exactly is to be decided (no names)


@dataclass(frozen=True)
class Assessment:
    """The overall traffic light of the report and the rule that set it."""

    status: Status
    headline: str
    rule: str


@dataclass(frozen=True)
class Section:
    key: str  # "organisation", "assets", "risk", "controls", "training", ...
    title: str
    summary: str  # one or two sentences for the executive summary
    kpis: list[Kpi] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    appendix: list[Table] = field(default_factory=list)  # long tables printed at the end
    empty: str = ""  # set when the section has no data: the one line printed instead
    events: list[str] = field(default_factory=list)  # significant events of the period
    decisions: list[Decision] = field(default_factory=list)  # put to the board from the data
    recorded: bool = True  # False: Mamori does not record this area yet (chapter says so)


@dataclass(frozen=True)
class Snapshot:
    organisation: str
    period_start: str  # ISO dates
    period_end: str
    period_label: str  # e.g. "2026年度（2026年3月21日〜2027年3月20日）"
    language: str
    generated_at: str  # ISO timestamp
    author: str
    app_version: str
    sections: list[Section] = field(default_factory=list)
    narrative: dict[str, str] = field(default_factory=dict)  # section key -> officer's text
    variant: str = "annual"  # "annual" report or the shorter "kpi_update" for any date range
    assessment: Assessment | None = None
    requests: list[Decision] = field(default_factory=list)  # entered by the officer
    events: list[str] = field(default_factory=list)  # entered by the officer
    named_annex: bool = False  # True: an annex names people (explicit choice, audited)
    audit_anchor: str = ""  # the audit trail's chain head at generation (printed on the cover)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Snapshot:
        data = json.loads(text)
        sections = []
        for raw in data.pop("sections"):
            sections.append(
                Section(
                    **{
                        **raw,
                        "kpis": [Kpi(**k) for k in raw["kpis"]],
                        "tables": [Table(**t) for t in raw["tables"]],
                        "charts": [Chart(**c) for c in raw["charts"]],
                        "appendix": [Table(**t) for t in raw["appendix"]],
                        "decisions": [Decision(**d) for d in raw.get("decisions", [])],
                    }
                )
            )
        assessment = data.pop("assessment", None)
        requests = [Decision(**d) for d in data.pop("requests", [])]
        return cls(
            **data,
            sections=sections,
            assessment=Assessment(**assessment) if assessment else None,
            requests=requests,
        )

    def content_hash(self) -> str:
        """SHA-256 of the content (generation time excluded), as printed on the cover."""
        data = _without_later_defaults(asdict(self))
        data.pop("generated_at")
        canonical = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def short_hash(self) -> str:
        return self.content_hash()[:HASH_CHARS]

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)

    @property
    def decisions(self) -> list[Decision]:
        """Every matter put to the board: from the data first, then the officer's requests."""
        return [d for s in self.sections for d in s.decisions] + list(self.requests)


# Fields added after reports were first stored (schema 4): left out of the hash while they hold
# their default, so a report kept by an earlier version keeps its content hash.
_LATER_SNAPSHOT = {
    "variant": "annual",
    "assessment": None,
    "requests": [],
    "events": [],
    "named_annex": False,
    "audit_anchor": "",
}
_LATER_SECTION = {"events": [], "decisions": [], "recorded": True}
_LATER_KPI = {"rule": "", "headline": False}


def _drop_defaults(data: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not (k in defaults and v == defaults[k])}


def _without_later_defaults(data: dict[str, Any]) -> dict[str, Any]:
    data = _drop_defaults(data, _LATER_SNAPSHOT)
    data["sections"] = [
        {
            **_drop_defaults(section, _LATER_SECTION),
            "kpis": [_drop_defaults(k, _LATER_KPI) for k in section["kpis"]],
        }
        for section in data["sections"]
    ]
    return data


def iso(day: date) -> str:
    return day.isoformat()
