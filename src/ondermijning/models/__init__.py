"""Typed, frozen models of every content family (attrs).

The model modules do not use ``from __future__ import annotations``: their field types are
objects from the moment a class is made, so loading and validating, which ask for them, compile
nothing (with the import, ``typing.get_type_hints`` compiled every field's annotation text anew:
some 200 times, about 2% of a cold ``validate``). A name defined further down is quoted where a
function's signature needs it; ``tests/test_model_base.py`` keeps every field's type an object.
"""

from .cases import Case, ConversationGuide, FacilitatorRole, GuideQuestion
from .common import ConcernLevel, Source, pack_of, qualify
from .dilemmas import Consequences, DilemmaCard, HandlingOption
from .exploration import Answer, Exploration, Question, Stage
from .pack import Pack
from .packfile import FAMILIES, PackFile
from .processing import ProcessingPolicy
from .publications import Publication, PublicationKind, Section
from .routes import Role, Route, RouteAction, RouteScope
from .signals import (
    BasisKind,
    Category,
    CombinationStep,
    Example,
    Goal,
    LevelDescription,
    ProtectiveFactor,
    Scoring,
    ScoringBasis,
    Signal,
    SignalList,
    SignalListExtension,
    Thresholds,
)
from .training import GoalType, ModuleKind, Phase, Session, Trajectory, Workshop
from .vocabulary import Framework, Theme

__all__ = [
    "FAMILIES",
    "Answer",
    "BasisKind",
    "Case",
    "Category",
    "CombinationStep",
    "ConcernLevel",
    "Consequences",
    "ConversationGuide",
    "DilemmaCard",
    "Example",
    "Exploration",
    "FacilitatorRole",
    "Framework",
    "Goal",
    "GoalType",
    "GuideQuestion",
    "HandlingOption",
    "LevelDescription",
    "ModuleKind",
    "Pack",
    "PackFile",
    "Phase",
    "ProcessingPolicy",
    "ProtectiveFactor",
    "Publication",
    "PublicationKind",
    "Question",
    "Role",
    "Route",
    "RouteAction",
    "RouteScope",
    "Scoring",
    "ScoringBasis",
    "Section",
    "Session",
    "Signal",
    "SignalList",
    "SignalListExtension",
    "Source",
    "Stage",
    "Theme",
    "Thresholds",
    "Trajectory",
    "Workshop",
    "pack_of",
    "qualify",
]
