"""Cases (casuïstiek) and the conversation guide used to discuss them.

Session checks (S001–S003): ``sessions.py``; rendering: ``render/cards.py``; command:
``commands/guide.py``.
"""

from __future__ import annotations

import attrs

from .common import Source, id_field, items, ref_field, texts


@attrs.frozen(kw_only=True)
class FacilitatorRole:
    """A role in the session, e.g. gespreksleider (moderator) or observator."""

    name: str
    task: str


@attrs.frozen(kw_only=True)
class GuideQuestion:
    """A question of the conversation and what it is for."""

    text: str
    purpose: str


@attrs.frozen(kw_only=True)
class ConversationGuide:
    """How a case discussion runs: roles, group size, opening, questions, closing, reflection."""

    id: str = id_field()
    title: str
    source: Source
    roles: tuple[FacilitatorRole, ...] = items()
    min_participants: int = 4
    max_participants: int = 5
    max_cases: int = 2
    opening: tuple[str, ...] = texts()
    questions: tuple[GuideQuestion, ...] = items()
    closing: tuple[str, ...] = texts()
    reflection_together: tuple[str, ...] = texts()
    reflection_alone: tuple[str, ...] = texts()


@attrs.frozen(kw_only=True)
class Case:
    """A short story with a moral tension, discussed with a conversation guide."""

    id: str = id_field()
    title: str
    story: str
    source: Source
    guide: str = ref_field("guides")
    tensions: tuple[str, ...] = texts()
    themes: tuple[str, ...] = ref_field("themes", many=True)
