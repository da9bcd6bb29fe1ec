"""Training and awareness (JIS A.3.4.5): plan, sessions, attendance, pledges, coverage."""

from __future__ import annotations

from app.areas import Area, ImportOffer
from app.areas.training.board import training_section
from app.areas.training.demo import add_training_demo
from app.areas.training.registers import AREA_TRAINING, TRAINING_REGISTERS
from app.areas.training.reminders import training_items
from app.areas.training.roster_import import RosterImportSpec

AREA = Area(
    key="training",
    title=AREA_TRAINING,
    registers=TRAINING_REGISTERS,
    reminders=(training_items,),
    board_sections=(training_section,),
    demo=(add_training_demo,),
    imports=(ImportOffer(RosterImportSpec, rank=10),),
)
