"""Importing rows into any register of the framework (departments, people, ...).

``RegisterImportSpec(defn)`` derives its targets from the register's fields: each field is named by
its synonyms and its label in Japanese and English. Links are given by the linked record's human
key or display name (部署コード or 部署名), choices by catalogue code or label in either language.
A row whose human key (staff number, department code) is already in the register is matched, never
changed: skipped as a duplicate when its values agree, with a warning per differing value when not.
Other rows are created, validated as a form would, in one transaction with their audit entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.catalogues import CodeLookup, choices, code_lookup, match_word
from app.errors import MamoriError, ValidationError
from app.i18n import N_, _, gettext_in
from app.importing.spec import (
    COUNT_LABELS,
    PLANNED_LABELS,
    ImportPlan,
    ImportSummary,
    MappedRow,
    Problem,
    Target,
)
from app.jobs import Cancelled, Progress, check_cancelled, never_cancelled, no_progress
from app.registers.definition import RegisterDef
from app.registers.fields import Field, Kind
from app.registers.records import (
    find_by_human_key,
    human_keys,
    insert_validated,
    linked_ids,
    links_by_owner,
    load_record,
    record_label,
    required_message,
    resolve_links,
    table_columns,
    update_in_transaction,
    validate,
)
from app.registers.registry import get_register
from app.storage import audit
from app.storage.database import Connection, write_transaction
from app.text import join_list

for _key, _label in (
    ("created", N_("Records created")),
    ("duplicates_skipped", N_("Rows already recorded (skipped)")),
    ("differing_skipped", N_("Rows matching a record with other values (not changed)")),
    ("invalid_skipped", N_("Rows with errors (skipped)")),
):
    COUNT_LABELS.setdefault(_key, _label)
for _key, _label in (
    ("created", N_("Records to create")),
    ("invalid_skipped", N_("Rows with errors (will be skipped)")),
):
    PLANNED_LABELS.setdefault(_key, _label)

_PROGRESS_EVERY = 50


class ImportRefusedError(MamoriError):
    """The plan has errors and was not told to skip the rows that have them."""


def register_targets(defn: RegisterDef) -> tuple[Target, ...]:
    """One target per field, named by its synonyms and its label in both languages."""
    targets = []
    for item in defn.fields:
        names = (*item.synonyms, gettext_in("ja", item.label), gettext_in("en", item.label))
        targets.append(
            Target(
                key=item.key,
                label=item.label,
                synonyms=tuple(dict.fromkeys(names)),
                required=item.required and item.default is None,
                field=item,
                joinable=item.kind is Kind.TEXT
                and (item.key == defn.display or "kana" in item.key),
            )
        )
    return tuple(targets)


@dataclass
class CreateAction:
    row: int
    values: dict[str, Any]  # field key -> clean value; links as ids
    pending: dict[str, str] = field(default_factory=dict)  # link field -> human key made earlier
    linked_by: dict[str, list[int]] = field(default_factory=dict)  # incoming target -> owner ids


INCOMING = "linked_by:"  # target keys of the records of other registers that link this one


def incoming_links(defn: RegisterDef) -> list[tuple[RegisterDef, Field]]:
    """(register, multi-link field) of other registers whose field names records of ``defn``:
    the contractors an asset is entrusted to. An exported 台帳 shows them in a column headed by
    that register's title; importing it back links the new record to the records named there."""
    from app.registers.registry import all_registers

    return [
        (owner, item)
        for owner in all_registers()
        if owner.key != defn.key and owner.field(owner.human_key).kind is not Kind.LINK
        for item in owner.multi_link_fields
        if item.link == defn.key
    ]


