"""The translation toolchain (Babel): extract messages, update the .po files, compile .mo files.

python -m tools.i18n extract   # scan app/, ui/, reports/, main.py -> resources/locale/mamori.pot
python -m tools.i18n update    # merge the template into resources/locale/<lang>/LC_MESSAGES/*.po
python -m tools.i18n compile   # .po -> .mo (run at install and build time; .mo is not committed)
python -m tools.i18n check     # fail if a message is untranslated or fuzzy
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "mamori"
LANGUAGES = ("ja",)
SOURCES = ("app", "ui", "reports")
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "gettext_in": (2,),
    "tr": (2,),
    "ngettext_in": (2, 3),
    "trn": (2, 3),
}


def template_path() -> Path:
    return LOCALE / f"{DOMAIN}.pot"


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every message in the source, as a template catalogue (nothing is written)."""
    catalog = Catalog(project="Mamori", domain=DOMAIN, charset="utf-8")
    method_map = [("**.py", "python")]
    for source in SOURCES:
        for filename, lineno, message, comments, _context in extract_from_dir(
            ROOT / source, method_map=method_map, keywords=KEYWORDS, strip_comment_tags=True
        ):
            catalog.add(
                message, locations=[(f"{source}/{filename}", lineno)], auto_comments=comments
            )
    return catalog


def write_template() -> Catalog:
    catalog = extract()
    template_path().parent.mkdir(parents=True, exist_ok=True)
    with template_path().open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True)
    return catalog


def update() -> None:
    template = write_template()
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language, domain=DOMAIN)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="Mamori", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, ignore_obsolete=True)


def compile_all() -> list[Path]:
    written = []
    for language in LANGUAGES:
        source = po_path(language)
        with source.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
        target = source.with_suffix(".mo")
        with target.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(target)
    return written


def untranslated(language: str) -> list[str]:
    """Messages in the source code without a (non-fuzzy) translation in ``language``."""
    template = extract()
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        text = found.string if found is not None else ""
        if found is None or found.fuzzy or not (text if isinstance(text, str) else all(text)):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "compile"
    if command == "extract":
        print(f"{len(write_template())} messages -> {template_path()}")
    elif command == "update":
        update()
    elif command == "compile":
        for path in compile_all():
            print(f"compiled {path.relative_to(ROOT)}")
    elif command == "check":
        problems = {language: untranslated(language) for language in LANGUAGES}
        for language, missing in problems.items():
            for message in missing:
                print(f"{language}: untranslated: {message!r}")
        return 1 if any(problems.values()) else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
