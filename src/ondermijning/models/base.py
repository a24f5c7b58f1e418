"""The base of the model classes: equality, hash and repr read from the class's fields.

attrs writes these three methods as source code for every class and compiles it when the
module is imported: about a third of the time it takes to build a class, paid by every command
for some fifty classes. The models are declared ``@attrs.frozen(..., eq=False, repr=False)``
and inherit them from :class:`Model` instead, which does what attrs' would do: objects are
equal when they are of the same class and each field compares equal (in field order, as
``self.a == other.a and ...``); equal objects hash alike; the repr is ``Name(field=value, ...)``.
``tests/test_model_base.py`` compares them with attrs' own on every model class. A few frozen
classes outside the models that every load builds (``catalog.Provenance``, ``plugins.directory.Folder``,
``scoring.ScoringRule``...) are declared the same way.
"""

import threading
from typing import Any

import attrs

_FIELDS: dict[type, tuple[str, ...]] = {}
_local = threading.local()  # the objects whose repr is being written, per thread (a part that holds its owner)


def _names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in attrs.fields(cls))
    return names


# Equality, hash and repr for an attrs class declared with ``eq=False, repr=False``. No docstring
# on purpose: inspect.getdoc() gives a class without its own the first base's, and the field
# reference and the JSON schemas would show this one for every model that has none.
class Model:
    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        for name in _names(self.__class__):  # noqa: SIM110 - a loop: all() over a generator is slower
            if not getattr(self, name) == getattr(other, name):
                return False
        return True

    def __hash__(self) -> int:
        cls = self.__class__
        return hash((cls.__qualname__, *[getattr(self, name) for name in _names(cls)]))

    def __repr__(self) -> str:
        busy: set[int] | None = getattr(_local, "busy", None)
        if busy is None:
            busy = _local.busy = set()
        if id(self) in busy:
            return "..."
        busy.add(id(self))
        try:
            cls = self.__class__
            fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _names(cls))
            return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({fields})"
        finally:
            busy.discard(id(self))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # attrs' own methods are not written: a field of its own with eq=False or repr=False would need them
        own = cls.__dict__.get("__attrs_attrs__")
        if own is not None and any(f.eq is not True or f.eq_key is not None or f.repr is not True or f.hash is not None
                                  for f in own):
            raise TypeError(f"{cls.__name__}: a Model's fields are all compared and shown")
