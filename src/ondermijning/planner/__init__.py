"""From the exploration's findings to a proposed training trajectory, and checks for any trajectory.

The handreiking's order is the backbone (Leeswijzer): after the exploration (§1) a workshop on
awareness (§2), then process guidance (§3) so that the workshop gets a follow-up. What the
exploration found decides which workshops and which kinds of process guidance are proposed; the
number of participants decides the groups (a werkplaats works in groups of 5–6, a case
discussion in groups of 4–5 with two facilitators); the weeks available decide how many
meetings fit, with a few weeks between meetings of the same process guidance (§3.1). Every
choice carries its reason and its source (``Phase.reason``, ``Session.notes``).

The steps, one module each:

- :mod:`.findings`: what the exploration found (:class:`Findings`, read by :func:`load_findings`);
- :mod:`.choosing`: which modules, and why;
- :mod:`.scheduling`: fitting their meetings into the weeks (:func:`propose`, :func:`plan`);
- :mod:`.checks`: the rules of the handreiking for any trajectory (:func:`validate_trajectory`,
  codes ``T001``–``T007``, run by ``ondermijning validate`` through :data:`TRAJECTORY_RULES`);
- :mod:`.calendar`: weeks and calendar events (:func:`trajectory_events`, written by ``ics``);
- :mod:`.document`: the trajectory as a document for people (:func:`trajectory_document`).

:func:`plan` is deterministic: the same findings and catalog give the same trajectory. The
command is ``ondermijning plan`` (:mod:`ondermijning.commands.plan`).
"""

from __future__ import annotations

# not typing.TYPE_CHECKING: the names below are imported when first used, so that the validate
# rules (planner.checks) do not import the scheduling, rendering and calendar steps with them
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from .calendar import session_weeks as session_weeks
    from .calendar import trajectory_events as trajectory_events
    from .checks import TRAJECTORY_RULES as TRAJECTORY_RULES
    from .checks import dilemma_modules as dilemma_modules
    from .checks import locate as locate
    from .checks import validate_trajectory as validate_trajectory
    from .document import dutch_date as dutch_date
    from .document import trajectory_document as trajectory_document
    from .findings import FRONTLINE_SITUATIONS as FRONTLINE_SITUATIONS
    from .findings import Audience as Audience
    from .findings import Findings as Findings
    from .findings import FindingsError as FindingsError
    from .findings import Need as Need
    from .findings import findings_from_data as findings_from_data
    from .findings import load_findings as load_findings
    from .modules import AVG as AVG
    from .modules import AWARENESS as AWARENESS
    from .modules import CARE_FRAUD as CARE_FRAUD
    from .modules import CASE_DISCUSSION as CASE_DISCUSSION
    from .modules import CASE_MODULES as CASE_MODULES
    from .modules import COACHING as COACHING
    from .modules import DAMOCLES as DAMOCLES
    from .modules import DILEMMAS as DILEMMAS
    from .modules import EARLY_SIGNALLING as EARLY_SIGNALLING
    from .modules import FRONTLINE as FRONTLINE
    from .modules import MIN_GAP as MIN_GAP
    from .modules import PREFERRED_GAP as PREFERRED_GAP
    from .modules import WERKPLAATS as WERKPLAATS
    from .scheduling import PlanError as PlanError
    from .scheduling import Proposal as Proposal
    from .scheduling import plan as plan
    from .scheduling import propose as propose

_LAZY = {
    "session_weeks": "calendar",
    "trajectory_events": "calendar",
    "TRAJECTORY_RULES": "checks",
    "dilemma_modules": "checks",
    "locate": "checks",
    "validate_trajectory": "checks",
    "dutch_date": "document",
    "trajectory_document": "document",
    "FRONTLINE_SITUATIONS": "findings",
    "Audience": "findings",
    "Findings": "findings",
    "FindingsError": "findings",
    "findings_from_data": "findings",
    "Need": "findings",
    "load_findings": "findings",
    "AVG": "modules",
    "AWARENESS": "modules",
    "CARE_FRAUD": "modules",
    "CASE_DISCUSSION": "modules",
    "CASE_MODULES": "modules",
    "COACHING": "modules",
    "DAMOCLES": "modules",
    "DILEMMAS": "modules",
    "EARLY_SIGNALLING": "modules",
    "FRONTLINE": "modules",
    "MIN_GAP": "modules",
    "PREFERRED_GAP": "modules",
    "WERKPLAATS": "modules",
    "PlanError": "scheduling",
    "Proposal": "scheduling",
    "plan": "scheduling",
    "propose": "scheduling",
}


__all__ = [
    "AVG",
    "AWARENESS",
    "CARE_FRAUD",
    "CASE_DISCUSSION",
    "CASE_MODULES",
    "COACHING",
    "DAMOCLES",
    "DILEMMAS",
    "EARLY_SIGNALLING",
    "FRONTLINE",
    "FRONTLINE_SITUATIONS",
    "MIN_GAP",
    "PREFERRED_GAP",
    "TRAJECTORY_RULES",
    "WERKPLAATS",
    "Audience",
    "Findings",
    "FindingsError",
    "Need",
    "PlanError",
    "Proposal",
    "dilemma_modules",
    "dutch_date",
    "findings_from_data",
    "load_findings",
    "locate",
    "plan",
    "propose",
    "session_weeks",
    "trajectory_document",
    "trajectory_events",
    "validate_trajectory",
]


def __getattr__(name: str) -> Any:
    import importlib

    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
