"""The models' equality, hash and repr (ondermijning.models.base.Model) are those attrs would write."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ondermijning import models
from ondermijning.models.base import Model
from ondermijning.testing import strategies as ost

CLASSES = sorted({c for info in pkgutil.iter_modules(models.__path__)
                  for c in vars(importlib.import_module(f"{models.__name__}.{info.name}")).values()
                  if isinstance(c, type) and issubclass(c, Model) and c is not Model}, key=lambda c: c.__name__)


def _twin_class(cls: type) -> type:
    """The same fields, with the methods attrs writes itself."""
    return attrs.make_class(cls.__name__, {f.name: attrs.field() for f in attrs.fields(cls)}, frozen=True)


TWINS = {cls: _twin_class(cls) for cls in CLASSES}


def _twin(item: Any) -> Any:
    return TWINS[type(item)](**{f.name: getattr(item, f.name) for f in attrs.fields(type(item))})


def _hashes(item: Any) -> int | None:
    try:
        return hash(item)
    except TypeError:
        return None


def test_every_model_class_is_one() -> None:
    assert len(CLASSES) > 40
    assert models.SignalList not in CLASSES  # it caches its hash: attrs writes its methods


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_as_attrs_writes_them(cls: type, data: st.DataObject) -> None:
    item, other = data.draw(ost.models(cls)), data.draw(ost.models(cls))
    assert repr(item) == repr(_twin(item))
    copy = attrs.evolve(item)
    assert copy == item and (copy != item) is False
    assert _hashes(item) == _hashes(copy)
    assert (_hashes(item) is None) is (_hashes(_twin(item)) is None)  # a table field (Pack.requires): unhashable
    name = data.draw(st.sampled_from([f.name for f in attrs.fields(cls)]))
    mixed = attrs.evolve(item, **{attrs.fields_dict(cls)[name].alias: getattr(other, name)})
    for a, b in ((item, other), (item, mixed), (mixed, item)):
        assert (a == b) is (_twin(a) == _twin(b))
        assert (a != b) is (_twin(a) != _twin(b))
        if a == b:
            assert _hashes(a) == _hashes(b)
    assert item.__eq__(_twin(item)) is NotImplemented
    assert (item == object()) is False


def test_a_field_that_is_not_compared_is_refused() -> None:
    with pytest.raises(TypeError, match="compared and shown"):
        @attrs.frozen(eq=False, repr=False)
        class Odd(Model):
            hidden: str = attrs.field(repr=False)


def test_the_library_classes_on_the_start_up_path_compare_as_attrs_would() -> None:
    # not models, but declared the same way so that 'packs' and 'validate' compile fewer methods
    from ondermijning import load_catalog
    from ondermijning.destinations import Receipt
    from ondermijning.plugins.directory import Folder
    from ondermijning.scoring import ScoringRule

    catalog = load_catalog()
    provenances = list(dict.fromkeys(catalog.provenance.values()))[:20]
    assert provenances

    def nothing(_sl: object, _observed: frozenset[str]) -> list[Any]:
        return []

    items: list[Any] = [*provenances, Receipt(reference="Z-1"), Receipt(reference="Z-2"), Folder("a", "b"),
                        Folder("a", "b", given=True), ScoringRule(id="r", summary="s", contribute=nothing),
                        ScoringRule(id="r", summary="t", contribute=nothing, lists=("x/y",))]
    for item in items:
        cls = type(item)
        assert issubclass(cls, Model)
        twin = _twin_class(cls)
        as_attrs = twin(**{f.name: getattr(item, f.name) for f in attrs.fields(cls)})
        assert repr(item) == repr(as_attrs)
        assert _hashes(item) == _hashes(attrs.evolve(item))
        for other in items:
            if type(other) is cls:
                other_as_attrs = twin(**{f.name: getattr(other, f.name) for f in attrs.fields(cls)})
                assert (item == other) is (as_attrs == other_as_attrs)
                assert (item != other) is (as_attrs != other_as_attrs)


def test_every_model_field_type_is_an_object_not_a_text() -> None:
    # the model modules have no __future__ annotations: resolving a type (pack_data, validate) compiles nothing
    classes = {c for info in pkgutil.iter_modules(models.__path__)
               for c in vars(importlib.import_module(f"{models.__name__}.{info.name}")).values()
               if isinstance(c, type) and attrs.has(c)}
    assert len(classes) > 40
    texts = sorted(f"{c.__name__}.{f.name}: {f.type!r}" for c in classes for f in attrs.fields(c)
                   if isinstance(f.type, str))
    assert texts == []
