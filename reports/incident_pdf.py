"""The draft leak report to the PPC (規則8条1項, nine items) as a PDF: A4, IPAexGothic embedded.

``write_ppc_draft(draft, path)`` renders an ``app.areas.incidents.ppc_report.PpcDraft``: a title
with the kind of report, the destination, the reporting business and the dates, then one block
per item (heading and text; items not yet known stand out). Every page carries 取扱注意 and
"page n / N". Text from the record is escaped before it reaches a Paragraph.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle, tables

from app.areas.incidents.ppc_report import PpcDraft
from app.dates import format_date
from app.i18n import N_, gettext_in
from reports.fonts import register_japanese_font
from reports.linebreak import KinsokuParagraph as Para
from reports.pdf_archive import finish_archival
from reports.pdf_styles import (
    MUTED_COLOUR,
    PAGE_MARGIN_BOTTOM,
    PAGE_MARGIN_TOP,
    PAGE_MARGIN_X,
    RULE_COLOUR,
    TEAL_LIGHT,
    make_styles,
)
from reports.protect import atomic_write

UNKNOWN_FILL = colors.HexColor("#FFF4E5")


def _markup(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def render_ppc_draft(draft: PpcDraft) -> bytes:
    font = register_japanese_font()
    tables.CellStyle.fontname = font  # as the board report: never the unembedded Helvetica
    styles = make_styles(font, draft.language)
    t = lambda message: gettext_in(draft.language, message)  # noqa: E731
    title = t(N_("Draft leak report to the PPC: {kind}")).format(kind=draft.kind_label)

    def decorate(canvas, document) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(MUTED_COLOUR)
        width, height = A4
        canvas.drawString(PAGE_MARGIN_X, height - 12 * mm, f"{draft.incident_no}　{title}")
        canvas.drawRightString(width - PAGE_MARGIN_X, height - 12 * mm, t(N_("Confidential")))
        canvas.drawRightString(
            width - PAGE_MARGIN_X,
            10 * mm,
            t(N_("page {page}")).format(page=document.page),
        )
        canvas.restoreState()

    day = lambda value: (  # noqa: E731
        format_date(value, "ja" if draft.language == "ja" else "iso") if value else "—"
    )
    story: list = [
        Para(escape(title), styles.h1),
        Para(
            escape(t(N_("Leak report to: {destination}")).format(destination=draft.destination)),
            styles.body,
        ),
        Para(
            escape(
                t(
                    N_(
                        "Known on {known}; preliminary report due {prelim}, final report due "
                        "{final}. Prepared on {prepared}."
                    )
                ).format(
                    known=day(draft.known_on),
                    prelim=day(draft.prelim_due),
                    final=day(draft.final_due),
                    prepared=day(draft.prepared_on),
                )
            ),
            styles.body,
        ),
        Para(escape(t(N_("Reporting business"))), styles.h3),
        Para(_markup(draft.reporter or "—"), styles.body),
        Spacer(1, 4 * mm),
    ]
    if draft.unknown_count:
        story.append(
            Para(
                escape(
                    t(
                        N_(
                            "{count} items are not yet known: send what is known now and "
                            "supplement the rest when known."
                        )
                    ).format(count=draft.unknown_count)
                ),
                styles.small,
            )
        )
        story.append(Spacer(1, 2 * mm))
    heading_width = 48 * mm
    text_width = A4[0] - 2 * PAGE_MARGIN_X - heading_width
    for item in draft.items:
        table = Table(
            [
                [
                    Para(f"{item.number}. {escape(item.heading)}", styles.cell),
                    Para(_markup(item.text), styles.body),
                ]
            ],
            colWidths=[heading_width, text_width],
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (0, 0), TEAL_LIGHT),
                    ("BACKGROUND", (1, 0), (1, 0), colors.white if item.known else UNKNOWN_FILL),
                    ("BOX", (0, 0), (-1, -1), 0.5, RULE_COLOUR),
                    ("LINEAFTER", (0, 0), (0, 0), 0.5, RULE_COLOUR),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story.append(KeepTogether([table, Spacer(1, 2 * mm)]) if len(item.text) < 600 else table)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN_X,
        rightMargin=PAGE_MARGIN_X,
        topMargin=PAGE_MARGIN_TOP,
        bottomMargin=PAGE_MARGIN_BOTTOM,
        title=title,
        author=draft.reporter.splitlines()[0] if draft.reporter else "",
        initialFontName=font,
    )
    document.build(
        story, onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_embedded_only(font)
    )
    return finish_archival(
        buffer.getvalue(),
        title=title,
        author=draft.reporter.splitlines()[0] if draft.reporter else "",
        subject=draft.incident_no,
        language=draft.language,
        generated_at=draft.prepared_on.isoformat() + "T00:00:00+00:00",
        creator="Mamori",
    )


def _embedded_only(font: str):  # type: ignore[no-untyped-def]
    class DraftCanvas(Canvas):
        """A canvas whose initial font is the embedded one: no unembedded Helvetica, even unused."""

        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            kwargs.setdefault("initialFontName", font)
            super().__init__(*args, **kwargs)

    return DraftCanvas


def write_ppc_draft(draft: PpcDraft, target: Path) -> None:
    atomic_write(target, render_ppc_draft(draft))
