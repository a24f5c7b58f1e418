"""Session rules for a case discussion, from the conversation guide (handreiking §3.4).

A finding is advice for the facilitators, in Dutch, with a stable code; the planner's
trajectory validation uses the same checks.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import Problem, Severity
from .models import ConversationGuide


def check_case_session(guide: ConversationGuide, *, participants: int | None = None,
                       facilitators: int | None = None, cases: Sequence[str] = ()) -> list[Problem]:
    """What is off in a planned case session: group size, facilitators, number of cases."""
    source = guide.source.section or guide.source.publication
    found = []
    low, high = guide.min_participants, guide.max_participants
    if participants is not None and not low <= participants <= high:
        advice = ("Splits de groep, met een eigen gespreksleider en observator per groep." if participants > high
                  else "Nodig meer deelnemers uit, zodat er verschillende perspectieven zijn.")
        found.append(Problem("S001", f"{participants} deelnemers; de leidraad adviseert {low}–{high} deelnemers "
                                     f"({source}).", hint=advice, severity=Severity.WARNING))
    needed = len(guide.roles)
    if facilitators is not None and needed and facilitators < needed:
        roles = " en ".join(role.name for role in guide.roles)
        found.append(Problem("S002", f"{facilitators} begeleider(s); de leidraad vraagt er {needed}: {roles} "
                                     f"({source}).", hint="Zoek een tweede begeleider voor de rol die ontbreekt.",
                             severity=Severity.WARNING))
    if len(cases) > guide.max_cases:
        found.append(Problem("S003", f"{len(cases)} casussen in één bijeenkomst; de leidraad adviseert er hooguit "
                                     f"{guide.max_cases} ({source}).",
                             hint="Bespreek liever één casus goed dan meer casussen gehaast.",
                             severity=Severity.WARNING))
    return found