def _incoming_targets(defn: RegisterDef) -> tuple[Target, ...]:
    targets = []
    own_names = {match_word(name) for target in register_targets(defn) for name in target.synonyms}
    for owner, item in incoming_links(defn):
        names = []
        for language in ("ja", "en"):
            title = gettext_in(language, owner.title)
            if match_word(title) not in own_names:  # 共同利用 is also one of the 台帳's fields
                names.append(title)
            names.append(gettext_in(language, N_("{register} (records)")).format(register=title))
        targets.append(
            Target(
                key=f"{INCOMING}{owner.key}.{item.key}",
                label=owner.title,
                synonyms=tuple(dict.fromkeys(names)),
            )
        )
    return tuple(targets)


class RegisterImportSpec:
    """``ImportSpec`` for a register named by its own key (a code, a staff number)."""

    def __init__(self, defn: RegisterDef) -> None:
        if defn.singleton or not defn.creatable or defn.field(defn.human_key).kind is Kind.LINK:
            raise ValueError(f"{defn.key}: records cannot be imported by their own key")
        self.defn = defn
        self.key = f"register.{defn.key}"
        self.title = defn.title
        self.incoming = {
            f"{INCOMING}{owner.key}.{item.key}": (owner, item)
            for owner, item in incoming_links(defn)
        }
        self.targets = register_targets(defn) + _incoming_targets(defn)

    # ----- planning ---------------------------------------------------------------------------

    def plan(
        self,
        conn: Connection,
        rows: Sequence[MappedRow],
        *,
        file: Path,
        sheet: str | None,
        skip_invalid: bool = False,
    ) -> ImportPlan:
        defn = self.defn
        plan = ImportPlan(self.key, Path(file), sheet, len(rows), skip_invalid=skip_invalid)
        counts = dict.fromkeys(
            ("created", "duplicates_skipped", "differing_skipped", "invalid_skipped"), 0
        )
        key_field = defn.field(defn.human_key)
        existing = {
            value: record_id
            for record_id, value in conn.execute(f"SELECT id, {key_field.column} FROM {defn.table}")
        }
        resolver = _Resolver(conn, defn, rows)
        stored = _StoredRecords(conn, defn)
        in_file: dict[Any, tuple[int, dict[str, Any]]] = {}
        creates: list[CreateAction] = []
        for row in rows:
            problems = list(row.problems)
            values: dict[str, Any] = {}
            pending: dict[str, str] = {}
            if not row.has_errors:
                values, pending = resolver.resolve(row, problems)
            key = values.get(defn.human_key)
            if not _has_errors(problems) and key is None:
                problems.append(_problem(row, key_field, None, _("a value is required")))
            if not _has_errors(problems):
                if key_field.to_db(key) in existing:
                    record_id = existing[key_field.to_db(key)]
                    self._compare(conn, row, stored.get(record_id), values, problems, counts)
                elif key in in_file:
                    first_row, first_values = in_file[key]
                    if first_values == values:
                        counts["duplicates_skipped"] += 1
                    else:
                        problems.append(
                            _problem(
                                row,
                                key_field,
                                key,
                                _("appears again (first in row {row}) with other values").format(
                                    row=first_row
                                ),
                            )
                        )
                else:
                    self._check_new(conn, row, values, pending, problems)
                    if not _has_errors(problems):
                        in_file[key] = (row.row, values)
                        linked_by = self._linked_by(conn, row, problems)
                        creates.append(CreateAction(row.row, values, pending, linked_by))
            if _has_errors(problems):
                counts["invalid_skipped"] += 1
            plan.problems.extend(problems)
        plan.actions = _in_dependency_order(creates, defn, plan, counts)
        counts["created"] = len(plan.actions)
        plan.counts = counts
        return plan

    def _linked_by(
        self, conn: Connection, row: MappedRow, problems: list[Problem]
    ) -> dict[str, list[int]]:
        """The records of other registers named in the row's incoming columns ("K007 有限会社…、
        K002 …"), found by their key or name; the ones not found are named in a warning."""
        found: dict[str, list[int]] = {}
        for key, (owner, _item) in self.incoming.items():
            text = row.values.get(key)
            if not text:
                continue
            ids: list[int] = []
            for part in (p.strip() for p in re.split(r"[、,，;；\n]+", str(text))):
                if not part:
                    continue
                code, _space, name = part.partition(" ")  # as exported: "K007 有限会社…"
                record_id = find_by_human_key(conn, owner, code)
                if record_id is not None and name and _display(conn, owner, record_id) != name:
                    record_id = None  # the same number for another company: go by the name
                for other in (part, name):  # or by its name alone (another numbering)
                    if record_id is None and other:
                        record_id = find_by_human_key(conn, owner, other)
                if record_id is None:
                    problems.append(
                        Problem(
                            row.row,
                            row.columns.get(key) or _(owner.title),
                            part,
                            _("not in {register}: not linked").format(register=_(owner.title)),
                            "warning",
                        )
                    )
                elif record_id not in ids:
                    ids.append(record_id)
            if ids:
                found[key] = ids
        return found

    def _check_new(
        self,
        conn: Connection,
        row: MappedRow,
        values: dict[str, Any],
        pending: dict[str, str],
        problems: list[Problem],
    ) -> None:
        """Validate as a form would (links made by this file count as present)."""
        checked = {key: value for key, value in values.items() if key not in pending}
        try:
            validate(conn, self.defn, checked)
        except ValidationError as exc:
            for key, message in exc.errors.items():
                item = self.defn.field(key) if self.defn.has_field(key) else None
                if key in pending and item and message == required_message(item):
                    continue
                column = row.columns.get(key) or (_(item.label) if item else key)
                problems.append(Problem(row.row, column, _shown(row.raw.get(key)), message))

    def _compare(
        self,
        conn: Connection,
        row: MappedRow,
        stored: dict[str, Any],
        values: dict[str, Any],
        problems: list[Problem],
        counts: dict[str, int],
    ) -> None:
        differing = False
        for key, value in values.items():
            item = self.defn.field(key)
            have = stored.get(key)
            same = (
                set(value or ()) == set(have or ())
                if item.kind in (Kind.MULTI_CHOICE, Kind.LINKS)
                else value == have
            )
            if same:
                continue
            differing = True
            problems.append(
                Problem(
                    row.row,
                    row.columns.get(key) or _(item.label),
                    _shown(row.raw.get(key)),
                    _(
                        "differs from the register (“{stored}”); the register was not changed"
                    ).format(stored=_describe(conn, item, have)),
                    "warning",
                )
            )
        counts["differing_skipped" if differing else "duplicates_skipped"] += 1

    # ----- applying ---------------------------------------------------------------------------

    def apply(
        self,
        conn: Connection,
        plan: ImportPlan,
        *,
        progress: Progress = no_progress,
        cancelled: Cancelled = never_cancelled,
    ) -> ImportSummary:
        """Create the planned records in one transaction: all of them, or (on any error) none."""
        if not plan.can_apply:
            raise ImportRefusedError(
                _(
                    "{file} has {count} errors; nothing was imported. Correct the rows, or import "
                    "only the rows without errors."
                ).format(file=plan.file.name, count=len(plan.errors))
            )
        defn = self.defn
        actions: list[CreateAction] = list(plan.actions)
        total = max(1, len(actions))
        labels: list[str] = []
        with write_transaction(conn):
            made: dict[str, int] = {}
            for done, action in enumerate(actions):
                if done % _PROGRESS_EVERY == 0:
                    check_cancelled(cancelled)
                    progress(
                        done / total,
                        _("Importing… {done} of {total}").format(done=done, total=total),
                    )
                raw = dict(action.values)
                for key, human in action.pending.items():
                    raw[key] = made[human]
                try:
                    values = validate(conn, defn, raw)
                except ValidationError as exc:
                    raise ImportRefusedError(
                        _("{file}, row {row}: {errors}; nothing was imported.").format(
                            file=plan.file.name,
                            row=action.row,
                            errors="; ".join(
                                f"{_(defn.field(key).label) if defn.has_field(key) else key} "
                                f"{message}"
                                for key, message in exc.errors.items()
                            ),
                        )
                    ) from None
                record_id = insert_validated(conn, defn, values)
                made[str(values[defn.human_key])] = record_id
                labels.append(record_label(defn, values, conn))
                for key, owners in action.linked_by.items():
                    owner, item = self.incoming[key]
                    for owner_id in owners:  # the owner's record changes: audited as an update
                        have = linked_ids(conn, owner, item, owner_id) or []
                        update_in_transaction(conn, owner, owner_id, {item.key: [*have, record_id]})
            check_cancelled(cancelled)
            audit.append(
                conn,
                "import",
                register=defn.key,
                detail={"file": plan.file.name, "sheet": plan.sheet, **plan.counts},
            )
        progress(1.0, _("Imported"))
        return ImportSummary(
            self.key,
            plan.file,
            plan.rows_read,
            dict(plan.counts),
            list(plan.problems),
            frozenset({defn.key}) if actions else frozenset(),
            {"created": labels},
        )


