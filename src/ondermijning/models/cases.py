"""Cases (casuïstiek) and the conversation guide used to discuss them.

Session checks (S001–S003): ``sessions.py``; rendering: ``render/cards.py``; command:
``commands/guide.py``.
"""

import attrs

from ..model_base import Model
from .common import Source, id_field, items, prose, prose_list, ref_field


@attrs.frozen(kw_only=True, eq=False, repr=False)
class FacilitatorRole(Model):
    """A role in the session, e.g. gespreksleider (moderator) or observator."""

    name: str = prose()
    task: str = prose()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class GuideQuestion(Model):
    """A question of the conversation and what it is for."""

    text: str = prose()
    purpose: str = prose()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ConversationGuide(Model):
    """How a case discussion runs: roles, group size, opening, questions, closing, reflection."""

    id: str = id_field()
    title: str = prose()
    source: Source
    roles: tuple[FacilitatorRole, ...] = items()
    min_participants: int = 4
    max_participants: int = 5
    max_cases: int = 2
    opening: tuple[str, ...] = prose_list()
    questions: tuple[GuideQuestion, ...] = items()
    closing: tuple[str, ...] = prose_list()
    reflection_together: tuple[str, ...] = prose_list()
    reflection_alone: tuple[str, ...] = prose_list()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Case(Model):
    """A short story with a moral tension, discussed with a conversation guide."""

    id: str = id_field()
    title: str = prose()
    story: str = prose()
    source: Source
    guide: str = ref_field("guides")
    tensions: tuple[str, ...] = prose_list()
    themes: tuple[str, ...] = ref_field("themes", many=True)
