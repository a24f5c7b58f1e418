"""Writing files safely: atomically, and never over an existing file unless asked.

A file is written to a temporary file in the same folder, flushed to disk and then renamed
over the target in one step, so a crash or Ctrl-C leaves either the old file or the new one,
never half of one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import OndermijningError


class WriteError(OndermijningError):
    """The file cannot be written (it exists, the folder is missing, no permission)."""


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; refuse to replace an existing file unless ``force``."""
    target = Path(path)
    if target.is_dir():
        raise WriteError(f"{target}: is a folder; give a file name")
    if target.exists() and not force:
        raise WriteError(f"{target}: already exists; use --force to replace it")
    if not target.parent.is_dir():
        raise WriteError(f"{target.parent}: no such folder")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteError(f"{target}: cannot write here: {exc.strerror or exc}") from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would, or keep the old one
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it; put it back at once
    os.umask(mask)
    return mask
