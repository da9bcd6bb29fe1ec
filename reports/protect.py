"""Writing report files safely: atomic replacement and optional password protection.

A report is built in memory, optionally encrypted there, and written to a temporary file beside
the target that is then renamed over it: a failed build never leaves a half-written file, and a
protected report never touches the disk unencrypted.

PDF: AES-256 (/V 5, /R 6) by pypdf — reportlab's own encryption is RC4 only.
Excel: ECMA-376 agile encryption (AES-256) by msoffcrypto-tool; the result is an OLE container
that Excel and LibreOffice open after asking for the password.
"""

from __future__ import annotations

import io
from pathlib import Path

from app.atomic import write_bytes


def atomic_write(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` through a temporary file in the same folder and a rename."""
    return write_bytes(target, data)


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """The PDF ``data`` encrypted with AES-256; opening it needs ``password``."""
    from pypdf import PdfReader, PdfWriter

    if not password:
        raise ValueError("an empty password does not protect anything")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypt_ooxml(data: bytes, password: str) -> bytes:
    """The .xlsx ``data`` encrypted (agile encryption, AES-256) into an OLE container."""
    from msoffcrypto.format.ooxml import OOXMLFile

    if not password:
        raise ValueError("an empty password does not protect anything")
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()
