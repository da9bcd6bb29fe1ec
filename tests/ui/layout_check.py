"""Finds text that does not fit: labels, buttons, combo boxes, placeholders and table headers whose
content needs more room than they were given, and siblings in a layout drawn over each other."""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QToolButton,
    QWidget,
)

SLACK = 1  # pixels of rounding


def _name(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "currentText", "placeholderText"):
        if hasattr(widget, getter):
            text = getattr(widget, getter)() or text
            if text:
                break
    owner = widget.window()
    return f"{type(owner).__name__} › {type(widget).__name__} {widget.objectName()!r} {text!r}"


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def clipped_label(label: QLabel) -> str | None:
    if not label.text() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"{_name(label)} needs {needed}px of height, has {label.height()}"
        return None
    needed = label.sizeHint().width()
    if needed > label.width() + SLACK:
        return f"{_name(label)} needs {needed}px, has {label.width()}"
    return None


def clipped_button(button: QAbstractButton) -> str | None:
    icon_only = (
        isinstance(button, QToolButton)
        and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    )
    if not button.text() or icon_only:  # an icon-only button shows no text to cut
        return None
    needed = button.sizeHint().width()
    if needed > button.width() + SLACK:
        return f"{_name(button)} needs {needed}px, has {button.width()}"
    return None


def clipped_combo(combo: QComboBox) -> str | None:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
    if not combo.isEditable() and needed > field.width() + SLACK:
        return f"{_name(combo)} shows {needed}px of text in {field.width()}"
    return None


def clipped_placeholder(line: QLineEdit) -> str | None:
    if line.text() or not line.placeholderText():
        return None
    margins = line.textMargins()
    actions = len([action for action in line.actions() if action.isVisible()])
    room = line.contentsRect().width() - margins.left() - margins.right() - 8 - 22 * actions
    needed = line.fontMetrics().horizontalAdvance(line.placeholderText())
    if needed > room + SLACK:
        return f"{_name(line)} placeholder needs {needed}px, has {room}"
    return None


def clipped_headers(header: QHeaderView) -> list[str]:
    problems = []
    model = header.model()
    if model is None or header.orientation().name != "Horizontal":
        return problems
    last = header.logicalIndex(header.count() - 1)
    for logical in range(header.count()):
        if header.isSectionHidden(logical) or (header.stretchLastSection() and logical == last):
            continue
        needed = header.sectionSizeFromContents(logical).width()
        if needed > header.sectionSize(logical) + SLACK:
            title = model.headerData(logical, header.orientation())
            problems.append(
                f"{type(header.window()).__name__} › header {title!r} needs {needed}px, "
                f"has {header.sectionSize(logical)}"
            )
    return problems


def overlapping(widget: QWidget, root: QWidget) -> list[str]:
    layout = widget.layout()
    if not isinstance(layout, (QBoxLayout, QFormLayout, QGridLayout)):
        return []
    children = []
    for index in range(layout.count()):
        child = layout.itemAt(index).widget()
        if child is not None and _shown(child, root):
            children.append(child)
    return [
        f"{_name(first)} overlaps {_name(second)}"
        for first, second in combinations(children, 2)
        if first.geometry().intersected(second.geometry()).height() > SLACK
        and first.geometry().intersected(second.geometry()).width() > SLACK
    ]


def layout_problems(root: QWidget) -> list[str]:
    """Every piece of text under ``root`` (shown) that is cut off, and every overlap."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root) and widget is not root:
            continue
        problem = None
        if isinstance(widget, QLabel):
            problem = clipped_label(widget)
        elif isinstance(widget, QAbstractButton):
            problem = clipped_button(widget)
        elif isinstance(widget, QComboBox):
            problem = clipped_combo(widget)
        elif isinstance(widget, QLineEdit):
            problem = clipped_placeholder(widget)
        elif isinstance(widget, QHeaderView):
            problems += clipped_headers(widget)
        if problem:
            problems.append(problem)
        problems += overlapping(widget, root)
    return problems
