"""The board (理事会) privacy report as a PDF: reportlab Platypus, A4 portrait, IPAexGothic embedded.

``write_pdf(snapshot, path)`` renders any ``app.board.snapshot.Snapshot``: cover with approval box
and content hash, table of contents, executive summary with traffic lights, one chapter per
section (KPIs with their definitions as footnotes, charts drawn as vector graphics, tables whose
header repeats on every page, the officer's narrative), and the appendix tables. Every page has the
organisation and the 取扱注意 marking at the top, "page n / N" and the generation time at the bottom.

Every snapshot string is escaped before it reaches a Paragraph (whose mini-language could change
fonts or load an image file); charts and plain table cells are not parsed at all. The document is
built twice (table of contents), in memory, optionally encrypted (AES-256), then written atomically.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.renderbase import STATE_DEFAULTS
from reportlab.graphics.shapes import Circle, Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
    tables,
)
from reportlab.platypus.tableofcontents import TableOfContents

from app.board.snapshot import Chart, Kpi, Section, Snapshot
from reports.fonts import register_japanese_font
from reports.linebreak import KinsokuParagraph as Para
from reports.linebreak import unbreakable_runs, wrap_plain
from reports.pdf_archive import finish_archival
from reports.pdf_charts import bar_chart, heat_map
from reports.pdf_styles import (
    CELL_FONT_SIZE,
    CELL_PADDING,
    INK_COLOUR,
    MUTED_COLOUR,
    PAGE_MARGIN_BOTTOM,
    PAGE_MARGIN_TOP,
    PAGE_MARGIN_X,
    RULE_COLOUR,
    TEAL,
    TEAL_LIGHT,
    ZEBRA,
    Styles,
    make_styles,
)
from reports.protect import atomic_write, encrypt_pdf
from reports.report_common import (
    DECISION_KINDS,
    RED,
    STATUS_COLOURS,
    clean,
    column_kind,
    format_cell,
    format_kpi_value,
    format_timestamp,
    parse_date,
    status_label,
    status_of,
    tr,
    trn,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
FRAME_WIDTH = PAGE_WIDTH - 2 * PAGE_MARGIN_X
NUMERIC_KINDS = ("int", "float", "percent")
MIN_ROW_HEIGHT = 10.0  # no table row is lower: bounds the rows tried per page


def write_pdf(snapshot: Snapshot, path: Path | str, *, password: str | None = None) -> Path:
    """Render ``snapshot`` to ``path`` (atomically); with ``password``, encrypted with AES-256."""
    data = build_pdf(snapshot)
    if password:
        data = encrypt_pdf(data, password)
    return atomic_write(Path(path), data)


def build_pdf(snapshot: Snapshot) -> bytes:
    """The report as PDF bytes (unencrypted)."""
    font = register_japanese_font()
    # Never reportlab's unembedded Helvetica: not for plain table cells, not as a drawing's
    # initial state (declared on every page with a chart even though no glyph uses it).
    tables.CellStyle.fontname = font
    STATE_DEFAULTS["fontName"] = font
    styles = make_styles(font, snapshot.language)
    out = io.BytesIO()
    doc = _ReportDocument(out, snapshot, styles)
    doc.multiBuild(_story(snapshot, styles), canvasmaker=_canvas_maker(font))
    return finish_archival(
        out.getvalue(),
        title=report_title(snapshot),
        author=clean(snapshot.author),
        subject=clean(snapshot.period_label),
        language=snapshot.language,
        generated_at=snapshot.generated_at,
        creator=f"Mamori {clean(snapshot.app_version)}",
        anchor=clean(snapshot.audit_anchor),
    )


def report_title(snapshot: Snapshot) -> str:
    word = (
        "KPI update to the board"
        if snapshot.variant == "kpi_update"
        else "Privacy report to the board"
    )
    return f"{tr(snapshot.language, word)} — {clean(snapshot.organisation)}"


def _document_word(snapshot: Snapshot) -> str:
    if snapshot.variant == "kpi_update":
        return tr(snapshot.language, "KPI update to the board")
    return tr(snapshot.language, "Privacy report to the board")


# IPAexGothic lacks a few mathematical signs; their JIS forms look the same on paper.
_GLYPHS = str.maketrans({"≥": "≧", "≤": "≦"})


def printable(value: Any) -> str:
    """Snapshot text as printed (control characters removed, missing glyphs replaced)."""
    return clean(value).translate(_GLYPHS)


def text(value: Any) -> str:
    """Snapshot text made safe for a Paragraph: markup characters print literally."""
    return escape(printable(value)).replace("\n", "<br/>")


# --- document, page decoration ------------------------------------------------------------------


class _ReportDocument(BaseDocTemplate):
    def __init__(self, out: io.BytesIO, snapshot: Snapshot, styles: Styles) -> None:
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=PAGE_MARGIN_X,
            rightMargin=PAGE_MARGIN_X,
            topMargin=PAGE_MARGIN_TOP,
            bottomMargin=PAGE_MARGIN_BOTTOM,
            title=report_title(snapshot),
            author=clean(snapshot.author),
            subject=clean(snapshot.period_label),
            creator=f"Mamori {clean(snapshot.app_version)}",
            invariant=1,
            initialFontName=register_japanese_font(),
        )
        self.snapshot = snapshot
        self.short_hash = snapshot.short_hash  # hashing a large snapshot takes a while: once
        frame = Frame(
            PAGE_MARGIN_X,
            PAGE_MARGIN_BOTTOM,
            FRAME_WIDTH,
            PAGE_HEIGHT - PAGE_MARGIN_TOP - PAGE_MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._decorate),
                PageTemplate("body", [frame], onPage=self._decorate),
            ]
        )
        self._heading = 0
        # "page n / N": N is the page count of the previous pass; passes repeat until it settles.
        self._known_total: int | None = None
        self._pass_total = 0

    def build(self, flowables: list[Flowable], **kwargs: Any) -> None:
        super().build(flowables, **kwargs)
        self._pass_total = self.page

    def _allSatisfied(self) -> bool:
        happy = super()._allSatisfied()
        settled = self._known_total == self._pass_total
        self._known_total = self._pass_total
        return bool(happy and settled)

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        snapshot, font = self.snapshot, register_japanese_font()
        language = snapshot.language
        canvas.saveState()
        top = PAGE_HEIGHT - 13 * mm
        canvas.setFont(font, 8)
        canvas.setFillColor(MUTED_COLOUR)
        canvas.drawString(
            PAGE_MARGIN_X, top, _fit(clean(snapshot.organisation), font, 8, FRAME_WIDTH - 60 * mm)
        )
        marking = tr(language, "Confidential: handle with care")
        width = stringWidth(marking, font, 8.5) + 10
        x = PAGE_WIDTH - PAGE_MARGIN_X - width
        canvas.setStrokeColor(colors.HexColor(RED))
        canvas.setFillColor(colors.HexColor(RED))
        canvas.setLineWidth(0.8)
        canvas.rect(x, top - 3.5, width, 13, stroke=1, fill=0)
        canvas.setFont(font, 8.5)
        canvas.drawString(x + 5, top, marking)
        canvas.setStrokeColor(TEAL)
        canvas.setLineWidth(1.2)
        canvas.line(PAGE_MARGIN_X, top - 7, PAGE_WIDTH - PAGE_MARGIN_X, top - 7)
        # Footer: generation time left, "page n / N" centred, content hash right.
        bottom = 11 * mm
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.5)
        canvas.line(PAGE_MARGIN_X, bottom + 10, PAGE_WIDTH - PAGE_MARGIN_X, bottom + 10)
        canvas.setFont(font, 7.5)
        canvas.setFillColor(MUTED_COLOUR)
        generated = tr(language, "Generated {time}").format(
            time=format_timestamp(language, snapshot.generated_at)
        )
        canvas.drawString(PAGE_MARGIN_X, bottom, generated)
        canvas.drawRightString(PAGE_WIDTH - PAGE_MARGIN_X, bottom, self.short_hash)
        canvas.setFont(font, 8)
        canvas.setFillColor(INK_COLOUR)
        total = str(self._known_total) if self._known_total else "…"
        canvas.drawCentredString(
            PAGE_WIDTH / 2,
            bottom,
            tr(language, "page {n} / {total}").format(n=doc.page, total=total),
        )
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        level = getattr(flowable, "toc_level", None)
        if level is None:
            return
        label = flowable.getPlainText()
        key = f"h{self._heading}"
        self._heading += 1
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(label, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, escape(label), self.page, key))

    def handle_documentBegin(self) -> None:
        self._heading = 0
        super().handle_documentBegin()


def _canvas_maker(font: str) -> Callable[..., Canvas]:
    class ReportCanvas(Canvas):
        """A plain canvas whose only initial font is the embedded one: no Helvetica, even unused."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("initialFontName", font)
            super().__init__(*args, **kwargs)

    return ReportCanvas


