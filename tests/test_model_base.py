"""Equality, hash and repr from ondermijning.model_base.Model are those attrs would write.

Each class is compared with a twin: the same fields with the same ``eq``, ``hash`` and ``repr``
flags, frozen or mutable as the class is (``SignalList``'s hash cached), with the methods attrs
writes itself, as the class was declared before it took them from Model.
"""

from __future__ import annotations

import copy
import datetime
import importlib
import os
import pickle
import pkgutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ondermijning import models
from ondermijning.model_base import CachedHashModel, Model, MutableModel
from ondermijning.testing import strategies as ost

CLASSES = sorted({c for info in pkgutil.iter_modules(models.__path__)
                  for c in vars(importlib.import_module(f"{models.__name__}.{info.name}")).values()
                  if isinstance(c, type) and issubclass(c, Model) and attrs.has(c)}, key=lambda c: c.__name__)

PACKS = Path(__file__).resolve().parents[1] / "packs"


def _twin_class(cls: type) -> type:
    """The same fields and flags, with the methods attrs writes itself."""
    fields = {f.name: attrs.field(eq=f.eq, hash=f.hash, repr=f.repr) for f in attrs.fields(cls)}
    return attrs.make_class(cls.__name__, fields, frozen=attrs.inspect(_attrs_made(cls)).is_frozen,
                            cache_hash=issubclass(cls, CachedHashModel))


def _attrs_made(cls: type) -> type:
    """The class itself, or for a plain subclass the attrs class it extends."""
    return next(c for c in cls.__mro__ if "__attrs_attrs__" in c.__dict__)


TWINS: dict[type, type] = {}


def _twin(item: Any) -> Any:
    cls = type(item)
    twin = TWINS.get(cls) or TWINS.setdefault(cls, _twin_class(cls))
    return twin(**{f.alias: getattr(item, f.name) for f in attrs.fields(twin)})


def _hashes(item: Any) -> int | None:
    try:
        return hash(item)
    except TypeError:
        return None


def _compare_with_attrs(items: list[Any]) -> None:
    """Every item and every pair of one class against their twins."""
    assert items
    for a in items:
        twin_a = _twin(a)
        assert repr(a) == repr(twin_a)
        assert (_hashes(a) is None) is (_hashes(twin_a) is None)  # a mutable class, a table field: unhashable
        same = attrs.evolve(a)
        assert same == a and (same != a) is False
        assert _hashes(same) == _hashes(a)
        assert a.__eq__(twin_a) is NotImplemented
        assert (a == object()) is False
        for b in items:
            if type(b) is type(a):
                twin_b = _twin(b)
                assert (a == b) is (twin_a == twin_b)
                assert (a != b) is (twin_a != twin_b)
                # equal objects hash alike (unless a field is hashed and not compared, as attrs allows)
                assert (_hashes(a) == _hashes(b)) is (_hashes(twin_a) == _hashes(twin_b))


def test_every_model_class_is_one() -> None:
    assert len(CLASSES) > 40
    assert models.SignalList in CLASSES
    assert issubclass(models.SignalList, CachedHashModel)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_as_attrs_writes_them(cls: type, data: st.DataObject) -> None:
    item, other = data.draw(ost.models(cls)), data.draw(ost.models(cls))
    name = data.draw(st.sampled_from([f.name for f in attrs.fields(cls)]))
    mixed = attrs.evolve(item, **{attrs.fields_dict(cls)[name].alias: getattr(other, name)})
    _compare_with_attrs([item, other, mixed])


# Every combination of flags, on each kind of class Model serves: frozen, mutable, attrs' dict
# classes (whose fields Model reads when first needed), a plain subclass, a cached hash.
def _flags(**kwargs: Any) -> Any:
    @attrs.define(eq=False, repr=False, **kwargs)
    class Flags(Model if kwargs.get("frozen") else MutableModel):
        plain: int = 0
        unshown: int = attrs.field(default=0, repr=False)
        uncompared: int = attrs.field(default=0, eq=False)
        unhashed: int = attrs.field(default=0, hash=False)
        hashed_only: int = attrs.field(default=0, eq=False, hash=True)
        nothing: int = attrs.field(default=0, eq=False, repr=False)

    return Flags


