"""Expected failures. Each carries a message fit to show the officer as it is."""

from __future__ import annotations


class MamoriError(Exception):
    """An expected failure with a user-facing message (already translated)."""


class WorkspaceError(MamoriError):
    """The workspace file cannot be used: missing, damaged, not ours, too new, locked..."""


class WrongPassphraseError(WorkspaceError):
    pass


class NotAWorkspaceError(WorkspaceError):
    pass


class WorkspaceTooNewError(WorkspaceError):
    pass


class WorkspaceInUseError(WorkspaceError):
    pass


class WorkspaceBusyError(WorkspaceError):
    """Another connection holds the write lock longer than the busy timeout."""


class WorkspaceReadOnlyError(WorkspaceError):
    """The workspace is in rescue mode (damaged or its trail does not match): nothing is written."""


class WorkspaceLockedError(WorkspaceError):
    """The session was locked; data is hidden until the passphrase is entered again."""


class ValidationError(MamoriError):
    """One or more fields are invalid. ``errors`` maps field key to message."""

    def __init__(self, errors: dict[str, str], message: str | None = None) -> None:
        self.errors = dict(errors)
        text = message or "; ".join(f"{key}: {msg}" for key, msg in self.errors.items())
        super().__init__(text)


class RecordInUseError(MamoriError):
    """A record cannot be deleted because other records refer to it."""
