"""Typed, frozen models of every content family (attrs)."""

from .cases import Case, ConversationGuide, FacilitatorRole, GuideQuestion
from .common import ConcernLevel, Source, pack_of, qualify
from .dilemmas import Consequences, DilemmaCard, HandlingOption
from .pack import Pack
from .packfile import FAMILIES, PackFile
from .processing import ProcessingPolicy
from .routes import Route, RouteAction, RouteScope
from .signals import (
    Category,
    CombinationStep,
    Example,
    Goal,
    ProtectiveFactor,
    Scoring,
    Signal,
    SignalList,
    SignalListExtension,
    Thresholds,
)
from .training import GoalType, ModuleKind, Phase, Session, Trajectory, Workshop
from .vocabulary import Framework, Theme

__all__ = [
    "FAMILIES",
    "Case",
    "Category",
    "CombinationStep",
    "ConcernLevel",
    "Consequences",
    "ConversationGuide",
    "DilemmaCard",
    "Example",
    "FacilitatorRole",
    "Framework",
    "Goal",
    "GoalType",
    "GuideQuestion",
    "HandlingOption",
    "ModuleKind",
    "Pack",
    "PackFile",
    "Phase",
    "ProcessingPolicy",
    "ProtectiveFactor",
    "Route",
    "RouteAction",
    "RouteScope",
    "Scoring",
    "Session",
    "Signal",
    "SignalList",
    "SignalListExtension",
    "Source",
    "Theme",
    "Thresholds",
    "Trajectory",
    "Workshop",
    "pack_of",
    "qualify",
]