def _fit(value: str, font: str, size: float, width: float) -> str:
    if stringWidth(value, font, size) <= width:
        return value
    while value and stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value + "…"


# --- story --------------------------------------------------------------------------------------


def _heading(content: str, style: Any, level: int | None) -> Para:
    paragraph = Para(content, style)
    if level is not None:
        paragraph.toc_level = level  # type: ignore[attr-defined]
    return paragraph


def _story(snapshot: Snapshot, styles: Styles) -> list[Flowable]:
    language = snapshot.language
    story: list[Flowable] = [NextPageTemplate("body")]
    story += _cover(snapshot, styles)
    story.append(PageBreak())
    story.append(Para(text(tr(language, "Table of contents")), styles.h1))
    story.append(Spacer(1, 4 * mm))
    toc = TableOfContents(levelStyles=styles.toc_levels, dotsMinLevel=0)
    story.append(toc)
    story.append(PageBreak())
    story += _summary(snapshot, styles)
    for number, section in enumerate(snapshot.sections, start=1):
        # A chapter opens a new page only when little room is left: no near-empty pages.
        story.append(CondPageBreak(CHAPTER_ROOM))
        story += _chapter(snapshot, section, number, styles)
    appendix = [(s, t) for s in snapshot.sections for t in s.appendix]
    if appendix:
        story.append(CondPageBreak(CHAPTER_ROOM))
        story.append(_heading(text(tr(language, "Appendix")), styles.h1, 0))
        story.append(_rule())
        for index, (section, table) in enumerate(appendix, start=1):
            title = f"A{index}. {text(table.title)}"
            story.append(CondPageBreak(40 * mm))
            story.append(_heading(title, styles.h2, 1))
            story.append(Para(text(section.title), styles.small))
            story.append(Spacer(1, 2 * mm))
            rows = table.rows[:PDF_APPENDIX_ROWS]
            story += _table(table.columns, rows, table.kinds, language, styles)
            if len(table.rows) > len(rows):
                more = tr(
                    language,
                    "The first {shown} of {total} rows are printed; the Excel version lists them all.",
                ).format(shown=f"{len(rows):,}", total=f"{len(table.rows):,}")
                story.append(Para(text(more), styles.small))
            if table.note:
                story.append(Para(text(table.note), styles.small))
    return story


