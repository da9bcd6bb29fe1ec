"""Passphrase strength (zxcvbn) and the minimum Mamori accepts for a new workspace."""

from __future__ import annotations

from dataclasses import dataclass

from zxcvbn import zxcvbn

from app.i18n import N_, _

MIN_SCORE = 3  # zxcvbn's "safely unguessable: moderate protection from offline attacks"
MIN_LENGTH = 10
ZXCVBN_MAX_LENGTH = 72
SCORE_NAMES = (N_("Very weak"), N_("Weak"), N_("Fair"), N_("Strong"), N_("Very strong"))


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    acceptable: bool
    verdict: str  # translated
    advice: str  # translated; empty when acceptable


def assess(passphrase: str, context: tuple[str, ...] = ()) -> Strength:
    if not passphrase:
        return Strength(0, False, _(SCORE_NAMES[0]), _("Enter a passphrase."))
    # zxcvbn refuses more than 72 characters; a longer passphrase is at least as strong as its start.
    result = zxcvbn(passphrase[:ZXCVBN_MAX_LENGTH], user_inputs=[word for word in context if word])
    score = int(result["score"])
    if len(passphrase) < MIN_LENGTH:
        return Strength(
            min(score, 2),
            False,
            _(SCORE_NAMES[min(score, 2)]),
            _("Use at least {count} characters; several unrelated words work well.").format(
                count=MIN_LENGTH
            ),
        )
    if score < MIN_SCORE:
        return Strength(
            score,
            False,
            _(SCORE_NAMES[score]),
            _("Too easy to guess. Add another unrelated word or two; avoid names and dates."),
        )
    return Strength(score, True, _(SCORE_NAMES[score]), "")
