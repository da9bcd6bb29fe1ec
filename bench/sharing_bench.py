"""The sharing area at scale: looking up a requester's provision records, the disposal due list
and chapter 9's figures with many provision and receipt records.

    python bench/sharing_bench.py                 # 5,000 records
    python bench/sharing_bench.py --records 20000

Records are inserted through the audited, validated record layer (retention computed, deadlines
synced), so the build time is itself a measurement. Best of 5 for each reading; no target is set by
issue 16 — the figures are reported for the record.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MAMORI_HOME", tempfile.mkdtemp(prefix="mamori-bench-home-"))

from bench.data import PASSPHRASE, RESULTS  # noqa: E402

SURNAMES = ("山田", "鈴木", "佐藤", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤")
GIVEN = ("太郎", "花子", "一郎", "さくら", "健", "恵", "実", "由美", "翔", "葵")
KANA = {"山田": "ヤマダ", "鈴木": "スズキ", "佐藤": "サトウ", "高橋": "タカハシ", "田中": "タナカ",
        "伊藤": "イトウ", "渡辺": "ワタナベ", "中村": "ナカムラ", "小林": "コバヤシ", "加藤": "カトウ"}  # fmt: skip


def best(function, runs: int = 5) -> float:
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    args = parser.parse_args()
    from app.areas.sharing.board_figures import sharing_figures
    from app.areas.sharing.disposal import disposal_due
    from app.areas.sharing.lookup import provision_records_for
    from app.areas.sharing.registers_provision import PROVISION_RECORDS
    from app.board.report import fiscal_year_period
    from app.registers.records import insert_validated, validate
    from app.storage.database import write_transaction
    from app.storage.workspace import Workspace

    rng = random.Random(16)
    folder = Path(tempfile.mkdtemp(prefix="mamori-sharing-bench-"))
    ws = Workspace.create(folder / "s.mamori", PASSPHRASE)
    conn = ws.conn
    today = date(2026, 12, 4)
    start = time.perf_counter()
    with write_transaction(conn):
        for number in range(args.records):
            surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
            provided = today - timedelta(days=rng.randint(0, 5 * 365))
            method = rng.choice(("each", "each", "each", "bulk", "contract_substitute"))
            raw = {
                "ref": f"PR-{number:06d}",
                "direction": rng.choice(("provide", "provide", "receive")),
                "basis": rng.choice(("consent", "consent", "opt_out", "exempt_law")),
                "recording_method": method,
                "recorded_on": provided,
                "provided_on": provided,
                "last_provided_on": None if method == "each" else provided + timedelta(days=90),
                "counterparty_name": f"取引先{number % 50:02d}株式会社",
                "counterparty_address": "東京都千代田区",
                "acquisition_history": "本人から申込書で取得",
                "subject_identification": f"組合員 {surname} {given}（{KANA[surname]}、"
                f"組合員番号 {1_000_000 + number}）",
                "data_items": "氏名、住所、電話番号",
                "consent_statement": "申込書で同意",
            }
            insert_validated(conn, PROVISION_RECORDS, validate(conn, PROVISION_RECORDS, raw))
    build = time.perf_counter() - start
    period = fiscal_year_period(conn, 2026, "ja")
    results = {
        "records": args.records,
        "build_s": round(build, 2),
        "lookup_kanji_s": best(lambda: provision_records_for(conn, "山田 太郎")),
        "lookup_kana_s": best(lambda: provision_records_for(conn, "やまだ")),
        "due_list_s": best(lambda: disposal_due(conn, today)),
        "chapter_figures_s": best(lambda: sharing_figures(conn, period)),
        "matches_yamada_taro": len(provision_records_for(conn, "山田太郎")),
    }
    ws.close()
    for key, value in results.items():
        print(f"{key:24} {value:.4f}" if isinstance(value, float) else f"{key:24} {value}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "sharing.json").write_text(json.dumps(results, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
