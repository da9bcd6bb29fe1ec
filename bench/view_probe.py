"""Register-page timings on the large workspace, through the real page and table view (offscreen).

First paint: from building the People page to its table painted. A filter keystroke: from the
search being applied (the debounce timer firing) to the table repainted; the count of matching
rows follows on the database thread and is timed separately.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _best(function: Callable[[], object], repeat: int = 5) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def measure_view(path: Path, passphrase: str) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from app.registers import get_register
    from app.registers.query import ListQuery, compile_query
    from app.settings import Settings
    from app.storage.workspace import Workspace
    from ui.application import prepare_application
    from ui.register_page import RegisterPage
    from ui.session import Session

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    prepare_application(app, Settings(language="ja"))
    workspace = Workspace.open(path, passphrase)
    session = Session(workspace)
    people = get_register("people")
    pages: list[RegisterPage] = []

    def first_paint() -> None:
        page = RegisterPage(session, people)
        page.resize(1280, 800)
        page.show()
        page.table.viewport().repaint()
        pages.append(page)

    first = _best(first_paint)
    page = pages[-1]

    def search(term: str) -> Callable[[], None]:
        def run() -> None:
            page.search.setText("")
            page.apply_filters()
            page.search.setText(term)
            start = time.perf_counter()
            page.apply_filters()
            page.table.viewport().repaint()
            timings.append(time.perf_counter() - start)

        return run

    timings: list[float] = []
    for _ in range(5):
        search("田中")()
    short = min(timings)
    timings = []
    for _ in range(5):
        search("蘭丸")()  # matches nobody: the scan reads every row (the worst case)
    short = max(short, min(timings))
    timings = []
    for _ in range(5):
        search("田中 美")()  # two terms: one trigram-free, one single kanji
    for _ in range(5):
        search("タナカ")()  # katakana reading: a trigram search
    long_term = min(timings[5:])
    short = max(short, min(timings[:5]))
    compiled = compile_query(people, ListQuery(search="田中"))
    count = _best(lambda: compiled.count(workspace.conn), 3)
    page.search.setText("")
    page.apply_filters()
    department = [item.key for item in page.model.columns].index("department")
    sort_link = _best(lambda: (page.model.sort(department), page.model.sort(0)), 3) / 2
    for item in pages:
        item.close()
    workspace.close()
    return {
        "first_paint_s": first,
        "filter_short_s": short,
        "filter_long_s": long_term,
        "count_s": count,
        "sort_link_s": sort_link,
    }
