"""The exploration (verkenning, handreiking §1) as data: its questions, and what each answer says.

Each question lists the answers an explorer typically hears; an answer names what it says about
the training to plan: needs and audiences (the planner's values, checked by rule V013), themes,
or the situation of frontline teams (§3.2). ``ondermijning explore`` walks the questions and
writes the findings file ``plan --from`` reads (``exploration.py``; command ``commands/explore.py``).
"""

import enum

import attrs

from ..model_base import Model
from .common import Source, id_field, items, local_id_field, prose, prose_list, ref_field, texts
from .conversion import as_enum


class Stage(enum.Enum):
    """Questions the explorer answers before the conversations, and questions asked in them."""

    PREPARATION = "preparation"
    CONVERSATION = "conversation"


def _stage(value: Stage | str) -> Stage:
    return as_enum(Stage, value)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Answer(Model):
    """An answer an explorer may hear, and what it says about the training to plan."""

    id: str = local_id_field()
    text: str = prose()
    needs: tuple[str, ...] = texts()  # planner needs: "information-sharing", "damocles", ...
    audiences: tuple[str, ...] = texts()  # planner audiences: "social", "safety", ...
    themes: tuple[str, ...] = ref_field("themes", many=True)
    frontline_situation: int = 0  # 1-4: a situation of frontline teams (§3.2); 0: says nothing about it
    explanation: str = prose("")  # why this answer points there


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Question(Model):
    """A question of the exploration, what it is for, and the answers it typically gets."""

    id: str = local_id_field()
    stage: Stage = attrs.field(converter=_stage)
    text: str = prose()
    purpose: str = prose("")
    answers: tuple[Answer, ...] = items()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Exploration(Model):
    """A verkenning: how to go about it, its questions and what to do afterwards."""

    id: str = id_field()
    title: str = prose()
    introduction: str = prose()
    source: Source
    questions: tuple[Question, ...] = items()
    advice: tuple[str, ...] = prose_list()  # how to ask: don't answer yourself, follow the energy, ...
    afterwards: tuple[str, ...] = prose_list()  # what follows the exploration
