"""The holiday calendar behind business-day deadlines.

Built in: jpholiday (pinned), which computes 国民の祝日, 振替休日 and 国民の休日 from the law. Override:
the Cabinet Office's 祝日 CSV (syukujitsu.csv, cp932, columns 国民の祝日・休日月日,
国民の祝日・休日名称), imported once a year into the workspace; for the years it covers it replaces
the built-in table, so a newly legislated or moved holiday does not wait for a Mamori release.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version

import jpholiday

from app.errors import MamoriError
from app.i18n import N_, _
from app.storage.database import Connection

BUILTIN_FIRST_YEAR = 1955  # the Cabinet Office table starts here too
BUILTIN_LAST_YEAR = 2099  # jpholiday's equinox formula holds to 2099
YEAR_END_CLOSURE = "年末年始休業（12月29日〜1月3日）"
WEEKDAYS_JA = "月火水木金土日"
CSV_DATE_HEADER = "国民の祝日・休日月日"
CSV_NAME_HEADER = "国民の祝日・休日名称"
MAX_CSV_BYTES = 1_000_000  # the real file is about 20 KB

MSG_CSV_HEADER = N_(
    "{file}: the first row must be the headings {date_header},{name_header} (found: {found})"
)
MSG_CSV_ROW = N_("{file}, row {row}, {column}: {problem}")
MSG_CSV_EMPTY = N_("{file}: no holidays found")
MSG_CSV_TOO_BIG = N_("{file}: {size} bytes is too large for a holiday table")
MSG_CSV_ENCODING = N_("{file}: not a CSV file in Shift_JIS (cp932) or UTF-8")


class HolidayImportError(MamoriError):
    """A holiday CSV that cannot be used; the message names the file, row and column."""


@dataclass(frozen=True)
class TableInfo:
    """What the About page and ``verify`` show about the holiday table in use."""

    version: str
    first_year: int
    last_year: int
    imported: bool

    def describe(self) -> str:
        return _("{version}, {first}–{last}").format(
            version=self.version, first=self.first_year, last=self.last_year
        )


@dataclass
class HolidayCalendar:
    """Public holidays by date, from jpholiday and, for the years it covers, an imported table."""

    override: dict[date, str] = field(default_factory=dict)
    override_years: frozenset[int] = frozenset()
    override_version: str = ""

    def holiday_name(self, day: date) -> str | None:
        if day.year in self.override_years:
            return self.override.get(day)
        return jpholiday.is_holiday_name(day)

    def closure_name(self, day: date) -> str | None:
        if (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3):
            return YEAR_END_CLOSURE
        return None

    def is_business_day(self, day: date) -> bool:
        return (
            day.weekday() < 5 and self.closure_name(day) is None and self.holiday_name(day) is None
        )

    def why_closed(self, day: date) -> str:
        """Why ``day`` is not a business day, in Japanese: 2025-05-03（土）憲法記念日."""
        names = []
        holiday = self.holiday_name(day)
        if holiday:
            names.append(holiday)
        closure = self.closure_name(day)
        if closure:
            names.append(closure)
        if not names:
            names.append("土曜日" if day.weekday() == 5 else "日曜日")
        return f"{day.isoformat()}（{WEEKDAYS_JA[day.weekday()]}）{'・'.join(names)}"

    def info(self) -> TableInfo:
        builtin = f"jpholiday {version('jpholiday')}"
        if not self.override_years:
            return TableInfo(builtin, BUILTIN_FIRST_YEAR, BUILTIN_LAST_YEAR, False)
        first, last = min(self.override_years), max(self.override_years)
        return TableInfo(
            f"{self.override_version} + {builtin}",
            min(first, BUILTIN_FIRST_YEAR),
            max(last, BUILTIN_LAST_YEAR),
            True,
        )


BUILTIN = HolidayCalendar()


def load_calendar(conn: Connection) -> HolidayCalendar:
    """The workspace's calendar: the built-in table plus its last imported CSV, if any."""
    row = conn.execute(
        "SELECT id, file_name, imported_at, first_year, last_year FROM holiday_table "
        "ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return BUILTIN
    table_id, file_name, imported_at, first_year, last_year = row
    days = {
        date.fromisoformat(day): name
        for day, name in conn.execute(
            "SELECT day, name FROM holiday WHERE table_id = ?", (table_id,)
        )
    }
    return HolidayCalendar(
        days,
        frozenset(range(first_year, last_year + 1)),
        _("内閣府 {file} (imported {date})").format(file=file_name, date=imported_at[:10]),
    )


def _decode(data: bytes, shown: str) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise HolidayImportError(_(MSG_CSV_ENCODING).format(file=shown))


def parse_holiday_csv(data: bytes, shown: str) -> dict[date, str]:
    """The holidays of a syukujitsu.csv; HolidayImportError names the bad row and column."""
    if len(data) > MAX_CSV_BYTES:
        raise HolidayImportError(_(MSG_CSV_TOO_BIG).format(file=shown, size=len(data)))
    rows = list(csv.reader(io.StringIO(_decode(data, shown))))
    if not rows:
        raise HolidayImportError(_(MSG_CSV_EMPTY).format(file=shown))
    header = [unicodedata.normalize("NFKC", cell).strip() for cell in rows[0]]
    if header[:2] != [CSV_DATE_HEADER, CSV_NAME_HEADER]:
        raise HolidayImportError(
            _(MSG_CSV_HEADER).format(
                file=shown,
                date_header=CSV_DATE_HEADER,
                name_header=CSV_NAME_HEADER,
                found=",".join(rows[0][:2]),
            )
        )
    holidays: dict[date, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        text = row[0].strip() if row else ""
        name = row[1].strip() if len(row) > 1 else ""
        try:
            year, month, day = (int(part) for part in text.replace("-", "/").split("/"))
            when = date(year, month, day)
        except ValueError:
            raise HolidayImportError(
                _(MSG_CSV_ROW).format(
                    file=shown,
                    row=number,
                    column=CSV_DATE_HEADER,
                    problem=_("'{text}' is not a date such as 2025/1/1").format(text=text),
                )
            ) from None
        if not name:
            raise HolidayImportError(
                _(MSG_CSV_ROW).format(
                    file=shown, row=number, column=CSV_NAME_HEADER, problem=_("a value is required")
                )
            )
        if when in holidays:
            raise HolidayImportError(
                _(MSG_CSV_ROW).format(
                    file=shown,
                    row=number,
                    column=CSV_DATE_HEADER,
                    problem=_("{date} is listed twice").format(date=when.isoformat()),
                )
            )
        holidays[when] = name
    if not holidays:
        raise HolidayImportError(_(MSG_CSV_EMPTY).format(file=shown))
    return holidays
