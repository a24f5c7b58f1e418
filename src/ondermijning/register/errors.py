"""What goes wrong in the register, each as one Dutch line a person can act on."""

from __future__ import annotations

from ..errors import OndermijningError


class RegisterError(OndermijningError):
    """Base of the register's errors; the message is one line."""


class InvalidInput(RegisterError):
    """Bad input (a malformed pseudonym, an unknown list or route): nothing was changed."""


class CaseNotFound(RegisterError):
    """No case with this id (or it was purged or erased)."""


class Conflict(RegisterError):
    """The case changed since the writer saw it, or cannot take this entry (closed)."""


class AccessDenied(RegisterError):
    """The actor's role does not allow this; the refusal itself is logged."""


class DatabaseError(RegisterError):
    """The database cannot be opened or is not a register of this version."""


class Refused(AccessDenied):
    """Raised inside a transaction once the refusal is in the log: the store commits that line, then raises."""
