"""Auto-lock: ``IdleWatcher`` emits ``idle`` after a period without keyboard, mouse or touch input.

It filters the application's events, so input anywhere in Mamori counts; it never consumes them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

USER_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """``minutes`` of no input emit ``idle`` once; 0 turns the watcher off."""

    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._paused = False
        self._enabled = False
        application = QApplication.instance()
        if application is not None:
            application.installEventFilter(self)
        self.set_minutes(minutes)

    @property
    def active(self) -> bool:
        """Whether the countdown is running (enabled, not paused)."""
        return self._timer.isActive()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def remaining_ms(self) -> int:
        """Milliseconds before ``idle`` fires, or -1 when not counting."""
        return self._timer.remainingTime()

    def set_minutes(self, minutes: float) -> None:
        if minutes <= 0:
            self._enabled = False
            self._timer.stop()
            return
        self.set_interval_ms(round(minutes * 60_000))

    def set_interval_ms(self, ms: int) -> None:
        self._enabled = ms > 0
        if not self._enabled:
            self._timer.stop()
            return
        self._timer.setInterval(ms)
        self._restart()

    def pause(self) -> None:
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self._restart()

    def _restart(self) -> None:
        if self._enabled and not self._paused:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_INPUT_EVENTS and self._enabled and not self._paused:
            self._timer.start()
        return False
