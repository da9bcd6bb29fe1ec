"""Passphrase strength: what Mamori accepts for a new workspace, and what it tells the officer."""

from __future__ import annotations

import pytest

from app.i18n import set_language
from app.passphrase import MIN_LENGTH, MIN_SCORE, assess


def test_empty() -> None:
    strength = assess("")
    assert (strength.score, strength.acceptable) == (0, False)
    assert strength.verdict == "Very weak"
    assert strength.advice == "Enter a passphrase."


@pytest.mark.parametrize("text", ["abc", "Xq7#vK2!", "K9$mqz!Lp"])
def test_short_is_refused_even_when_random(text: str) -> None:
    assert len(text) < MIN_LENGTH
    strength = assess(text)
    assert not strength.acceptable
    assert strength.score <= 2
    assert f"at least {MIN_LENGTH} characters" in strength.advice


@pytest.mark.parametrize("text", ["password123", "passwordpassword", "1234567890", "qwertyuiop"])
def test_long_but_guessable_is_refused(text: str) -> None:
    strength = assess(text)
    assert not strength.acceptable
    assert strength.score < MIN_SCORE
    assert strength.advice.startswith("Too easy to guess")


@pytest.mark.parametrize(
    "text",
    ["coral-lantern-meadow-42", "correct horse battery staple", "みなと 港北 かもめ 灯台 2026"],
)
def test_strong_is_accepted(text: str) -> None:
    strength = assess(text)
    assert strength.acceptable
    assert strength.score >= MIN_SCORE
    assert strength.verdict in ("Strong", "Very strong")
    assert strength.advice == ""


def test_context_words_count_against_the_passphrase() -> None:
    text = "coopminato-yokohama"
    assert assess(text, ("coopminato", "yokohama")).score < assess(text).score


def test_verdict_follows_the_language() -> None:
    set_language("ja")
    strength = assess("")
    assert strength.verdict != "Very weak"
    assert strength.advice != "Enter a passphrase."


@pytest.mark.parametrize("length", [73, 100, 250])
def test_very_long_passphrase_is_assessed(length: int) -> None:
    text = ("lantern meadow coral harbour " * 10)[:length]
    assert len(text) == length
    assert assess(text).acceptable
