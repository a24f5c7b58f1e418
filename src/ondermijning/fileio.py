"""Reading and writing files safely: atomically, never over an existing file unless asked, within limits.

A file is written to a temporary file in the same folder, flushed to disk and then put in
place in one step, so a crash or Ctrl-C leaves either the old file or the new one, never half
of one. Without ``force`` it is *linked* into place, which fails when a file of that name
exists, also one that appeared while writing; with ``force`` it is renamed over the old one.
Only regular files are ever replaced: a pipe, device or folder at the target is refused, and a
link to a regular file keeps being a link (its target gets the new content).

What one command may produce is bounded (:data:`MAX_OUTPUT_BYTES`, :func:`check_output`), and
what it reads from a file it is given (:func:`read_bounded`): a pipe or an endless device such
as ``/dev/zero`` gives at most the limit, then a message that names it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import stat
from pathlib import Path

from .errors import OndermijningError
from .i18n import _

#: the most one command writes (a document, a calendar, JSON): a 390 KB pack once made a 106 MB
#: calendar; far more than any real trajectory, list or card set needs
MAX_OUTPUT_BYTES = 20 * 1024 * 1024
#: the most a file given to a command (a findings file, a picture's JSON) may hold
MAX_INPUT_BYTES = 5 * 1024 * 1024
#: how long a pipe may stay silent before reading it stops
READ_TIMEOUT_SECONDS = 30.0


class WriteError(OndermijningError):
    """The file cannot be written (it exists, the folder is missing, no permission)."""


class OutputTooLarge(OndermijningError):
    """What a command would produce is larger than :data:`MAX_OUTPUT_BYTES`; nothing is written."""


class ReadError(OndermijningError, OSError):
    """A file given to a command cannot be read within the limits (too large, a silent pipe)."""


def check_output(size: int, what: str) -> None:
    """Raise :class:`OutputTooLarge` when ``size`` bytes of ``what`` (e.g. "de agenda") pass the limit."""
    if size > MAX_OUTPUT_BYTES:
        raise OutputTooLarge(_("{what} zou groter worden dan de limiet van {limit} bytes voor wat één opdracht "
                               "maakt (MAX_OUTPUT_BYTES); er is niets geschreven. Kies minder (een traject, "
                               "een lijst, een kaart) of maak de teksten in het pakket korter").format(
            what=what, limit=f"{MAX_OUTPUT_BYTES:,}".replace(",", ".")))


def read_bounded(path: str | os.PathLike[str], limit: int = MAX_INPUT_BYTES, *,
                 timeout: float | None = None) -> bytes:
    """The bytes of ``path``, at most ``limit`` of them: a regular file, a pipe or a device.

    Raises :class:`ReadError` (an ``OSError`` with the file name) when there is more than
    ``limit`` (``/dev/zero``), or when a pipe gives nothing for ``timeout`` seconds
    (default :data:`READ_TIMEOUT_SECONDS`); other
    ``OSError`` as the system gives it. A pipe is opened without waiting for a writer.
    """
    name = os.fspath(path)
    timeout = READ_TIMEOUT_SECONDS if timeout is None else timeout
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size > limit:
            raise _too_large(name, limit)
        chunks: list[bytes] = []
        size = 0
        while True:
            if not regular and not select.select([fd], [], [], timeout)[0]:
                raise ReadError(errno.ETIMEDOUT, _("er kwam {seconds} seconden niets uit; lees een bestand, of "
                                                   "schrijf eerst naar een bestand").format(seconds=int(timeout)),
                                name)
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            except BlockingIOError:
                continue
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _too_large(name, limit)
    finally:
        os.close(fd)


def _too_large(name: str, limit: int) -> ReadError:
    return ReadError(errno.EFBIG, _("meer dan de limiet van {limit} bytes (MAX_INPUT_BYTES); geef een kleiner "
                                    "bestand").format(limit=f"{limit:,}".replace(",", ".")), name)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; refuse to replace an existing file unless ``force``.

    Only a regular file is replaced; when ``path`` is a symbolic link to one, the file it points
    to is replaced and the link stays. Returns ``path``.
    """
    import tempfile  # here: it imports shutil and random, and most commands that import this module write nothing

    target = Path(path)
    destination, mode = _destination(target, force=force)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".tmp",
                                             dir=destination.parent)
    except OSError as exc:
        raise _cannot_write_here(target, exc) from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would, or keep the old one
        os.fchmod(handle, 0o666 & ~_umask() if mode is None else mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            Path(temporary).replace(destination)
        else:
            _link_into_place(temporary, destination, raw)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(exc, FileExistsError):
            raise WriteError(_("{path}: bestaat al (het verscheen tijdens het schrijven); gebruik --force om het "
                               "te vervangen").format(path=target)) from None
        if isinstance(exc, OSError):
            raise WriteError(_("{path}: kan niet schrijven: {reason}").format(path=target,
                                                                               reason=exc.strerror or exc)) from None
        raise
    return target


def _link_into_place(temporary: str, destination: Path, raw: bytes) -> None:
    """Put the written file at ``destination`` only if no file is there: FileExistsError otherwise.

    A hard link is made in one step and never replaces anything. A file system without hard
    links (FAT, some network shares) gets an exclusive create instead: not atomic, but it
    never replaces a file either.
    """
    try:
        os.link(temporary, destination)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     stat.S_IMODE(Path(temporary).stat().st_mode))
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(raw)
                stream.flush()
                os.fsync(stream.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                destination.unlink()
            raise
    Path(temporary).unlink()


def _cannot_write_here(target: Path, exc: OSError) -> WriteError:
    return WriteError(_("{path}: kan hier niet schrijven: {reason}").format(path=target, reason=exc.strerror or exc))


def not_a_folder(path: Path) -> str:
    """Why ``path``, which is not a folder, cannot hold what is written: it is a file, or it is not there."""
    return _("is een bestand, geen map") if path.exists() else _("die map bestaat niet")


def _destination(target: Path, *, force: bool) -> tuple[Path, int | None]:
    """The file to replace (``target``, or the regular file a link points to) and its mode, if it exists."""
    try:
        info = target.stat()  # follows symbolic links
    except (FileNotFoundError, NotADirectoryError):
        if target.is_symlink():
            raise WriteError(_("{path}: is een link naar een bestand dat niet bestaat; geef een andere "
                               "bestandsnaam").format(path=target)) from None
        parent = target.parent
        if not parent.is_dir():
            raise WriteError(f"{parent}: {not_a_folder(parent)}") from None
        return target, None
    except OSError as exc:
        raise _cannot_write_here(target, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise WriteError(_("{path}: is een map; geef een bestandsnaam").format(path=target))
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(_("{path}: is geen gewoon bestand (een pipe, apparaat of map); geef een andere "
                           "bestandsnaam").format(path=target))
    if not force:
        raise WriteError(_("{path}: bestaat al; gebruik --force om het te vervangen").format(path=target))
    return Path(os.path.realpath(target)), stat.S_IMODE(info.st_mode)


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it; put it back at once
    os.umask(mask)
    return mask
