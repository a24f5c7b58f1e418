"""ondermijning: recognise and act on organised crime's grip on vulnerable residents.

Typed models, content packs and a plugin system after the Divosa handreiking (2022).
The public names below are imported lazily, so ``import ondermijning`` (and
``ondermijning --version``) stays fast.
"""

from __future__ import annotations

from ._version import __version__

# not typing.TYPE_CHECKING: importing typing alone costs more than the rest of --version
TYPE_CHECKING = False

#: public name -> the module it lives in (imported on first use)
_LAZY = {
    # loading and checking the catalog
    "load_catalog": "assemble",
    "Catalog": "catalog",
    "Rule": "catalog",
    "validate_catalog": "validate",
    # assessing, and the picture
    "assess": "assessment",
    "ScoringRule": "scoring",
    "InformationPicture": "models.picture",
    "Judgement": "models.picture",
    "Observation": "models.picture",
    "ObservationKind": "models.picture",
    "Pins": "models.picture",
    # pack content in other languages
    "localize": "translation",
    "PackTranslation": "translation",
    # storing and reading back
    "to_json": "serialize",
    "from_json": "serialize",
    "compare_pins": "serialize",
    "PinDifference": "serialize",
    "PinsWarning": "serialize",
    "JSONFormatError": "serialize",
    "json_schema": "schema",
    # errors
    "OndermijningError": "errors",
    "PackError": "errors",
    "InvalidSignalListError": "errors",
    "UnknownItemError": "errors",
    "Problem": "errors",
    "Severity": "errors",
    # plugins
    "hookimpl": "hookspecs",
    "hookspec": "hookspecs",
    # the content models a plugin returns from its hooks
    **dict.fromkeys([
        "ConcernLevel", "Source", "Pack", "Theme", "Framework", "SignalList", "SignalListExtension", "Category",
        "Signal", "ProtectiveFactor", "Goal", "Scoring", "Thresholds", "CombinationStep", "Example", "Route",
        "RouteAction", "RouteScope", "DilemmaCard", "HandlingOption", "Consequences", "Case", "ConversationGuide",
        "FacilitatorRole", "GuideQuestion", "Workshop", "ModuleKind", "GoalType", "Trajectory", "Phase", "Session",
        "ScoringBasis", "BasisKind", "LevelDescription", "Publication", "PublicationKind", "Section", "Role",
        "Exploration", "Question", "Answer", "Stage",
    ], "models"),
}

if TYPE_CHECKING:
    from typing import Any

    # what the lazy names resolve to, for type checkers and editors
    from . import models as models
    from .assemble import load_catalog as load_catalog
    from .assessment import assess as assess
    from .catalog import Catalog as Catalog
    from .catalog import Rule as Rule
    from .errors import InvalidSignalListError as InvalidSignalListError
    from .errors import OndermijningError as OndermijningError
    from .errors import PackError as PackError
    from .errors import Problem as Problem
    from .errors import Severity as Severity
    from .errors import UnknownItemError as UnknownItemError
    from .hookspecs import hookimpl as hookimpl
    from .hookspecs import hookspec as hookspec
    from .models import Answer as Answer
    from .models import BasisKind as BasisKind
    from .models import Case as Case
    from .models import Category as Category
    from .models import CombinationStep as CombinationStep
    from .models import ConcernLevel as ConcernLevel
    from .models import Consequences as Consequences
    from .models import ConversationGuide as ConversationGuide
    from .models import DilemmaCard as DilemmaCard
    from .models import Example as Example
    from .models import Exploration as Exploration
    from .models import FacilitatorRole as FacilitatorRole
    from .models import Framework as Framework
    from .models import Goal as Goal
    from .models import GoalType as GoalType
    from .models import GuideQuestion as GuideQuestion
    from .models import HandlingOption as HandlingOption
    from .models import LevelDescription as LevelDescription
    from .models import ModuleKind as ModuleKind
    from .models import Pack as Pack
    from .models import Phase as Phase
    from .models import ProtectiveFactor as ProtectiveFactor
    from .models import Publication as Publication
    from .models import PublicationKind as PublicationKind
    from .models import Question as Question
    from .models import Role as Role
    from .models import Route as Route
    from .models import RouteAction as RouteAction
    from .models import RouteScope as RouteScope
    from .models import Scoring as Scoring
    from .models import ScoringBasis as ScoringBasis
    from .models import Section as Section
    from .models import Session as Session
    from .models import Signal as Signal
    from .models import SignalList as SignalList
    from .models import SignalListExtension as SignalListExtension
    from .models import Source as Source
    from .models import Stage as Stage
    from .models import Theme as Theme
    from .models import Thresholds as Thresholds
    from .models import Trajectory as Trajectory
    from .models import Workshop as Workshop
    from .models.picture import InformationPicture as InformationPicture
    from .models.picture import Judgement as Judgement
    from .models.picture import Observation as Observation
    from .models.picture import ObservationKind as ObservationKind
    from .models.picture import Pins as Pins
    from .render import render as render
    from .schema import json_schema as json_schema
    from .scoring import ScoringRule as ScoringRule
    from .serialize import JSONFormatError as JSONFormatError
    from .serialize import PinDifference as PinDifference
    from .serialize import PinsWarning as PinsWarning
    from .serialize import compare_pins as compare_pins
    from .serialize import from_json as from_json
    from .serialize import to_json as to_json
    from .translation import PackTranslation as PackTranslation
    from .translation import localize as localize
    from .validate import validate_catalog as validate_catalog

__all__ = ["__version__", "models", "render", *_LAZY]


def __getattr__(name: str) -> Any:
    import importlib

    if name == "models":
        return importlib.import_module(".models", __name__)
    if name == "render":  # the package, which is callable as render() (see ondermijning.render)
        return importlib.import_module(".render", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ondermijning' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
