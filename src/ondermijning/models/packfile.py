"""The shape of one TOML file in a pack folder.

Every file may hold any family as an array of tables (``[[routes]]``,
``[[signal_lists]]``, ...); only ``pack.toml`` holds the ``[pack]`` table.
"""

from __future__ import annotations

import attrs

from .cases import Case, ConversationGuide
from .dilemmas import DilemmaCard
from .pack import Pack
from .routes import Route
from .signals import SignalList, SignalListExtension
from .training import Trajectory, Workshop
from .vocabulary import Framework, Theme

#: catalog family name -> item class; the TOML key of a family is its name
FAMILIES: dict[str, type] = {
    "themes": Theme,
    "frameworks": Framework,
    "signal_lists": SignalList,
    "extensions": SignalListExtension,
    "routes": Route,
    "dilemma_cards": DilemmaCard,
    "guides": ConversationGuide,
    "cases": Case,
    "workshops": Workshop,
    "trajectories": Trajectory,
}


def _items() -> tuple[object, ...]:
    return attrs.field(factory=tuple, converter=tuple)  # type: ignore[no-any-return]


@attrs.frozen
class PackFile:
    """One file's content, before ids are qualified."""

    pack: Pack | None = None
    themes: tuple[Theme, ...] = _items()
    frameworks: tuple[Framework, ...] = _items()
    signal_lists: tuple[SignalList, ...] = _items()
    extensions: tuple[SignalListExtension, ...] = _items()
    routes: tuple[Route, ...] = _items()
    dilemma_cards: tuple[DilemmaCard, ...] = _items()
    guides: tuple[ConversationGuide, ...] = _items()
    cases: tuple[Case, ...] = _items()
    workshops: tuple[Workshop, ...] = _items()
    trajectories: tuple[Trajectory, ...] = _items()
