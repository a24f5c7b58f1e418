"""Fuzzing the loader and the validator: whatever a pack folder holds, only documented errors come out.

Three sources of input, each through ``load_pack`` and, when a pack loads, through
``load_catalog`` + ``validate_catalog`` (and ``assess`` when the catalog is valid):

- documents in the shape of a pack file, built by hypothesis from the models (valid items
  that are then damaged: keys dropped or renamed, values of another type) and from any TOML
  value at all, written by the small TOML writer below;
- the bundled packs' real files, mutated as text: truncated, junk bytes inserted, lines
  deleted, doubled or swapped;
- the same files mutated as data: parsed, a key deleted or renamed, a value replaced;
- the other formats, mutated the same two ways: a findings file (``plan --from``) and the JSON
  of an information picture and of a plan proposal (``from_json``);
- whatever a person types in the terminal walks (``assess``, ``dilemma``, ``plan`` without files).

The only exception allowed out of the loader is :class:`PackError`; every problem it or the
validator reports has a registered code, prints as one line, and names a line inside the file.

The writer is our own (forty lines) rather than ``tomli_w``: it must also write what
``tomli_w`` refuses or normalises (``nan``, dates where text belongs, odd keys, multi-line
strings in any place), and it checks itself: every document is read back with ``tomllib``.

Profiles: the normal run tries a few dozen examples per test (a few seconds in all);
``pytest tests/test_fuzz.py --fuzz-long -s`` tries 135,000 in all (see ``LONG_EXAMPLES``: more
where an example is cheap), and prints how many examples each test ran and how long it took.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import os
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ondermijning import _toml, assess, load_catalog, validate_catalog
from ondermijning.codes import BY_CODE
from ondermijning.converter import converter
from ondermijning.errors import PackError, Problem
from ondermijning.loader import load_pack
from ondermijning.locate import LineIndex
from ondermijning.models import FAMILIES, Pack
from ondermijning.shown import has_odd
from ondermijning.testing import strategies as ost

from .helpers import outcome

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
FAST_EXAMPLES = 25
#: examples per test with --fuzz-long, 135,000 in all; FUZZ_LONG_EXAMPLES=N gives every test N instead
LONG_EXAMPLES = {
    "test_the_writer_writes_what_tomllib_reads": 10_000,
    "test_generated_pack_documents": 15_000,
    "test_any_toml_document": 20_000,
    "test_mutated_bundled_files_as_text": 25_000,
    "test_mutated_bundled_files_read_alike_by_both_parsers": 10_000,
    "test_mutated_bundled_files_as_data": 20_000,
    "test_headers_are_located_in_any_document": 5_000,
    "test_a_valid_model_written_as_toml_loads_back_equal": 5_000,
    "test_mutated_findings_files": 10_000,
    "test_mutated_json_documents": 10_000,
    "test_typed_answers_in_the_terminal_walks": 5_000,
}
PACK_TOML = '[pack]\nid = "fuzz"\nname = "Fuzz"\nversion = "1.0.0"\n'


# a tiny TOML writer -----------------------------------------------------------------------

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _string(text: str, *, multiline: bool = False) -> str:
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif c == "\n" and multiline:
            out.append("\n")
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    body = "".join(out)
    # a multi-line string starts with a newline that TOML drops, so the first line is never off
    return f'"""\n{body}"""' if multiline else f'"{body}"'


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _string(key)


def _value(value: Any, style: dict[str, bool]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value, multiline=style["multiline"] and "\n" in value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v, style) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v, style)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(lines: list[str], path: tuple[str, ...], table: dict[str, Any], style: dict[str, bool]) -> None:
    nested = []
    for key, value in table.items():
        if not style["inline"] and (isinstance(value, dict) or _is_table_array(value)):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value, style)}")
    for key, value in nested:
        header = ".".join(_key(k) for k in (*path, key))
        for element in value if isinstance(value, list) else [value]:
            lines.append("")
            lines.append(f"[[{header}]]" if isinstance(value, list) else f"[{header}]")
            _table(lines, (*path, key), element, style)


def toml_text(doc: dict[str, Any], *, inline: bool = False, multiline: bool = False) -> str:
    lines: list[str] = []
    _table(lines, (), doc, {"inline": inline, "multiline": multiline})
    return "\n".join(lines) + "\n"


def _comparable(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return "<nan>"
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    return value


# what may come out --------------------------------------------------------------------------


def check_problem(problem: Problem, root: Path) -> None:
    assert problem.code in BY_CODE, f"unregistered code: {problem.format()}"
    assert "\n" not in problem.format() and "\r" not in problem.format(), problem.format()
    assert not has_odd(problem.format()), problem.format()  # nothing in a problem line can steer a terminal
    if problem.line is not None:
        assert problem.line >= 1, problem.format()
        file = Path(problem.file)
        if file.is_file() and file.stat().st_size < 10_000_000:
            lines = file.read_bytes().count(b"\n") + 1
            assert problem.line <= lines, f"line beyond the end of the file: {problem.format()}"


def run_pack(root: Path) -> list[Problem]:
    """Load, and when that works validate and assess; every problem seen, all checked."""
    try:
        load_pack(root)
    except PackError as exc:
        assert exc.problems, "a PackError without problems"
        for problem in exc.problems:
            check_problem(problem, root)
        return list(exc.problems)
    catalog = load_catalog([root], autoload=False)
    problems = validate_catalog(catalog)
    for problem in problems:
        check_problem(problem, root)
    if not any(p.severity.value == "error" for p in problems):
        for signal_list in catalog.signal_lists.values():
            picture = assess(signal_list, [s.id for s in signal_list.signals], catalog=catalog)
            assert not math.isnan(picture.score)
    return problems


def write_pack(root: Path, files: dict[str, bytes]) -> Path:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name, data in files.items():
        (root / name).write_bytes(data)
    return root


# strategies -------------------------------------------------------------------------------

_keys = st.one_of(st.sampled_from(["id", "name", "source", "levels", "weight", "signals", "text", "themes",
                                   "pack", "routes", "scoring", "thresholds", "", "a.b", "é", "k y"]),
                  st.text(st.characters(codec="utf-8"), max_size=8))
_scalars = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.integers(),  # TOML asks for 64 bits; tomllib reads any size
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
any_value = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(_keys, inner, max_size=4), max_leaves=12)


def _damage(draw: st.DrawFn, value: Any, depth: int = 0) -> Any:
    """Drop or rename keys and replace values, each with a small chance, anywhere in a document."""
    if isinstance(value, dict):
        out = {}
        for key, inner in value.items():
            roll = draw(st.integers(0, 19))
            if roll == 0:
                continue  # a missing key
            if roll == 1:
                key += draw(st.sampled_from(["x", "_", "s", "E"]))  # a typo
            out[key] = draw(any_value) if roll == 2 else _damage(draw, inner, depth + 1)
        if draw(st.integers(0, 9)) == 0:
            out[draw(_keys)] = draw(any_value)
        return out
    if isinstance(value, list):
        return [_damage(draw, v, depth + 1) for v in value]
    return value


@st.composite
def pack_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A document in the shape of a pack file: items of any family, mostly valid, sometimes damaged."""
    doc: dict[str, Any] = {}
    for family in draw(st.lists(st.sampled_from(sorted(FAMILIES)), max_size=3, unique=True)):
        items = draw(st.lists(ost.models(FAMILIES[family]), min_size=1, max_size=2))
        doc[family] = [converter.unstructure(item) for item in items]
    if draw(st.booleans()):
        doc = _damage(draw, doc)
    if draw(st.integers(0, 4)) == 0:
        doc.update(draw(st.dictionaries(_keys, any_value, max_size=3)))
    return doc


