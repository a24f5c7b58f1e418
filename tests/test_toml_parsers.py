"""The compiled tomli and tomllib read the same, and no nesting crashes the process.

``ondermijning._toml`` reads with tomli's mypyc-compiled wheel where it is installed (a dependency
on CPython) and gives it only documents nested at most ``COMPILED_MAX_NESTING`` levels; tomllib
reads the rest. These tests hold the compiled parser to tomllib's answers on every TOML file of
the repository, on TOML 1.1 documents and on odd values, and run deep documents in child
processes (a raised recursion limit, threads with small stacks), where a crash is a return code
and not the end of the test run. The error messages of both are compared in test_toml_reasons.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ondermijning import _toml

from .helpers import outcome

tomllib = pytest.importorskip("tomllib", reason="before Python 3.11 tomli is the only reader: nothing to compare")
if sys.implementation.name != "cpython":  # pragma: no cover - CI runs CPython
    pytest.skip("tomli's compiled wheel is a dependency on CPython only; elsewhere tomllib reads",
                allow_module_level=True)
import tomli  # noqa: E402 - a dependency wherever this module runs

ROOT = Path(__file__).resolve().parent.parent
Loads = Callable[[str], dict[str, Any]]
PARSERS: dict[str, Loads] = {"tomllib": tomllib.loads, "tomli": tomli.loads, "_toml": _toml.loads}


def test_the_compiled_tomli_reads_here() -> None:
    """CI installs the dependency: the fast parser is the one in use, compiled, of a TOML 1.0 series."""
    assert not hasattr(tomli.loads, "__code__"), "tomli is installed as pure Python, not as its compiled wheel"
    assert (2, 2) <= tuple(int(part) for part in tomli.__version__.split(".")[:2]) < (2, 4)
    assert f"tomli {tomli.__version__} (compiled)" == _toml.PARSER
    assert _toml.TOMLDecodeError is tomli.TOMLDecodeError


def _repository_toml() -> list[Path]:
    skip = {".venv", ".git", "node_modules", "build", "dist"}
    return sorted(path for path in ROOT.rglob("*.toml") if not skip & set(path.relative_to(ROOT).parts))


REPOSITORY_TOML = _repository_toml()
#: corpus cases with a key of 1,001 parts, which tomli refuses from 2.3.1 on (tomllib reads them): compared apart
LONG_KEYS = ("nesting-key-of-1001-parts", "nesting-header-of-1001-parts")


def test_the_repository_holds_the_files_compared_below() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in REPOSITORY_TOML}
    assert {"src/ondermijning/data/core/signals-volwassenen.toml", "pyproject.toml",
            "packs/deurne/src/ondermijning_deurne/pack/signals.toml",
            "tests/corpus/nesting-too-deep-to-parse/diep.toml"} <= names
    assert len(names) > 200


@pytest.mark.parametrize("path", [path for path in REPOSITORY_TOML if path.parent.name not in LONG_KEYS],
                         ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_toml_file_of_the_repository_reads_alike(path: Path) -> None:
    """The bundled packs, the corpus of broken packs, the project files: the same values, or the same error.

    The compiled parser itself only for what _toml gives it: deeper, it has a limit of its own
    (and, in a small stack, crashes: see below).
    """
    text = path.read_bytes().decode("utf-8", "replace")
    expected = outcome(tomllib.loads, text)
    if _toml.nesting(text) <= _toml.COMPILED_MAX_NESTING:
        assert outcome(tomli.loads, text) == expected
    assert outcome(_toml.loads, text) == expected


_KEY_LIMIT = tuple(int(part) for part in tomli.__version__.split(".")[:3]) >= (2, 3, 1)


@pytest.mark.parametrize("case", LONG_KEYS)
def test_a_key_of_more_than_1000_parts_is_the_one_difference(case: str) -> None:
    """tomli 2.3.1 stops at such a key with a RecursionError (tomllib's time grows with the square of its
    parts: 100,000 of them exhaust memory); the loader reports both alike (L006 on the key's line,
    tests/test_corpus.py)."""
    text = (ROOT / "tests" / "corpus" / case / "lang.toml").read_text(encoding="utf-8")
    expected = tomllib.loads(text)  # 1,001 tables deep (too deep to compare with typed())
    if _KEY_LIMIT:
        with pytest.raises(RecursionError, match="TOML key has more than the allowed 1000 parts"):
            _toml.loads(text)
    else:  # tomli 2.2 reads it as tomllib does (too deep to compare whole)
        assert _toml.loads(text).keys() == expected.keys()


def test_the_bundled_packs_are_read_by_the_compiled_parser() -> None:
    """No bundled file is deep enough to be handed to tomllib: the speed-up applies to all of them."""
    bundled = [path for path in REPOSITORY_TOML if "/pack/" in path.as_posix() or "/data/" in path.as_posix()]
    assert len(bundled) > 15
    assert max(_toml.nesting(path.read_text(encoding="utf-8")) for path in bundled) <= 3


#: what TOML 1.1 adds and TOML 1.0 (tomllib) refuses; tomli 2.4 and later read these
TOML_1_1 = [
    "a = {x = 1,}",
    "a = {x = 1,\ny = 2}",
    "a = {\n  x = 1\n}",
    'a = "\\e"',
    'a = "\\x41"',
    "t = 07:32",
    "t = 1979-05-27T07:32Z",
    "t = 1979-05-27 07:32",
]


@pytest.mark.parametrize("document", TOML_1_1)
def test_what_only_toml_1_1_allows_is_refused_alike(document: str) -> None:
    import tomlkit  # a TOML 1.1 reader: what it accepts here is valid TOML 1.1

    tomlkit.parse(document)
    refused = outcome(tomllib.loads, document)
    assert refused[0] == "TOMLDecodeError"
    assert outcome(tomli.loads, document) == refused
    assert outcome(_toml.loads, document) == refused


def test_a_parser_that_reads_toml_1_1_is_not_taken_for_tomllib() -> None:
    import tomlkit
    from tomlkit.exceptions import ParseError

    assert _toml.reads_toml_1_0(tomllib.loads, tomllib.TOMLDecodeError)
    assert _toml.reads_toml_1_0(tomli.loads, tomli.TOMLDecodeError)
    assert not _toml.reads_toml_1_0(tomlkit.parse, ParseError)


#: values whose type or precision the loader relies on
VALUES = [
    "a = 9223372036854775807", "a = 9223372036854775808", "a = -9223372036854775809",
    "a = 1" + "0" * 4299, "a = 1" + "0" * 4300,  # int()'s digit limit: a ValueError from both
    "a = 0xDEAD_BEEF", "a = 0o755", "a = 0b1101", "a = +17", "a = -0", "a = 1_000",
    "a = -0.0", "a = +0.0", "a = nan", "a = -nan", "a = +nan", "a = inf", "a = -inf", "a = 1e400", "a = 5e-324",
    "a = 2e-400", "a = 0.1", "a = 3.14_15", "a = 6.626e-34", "a = 1E+2",
    "a = 1979-05-27", "a = 1979-05-27T07:32:00", "a = 1979-05-27 07:32:00Z", "a = 1979-05-27t07:32:00z",
    "a = 1979-05-27T07:32:00.999999999-07:00", "a = 1979-05-27T00:32:00.5+14:00", "a = 07:32:00.123",
    "a = 2024-02-29", "a = 2023-02-29", "a = 1979-05-27T24:00:00", "a = 00:00:60",
    'a = "\\U0010FFFF"', 'a = "\\uD800"', "a = '''\n\\n'''", 'a = """\\\n   x"""', "a = true", "a = [1, 'a', 1.0]",
    "a = 01", "a = 1__0", "a = 0x_1", "a = .5", "a = 5.",
]


@pytest.mark.parametrize("document", VALUES)
def test_numbers_dates_and_strings_have_the_same_type_and_value(document: str) -> None:
    expected = outcome(tomllib.loads, document)
    assert outcome(tomli.loads, document) == expected
    assert outcome(_toml.loads, document) == expected


def test_the_dates_come_back_as_the_types_the_loader_checks() -> None:
    data = _toml.loads("d = 1979-05-27\nt = 07:32:00\nz = 1979-05-27T07:32:00Z\nl = 1979-05-27T07:32:00")
    assert [type(data[key]) for key in "dtzl"] == [date, time, datetime, datetime]
    assert data["z"].utcoffset() is not None and data["l"].tzinfo is None


# --- nesting: the scan that keeps deep documents from the compiled parser ------------------------

@contextlib.contextmanager
def parser_depth() -> Iterator[dict[str, int]]:
    """tomllib (pure Python) counting how deep its arrays and inline tables nest while it reads."""
    parser = tomllib._parser
    originals = parser.parse_array, parser.parse_inline_table
    depth = {"now": 0, "deepest": 0}

    def counted(parse: Callable[..., Any]) -> Callable[..., Any]:
        def parse_counted(*args: Any) -> Any:
            depth["now"] += 1
            depth["deepest"] = max(depth["deepest"], depth["now"])
            try:
                return parse(*args)
            finally:
                depth["now"] -= 1
        return parse_counted

    parser.parse_array, parser.parse_inline_table = counted(originals[0]), counted(originals[1])
    try:
        yield depth
    finally:
        parser.parse_array, parser.parse_inline_table = originals


def parsed_depth(text: str) -> int:
    with parser_depth() as depth, contextlib.suppress(ValueError, RecursionError):
        tomllib.loads(text)
    return depth["deepest"]


#: pieces that mean something to TOML's brackets, strings and comments, so a soup of them nests
#: in strings, escapes, comments and multi-line strings with quotes inside
_PIECES = ["[", "]", "{", "}", "[", "{", '"', "'", '"""', "'''", "#", "\\", '\\"', "\\\\", "\n", "\r\n", ",", " ",
           "a = ", "x = ", "1", "'s", '"]"', "'}'", '"""]"""', "''']'''", "# ]\n", '""""', "''''", '"""""', "x.y = "]


