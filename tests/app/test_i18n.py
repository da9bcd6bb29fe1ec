"""The Japanese catalogue is compiled, complete, and used by both layers' messages."""

from __future__ import annotations

import pytest

from app.i18n import _, catalogue_available, gettext_in, set_language
from app.registers import get_register
from app.registers.fields import FieldError
from tools.i18n import untranslated


def test_japanese_catalogue_is_compiled_and_complete() -> None:
    assert catalogue_available("ja")
    assert untranslated("ja") == []


def test_messages_follow_the_language_setting() -> None:
    set_language("ja")
    assert _("Staff number") == "職員番号"
    set_language("en")
    assert _("Staff number") == "Staff number"


def test_field_errors_are_translated() -> None:
    hire_date = get_register("people").field("hire_date")
    set_language("ja")
    with pytest.raises(FieldError, match="年がありません"):
        hire_date.parse("6/1")


def test_export_headers_can_be_japanese_whatever_the_ui_language() -> None:
    set_language("en")
    assert gettext_in("ja", "Employment type") == "雇用区分"
