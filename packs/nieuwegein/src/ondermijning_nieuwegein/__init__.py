"""The nieuwegein pack: plain TOML in ``pack/``, offered to ondermijning through one hook."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from ondermijning import hookimpl


@hookimpl
def ondermijning_pack_paths() -> list[Traversable]:
    return [files(__name__) / "pack"]
