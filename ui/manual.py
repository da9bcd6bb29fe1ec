"""Help › Manual: the short manual (docs/manual_<language>.md) rendered in a window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.i18n import _, current_language
from app.paths import docs_path
from ui.icons import icon
from ui.screen_fit import resize_to_fit


def manual_text(language: str) -> str:
    """The manual in ``language`` (Japanese when there is none in that language)."""
    for name in (f"manual_{language}.md", "manual_ja.md"):
        path = docs_path(name)
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return _("The manual is missing from this installation.")


class ManualDialog(QDialog):
    """A non-modal window, so the officer can follow the steps while working."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Mamori manual"))
        self.setWindowIcon(icon("info"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("manual")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(manual_text(current_language()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 760, 680)