# ----- links and choices -------------------------------------------------------------------------


class _Resolver:
    """Turns mapped values into stored ones: link texts into ids, choice labels into codes."""

    def __init__(self, conn: Connection, defn: RegisterDef, rows: Sequence[MappedRow]) -> None:
        self.conn = conn
        self.defn = defn
        self.links: dict[tuple[str, str], int | None] = {}
        self.choice_words: dict[str, CodeLookup] = {}
        # Records this file may create, by human key and by display text: a link to one of them
        # (a department's parent listed in the same file) is resolved when the file is applied.
        self.in_file: dict[str, str] = {}
        has_self_links = any(item.link == defn.key for item in defn.link_fields)
        for row in rows if has_self_links else ():
            human = row.values.get(defn.human_key)
            if human is None or row.has_errors:
                continue
            self.in_file.setdefault(str(human), str(human))
            display = row.values.get(defn.display)
            if display is not None:
                self.in_file.setdefault(str(display), str(human))

    def resolve(
        self, row: MappedRow, problems: list[Problem]
    ) -> tuple[dict[str, Any], dict[str, str]]:
        values: dict[str, Any] = {}
        pending: dict[str, str] = {}
        for key, value in row.values.items():
            if value is None or not self.defn.has_field(key):
                continue
            item = self.defn.field(key)
            if item.kind is Kind.LINKS:
                ids, unknown = resolve_links(self.conn, item, value)
                if unknown:
                    target = get_register(item.link or "")
                    problems.append(
                        _problem(
                            row,
                            item,
                            value,
                            _("{codes}: not found in {register}").format(
                                codes=", ".join(unknown), register=_(target.title)
                            ),
                        )
                    )
                else:
                    values[key] = ids or None
            elif item.kind is Kind.LINK:
                record_id = self._link(item, str(value))
                made_here = self._made_here(str(value)) if item.link == self.defn.key else None
                if record_id is None and made_here is not None:
                    pending[key] = made_here
                    values[key] = None
                elif record_id is None:
                    target = get_register(item.link or "")
                    problems.append(
                        _problem(
                            row,
                            item,
                            value,
                            _("no {register} has this code or name").format(
                                register=_(target.item_title)
                            ),
                        )
                    )
                else:
                    values[key] = record_id
            elif item.kind is Kind.CHOICE:
                code = self._choice(item, value)
                if code is None:
                    problems.append(_problem(row, item, value, self._not_a_choice(item)))
                values[key] = code
            elif item.kind is Kind.MULTI_CHOICE:
                codes = [self._choice(item, part) for part in value]
                if None in codes:
                    problems.append(_problem(row, item, value, self._not_a_choice(item)))
                values[key] = [code for code in codes if code is not None]
            else:
                values[key] = value
        return values, pending

    def _made_here(self, text: str) -> str | None:
        """The human key of a record this file creates, named by its key or display text."""
        if text in self.in_file:
            return self.in_file[text]
        try:
            key = self.defn.field(self.defn.human_key).parse(text)
        except ValueError:
            return None
        return self.in_file.get(str(key)) if key is not None else None

    def _link(self, item: Field, text: str) -> int | None:
        cache_key = (item.key, text)
        if cache_key not in self.links:
            target = get_register(item.link or "")
            self.links[cache_key] = find_by_human_key(self.conn, target, text)
        return self.links[cache_key]

    def _words(self, item: Field) -> CodeLookup:
        catalogue = item.catalogue or ""
        if catalogue not in self.choice_words:
            self.choice_words[catalogue] = code_lookup(self.conn, catalogue)
        return self.choice_words[catalogue]

    def _choice(self, item: Field, value: Any) -> str | None:
        return self._words(item).find(value)

    def _not_a_choice(self, item: Field) -> str:
        labels = [label for _code, label in choices(self.conn, item.catalogue or "")]
        shown = join_list([*labels[:10], *(["…"] if len(labels) > 10 else [])])
        return _("not one of the choices ({choices})").format(choices=shown)


