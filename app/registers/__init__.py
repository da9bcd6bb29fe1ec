"""The register framework: every record type is declared once and everything derives from it."""

from __future__ import annotations

from app.registers.definition import RegisterDef
from app.registers.fields import Field, FieldError, Kind
from app.registers.registry import all_registers, get_register, register_for_table

__all__ = [
    "Field",
    "FieldError",
    "Kind",
    "RegisterDef",
    "all_registers",
    "get_register",
    "register_for_table",
]
