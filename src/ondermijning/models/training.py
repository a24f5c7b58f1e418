"""Training offer (trainingsaanbod): workshops and other modules, and trajectories built from them.

The planner and its checks (T001–T007): ``planner/``; the document: ``planner/document.py``;
calendar files: ``ics.py``; command: ``commands/plan.py``.
"""

import enum

import attrs

from ..model_base import Model
from .common import Source, id_field, items, prose, prose_list, ref_field
from .conversion import as_enum


class ModuleKind(enum.Enum):
    EXPLORATION = "exploration"  # verkenning
    WORKSHOP = "workshop"
    PROCESS = "process"  # procesbegeleiding
    COACHING = "coaching"


class GoalType(enum.Enum):
    """Didactics (§5): the goal decides group size and room set-up."""

    KNOWLEDGE = "knowledge"  # kennisoverdracht
    PROCESS = "process"  # vormgeven van een proces


def _module_kind(value: ModuleKind | str) -> ModuleKind:
    return as_enum(ModuleKind, value)


def _goal_type(value: GoalType | str) -> GoalType:
    return as_enum(GoalType, value)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Workshop(Model):
    """A module of the training offer: a workshop, a process-guidance approach, coaching."""

    id: str = id_field()
    title: str = prose()
    kind: ModuleKind = attrs.field(converter=_module_kind)
    goal_type: GoalType = attrs.field(converter=_goal_type)
    goal: str = prose()
    source: Source
    audience: str = prose("")
    facilitator: str = prose("")
    min_group: int = 0
    max_group: int = 0  # 0: no limit
    duration: str = prose("")
    room_setup: str = prose("")
    follow_up: str = prose("")
    themes: tuple[str, ...] = ref_field("themes", many=True)
    notes: tuple[str, ...] = prose_list()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Session(Model):
    """One meeting of a trajectory."""

    title: str = prose()
    module: str = ref_field("workshops")
    weeks_after_previous: int = 0
    participants: int = 0
    facilitators: int = 1
    cases: tuple[str, ...] = ref_field("cases", many=True)
    notes: tuple[str, ...] = prose_list()


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Phase(Model):
    title: str = prose()
    sessions: tuple[Session, ...] = items()
    reason: str = prose("")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Trajectory(Model):
    """Modules composed into phases and sessions (e.g. the example municipality's three meetings)."""

    id: str = id_field()
    title: str = prose()
    source: Source
    description: str = prose("")
    phases: tuple[Phase, ...] = items()
