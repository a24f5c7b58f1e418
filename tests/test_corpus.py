"""A corpus of broken packs: each case gives exactly the problems expected, located, through the CLI.

Every case runs ``ondermijning validate PATH...`` through :func:`ondermijning.cli.main` and
asserts the exit code (1 for errors; 0 for the one warning-only case), no traceback, and
that the error lines are exactly the expected ones: code, file and, where the file has
one, the line; one line per problem.

Stored cases are folders under ``tests/corpus/``. What git cannot hold or should not
(a 50 MB file, links, a pipe, unreadable files, file names with control characters or
bytes that are not UTF-8, a folder named ``x.toml``, a thousand files) is generated in
``tmp_path`` by the ``build`` function of its case.

Cases run with the built-in plugins only (``ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD=1``: the
core pack, no installed packs), which keeps a case at ~30 ms; cases marked ``installed``
see the installed packs (deurne, ...) too.

``tests/corpus/README.md`` counts the cases per code; regenerate it with
``python -m tests.test_corpus > tests/corpus/README.md``.
"""

from __future__ import annotations

import errno
import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ondermijning import load_catalog, pack_folder
from ondermijning.cli import main
from ondermijning.codes import BY_CODE
from ondermijning.loader import MAX_ITEMS, MAX_PACK_BYTES
from ondermijning.pack_folder import MAX_FILE_BYTES, MAX_PACK_FILES
from ondermijning.shown import shown

CORPUS = Path(__file__).resolve().parent / "corpus"
PACK = '[pack]\nid = "corpus"\nname = "Corpus"\nversion = "1.0.0"\n'
ROUTE = ('[[routes]]\nid = "wijkteam"\nname = "Wijkteam"\naction = "advice"\nscope = "local"\n'
         'levels = ["low"]\nwhen = "Bij twijfel"\nsource = { publication = "Corpus" }\n')


@dataclass(frozen=True)
class E:
    """An expected problem: code, file (relative to the case folder, "." for the folder), line."""

    code: str
    file: str
    line: int | None


Build = Callable[[Path, pytest.MonkeyPatch], None]


@dataclass(frozen=True)
class Case:
    name: str
    topic: str
    problems: tuple[E, ...]
    folders: tuple[str, ...] = (".",)  # what to validate, relative to the case folder
    installed: bool = False  # also load the installed packs (deurne, nieuwegein, nsob)
    exit: int = 1
    build: Build | None = None  # generated in tmp_path; else stored in tests/corpus/<name>


def case(name: str, topic: str, *problems: E, **options: object) -> Case:
    return Case(name, topic, problems, **options)  # type: ignore[arg-type]


