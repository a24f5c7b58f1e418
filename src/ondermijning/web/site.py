"""What every request of the app reads: the catalog and what is known about it, loaded once, never written.

The app keeps no state about the people who use it: :class:`Site` holds only the catalog (read-only)
and its validation report, computed on first use (its messages once per language asked for).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs
from litestar.di import NamedDependency

from ..catalog import Catalog
from ..errors import Problem, Severity
from ..i18n import language
from ..models import RouteScope, pack_of


@attrs.frozen(kw_only=True)
class PackReport:
    """A pack's validation status: how many errors and warnings ``validate_catalog`` finds in its items."""

    errors: int = 0
    warnings: int = 0


@attrs.define(eq=False)
class Site:
    """The catalog the app serves and what the pages derive from it.

    ``register_enabled``: a register is mounted (``serve --db``); the pages then say what it keeps.
    """

    catalog: Catalog
    register_enabled: bool = False
    _problems: dict[str, tuple[Problem, ...]] = attrs.field(factory=dict, init=False, repr=False)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """What the validator finds in the catalog, with its messages in the request's language.

        The catalog's own load problems keep the language the catalog was loaded in (they are
        made once, with the catalog).
        """
        chosen = language()
        found = self._problems.get(chosen)
        if found is None:
            from ..validate import validate_catalog

            found = self._problems[chosen] = (*self.catalog.problems, *validate_catalog(self.catalog))
        return found

    @functools.cached_property
    def reports(self) -> Mapping[str, PackReport]:
        """Per pack id: its errors and warnings (problems located in a pack's files or items)."""
        counts: dict[str, list[int]] = {pack: [0, 0] for pack in self.catalog.packs}
        for problem in self.problems:
            pack = self._pack_of_problem(problem)
            if pack in counts:
                counts[pack][0 if problem.severity is Severity.ERROR else 1] += 1
        return {pack: PackReport(errors=e, warnings=w) for pack, (e, w) in counts.items()}

    def _pack_of_problem(self, problem: Problem) -> str:
        for pack_id, provenance in self.catalog.provenance.items():
            if "/" in pack_id or provenance.location is None:
                continue
            folder = provenance.location.file.rsplit("/", 1)[0]
            if problem.file.startswith(folder + "/"):
                return pack_id
        return ""

    @functools.cached_property
    def municipalities(self) -> tuple[str, ...]:
        """Pack ids that publish local routes: the municipalities a professional can choose."""
        return tuple(sorted({pack_of(r.id) for r in self.catalog.routes.values() if r.scope is RouteScope.LOCAL}))


#: how a handler asks for the site: ``site: SiteDep`` (injected by name, see ``create_app``)
SiteDep = NamedDependency[Site]
