"""A pack folder's files: which of them a pack holds, which are refused, and reading each within limits.

The loader (:mod:`ondermijning.loader`) trusts nothing in a folder, and this is where that
starts: only regular files inside the folder are read (a link pointing outside it is refused,
and so is a hard link with a name outside it; a pipe is never opened for long), at most
:data:`MAX_FILE_BYTES` a file and :data:`MAX_PACK_FILES` files a pack, in folders at most
:data:`MAX_FOLDER_DEPTH` deep; names with control characters, ``.TOML`` in other letters and
names that differ only by case are reported. Every refusal is a located
:class:`~ondermijning.errors.Problem`, and every path in one is shown safely.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from .errors import Problem
from .i18n import _, number
from .shown import has_odd, shown

PACK_FILE = "pack.toml"
MAX_FILE_BYTES = 5 * 1024 * 1024  # a pack file is hand-written text; anything larger is a mistake
MAX_PACK_FILES = 1000  # TOML files in one pack
MAX_FOLDER_DEPTH = 16  # folders inside a pack folder; a pack needs two or three
#: the folder of a pack that holds its translations (``translations/en.toml``): not content
TRANSLATIONS = "translations"


def _pack_files(root: Path, problems: list[Problem]) -> list[Path]:
    """Every ``*.toml`` file of the pack, ``pack.toml`` first; hidden files and folders are skipped.

    Links are not followed into folders; a link (to a file or folder) whose target lies
    outside the pack is refused (L007), and so is a hard link that has a name outside it;
    names that could deceive a terminal (L009), ``.TOML`` in other letters and names that differ
    only by case (L013) are reported, and folders are walked at most :data:`MAX_FOLDER_DEPTH`
    deep (L014).
    """
    real_root = os.path.realpath(root)
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        problems.append(Problem("L002", _("kan de map niet lezen: {reason}").format(reason=exc.strerror or exc),
                                file=_shown(Path(exc.filename or root)), hint=_("maak de map leesbaar")))

    for folder, dirnames, filenames in os.walk(root, onerror=unreadable):
        here = Path(folder)
        depth = len(here.relative_to(root).parts)
        _same_but_case(here, [*dirnames, *filenames], problems)
        keep = []
        for name in sorted(dirnames):
            path = here / name
            if name.startswith(".") or not _acceptable(path, real_root, problems, kind="folder"):
                continue
            if depth == 0 and name == TRANSLATIONS:
                continue  # the pack's translations: read by translation_files(), not as content
            if path.is_symlink():
                continue  # a link to a folder inside the pack: its files are read where they are
            if name.lower().endswith(".toml"):
                problems.append(Problem("L002", _("een map heeft de naam van een TOML-bestand"), file=_shown(path),
                                        hint=_("geef haar een andere naam, of haal haar uit het pack")))
            if depth + 1 > MAX_FOLDER_DEPTH:
                problems.append(Problem(
                    "L014", _("mappen zijn meer dan {n} niveaus diep genest; deze wordt niet gelezen").format(
                        n=MAX_FOLDER_DEPTH),
                    file=_shown(path), hint=_("houd de mappen van het pack een paar niveaus diep")))
                continue
            keep.append(name)
        dirnames[:] = keep  # os.walk descends only into these
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or not name.lower().endswith(".toml"):
                continue
            if not name.endswith(".toml"):
                problems.append(Problem("L013", _("de bestandsnaam eindigt op {end!r}; alleen '.toml'-bestanden "
                                                  "worden gelezen").format(end=name[-5:]),
                                        file=_shown(path), hint=_("laat de naam eindigen op '.toml' (kleine letters)")))
                continue
            if _acceptable(path, real_root, problems, kind="file"):
                found.append(path)
    found = _without_outside_hard_links(found, root, problems)
    # pack.toml first, so the pack id is known before content is read
    return sorted(found, key=lambda p: (p != root / PACK_FILE, str(p)))


def translation_files(root: Path, problems: list[Problem]) -> list[Path]:
    """The files of the pack's ``translations`` folder (``en.toml``, ...), refused as content files are."""
    folder = root / TRANSLATIONS
    if not folder.is_dir() or not _acceptable(folder, os.path.realpath(root), [], kind="folder"):
        return []  # a link out of the pack is reported by _pack_files
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.name.lower().endswith(".toml") or path.is_dir():
            continue
        if not path.name.endswith(".toml"):
            problems.append(Problem("L013", _("de bestandsnaam eindigt op {end!r}; alleen '.toml'-bestanden "
                                              "worden gelezen").format(end=path.name[-5:]),
                                    file=_shown(path), hint=_("laat de naam eindigen op '.toml' (kleine letters)")))
        elif _acceptable(path, os.path.realpath(root), problems, kind="file"):
            found.append(path)
    return _without_outside_hard_links(found, root, problems)


