"""Mamori's Qt-free core: domain, storage, import, deadline rules and the CLI."""

__version__ = "0.1.0"
APP_NAME = "Mamori"
