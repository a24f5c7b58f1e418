# mypy: disable-error-code="empty-body"
# (hook specifications are signatures with documentation; pluggy never calls their bodies)
"""The hooks through which plugins and packs contribute to the catalog.

Every hook is prefixed ``ondermijning_``. Contribution hooks take no arguments and return
an iterable of items; the results of all plugins are merged (none is ``firstresult``), and
two plugins that contribute the same id are reported with both their names.

Items a Python plugin returns carry *qualified* ids (``"mypack/wijkagent"``) and must
belong to a pack that some plugin provides, through :func:`ondermijning_pack_paths` (a
TOML folder) or :func:`ondermijning_packs` (a :class:`~ondermijning.models.Pack` record).

The smallest plugin is a TOML folder offered by a distribution::

    # pyproject.toml:  [project.entry-points.ondermijning]  mypack = "mypack_plugin"
    from pathlib import Path
    from ondermijning import hookimpl

    @hookimpl
    def ondermijning_pack_paths():
        return [Path(__file__).parent / "pack"]
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from typing import TYPE_CHECKING

import pluggy

from ._compat import Traversable

if TYPE_CHECKING:
    from .catalog import Rule
    from .destinations import PictureDestination
    from .models import (
        Case,
        ConversationGuide,
        DilemmaCard,
        Exploration,
        Framework,
        Pack,
        ProcessingPolicy,
        Publication,
        Role,
        Route,
        SignalList,
        SignalListExtension,
        Theme,
        Trajectory,
        Workshop,
    )
    from .scoring import ScoringRule
    from .translation import PackTranslation

PROJECT = "ondermijning"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def ondermijning_pack_paths() -> Iterable[str | PathLike[str] | Traversable]:
    """Folders of TOML packs this plugin provides (each holds a ``pack.toml``).

    The built-in directory plugin loads them as data only; nothing in the folder runs::

        @hookimpl
        def ondermijning_pack_paths():
            return [Path(__file__).parent / "pack"]

    A path next to the module is the cheap way to name the folder: ``importlib.resources.files(__name__)
    / "pack"`` works too (any ``Traversable`` is taken, as its ``str()``), but importing
    ``importlib.resources`` and calling ``files()`` adds about 20 ms of CPU time to every command that
    loads the catalog, more than the bare interpreter costs. It buys nothing here: the folder loader
    reads real folders, so a pack installed inside a zip cannot be read either way.
    """


@hookspec
def ondermijning_packs() -> Iterable[Pack]:
    """Pack records for content this plugin defines in Python.

    ::

        @hookimpl
        def ondermijning_packs():
            return [Pack(id="utrecht", name="Utrecht", version="1.0.0")]
    """


@hookspec
def ondermijning_publications() -> Iterable[Publication]:
    """Entries of the bibliography: publications and the sections they declare.

    A ``source.publication`` names a publication by its ``title``; validate reports a
    section the publication does not declare (V010) and a publication nobody declares (V011).
    The core pack holds the Divosa publications; a pack adds its own::

        @hookimpl
        def ondermijning_publications():
            return [Publication(id="utrecht/routekaart", title="Gemeente Utrecht, Lokale routekaart (2026)",
                                sections=[Section(title="Jeugd"), Section(title="Wonen")])]
    """


@hookspec
def ondermijning_themes() -> Iterable[Theme]:
    """Themes (forms of ondermijning) that signals, routes and cards point at."""


@hookspec
def ondermijning_frameworks() -> Iterable[Framework]:
    """Legal and professional frameworks (AVG, Wet Damocles, meldcode, ...)."""


@hookspec
def ondermijning_signal_lists() -> Iterable[SignalList]:
    """Whole signal lists.

    ::

        @hookimpl
        def ondermijning_signal_lists():
            return [SignalList(id="utrecht/buurt", name="Buurtsignalen", ...)]
    """


@hookspec
def ondermijning_signal_list_extensions() -> Iterable[SignalListExtension]:
    """Signals, protective factors and goals added to another pack's list.

    ::

        @hookimpl
        def ondermijning_signal_list_extensions():
            return [SignalListExtension(id="utrecht/extra", target="deurne/jongeren",
                                        signals=[...], source=Source("Gemeente Utrecht"))]
    """


@hookspec
def ondermijning_roles() -> Iterable[Role]:
    """Roles: tables, hubs and functions (ondermijningstafel, RIEC, ...) a route can fill in.

    ::

        @hookimpl
        def ondermijning_roles():
            return [Role(id="utrecht/wijkmarinier", name="Wijkmarinier", description="...",
                         when="Bij een wijk waar zorg en veiligheid vastlopen.", source=SOURCE)]
    """


@hookspec
def ondermijning_routes() -> Iterable[Route]:
    """Routes: whom to contact for what, at which concern level and theme.

    A local route belongs to its pack's municipality: ``assess(..., municipality=...)``
    chooses whose local routes a picture names (default: the list's own pack), national
    routes come after. ``lists`` restricts a route to some signal lists (empty: every list)::

        @hookimpl
        def ondermijning_routes():
            return [Route(id="utrecht/wijkteam", name="Wijkteam", action=RouteAction.ADVICE,
                          scope=RouteScope.LOCAL, levels=[ConcernLevel.MODERATE], ...)]
    """


@hookspec
def ondermijning_dilemma_cards() -> Iterable[DilemmaCard]:
    """Dilemma cards: a situation, values in tension, options and their consequences."""


@hookspec
def ondermijning_guides() -> Iterable[ConversationGuide]:
    """Conversation guides for case discussions."""


@hookspec
def ondermijning_cases() -> Iterable[Case]:
    """Cases for case discussions, each pointing at a conversation guide."""


@hookspec
def ondermijning_workshops() -> Iterable[Workshop]:
    """Modules of the training offer (workshops, process guidance, coaching)."""


@hookspec
def ondermijning_trajectories() -> Iterable[Trajectory]:
    """Trajectories: modules composed into phases and sessions."""


@hookspec
def ondermijning_explorations() -> Iterable[Exploration]:
    """Explorations (verkenning): questions, the answers they typically get, and what each says.

    ``ondermijning explore ID`` walks one and writes a findings file for ``plan --from``::

        @hookimpl
        def ondermijning_explorations():
            return [Exploration(id="utrecht/wijkverkenning", title="Verkenning in de wijk",
                                introduction="...", source=SOURCE, questions=[...])]
    """


@hookspec
def ondermijning_processing() -> Iterable[ProcessingPolicy]:
    """A municipality's processing record for the register: purpose, legal basis, retention.

    At most one per pack (R001); it applies to the cases of the pack's municipality::

        @hookimpl
        def ondermijning_processing():
            return [ProcessingPolicy(id="utrecht/register", purpose="...", legal_basis="...",
                                     retention_days=365, source=Source("Gemeente Utrecht"))]
    """


@hookspec
def ondermijning_picture_destinations() -> Iterable[PictureDestination]:
    """Case systems that take a municipality's pictures instead of the register's own store.

    One per municipality; the register then keeps only the receipt (see
    :mod:`ondermijning.destinations`)::

        @hookimpl
        def ondermijning_picture_destinations():
            return [PictureDestination(id="utrecht/zaaksysteem", municipality="utrecht",
                                       name="Zaaksysteem Utrecht", send=send_to_my_system)]
    """


@hookspec
def ondermijning_validation_rules() -> Iterable[Rule]:
    """Extra validation rules, run by ``ondermijning validate`` after the built-in ones.

    ::

        @hookimpl
        def ondermijning_validation_rules():
            return [Rule(code="X001", summary="routes name a phone number",
                         check=lambda catalog: [...])]
    """


@hookspec
def ondermijning_scoring_rules() -> Iterable[ScoringRule]:
    """Extra scoring rules: points on top of weights and combination steps.

    A rule must be deterministic and monotone (more observations never give fewer points)
    and give nothing for no observations; the property tests in
    ``ondermijning.testing.properties`` check every installed list with every rule::

        def evening_and_school(signal_list, observed):
            if {"deurne/vrije-tijd-hangplek", "deurne/school-spijbelt"} <= observed:
                yield Contribution(kind=ContributionKind.RULE, source="utrecht/avond-en-school",
                                   points=2, text="'s avonds op straat en spijbelen samen")

        @hookimpl
        def ondermijning_scoring_rules():
            return [ScoringRule(id="utrecht/avond-en-school", summary="hangplek en spijbelen samen",
                                contribute=evening_and_school, lists=["deurne/jongeren"])]

    (``docs/hooks.md`` has every hook's example as one plugin that the tests load.)
    """


@hookspec
def ondermijning_translations() -> Iterable[PackTranslation]:
    """A pack's texts in another language than it is written in, one record per pack and language.

    The pack declares the language (``Pack(translations=("en",))``; rule V014 reports every text
    the translation leaves out). Keys are the tables of ``translations/<lang>.toml`` (see
    :mod:`ondermijning.translation`); a folder pack's files come through this hook as well::

        @hookimpl
        def ondermijning_translations():
            return [PackTranslation.from_tables("utrecht", "en", {
                "routes": {"wijkteam": {"name": "Neighbourhood team", "when": "When in doubt."}}})]
    """


#: catalog family -> the hook that contributes it
FAMILY_HOOKS: dict[str, str] = {
    "publications": "ondermijning_publications",
    "themes": "ondermijning_themes",
    "frameworks": "ondermijning_frameworks",
    "signal_lists": "ondermijning_signal_lists",
    "extensions": "ondermijning_signal_list_extensions",
    "roles": "ondermijning_roles",
    "routes": "ondermijning_routes",
    "dilemma_cards": "ondermijning_dilemma_cards",
    "guides": "ondermijning_guides",
    "cases": "ondermijning_cases",
    "workshops": "ondermijning_workshops",
    "trajectories": "ondermijning_trajectories",
    "processing": "ondermijning_processing",
    "explorations": "ondermijning_explorations",
}