CHAPTER_ROOM = 90 * mm  # a chapter starts on a new page unless this much room is left

# A board member reads a few pages of a list, not hundreds: long lists go in full to the Excel file.
PDF_APPENDIX_ROWS = 500
PDF_CHAPTER_ROWS = 40  # a chapter's table shows its first rows; the workbook has every row


def _more_rows(language: str, shown: int, total: int) -> str:
    return tr(
        language,
        "The first {shown} of {total} rows are printed; the Excel version lists them all.",
    ).format(shown=f"{shown:,}", total=f"{total:,}")


def _rule() -> Flowable:
    drawing = Drawing(FRAME_WIDTH, 6)
    from reportlab.graphics.shapes import Line

    drawing.add(Line(0, 4, FRAME_WIDTH, 4, strokeColor=TEAL, strokeWidth=1.2))
    return drawing


def _cover(snapshot: Snapshot, styles: Styles) -> list[Flowable]:
    language = snapshot.language
    story: list[Flowable] = [Spacer(1, 28 * mm)]
    story.append(Para(text(clean(snapshot.organisation)), styles.subtitle))
    story.append(Spacer(1, 3 * mm))
    story.append(Para(text(_document_word(snapshot)), styles.title))
    story.append(Para(text(snapshot.period_label), styles.subtitle))
    story.append(Spacer(1, 4 * mm))
    story.append(_rule())
    story.append(Spacer(1, 6 * mm))
    start, end = parse_date(snapshot.period_start), parse_date(snapshot.period_end)
    period = snapshot.period_start + " – " + snapshot.period_end
    if start and end:
        from reports.report_common import format_date

        period = f"{format_date(language, start)} – {format_date(language, end)}"
    facts = [
        (tr(language, "Reporting period"), period),
        (tr(language, "Prepared by"), clean(snapshot.author)),
        (tr(language, "Date of issue"), format_timestamp(language, snapshot.generated_at)),
        (tr(language, "Prepared with"), f"Mamori {clean(snapshot.app_version)}"),
    ]
    if snapshot.audit_anchor:  # the audit trail's chain head at generation (issue 18 fills it)
        facts.append((tr(language, "Audit-trail anchor"), clean(snapshot.audit_anchor)))
    if snapshot.named_annex:
        facts.append(
            (tr(language, "Named annex"), tr(language, "included at the officer's request"))
        )
    rows = [[Para(text(k), styles.small), Para(text(v), styles.body)] for k, v in facts]
    info = Table(rows, colWidths=[38 * mm, FRAME_WIDTH - 38 * mm])
    info.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE_COLOUR),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.append(info)
    story.append(Spacer(1, 14 * mm))
    story.append(Para(text(tr(language, "Approval")), styles.h3))
    roles = [
        tr(language, "Chair of the board"),
        tr(language, "Director responsible for information"),
        tr(language, "Privacy officer"),
        tr(language, "Privacy audit officer"),
    ]
    box_width = FRAME_WIDTH / len(roles)
    approval = Table(
        [
            [Para(text(role), styles.header_cell) for role in roles],
            ["" for _ in roles],
            [Para(text(tr(language, "Date:")), styles.small) for _ in roles],
        ],
        colWidths=[box_width] * len(roles),
        rowHeights=[None, 26 * mm, 7 * mm],
    )
    approval.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), TEAL),
                ("GRID", (0, 0), (-1, -1), 0.6, RULE_COLOUR),
                ("BOX", (0, 0), (-1, -1), 1.0, TEAL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story.append(approval)
    story.append(Spacer(1, 12 * mm))
    hash_line = tr(language, "Content hash: {hash}").format(hash=snapshot.short_hash)
    hash_note = tr(
        language,
        "Two copies with the same content hash contain the same figures and comments.",
    )
    box = Table(
        [[Para(text(hash_line), styles.h3)], [Para(text(hash_note), styles.small)]],
        colWidths=[FRAME_WIDTH],
    )
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TEAL_LIGHT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
            ]
        )
    )
    story.append(box)
    return story


