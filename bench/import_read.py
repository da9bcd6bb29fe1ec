"""Reading a 20,000-row roster for import: calamine vs openpyxl, and what our engine adds.

    python bench/import_read.py              # 20,000 rows x 12 columns
    python bench/import_read.py --rows 5000

Writes the roster once (cached under bench/results/: an .xlsx as Excel saves it, with shared
strings, date cells and a merged title, and the same rows as a cp932 .csv), then measures each step
in a fresh process, best of three runs, with the process's peak resident memory (ru_maxrss, which
includes the interpreter: the "baseline" row imports the same modules and reads nothing).
Prints a table and writes bench/results/import_read.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MAMORI_HOME", tempfile.mkdtemp(prefix="mamori-bench-home-"))

RESULTS = ROOT / "bench" / "results"
HEADERS = (
    "職員番号",
    "氏名",
    "フリガナ",
    "所属",
    "雇用区分",
    "入職日",
    "メールアドレス",
    "研修名",
    "受講日",
    "点数",
    "合否",
    "備考",
)
SURNAMES = (("山田", "ヤマダ"), ("髙橋", "タカハシ"), ("山﨑", "ヤマザキ"), ("佐藤", "サトウ"))
GIVEN = (("花子", "ハナコ"), ("一郎", "イチロウ"), ("美咲", "ミサキ"), ("健一", "ケンイチ"))
DEPARTMENTS = ("本部", "情報システム部", "第一配送センター", "店舗事業部", "福祉事業所")
EMPLOYMENT = ("正職員", "パート", "契約/嘱託", "アルバイト", "派遣")
RUNS = 3


def roster_rows(count: int) -> list[list[object]]:
    rng = random.Random(20250601)
    rows: list[list[object]] = []
    for number in range(1, count + 1):
        surname, surname_kana = rng.choice(SURNAMES)
        given, given_kana = rng.choice(GIVEN)
        rows.append(
            [
                f"{number:05d}",
                f"{surname} {given}",
                f"{surname_kana} {given_kana}",
                rng.choice(DEPARTMENTS),
                rng.choice(EMPLOYMENT),
                date(1995, 4, 1) + timedelta(days=rng.randint(0, 10_000)),
                f"staff{number}@example.coop",
                "個人情報保護研修",
                # Offices mix date cells and typed era dates in the same column.
                date(2025, 6, rng.randint(1, 30)) if number % 3 else f"R7.6.{rng.randint(1, 30)}",
                rng.randint(40, 100),
                rng.choice(("合格", "不合格")),
                "" if number % 7 else "後日受講",
            ]
        )
    return rows


def write_files(count: int) -> tuple[Path, Path]:
    """The roster as .xlsx (XlsxWriter: shared strings like Excel) and cp932 .csv, cached."""
    import xlsxwriter

    RESULTS.mkdir(exist_ok=True)
    xlsx = RESULTS / f"roster-{count}.xlsx"
    text = RESULTS / f"roster-{count}-cp932.csv"
    if xlsx.exists() and text.exists():
        return xlsx, text
    rows = roster_rows(count)
    book = xlsxwriter.Workbook(str(xlsx))
    sheet = book.add_worksheet("受講者名簿")
    dated = book.add_format({"num_format": "yyyy/mm/dd"})
    sheet.merge_range(0, 0, 0, len(HEADERS) - 1, "令和7年度 個人情報保護研修 受講者名簿")
    sheet.write(1, 0, "作成日：令和7年6月30日 総務部")
    sheet.write_row(3, 0, HEADERS)
    for offset, row in enumerate(rows, start=4):
        for column, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(offset, column, value, dated)
            else:
                sheet.write(offset, column, value)
    book.close()
    with text.open("w", encoding="cp932", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["令和7年度 個人情報保護研修 受講者名簿"])
        writer.writerow([])
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow(
                [value.strftime("%Y/%m/%d") if isinstance(value, date) else value for value in row]
            )
    return xlsx, text


# ----- the steps, each run in a child process ----------------------------------------------------


def step_baseline(path: Path) -> int:
    import openpyxl  # noqa: F401
    import python_calamine  # noqa: F401

    from app.importing import engine, register_import  # noqa: F401

    return 0


def step_calamine(path: Path) -> int:
    import python_calamine

    with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
        return len(book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False))


def step_openpyxl(path: Path) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def step_reader(path: Path) -> int:
    from app.importing.reader import open_workbook

    with open_workbook(path) as book:
        return len(book.read().rows)


def step_engine(path: Path) -> int:
    """Read + find the headings + suggest the mapping + parse every row for the People register."""
    from app.areas.organisation.registers import PEOPLE
    from app.importing.engine import load_for_import
    from app.importing.register_import import RegisterImportSpec

    prepared = load_for_import(path, RegisterImportSpec(PEOPLE))
    prepared.workbook.close()
    return len(prepared.rows)


STEPS: dict[str, Callable[[Path], int]] = {
    "baseline": step_baseline,
    "calamine": step_calamine,
    "openpyxl": step_openpyxl,
    "reader": step_reader,
    "engine": step_engine,
}


def child(step: str, path: Path) -> None:
    import resource

    function = STEPS[step]
    timings = []
    rows = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        rows = function(path)
        timings.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": min(timings), "rows": rows, "peak_mib": peak / 1024}))


def run_child(step: str, path: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", step, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--child", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return 0
    xlsx, text = write_files(args.rows)
    plan = [
        ("xlsx", "baseline", "imports only (no file read)", xlsx),
        ("xlsx", "calamine", "python-calamine to_python", xlsx),
        ("xlsx", "openpyxl", "openpyxl read_only iter_rows", xlsx),
        ("xlsx", "reader", "open_workbook().read()", xlsx),
        ("xlsx", "engine", "read + header + mapping + map_rows (People)", xlsx),
        ("csv", "reader", "open_workbook().read()", text),
        ("csv", "engine", "read + header + mapping + map_rows (People)", text),
    ]
    results = []
    for kind, step, label, path in plan:
        measured = run_child(step, path)
        results.append({"file": kind, "step": step, "label": label, **measured})
    calamine = next(r["seconds"] for r in results if r["step"] == "calamine")
    size = xlsx.stat().st_size / 1024 / 1024
    print(
        f"\nRoster: {args.rows:,} rows x {len(HEADERS)} columns; xlsx {size:.1f} MiB, best of {RUNS}"
    )
    print(f"{'file':<5} {'step':<45} {'time':>9} {'x calamine':>11} {'peak RSS':>10}")
    for result in results:
        seconds = "—" if result["step"] == "baseline" else f"{result['seconds'] * 1000:7.0f} ms"
        ratio = "" if result["step"] == "baseline" else f"{result['seconds'] / calamine:10.2f}x"
        print(
            f"{result['file']:<5} {result['label']:<45} {seconds:>9} {ratio:>11} "
            f"{result['peak_mib']:7.0f} MiB"
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import_read.json").write_text(
        json.dumps({"rows": args.rows, "results": results}, indent=2), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
