"""The quick check run at every open: is the file sound, and does the trail reach its anchors?

A failure here puts the workspace in read-only rescue mode (``Workspace.rescue``): the officer can
look, export what is readable and restore a backup, but nothing is imported, edited or backed up
over it. ``app.verify`` is the full check (run on demand and weekly).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.i18n import _
from app.storage.anchor import ChainHead, check
from app.storage.database import Connection, DatabaseError


@dataclass
class Health:
    damage: list[str] = field(default_factory=list)  # the file itself: HMAC or structure
    trail: list[str] = field(default_factory=list)  # the audit trail does not reach an anchor

    @property
    def ok(self) -> bool:
        return not self.damage and not self.trail

    def summary(self) -> str:
        return "\n".join([*self.damage, *self.trail])


MAX_LISTED = 5

_DAMAGE_WORDS = ("malformed", "not a database", "hmac", "corrupt")


def is_damage(exc: BaseException) -> bool:
    """Whether a database error means a damaged file (a page failing its HMAC or structure),
    not a busy file, a constraint or a programming error."""
    if not isinstance(exc, DatabaseError):
        return False
    text = str(exc).casefold()
    return any(word in text for word in _DAMAGE_WORDS)


def file_damage(conn: Connection, *, full: bool = False) -> list[str]:
    """SQLCipher's page HMACs, then (only if they hold) SQLite's quick or full integrity check, as
    messages; long lists are cut to the first few."""
    problems: list[str] = []
    try:
        problems = [str(message) for (message,) in conn.execute("PRAGMA cipher_integrity_check")]
        if not problems:
            # After an HMAC failure every tree reports errors of its own: the page named is enough.
            pragma = "integrity_check" if full else "quick_check"
            problems = [
                str(message) for (message,) in conn.execute(f"PRAGMA {pragma}") if message != "ok"
            ]
    except DatabaseError as exc:
        problems.append(_("The database structure cannot be read: {error}.").format(error=exc))
    if len(problems) > MAX_LISTED:
        rest = len(problems) - MAX_LISTED
        problems = [*problems[:MAX_LISTED], _("… and {count} more.").format(count=rest)]
    return problems


def trail_problems(conn: Connection, anchors: list[tuple[str, ChainHead]]) -> list[str]:
    problems: list[str] = []
    try:
        for source, head in anchors:
            problem = check(conn, head, source)
            if problem:
                problems.append(problem)
    except DatabaseError as exc:
        problems.append(_("The audit trail cannot be read: {error}.").format(error=exc))
    return problems


def quick_health(conn: Connection, anchors: list[tuple[str, ChainHead]]) -> Health:
    damage = file_damage(conn)
    return Health(damage, [] if damage else trail_problems(conn, anchors))
