"""The core pack (themes, frameworks, training offer) and the built-in validation rules."""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from typing import TYPE_CHECKING

from .._compat import Traversable
from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from ..validate import Rule


@hookimpl
def ondermijning_pack_paths() -> list[Traversable]:
    return [files("ondermijning") / "data" / "core"]


@hookimpl
def ondermijning_validation_rules() -> Iterable[Rule]:
    from ..validate import BUILTIN_RULES

    return BUILTIN_RULES
