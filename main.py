"""Mamori's entry point: a command runs headless; no command opens the window."""

from __future__ import annotations

import sys
from pathlib import Path


def write_pdf(snapshot, path: Path, *, password: str | None = None) -> Path:
    from reports.pdf_report import write_pdf as write

    return write(snapshot, path, password=password)


def write_xlsx(snapshot, path: Path, *, password: str | None = None) -> Path:
    from reports.xlsx_report import write_xlsx as write

    return write(snapshot, path, password=password)


# The report writers live above app/ (which never imports reports/): handed to the CLI from here.
REPORT_RENDERERS = {"pdf": write_pdf, "xlsx": write_xlsx}


def main() -> int:
    if "--self-test" in sys.argv[1:]:
        # Before anything else: reads no settings, shows no window, touches no user folder.
        from app.selftest import main as self_test
        from ui.selftest import ALL_STEPS

        return self_test(sys.argv[1:], ALL_STEPS)
    from app.cli import build_parser, run_command
    from app.i18n import set_language
    from app.settings import load

    set_language(load().language)
    args = build_parser().parse_args()
    if args.command is not None:
        return run_command(args, renderers=REPORT_RENDERERS)
    from ui.application import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