def _subclass() -> type:
    class Plain(_flags(frozen=True)):  # type: ignore[misc]
        __slots__ = ()

    return Plain


def _cached() -> type:
    @attrs.frozen(eq=False, repr=False)
    class Cached(CachedHashModel):
        plain: int = 0
        uncompared: int = attrs.field(default=0, eq=False)

    return Cached


KINDS = {"frozen": lambda: _flags(frozen=True), "mutable": lambda: _flags(), "frozen dict": lambda: _flags(
    frozen=True, slots=False), "mutable dict": lambda: _flags(slots=False), "plain subclass": _subclass,
    "cached hash": _cached}


@pytest.mark.parametrize("kind", KINDS)
def test_each_field_counts_where_attrs_counts_it(kind: str) -> None:
    cls = KINDS[kind]()
    base = cls()
    twin_base = _twin(base)
    assert (_hashes(base) is None) is (_hashes(twin_base) is None) is (kind.startswith("mutable"))
    for f in attrs.fields(cls):
        changed = attrs.evolve(base, **{f.alias: 1})
        twin_changed = _twin(changed)
        assert (changed == base) is (twin_changed == twin_base), f.name
        assert (repr(changed) == repr(base)) is (repr(twin_changed) == repr(twin_base)), f.name
        assert repr(changed) == repr(twin_changed)
        if _hashes(base) is not None:  # 0 and 1 give different hashes where the field is hashed
            assert (hash(changed) == hash(base)) is (hash(twin_changed) == hash(twin_base)), f.name
    _compare_with_attrs([base, *(attrs.evolve(base, **{f.alias: 1}) for f in attrs.fields(cls))])


def test_a_field_not_set_shows_as_attrs_shows_it() -> None:
    def later() -> dict[str, Any]:
        return {"early": attrs.field(default=0), "late": attrs.field(init=False)}

    with_model = attrs.make_class("Later", later(), bases=(Model,), slots=True, eq=False, repr=False)
    as_attrs = attrs.make_class("Later", later(), slots=True)
    assert repr(with_model()) == repr(as_attrs()) == "Later(early=0, late=NOTHING)"


@pytest.mark.parametrize("field", [attrs.field(eq=str.lower), attrs.field(repr=lambda v: "?")],
                         ids=["eq key", "repr function"])
def test_what_model_cannot_do_the_same_is_refused(field: Any) -> None:
    with pytest.raises(TypeError, match="attrs' own methods"):
        @attrs.frozen(eq=False, repr=False)
        class Odd(Model):
            text: str = field


def test_a_signal_list_keeps_its_hash_as_attrs_does() -> None:
    from ondermijning import load_catalog

    signal_list = load_catalog().signal_lists["deurne/jongeren"]
    renamed = attrs.evolve(signal_list, name=signal_list.name + " (b)")
    for item in (attrs.evolve(signal_list), renamed, pickle.loads(pickle.dumps(signal_list)),
                 copy.copy(signal_list), copy.deepcopy(renamed)):
        # a copy computes its own hash (none is carried over from the object it was made from) ...
        assert hash(item) == Model.__hash__(item) == hash(item)
    assert hash(attrs.evolve(signal_list)) == hash(signal_list)
    assert renamed != signal_list and hash(renamed) != hash(signal_list)
    # ... and keeps it: changed behind attrs' back, the list and its twin hash as before
    item = attrs.evolve(signal_list)
    twin = _twin(item)
    before, twin_before = hash(item), hash(twin)
    object.__setattr__(item, "name", "anders")
    object.__setattr__(twin, "name", "anders")
    assert hash(item) == before != Model.__hash__(item)
    assert hash(twin) == twin_before
    _compare_with_attrs([signal_list, attrs.evolve(signal_list), renamed])


