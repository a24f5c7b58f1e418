"""Hypothesis strategies for ondermijning models, for the library's tests and for pack authors.

Every strategy is a function with keyword-only options; arguments are checked when a
value is drawn, not when the strategy is defined (hypothesis' own convention)::

    from hypothesis import given
    from ondermijning.testing import strategies as ost

    @given(ost.models(Route))
    def test_route_renders(route): ...

    @given(ost.observations(catalog.signal_lists["deurne/jongeren"]))
    def test_my_rule(observed): ...
"""

# no ``from __future__ import annotations``: @st.composite copies the return annotation into the
# strategy it makes, and a string there ("SignalList") would only resolve in this module

import datetime
import enum
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs

from ..i18n import _

try:
    from hypothesis import strategies as st
except ModuleNotFoundError as exc:  # a pack author with pytest but without the extra
    raise ModuleNotFoundError(_("ondermijning.testing.strategies heeft hypothesis nodig: "
                                "python -m pip install 'ondermijning[testing]'"), name=exc.name) from None

from ..hookspecs import hookimpl
from ..models import (
    BasisKind,
    Category,
    CombinationStep,
    ConcernLevel,
    Pack,
    ProcessingPolicy,
    Route,
    RouteAction,
    RouteScope,
    Scoring,
    ScoringBasis,
    Signal,
    SignalList,
    Source,
    Theme,
    Thresholds,
)
from ..models.common import ID, REF
from ..models.processing import MAX_RETENTION_DAYS

T = TypeVar("T")

__all__ = ["catalogs", "ids", "models", "observations", "packs", "qualified_ids", "signal_lists", "texts"]


def ids() -> st.SearchStrategy[str]:
    """Local ids such as ``wijkagent`` or ``s-12``."""
    return st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,15}", fullmatch=True)


def qualified_ids() -> st.SearchStrategy[str]:
    """Qualified ids such as ``deurne/wijkagent``."""
    return st.builds(lambda pack, item: f"{pack}/{item}", ids(), ids())


def texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Texts a person would read, including non-ASCII (Dutch uses ë, é, ’)."""
    # the utf-8 codec already leaves out lone surrogates, which no file can hold
    return st.text(st.characters(codec="utf-8"), min_size=min_size, max_size=max_size)


def _versions() -> st.SearchStrategy[str]:
    n = st.integers(0, 30)
    return st.builds(lambda a, b, c: f"{a}.{b}.{c}", n, n, n)


def _for_field(owner: type, field: "attrs.Attribute[Any]", hint: Any) -> st.SearchStrategy[Any]:
    if field.metadata.get(ID):
        return ids()
    if REF in field.metadata:
        return st.lists(qualified_ids(), max_size=3).map(tuple) if _is_tuple(hint) else qualified_ids()
    if owner is Pack and field.name == "version":
        return _versions()
    if owner is Pack and field.name == "id":
        return ids()
    if owner is Pack and field.name == "language":
        return st.sampled_from(["nl", "de"])
    if owner is Pack and field.name == "translations":  # never the pack's own language
        return st.sampled_from([(), ("en",), ("en", "fr")])
    if owner is Pack and field.name == "requires":
        return st.dictionaries(ids(), st.sampled_from([">=0.1", ">=1,<2", "==1.0.0"]), max_size=2)
    if field.name in ("id",):
        return ids()
    if owner is ProcessingPolicy and field.name == "retention_days":
        return st.integers(1, MAX_RETENTION_DAYS)
    if owner is ScoringBasis and field.name == "date":
        return st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()))
    bounds = getattr(field.validator, "bounds", None)  # a validator that says its range (Findings.weeks)
    if bounds is not None:
        return st.integers(*bounds)
    if hint is Thresholds:
        return st.builds(lambda low, gap: Thresholds(moderate=low, high=low + gap),
                         st.floats(0.5, 50), st.floats(0.5, 50))
    return _for_type(hint)


def _is_tuple(hint: Any) -> bool:
    return typing.get_origin(hint) is tuple


def _for_type(hint: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(hint)
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(hint)
        return st.lists(_for_type(inner), max_size=3).map(tuple)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return st.one_of(*(_for_type(arg) for arg in typing.get_args(hint)))
    if hint is type(None):
        return st.none()
    if hint is str:
        return texts(min_size=0)
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(0, 50)
    if hint is float:
        # weights and bonuses are never negative; keep them finite and readable
        return st.floats(0, 100, allow_nan=False, allow_infinity=False)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if isinstance(hint, type) and attrs.has(hint):
        return models(hint)
    if hint is datetime.date:
        return st.dates()
    if typing.get_origin(hint) in (dict, Mapping) or hint is Mapping:
        values = typing.get_args(hint)[1:]
        return st.dictionaries(ids(), _for_type(values[0]) if values else texts(), max_size=2)
    raise TypeError(f"no strategy for {hint!r}")


@st.composite
def _model(draw: st.DrawFn, cls: type[T], overrides: Mapping[str, st.SearchStrategy[Any]]) -> T:
    hints = typing.get_type_hints(cls)
    values = {}
    for field in attrs.fields(cls):  # type: ignore[arg-type]
        strategy = overrides[field.name] if field.name in overrides else _for_field(cls, field, hints[field.name])
        values[field.name] = draw(strategy)
    return cls(**values)


def models(cls: type[T], **overrides: st.SearchStrategy[Any]) -> st.SearchStrategy[T]:
    """Any valid instance of a model class (every field drawn, defaults included).

    Keyword arguments replace the strategy of a field: ``models(Route, levels=st.just(...))``.
    """
    is_model = isinstance(cls, type) and attrs.has(cls)  # a plain bool: keeps cls typed as type[T]
    if not is_model:
        raise TypeError(_("models() heeft een modelklasse van ondermijning nodig, kreeg {value!r}").format(value=cls))
    return _model(cls, overrides)


def observations(signal_list: SignalList, *, min_size: int = 0, max_size: int | None = None
                 ) -> st.SearchStrategy[tuple[str, ...]]:
    """Sets of signal ids of ``signal_list`` (unique, in any order), as a tuple."""
    ids_ = [s.id for s in signal_list.signals]
    if not ids_:
        return st.just(())
    return st.lists(st.sampled_from(ids_), unique=True, min_size=min_size, max_size=max_size).map(tuple)


def scorings() -> st.SearchStrategy[Scoring]:
    """Valid scorings: ordered thresholds, non-negative bonuses."""
    return models(Scoring)


_SOURCE = Source(publication="hypothesis", section="generated")


def packs(*, pack_id: str | None = None) -> st.SearchStrategy[Pack]:
    """Valid pack records; ``pack_id`` fixes the id."""
    return models(Pack, id=st.just(pack_id)) if pack_id else models(Pack)


@st.composite
def signal_lists(draw: st.DrawFn, *, pack_id: str = "gen", min_signals: int = 0, max_signals: int = 12,
                 red_theme: str = "gen/drugs") -> SignalList:
    """Consistent signal lists: signals in the list's categories, ordered thresholds, non-negative
    weights and bonuses, red-flag signals carrying the red-flag theme. Ids are qualified with ``pack_id``."""
    if not 0 <= min_signals <= max_signals:
        raise ValueError(_("nodig: 0 <= min_signals <= max_signals, kreeg {low} en {high}").format(
            low=min_signals, high=max_signals))
    categories = draw(st.lists(ids(), min_size=1, max_size=4, unique=True))
    signal_ids = draw(st.lists(ids(), min_size=min_signals, max_size=max_signals, unique=True))
    weights = st.one_of(st.integers(0, 5).map(float), st.floats(0, 5, allow_nan=False).map(lambda w: round(w, 2)))
    signals = []
    for local in signal_ids:
        red = draw(st.booleans()) and draw(st.booleans())  # about one in four
        signals.append(Signal(id=f"{pack_id}/{local}", category=draw(st.sampled_from(categories)), text=local,
                              source=_SOURCE, weight=draw(weights), red_flag=red,
                              themes=(red_theme,) if red else ()))
    moderate = draw(st.floats(0.5, 10, allow_nan=False))
    high = moderate + draw(st.floats(0.5, 10, allow_nan=False))
    steps = sorted(draw(st.lists(st.integers(2, 5), max_size=2, unique=True)))
    combination = tuple(CombinationStep(categories=n, bonus=float(draw(st.integers(0, 3)))) for n in steps)
    return SignalList(id=f"{pack_id}/{draw(ids())}", name="generated", source=_SOURCE,
                      scoring=Scoring(basis=ScoringBasis(kind=BasisKind.EXAMPLE),
                                      thresholds=Thresholds(moderate=moderate, high=high), combination=combination),
                      categories=tuple(Category(id=c, name=c) for c in categories), signals=tuple(signals),
                      red_flag_themes=(red_theme,) if any(s.red_flag for s in signals) else ())


class _GeneratedPack:
    """A plugin holding generated content (registered under its own name)."""

    def __init__(self, pack: Pack, lists: list[SignalList]) -> None:
        self.pack, self.lists = pack, lists
        self.__name__ = f"generated-{pack.id}"

    @hookimpl
    def ondermijning_packs(self) -> list[Pack]:
        return [self.pack]

    @hookimpl
    def ondermijning_themes(self) -> list[Theme]:
        return [Theme(id=f"{self.pack.id}/drugs", name="drugs", source=_SOURCE)]

    @hookimpl
    def ondermijning_signal_lists(self) -> list[SignalList]:
        return self.lists

    @hookimpl
    def ondermijning_routes(self) -> list[Route]:
        return [Route(id=f"{self.pack.id}/route-{level.value}", name=f"route {level.value}",
                      action=RouteAction.ADVICE, scope=RouteScope.LOCAL, levels=(level,), when="altijd",
                      source=_SOURCE) for level in ConcernLevel]


@st.composite
def catalogs(draw: st.DrawFn, *, max_lists: int = 2) -> Any:
    """Catalogs of one generated pack (lists, a theme, a route per level), built through the hooks
    like any plugin's content; the built-in and installed packs are left out."""
    from ..assemble import load_catalog

    pack = draw(models(Pack, id=st.just("gen"), requires=st.just({})))
    lists = draw(st.lists(signal_lists(), min_size=1, max_size=max_lists, unique_by=lambda sl: sl.id))
    return load_catalog(plugins=[_GeneratedPack(pack, lists)], autoload=False, disable=["core"])
