"""gettext for both layers: ``_()`` translates now, ``N_()`` marks a string for later.

Messages are English in the source and translated by the ``mamori`` catalogues under
``resources/locale``; the .po files are compiled to .mo at install/build time (tools/i18n.py).
Japanese is the default language.
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache

from app.paths import resource_path

DOMAIN = "mamori"
LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"

_current = DEFAULT_LANGUAGE


@cache
def translation(language: str) -> _gettext.NullTranslations:
    if language == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(
        DOMAIN, localedir=str(resource_path("locale")), languages=[language], fallback=True
    )


def set_language(language: str) -> None:
    global _current
    _current = language if language in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _current


def catalogue_available(language: str) -> bool:
    """Whether the compiled catalogue for ``language`` is installed (English needs none)."""
    return language == "en" or isinstance(translation(language), _gettext.GNUTranslations)


def _(message: str) -> str:
    return translation(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translation(_current).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def gettext_in(language: str, message: str) -> str:
    """Translate into a given language regardless of the UI language (exports, imports)."""
    return translation(language).gettext(message)


def ngettext_in(language: str, singular: str, plural: str, n: int) -> str:
    """``ngettext`` in a given language (reports written in another language than the UI's)."""
    return translation(language).ngettext(singular, plural, n)