STORED: list[Case] = [
    # TOML syntax
    case("syntax-unclosed-header", "TOML syntax", E("L005", "routes.toml", 1)),
    case("syntax-unclosed-string", "TOML syntax", E("L005", "routes.toml", 3)),
    case("syntax-missing-value", "TOML syntax", E("L005", "routes.toml", 3)),
    case("syntax-duplicate-key", "TOML syntax", E("L005", "routes.toml", 6)),
    case("syntax-unclosed-array-at-end", "TOML syntax", E("L005", "routes.toml", 10)),  # the last written line
    case("syntax-table-defined-twice", "TOML syntax", E("L005", "pack.toml", 6)),
    case("syntax-bad-escape", "TOML syntax", E("L005", "routes.toml", 7)),
    case("syntax-bare-word-value", "TOML syntax", E("L005", "routes.toml", 4)),
    case("syntax-newline-in-inline-table", "TOML syntax", E("L005", "routes.toml", 8)),
    case("syntax-crlf-line-endings", "TOML syntax", E("L005", "routes.toml", 1)),
    case("syntax-nul-byte", "TOML syntax", E("L005", "routes.toml", 7)),
    case("syntax-broken-pack-toml", "TOML syntax", E("L005", "pack.toml", 3)),
    case("syntax-date-like-id", "TOML syntax", E("L005", "routes.toml", 2)),
    # wrong types
    case("type-name-is-number", "wrong types", E("L103", "routes.toml", 3)),
    case("type-weight-is-boolean", "wrong types", E("L103", "lijst.toml", 20)),
    case("type-weight-is-text", "wrong types", E("L103", "lijst.toml", 20)),
    case("type-levels-is-text", "wrong types", E("L103", "routes.toml", 6)),
    case("type-themes-is-table", "wrong types", E("L103", "routes.toml", 9)),
    case("type-source-is-text", "wrong types", E("L103", "routes.toml", 8)),
    case("type-flag-is-text", "wrong types", E("L103", "routes.toml", 9)),
    case("type-routes-is-a-table", "wrong types", E("L103", "routes.toml", 1)),
    case("type-threshold-is-text", "wrong types", E("L103", "lijst.toml", 6)),
    case("type-requires-is-text", "wrong types", E("L103", "pack.toml", 5)),
    case("type-date-where-text-belongs", "wrong types", E("L103", "routes.toml", 7)),
    case("type-category-count-is-fraction", "wrong types", E("L103", "lijst.toml", 6)),
    # unknown keys
    case("unknown-key-typo", "unknown keys", E("L101", "routes.toml", 9)),
    case("unknown-family", "unknown keys", E("L101", "routes.toml", 1)),
    case("unknown-key-in-pack-table", "unknown keys", E("L101", "pack.toml", 5)),
    case("unknown-key-in-signal", "unknown keys", E("L101", "lijst.toml", 27)),
    case("unknown-key-in-source", "unknown keys", E("L101", "routes.toml", 8)),
    case("unknown-key-with-control-character", "unknown keys", E("L101", "routes.toml", 9)),
    case("unknown-key-ending-in-newline", "unknown keys", E("L101", "routes.toml", 9)),
    # missing required keys: the line of the table that lacks the key
    case("missing-when", "missing required fields", E("L102", "routes.toml", 1)),
    case("missing-source", "missing required fields", E("L102", "themes.toml", 1)),
    case("missing-pack-version", "missing required fields", E("L102", "pack.toml", 1)),
    case("missing-thresholds", "missing required fields", E("L102", "lijst.toml", 6)),
    case("missing-signal-category", "missing required fields", E("L102", "lijst.toml", 23)),
    # values not allowed
    case("invalid-enum-action", "invalid values", E("L104", "routes.toml", 4)),
    case("invalid-level", "invalid values", E("L104", "routes.toml", 6)),
    case("invalid-id-with-space", "invalid values", E("L104", "routes.toml", 2)),
    case("invalid-pack-id", "invalid versions and requires", E("L104", "pack.toml", 2)),
    case("invalid-version-two-parts", "invalid versions and requires", E("L104", "pack.toml", 4)),
    case("invalid-version-prefix-v", "invalid versions and requires", E("L104", "pack.toml", 4)),
    case("invalid-requires-range", "invalid versions and requires", E("L104", "pack.toml", 5)),
    case("weight-negative", "negative or non-numeric weights", E("L104", "lijst.toml", 20)),
    case("weight-nan", "negative or non-numeric weights", E("L104", "lijst.toml", 20)),
    case("weight-infinite", "negative or non-numeric weights", E("L104", "lijst.toml", 27)),
    case("number-of-5000-digits", "negative or non-numeric weights", E("L104", "lijst.toml", 20)),
    case("weight-beyond-64-bits", "negative or non-numeric weights", E("L104", "lijst.toml", 27)),
    case("bonus-negative", "negative or non-numeric weights", E("L104", "lijst.toml", 6)),
    case("threshold-nan", "unordered or unreachable thresholds", E("L104", "lijst.toml", 6)),
    # duplicates
    case("duplicate-id-in-one-file", "duplicate ids", E("L105", "routes.toml", 11)),
    case("duplicate-id-across-files", "duplicate ids", E("L105", "b.toml", 2)),
    case("duplicate-signal-id", "duplicate ids", E("L105", "lijst.toml", 24)),
    # the signal's category 'school' is not there: the second category repeats 'gedrag' (both are reported)
    case("duplicate-category-id", "duplicate ids", E("L105", "lijst.toml", 13), E("V002", "lijst.toml", 18)),
    case("id-names-another-pack", "duplicate ids", E("L106", "routes.toml", 2)),
    case("duplicate-pack-across-folders", "duplicate ids", E("C001", "b/pack.toml", None), folders=("a", "b")),
    # pack structure
    case("no-pack-toml", "pack structure", E("L010", ".", None)),
    case("pack-table-in-another-file", "pack structure", E("L011", "meer.toml", 1)),
    case("pack-toml-without-pack-table", "pack structure", E("L012", "pack.toml", 1)),
    # requirements and extensions across packs
    case("requires-missing-pack", "invalid versions and requires", E("C004", "pack.toml", 5)),
    case("requires-wrong-version", "invalid versions and requires", E("C004", "pack.toml", 5)),
    case("requires-each-other-wrong-version", "invalid versions and requires", E("C004", "b/pack.toml", 5),
         folders=("a", "b")),
    # an unknown target is reported twice: while merging (C005) and by the reference rule (V001)
    case("extension-unknown-target", "dangling references", E("C005", "ext.toml", 2), E("V001", "ext.toml", 3)),
    case("extension-targets-an-extension", "cyclic extends", E("C005", "ext.toml", 2), E("V001", "ext.toml", 3)),
    case("extension-cycle-unknown-category", "cyclic extends", E("V002", "b/lijst.toml", 39), folders=("a", "b")),
    case("extension-of-installed-list-unknown-category", "dangling references", E("V002", "ext/ext.toml", 8),
         folders=("ext",), installed=True),
    # validation rules
    case("dangling-theme", "dangling references", E("V001", "routes.toml", 9)),
    case("dangling-framework-in-card", "dangling references", E("V001", "kaart.toml", 7)),
    case("dangling-guide-in-case", "dangling references", E("V001", "casus.toml", 5)),
    case("dangling-signal-in-card", "dangling references", E("V001", "kaart.toml", 10)),
    case("signal-unknown-category", "dangling references", E("V002", "lijst.toml", 18)),
    case("red-flag-without-red-flag-theme", "dangling references", E("V003", "lijst.toml", 29),
         E("V009", "lijst.toml", 5)),
    case("red-flag-theme-without-signal", "red-flag themes and signals", E("V009", "lijst.toml", 5)),
    case("established-basis-without-date", "the basis of a list's numbers", E("V012", "lijst.toml", 7)),
    case("citation-unknown-section", "citations", E("V010", "routes.toml", 22), E("V010", "routes.toml", 31)),
    case("exploration-unknown-need", "explorations", E("V013", "verkenning.toml", 15),
         E("V013", "verkenning.toml", 20)),
    case("thresholds-unordered", "unordered or unreachable thresholds", E("V004", "lijst.toml", 6)),
    case("thresholds-equal", "unordered or unreachable thresholds", E("V004", "lijst.toml", 6)),
    case("threshold-zero", "unordered or unreachable thresholds", E("V004", "lijst.toml", 6)),
    # a warning, not an error: red flags can still give hoog, so validate exits 0 and says so
    case("threshold-unreachable", "unordered or unreachable thresholds", E("V005", "lijst.toml", 6), exit=0),
    case("empty-name", "empty texts", E("V007", "routes.toml", 3)),
    case("blank-when", "empty texts", E("V007", "routes.toml", 7)),
    case("empty-card-title", "empty texts", E("V007", "kaart.toml", 3)),
    # bytes, encodings, lines
    case("encoding-latin-1", "non-UTF-8 and BOM files", E("L004", "routes.toml", 7)),
    case("encoding-bom", "non-UTF-8 and BOM files", E("L004", "routes.toml", 1)),
    case("encoding-utf-16", "non-UTF-8 and BOM files", E("L004", "routes.toml", 1)),
    # U+2028 and U+0085 in a string on line 7 do not end a line in TOML: the typo is on line 9
    case("line-separator-in-string", "non-UTF-8 and BOM files", E("L101", "routes.toml", 9)),
    # a multi-line string holding "[[routes]]", inside an array: the typo after it is on line 13
    case("multiline-string-in-array", "TOML syntax", E("L101", "routes.toml", 13)),
    case("nesting-too-deep-to-parse", "deeply nested tables", E("L006", "diep.toml", 3)),
    case("nesting-deep-inline-tables", "deeply nested tables", E("L006", "diep.toml", 2)),
    case("nesting-deep-headers", "deeply nested tables", E("L006", "diep.toml", 1)),
    # tomli (2.3.1 and later) stops at a key of more than 1,000 parts; tomllib reads it: the same line
    case("nesting-key-of-1001-parts", "deeply nested tables", E("L006", "lang.toml", 2)),
    case("nesting-header-of-1001-parts", "deeply nested tables", E("L006", "lang.toml", 1)),
    # odd but allowed file names: the problem inside is reported under the name as it is
    case("odd-name-spaces-and-accents", "odd file names", E("L101", "mijn routes (café) #2.toml", 9)),
    case("odd-name-leading-dash", "odd file names", E("L005", "-rf.toml", 1)),
    # issue #13: ids and versions are one line and comparable; one problem is one line
    case("id-ending-in-newline", "ids and versions", E("L104", "routes.toml", 2)),
    case("version-ending-in-newline", "ids and versions", E("L104", "pack.toml", 4)),
    case("version-semver-not-pep440", "ids and versions", E("L104", "pack.toml", 4)),
    # b's version cannot be read, so a's requirement on it is not checked (no follow-on C004)
    case("requires-semver-not-pep440", "ids and versions", E("L104", "b/pack.toml", 4), folders=("a", "b")),
    case("requires-range-with-newline", "one problem, one line", E("C004", "pack.toml", 5)),
    case("weights-sum-overflows", "negative or non-numeric weights", E("L104", "lijst.toml", 20),
         E("L104", "lijst.toml", 27)),
    case("extension-repeats-category", "content rules", E("C007", "lijst.toml", 38)),
    case("upper-case-toml-extension", "odd file names", E("L013", "routes.TOML", None)),
]