def _light(status: str, size: float = 9) -> Drawing:
    drawing = Drawing(size + 2, size + 2)
    colour = colors.HexColor(STATUS_COLOURS[status_of(status)])
    drawing.add(Circle(size / 2 + 1, size / 2 + 1, size / 2, fillColor=colour, strokeColor=None))
    return drawing


def _status_cell(language: str, status: str, styles: Styles) -> Table:
    cell = Table(
        [[_light(status), Para(text(status_label(language, status)), styles.cell)]],
        colWidths=[13, None],
    )
    cell.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return cell


SUMMARY_DECISION_ITEMS = 8  # items listed per decision in the summary; the chapter has them all
SUMMARY_EVENTS = 8


def _summary(snapshot: Snapshot, styles: Styles) -> list[Flowable]:
    """Domain §5.2 on at most two pages: the overall assessment and its rule, the headline
    indicators, significant events, the decisions requested of the board with a proposed
    resolution each, the officer's comments, and one line per chapter."""
    language = snapshot.language
    story: list[Flowable] = [
        _heading(text(tr(language, "Executive summary")), styles.h1, 0),
        _rule(),
        Spacer(1, 2 * mm),
    ]
    assessment = snapshot.assessment
    if assessment is not None:
        story.append(_assessment_box(language, assessment, styles))
    headline = [
        k for s in snapshot.sections if s.recorded and not s.empty for k in s.kpis if k.headline
    ]
    if headline:
        story.append(Para(text(tr(language, "Key indicators")), styles.h3))
        story.append(_kpi_table(language, headline, styles, footnotes=None))
    events = [e for s in snapshot.sections for e in s.events] + list(snapshot.events)
    story.append(Para(text(tr(language, "Significant events of the period")), styles.h3))
    if events:
        for event in events[:SUMMARY_EVENTS]:
            story.append(Para(text(event), styles.bullet, bulletText="•"))
        if len(events) > SUMMARY_EVENTS:
            more = trn(
                language,
                "…and {count} more in the chapters.",
                "…and {count} more in the chapters.",
                len(events) - SUMMARY_EVENTS,
            )
            story.append(Para(text(more.format(count=len(events) - SUMMARY_EVENTS)), styles.small))
    else:
        story.append(Para(text(tr(language, "No significant event was recorded.")), styles.empty))
    story += _decisions(snapshot, styles)
    comment = snapshot.narrative.get("summary", "").strip()
    if comment:
        story.append(Spacer(1, 2 * mm))
        story.append(_narrative_box(language, comment, styles))
    story.append(Para(text(tr(language, "Chapters at a glance")), styles.h3))
    story.append(_chapter_overview(snapshot, styles))
    return story


