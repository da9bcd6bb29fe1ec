"""Which registers exist. Later registers append their definitions to ``_MODULES``."""

from __future__ import annotations

from functools import cache

from app.registers.definition import RegisterDef


@cache
def _registers() -> dict[str, RegisterDef]:
    from app.deadlines.register import DEADLINE_REGISTERS
    from app.registers.assets import ASSET_REGISTERS
    from app.registers.foundation import FOUNDATION_REGISTERS
    from app.registers.training import TRAINING_REGISTERS

    registers: dict[str, RegisterDef] = {}
    for definition in (
        *FOUNDATION_REGISTERS,
        *TRAINING_REGISTERS,
        *ASSET_REGISTERS,
        *DEADLINE_REGISTERS,
    ):
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
