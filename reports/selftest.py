"""The renderers' part of ``mamori --self-test`` (see ``app.selftest``): a PDF with Japanese text
and the embedded IPAexGothic font, and every ``reports`` module. ``ui.selftest`` hands these steps,
with the core's and its own, to ``main.py --self-test``; the core never imports ``reports``.
"""

from __future__ import annotations

from app import APP_NAME, __version__
from app.selftest import JAPANESE_SAMPLE, Context, Step, check, import_all


def step_pdf(ctx: Context) -> str:
    from reportlab.pdfgen import canvas

    from app.paths import resource_path
    from reports.fonts import FONT_FILE, FONT_NAME, register_japanese_font

    font = resource_path("fonts", FONT_FILE)
    check(font.is_file(), f"the bundled font is missing: {font}")
    target = ctx.output_dir / "self-test.pdf"
    pdf = canvas.Canvas(str(target))
    pdf.setTitle(f"{APP_NAME} {__version__} self-test")
    pdf.setFont(register_japanese_font(), 14)
    pdf.drawString(72, 760, f"{JAPANESE_SAMPLE}（{APP_NAME} {__version__}）")
    pdf.showPage()
    pdf.save()
    data = target.read_bytes()
    check(data.startswith(b"%PDF-"), "the file written is not a PDF")
    check(b"/FontFile2" in data, "no TrueType font is embedded in the PDF")
    check(f"+{FONT_NAME}".encode() in data, f"{FONT_NAME} is not embedded (as a subset)")
    return f"PDF with Japanese text, {FONT_NAME} embedded as a subset ({len(data)} bytes)"


def step_report_modules(ctx: Context) -> str:
    return import_all(("reports",))


REPORT_STEPS: tuple[Step, ...] = (("pdf", step_pdf), ("report modules", step_report_modules))
