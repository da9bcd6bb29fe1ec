"""Rendering the board report of a large co-op: PDF and Excel, against bare reportlab/openpyxl.

    python bench/render_bench.py                # 5 sections, 20,000 appendix rows in all
    python bench/render_bench.py --rows 5000

The snapshot is synthetic (what app.board would produce for 20,000 staff: per-person training
rows, risk items, assets). "bare" builds the same appendix tables with plain reportlab (one
Table per 500 rows, repeatRows=1, single pass, default fonts) and openpyxl (plain cell values, no
styles): the ratio is the cost of the report's layout, fonts, charts and safety. One run each;
target ≤ 10 s each. Prints a table and writes bench/results/render.json.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.board.snapshot import Chart, Kpi, Section, Snapshot, Table  # noqa: E402

RUNS = 1
TARGET_S = 10.0
DEPTS = ["本部総務部", "共済事業部", "宅配事業部", "店舗事業部", "情報システム部", "福祉事業部"]


def large_snapshot(rows: int) -> Snapshot:
    rng = random.Random(3)
    per = rows // 5
    sections = []
    for number in range(5):
        appendix = Table(
            f"一覧 {number + 1}",
            ["番号", "部署", "区分", "日付", "修了", "点数"],
            [
                [
                    f"S{number}{i:05d}",
                    rng.choice(DEPTS),
                    rng.choice(["正職員", "パート"]),
                    f"2026-0{rng.randint(4, 9)}-{rng.randint(10, 28)}",
                    rng.random() < 0.9,
                    rng.randint(50, 100),
                ]
                for i in range(per)
            ],
            ["text", "text", "text", "date", "text", "int"],
        )
        sections.append(
            Section(
                f"s{number}",
                f"セクション {number + 1}",
                "概要の一文です。",
                kpis=[Kpi("修了率", 0.93, "%", "≥ 95%", "watch", "修了者 ÷ 対象者", 0.9)],
                charts=[
                    Chart("bar", "部署別", DEPTS, [rng.random() for _ in DEPTS], percent=True),
                    Chart(
                        "heatmap",
                        "リスク",
                        matrix=[[rng.randint(0, 30) for _ in range(5)] for _ in range(5)],
                    ),
                ],
                tables=[
                    Table(
                        "部署別",
                        ["部署", "人数"],
                        [[d, rng.randint(10, 500)] for d in DEPTS],
                        ["text", "int"],
                    )
                ],
                appendix=[appendix],
            )
        )
    return Snapshot(
        "みらい生活協同組合",
        "2026-03-21",
        "2027-03-20",
        "2026年度",
        "ja",
        "2027-04-10T09:30:00",
        "山田 花子",
        "bench",
        sections,
    )


def bare_pdf(snapshot: Snapshot) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus import Table as RLTable

    story = []
    for section in snapshot.sections:
        for table in section.appendix:
            rows = [[str(c) for c in r] for r in table.rows]
            for start in range(0, len(rows), 500):
                story.append(RLTable([table.columns, *rows[start : start + 500]], repeatRows=1))
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(story)


def bare_xlsx(snapshot: Snapshot) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for section in snapshot.sections:
        for table in section.appendix:
            sheet = book.create_sheet()
            sheet.append(table.columns)
            for row in table.rows:
                sheet.append(row)
    book.save(io.BytesIO())


def best(action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    from reports.pdf_report import write_pdf
    from reports.xlsx_report import write_xlsx

    snapshot = large_snapshot(args.rows)
    out = Path(tempfile.mkdtemp(prefix="mamori-render-"))
    results = {}
    for name, ours, bare in (
        ("pdf", lambda: write_pdf(snapshot, out / "r.pdf"), lambda: bare_pdf(snapshot)),
        ("xlsx", lambda: write_xlsx(snapshot, out / "r.xlsx"), lambda: bare_xlsx(snapshot)),
    ):
        mine, plain = best(ours), best(bare)
        results[name] = {
            "seconds": round(mine, 3),
            "bare_seconds": round(plain, 3),
            "ratio": round(mine / plain, 2),
            "ok": mine <= TARGET_S,
        }
    print(f"appendix rows: {args.rows:,}")
    print(f"{'format':<6} {'report s':>9} {'bare s':>8} {'ratio':>6}  target ≤ {TARGET_S:.0f} s")
    for name, r in results.items():
        print(
            f"{name:<6} {r['seconds']:>9.2f} {r['bare_seconds']:>8.2f} {r['ratio']:>6.2f}  {'ok' if r['ok'] else 'SLOW'}"
        )
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "render.json").write_text(
        json.dumps({"rows": args.rows, **results}, indent=2)
    )


if __name__ == "__main__":
    main()
