"""The shape of one TOML file in a pack folder.

Every file may hold any family as an array of tables (``[[routes]]``,
``[[signal_lists]]``, ...); only ``pack.toml`` holds the ``[pack]`` table.
"""

import attrs

from ..i18n import N_
from ..model_base import Model
from .cases import Case, ConversationGuide
from .common import items
from .dilemmas import DilemmaCard
from .exploration import Exploration
from .pack import Pack
from .processing import ProcessingPolicy
from .publications import Publication
from .routes import Role, Route
from .signals import SignalList, SignalListExtension
from .training import Trajectory, Workshop
from .vocabulary import Framework, Theme

#: catalog family name -> item class; the TOML key of a family is its name
FAMILIES: dict[str, type] = {
    "publications": Publication,
    "themes": Theme,
    "frameworks": Framework,
    "signal_lists": SignalList,
    "extensions": SignalListExtension,
    "roles": Role,
    "routes": Route,
    "dilemma_cards": DilemmaCard,
    "guides": ConversationGuide,
    "cases": Case,
    "workshops": Workshop,
    "trajectories": Trajectory,
    "explorations": Exploration,
    "processing": ProcessingPolicy,
}

#: a family's name for people (translate with ``_``): "signal lists: 1" reads ``signalenlijsten: 1``
FAMILY_LABELS: dict[str, str] = {
    "publications": N_("publicaties"),
    "themes": N_("thema's"),
    "frameworks": N_("kaders"),
    "signal_lists": N_("signalenlijsten"),
    "extensions": N_("uitbreidingen"),
    "roles": N_("rollen"),
    "routes": N_("routes"),
    "dilemma_cards": N_("dilemmakaarten"),
    "guides": N_("gespreksleidraden"),
    "cases": N_("casussen"),
    "workshops": N_("modules"),
    "trajectories": N_("trajecten"),
    "explorations": N_("verkenningen"),
    "processing": N_("verwerkingen"),
    "signals": N_("signalen"),
}


def family_label(family: str) -> str:
    """A family's name in the chosen language (its own name when it has no label)."""
    from ..i18n import _

    label = FAMILY_LABELS.get(family)
    return _(label) if label is not None else family.replace("_", " ")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class PackFile(Model):
    """One file's content, before ids are qualified."""

    pack: Pack | None = None
    publications: tuple[Publication, ...] = items()
    themes: tuple[Theme, ...] = items()
    frameworks: tuple[Framework, ...] = items()
    signal_lists: tuple[SignalList, ...] = items()
    extensions: tuple[SignalListExtension, ...] = items()
    roles: tuple[Role, ...] = items()
    routes: tuple[Route, ...] = items()
    dilemma_cards: tuple[DilemmaCard, ...] = items()
    guides: tuple[ConversationGuide, ...] = items()
    cases: tuple[Case, ...] = items()
    workshops: tuple[Workshop, ...] = items()
    trajectories: tuple[Trajectory, ...] = items()
    explorations: tuple[Exploration, ...] = items()
    processing: tuple[ProcessingPolicy, ...] = items()