def _library_items() -> list[Any]:
    """Instances of the library classes on the start-up path, from the bundled catalog, alike and not."""
    from ondermijning import load_catalog
    from ondermijning.catalog import Catalog
    from ondermijning.destinations import PictureDestination, Receipt
    from ondermijning.errors import Problem, Severity
    from ondermijning.ics import Event
    from ondermijning.loader import load_pack
    from ondermijning.locate import LineIndex
    from ondermijning.planner.choosing import Pick
    from ondermijning.plugins.directory import Folder
    from ondermijning.qualify import Qualifier
    from ondermijning.scoring import ScoringRule

    catalog = load_catalog()
    assert isinstance(catalog, Catalog) and catalog.line_indexes and catalog.translations
    problem = Problem(code="V001", message="onbekend signaal", file="a.toml", line=3, path="$.x")
    catalogs = [catalog, attrs.evolve(catalog), attrs.evolve(catalog, line_indexes={}),  # not compared
                attrs.evolve(catalog, problems=(problem,))]
    plugin, rule, translation = catalog.plugins[0], catalog.rules[0], next(iter(catalog.translations.values()))
    plugins = [*catalog.plugins, attrs.evolve(plugin), attrs.evolve(plugin, status="broken", error="kapot")]
    rules = [*catalog.rules[:4], attrs.evolve(rule, check=catalog.rules[1].check),  # the check is not compared
             attrs.evolve(rule, why="anders")]
    translations = [translation, attrs.evolve(translation, lines={("pack", "name"): 9}),  # not compared
                    attrs.evolve(translation, loaded=False)]
    deurne = load_pack(PACKS / "deurne" / "src" / "ondermijning_deurne" / "pack")
    nsob = load_pack(PACKS / "nsob" / "src" / "ondermijning_nsob" / "pack")
    loaded = [deurne, nsob, attrs.evolve(deurne, indexes={}),  # the line indexes are not compared
              attrs.evolve(deurne, unread=("x.toml",))]
    day = datetime.date(2026, 9, 7)
    events = [Event(uid="a@b", summary="bijeenkomst", start=day), Event(uid="a@b", summary="bijeenkomst", start=day),
              Event(uid="a@b", summary="bijeenkomst", start=datetime.datetime(2026, 9, 7, 9),
                    duration=datetime.timedelta(hours=2), categories=("training",))]
    workshop, other_workshop = list(catalog.workshops.values())[:2]
    picks = [Pick(workshop, ["a"]), Pick(workshop, ["a"]), Pick(workshop, ["b"]),
             Pick(other_workshop, ["a"], groups=[12, 11], extra_observers=1)]
    index = LineIndex("[pack]\nid = 'x'\n")
    qualifiers = [Qualifier("deurne", "a.toml", index, {}, {}, []), Qualifier("deurne", "a.toml", index, {}, {}, []),
                  Qualifier("nsob", "a.toml", index, {}, {}, [problem]),
                  Qualifier("deurne", "a.toml", LineIndex(""), {}, {}, [])]
    problems = [problem, attrs.evolve(problem), attrs.evolve(problem, line=None),
                attrs.evolve(problem, severity=Severity.WARNING), *catalog.problems]

    def send(_submission: object) -> Receipt:
        return Receipt(reference="Z-1")

    def send_otherwise(_submission: object) -> Receipt:
        return Receipt(reference="Z-2")

    destination = PictureDestination(id="deurne/zaaksysteem", municipality="deurne", name="Zaaksysteem", send=send)
    destinations = [destination, attrs.evolve(destination, send=send_otherwise),  # the sender is not compared
                    attrs.evolve(destination, name="Ander systeem")]

    def nothing(_sl: object, _observed: frozenset[str]) -> list[Any]:
        return []

    provenances = list(dict.fromkeys(catalog.provenance.values()))[:20]
    earlier = [*provenances, Receipt(reference="Z-1"), Receipt(reference="Z-2"), Folder("a", "b"),
               Folder("a", "b", given=True), ScoringRule(id="r", summary="s", contribute=nothing),
               ScoringRule(id="r", summary="t", contribute=nothing, lists=("x/y",))]
    return [*catalogs, *plugins, *rules, *translations, *loaded, *events, *picks, *qualifiers, *problems,
            *destinations, *earlier]