# ----- helpers -----------------------------------------------------------------------------------


class _StoredRecords:
    """The register's records as Python values, read in one query when the first row matches."""

    def __init__(self, conn: Connection, defn: RegisterDef) -> None:
        self.conn = conn
        self.defn = defn
        self.records: dict[int, dict[str, Any]] | None = None

    def get(self, record_id: int) -> dict[str, Any]:
        if self.records is None:
            fields = self.defn.table_fields
            sql = f"SELECT id, {', '.join(table_columns(self.defn))} FROM {self.defn.table}"
            self.records = {
                record_id: {
                    item.key: item.from_db(value) for item, value in zip(fields, row, strict=True)
                }
                for record_id, *row in self.conn.execute(sql)
            }
            for column, owners in links_by_owner(self.conn, self.defn).items():
                for owner, values in self.records.items():
                    values[column] = owners.get(owner)
        return self.records[record_id]


def _display(conn: Connection, defn: RegisterDef, record_id: int) -> Any:
    column = defn.field(defn.display).column
    row = conn.execute(f"SELECT {column} FROM {defn.table} WHERE id = ?", (record_id,)).fetchone()
    return row[0] if row else None


def _has_errors(problems: Sequence[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


def _problem(row: MappedRow, item: Field, value: Any, message: str) -> Problem:
    column = row.columns.get(item.key) or _(item.label)
    return Problem(row.row, column, _shown(row.raw.get(item.key, value)), message)


def _shown(raw: Any) -> Any:
    if isinstance(raw, tuple):
        return " ".join(str(part) for part in raw if part is not None)
    return raw


def _describe(conn: Connection, item: Field, value: Any) -> str:
    if value is None:
        return ""
    if item.kind is Kind.LINK:
        target = get_register(item.link or "")
        try:
            return record_label(target, load_record(conn, target, value), conn)
        except KeyError:
            return f"#{value}"
    if item.kind is Kind.LINKS:
        return ", ".join(human_keys(conn, item, value))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _in_dependency_order(
    creates: list[CreateAction], defn: RegisterDef, plan: ImportPlan, counts: dict[str, int]
) -> list[CreateAction]:
    """Creates ordered so that a record another row of the file links to comes first.

    A row linking to a row that cannot be created (it has errors, or the links go round in a
    circle) is an error itself.
    """
    if not any(action.pending for action in creates):
        return creates
    ordered: list[CreateAction] = []
    made: set[str] = set()
    waiting = creates
    while waiting:
        still: list[CreateAction] = []
        for action in waiting:
            if set(action.pending.values()) <= made:
                ordered.append(action)
                made.add(str(action.values[defn.human_key]))
            else:
                still.append(action)
        if len(still) == len(waiting):
            for action in still:
                key = next(key for key, human in action.pending.items() if human not in made)
                plan.problems.append(
                    Problem(
                        action.row,
                        _(defn.field(key).label),
                        action.pending[key],
                        _("refers to a row of this file that cannot be imported"),
                    )
                )
                counts["invalid_skipped"] += 1
            break
        waiting = still
    return ordered
