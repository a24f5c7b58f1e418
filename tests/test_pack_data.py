"""The loader's plain structuring (ondermijning.pack_data) gives what the converter gives, for any data.

Its quick path may refuse more than the converter (the converter then decides), but whatever it
accepts, the converter accepts too, with an equal result; and ``structure`` answers as the
converter does, value or error.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ondermijning import pack_data
from ondermijning.converter import converter
from ondermijning.models import FAMILIES, Pack, PackFile
from ondermijning.testing import strategies as ost

CLASSES = [Pack, *FAMILIES.values()]


def _as_toml(value: Any) -> Any:
    """Unstructured data as tomllib gives it: lists, not tuples."""
    if isinstance(value, (list, tuple)):
        return [_as_toml(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_toml(v) for k, v in value.items()}
    return value


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, part in value.items():
            found.extend(_paths(part, (*path, key)))
    elif isinstance(value, list):
        for index, part in enumerate(value):
            found.extend(_paths(part, (*path, index)))
    return found


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], rest, new)}
    return [_replaced(v, rest, new) if i == head else v for i, v in enumerate(value)]


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 2**70), st.floats(), st.text(max_size=5),
                     st.sampled_from(["low", "high", "example", "", "x", "2026-01-01"]),
                     st.dates(), st.datetimes())
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.lists(inner, max_size=3).map(tuple),
    st.dictionaries(st.sampled_from(["id", "name", "text", "source", "levels", "weight", "publication", "extra"]),
                    inner, max_size=3)), max_leaves=6)


def _mutations(data: Any) -> st.SearchStrategy[Any]:
    paths = _paths(data)

    def mutate(draw: st.DrawFn) -> Any:
        value = data
        for _ in range(draw(st.integers(1, 3))):
            path = draw(st.sampled_from(paths))
            kind = draw(st.sampled_from(["replace", "drop", "add"]))
            target: Any = value
            try:
                for part in path:
                    target = target[part]
            except (KeyError, IndexError, TypeError):
                continue
            if kind == "replace":
                value = _replaced(value, path, draw(_VALUES))
            elif kind == "drop" and path:
                parent: Any = value
                for part in path[:-1]:
                    parent = parent[part]
                if isinstance(parent, dict):
                    value = _replaced(value, path[:-1], {k: v for k, v in parent.items() if k != path[-1]})
            elif kind == "add" and isinstance(target, dict):
                value = _replaced(value, path, {**target, draw(st.sampled_from(["extra", "id", "text"])):
                                                draw(_VALUES)})
        return value

    return st.composite(mutate)()


def _quick_agrees(data: Any, cls: type) -> None:
    """The quick path refuses, or gives what the converter gives (and the converter accepts)."""
    try:
        quick = pack_data._of(cls)(data)
    except Exception:  # noqa: BLE001 - refused: the converter decides, as structure() shows below
        quick = refused = object()
    else:
        refused = None
    try:
        expected = converter.structure(data, cls)
    except Exception as exc:  # noqa: BLE001
        assert refused is not None, f"the quick path accepted what the converter refuses: {exc!r}"
        with pytest.raises(type(exc)) as raised:
            pack_data.structure(data, cls)
        assert str(raised.value) == str(exc)
        return
    if refused is None:
        assert quick == expected
        assert type(quick) is type(expected)
    assert pack_data.structure(data, cls) == expected


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_valid_data_structures_as_the_converter_does(cls: type, data: st.DataObject) -> None:
    item = data.draw(ost.models(cls))
    raw = _as_toml(converter.unstructure(item))
    assert pack_data._of(cls)(raw) == converter.structure(raw, cls)
    assert pack_data.structure(raw, cls) == converter.structure(raw, cls)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_changed_data_is_refused_or_structured_as_the_converter_does(cls: type, data: st.DataObject) -> None:
    raw = _as_toml(converter.unstructure(data.draw(ost.models(cls))))
    _quick_agrees(data.draw(_mutations(raw)), cls)


@given(value=_VALUES)
def test_any_value_is_refused_or_structured_as_the_converter_does(value: Any) -> None:
    for cls in (*CLASSES, PackFile, tuple[Pack, ...], str, int, float, bool):
        _quick_agrees(value, cls)


def test_numbers_are_not_coerced_but_a_whole_number_is_a_float() -> None:
    weight = pack_data._of(float)(2)
    assert weight == 2.0 and type(weight) is float
    for value, cls in ((True, float), (True, int), (1.0, int), (5, str), ("x", list), ("ab", tuple[str, ...])):
        with pytest.raises(Exception):  # noqa: B017 - the quick path refuses; the converter explains
            pack_data._of(cls)(value)


def test_the_bundled_packs_load_without_the_converter(tmp_path: Any) -> None:
    """Right pack data never needs cattrs: a fresh interpreter loading every bundled pack does not import it."""
    import subprocess
    import sys

    code = ("import sys, ondermijning; c = ondermijning.load_catalog(); "
            "assert c.signal_lists and not [p for p in c.problems if p.severity.value == 'error']; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'cattrs' "
            "or m == 'ondermijning.converter'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"ONDERMIJNING_CACHE": "0", "PATH": ""}, cwd=tmp_path)
    assert out.stdout.strip() == "[]"
