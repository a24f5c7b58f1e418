"""The core pack (themes, frameworks, training offer) and the built-in validation rules.

Each family's rules live with that family; this plugin contributes them all, registered
exactly as an external plugin's rules would be.
"""

from __future__ import annotations

from pathlib import Path

from ..catalog import Rule
from ..citations import CITATION_RULES
from ..exploration import EXPLORATION_RULES
from ..hookspecs import hookimpl
from ..planner.checks import TRAJECTORY_RULES
from ..processing_rules import PROCESSING_RULES
from ..signal_rules import SIGNAL_LIST_RULES
from ..translation_rules import TRANSLATION_RULES
from ..validate import GENERIC_RULES

#: every built-in rule, by family: shared (V001, V006, V007), signal lists, citations (V010, V011),
#: explorations (V013), translations (V014), trajectories (T001–T007), processing (R001)
BUILTIN_RULES: tuple[Rule, ...] = (*GENERIC_RULES, *SIGNAL_LIST_RULES, *CITATION_RULES, *EXPLORATION_RULES,
                                   *TRANSLATION_RULES, *TRAJECTORY_RULES, *PROCESSING_RULES)


@hookimpl
def ondermijning_pack_paths() -> list[Path]:
    # a path next to the module, not importlib.resources.files(): see ondermijning_pack_paths in hookspecs
    return [Path(__file__).parent.parent / "data" / "core"]


@hookimpl
def ondermijning_validation_rules() -> tuple[Rule, ...]:
    return BUILTIN_RULES
