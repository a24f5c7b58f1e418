"""Routes (lokale routekaart): whom to contact for what, and the roles routes can fill in.

Which routes a picture names: ``assessment.select_routes`` (``docs/routes.md``); rule V006 in
``validate.py``; rendering: ``render/picture.py``.
"""

import enum

import attrs

from ..model_base import Model
from .common import ConcernLevel, Source, id_field, optional_ref_field, prose, prose_list, ref_field
from .conversion import as_enum, to_levels


class RouteScope(enum.Enum):
    """Municipal routes are offered before national fallbacks."""

    LOCAL = "local"
    NATIONAL = "national"


class RouteAction(enum.Enum):
    """Asking for advice is not the same as making a report."""

    ADVICE = "advice"  # advies vragen
    REPORT = "report"  # melding doen
    CONSULT = "consult"  # overleg met collega's of in een netwerk


def _scope(value: RouteScope | str) -> RouteScope:
    return as_enum(RouteScope, value)


def _action(value: RouteAction | str) -> RouteAction:
    return as_enum(RouteAction, value)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Role(Model):
    """A table, hub or function the sources describe, that a municipality fills in with a route.

    The core pack holds the roles (ondermijningstafel, informatieknooppunt, Zorg- en
    Veiligheidshuis, RIEC, Halt, Meldpunt Ondermijning, ...); a municipal pack's route names
    one with ``role`` and adds who and how to reach them. ``receiving`` is guidance for the
    role itself (feedback to the reporter, for instance). ``wished`` marks a role a source
    only wishes for, not one that exists there.
    """

    id: str = id_field()
    name: str = prose()
    description: str = prose()
    when: str = prose()
    source: Source
    share: str = prose("")
    receiving: str = prose("")
    wished: bool = False
    notes: tuple[str, ...] = prose_list()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Route(Model):
    """One way to act: a role or organisation, when to use it, and what to expect.

    ``contact`` describes a role (never an invented person); ``to_fill_in`` marks a
    route whose contact details the municipality still has to add. ``themes`` empty means
    the route fits every theme; ``lists`` empty means it fits every signal list, so a pack
    can offer routes for another pack's list without adding signals to it. ``role`` names
    the :class:`Role` this route fills in, if any.
    """

    id: str = id_field()
    name: str = prose()
    action: RouteAction = attrs.field(converter=_action)
    scope: RouteScope = attrs.field(converter=_scope)
    levels: tuple[ConcernLevel, ...] = attrs.field(converter=to_levels)
    when: str = prose()
    source: Source
    contact: str = prose("")
    phone: str = ""
    themes: tuple[str, ...] = ref_field("themes", many=True)
    share: str = prose("")  # what may be shared
    legal_basis: str = prose("")  # on which basis
    feedback: str = prose("")  # what the reporter can expect back
    to_fill_in: bool = False
    notes: tuple[str, ...] = prose_list()
    lists: tuple[str, ...] = ref_field("signal_lists", many=True)
    role: str = optional_ref_field("roles")