def _assessment_box(language: str, assessment: Any, styles: Styles) -> Table:
    status = status_of(assessment.status)
    title = tr(language, "Overall assessment: {status}").format(
        status=status_label(language, status)
    )
    box = Table(
        [
            [_light(status, 16), Para(text(title), styles.h2_tight)],
            ["", Para(text(assessment.headline), styles.body)],
            ["", Para(text(assessment.rule), styles.small)],
        ],
        colWidths=[24, FRAME_WIDTH - 24],
    )
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TEAL_LIGHT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(STATUS_COLOURS[status])),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("SPAN", (0, 0), (0, -1)),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return box


def _decisions(snapshot: Snapshot, styles: Styles) -> list[Flowable]:
    language = snapshot.language
    story: list[Flowable] = [
        Para(text(tr(language, "Decisions requested of the board")), styles.h3)
    ]
    decisions = snapshot.decisions
    if not decisions:
        story.append(
            Para(text(tr(language, "No decision is requested at this meeting.")), styles.empty)
        )
        return story
    for number, decision in enumerate(decisions, start=1):
        kind = tr(language, DECISION_KINDS.get(decision.kind, DECISION_KINDS["other"]))
        rows: list[list[Any]] = [
            [
                Para(f"{tr(language, 'Matter')} {number}", styles.header_cell),
                Para(
                    f"{text(decision.title)}（{text(kind)}）"
                    if language == "ja"
                    else f"{text(decision.title)} ({text(kind)})",
                    styles.header_cell,
                ),
            ],
        ]
        if decision.reason:
            rows.append(
                [
                    Para(text(tr(language, "Reason")), styles.small),
                    Para(text(decision.reason), styles.cell),
                ]
            )
        if decision.items:
            shown = decision.items[:SUMMARY_DECISION_ITEMS]
            listed = "<br/>".join(f"・{text(item)}" for item in shown)
            if len(decision.items) > len(shown):
                rest = len(decision.items) - len(shown)
                listed += "<br/>" + text(
                    trn(
                        language,
                        "…and {count} more (listed in the chapter).",
                        "…and {count} more (listed in the chapter).",
                        rest,
                    ).format(count=rest)
                )
            rows.append(
                [
                    Para(text(tr(language, "Subject")), styles.small),
                    Para(listed, styles.cell),
                ]
            )
        rows.append(
            [
                Para(text(tr(language, "Proposed resolution")), styles.small),
                Para(text(decision.resolution), styles.resolution),
            ]
        )
        table = Table(rows, colWidths=[28 * mm, FRAME_WIDTH - 28 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), TEAL),
                    ("BACKGROUND", (0, -1), (-1, -1), TEAL_LIGHT),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE_COLOUR),
                    ("BOX", (0, 0), (-1, -1), 0.6, TEAL),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story.append(KeepTogether([table, Spacer(1, 2 * mm)]))
    return story


