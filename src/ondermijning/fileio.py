"""Writing files safely: atomically, and never over an existing file unless asked.

A file is written to a temporary file in the same folder, flushed to disk and then renamed
over the target in one step, so a crash or Ctrl-C leaves either the old file or the new one,
never half of one. Only regular files are ever replaced: a pipe, device or folder at the target
is refused, and a link to a regular file keeps being a link (its target gets the new content).
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
    """Write ``data`` to ``path`` atomically; refuse to replace an existing file unless ``force``.

    Only a regular file is replaced; when ``path`` is a symbolic link to one, the file it points
    to is replaced and the link stays. Returns ``path``.
    """
    target = Path(path)
    destination, mode = _destination(target, force=force)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".tmp",
                                             dir=destination.parent)
    except OSError as exc:
        raise WriteError(f"{target}: cannot write here: {exc.strerror or exc}") from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would, or keep the old one
        os.fchmod(handle, 0o666 & ~_umask() if mode is None else mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(destination)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(exc, OSError):
            raise WriteError(f"{target}: cannot write: {exc.strerror or exc}") from None
        raise
    return target


def _destination(target: Path, *, force: bool) -> tuple[Path, int | None]:
    """The file to replace (``target``, or the regular file a link points to) and its mode, if it exists."""
    try:
        info = target.stat()  # follows symbolic links
    except (FileNotFoundError, NotADirectoryError):
        if target.is_symlink():
            raise WriteError(f"{target}: is a link to a file that does not exist; give another file name") from None
        parent = target.parent
        if not parent.is_dir():
            where = "is a file, not a folder" if parent.exists() else "no such folder"
            raise WriteError(f"{parent}: {where}") from None
        return target, None
    except OSError as exc:
        raise WriteError(f"{target}: cannot write here: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise WriteError(f"{target}: is a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(f"{target}: is not a regular file (a pipe, device or folder); give another file name")
    if not force:
        raise WriteError(f"{target}: already exists; use --force to replace it")
    return Path(os.path.realpath(target)), stat.S_IMODE(info.st_mode)


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it; put it back at once
    os.umask(mask)
    return mask
