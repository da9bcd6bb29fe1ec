"""Training coverage: who has completed the required programmes of a fiscal year, and who has not.

The figures come from ``app.areas.training.coverage.compute_coverage`` (a few milliseconds for the demo's
300 staff; in the main window it runs on the database thread, as it takes most of a second for
200,000). Tiles sum the year up; two bar charts show completion by
department and by employment type; clicking a bar (or Enter on it) lists the people behind it in the
tabs below: those not yet trained, failed or needing a retake, new hires trained late, and staff
without the pledge their employment type signs. Double-clicking a person opens their record.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.areas.organisation.registers import DEPARTMENTS, ORGANISATION, PEOPLE
from app.areas.training.coverage import (
    DEFAULT_PLEDGE,
    CoverageReport,
    NewHire,
    PersonRef,
    ProgrammeCoverage,
    Tally,
    compute_coverage,
    current_fiscal_year,
    gaps,
    share_text,
)
from app.areas.training.follow_ups import ALL_PROGRAMMES, State, coverage_years, follow_ups
from app.areas.training.registers import TRAINING_REGISTERS
from app.areas.training.roster_import import RosterImportSpec
from app.catalogues import choices, item_extra
from app.i18n import _, ngettext
from ui.dashboard_page import format_day
from ui.icons import icon
from ui.jobs import JobRunner, describe_failure
from ui.pages import Page
from ui.passphrase_widgets import InlineMessage
from ui.session import Session
from ui.widgets.bar_chart import (
    FAIR_COLOUR,
    GOOD,
    GOOD_COLOUR,
    POOR_COLOUR,
    ROW_MIN,
    Bar,
    BarChart,
    share_colour,
)
from ui.widgets.people_table import Column, Labels, PeopleModel, PeopleTable
from ui.widgets.style import card, muted, scaled_font

NEUTRAL_COLOUR = "#546E7A"
SIDE_BY_SIDE_WIDTH = 1000  # the page's width from which the two charts sit side by side


def state_title(state: State) -> str:
    if state is State.NOT_TRAINED:
        return _("Not trained")
    if state is State.FAILED:
        return _("Failed the test")
    return _("Retake needed")


# ----- pieces of the page ---------------------------------------------------------------------


class StatTile(QPushButton):
    """A figure at the top of the page, styled like the Dashboard's count tiles."""

    def __init__(self, caption: str, tooltip: str = "") -> None:
        super().__init__()
        self.setObjectName("statTile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(64)
        self.setToolTip(tooltip)
        self.number = QLabel("0")
        self.number.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        scaled_font(self.number, 1.9, bold=True)
        self.caption = QLabel(caption)
        self.caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 8)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.set_value("0", None)

    def set_value(self, text: str, colour: str | None) -> None:
        self.number.setText(text)
        self.setAccessibleName(f"{self.caption.text()}: {text}")
        border = colour or "palette(mid)"
        self.setStyleSheet(
            "#statTile { background: palette(base); border: 1px solid palette(midlight);"
            f" border-top: 3px solid {border}; border-radius: 4px; text-align: left; }}"
            "#statTile:hover { border-color: palette(highlight);"
            f" border-top: 3px solid {border}; }}"
        )
        self.number.setStyleSheet(f"color: {colour};" if colour else "")


def _legend() -> QLabel:
    good, fair, poor = _("90% or more"), _("70–89%"), _("below 70%")
    target = _("target {share}").format(share=f"{GOOD * 100:.0f}%")
    label = QLabel(
        " ".join(
            (
                f'<span style="color:{GOOD_COLOUR}">■</span> {good}',
                f'&nbsp;<span style="color:{FAIR_COLOUR}">■</span> {fair}',
                f'&nbsp;<span style="color:{POOR_COLOUR}">■</span> {poor}',
                f"&nbsp;┆ {target}",
            )
        )
    )
    label.setTextFormat(Qt.TextFormat.RichText)
    return muted(label)