def _bundled_files() -> list[tuple[str, bytes]]:
    """Every content file of the bundled packs and the core pack, and the pack format's example."""
    folders = [*sorted((ROOT / "packs").glob("*/src/*/pack")), ROOT / "src" / "ondermijning" / "data" / "core"]
    files = [(str(path.relative_to(ROOT)), path.read_bytes())
             for folder in folders for path in sorted(folder.glob("*.toml")) if path.name != "pack.toml"]
    text = (ROOT / "docs" / "pack-format.md").read_text(encoding="utf-8")
    example = re.search(r"`gemeente/content\.toml`:\n\n```toml\n(.*?)```", text, re.DOTALL)
    assert example is not None
    files.append(("docs/content.toml", example.group(1).encode()))
    return files


BUNDLED = _bundled_files()


#: bytes that mean something to TOML, UTF-8 or the line index: brackets, quotes, BOM, NUL, CR, U+2028
JUNK = [b"[", b"]]", b"{", b'"', b"'''", b'"""', b"=", b"\n[[routes]]\n", b"\xef\xbb\xbf", b"\x00", b"nan",
        b"\r", b"\xe2\x80\xa8", b"#"]


def _mutate_bytes(draw: st.DrawFn, raw: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["truncate", "insert", "delete", "flip", "line-delete", "line-double",
                                     "line-swap"]))
        at = draw(st.integers(0, len(raw)))
        if kind == "truncate":
            raw = raw[:at]
        elif kind == "insert":
            junk = draw(st.one_of(st.binary(min_size=1, max_size=8), st.sampled_from(JUNK)))
            raw = raw[:at] + junk + raw[at:]
        elif kind == "delete":
            raw = raw[:at] + raw[at + draw(st.integers(1, 40)):]
        elif kind == "flip" and raw:
            at = min(at, len(raw) - 1)
            raw = raw[:at] + bytes([raw[at] ^ (1 << draw(st.integers(0, 7)))]) + raw[at + 1:]
        else:
            lines = raw.split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == "line-delete":
                del lines[i]
            elif kind == "line-double":
                lines.insert(i, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            raw = b"\n".join(lines)
    return raw


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield (*path, key)
            yield from _paths(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield (*path, i)
            yield from _paths(inner, (*path, i))


def _mutate_data(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    paths = list(_paths(doc))
    for _ in range(draw(st.integers(1, 3))):
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = doc
        try:
            for part in path[:-1]:
                parent = parent[part]
            last = path[-1]
            old = parent[last]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation changed this part
        if not isinstance(parent, (dict, list)):
            continue  # an earlier mutation turned a table or list into text
        kind = draw(st.sampled_from(["delete", "rename", "replace", "wrap", "stringify"]))
        if kind == "delete":
            del parent[last]
        elif kind == "rename" and isinstance(last, str):
            parent[last + draw(st.sampled_from(["s", "_", "x"]))] = parent.pop(last)
        elif kind == "replace":
            parent[last] = draw(any_value)
        elif kind == "wrap":
            parent[last] = [old]
        else:
            parent[last] = str(old)
    return doc


# the tests --------------------------------------------------------------------------------


#: examples each fuzz test ran (hypothesis' own statistics do not see a @given inside a test)
TRIED: Counter[str] = Counter()


def counted(test: Callable[..., None]) -> Callable[..., None]:
    """Count the examples of an inner hypothesis test (put it below ``@given``)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        TRIED[test.__qualname__.split(".")[0]] += 1
        test(*args, **kwargs)

    return run


@pytest.fixture
def fuzz(request: pytest.FixtureRequest) -> Iterator[Callable[[Any], Any]]:
    """Apply the fast or the long profile (``--fuzz-long``) to an inner hypothesis test.

    Prints how many examples the test ran and how long it took (shown with ``pytest -s``).
    """
    examples = FAST_EXAMPLES
    if request.config.getoption("--fuzz-long"):
        examples = int(os.environ.get("FUZZ_LONG_EXAMPLES", 0)) or LONG_EXAMPLES[request.node.name]
    profile = settings(max_examples=examples, deadline=None, database=None,
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                              HealthCheck.filter_too_much])

    def apply(test: Any) -> Any:
        return profile(test)

    start = time.perf_counter()
    yield apply
    print(f"\n{request.node.name}: {TRIED[request.node.name]:,} examples in {time.perf_counter() - start:.0f} s")


@pytest.fixture
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "pack"


def test_the_writer_writes_what_tomllib_reads(fuzz: Callable[[Any], Any]) -> None:
    """The fuzzers below rely on the writer: it must round-trip any document it is given."""

    @fuzz
    @given(st.dictionaries(_keys, any_value, max_size=5) | pack_documents(), st.booleans(), st.booleans())
    @counted
    def check(doc: dict[str, Any], inline: bool, multiline: bool) -> None:
        text = toml_text(doc, inline=inline, multiline=multiline)
        assert _comparable(tomllib.loads(text)) == _comparable(doc)

    check()


def test_generated_pack_documents(fuzz: Callable[[Any], Any], folder: Path) -> None:
    @fuzz
    @given(pack_documents(), st.booleans(), st.booleans(), st.booleans())
    @counted
    def check(doc: dict[str, Any], inline: bool, multiline: bool, as_pack_toml: bool) -> None:
        text = toml_text(doc, inline=inline, multiline=multiline).encode()
        if as_pack_toml:  # the pack table and content in one file
            files = {"pack.toml": PACK_TOML.encode() + b"\n" + text}
        else:
            files = {"pack.toml": PACK_TOML.encode(), "content.toml": text}
        run_pack(write_pack(folder, files))

    check()


def test_any_toml_document(fuzz: Callable[[Any], Any], folder: Path) -> None:
    @fuzz
    @given(st.dictionaries(_keys, any_value, max_size=6), st.booleans())
    @counted
    def check(doc: dict[str, Any], with_pack: bool) -> None:
        if with_pack:
            doc = {**doc, "pack": {"id": "fuzz", "name": "Fuzz", "version": "1.0.0"}}
        problems = run_pack(write_pack(folder, {"pack.toml": toml_text(doc).encode()}))
        assert problems or set(doc) <= {"pack", *FAMILIES}

    check()


def test_mutated_bundled_files_as_text(fuzz: Callable[[Any], Any], folder: Path) -> None:
    @fuzz
    @given(st.sampled_from(BUNDLED), st.data())
    @counted
    def check(source: tuple[str, bytes], data: st.DataObject) -> None:
        mutated = _mutate_bytes(data.draw, source[1])
        run_pack(write_pack(folder, {"pack.toml": PACK_TOML.encode(), "content.toml": mutated}))

    check()


def test_mutated_bundled_files_read_alike_by_both_parsers(fuzz: Callable[[Any], Any]) -> None:
    """What _toml reads with (the compiled tomli where installed) and tomllib: the same value or error."""

    @fuzz
    @given(st.sampled_from(BUNDLED), st.data())
    @counted
    def check(source: tuple[str, bytes], data: st.DataObject) -> None:
        text = _mutate_bytes(data.draw, source[1]).decode("utf-8", "replace")
        assert outcome(_toml.loads, text) == outcome(tomllib.loads, text)

    check()


def test_mutated_bundled_files_as_data(fuzz: Callable[[Any], Any], folder: Path) -> None:
    parsed = [(name, tomllib.loads(raw.decode())) for name, raw in BUNDLED]

    @fuzz
    @given(st.sampled_from(range(len(parsed))), st.data(), st.booleans())
    @counted
    def check(which: int, data: st.DataObject, inline: bool) -> None:
        doc = _mutate_data(data.draw, _copy(parsed[which][1]))
        run_pack(write_pack(folder, {"pack.toml": PACK_TOML.encode(),
                                     "content.toml": toml_text(doc, inline=inline).encode()}))

    check()


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def test_headers_are_located_in_any_document(fuzz: Callable[[Any], Any]) -> None:
    """The line index finds every [[family]] header, whatever strings (multi-line, brackets, U+2028) hold."""

    @fuzz
    @given(pack_documents(), st.booleans())
    @counted
    def check(doc: dict[str, Any], multiline: bool) -> None:
        text = toml_text(doc, multiline=multiline)
        index = LineIndex(text)
        lines = text.split("\n")
        for family, items in doc.items():
            if not _is_table_array(items):
                continue
            headers = [n for n, line in enumerate(lines, start=1) if line == f"[[{_key(family)}]]"]
            assert [index.line_of((family, i)) for i in range(len(items))] == headers

    check()


def test_a_valid_model_written_as_toml_loads_back_equal(fuzz: Callable[[Any], Any], folder: Path) -> None:
    """Not only no crash: what the models allow, the loader reads (the converter and loader agree)."""

    @fuzz
    @given(ost.models(Pack), st.booleans())
    @counted
    def check(pack: Pack, multiline: bool) -> None:
        doc = {"pack": converter.unstructure(pack)}
        write_pack(folder, {"pack.toml": toml_text(doc, multiline=multiline).encode()})
        assert attrs.evolve(load_pack(folder).pack) == pack

    check()


# the other formats: a findings file (plan --from) and the JSON of pictures and proposals ----------


def test_mutated_findings_files(fuzz: Callable[[Any], Any], folder: Path) -> None:
    """A findings file gives Findings or a FindingsError of located one-line problems; Findings plan."""
    from ondermijning.commands.plan import FINDINGS_EXAMPLE
    from ondermijning.planner import FindingsError, load_findings, propose

    catalog = load_catalog(autoload=False)
    parsed = tomllib.loads(FINDINGS_EXAMPLE)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "findings.toml"

    @fuzz
    @given(st.data(), st.booleans())
    @counted
    def check(data: st.DataObject, as_text: bool) -> None:
        if as_text:
            raw = _mutate_bytes(data.draw, FINDINGS_EXAMPLE.encode())
        else:
            raw = toml_text(_mutate_data(data.draw, _copy(parsed))).encode()
        path.write_bytes(raw)
        try:
            findings = load_findings(path, catalog)
        except FindingsError as exc:
            assert exc.problems
            for problem in exc.problems:
                check_problem(problem, folder)
            return
        propose(findings, catalog)

    check()


def _json_documents() -> list[tuple[type, str]]:
    from ondermijning import ConcernLevel, InformationPicture, Judgement, Observation
    from ondermijning.commands.plan import FINDINGS_EXAMPLE
    from ondermijning.planner import Findings, Proposal, propose
    from ondermijning.serialize import to_json

    catalog = load_catalog()
    jongeren = catalog.signal_lists["deurne/jongeren"]
    observations = [Observation(signal=s.id, note="gezien bij de sportclub", date=datetime.date(2026, 3, 1))
                    for s in jongeren.signals[::9]]
    picture = assess(jongeren, observations, catalog=catalog, subject="J-17").with_judgement(
        Judgement(level=ConcernLevel.HIGH, reason="samen besproken", consulted=("wijkagent",)))
    findings = converter.structure(json.loads(json.dumps(tomllib.loads(FINDINGS_EXAMPLE), default=str)), Findings)
    return [(InformationPicture, to_json(picture)), (Proposal, to_json(propose(findings, catalog)))]


def test_mutated_json_documents(fuzz: Callable[[Any], Any]) -> None:
    """from_json gives the model or a JSONFormatError with one line; nothing else, whatever the bytes."""
    from ondermijning.serialize import JSONFormatError, from_json

    documents = [(cls, text, json.loads(text)) for cls, text in _json_documents()]

    @fuzz
    @given(st.sampled_from(range(len(documents))), st.data(), st.booleans())
    @counted
    def check(which: int, data: st.DataObject, as_text: bool) -> None:
        cls, text, parsed = documents[which]
        if as_text:
            raw = _mutate_bytes(data.draw, text.encode())
        else:
            raw = json.dumps(_mutate_data(data.draw, _copy(parsed)), default=str).encode()
        try:
            model = from_json(raw, cls)
        except JSONFormatError as exc:
            assert str(exc) and "\n" not in str(exc), str(exc)
            return
        assert isinstance(model, cls)

    check()


_TYPICAL_ANSWERS = st.sampled_from(["", "1", "2", "2 3", "1,2", "99", "0", "-1", "q", " Stop ", "²", "١",
                                    "9" * 5000, "2026-09-07", "2026-02-30", "1e3", "\x00"])
_ANSWERS = st.one_of(_TYPICAL_ANSWERS, _TYPICAL_ANSWERS, st.text(max_size=12), st.integers(-5, 3000).map(str))


def test_typed_answers_in_the_terminal_walks(fuzz: Callable[[Any], Any]) -> None:
    """Any answers, then Ctrl-D: a walk finishes with a valid result or stops with Aborted, nothing else."""
    from ondermijning.commands.plan import ask_findings
    from ondermijning.interactive import Aborted, walk_dilemma, walk_signal_list
    from ondermijning.planner import Findings

    catalog = load_catalog()
    jongeren = catalog.signal_lists["deurne/jongeren"]
    card = next(iter(catalog.dilemma_cards.values()))

    @fuzz
    @given(st.lists(_ANSWERS, max_size=40), st.sampled_from(["signals", "dilemma", "findings"]))
    @counted
    def check(answers: list[str], walk: str) -> None:
        queue = iter(answers)

        def ask(_prompt: str) -> str:
            try:
                return next(queue)
            except StopIteration:
                raise EOFError from None

        try:
            if walk == "signals":
                observed, protective = walk_signal_list(jongeren, ask, lambda _text: None)
                assert set(observed) <= {s.id for s in jongeren.signals}
                assert set(protective) <= {f.id for f in jongeren.protective_factors}
            elif walk == "dilemma":
                chosen = walk_dilemma(card, ask, lambda _text: None, frameworks={})
                assert chosen is None or 1 <= chosen <= len(card.options)  # the number the person typed
            else:
                assert isinstance(ask_findings(catalog, ask, lambda _text: None), Findings)
        except Aborted:
            pass

    check()


def test_the_long_profile_tries_100000_examples() -> None:
    this = "test_the_long_profile_tries_100000_examples"
    assert set(LONG_EXAMPLES) == {name for name in globals() if name.startswith("test_") and name != this}
    assert sum(LONG_EXAMPLES.values()) >= 100_000
