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
class Section:
    key: str  # "organisation", "assets", "risk", "controls", "training", ...
    title: str
    summary: str  # one or two sentences for the executive summary
    kpis: list[Kpi] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    appendix: list[Table] = field(default_factory=list)  # long tables printed at the end
    empty: str = ""  # set when the section has no data: the one line printed instead


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
                    }
                )
            )
        return cls(**data, sections=sections)

    def content_hash(self) -> str:
        """SHA-256 of the content (generation time excluded), as printed on the cover."""
        data = asdict(self)
        data.pop("generated_at")
        canonical = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def short_hash(self) -> str:
        return self.content_hash()[:HASH_CHARS]

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)


def iso(day: date) -> str:
    return day.isoformat()
