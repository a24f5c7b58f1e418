"""Dilemma cards (dilemmakaart), after the Nieuwegein card.

Rendering: ``render/cards.py``; the walk: ``interactive.py``; command: ``commands/dilemma.py``.
"""

import attrs

from ..model_base import Model
from .common import Source, id_field, items, optional_ref_field, prose, prose_list, ref_field


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Consequences(Model):
    """What a handling option means for each party."""

    client: str = prose()
    system: str = prose()  # gezin / systeem
    professional: str = prose()
    organisation: str = prose()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class HandlingOption(Model):
    """One way to handle the dilemma and what follows from it."""

    title: str = prose()
    description: str = prose()
    consequences: Consequences


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DilemmaCard(Model):
    """A situation with values in tension, questions to weigh and handling options."""

    id: str = id_field()
    title: str = prose()
    situation: str = prose()
    source: Source
    values: tuple[str, ...] = prose_list()
    questions: tuple[str, ...] = prose_list()
    options: tuple[HandlingOption, ...] = items()
    frameworks: tuple[str, ...] = ref_field("frameworks", many=True)
    themes: tuple[str, ...] = ref_field("themes", many=True)
    signals: tuple[str, ...] = ref_field("signals", many=True)
    routes: tuple[str, ...] = ref_field("routes", many=True)
    usage: str = optional_ref_field("workshops")  # the module that explains how to use the card