def _worst(section: Section) -> str:
    statuses = {status_of(k.status) for k in section.kpis}
    for status in ("bad", "watch", "good"):
        if status in statuses:
            return status
    return "none"


def _chapter_overview(snapshot: Snapshot, styles: Styles) -> Table:
    language = snapshot.language
    rows: list[list[Any]] = [
        [
            Para(text(tr(language, "Chapter")), styles.header_cell),
            Para(text(tr(language, "In one line")), styles.header_cell),
            Para(text(tr(language, "Status")), styles.header_cell),
        ]
    ]
    for number, section in enumerate(snapshot.sections, start=1):
        if not section.recorded:
            line = tr(language, "Not yet recorded in Mamori.")
        else:
            line = section.empty or section.summary
        rows.append(
            [
                Para(f"{number}. {text(section.title)}", styles.cell),
                Para(text(line), styles.cell),
                _status_cell(language, _worst(section) if section.recorded else "none", styles)
                if section.recorded
                else Para(text(tr(language, "not assessed")), styles.cell),
            ]
        )
    table = Table(rows, colWidths=[FRAME_WIDTH * w for w in (0.3, 0.52, 0.18)], repeatRows=1)
    table.setStyle(_grid_style(len(rows)))
    return table


def _kpi_table(
    language: str, kpis: Sequence[Kpi], styles: Styles, footnotes: list[str] | None
) -> Table:
    header = [
        tr(language, "Indicator"),
        tr(language, "Value"),
        tr(language, "Target"),
        tr(language, "Previous period"),
        tr(language, "Status"),
    ]
    aligned = [styles.header_cell, styles.header_cell_right, styles.header_cell]
    aligned += [styles.header_cell_right, styles.header_cell]
    rows: list[list[Any]] = [[Para(text(h), aligned[i]) for i, h in enumerate(header)]]
    for kpi in kpis:
        label = text(kpi.label)
        if footnotes is not None and kpi.definition:
            footnotes.append(f"{kpi.definition} {kpi.rule}".strip())
            label += f"<super>{len(footnotes)}</super>"
        previous = "" if kpi.previous is None else format_kpi_value(language, kpi, kpi.previous)
        rows.append(
            [
                Para(label, styles.cell),
                Para(text(format_kpi_value(language, kpi)), styles.cell_right),
                Para(text(kpi.target), styles.cell),
                Para(text(previous), styles.cell_right),
                _status_cell(language, kpi.status, styles),
            ]
        )
    widths = [0.38, 0.15, 0.15, 0.14, 0.18]
    table = Table(rows, colWidths=[FRAME_WIDTH * w for w in widths], repeatRows=1)
    table.setStyle(_grid_style(len(rows)))
    table.setStyle(TableStyle([("LEFTPADDING", (2, 0), (2, -1), 14)]))  # air after the value
    return table


def _grid_style(rows: int) -> TableStyle:
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), TEAL),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE_COLOUR),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
    )


def _narrative_box(language: str, body: str, styles: Styles) -> Table:
    box = Table(
        [
            [Para(text(tr(language, "Privacy officer's comments")), styles.narrative_title)],
            [Para(text(body), styles.body)],
        ],
        colWidths=[FRAME_WIDTH],
    )
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TEAL_LIGHT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, TEAL),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, 0), 7),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
            ]
        )
    )
    return box


