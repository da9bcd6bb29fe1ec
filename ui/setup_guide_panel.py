"""The Dashboard's first-run guide: the set-up steps in the order that works, each with its state
and a button to the page that does it (``app.setup_guide`` decides the states)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton

from app.i18n import _, ngettext
from app.setup_guide import SetupStep, StepState
from ui.icons import icon
from ui.widgets.style import card, muted, scaled_font

STATE_MARKS = {StepState.DONE: "✓", StepState.NEXT: "▶", StepState.LATER: "・"}
STATE_COLOURS = {StepState.DONE: "#2E7D32", StepState.NEXT: "#00695C", StepState.LATER: "#757575"}


def state_text(step: SetupStep) -> str:
    if step.state is StepState.DONE:
        if step.key in ("organisation", "officer"):
            return _("Done")
        return ngettext("Done: {count} record", "Done: {count} records", step.count).format(
            count=f"{step.count:,}"
        )
    if step.state is StepState.NEXT:
        return _("Do this next")
    return _("After the steps above")


class SetupGuidePanel(QFrame):
    """A card listing the steps; ``open_page`` asks the main window for a step's page."""

    open_page = Signal(str)  # register key

    def __init__(self, steps: Sequence[SetupStep]) -> None:
        super().__init__()
        frame, layout, _header = card(
            _("Getting started"),
            _("Set up the workspace in this order; each step needs the one before."),
        )
        self.setObjectName("setupGuide")
        outer = QGridLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(2, 1)
        self.buttons: dict[str, QPushButton] = {}
        self.states: dict[str, StepState] = {}
        for row, step in enumerate(steps):
            self.states[step.key] = step.state
            colour = STATE_COLOURS[step.state]
            mark = QLabel(STATE_MARKS[step.state])
            mark.setStyleSheet(f"color: {colour}; font-weight: bold;")
            title = QLabel(f"{row + 1}. {_(step.title)}")
            if step.state is StepState.NEXT:
                scaled_font(title, 1.0, bold=True)
            status = QLabel(state_text(step))
            status.setStyleSheet(f"color: {colour};")
            hint = muted(QLabel(_(step.hint)), wrap=True)
            hint.setVisible(step.state is StepState.NEXT)
            button = QPushButton(icon("edit"), _("Open"))
            button.setObjectName(f"setup_{step.key}")
            button.setAccessibleName(_("Open: {step}").format(step=_(step.title)))
            button.clicked.connect(
                lambda _checked=False, key=step.register: self.open_page.emit(key)
            )
            if step.state is StepState.NEXT:
                button.setDefault(True)
            self.buttons[step.key] = button
            grid.addWidget(mark, row * 2, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(title, row * 2, 1)
            grid.addWidget(status, row * 2, 2)
            grid.addWidget(button, row * 2, 3)
            grid.addWidget(hint, row * 2 + 1, 1, 1, 3)
        layout.addLayout(grid)
