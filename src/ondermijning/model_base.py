"""The base of the library's attrs classes: equality, hash and repr read from the class's fields.

attrs writes these three methods as source code for every class and compiles it when the
module is imported: about a third of the time it takes to build a class, paid by every command
for some sixty classes. The classes are declared ``@attrs.frozen(..., eq=False, repr=False)``
(or ``attrs.define``) and inherit them from :class:`Model` instead, which does what attrs'
would do, field flags included:

- equal when of the same class and each field with ``eq=True`` compares equal (in field order,
  as ``self.a == other.a and ...``);
- a frozen class hashes the fields with ``hash=True``, or ``hash=None`` and ``eq=True``; a
  mutable one (``attrs.define``) takes :class:`MutableModel`, which is unhashable as attrs makes
  a mutable class it compares; :class:`CachedHashModel` computes the hash once per object
  (attrs' ``cache_hash=True``);
- the repr is ``Name(field=value, ...)`` over the fields with ``repr=True``.

What Model cannot do as attrs does (a field's ``eq`` key or ``repr`` function) is refused with
a ``TypeError`` when the class is made. ``tests/test_model_base.py`` compares the methods with
attrs' own on every class that uses them. The module is outside ``models`` so that
``errors`` (``Problem``) and ``ics`` do not import every model class with it. No ``__future__``
annotations, as in ``models``: ``typing.get_type_hints`` of a model reads this class's too, and
would compile their text every time it is asked.
"""

import threading
from typing import Any, ClassVar, cast

import attrs

_ATTRS_CLASSES: dict[type, bool] = {}


def is_attrs_class(cls: type) -> bool:
    """``attrs.has(cls)``, asked once per type: the walks over items ask it for every value they meet."""
    found = _ATTRS_CLASSES.get(cls)
    if found is None:
        found = _ATTRS_CLASSES[cls] = attrs.has(cls)
    return found


def resolve_types(cls: type) -> None:
    """``attrs.resolve_types(cls)`` where a field's type is still a text (the models have none, see models)."""
    if any(isinstance(f.type, str) for f in attrs.fields(cls)):
        attrs.resolve_types(cls)


_local = threading.local()  # the objects whose repr is being written, per thread (a part that holds its owner)


def _prepare(cls: "type[Model]") -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Which fields of ``cls`` take part in eq, hash and repr (attrs' rules), kept on the class."""
    compared, hashed, shown = [], [], []
    for f in attrs.fields(cast("type[attrs.AttrsInstance]", cls)):  # (attrs.fields refuses a non-attrs class)
        if f.eq_key is not None or f.repr not in (True, False):
            raise TypeError(f"{cls.__name__}.{f.name}: Model compares a field with == and shows it with repr();"
                            " a key or a repr function needs attrs' own methods")
        if f.eq:
            compared.append(f.name)
        if f.hash or (f.hash is None and f.eq):
            hashed.append(f.name)
        if f.repr:
            shown.append(f.name)
    names = cls._model_eq, cls._model_hash, cls._model_repr = tuple(compared), tuple(hashed), tuple(shown)
    return names


# Equality, hash and repr for an attrs class declared with ``eq=False, repr=False``. No docstring
# on purpose: inspect.getdoc() gives a class without its own the first base's, and the field
# reference and the JSON schemas would show this one for every model that has none.
class Model:
    __slots__ = ()

    # the names of the fields each method reads, set once per class (None: not yet, see _prepare)
    _model_eq: ClassVar[tuple[str, ...] | None] = None
    _model_hash: ClassVar[tuple[str, ...] | None] = None
    _model_repr: ClassVar[tuple[str, ...] | None] = None

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = self._model_eq
        if names is None:
            names = _prepare(self.__class__)[0]
        for name in names:  # noqa: SIM110 - a loop: all() over a generator is slower
            if not getattr(self, name) == getattr(other, name):
                return False
        return True

    def __hash__(self) -> int:
        cls = self.__class__
        names = self._model_hash
        if names is None:
            names = _prepare(cls)[1]
        return hash((cls.__qualname__, *[getattr(self, name) for name in names]))

    def __repr__(self) -> str:
        busy: set[int] | None = getattr(_local, "busy", None)
        if busy is None:
            busy = _local.busy = set()
        if id(self) in busy:
            return "..."
        busy.add(id(self))
        try:
            cls = self.__class__
            names = self._model_repr
            if names is None:
                names = _prepare(cls)[2]
            fields = ", ".join(f"{name}={getattr(self, name, attrs.NOTHING)!r}" for name in names)
            return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({fields})"
        finally:
            busy.discard(id(self))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__attrs_attrs__" in cls.__dict__:
            _prepare(cls)  # the class attrs made (a slotted one): read its fields now, refuse what Model cannot do
        else:
            # before attrs made it, or a class attrs patches afterwards (slots=False), or a plain
            # subclass: its fields are read when first needed, not taken from its base
            cls._model_eq = cls._model_hash = cls._model_repr = None


# A Model of a mutable class (attrs.define): unhashable, as attrs makes a mutable class it compares.
# Declared, not detected: only attrs' experimental attrs.inspect() tells a frozen class from a mutable one.
class MutableModel(Model):
    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]


# A Model whose hash is computed once per object and kept (attrs' cache_hash=True), for a frozen
# class hashed often: the slot is not a field, so it is not compared, shown, converted or copied
# (attrs.evolve and pickle make objects without it, which compute their own).
class CachedHashModel(Model):
    __slots__ = ("_model_cached_hash",)
    _model_cached_hash: int

    def __hash__(self) -> int:
        try:
            return self._model_cached_hash
        except AttributeError:
            value = Model.__hash__(self)
            object.__setattr__(self, "_model_cached_hash", value)
            return value