def _chapter(snapshot: Snapshot, section: Section, number: int, styles: Styles) -> list[Flowable]:
    language = snapshot.language
    story: list[Flowable] = [
        _heading(f"{number}. {text(section.title)}", styles.h1, 0),
        _rule(),
        Spacer(1, 2 * mm),
    ]
    narrative = snapshot.narrative.get(section.key, "").strip()
    if section.empty:
        story.append(Para(text(section.empty), styles.empty))
        if narrative:
            story.append(_narrative_box(language, narrative, styles))
        return story
    if section.summary:
        story.append(Para(text(section.summary), styles.body))
    if section.kpis:
        story.append(Para(text(tr(language, "Key indicators")), styles.h3))
        footnotes: list[str] = []
        story.append(_kpi_table(language, section.kpis, styles, footnotes))
        if footnotes:
            story.append(Spacer(1, 1.5 * mm))
            for index, definition in enumerate(footnotes, start=1):  # definition, then its rule
                story.append(Para(f"{index}. {text(definition)}", styles.footnote))
    story += _charts(section.charts, styles)
    for table in section.tables:
        story.append(Para(text(table.title), styles.h3))
        rows = table.rows[:PDF_CHAPTER_ROWS]
        story += _table(table.columns, rows, table.kinds, language, styles)
        if len(table.rows) > len(rows):
            story.append(Para(text(_more_rows(language, len(rows), len(table.rows))), styles.small))
        if table.note:
            story.append(Para(text(table.note), styles.small))
    if narrative:
        story.append(Spacer(1, 4 * mm))
        story.append(_narrative_box(language, narrative, styles))
    return story


def _charts(charts: Sequence[Chart], styles: Styles) -> list[Flowable]:
    """Bar charts full width; heat maps two side by side (inherent and residual risk)."""
    story: list[Flowable] = []
    index = 0
    while index < len(charts):
        chart = charts[index]
        if chart.kind == "heatmap":
            pair = [chart]
            if index + 1 < len(charts) and charts[index + 1].kind == "heatmap":
                pair.append(charts[index + 1])
            half = FRAME_WIDTH / 2
            cells = [[Para(text(c.title), styles.caption) for c in pair]]
            cells.append([heat_map(c, half - 10 * mm, styles.font) for c in pair])
            grid = Table(cells, colWidths=[half] * len(pair), hAlign="LEFT")
            grid.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            story.append(KeepTogether([Spacer(1, 2 * mm), grid]))
            index += len(pair)
            continue
        drawing = bar_chart(chart, FRAME_WIDTH, styles.font)
        story.append(KeepTogether([Para(text(chart.title), styles.caption), drawing]))
        index += 1
    return story


# --- data tables --------------------------------------------------------------------------------


def _table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    kinds: Sequence[str],
    language: str,
    styles: Styles,
) -> list[Flowable]:
    if not rows:
        return [Para(text(tr(language, "No entries.")), styles.empty)]
    kinds = list(kinds)
    count = max([len(columns)] + [len(r) for r in rows[:1]])
    columns = [clean(c) for c in columns] + [""] * (count - len(columns))
    widths = _column_widths(columns, rows, kinds, language, styles.font)
    right = [column_kind(kinds, i) in NUMERIC_KINDS for i in range(count)]
    header = [
        Para(text(c), styles.header_cell_right if right[i] else styles.header_cell)
        for i, c in enumerate(columns)
    ]

    def make(body: Sequence[Sequence[Any]]) -> Table:
        data = [header] + [_row(r, count, kinds, right, widths, language, styles) for r in body]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        commands = list(_grid_style(len(data)).getCommands())
        commands += [
            ("FONTNAME", (0, 1), (-1, -1), styles.font),
            ("FONTSIZE", (0, 1), (-1, -1), CELL_FONT_SIZE),
            ("LEADING", (0, 1), (-1, -1), CELL_FONT_SIZE * 1.3),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK_COLOUR),
        ]
        commands += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in range(count) if right[i]]
        table.setStyle(TableStyle(commands))
        return table

    return [_PagedTable(make, rows)]


