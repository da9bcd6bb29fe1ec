"""Build the legacy .xls files the import tests read (see ``tests/data/README.md``).

    .venv/bin/pip install xlwt==1.3.0      # a writer of BIFF8 .xls; not a project dependency
    .venv/bin/python tests/data/import/make_xls.py

Nothing writes .xls any more except old HR systems, so the files are generated once and
committed; xlwt is needed only to regenerate them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlwt  # type: ignore[import-not-found]

HERE = Path(__file__).resolve().parent


def roster() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("受講者名簿")
    book.add_sheet("メモ").write(0, 0, "集計用")
    sheet.write_merge(0, 0, 0, 4, "令和7年度 個人情報保護研修 受講者名簿")
    sheet.write(1, 0, "作成：総務部")
    for column, text in enumerate(("職員番号", "氏名", "所属", "雇用区分", "入職日")):
        sheet.write(3, column, text)
    dated = xlwt.easyxf(num_format_str="YYYY/MM/DD")
    rows = (
        ("00123", "髙橋 美咲", "本部", "正職員", date(2015, 4, 1)),
        ("00124", "山﨑 健一", "本部", "パート", "R7.6.1"),
        ("00125", "田中 ①子", "第一配送センター", "契約", "平成31年4月1日"),
    )
    for offset, values in enumerate(rows):
        for column, value in enumerate(values):
            if isinstance(value, date):
                sheet.write(4 + offset, column, value, dated)
            else:
                sheet.write(4 + offset, column, value)
    book.save(str(HERE / "roster.xls"))


def far_cell() -> None:
    """Two cells, A1 and IV65536: a 6 KB file whose grid has 16.7 million cells."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    sheet.write(0, 0, "職員番号")
    sheet.write(65535, 255, "x")
    book.save(str(HERE / "far_cell.xls"))


if __name__ == "__main__":
    roster()
    far_cell()
    print("wrote", HERE / "roster.xls", HERE / "far_cell.xls")