def _chart_area(chart: BarChart) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(chart)
    scroll.viewport().setBackgroundRole(QPalette.ColorRole.Base)
    scroll.viewport().setAutoFillBackground(True)
    scroll.setMinimumHeight(4 * ROW_MIN)
    chart.current_changed.connect(
        lambda key: scroll.ensureVisible(
            0, int(chart.row_rect(chart.keys().index(key)).center().y()), 0, 30
        )
    )
    return scroll


# ----- the page -------------------------------------------------------------------------------


class CoveragePage(Page):
    watched = frozenset(
        {
            *(defn.key for defn in TRAINING_REGISTERS),
            PEOPLE.key,
            DEPARTMENTS.key,
            ORGANISATION.key,
        }
    )
    open_record = Signal(str, object)  # register key, record id
    import_requested = Signal(str)  # the import spec's key (a training roster)
    report_changed = Signal()
    compute_failed = Signal(str)  # the message shown in place of the figures

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
        # In the main window the coverage is computed on the database thread: with 200,000 staff
        # it takes most of a second, and every change to people or training recomputes it.
        self._background = background
        self._computing = JobRunner(self)
        self.report: CoverageReport | None = None
        self.selection: tuple[str, str] | None = None  # ("department" | "employment", key)
        self._labels = Labels()

        title = QLabel(_("Training coverage"))
        scaled_font(title, 1.6, bold=True)
        self.period_label = muted(QLabel())
        self.period_label.setWordWrap(True)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(title)
        heading.addWidget(self.period_label)
        self.status_message = InlineMessage()
        self.status_message.setObjectName("coverageStatus")
        heading.addWidget(self.status_message)

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName(_("Fiscal year"))
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.programme_combo = QComboBox()
        self.programme_combo.setAccessibleName(_("Programme"))
        self.programme_combo.setMinimumWidth(260)
        self.programme_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.programme_combo.currentIndexChanged.connect(self._programme_chosen)
        choosers = QGridLayout()
        choosers.setHorizontalSpacing(8)
        choosers.setVerticalSpacing(6)
        year_label = QLabel(_("Fiscal &year"))
        year_label.setBuddy(self.year_combo)
        programme_label = QLabel(_("&Programme"))
        programme_label.setBuddy(self.programme_combo)
        choosers.addWidget(year_label, 0, 0, Qt.AlignmentFlag.AlignRight)
        choosers.addWidget(self.year_combo, 0, 1)
        choosers.addWidget(programme_label, 1, 0, Qt.AlignmentFlag.AlignRight)
        choosers.addWidget(self.programme_combo, 1, 1)

        self.import_button = QPushButton(_("Import a roster…"))
        self.import_button.setIcon(icon("import"))
        self.import_button.setToolTip(
            _("Add attendance from a spreadsheet a department or a vendor sent")
        )
        self.import_button.clicked.connect(lambda: self.import_requested.emit(RosterImportSpec.key))
        header = QHBoxLayout()
        header.setSpacing(16)
        header.addLayout(heading, 1)
        header.addLayout(choosers)
        header.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)

        self.tiles = {
            "completion": StatTile(
                _("completed"), _("Share of staff in scope who completed the training")
            ),
            "in_scope": StatTile(_("in scope"), _("Active staff the training is required of")),
            "not_trained": StatTile(_("not yet trained"), _("Show the people not yet trained")),
            "failed": StatTile(
                _("failed or retake"), _("Show the people who failed or must retake the test")
            ),
            "late": StatTile(
                _("new hires late"), _("New hires not trained within the allowed days")
            ),
            "pledges": StatTile(_("without a pledge"), _("Staff without the pledge they sign")),
        }
        tiles = QGridLayout()
        tiles.setHorizontalSpacing(12)
        for column, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, column)
        self.tiles["completion"].clicked.connect(lambda: self.clear_selection())
        self.tiles["in_scope"].clicked.connect(lambda: self.clear_selection())
        self.tiles["not_trained"].clicked.connect(lambda: self._show_tab(0, clear=True))
        self.tiles["failed"].clicked.connect(lambda: self._show_tab(0, clear=True))
        self.tiles["late"].clicked.connect(lambda: self._show_tab(1, clear=True))
        self.tiles["pledges"].clicked.connect(lambda: self._show_tab(2, clear=True))

        self.department_chart = BarChart()
        self.department_chart.setObjectName("departmentChart")
        self.department_chart.setAccessibleName(_("Completion by department"))
        self.department_chart.bar_clicked.connect(lambda key: self.select("department", key))
        self.employment_chart = BarChart()
        self.employment_chart.setObjectName("employmentChart")
        self.employment_chart.setAccessibleName(_("Completion by employment type"))
        self.employment_chart.bar_clicked.connect(lambda key: self.select("employment", key))

        department_card, department_layout, department_header = card(_("Completion by department"))
        self.sort_combo = QComboBox()
        self.sort_combo.setAccessibleName(_("Order of the bars"))
        self.sort_combo.addItem(_("Lowest first"), "share")
        self.sort_combo.addItem(_("By name"), "name")
        self.sort_combo.currentIndexChanged.connect(lambda: self._show_charts())
        department_header.addWidget(self.sort_combo)
        department_layout.addWidget(_chart_area(self.department_chart), 1)
        footer = QHBoxLayout()
        footer.addWidget(_legend())
        footer.addStretch(1)
        footer.addWidget(muted(QLabel(_("Click a bar to list its people"))))
        department_layout.addLayout(footer)
        employment_card, employment_layout, _header = card(_("By employment type"))
        employment_layout.addWidget(_chart_area(self.employment_chart), 1)
        charts = QWidget()
        self.charts_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, charts)
        self.charts_row.setContentsMargins(0, 0, 0, 0)
        self.charts_row.setSpacing(12)
        self.charts_row.addWidget(department_card, 3)
        self.charts_row.addWidget(employment_card, 2)

        self.follow_up_table = PeopleTable(
            PeopleModel(
                [
                    Column(_("Staff no."), lambda r, _l: r.person.staff_no),
                    Column(_("Name"), lambda r, _l: r.person.name),
                    Column(
                        _("Department"), lambda r, labels: labels.department(r.person.department)
                    ),
                    Column(_("Employment type"), lambda r, labels: labels.employment_of(r.person)),
                    Column(_("Programme"), lambda r, _l: r.programme.title),
                    Column(_("State"), lambda r, _l: state_title(r.state), lambda r: int(r.state)),
                ],
                lambda r: r.person,
            ),
            (90, 140, 170, 120, 260),
        )
        self.late_table = PeopleTable(
            PeopleModel(
                [
                    Column(_("Staff no."), lambda h, _l: h.person.staff_no),
                    Column(_("Name"), lambda h, _l: h.person.name),
                    Column(
                        _("Department"), lambda h, labels: labels.department(h.person.department)
                    ),
                    Column(_("Employment type"), lambda h, labels: labels.employment_of(h.person)),
                    Column(
                        _("Hired"), lambda h, _l: format_day(h.hire_date), lambda h: h.hire_date
                    ),
                    Column(_("Training due"), lambda h, _l: format_day(h.due), lambda h: h.due),
                    Column(_("Trained on"), _trained_on_text, _trained_on_sort),
                ],
                lambda h: h.person,
            ),
            (90, 140, 170, 120, 110, 110),
        )
        self.pledge_table = PeopleTable(
            PeopleModel(
                [
                    Column(_("Staff no."), lambda p, _l: p.staff_no),
                    Column(_("Name"), lambda p, _l: p.name),
                    Column(_("Department"), lambda p, labels: labels.department(p.department)),
                    Column(_("Employment type"), lambda p, labels: labels.employment_of(p)),
                    Column(_("Pledge expected"), lambda p, labels: labels.pledge_for(p)),
                ],
                lambda p: p,
            ),
            (90, 140, 170, 120),
        )
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for table in (self.follow_up_table, self.late_table, self.pledge_table):
            table.person_activated.connect(lambda pid: self.open_record.emit(PEOPLE.key, pid))
            self.tabs.addTab(table, "")

        self.filter_label = QLabel()
        scaled_font(self.filter_label, 1.0, bold=True)
        self.clear_button = QPushButton(_("Show everyone"))
        self.clear_button.setToolTip(_("List the people of every department and employment type"))
        self.clear_button.clicked.connect(lambda: self.clear_selection())
        people_card, people_layout, people_header = card(_("People to follow up"))
        people_header.insertWidget(1, self.filter_label)
        people_header.addWidget(self.clear_button)
        people_layout.addWidget(self.tabs, 1)
        # Below the list, not in the header row, which needs its width for the filter caption.
        people_layout.addWidget(muted(QLabel(_("Double-click a person to open their record"))))

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(charts)
        self.splitter.addWidget(people_card)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addLayout(tiles)
        layout.addWidget(self.splitter, 1)
        self._load_years()

    def title(self) -> str:
        return _("Training coverage")

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Side by side when there is room; the employment chart under the other when narrow.
        direction = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= SIDE_BY_SIDE_WIDTH
            else QBoxLayout.Direction.TopToBottom
        )
        if self.charts_row.direction() != direction:
            self.charts_row.setDirection(direction)
            # Stacked, the department chart takes the height the employment chart can spare.
            side_by_side = direction is QBoxLayout.Direction.LeftToRight
            self.charts_row.setStretch(0, 3 if side_by_side else 1)
            self.charts_row.setStretch(1, 2 if side_by_side else 0)
        super().resizeEvent(event)

    @property
    def today(self) -> date:
        return self._fixed_today or date.today()

    # ----- choosing -----------------------------------------------------------------------------

    @property
    def fiscal_year(self) -> int | None:
        data = self.year_combo.currentData()
        return int(data) if data is not None else None

    @property
    def programme_id(self) -> int:
        data = self.programme_combo.currentData()
        return int(data) if data is not None else ALL_PROGRAMMES

    def fiscal_years(self) -> list[int]:
        return [int(self.year_combo.itemData(i)) for i in range(self.year_combo.count())]

    def set_fiscal_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index < 0:
            raise ValueError(f"no fiscal year {year} to show")
        self.year_combo.setCurrentIndex(index)

    def set_programme(self, programme_id: int) -> None:
        index = self.programme_combo.findData(programme_id)
        if index < 0:
            raise ValueError(f"no programme {programme_id} in fiscal year {self.fiscal_year}")
        self.programme_combo.setCurrentIndex(index)

    def _load_years(self) -> None:
        if self.session.locked:
            return
        conn = self.session.conn
        current = current_fiscal_year(conn, self.today)
        shown = self.fiscal_year
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in coverage_years(conn, self.today):
            self.year_combo.addItem(_("FY {year}").format(year=year), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(shown or current))
        self.year_combo.blockSignals(False)
        self._compute()

    def _year_chosen(self) -> None:
        self.selection = None
        self._compute()

    def _programme_chosen(self) -> None:
        if self.selection is not None and self.report is not None:
            _total, departments, employment = self.tallies()
            kind, key = self.selection
            if key not in (departments if kind == "department" else employment):
                self.selection = None
        self._show()

    def select(self, kind: str, key: str) -> None:
        """List the people behind one bar ("department" or "employment")."""
        self.selection = (kind, key)
        self._show_selection()

    def clear_selection(self) -> None:
        self.selection = None
        self._show_selection()

    def _show_tab(self, index: int, *, clear: bool) -> None:
        if clear:
            self.clear_selection()
        self.tabs.setCurrentIndex(index)

    # ----- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._load_years()

    def _compute(self) -> None:
        year = self.fiscal_year
        if year is None or self.session.locked:
            return
        today = self.today
        if not self._background:
            self._apply(compute_coverage(self.session.conn, year, today=today))
            return
        self.status_message.show_note(_("Counting who has been trained…"))
        self._computing.run_on_database(
            self.session.workspace,
            lambda conn, _progress, _cancelled: compute_coverage(conn, year, today=today),
            self._apply,
            on_failed=self._compute_failed,
        )

    def _compute_failed(self, exc: BaseException) -> None:
        """Say so above the figures, which are cleared: stale figures would mislead."""
        message = _("The coverage could not be computed: {reason}").format(
            reason=describe_failure(exc)
        )
        self.report = None
        for tile in self.tiles.values():
            tile.set_value("–", NEUTRAL_COLOUR)
        self.department_chart.set_bars([])
        self.employment_chart.set_bars([])
        for table in (self.follow_up_table, self.late_table, self.pledge_table):
            table.source.set_rows([], self._labels)
        self.tabs.setTabText(0, _("Not completed ({count})").format(count="–"))
        self.tabs.setTabText(1, _("New hires trained late ({count})").format(count="–"))
        self.tabs.setTabText(2, _("Without a pledge ({count})").format(count="–"))
        self.status_message.show_error(message)
        self.compute_failed.emit(message)

    def _apply(self, report: CoverageReport) -> None:
        if self.session.locked:
            return
        self.status_message.clear_message()
        conn = self.session.conn
        self.report = report
        self._labels = Labels(
            employment=dict(self.report.employment_labels),
            pledges=dict(choices(conn, "PLEDGE_TYPE", include_inactive=True)),
            expected_pledge={
                code: item_extra(conn, "EMPLOYMENT_TYPE", code).get("pledge", DEFAULT_PLEDGE)
                for code in self.report.employment_labels
            },
        )
        shown = self.programme_id
        self.programme_combo.blockSignals(True)
        self.programme_combo.clear()
        self.programme_combo.addItem(_("All required programmes"), ALL_PROGRAMMES)
        for programme in self.report.programmes:
            self.programme_combo.addItem(programme.title, programme.programme_id)
        index = self.programme_combo.findData(shown)
        self.programme_combo.setCurrentIndex(max(0, index))
        self.programme_combo.blockSignals(False)
        self.period_label.setText(
            _(
                "{first} – {last} · as of {today} · new hires are due for training within {days} days"
            ).format(
                first=format_day(self.report.start),
                last=format_day(self.report.end),
                today=format_day(self.today),
                days=self.report.new_hire_days,
            )
        )
        self._show()

    def _programme(self) -> ProgrammeCoverage | None:
        if self.report is None:
            return None
        return next(
            (p for p in self.report.programmes if p.programme_id == self.programme_id), None
        )

    def tallies(self) -> tuple[Tally, dict[str, Tally], dict[str, Tally]]:
        """(total, by department, by employment type) for the chosen programme or all of them."""
        assert self.report is not None
        programme = self._programme()
        if programme is None:
            return self.report.overall, self.report.by_department, self.report.by_employment
        return programme.total, programme.by_department, programme.by_employment

    def _show(self) -> None:
        report = self.report
        if report is None:
            return
        total, _departments, _employment = self.tallies()
        behind = gaps(report, None if self.programme_id == ALL_PROGRAMMES else self.programme_id)
        self.tiles["completion"].set_value(
            share_text(total), share_colour(total.share).name() if total.share is not None else None
        )
        self.tiles["in_scope"].set_value(str(total.in_scope), NEUTRAL_COLOUR)
        for key, count in (
            ("not_trained", len(behind.not_trained)),
            ("failed", len(behind.failed)),
            ("late", len(report.new_hires_late)),
            ("pledges", len(report.without_pledge)),
        ):
            self.tiles[key].set_value(str(count), POOR_COLOUR if count else GOOD_COLOUR)
        self._show_charts()
        self._show_selection()
        self.report_changed.emit()

    def _show_charts(self) -> None:
        if self.report is None:
            return
        _total, departments, employment = self.tallies()
        empty = _("No required programmes are planned for fiscal year {year}.").format(
            year=self.report.fiscal_year
        )
        by_name = self.sort_combo.currentData() == "name"
        department_bars = [
            self._bar(key, self._department_label(key), tally) for key, tally in departments.items()
        ]
        department_bars.sort(
            key=lambda bar: (
                (bar.label,) if by_name else (bar.value if bar.value is not None else 2, bar.label)
            )
        )
        self.department_chart.empty_text = empty
        self.department_chart.set_bars(department_bars)
        order = list(self.report.employment_labels)
        employment_bars = [
            self._bar(code, self.report.employment_labels.get(code, code), employment[code])
            for code in sorted(employment, key=lambda c: order.index(c) if c in order else 99)
        ]
        self.employment_chart.empty_text = empty
        self.employment_chart.set_bars(employment_bars)
        self._mark_selected_bar()

    def _bar(self, key: str, label: str, tally: Tally) -> Bar:
        detail = f"{tally.completed} / {tally.in_scope}"
        tooltip = ngettext(
            "{label}: {done} of {total} person completed ({share})",
            "{label}: {done} of {total} people completed ({share})",
            tally.in_scope,
        ).format(label=label, done=tally.completed, total=tally.in_scope, share=share_text(tally))
        return Bar(key, label, tally.share, detail, tooltip)

    def _mark_selected_bar(self) -> None:
        kind, key = self.selection or ("", None)
        self.department_chart.set_selected(key if kind == "department" else None)
        self.employment_chart.set_selected(key if kind == "employment" else None)

    def _matches(self, person: PersonRef) -> bool:
        if self.selection is None:
            return True
        kind, key = self.selection
        if kind == "department":
            return person.department == key
        return person.employment_type == key

    def _show_selection(self) -> None:
        report = self.report
        if report is None:
            return
        department = employment = None
        if self.selection is not None:
            kind, key = self.selection
            department, employment = (key, None) if kind == "department" else (None, key)
        rows = follow_ups(report, self.programme_id, department=department, employment=employment)
        late = [hire for hire in report.new_hires_late if self._matches(hire.person)]
        pledges = [person for person in report.without_pledge if self._matches(person)]
        self.follow_up_table.source.set_rows(rows, self._labels)
        self.late_table.source.set_rows(late, self._labels)
        self.pledge_table.source.set_rows(pledges, self._labels)
        people = len({row.person.id for row in rows})
        self.tabs.setTabText(0, _("Not completed ({count})").format(count=people))
        self.tabs.setTabText(1, _("New hires trained late ({count})").format(count=len(late)))
        self.tabs.setTabText(2, _("Without a pledge ({count})").format(count=len(pledges)))
        if self.selection is None:
            self.filter_label.setText(_("— everyone"))
        elif self.selection[0] == "department":
            self.filter_label.setText(
                _("— department {name}").format(name=self._department_label(self.selection[1]))
            )
        else:
            self.filter_label.setText(
                _("— employment type {name}").format(
                    name=report.employment_labels.get(self.selection[1], self.selection[1])
                )
            )
        self.clear_button.setEnabled(self.selection is not None)
        self._mark_selected_bar()

    @staticmethod
    def _department_label(name: str) -> str:
        return Labels.department(name)


def _trained_on_text(hire: NewHire, _labels: Labels) -> str:
    return format_day(hire.trained_on) if hire.trained_on else _("not yet")


def _trained_on_sort(hire: NewHire) -> str:
    return hire.trained_on.isoformat() if hire.trained_on else "9999"