def _row(
    row: Sequence[Any],
    count: int,
    kinds: Sequence[str],
    right: Sequence[bool],
    widths: Sequence[float],
    language: str,
    styles: Styles,
) -> list[Any]:
    cells: list[Any] = []
    for index in range(count):
        value = row[index] if index < len(row) else None
        shown = format_cell(language, value, column_kind(list(kinds), index))
        room = widths[index] - 8
        shown = printable(shown)
        if "\n" in shown or stringWidth(shown, styles.font, CELL_FONT_SIZE) > room:
            # wrapped by the kinsoku rules into lines; plain text, never parsed as markup
            cells.append(wrap_plain(shown, styles.font, CELL_FONT_SIZE, room))
        else:
            cells.append(shown)  # plain cell: drawn as is, never parsed
    return cells


def _column_widths(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    kinds: Sequence[str],
    language: str,
    font: str,
) -> list[float]:
    """Natural widths from the header and the first rows, fitted to the frame width."""
    sample = rows[:300]
    natural: list[float] = []
    least: list[float] = []  # the longest Latin word must fit: words are never split
    for index, column in enumerate(columns):
        kind = column_kind(list(kinds), index)
        cells = [format_cell(language, r[index] if index < len(r) else None, kind) for r in sample]
        widest = max([stringWidth(c, font, CELL_FONT_SIZE) for c in cells] + [0])
        head = stringWidth(column, font, CELL_FONT_SIZE)
        words = [w for text in [column, *cells[:100]] for w in unbreakable_runs(text)]
        longest = max([stringWidth(w, font, CELL_FONT_SIZE) for w in words] + [0])
        least.append(min(longest, FRAME_WIDTH / 4) + 10)
        natural.append(max(widest, min(head, 90), longest, 24) + 10)
    total = sum(natural)
    if total <= FRAME_WIDTH:
        return [w * FRAME_WIDTH / total for w in natural]
    # Shrink the wide columns only: columns narrower than a fair share keep their width, and no
    # column becomes narrower than its longest Latin word.
    fair = FRAME_WIDTH / len(natural)
    fixed = sum(w for w in natural if w <= fair)
    flexible = sum(w for w in natural if w > fair)
    room = max(FRAME_WIDTH - fixed, fair)
    widths = [w if w <= fair else max(w * room / flexible, least[i]) for i, w in enumerate(natural)]
    excess = sum(widths) - FRAME_WIDTH
    if excess > 0:  # the minimums overflowed: take it back from the columns above their minimum
        spare = [max(w - least[i], 0) for i, w in enumerate(widths)]
        total_spare = sum(spare) or 1
        widths = [w - excess * spare[i] / total_spare for i, w in enumerate(widths)]
    return widths


class _PagedTable(Flowable):
    """A long table laid out one page at a time, its header repeated on each page.

    reportlab re-measures every remaining row of a Table at each page break (quadratic on a
    20,000-row appendix); this builds a Table only of the rows that can fit on the current page.
    """

    def __init__(
        self, make: Callable[[Sequence[Sequence[Any]]], Table], rows: Sequence[Any], start: int = 0
    ):
        super().__init__()
        self._make, self._rows, self._start = make, rows, start
        self._whole: Table | None = None

    def _window(self, height: float) -> int:
        return int(height / MIN_ROW_HEIGHT) + 2

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        remaining = len(self._rows) - self._start
        if remaining > self._window(avail_height):
            self._whole = None
            return avail_width, avail_height + 1  # too long for this page: the frame splits it
        self._whole = self._make(self._rows[self._start :])
        return self._whole.wrap(avail_width, avail_height)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        end = self._start + self._window(avail_height)
        table = self._make(self._rows[self._start : end])
        table.wrap(avail_width, avail_height)
        parts = table.split(avail_width, avail_height)
        if not parts:
            return []
        first = parts[0]
        consumed = len(first._cellvalues) - 1
        if consumed <= 0:
            return []
        if self._start + consumed >= len(self._rows):
            return [first]
        return [first, _PagedTable(self._make, self._rows, self._start + consumed)]

    def draw(self) -> None:
        assert self._whole is not None
        self._whole.drawOn(self.canv, 0, 0)
