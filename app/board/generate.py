"""The one use case that generates a board report, for the Reports page and the CLI alike.

``generate_report`` builds (or takes) the snapshot, writes each requested file with the renderers
it is handed, keeps the report in the workspace unless told not to, and records the generation in
the audit trail in every case (``--no-save`` included): which period, which files, whether they
are encrypted, whether the named annex was included, and the content hash.

``app/`` never imports ``reports/``: the PDF and Excel writers come from above (``main.py`` for the
CLI, the window for the page) as a ``Renderers`` mapping of file kind to ``write(snapshot, path,
password=...)``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from app.board.snapshot import Snapshot
from app.errors import MamoriError
from app.i18n import _, gettext_in
from app.jobs import Cancelled, JobCancelledError, Progress
from app.storage import audit
from app.storage.database import Connection, write_transaction

REGISTER = "board_reports"  # the audit trail's name for stored reports
PDF, XLSX = "pdf", "xlsx"
KINDS = (PDF, XLSX)
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\s]+')


class Renderer(Protocol):
    def __call__(self, snapshot: Snapshot, path: Path, *, password: str | None = None) -> Path: ...


Renderers = Mapping[str, Renderer]  # "pdf" / "xlsx" -> writer


class GenerationError(MamoriError):
    pass


@dataclass(frozen=True)
class Generated:
    paths: list[Path]
    report_id: int | None  # the stored report (None with save=False)
    short_hash: str
    saved: bool = False


def file_stem(snapshot: Snapshot) -> str:
    """``理事会報告_2025-04-01_2026-03-31_1a2b3c4d5e6f`` (the report's language for the word)."""
    word = gettext_in(snapshot.language, "Board privacy report")
    if snapshot.variant == "kpi_update":
        word = gettext_in(snapshot.language, "KPI update")
    stem = f"{word}_{snapshot.period_start}_{snapshot.period_end}_{snapshot.short_hash}"
    return _UNSAFE_FILE_CHARS.sub("_", stem)


def _no_progress(_fraction: float, _message: str) -> None:
    pass


def _not_cancelled() -> bool:
    return False


def _check(cancelled: Cancelled) -> None:
    if cancelled():
        raise JobCancelledError


def write_files(
    snapshot: Snapshot,
    kinds: Sequence[str],
    renderers: Renderers,
    *,
    folder: Path | None = None,
    paths: Mapping[str, Path] | None = None,
    password: str | None = None,
    progress: Progress = _no_progress,
    cancelled: Cancelled = _not_cancelled,
) -> list[Path]:
    """Write each kind to ``paths[kind]`` or ``folder/<stem>.<kind>``; on cancel, remove what was
    written and raise ``JobCancelledError``."""
    missing = [kind for kind in kinds if kind not in renderers]
    if missing:
        raise GenerationError(
            _("No writer for the report format {kinds}.").format(kinds=", ".join(missing))
        )
    written: list[Path] = []
    try:
        for index, kind in enumerate(kinds):
            _check(cancelled)
            if paths and kind in paths:
                path = Path(paths[kind])
            else:
                assert folder is not None, "give a folder or a path per kind"
                path = folder / f"{file_stem(snapshot)}.{kind}"
            path.parent.mkdir(parents=True, exist_ok=True)
            progress(
                0.1 + 0.8 * index / max(len(kinds), 1),
                _("Writing the PDF…") if kind == PDF else _("Writing the Excel workbook…"),
            )
            renderers[kind](snapshot, path, password=password)
            written.append(path)
        _check(cancelled)
    except JobCancelledError:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return written


def record_generation(
    conn: Connection,
    snapshot: Snapshot,
    paths: Sequence[Path],
    *,
    report_id: int | None,
    encrypted: bool,
    regenerated: bool = False,
    user: str | None = None,
) -> None:
    """One audit entry per generation: files, encryption, named annex, saved or not."""
    with write_transaction(conn):
        audit.append(
            conn,
            "export",
            register=REGISTER,
            record_id=report_id,
            record_label=snapshot.period_label,
            detail={
                "files": [path.name for path in paths],
                "formats": [path.suffix.lstrip(".") for path in paths],
                "content_hash": snapshot.content_hash(),
                "language": snapshot.language,
                "variant": snapshot.variant,
                "encrypted": encrypted,
                "named_annex": snapshot.named_annex,
                "saved": report_id is not None,
                "regenerated": regenerated,
            },
            user=user,
        )


def generate_report(
    conn: Connection,
    snapshot: Snapshot | Callable[[Connection], Snapshot],
    kinds: Sequence[str],
    renderers: Renderers,
    *,
    folder: Path | None = None,
    paths: Mapping[str, Path] | None = None,
    password: str | None = None,
    save: bool = True,
    user: str | None = None,
    progress: Progress = _no_progress,
    cancelled: Cancelled = _not_cancelled,
) -> tuple[Snapshot, Generated]:
    """Build (when given a builder), write, keep (unless ``save`` is False) and audit a report."""
    from app.board.report import save_report

    progress(0.05, _("Computing the figures…"))
    built = snapshot(conn) if callable(snapshot) else snapshot
    _check(cancelled)
    written = write_files(
        built,
        kinds,
        renderers,
        folder=folder,
        paths=paths,
        password=password,
        progress=progress,
        cancelled=cancelled,
    )
    report_id = None
    if save:
        progress(0.95, _("Keeping the report in the workspace…"))
        report_id = save_report(conn, built, user=user)
    record_generation(
        conn, built, written, report_id=report_id, encrypted=bool(password), user=user
    )
    progress(1.0, _("Done"))
    return built, Generated(written, report_id, built.short_hash, saved=save)


def regenerate_report(
    conn: Connection,
    report_id: int,
    kinds: Sequence[str],
    renderers: Renderers,
    *,
    folder: Path,
    password: str | None = None,
    user: str | None = None,
    progress: Progress = _no_progress,
    cancelled: Cancelled = _not_cancelled,
) -> Generated:
    """Write a stored report again from its snapshot (same content hash), audited."""
    from app.board.report import load_report

    snapshot = load_report(conn, report_id)
    written = write_files(
        snapshot,
        kinds,
        renderers,
        folder=folder,
        password=password,
        progress=progress,
        cancelled=cancelled,
    )
    record_generation(
        conn,
        snapshot,
        written,
        report_id=report_id,
        encrypted=bool(password),
        regenerated=True,
        user=user,
    )
    return Generated(written, report_id, snapshot.short_hash)


def with_narrative(snapshot: Snapshot, narrative: Mapping[str, str]) -> Snapshot:
    return replace(snapshot, narrative=dict(sorted(narrative.items())))
