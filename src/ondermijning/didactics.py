"""Didactics of the handreiking (§5) as data: what the goal means for group, room and programme.

The goal of a meeting decides almost everything else: knowledge transfer (kennisoverdracht)
works in a large group, also online, in a theatre set-up; shaping a process together needs
groups of 10–15, breakouts of three or four and a pleasant room where people see each other.
Every meeting has the same fixed programme elements, and every workshop needs work on three
levels beside it (organisational, collegial consultation, backing by management).

The data lives in ``ondermijning/data/didactics.toml`` (outside the core pack folder: it is no
catalog family) and is read once with :func:`load_didactics`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import attrs

from .models import GoalType, Source
from .models.common import items, local_id_field, texts

DATA_FILE = "didactics.toml"


@attrs.frozen(kw_only=True)
class Range:
    """A group size; ``max = 0`` means: not bounded."""

    min: int = 0
    max: int = 0

    def __str__(self) -> str:
        if not self.max:
            return "onbeperkt" if not self.min else f"vanaf {self.min}"
        return f"{self.min}–{self.max}" if self.min != self.max else str(self.min)


@attrs.frozen(kw_only=True)
class GoalDidactics:
    """What a goal (knowledge transfer or shaping a process) asks of group, breakouts, room and place."""

    goal_type: GoalType
    name: str
    summary: str
    group: Range
    breakout: Range
    room_setups: tuple[str, ...] = texts()
    location: str
    source: Source


@attrs.frozen(kw_only=True)
class RoomSetup:
    """A room set-up (kring, theater, café, vergadering) and what it is for."""

    id: str = local_id_field()
    name: str
    purpose: str
    source: Source


@attrs.frozen(kw_only=True)
class Advice:
    advice: tuple[str, ...] = texts()
    source: Source


@attrs.frozen(kw_only=True)
class ProgrammeElement:
    """A fixed element of every meeting's programme, in order."""

    id: str = local_id_field()
    name: str
    text: str
    items: tuple[str, ...] = texts()
    source: Source


@attrs.frozen(kw_only=True)
class Level:
    """One of the three levels that must accompany workshops and process guidance (§3.1)."""

    id: str = local_id_field()
    name: str
    text: str
    source: Source


@attrs.frozen(kw_only=True)
class FollowUp:
    text: str
    source: Source


@attrs.frozen(kw_only=True)
class Didactics:
    publication: str
    goals: tuple[GoalDidactics, ...] = items()
    room_setups: tuple[RoomSetup, ...] = items()
    breakout: Advice
    programme: tuple[ProgrammeElement, ...] = items()
    preparation: Advice
    levels: tuple[Level, ...] = items()
    follow_up: FollowUp

    def for_goal(self, goal_type: GoalType) -> GoalDidactics:
        return next(g for g in self.goals if g.goal_type is goal_type)

    def room_setup(self, setup_id: str) -> RoomSetup:
        return next(r for r in self.room_setups if r.id == setup_id)


def _with_publication(data: Any, publication: str) -> Any:
    """Every ``source`` table names only its section; the publication is written once at the top."""
    if isinstance(data, dict):
        out = {key: _with_publication(value, publication) for key, value in data.items()}
        if isinstance(out.get("source"), dict):
            out["source"] = {"publication": publication, **out["source"]}
        return out
    if isinstance(data, list):
        return [_with_publication(value, publication) for value in data]
    return data


@functools.cache
def load_didactics() -> Didactics:
    """The didactics of the handreiking, read from the library's own data (cached)."""
    from . import _toml
    from .converter import converter

    # a path next to the module, as for the core pack: importlib.resources would cost more than reading the file
    text = (Path(__file__).parent / "data" / DATA_FILE).read_text(encoding="utf-8")
    data = _toml.loads(text)
    return converter.structure(_with_publication(data, data.get("publication", "")), Didactics)