@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join), st.integers(0, 8))
@example('a = ["]", ["]", ["]", [1]]]]', 0)
@example('a = [[[ """\n]]]]]]\n""", [[[ 1 ]]] ]]]', 0)
@example("a = ['''x'''', [[[['y']]]] ]", 0)
@example('a = ["""a"b"c"d""", [[[[1]]]] ]', 0)
@example('a = ["\\\\", ["\\"]", [[[1]]]]]', 0)
@example('a = [ # ]]]\n [[[1]]] ]', 0)
@example("a = [\r\n[\r\n[1]]]", 0)
def test_the_scan_never_counts_less_nesting_than_the_parser_reaches(soup: str, depth: int) -> None:
    """Valid or not, whatever the strings and comments hold: the scan is at least the parser's own count."""
    text = "a = " + "[" * depth + soup
    assert _toml.nesting(text) >= parsed_depth(text)


def test_the_scan_counts_what_the_bundled_files_nest() -> None:
    for path in REPOSITORY_TOML:
        if "/pack/" in path.as_posix():
            text = path.read_text(encoding="utf-8")
            assert parsed_depth(text) <= _toml.nesting(text) <= parsed_depth(text) + 2  # a header adds up to two


@pytest.mark.parametrize("text", [
    '"\\' * 300_000,  # basic strings that never close, each begun after the last one's escape
    '"""' + '\\"""' * 300_000,  # the same for multi-line strings
    "'''" * 400_000, '"' * 1_000_000, "#" * 1_000_000, "[" * 1_000_000, "a = [" + '"],' * 300_000,
], ids=["basic", "multi-line", "literal", "quotes", "hashes", "brackets", "closers-in-strings"])
def test_the_scan_of_a_megabyte_of_unclosed_strings_ends(text: str) -> None:
    """Every alternative of the scan matches once begun, so no text makes it backtrack (one pass each)."""
    assert _toml.nesting(text) == (1_000_000 if text.startswith("[[") else 1 if text.startswith("a") else 0)


