"""The shape of every long job: a plain function taking ``progress`` and ``cancelled`` callbacks.

Jobs are Qt-free and testable on their own; ``ui/jobs.py`` runs them off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from app.errors import MamoriError
from app.i18n import _

Progress = Callable[[float, str], None]  # fraction done 0..1, what is happening now
Cancelled = Callable[[], bool]


class JobCancelledError(MamoriError):
    def __init__(self) -> None:
        super().__init__(_("Cancelled; nothing was changed."))


def no_progress(fraction: float, message: str) -> None:
    """A progress callback that ignores reports."""


def never_cancelled() -> bool:
    return False


def sub_progress(progress: Progress, start: float, end: float) -> Progress:
    """Map a nested step's 0..1 onto ``start..end`` of the outer job."""

    def report(fraction: float, message: str) -> None:
        progress(start + (end - start) * max(0.0, min(1.0, fraction)), message)

    return report


def check_cancelled(cancelled: Cancelled) -> None:
    if cancelled():
        raise JobCancelledError
