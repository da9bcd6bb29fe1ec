"""The officer's answers to unknown roster values, given by name (the CLI's --map-value).

``COLUMN:VALUE=CODE`` names the column by its heading in the file, the target's key
(employment_type) or its label in either language (雇用区分, Employment type); CODE is an item's
code or label (contract, 契約/嘱託), a department's code or name, or ``+`` to add the value.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from collections.abc import Sequence

from app.areas.training.roster_values import VALUE_TARGETS, department_ids, department_word
from app.catalogues import code_lookup, match_value
from app.i18n import _
from app.importing.mapping import MappingError, normalise_header, target_names
from app.importing.spec import ADD_TO_CATALOGUE, Target
from app.storage.database import Connection


def _target_named(
    text: str,
    headers: Sequence[str],
    mapping: MappingABC[str, tuple[int, ...]],
    targets: Sequence[Target],
) -> str:
    wanted = normalise_header(text)
    for target in targets:
        if target.key not in VALUE_TARGETS:
            continue
        columns = mapping.get(target.key, ())
        in_file = {normalise_header(headers[i]) for i in columns if i < len(headers)}
        if wanted in in_file or wanted == target.key or wanted in target_names(target):
            return target.key
    names = ", ".join(key for key in VALUE_TARGETS)
    raise MappingError(
        _("--map-value: “{column}” is not a column with listed values (choose from: {names}).")
        .format(column=text, names=names)
    )  # fmt: skip


def answers_from_arguments(
    conn: Connection,
    items: Sequence[str],
    headers: Sequence[str],
    mapping: MappingABC[str, tuple[int, ...]],
    targets: Sequence[Target],
) -> dict[str, dict[str, str]]:
    """{target key: {folded value: code or "+"}} from ``COLUMN:VALUE=CODE`` texts."""
    answers: dict[str, dict[str, str]] = {}
    for item in items:
        column, colon, rest = item.partition(":")
        value, equals, code_text = rest.rpartition("=")
        if not colon or not equals or not column.strip() or not value.strip():
            raise MappingError(
                _("--map-value takes COLUMN:VALUE=CODE, not “{item}”.").format(item=item)
            )
        target = _target_named(column.strip(), headers, mapping, targets)
        code = _code_named(conn, target, code_text.strip())
        answers.setdefault(target, {})[match_value(value.strip())] = code
    return answers


def _code_named(conn: Connection, target: str, text: str) -> str:
    if text == ADD_TO_CATALOGUE:
        return text
    catalogue = VALUE_TARGETS[target]
    if catalogue is None:
        found = department_ids(conn).get(department_word(text))
        code = None if found is None else str(found)
    else:
        code = code_lookup(conn, catalogue).find(text)
    if code is None:
        raise MappingError(
            _("--map-value: “{code}” is not an item of the list for {column}.").format(
                code=text, column=target
            )
        )
    return code