def test_a_deep_document_is_read_by_tomllib_and_its_syntax_error_keeps_its_position() -> None:
    """Deeper than the compiled parser is given: tomllib's error, raised as _toml.TOMLDecodeError, same words."""
    deep = _toml.COMPILED_MAX_NESTING + 4
    broken = ["a = " + "[" * deep + "]" * (deep - 1),  # at the end of the document
              "a = " + "[" * deep + "1 2" + "]" * deep,  # on the first line
              "x = 1\r\ny = 2\r\na = " + "[" * deep + "1,,]" + "]" * (deep - 1),  # CRLF: lines counted after it
              "x = 1\ny = " + "{ b = " * deep + "1" + " }" * deep + " z"]
    for text in broken:
        with pytest.raises(_toml.TOMLDecodeError) as caught:
            _toml.loads(text)
        assert outcome(_toml.loads, text) == outcome(tomllib.loads, text)
        with pytest.raises(tomli.TOMLDecodeError) as compiled:
            tomli.loads(text)  # the compiled parser's own error for the same text, position included
        assert (caught.value.lineno, caught.value.colno) == (compiled.value.lineno, compiled.value.colno)


# --- hostile nesting, in child processes -----------------------------------------------------------

_CHILD = """
import sys, threading
limit, stack = {limit}, {stack}
if limit:
    sys.setrecursionlimit(limit)  # before tomli is imported: its own nesting limit follows (2.2, 2.3.1)
from ondermijning import _toml
assert _toml.PARSER.startswith("tomli "), _toml.PARSER
n = 100_000
documents = {{
    "arrays": "a = " + "[" * n, "arrays-closed": "a = " + "[" * n + "]" * n,
    "inline-tables": "a = " + "{{ b = " * n, "inline-tables-closed": "a = " + "{{b=" * n + "1" + "}}" * n,
    "mixed": "a = " + "[{{b=" * n, "between-the-limits": "a = " + "[" * 300 + "]" * 300,
    "at-the-limit": "a = " + "[" * _toml.COMPILED_MAX_NESTING + "]" * _toml.COMPILED_MAX_NESTING,
}}
def read():
    for name, text in documents.items():
        try:
            data = _toml.loads(text)
            print(name, "value", type(data["a"]).__name__)
        except RecursionError:
            print(name, "RecursionError")
        except _toml.TOMLDecodeError as exc:
            print(name, "TOMLDecodeError", str(exc))
if stack:
    threading.stack_size(stack)
    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
else:
    read()
"""


