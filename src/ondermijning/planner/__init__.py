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

from .calendar import session_weeks, trajectory_events
from .checks import TRAJECTORY_RULES, dilemma_modules, locate, validate_trajectory
from .document import dutch_date, trajectory_document
from .findings import (
    FRONTLINE_SITUATIONS,
    Audience,
    Findings,
    FindingsError,
    Need,
    findings_from_data,
    load_findings,
)
from .modules import (
    AVG,
    AWARENESS,
    CARE_FRAUD,
    CASE_DISCUSSION,
    CASE_MODULES,
    COACHING,
    DAMOCLES,
    DILEMMAS,
    EARLY_SIGNALLING,
    FRONTLINE,
    MIN_GAP,
    PREFERRED_GAP,
    WERKPLAATS,
)
from .scheduling import PlanError, Proposal, plan, propose

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
