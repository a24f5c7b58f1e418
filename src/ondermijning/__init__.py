"""ondermijning: recognise and act on organised crime's grip on vulnerable residents.

Typed models, content packs and a plugin system after the Divosa handreiking (2022).
The public names below are imported lazily, so ``import ondermijning`` (and
``ondermijning --version``) stays fast.
"""

from __future__ import annotations

from ._version import __version__

# not typing.TYPE_CHECKING: importing typing alone costs more than the rest of --version
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    # what the lazy names below resolve to, for type checkers and editors
    from . import models as models
    from .assemble import load_catalog as load_catalog
    from .assessment import assess as assess
    from .catalog import Catalog as Catalog
    from .catalog import Rule as Rule
    from .errors import OndermijningError as OndermijningError
    from .errors import PackError as PackError
    from .errors import Problem as Problem
    from .errors import UnknownItemError as UnknownItemError
    from .hookspecs import hookimpl as hookimpl
    from .hookspecs import hookspec as hookspec
    from .models import ConcernLevel as ConcernLevel
    from .models.picture import InformationPicture as InformationPicture
    from .models.picture import Judgement as Judgement
    from .models.picture import Observation as Observation
    from .models.picture import ObservationKind as ObservationKind
    from .models.picture import Pins as Pins
    from .serialize import from_json as from_json
    from .serialize import to_json as to_json
    from .validate import validate_catalog as validate_catalog

_LAZY = {
    "assess": "assessment",
    "InformationPicture": "models.picture",
    "Judgement": "models.picture",
    "Observation": "models.picture",
    "ObservationKind": "models.picture",
    "Pins": "models.picture",
    "to_json": "serialize",
    "from_json": "serialize",
    "Catalog": "catalog",
    "load_catalog": "assemble",
    "OndermijningError": "errors",
    "PackError": "errors",
    "Problem": "errors",
    "UnknownItemError": "errors",
    "hookimpl": "hookspecs",
    "hookspec": "hookspecs",
    "ConcernLevel": "models",
    "Rule": "catalog",
    "validate_catalog": "validate",
}

__all__ = ["__version__", "models", *_LAZY]


def __getattr__(name: str) -> Any:
    import importlib

    if name == "models":
        return importlib.import_module(".models", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ondermijning' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
