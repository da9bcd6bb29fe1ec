"""The rotating log file. Nothing personal reaches it: messages carry no record values, and
unexpected exceptions are logged by type and stack only, without their message text (which can
hold values such as names)."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from app.paths import user_log_dir

LOG_FILE_NAME = "mamori.log"
_configured = False


def log_file() -> Path:
    return user_log_dir() / LOG_FILE_NAME


def configure_logging(level: int = logging.INFO) -> Path:
    global _configured
    path = log_file()
    if _configured:
        return path
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
    return path


def describe_exception_safely(exc: BaseException) -> str:
    """Type and stack of an exception, without its message (which may contain personal data)."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    return f"{type(exc).__module__}.{type(exc).__qualname__} (message withheld)\n{stack}"


def log_unexpected(exc: BaseException, where: str) -> None:
    logging.getLogger("mamori.unexpected").error(
        "unexpected error in %s: %s", where, describe_exception_safely(exc)
    )