def _same_but_case(folder: Path, names: list[str], problems: list[Problem]) -> None:
    """Two names in one folder that differ only by case: one of them is lost on another system."""
    first: dict[str, str] = {}
    for name in sorted(names):
        if name.startswith("."):
            continue
        folded = unicodedata.normalize("NFC", name).casefold()
        if folded in first:
            problems.append(Problem(
                "L013", _("de naam verschilt van {other!r} alleen in hoofdletters; op Windows en macOS zijn het "
                          "hetzelfde bestand").format(other=shown(first[folded])), file=_shown(folder / name),
                hint=_("geef een van beide een andere naam, of voeg ze samen")))
        else:
            first[folded] = name


def _without_outside_hard_links(files: list[Path], root: Path, problems: list[Problem]) -> list[Path]:
    """Files whose every hard link is inside the pack; one with a name elsewhere is refused like a link.

    A hard link has no target to check: the file is the same wherever it is named. A file with
    more names (``st_nlink``) than the pack holds for it has one outside the pack, and its content
    is not the pack's own (docs/trust-and-privacy.md).
    """
    infos: dict[Path, os.stat_result] = {}
    names: dict[tuple[int, int], int] = {}
    for path in files:
        try:
            info = path.stat()
        except OSError:
            continue  # read later, where the problem is reported
        if info.st_nlink > 1 and stat.S_ISREG(info.st_mode):
            infos[path] = info
            key = (info.st_dev, info.st_ino)
            names[key] = names.get(key, 0) + 1
    kept = []
    for path in files:
        linked = infos.get(path)
        if linked is not None and linked.st_nlink > names[(linked.st_dev, linked.st_ino)]:
            problems.append(Problem(
                "L007", _("het bestand {name!r} is een harde link naar een bestand dat ook een naam buiten de "
                          "packmap heeft").format(name=shown(path.name)), file=_shown(path.parent),
                hint=_("kopieer de inhoud in het pack (cp, niet ln), of haal de link weg")))
            continue
        kept.append(path)
    return kept


def _acceptable(path: Path, real_root: str, problems: list[Problem], *, kind: str) -> bool:
    if has_odd(path.name):
        problems.append(Problem(
            "L009", _("de naam van het bestand bevat stuurtekens of bytes die geen UTF-8 zijn") if kind == "file"
            else _("de naam van de map bevat stuurtekens of bytes die geen UTF-8 zijn"),
            file=_shown(path), hint=_("gebruik in de naam letters, cijfers, spaties, '-', '_' en '.'")))
        return False
    try:
        link = path.is_symlink()
    except OSError as exc:  # a name too long for the file system
        message = _("kan het bestand niet lezen: {reason}") if kind == "file" else _("kan de map niet lezen: {reason}")
        problems.append(Problem("L002", message.format(reason=exc.strerror or exc), file=_shown(path),
                                hint=_("geef een kortere naam")))
        return False
    if link:
        target = os.path.realpath(path)
        if not is_within(target, real_root):
            # named by the folder that holds the link: the link's own path resolves outside the
            # pack, and it is the folder an author has to tidy
            problems.append(Problem(
                "L007", (_("het bestand {name!r} is een link naar {target}, buiten de packmap") if kind == "file" else
                         _("de map {name!r} is een link naar {target}, buiten de packmap")).format(
                    name=path.name, target=_shown(Path(target))),
                file=str(path.parent), hint=_("kopieer de inhoud in het pack, of haal de link weg")))
            return False
    return True


def is_within(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is ``root`` or inside it, compared as paths (``/a/b2`` is not inside ``/a/b``).

    Both are resolved (links, ``..``) first.
    """
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([real, real_root]) == real_root
    except ValueError:  # on Windows: another drive
        return False


def _shown(path: Path) -> str:
    """A path as one printable line: control characters and undecodable bytes escaped."""
    return shown(str(path))


class _NotAFile(OSError):
    pass


class _TooLarge(OSError):
    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


def _read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Opened without blocking, so a pipe named ``x.toml`` cannot hang the loader, and read
    with a bound, so a file that lies about its size (``/proc``) cannot exhaust memory.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotAFile(_("een map") if stat.S_ISDIR(info.st_mode) else
                            _("geen gewoon bestand (een pipe of apparaat)"))
        if info.st_size > limit:
            raise _TooLarge(info.st_size)
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _TooLarge(None)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _read(file: Path, problems: list[Problem]) -> bytes | None:
    name = str(file)
    try:
        return _read_bytes(file, MAX_FILE_BYTES)
    except _TooLarge as exc:
        message = _("het bestand is {size} bytes, meer dan de limiet van {limit} bytes") if exc.size is not None \
            else _("het bestand is groter dan de limiet van {limit} bytes")
        problems.append(Problem("L003", message.format(size=number(exc.size or 0), limit=number(MAX_FILE_BYTES)),
                                file=name, hint=_("verdeel de inhoud over meer bestanden")))
    except _NotAFile as exc:
        problems.append(Problem("L002", _("kan het bestand niet lezen: het is {what}").format(what=exc), file=name,
                                hint=_("haal het uit het pack, of geef het een andere naam")))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if file.is_symlink() and not file.exists():
            reason = _("het is een kapotte link ({reason})").format(reason=reason)
        problems.append(Problem("L002", _("kan het bestand niet lezen: {reason}").format(reason=reason), file=name,
                                hint=_("controleer of het bestand bestaat en leesbaar is")))
    return None
