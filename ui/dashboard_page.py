"""The Dashboard: the organisation at a glance and everything due, grouped by urgency.

Items come from ``app.dashboard.gather`` (fast; it runs on the GUI thread). Each item is a card;
double-clicking it, pressing Enter on it or its "Open" button emits ``open_record`` with the
register and record the item belongs to.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.areas.organisation.registers import ORGANISATION
from app.dashboard import BUCKET_TITLES, Bucket, DueItem, gather
from app.dates import (
    fiscal_year_of,
    fiscal_year_range,
    format_date,
    parse_month_day,
    show_date,
)
from app.deadlines.holidays import load_calendar
from app.deadlines.listing import export_deadlines
from app.i18n import N_, _, current_language, ngettext
from app.registers.records import load_record
from app.setup_guide import SetupStep, setup_complete, setup_steps
from app.storage.database import DatabaseError
from ui.deadline_dialog import DeadlineCalculatorDialog
from ui.errors import show_error
from ui.icons import icon
from ui.jobs import JobRunner, describe_failure, run_job
from ui.pages import Page
from ui.session import Session
from ui.setup_guide_panel import SetupGuidePanel
from ui.widgets.style import muted, scaled_font

log = logging.getLogger(__name__)

BUCKET_COLOURS = {
    Bucket.OVERDUE: "#C62828",
    Bucket.TODAY: "#E65100",
    Bucket.SOON: "#F9A825",
    Bucket.LATER: "#00695C",
    Bucket.NOTICE: "#546E7A",
}
_WEEKDAYS_JA = "月火水木金土日"


def format_day(day: date) -> str:
    """A date as the officer reads it (the one screen format of ``app.dates.show_date``)."""
    return show_date(day)


def format_long_day(day: date) -> str:
    """Today's date in the header: 2025年6月1日（日）令和7年 / Sunday 1 June 2025."""
    if current_language() == "ja":
        era = ""
        with contextlib.suppress(ValueError):
            era = f"　{format_date(day, 'ja_era').split('年')[0]}年"
        return f"{show_date(day)}（{_WEEKDAYS_JA[day.weekday()]}）{era}"
    return QLocale(QLocale.Language.English).toString(
        QDate(day.year, day.month, day.day), "dddd d MMMM yyyy"
    )


def relative_due(due: date, today: date) -> str:
    days = (due - today).days
    if days == 0:
        return _("today")
    if days > 0:
        return ngettext("in {n} day", "in {n} days", days).format(n=days)
    return ngettext("{n} day overdue", "{n} days overdue", -days).format(n=-days)


class DueCard(QFrame):
    """One due item: title, detail and due date; activates on double-click, Enter or "Open"."""

    activated = Signal(object)  # DueItem

    def __init__(self, item: DueItem, bucket: Bucket, today: date) -> None:
        super().__init__()
        self.item = item
        self.setObjectName("dueCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        colour = BUCKET_COLOURS[bucket]
        self.setStyleSheet(
            "#dueCard { background: palette(base); border: 1px solid palette(midlight);"
            f" border-left: 4px solid {colour}; border-radius: 4px; }}"
            "#dueCard:focus { border: 1px solid palette(highlight);"
            f" border-left: 4px solid {colour}; }}"
        )
        self.title_label = QLabel(item.title)
        self.title_label.setWordWrap(True)
        scaled_font(self.title_label, 1.05, bold=True)
        self.detail_label = muted(QLabel(item.detail))
        self.detail_label.setWordWrap(True)

        text = QVBoxLayout()
        text.setSpacing(3)
        text.addWidget(self.title_label)
        text.addWidget(self.detail_label)

        side = QVBoxLayout()
        side.setSpacing(3)
        if item.due is not None:
            self.due_label = QLabel(format_day(item.due))
            self.due_label.setAlignment(Qt.AlignmentFlag.AlignRight)
            scaled_font(self.due_label, 1.0, bold=True)
            relative = QLabel(relative_due(item.due, today))
            relative.setAlignment(Qt.AlignmentFlag.AlignRight)
            if bucket is Bucket.OVERDUE:
                relative.setStyleSheet(f"color: {colour};")
            else:
                muted(relative)
            side.addWidget(self.due_label)
            self.calendar_label: QLabel | None = None
            if item.calendar_date is not None and item.calendar_date != item.due:
                # the legal date and the date it rolled to, side by side
                self.calendar_label = muted(
                    QLabel(_("calendar date {date}").format(date=format_day(item.calendar_date)))
                )
                self.calendar_label.setAlignment(Qt.AlignmentFlag.AlignRight)
                side.addWidget(self.calendar_label)
            side.addWidget(relative)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setIcon(icon("edit"))
        self.open_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_button.setToolTip(_("Open the record this item is about"))
        self.open_button.clicked.connect(self.activate)
        side.addStretch(1)
        side.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 12, 10)
        layout.setSpacing(16)
        layout.addLayout(text, 1)
        layout.addLayout(side)

    def activate(self) -> None:
        self.activated.emit(self.item)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.activate()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activate()
            event.accept()
            return
        super().keyPressEvent(event)


