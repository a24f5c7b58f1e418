"""Choosing modules: the handreiking's rules turn findings into picks, each with its reasons and groups."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..i18n import N_, _
from ..model_base import MutableModel
from ..models import ConversationGuide, FacilitatorRole, ModuleKind, Workshop, pack_of
from .findings import FRONTLINE_SITUATIONS, Audience, Findings, Need
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
    WERKPLAATS,
    theme_names,
)

if TYPE_CHECKING:
    from ..catalog import Catalog


@attrs.define(eq=False, repr=False)
class Pick(MutableModel):
    """A module the planner chose, why, and how many meetings it would like."""

    module: Workshop
    reasons: list[str]
    preferred: int = 1
    minimum: int = 1
    titles: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    guide: ConversationGuide | None = None
    groups: list[int] = attrs.Factory(list)
    extra_observers: int = 0

    @property
    def phase(self) -> int:
        return 0 if self.module.kind is ModuleKind.WORKSHOP else 1



def split_groups(total: int, low: int, high: int) -> list[int] | None:
    """Group sizes as even as possible within ``low``–``high`` (``high = 0``: one group), or None."""
    low = max(low, 1)
    if not high:
        return [total] if total >= low else None
    count = math.ceil(total / high)
    if total < low * count:
        return None
    base, extra = divmod(total, count)
    return [base + 1] * extra + [base] * (count - extra)


def _feasible_near(total: int, low: int, high: int) -> tuple[int | None, int | None]:
    below = next((n for n in range(total - 1, 0, -1) if split_groups(n, low, high)), None)
    above = next((n for n in range(total + 1, total + 4 * high + 2) if split_groups(n, low, high)), None)
    return below, above



def _default_guide(catalog: Catalog, module: Workshop) -> ConversationGuide:
    if catalog.guides:
        return catalog.guides[sorted(catalog.guides)[0]]
    roles = (FacilitatorRole(name=_("Gespreksleider"), task=_("Stelt de vragen en bewaakt de tijd.")),
             FacilitatorRole(name=_("Observator"), task=_("Luistert en noteert afwegingen, zonder namen.")))
    return ConversationGuide(id=module.id, title=module.title, source=module.source, roles=roles,
                             min_participants=module.min_group or 4, max_participants=module.max_group or 5)


def guide_of(catalog: Catalog, cases: Sequence[str], module: Workshop | None) -> ConversationGuide | None:
    for case_id in cases:
        case = catalog.cases.get(case_id)
        if case is not None and case.guide in catalog.guides:
            return catalog.guides[case.guide]
    return _default_guide(catalog, module) if module is not None else None


def _matching_cases(findings: Findings, catalog: Catalog) -> list[str]:
    wanted = set(findings.themes)
    scored = []
    for case_id, case in catalog.cases.items():
        if case.guide not in catalog.guides:
            continue
        overlap = len(wanted & set(case.themes))
        if overlap or not wanted:
            scored.append((-overlap, case_id))
    return [case_id for _overlap, case_id in sorted(scored)]


def choose(findings: Findings, catalog: Catalog) -> tuple[list[Pick], list[str]]:
    """Which modules, and why: the handreiking's rules first, then modules of other packs by theme."""
    modules = catalog.workshops
    themes, audiences, needs = set(findings.themes), set(findings.audiences), set(findings.needs)
    n = findings.participants
    picks: dict[str, Pick] = {}
    left_out: list[str] = []

    def pick(module_id: str, reason: str, **kwargs: Any) -> None:
        if module_id not in modules:
            return
        if module_id in picks:
            picks[module_id].reasons.append(reason)
        else:
            picks[module_id] = Pick(modules[module_id], [reason], **kwargs)

    def named(*theme_ids: str) -> list[str]:
        return [t for t in theme_ids if t in themes]

    # §2 workshops -------------------------------------------------------------------------------
    if n > 15:
        form = _("Met {n} deelnemers past de vorm voor een breed publiek: een webinar of een plenaire bijeenkomst in "
                 "theateropstelling (handreiking §2.1, vorm 1; §5).").format(n=n)
    else:
        form = _("Met {n} deelnemers past de kleinere vorm: een deskundige vertelt, daarna praten de deelnemers in "
                 "groepjes van drie of vier over hun eigen praktijk (handreiking §2.1, vorm 2; §5).").format(n=n)
    reason = _("Na de verkenning begint de handreiking met bewustwording: een gedeeld beeld van wat ondermijning is "
               "en waarom het sociaal domein erbij hoort (Leeswijzer; §2.1). Ook de dilemmakaart werkt pas als die "
               "kennis er is (§3.3).") + " " + form
    if themes:
        reason += " " + _("Gebruik voorbeelden bij de thema's uit de verkenning: {themes}.").format(
            themes=theme_names(catalog, sorted(themes)))
    pick(AWARENESS, reason)
    if Need.INFORMATION_SHARING in needs:
        pick(AVG, _("In de verkenning kwamen vragen over het delen van informatie en de AVG naar voren (§2.2)."))
    if {Audience.SOCIAL, Audience.SAFETY} <= audiences:
        pick(AVG, _("Sociaal en veiligheidsdomein doen samen mee; samenwerken loopt vaak vast op de vraag wat "
                    "gedeeld mag worden (§2.2)."))
    if Need.DAMOCLES in needs:
        pick(DAMOCLES, _("In de verkenning kwamen vragen over de Wet Damocles naar voren (§2.3)."))
    if Audience.HOUSING in audiences:
        pick(DAMOCLES, _("Woningcorporaties doen mee: sluiting van een woning raakt hen en hun huurders direct "
                         "(§2.3)."))
    if named("core/hennepteelt"):
        pick(DAMOCLES, _("Hennepteelt in woningen kwam naar voren; na sluiting volgen vaak schulden en andere "
                         "sociale gevolgen voor bewoners (§2.3)."))
    if named("core/zorgfraude"):
        pick(CARE_FRAUD, _("Zorgfraude kwam naar voren in de verkenning (§2.4)."))
    if Audience.PROCUREMENT in audiences:
        pick(CARE_FRAUD, _("Inkoop en contractmanagement doen mee: de aanpak van zorgfraude werkt vooral bij de "
                           "keuze van aanbieders en het sluiten van contracten (§2.4)."))

    # §3 process guidance ------------------------------------------------------------------------
    werkplaats: list[str] = []
    if Need.COOPERATION in needs:
        werkplaats.append(_("Samenwerking tussen afdelingen en domeinen binnen de gemeente is een vraag uit de "
                            "verkenning (§3.1)."))
    if {Audience.SOCIAL, Audience.SAFETY} <= audiences:
        werkplaats.append(_("Sociaal en veiligheidsdomein doen samen mee: in de werkplaats oefenen ze "
                            "domeinoverstijgend samenwerken (§3.1)."))
    if werkplaats and WERKPLAATS in modules:
        module = modules[WERKPLAATS]
        low, high = module.min_group or 5, module.max_group or 6
        groups = split_groups(n, low, high)
        if groups is None:
            below, above = _feasible_near(n, low, high)
            options = _(" of ").join(str(x) for x in (below, above) if x)
            left_out.append(_("{module} (§3.1): de werkplaats werkt met groepen van {low}–{high}; {n} deelnemers zijn "
                              "daar niet over te verdelen. Met {options} deelnemers kan het wel. Reden om hem te "
                              "overwegen: {reasons}").format(module=module.title, low=low, high=high, n=n,
                                                              options=options, reasons=" ".join(werkplaats)))
        else:
            for text in werkplaats:
                pick(WERKPLAATS, text, preferred=3, minimum=2, groups=groups)

    situation = findings.frontline_situation
    if situation or Audience.FRONTLINE in audiences:
        titles = tuple(map(_, _FRONTLINE_TITLES[situation]))
        if situation:
            text = _("Frontlijnteams, situatie {n}: {text} (§3.2).").format(
                n=situation, text=_(FRONTLINE_SITUATIONS[situation]).lower())
        else:
            text = _("Frontlijnwerkers doen mee: route 1 van §3.2 (wijkverkenning, training on the job en coaching) "
                     "rust de frontlijnprofessional toe.")
        pick(FRONTLINE, text, preferred=len(titles), minimum=1, titles=titles)
    if Audience.YOUTH in audiences:
        pick(EARLY_SIGNALLING, _("Professionals die jongeren zien doen mee: vroegsignalering leert een "
                                 "niet-pluisgevoel te ordenen en samen te duiden (§3.5)."), preferred=3, minimum=2)
    if Need.EARLY_SIGNALLING in needs:
        pick(EARLY_SIGNALLING, _("Beter leren kijken en signalen delen is een vraag uit de verkenning (§3.5)."),
             preferred=3, minimum=2)
    red = named("core/criminele-uitbuiting", "core/seksuele-uitbuiting", "core/naaktfotos", "core/geweld")
    if red:
        pick(EARLY_SIGNALLING, _("De thema's {themes} kwamen naar voren: bij die rode vlaggen helpt "
                                 "vroegsignalering om op tijd samen in te schatten hoe zorgwekkend het is (§3.5).")
             .format(themes=theme_names(catalog, red)), preferred=3, minimum=2)
    if Need.DILEMMAS in needs:
        pick(DILEMMAS, _("Meer doen met professionele dilemma's is een vraag uit de verkenning (§3.3)."),
             preferred=2, minimum=1)
    if named("core/uitkeringsfraude"):
        pick(DILEMMAS, _("Uitkeringsfraude kwam naar voren; het voorbeelddilemma van §3.3 gaat juist over een "
                         "cliënt die zwart bijverdient."), preferred=2, minimum=1)

    case_module = modules[CASE_DISCUSSION]
    if not pick_cases(findings, catalog, pick, case_module):
        guide = guide_of(catalog, [], case_module)
        low, high = (guide.min_participants, guide.max_participants) if guide else (4, 5)
        left_out.append(_("{module} (§3.4): een casusgesprek vraagt {low}–{high} deelnemers per groep; met {n} lukt "
                          "dat niet.").format(module=case_module.title, low=low, high=high, n=n))
        pick(DILEMMAS, _("Een casusgesprek vraagt minstens {low} deelnemers; met {n} is de dilemmakaart de "
                         "collegiale vorm die past. Collegiale consultatie is een van de drie niveaus die bij elke "
                         "training horen (§3.1; §3.3).").format(low=low, n=n), preferred=2, minimum=1)
    if Need.COACHING in needs:
        pick(COACHING, _("Persoonlijke begeleiding is een vraag uit de verkenning (hoofdstuk 3, coaching)."),
             preferred=3, minimum=1, groups=[1])
    if situation in (1, 2):
        pick(COACHING, _("Bij het opzetten of vlottrekken van frontlijnteams horen team- en individuele coaching "
                         "(§3.2)."), preferred=3, minimum=1, groups=[1])

    # modules of other packs, by theme ------------------------------------------------------------
    for module_id in sorted(modules):
        module = modules[module_id]
        if (pack_of(module_id) == "core" or module_id in picks or module.kind is ModuleKind.EXPLORATION
                or not module.themes or not set(module.themes) <= themes):
            continue
        reason = _("Module uit pack '{pack}': al haar thema's kwamen in de verkenning naar voren ({themes}).").format(
            pack=pack_of(module_id), themes=theme_names(catalog, module.themes))
        if module_id in CASE_MODULES:
            if not pick_cases(findings, catalog, pick, module, reason=reason):
                left_out.append(_("{module}: een casusgesprek vraagt 4–5 deelnemers per groep; met {n} lukt dat "
                                  "niet (§3.4).").format(module=module.title, n=n))
            continue
        groups = split_groups(n, module.min_group, module.max_group)
        if groups is None:
            left_out.append(_("{module}: de module werkt met groepen van {low}–{high}; {n} deelnemers zijn daar niet "
                              "over te verdelen.").format(module=module.title, low=module.min_group,
                                                          high=module.max_group or _("onbeperkt"), n=n))
            continue
        several = module.kind is not ModuleKind.WORKSHOP
        pick(module_id, reason, preferred=2 if several else 1, minimum=1, groups=groups)

    for chosen in picks.values():
        if not chosen.groups:
            module = chosen.module
            chosen.groups = split_groups(n, module.min_group, module.max_group) or [n]
    order = {module_id: i for i, module_id in enumerate(_ORDER)}
    ordered = sorted(picks.values(), key=lambda p: (p.phase, order.get(p.module.id, len(order)), p.module.id))
    return ordered, left_out


