"""Which registers exist: those the areas declare (``app.areas``), in area order."""

from __future__ import annotations

from functools import cache

from app.areas import all_areas
from app.registers.definition import RegisterDef


@cache
def _registers() -> dict[str, RegisterDef]:
    registers: dict[str, RegisterDef] = {}
    for area in all_areas():
        for definition in area.registers:
            if definition.key in registers:
                raise ValueError(f"register {definition.key} declared by two areas")
            registers[definition.key] = definition
    return registers


def all_registers() -> tuple[RegisterDef, ...]:
    return tuple(_registers().values())


def get_register(key: str) -> RegisterDef:
    try:
        return _registers()[key]
    except KeyError:
        raise KeyError(f"no register called {key!r}") from None


def register_for_table(table: str) -> RegisterDef:
    for definition in _registers().values():
        if definition.table == table:
            return definition
    raise KeyError(table)
