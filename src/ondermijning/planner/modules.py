"""The core modules the planner composes, and the sections of the handreiking it cites."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..i18n import _
from ..models import Workshop

if TYPE_CHECKING:
    from ..catalog import Catalog

AWARENESS = "core/workshop-bewustwording"
AVG = "core/workshop-avg"
DAMOCLES = "core/workshop-damocles"
CARE_FRAUD = "core/workshop-zorgfraude"
WERKPLAATS = "core/proces-werkplaats"
FRONTLINE = "core/proces-frontlijnteams"
DILEMMAS = "core/proces-dilemmas"
CASE_DISCUSSION = "core/proces-casuistiek"
EARLY_SIGNALLING = "core/proces-vroegsignalering"
COACHING = "core/coaching"

#: modules whose sessions are case discussions, checked against a conversation guide
CASE_MODULES = frozenset({CASE_DISCUSSION, "nsob/casussessies"})

#: weeks between meetings of the same process guidance: preferred, and the least the checks accept
PREFERRED_GAP, MIN_GAP = 3, 2

SECTION_FOLLOW_UP = "handreiking §2.1 en §3.1"
SECTION_GAP = "handreiking §3.1, werkplaats: enkele weken tussen de sessies"
SECTION_DILEMMA = "handreiking §3.3; De naïviteit voorbij, pilot Nieuwegein"


def source_line(module: Workshop) -> str:
    return _("Bron: {module}: {source}.").format(module=module.title, source=module.source)


def theme_names(catalog: Catalog, themes: Iterable[str]) -> str:
    return ", ".join(catalog.themes[t].name.lower() if t in catalog.themes else t for t in themes)