_ORDER = (AWARENESS, AVG, DAMOCLES, CARE_FRAUD, WERKPLAATS, FRONTLINE, EARLY_SIGNALLING, DILEMMAS,
          CASE_DISCUSSION, COACHING)

#: the sessions of frontline-team guidance per situation (§3.2), translated where used
_FRONTLINE_TITLES: dict[int, tuple[str, ...]] = {
    0: (N_("Wijkverkenning: zelf kijken en met bewoners praten"), N_("Training on the job in de wijk"),
        N_("Team- en individuele coaching")),
    1: (N_("Teamvorming: hoe kijkt ieder vanuit zijn achtergrond?"),
        N_("Focus in de wijk en een heldere rol- en taakverdeling"), N_("Veiligheid en vertrouwen in het team")),
    2: (N_("Verkennen wat er speelt: gesprekken met teamleden en leidinggevenden"),
        N_("Teamsessie: waar zit energie, waar zitten gaten en obstakels?")),
    3: (N_("Vanuit een praktijkvraag: waar loopt het vast en wie is er nodig?"),
        N_("Aan tafel met beleid en netwerkpartners")),
    4: (N_("Expertise uit de eigen gemeente naar het team halen"),
        N_("Samen leren: signalen vroeg zien en weten met wie je ze deelt")),
}


