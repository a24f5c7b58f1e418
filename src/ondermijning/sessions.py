"""Session rules for a case discussion, from the conversation guide (handreiking §3.4).

A finding is advice for the facilitators (Dutch, or English with ``--lang en``), with a stable code; the planner's
trajectory validation uses the same checks.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import Problem, Severity
from .i18n import _, ngettext
from .models import ConversationGuide


def check_case_session(guide: ConversationGuide, *, participants: int | None = None,
                       facilitators: int | None = None, cases: Sequence[str] = ()) -> list[Problem]:
    """What is off in a planned case session: group size, facilitators, number of cases."""
    source = guide.source.section or guide.source.publication
    found = []
    low, high = guide.min_participants, guide.max_participants
    if participants is not None and not low <= participants <= high:
        advice = (_("Splits de groep, met een eigen gespreksleider en observator per groep.") if participants > high
                  else _("Nodig meer deelnemers uit, zodat er verschillende perspectieven zijn."))
        message = ngettext("{n} deelnemer; de leidraad adviseert {low}–{high} deelnemers ({source}).",
                           "{n} deelnemers; de leidraad adviseert {low}–{high} deelnemers ({source}).", participants)
        found.append(Problem("S001", message.format(n=participants, low=low, high=high, source=source),
                             hint=advice, severity=Severity.WARNING))
    needed = len(guide.roles)
    if facilitators is not None and needed and facilitators < needed:
        roles = _(" en ").join(role.name for role in guide.roles)
        found.append(Problem("S002", ngettext("{n} begeleider; de leidraad vraagt er {needed}: {roles} ({source}).",
                                              "{n} begeleiders; de leidraad vraagt er {needed}: {roles} ({source}).",
                                              facilitators).format(n=facilitators, needed=needed, roles=roles,
                                                                   source=source),
                             hint=_("Zoek een tweede begeleider voor de rol die ontbreekt."),
                             severity=Severity.WARNING))
    if len(cases) > guide.max_cases:
        found.append(Problem("S003", _("{n} casussen in één bijeenkomst; de leidraad adviseert er hooguit {most} "
                                       "({source}).").format(n=len(cases), most=guide.max_cases, source=source),
                             hint=_("Bespreek liever één casus goed dan meer casussen gehaast."),
                             severity=Severity.WARNING))
    return found
