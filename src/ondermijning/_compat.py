"""Differences between the Python versions the library supports (3.10+)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING  # typing is loaded already: pluggy and attrs, imported before this, use it

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable
else:

    class _ImportedWhenChecked(type):
        def __instancecheck__(cls, instance: object) -> bool:
            if sys.version_info >= (3, 11):
                from importlib.resources.abc import Traversable
            else:  # pragma: no cover - 3.10 only
                from importlib.abc import Traversable
            return isinstance(instance, Traversable)

    class Traversable(metaclass=_ImportedWhenChecked):
        """``importlib.resources.abc.Traversable`` in ``isinstance()``, imported only when an object is checked.

        Importing ``importlib.resources`` costs more at start-up than the bare interpreter does
        (tempfile, zipfile): a plugin returning a Traversable has imported it already; one
        returning a path or a text never needs it.
        """


__all__ = ["Traversable"]
