"""The pinned PySide6 must keep Python's reference counts straight when signals are emitted.

PySide6 6.12.0's ``SignalInstance.emit()`` took a reference away from ``True`` on every call; after a
few thousand emits the interpreter aborted ("bool_dealloc"). requirements.txt pins 6.11.3; this
test fails on any release with that defect.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    number = Signal(int)
    text = Signal(str)
    plain = Signal()


def test_emit_does_not_consume_references_to_true_or_false(qapp) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.number.connect(received.append)
    emitter.text.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(False))
    for value in range(300):
        emitter.number.emit(value)
        emitter.text.emit("x")
        emitter.plain.emit()
    after = (sys.getrefcount(True), sys.getrefcount(False))
    assert len(received) == 600
    assert after[0] >= before[0] - 5  # other code may drop a few; 6.12.0 lost 900 here
    assert after[1] >= before[1] - 5