@pytest.mark.parametrize(("limit", "stack"), [(0, 0), (1_000_000, 0), (0, 128 * 1024), (0, 32 * 1024)],
                         ids=["default", "recursion-limit-raised", "thread-128KiB", "thread-32KiB"])
def test_deep_nesting_never_crashes_the_process(limit: int, stack: int) -> None:
    """100,000 levels of arrays and inline tables: an error or a value, never a crash.

    Each setting crashed the compiled tomli itself (measured): a raised recursion limit raises its
    own nesting limit with it (before 2.3.2), and 300 levels (below its limit of 400 or 1,000)
    overflow a 128 KiB stack, as musl gives a thread. A 32 KiB stack, the least a thread can
    have, holds the compiled parser at COMPILED_MAX_NESTING levels.
    """
    code = textwrap.dedent(_CHILD.format(limit=limit, stack=stack))
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert child.returncode == 0, (child.returncode, child.stderr[-2000:])
    seen = dict(line.split(" ", 1) for line in child.stdout.splitlines())
    assert seen["at-the-limit"] == "value list" and seen["between-the-limits"] == "value list"
    for name in ("arrays", "inline-tables", "mixed"):
        assert seen[name] == "RecursionError" or seen[name].startswith("TOMLDecodeError")
    for name in ("arrays-closed", "inline-tables-closed"):
        assert seen[name] in ("RecursionError", "value list" if "arrays" in name else "value dict")
    if not limit:  # tomllib recurses about 500 levels deep at the default limit
        assert {seen[name] for name in ("arrays", "inline-tables", "arrays-closed", "mixed")} == {"RecursionError"}


# --- which parser a process takes --------------------------------------------------------------------

def _parser_of_child(env: dict[str, str], path: Path | None = None) -> list[str]:
    prefix = f"import sys; sys.path.insert(0, {str(path)!r}); " if path else ""
    code = prefix + "import tomli; from ondermijning import _toml; print(_toml.PARSER); print(tomli.__file__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return out.stdout.splitlines()


def test_the_setting_asks_for_tomllib() -> None:
    env = {**os.environ, _toml.PARSER_ENV: "tomllib"}
    assert _parser_of_child(env)[0] == "tomllib"
    assert _parser_of_child({**env, _toml.PARSER_ENV: "anything else"})[0].startswith("tomli ")


def test_tomli_as_pure_python_is_not_used(tmp_path: Path) -> None:
    """The same release's Python sources (its wheel ships them beside the compiled modules): no faster than
    tomllib, so tomllib reads."""
    installed = Path(tomli.__file__).parent
    copy = tmp_path / "tomli"
    copy.mkdir()
    for source in installed.glob("*.py"):
        shutil.copy(source, copy / source.name)
    parser, module = _parser_of_child(dict(os.environ), tmp_path)
    assert module == str(copy / "__init__.py")
    assert parser == "tomllib"
