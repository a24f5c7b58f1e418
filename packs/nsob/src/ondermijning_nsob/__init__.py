"""The nsob pack: plain TOML in ``pack/``, offered to ondermijning through one hook."""

from __future__ import annotations

from pathlib import Path

from ondermijning import hookimpl


@hookimpl
def ondermijning_pack_paths() -> list[Path]:
    # the folder next to this module, as a path: importlib.resources.files() would add about 20 ms to every
    # command, and the folder loader reads real folders only (see ondermijning_pack_paths in ondermijning.hookspecs)
    return [Path(__file__).parent / "pack"]