def _case_groups(total: int, guide: ConversationGuide) -> tuple[list[int], int] | None:
    """Case-discussion groups within the guide's range; one or two left over join as extra observers."""
    groups = split_groups(total, guide.min_participants, guide.max_participants)
    if groups is not None:
        return groups, 0
    high = guide.max_participants
    count = total // high if high else 0
    extra = total - count * high
    if count and extra <= 2 * count:
        return [high] * count, extra
    return None


def pick_cases(findings: Findings, catalog: Catalog, pick: Callable[..., None], module: Workshop, *,
                reason: str = "") -> bool:
    """Plan case discussions with this module: cases by theme, groups by the guide; False if no group fits."""
    cases = tuple(_matching_cases(findings, catalog)[:3])
    guide = guide_of(catalog, cases, module)
    assert guide is not None  # with a module there is always a guide, if need be one made from the module
    cases = tuple(c for c in cases if catalog.cases[c].guide == guide.id)
    groups_and_extra = _case_groups(findings.participants, guide)
    if groups_and_extra is None:
        return False
    groups, extra = groups_and_extra
    reasons = [reason] if reason else [
        _("Collegiale consultatie of casuïstiekbespreking is een van de drie niveaus die bij elke training horen: "
          "hier delen collega's twijfels en dilemma's bij concrete casussen (§3.1; §3.4).")]
    if Need.CASE_DISCUSSION in findings.needs and not reason:
        reasons.append(_("In de verkenning kwam de behoefte aan casuïstiekbespreking naar voren (§3.4)."))
    wanted = set(findings.themes)
    matched = [c for c in cases if set(catalog.cases[c].themes) & wanted]
    if matched and not reason:
        reasons.append(_("De casussen passen bij de thema's uit de verkenning: {cases}.").format(cases="; ".join(
            f"{catalog.cases[c].title} ({theme_names(catalog, sorted(set(catalog.cases[c].themes) & wanted))})"
            for c in matched)))
    pick(module.id, reasons[0], preferred=max(1, len(cases)), minimum=1, cases=cases, guide=guide,
         groups=groups, extra_observers=extra)
    for text in reasons[1:]:
        pick(module.id, text)
    return True

