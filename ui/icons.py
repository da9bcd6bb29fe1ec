"""Every icon comes through ``icon(name)``: ``resources/icons/<name>.svg``, loaded once.

The icons are hand-written 24×24 SVG line drawings in one style (stroke #37474F, 1.75 wide, round
caps). ``python -m ui.icons`` renders the application icon into ``mamori.png`` (256 px) and a
multi-size ``mamori.ico`` for the Windows build; run it after editing ``mamori.svg``.
"""

from __future__ import annotations

import logging
import struct
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QIcon, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from app.paths import resource_path

log = logging.getLogger(__name__)

FALLBACK = "register"
ICO_SIZES = (16, 24, 32, 48, 64, 256)

# Names used elsewhere (e.g. ``RegisterDef.icon``) that share a drawing.
ALIASES = {
    "catalogue": "catalogues",
    "catalogue_items": "catalogues",
    "department": "departments",
    "person": "people",
    "help": "about",
    "history": "audit",
}


def icon_path(name: str) -> Path:
    return resource_path("icons", f"{ALIASES.get(name, name)}.svg")


@cache
def icon(name: str) -> QIcon:
    """The icon called ``name``; the generic register icon (and a log line) if there is none."""
    path = icon_path(name)
    if not path.is_file():
        log.warning("no icon called %s", name)
        path = icon_path(FALLBACK)
    return QIcon(str(path))


def render_svg(path: Path, size: int) -> QImage:
    """``path`` drawn into a transparent ``size``×``size`` image."""
    renderer = QSvgRenderer(str(path))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[QImage]) -> bytes:
    """A Windows .ico holding each image as a PNG entry (Qt's ICO writer stores only one size)."""
    payloads = [_png_bytes(image) for image in images]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    directory = b""
    for image, payload in zip(images, payloads, strict=True):
        side = image.width()
        # Width and height 0 mean 256 in the ICO directory.
        directory += struct.pack(
            "<BBBBHHII", side % 256, side % 256, 0, 0, 1, 32, len(payload), offset
        )
        offset += len(payload)
    return header + directory + b"".join(payloads)


def write_app_icons(target: Path | None = None) -> tuple[Path, Path]:
    """Render ``mamori.svg`` into ``mamori.png`` (256 px) and ``mamori.ico`` beside it."""
    folder = target or resource_path("icons")
    source = icon_path("mamori")
    png = folder / "mamori.png"
    ico = folder / "mamori.ico"
    render_svg(source, 256).save(str(png), "PNG")
    ico.write_bytes(ico_bytes([render_svg(source, size) for size in ICO_SIZES]))
    return png, ico


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    png, ico = write_app_icons()
    print(f"wrote {png} and {ico}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