def test_the_library_classes_on_the_start_up_path_compare_as_attrs_would() -> None:
    # not models, but declared the same way so that 'packs' and 'validate' compile fewer methods
    items = _library_items()
    classes = {type(item) for item in items}
    assert {c.__name__ for c in classes} >= {"Catalog", "PluginInfo", "Rule", "PackTranslation", "LoadedPack",
                                             "Event", "Pick", "Qualifier", "Problem", "PictureDestination"}
    for cls in classes:
        assert cls.__eq__ is Model.__eq__ and cls.__repr__ is Model.__repr__, cls
    for name in ("Pick", "PluginInfo", "Qualifier"):  # attrs.define: mutable, compared, so unhashable
        assert next(c for c in classes if c.__name__ == name).__hash__ is None
    _compare_with_attrs(items)


def test_every_mutable_model_of_the_library_is_a_mutable_model() -> None:
    # declared, not detected: a mutable attrs class on Model alone would hash by its fields, unlike attrs'
    import ondermijning

    modules = [importlib.import_module(info.name) for info in pkgutil.walk_packages(ondermijning.__path__,
                                                                                   "ondermijning.")
               if not info.name.endswith("__main__")]
    classes = {value for module in modules for value in vars(module).values()
               if isinstance(value, type) and issubclass(value, Model) and "__attrs_props__" in value.__dict__}
    assert len(classes) > 50
    mutable = {c for c in classes if not attrs.inspect(c).is_frozen}
    assert {c.__name__ for c in mutable} >= {"Pick", "PluginInfo", "Qualifier"}
    assert sorted(c.__qualname__ for c in mutable if not issubclass(c, MutableModel)) == []
    assert sorted(c.__qualname__ for c in classes - mutable if issubclass(c, MutableModel)) == []


# the attrs classes of the library loaded by 'validate' whose eq, repr or hash attrs wrote itself
_PROBE = """
import contextlib, io, sys
import attrs
from ondermijning.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    main(["validate"])
written = attrs.ClassProps.Hashability.HASHABLE, attrs.ClassProps.Hashability.HASHABLE_CACHED
for name, module in list(sys.modules.items()):
    if name.startswith("ondermijning"):
        for value in vars(module).values():
            if isinstance(value, type) and "__attrs_props__" in value.__dict__:
                props = attrs.inspect(value)
                if props.added_eq or props.added_repr or props.hashability in written:
                    print(f"{value.__module__}.{value.__qualname__}")
"""


def _run(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONDERMIJNING_")}
    env["ONDERMIJNING_CACHE"] = "0"  # the cache would replay the output without building the catalog
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
                          timeout=120).stdout


def test_validate_has_attrs_write_no_eq_repr_or_hash() -> None:
    assert _run(_PROBE).split() == []


def test_the_errors_module_does_not_import_the_models() -> None:
    # Problem takes its methods from model_base, outside the models package: importing it builds no model class
    assert _run("import sys, ondermijning.errors, ondermijning.ics; print(sorted(sys.modules))").count(
        "'ondermijning.models") == 0


def test_every_model_field_type_is_an_object_not_a_text() -> None:
    # the model modules have no __future__ annotations: resolving a type (pack_data, validate) compiles nothing
    classes = {c for info in pkgutil.iter_modules(models.__path__)
               for c in vars(importlib.import_module(f"{models.__name__}.{info.name}")).values()
               if isinstance(c, type) and attrs.has(c)}
    assert len(classes) > 40
    texts = sorted(f"{c.__name__}.{f.name}: {f.type!r}" for c in classes for f in attrs.fields(c)
                   if isinstance(f.type, str))
    assert texts == []
    # typing.get_type_hints of a model reads its bases' annotations too
    assert [(c.__name__, a) for c in (Model, CachedHashModel) for a in vars(c).get("__annotations__", {}).values()
            if isinstance(a, str)] == []