class CountTile(QPushButton):
    """A bucket's count at the top of the page; clicking scrolls to the bucket."""

    def __init__(self, bucket: Bucket) -> None:
        super().__init__()
        self.bucket = bucket
        self.setObjectName("countTile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(64)
        self.number = QLabel("0")
        self.number.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        scaled_font(self.number, 1.9, bold=True)
        self.caption = QLabel(_(BUCKET_TITLES[bucket]))
        self.caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 8)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.number.setText(str(count))
        colour = BUCKET_COLOURS[self.bucket] if count else "palette(mid)"
        self.setStyleSheet(
            "#countTile { background: palette(base); border: 1px solid palette(midlight);"
            f" border-top: 3px solid {colour}; border-radius: 4px; text-align: left; }}"
            "#countTile:hover { border-color: palette(highlight);"
            f" border-top: 3px solid {colour}; }}"
        )
        self.number.setStyleSheet(f"color: {BUCKET_COLOURS[self.bucket]};" if count else "")
        self.setEnabled(bool(count))


EMPTY_HINT = N_("Deadlines and reminders from every register will appear here.")


class DashboardPage(Page):
    open_record = Signal(str, object)  # register key, record id or None
    open_page = Signal(str)  # register key (from the first-run guide)
    items_ready = Signal()
    gather_failed = Signal(str)  # the message shown in place of the items
    exported = Signal(str, int)  # path, rows

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        background: bool = False,
    ) -> None:
        super().__init__(session, parent)
        self._fixed_today = today
        # In the main window the items are gathered on the database thread: with 200,000 staff
        # the training coverage alone takes most of a second, and the window must paint first.
        self._background = background
        self._gathering = JobRunner(self)
        self.loading = False
        self.failure = ""
        self.items: list[DueItem] = []
        self.steps: list[SetupStep] = []
        self.guide: SetupGuidePanel | None = None
        self.cards: list[DueCard] = []
        self._sections: dict[Bucket, QWidget] = {}

        self.organisation_label = QLabel()
        self.organisation_label.setWordWrap(True)
        scaled_font(self.organisation_label, 1.6, bold=True)
        self.today_label = QLabel()
        scaled_font(self.today_label, 1.1)
        self.fiscal_year_label = muted(QLabel())
        self.pmark_label = muted(QLabel())

        self.calculator_button = QPushButton(_("Deadline calculator…"))
        self.calculator_button.setIcon(icon("calendar"))
        self.calculator_button.setToolTip(
            _("Compute a legal deadline: calendar date, rolled date and why")
        )
        self.calculator_button.clicked.connect(self.show_calculator)
        self.export_button = QPushButton(_("Export deadlines…"))
        self.export_button.setIcon(icon("export"))
        self.export_button.setToolTip(_("Write the open deadlines to an Excel file"))
        self.export_button.clicked.connect(lambda: self.export_deadlines())

        facts = QHBoxLayout()
        facts.setSpacing(24)
        facts.addWidget(self.fiscal_year_label)
        facts.addWidget(self.pmark_label)
        facts.addStretch(1)
        facts.addWidget(self.calculator_button)
        facts.addWidget(self.export_button)

        header = QVBoxLayout()
        header.setSpacing(4)
        header.addWidget(self.organisation_label)
        header.addWidget(self.today_label)
        header.addLayout(facts)

        self.tiles = {bucket: CountTile(bucket) for bucket in Bucket}
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(12)
        for column, tile in enumerate(self.tiles.values()):
            tile.clicked.connect(lambda _checked=False, b=tile.bucket: self.scroll_to(b))
            tiles.addWidget(tile, 0, column)

        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 8, 0)
        self._list_layout.setSpacing(8)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self._list)

        self.empty_state = self._build_empty_state()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addLayout(tiles)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.empty_state, 1)
        self.refresh()

    def title(self) -> str:
        return _("Dashboard")

    @property
    def today(self) -> date:
        return self._fixed_today or date.today()

    # ----- building -----------------------------------------------------------------------------

    def _build_empty_state(self) -> QWidget:
        widget = QWidget()
        self.empty_picture = QLabel()
        self.empty_picture.setPixmap(icon("verify").pixmap(64, 64))
        self.empty_picture.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_label = QLabel(_("Nothing is due"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scaled_font(self.empty_label, 1.4, bold=True)
        self.empty_hint = muted(QLabel(_(EMPTY_HINT)))
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(widget)
        layout.addStretch(1)
        layout.addWidget(self.empty_picture)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.empty_hint)
        layout.addStretch(2)
        return widget

    def _section_header(self, bucket: Bucket, count: int) -> QWidget:
        widget = QWidget()
        row = QHBoxLayout(widget)
        row.setContentsMargins(0, 10, 0, 2)
        row.setSpacing(8)
        title = QLabel(_(BUCKET_TITLES[bucket]))
        scaled_font(title, 1.15, bold=True)
        title.setStyleSheet(f"color: {BUCKET_COLOURS[bucket]};")
        badge = QLabel(str(count))
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side = badge.fontMetrics().height() + 4
        badge.setFixedHeight(side)
        badge.setMinimumWidth(side)
        badge.setStyleSheet(
            f"background: {BUCKET_COLOURS[bucket]}; color: white; border-radius: {side // 2}px;"
            " padding: 0px 6px; font-weight: bold;"
        )
        row.addWidget(title)
        row.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        return widget

    # ----- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.session.locked:
            return
        today = self.today
        try:
            self._show_header(today)
        except DatabaseError:
            # a damaged page under the organisation row: the background check that is running
            # finds it and puts the workspace in rescue mode; the header waits for a good file
            log.warning("dashboard header not read: the workspace is being checked")
        if not self._background:
            self.items = gather(self.session.conn, today)
            self.steps = setup_steps(self.session.conn)
            self._show_items(today)
            self.items_ready.emit()
            return
        self.loading = True
        self._show_empty_state(_("Looking for what is due…"), _(EMPTY_HINT), "verify")
        self._gathering.run_on_database(
            self.session.workspace,
            lambda conn, _progress, _cancelled: (gather(conn, today), setup_steps(conn)),
            lambda result: self._gathered(today, result),
            on_failed=self._gather_failed,
        )

    def _gathered(self, today: date, result: tuple[list[DueItem], list[SetupStep]]) -> None:
        self.loading = False
        self.failure = ""
        self._show_empty_state(_("Nothing is due"), _(EMPTY_HINT), "verify")
        self.items, self.steps = result
        self._show_items(today)
        self.items_ready.emit()

    def _gather_failed(self, exc: BaseException) -> None:
        """Say so in place of the items: a dashboard that looks forever hides a broken workspace."""
        self.loading = False
        self.failure = describe_failure(exc)
        self.items = []
        self._show_items(self.today)
        self._show_empty_state(_("Could not look for what is due"), self.failure, "warning")
        self.gather_failed.emit(self.failure)

    def _show_empty_state(self, title: str, hint: str, picture: str) -> None:
        self.empty_label.setText(title)
        self.empty_hint.setText(hint)
        self.empty_picture.setPixmap(icon(picture).pixmap(64, 64))

    def _show_header(self, today: date) -> None:
        organisation = load_record(self.session.conn, ORGANISATION, 1)
        self.organisation_label.setText(organisation["name"] or "")
        self.today_label.setText(format_long_day(today))
        start = parse_month_day(organisation["fiscal_year_start"] or "04-01")
        fiscal_year = fiscal_year_of(today, start)
        first, last = fiscal_year_range(fiscal_year, start)
        self.fiscal_year_label.setText(
            _("Fiscal year {year}: {first} – {last}").format(
                year=fiscal_year, first=format_day(first), last=format_day(last)
            )
        )
        expiry = organisation["pmark_expiry"]
        if organisation["is_pmark_holder"] and expiry is not None:
            self.pmark_label.setText(
                _("Pマーク valid until {date}").format(date=format_day(expiry))
            )
            self.pmark_label.show()
        else:
            self.pmark_label.hide()

    def _show_items(self, today: date) -> None:
        while self._list_layout.count():
            child = self._list_layout.takeAt(0)
            widget = child.widget()
            if widget is not None:
                widget.deleteLater()
        self.cards = []
        self._sections = {}
        self.guide = None
        if self.steps and not setup_complete(self.steps):
            self.guide = SetupGuidePanel(self.steps)
            self.guide.open_page.connect(self.open_page)
            self._list_layout.addWidget(self.guide)
        grouped: dict[Bucket, list[DueItem]] = {bucket: [] for bucket in Bucket}
        for item in self.items:
            grouped[item.bucket(today)].append(item)
        for bucket, items in grouped.items():
            self.tiles[bucket].set_count(len(items))
            if not items:
                continue
            header = self._section_header(bucket, len(items))
            self._sections[bucket] = header
            self._list_layout.addWidget(header)
            for item in items:
                card = DueCard(item, bucket, today)
                card.activated.connect(self._open)
                self.cards.append(card)
                self._list_layout.addWidget(card)
        self._list_layout.addStretch(1)
        shown = bool(self.items) or self.guide is not None
        self.scroll.setVisible(shown)
        self.empty_state.setVisible(not shown)

    def counts(self) -> dict[Bucket, int]:
        today = self.today
        result = dict.fromkeys(Bucket, 0)
        for item in self.items:
            result[item.bucket(today)] += 1
        return result

    def scroll_to(self, bucket: Bucket) -> None:
        section = self._sections.get(bucket)
        if section is not None:
            self.scroll.verticalScrollBar().setValue(section.y())

    def _open(self, item: DueItem) -> None:
        self.open_record.emit(item.register, item.record_id)

    # ----- deadlines ----------------------------------------------------------------------------

    def show_calculator(self) -> DeadlineCalculatorDialog:
        dialog = DeadlineCalculatorDialog(load_calendar(self.session.conn), self, start=self.today)
        dialog.open()
        return dialog

    def export_deadlines(self, target: Path | None = None) -> None:
        """Write the open deadlines (grouped as here) to an xlsx file; audited as an export."""
        today = self.today
        if target is None:
            name = f"{_('Deadlines')}_{today:%Y%m%d}.xlsx"
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Export deadlines"), str(Path(folder) / name), "Excel (*.xlsx)"
            )
            if not chosen:
                return
            target = Path(chosen)
        workspace = self.session.workspace

        def job(progress: object, cancelled: object) -> int:
            conn = workspace.connect()
            try:
                return export_deadlines(conn, target, today)
            finally:
                conn.close()

        def done(count: object) -> None:
            self.exported.emit(str(target), int(count) if isinstance(count, int) else 0)

        run_job(self, _("Exporting deadlines…"), job, done, lambda exc: show_error(self, exc))