# generated cases --------------------------------------------------------------------------


def _pack(root: Path, files: dict[str, str] | None = None) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.toml").write_text(PACK, encoding="utf-8")
    for name, text in (files or {}).items():
        (root / name).write_text(text, encoding="utf-8")


def big_file(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    with open(root / "groot.toml", "wb") as stream:  # sparse: 50 MB on paper, nothing on disk
        stream.truncate(50 * 1024 * 1024)


def pack_too_large(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    count = MAX_PACK_BYTES // 5_000_000 + 1
    for i in range(1, count + 1):  # each file a long comment: valid, under the file limit
        (root / f"deel{i}.toml").write_bytes(b"#" + b"x" * (5_000_000 - 2) + b"\n")
    assert MAX_FILE_BYTES > 5_000_000 and count * 5_000_000 > MAX_PACK_BYTES


def too_many_files(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    for i in range(MAX_PACK_FILES):
        (root / f"f{i:04}.toml").write_bytes(b"")


def too_many_items(root: Path, _mp: pytest.MonkeyPatch) -> None:
    theme = '[[themes]]\nid = "t{}"\nname = "T"\nsource = {{ publication = "x" }}\n\n'
    _pack(root, {"themes.toml": "".join(theme.format(i) for i in range(MAX_ITEMS + 1))})


def folder_named_toml(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    (root / "map.toml").mkdir()


def pack_toml_is_a_folder(root: Path, _mp: pytest.MonkeyPatch) -> None:
    root.mkdir(parents=True)
    (root / "pack.toml").mkdir()


def unreadable(root: Path, mp: pytest.MonkeyPatch) -> None:
    _pack(root, {"routes.toml": ROUTE})
    path = root / "routes.toml"
    path.chmod(0)
    if os.access(path, os.R_OK):
        # running as root (or with CAP_DAC_OVERRIDE), mode 000 is still readable: the loader's
        # one read function is made to fail as it does for everyone else
        real = pack_folder._read_bytes

        def denied(file: Path, limit: int) -> bytes:
            if file == path:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
            return real(file, limit)

        mp.setattr(pack_folder, "_read_bytes", denied)


def fifo(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    os.mkfifo(root / "pijp.toml")  # opening it for reading would wait for a writer forever


def _link(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target)
    except OSError as exc:  # Windows without developer mode
        pytest.skip(f"cannot create symbolic links here: {exc}")


def link_file_outside(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    secret = root.parent / "geheim.toml"
    secret.write_text('wachtwoord = "hunter2"\n', encoding="utf-8")
    _link(root / "geheim.toml", secret)


def link_folder_outside(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    outside = root.parent / "elders"
    outside.mkdir()
    (outside / "routes.toml").write_text(ROUTE, encoding="utf-8")
    _link(root / "elders", outside)


def link_pack_toml_outside(root: Path, _mp: pytest.MonkeyPatch) -> None:
    root.mkdir(parents=True)
    (root.parent / "ander-pack.toml").write_text(PACK, encoding="utf-8")
    _link(root / "pack.toml", root.parent / "ander-pack.toml")


def broken_link(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    _link(root / "weg.toml", root / "bestaat-niet.toml")


def link_loop(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    _link(root / "rond.toml", root / "rond.toml")


def odd_name(name: str | bytes) -> Build:
    def build(root: Path, _mp: pytest.MonkeyPatch) -> None:
        _pack(root)
        raw = os.fsencode(root) + b"/" + (name if isinstance(name, bytes) else name.encode())
        try:
            with open(raw, "wb") as stream:
                stream.write(ROUTE.encode())
        except OSError as exc:  # macOS and Windows refuse names that are not UTF-8
            pytest.skip(f"this file system refuses the name {name!r}: {exc}")

    return build


def quotes_and_colon(root: Path, _mp: pytest.MonkeyPatch) -> None:
    # generated, not stored: a Windows checkout cannot create this name, and would fail whole
    _pack(root, {"it's \"a:b\".toml": ROUTE + "x = 1\n"})


def odd_folder(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    (root / "sub\tmap").mkdir()
    (root / "sub\tmap" / "routes.toml").write_text(ROUTE, encoding="utf-8")


def same_but_case(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root, {"Routes.toml": ROUTE, "routes.toml": ROUTE.replace('"wijkteam"', '"jeugdteam"')})
    if len(list(root.iterdir())) < 3:
        pytest.skip("this file system does not tell names apart by case")


def hard_link_outside(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    secret = root.parent / "geheim.toml"
    secret.write_text('wachtwoord = "hunter2"\n', encoding="utf-8")
    try:
        os.link(secret, root / "geheim.toml")
    except OSError as exc:
        pytest.skip(f"cannot create hard links here: {exc}")


def hard_link_inside(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root, {"routes.toml": ROUTE})
    (root / "ook").mkdir()
    os.link(root / "routes.toml", root / "ook" / "kopie.toml")  # both names in the pack: read as two files


def deep_folders(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root)
    fd = os.open(root, os.O_RDONLY)
    try:  # 1,200 levels through directory descriptors: deeper than the interpreter's recursion limit
        for _ in range(1200):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)


def remove_deep(root: Path) -> None:
    """Remove the folders deep_folders made, bottom up without recursion (shutil.rmtree would recurse
    past the interpreter's limit, and so would pytest's clean-up of old temporary folders)."""
    depth = 0
    fd = os.open(root, os.O_RDONLY)
    while "d" in os.listdir(fd):  # noqa: PTH208 - by descriptor: the path would grow past PATH_MAX
        inner = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, depth = inner, depth + 1
    os.close(fd)
    for level in range(depth, 0, -1):
        root.joinpath(*["d"] * level).rmdir()  # at most 2,400 characters: within PATH_MAX


def pack_path_sharing_a_prefix(root: Path, mp: pytest.MonkeyPatch) -> None:
    _pack(root, {"routes.toml": ROUTE + "x = 1\n"})
    sibling = root.parent / (root.name + "-oud")  # a name that starts with the folder's name
    sibling.mkdir()
    (sibling / "pack.toml").write_text(PACK.replace('"corpus"', '"oud"'), encoding="utf-8")
    (sibling / "routes.toml").write_text(ROUTE + "y = 2\n", encoding="utf-8")
    mp.setenv("ONDERMIJNING_PACK_PATH", str(sibling))


FORGING = "\n\x1b[2Jforged.toml:1: L000 nep"  # a second problem line, and a cleared screen


def escape_in_folder_name(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _pack(root / FORGING, {"routes.toml": ROUTE + "x = 1\n"})


_POSIX = pytest.mark.skipif(sys.platform == "win32", reason="pipes, modes and byte file names are POSIX")

GENERATED: list[Case] = [
    case("file-of-50-mb", "a 50 MB file", E("L003", "groot.toml", None), build=big_file),
    case("pack-over-25-mb", "size limits", E("L003", "deel6.toml", None), build=pack_too_large),
    case("pack-of-1001-files", "size limits", E("L003", ".", None), build=too_many_files),
    case("pack-of-5001-items", "size limits", E("L008", "themes.toml", 5 * MAX_ITEMS + 1), build=too_many_items),
    case("folder-named-toml", "a file that is a directory", E("L002", "map.toml", None), build=folder_named_toml),
    case("pack-toml-is-a-folder", "a file that is a directory", E("L002", "pack.toml", None),
         build=pack_toml_is_a_folder),
    case("unreadable-file", "unreadable files", E("L002", "routes.toml", None), build=unreadable),
    case("pipe-named-toml", "unreadable files", E("L002", "pijp.toml", None), build=fifo),
    case("link-to-file-outside", "symlinks pointing outside the pack", E("L007", ".", None),
         build=link_file_outside),
    case("link-to-folder-outside", "symlinks pointing outside the pack", E("L007", ".", None),
         build=link_folder_outside),
    case("pack-toml-links-outside", "symlinks pointing outside the pack", E("L007", ".", None),
         build=link_pack_toml_outside),
    case("broken-link", "symlinks pointing outside the pack", E("L002", "weg.toml", None), build=broken_link),
    case("link-to-itself", "symlinks pointing outside the pack", E("L002", "rond.toml", None), build=link_loop),
    # names are shown escaped, so a problem stays one line and cannot steer the terminal
    case("name-with-newline", "odd file names", E("L009", "bad\\nname.toml", None), build=odd_name("bad\nname.toml")),
    case("name-not-utf-8", "odd file names", E("L009", "caf\\xe9.toml", None), build=odd_name(b"caf\xe9.toml")),
    case("name-right-to-left-override", "odd file names", E("L009", "evil\\u202elmth.toml", None),
         build=odd_name("evil\u202elmth.toml")),
    case("name-with-escape-sequence", "odd file names", E("L009", "\\x1b[31mrood.toml", None),
         build=odd_name("\x1b[31mrood.toml")),
    case("folder-name-with-tab", "odd file names", E("L009", "sub\\tmap", None), build=odd_folder),
    # an odd but allowed name: the problem inside is reported under the name as it is
    case("name-with-quotes-and-colon", "odd file names", E("L101", "it's \"a:b\".toml", 9), build=quotes_and_colon),
    # issue #13: files and resources
    case("names-differ-only-by-case", "odd file names", E("L013", "routes.toml", None), build=same_but_case),
    case("hard-link-to-file-outside", "symlinks pointing outside the pack", E("L007", ".", None),
         build=hard_link_outside),
    case("hard-link-inside", "symlinks pointing outside the pack", E("L105", "routes.toml", 2),
         build=hard_link_inside),
    case("folders-nested-1200-deep", "deeply nested tables", E("L014", "/".join(["d"] * 17), None),
         build=deep_folders),
    case("pack-path-sharing-a-prefix", "pack structure", E("L101", "routes.toml", 9), build=pack_path_sharing_a_prefix),
    # a folder whose name forges a second problem line and clears the screen: shown escaped, one line
    case("folder-name-forging-a-line", "one problem, one line", E("L101", f"{FORGING}/routes.toml", 9),
         folders=(FORGING,), build=escape_in_folder_name),
]

CASES = STORED + GENERATED


def _param(c: Case) -> object:
    posix = c.build in (unreadable, fifo, hard_link_outside, hard_link_inside, deep_folders, escape_in_folder_name) \
        or c.name.startswith("name-")
    return pytest.param(c, id=c.name, marks=[_POSIX] if posix else [])


@pytest.mark.parametrize("c", [_param(c) for c in CASES])
def test_case(c: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    if c.build is not None:
        root = tmp_path / c.name
        c.build(root, monkeypatch)
    else:
        root = CORPUS / c.name
    if not c.installed:
        monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD", "1")
    paths = [str(root) if folder == "." else str(root / folder) for folder in c.folders]

    try:
        code = main(["validate", "--ignore", "V011", *paths])  # corpus packs cite "Corpus", declared nowhere
    finally:
        if c.build is deep_folders:
            remove_deep(root)
    out, err = capsys.readouterr()

    assert "Traceback" not in out + err and "internal error" not in err, out + err
    assert code == c.exit, out + err
    assert err == "", err  # problems and summary on stdout, as ruff and mypy do
    lines = out.splitlines()[:-1]  # the last line is the summary: "...: geldig, 1 waarschuwing"
    if c.exit:
        summary = out.splitlines()[-1].split(" (")[0]  # without "(N problemen niet getoond: ...)" of V011
        assert summary.endswith(f": {len(c.problems)} {'fout' if len(c.problems) == 1 else 'fouten'}"), out
        assert len(out.splitlines()) == len(c.problems) + 1, out  # one line per problem, one summary
    for expected in c.problems:
        where = shown(str(root) if expected.file == "." else f"{root}/{expected.file}")  # as the line shows it
        prefix = f"{where}:{expected.line}: {expected.code} " if expected.line else f"{where}: {expected.code} "
        matching = [line for line in lines if line.startswith(prefix)]
        assert len(matching) == 1, f"expected one line starting {prefix!r}, got:\n{out}{err}"
        lines.remove(matching[0])
    assert lines == [], f"unexpected problems:\n{out}{err}"


# the corpus as a whole ----------------------------------------------------------------------


def counts() -> Counter[str]:
    return Counter(problem.code for c in CASES for problem in c.problems)


def summary() -> str:
    """The text of tests/corpus/README.md."""
    by_code: dict[str, list[str]] = {}
    for c in CASES:
        for code in sorted({p.code for p in c.problems}):
            by_code.setdefault(code, []).append(c.name + ("" if c.build is None else " (generated)"))
    topics = Counter(c.topic for c in CASES)
    lines = [
        "# Corpus of broken packs",
        "",
        "Each folder here is a pack (or, with `a/` and `b/`, two packs) that `ondermijning validate`",
        "must reject with exactly the expected problems: code, file and line. The expectations are the",
        "table in `tests/test_corpus.py`; cases git cannot hold (a 50 MB file, links, a pipe, unreadable",
        "files, names with control characters) are generated there in a temporary folder.",
        "",
        "Generated from the table by `python -m tests.test_corpus > tests/corpus/README.md`; a test",
        "fails when this file is out of date.",
        "",
        f"{len(CASES)} cases ({len(STORED)} stored, {len(GENERATED)} generated), "
        f"{sum(c.exit == 1 for c in CASES)} of them with exit code 1; `threshold-unreachable` is a warning",
        "(exit 0). One folder is not broken on purpose: `extension-cycle-valid`, two packs that extend",
        "each other's lists, which load with each extension applied once.",
        "",
        "## Cases per code",
        "",
        "| code | cases | what | which |",
        "|---|---|---|---|",
    ]
    for code in sorted(by_code, key=lambda k: ("LCPVS".index(k[0]), k)):
        names = ", ".join(f"`{name}`" for name in by_code[code])
        lines.append(f"| `{code}` | {len(by_code[code])} | {BY_CODE[code].summary} | {names} |")
    lines += ["", "## Cases per topic of issue #7", "", "| topic | cases |", "|---|---|"]
    lines += [f"| {topic} | {n} |" for topic, n in sorted(topics.items())]
    return "\n".join(lines) + "\n"


def test_the_corpus_has_at_least_60_broken_cases_and_its_readme_is_current() -> None:
    per_code = counts()
    print("\ncorpus cases per code:", ", ".join(f"{code} {n}" for code, n in sorted(per_code.items())))
    assert sum(c.exit == 1 for c in CASES) >= 60
    assert set(per_code) <= set(BY_CODE)
    assert (CORPUS / "README.md").read_text(encoding="utf-8") == summary(), \
        "regenerate: python -m tests.test_corpus > tests/corpus/README.md"


def test_no_hostile_input_ends_in_an_internal_error_or_an_unlocated_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue #13's measure, over the whole corpus: every line is a located problem or the summary."""
    internal, unlocated, tried = [], [], 0
    for c in CASES:
        if sys.platform == "win32" and c.build is not None:
            continue
        with monkeypatch.context() as mp:
            root = tmp_path / c.name if c.build is not None else CORPUS / c.name
            try:
                if c.build is not None:
                    c.build(root, mp)
            except pytest.skip.Exception:
                continue
            if not c.installed:
                mp.setenv("ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD", "1")
            paths = [str(root) if folder == "." else str(root / folder) for folder in c.folders]
            try:
                main(["validate", *paths])
            finally:
                if c.build is deep_folders:
                    remove_deep(root)
        tried += 1
        out, err = capsys.readouterr()
        internal += [f"{c.name}: {line}" for line in (out + err).splitlines() if "internal error" in line
                     or "Traceback" in line]
        unlocated += [f"{c.name}: {line}" for line in out.splitlines()[:-1] if not line.startswith(shown(str(root)))]
    print(f"\n{tried} hostile inputs: {len(internal)} internal errors, {len(unlocated)} unlocated messages")
    assert tried >= len(CASES) - 5
    assert internal == [] and unlocated == [], internal + unlocated


def test_every_stored_folder_is_a_case() -> None:
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert folders == {c.name for c in STORED} | {"extension-cycle-valid"}
    assert len({c.name for c in CASES}) == len(CASES)


def test_every_new_loader_code_is_in_the_corpus() -> None:
    assert {"L003", "L006", "L007", "L008", "L009"} <= set(counts())


def test_packs_that_extend_each_other_load_once_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model's closest thing to cyclic extends: an extension adds to a *list*, never to an extension.

    Pack a extends b's list and b extends a's list. That is not a cycle the loader has to
    break: extensions are applied once each to the lists as loaded, so each list gets the
    other pack's signal exactly once, and nothing recurses. (An extension targeting an
    extension is refused: case ``extension-targets-an-extension``.)
    """
    root = CORPUS / "extension-cycle-valid"
    catalog = load_catalog([root / "a", root / "b"], autoload=False)
    assert [s.id for s in catalog.signal_lists["a/lijst"].signals] == ["a/spijbelt", "a/pakketjes", "b/scooter"]
    assert [s.id for s in catalog.signal_lists["b/lijst"].signals] == ["b/spijbelt", "b/pakketjes", "a/scooter"]
    monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert main(["validate", str(root / "a"), str(root / "b")]) == 0


MARKER_CODE = """
import pathlib
pathlib.Path({marker!r}).write_text("imported")
raise SystemExit("code in a folder pack must never run")
"""


def test_a_folder_pack_is_data_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python files in a pack folder (even conftest.py, setup.py, __init__.py) are never imported."""
    root = tmp_path / "gemeente"
    _pack(root, {"routes.toml": ROUTE})
    marker = tmp_path / "marker"
    for name in ("__init__.py", "setup.py", "conftest.py", "plugin.py", "pack.py"):
        (root / name).write_text(MARKER_CODE.format(marker=str(marker)), encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "__init__.py").write_text(MARKER_CODE.format(marker=str(marker)), encoding="utf-8")
    before = set(sys.modules)
    catalog = load_catalog([root], autoload=False)
    monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert main(["validate", str(root)]) == 0
    assert "corpus/wijkteam" in catalog.routes
    assert not marker.exists()
    assert not {m for m in set(sys.modules) - before if "gemeente" in m or m in ("plugin", "pack", "setup")}


if __name__ == "__main__":
    print(summary(), end="")
