"""The optional libraries of ``ondermijning[interop]``, with one clear line when one is missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import OndermijningError
from ..i18n import _


class MissingExtraError(OndermijningError):
    """An optional library is not installed."""


def _module(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingExtraError(_("hiervoor is {name} nodig: installeer het met pip install 'ondermijning[interop]'"
                                  ).format(name=name)) from None


def openpyxl() -> ModuleType:
    """openpyxl reads and writes .xlsx (XLSForm)."""
    return _module("openpyxl")


def tomli_w() -> ModuleType:
    """tomli-w writes the TOML of an imported pack."""
    return _module("tomli_w")
