"""The board report's stored copies (its sections come from the other areas)."""

from __future__ import annotations

from app.areas import Area
from app.areas.board.registers import AREA_RECORDS, BOARD_REPORTS

AREA = Area(key="board", title=AREA_RECORDS, registers=(BOARD_REPORTS,))
