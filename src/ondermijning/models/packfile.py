"""The shape of one TOML file in a pack folder.

Every file may hold any family as an array of tables (``[[routes]]``,
``[[signal_lists]]``, ...); only ``pack.toml`` holds the ``[pack]`` table.
"""

from __future__ import annotations

import attrs

from .cases import Case, ConversationGuide
from .common import items
from .dilemmas import DilemmaCard
from .pack import Pack
from .processing import ProcessingPolicy
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
    "processing": ProcessingPolicy,
}


@attrs.frozen(kw_only=True)
class PackFile:
    """One file's content, before ids are qualified."""

    pack: Pack | None = None
    themes: tuple[Theme, ...] = items()
    frameworks: tuple[Framework, ...] = items()
    signal_lists: tuple[SignalList, ...] = items()
    extensions: tuple[SignalListExtension, ...] = items()
    routes: tuple[Route, ...] = items()
    dilemma_cards: tuple[DilemmaCard, ...] = items()
    guides: tuple[ConversationGuide, ...] = items()
    cases: tuple[Case, ...] = items()
    workshops: tuple[Workshop, ...] = items()
    trajectories: tuple[Trajectory, ...] = items()
    processing: tuple[ProcessingPolicy, ...] = items()
