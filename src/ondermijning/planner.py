"""From the exploration's findings to a proposed training trajectory, and checks for any trajectory.

The handreiking's order is the backbone (Leeswijzer): after the exploration (§1) a workshop on
awareness (§2), then process guidance (§3) so that the workshop gets a follow-up. What the
exploration found decides which workshops and which kinds of process guidance are proposed; the
number of participants decides the groups (a werkplaats works in groups of 5–6, a case
discussion in groups of 4–5 with two facilitators); the weeks available decide how many
meetings fit, with a few weeks between meetings of the same process guidance (§3.1). Every
choice carries its reason and its source (``Phase.reason``, ``Session.notes``).

:func:`plan` is deterministic: the same findings and catalog give the same trajectory.
:func:`validate_trajectory` checks any trajectory, proposed or hand-made, against the rules
of the handreiking (codes ``T001``–``T007``); :data:`ondermijning.validate.BUILTIN_RULES` runs it over every
trajectory in the catalog as part of ``ondermijning validate``.
"""

from __future__ import annotations

import datetime
import enum
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import OndermijningError, Problem, Severity
from .models import (
    ConversationGuide,
    FacilitatorRole,
    GoalType,
    ModuleKind,
    Phase,
    Session,
    Source,
    Trajectory,
    Workshop,
    pack_of,
)
from .models.common import InvalidFieldError, as_tuple

if TYPE_CHECKING:
    from .catalog import Catalog
    from .ics import Event
    from .render.document import Document

# --- the core modules the planner composes ------------------------------------------------------

AWARENESS = "core/workshop-bewustwording"
AVG = "core/workshop-avg"
DAMOCLES = "core/workshop-damocles"
CARE_FRAUD = "core/workshop-zorgfraude"
WERKPLAATS = "core/proces-werkplaats"
FRONTLINE = "core/proces-frontlijnteams"
DILEMMAS = "core/proces-dilemmas"
CASE_DISCUSSION = "core/proces-casuistiek"
EARLY_SIGNALLING = "core/proces-vroegsignalering"
COACHING = "core/coaching"

#: modules whose sessions are case discussions, checked against a conversation guide
CASE_MODULES = frozenset({CASE_DISCUSSION, "nsob/casussessies"})

#: weeks between meetings of the same process guidance: preferred, and the least the checks accept
PREFERRED_GAP, MIN_GAP = 3, 2

SECTION_FOLLOW_UP = "handreiking §2.1 en §3.1"
SECTION_GAP = "handreiking §3.1, werkplaats: enkele weken tussen de sessies"
SECTION_DILEMMA = "handreiking §3.3; De naïviteit voorbij, pilot Nieuwegein"


# --- findings ------------------------------------------------------------------------------------

class Audience(enum.Enum):
    """Who takes part (a finding of the exploration)."""

    SOCIAL = "social"
    SAFETY = "safety"
    FRONTLINE = "frontline"
    YOUTH = "youth"
    MANAGEMENT = "management"
    PROCUREMENT = "procurement"
    HOUSING = "housing"

    @property
    def label(self) -> str:
        return _AUDIENCE_LABELS[self]


_AUDIENCE_LABELS = {
    Audience.SOCIAL: "Sociaal domein (Wmo, Jeugd, Werk en Inkomen, schuldhulp)",
    Audience.SAFETY: "Veiligheidsdomein (openbare orde en veiligheid, handhaving, ondermijning)",
    Audience.FRONTLINE: "Frontlijn- en wijkteams",
    Audience.YOUTH: "Professionals die jongeren zien (jongerenwerk, school, leerplicht)",
    Audience.MANAGEMENT: "Leidinggevenden",
    Audience.PROCUREMENT: "Inkoop, contractmanagement en toezicht Wmo en Jeugd",
    Audience.HOUSING: "Woningcorporaties",
}


class Need(enum.Enum):
    """A question or need that the exploration brought up (handreiking §1)."""

    INFORMATION_SHARING = "information-sharing"
    DAMOCLES = "damocles"
    COOPERATION = "cooperation"
    DILEMMAS = "dilemmas"
    CASE_DISCUSSION = "case-discussion"
    EARLY_SIGNALLING = "early-signalling"
    COACHING = "coaching"

    @property
    def label(self) -> str:
        return _NEED_LABELS[self]


_NEED_LABELS = {
    Need.INFORMATION_SHARING: "Vragen over informatie delen en de AVG",
    Need.DAMOCLES: "Vragen over de Wet Damocles en sluiting van woningen",
    Need.COOPERATION: "Samenwerking tussen afdelingen en domeinen binnen de gemeente",
    Need.DILEMMAS: "Meer doen met professionele dilemma's",
    Need.CASE_DISCUSSION: "Behoefte aan casuïstiekbespreking",
    Need.EARLY_SIGNALLING: "Beter leren kijken, signalen verzamelen en delen",
    Need.COACHING: "Persoonlijke begeleiding of coaching",
}

#: the four situations of frontline teams (handreiking §3.2, route 2)
FRONTLINE_SITUATIONS = {
    1: "De gemeente wil starten met frontlijnteams in de wijk",
    2: "Frontlijnteams zijn gestart, maar lopen nog niet goed",
    3: "Het team werkt samen, maar mist aansluiting bij beleid en netwerk",
    4: "Team en netwerk lopen goed, maar hebben ondermijning nog niet op het netvlies",
}


def _between(low: int, high: int) -> Callable[[Any, attrs.Attribute[Any], int], None]:
    def check(_inst: Any, attribute: attrs.Attribute[Any], value: int) -> None:
        if not low <= value <= high:
            raise InvalidFieldError(attribute.name, f"{value} is not between {low} and {high}")

    return check


@attrs.frozen(kw_only=True)
class Findings:
    """What the exploration (verkenning, handreiking §1) found: the planner's input.

    ``themes`` are theme ids (``core/zorgfraude``); ``frontline_situation`` is one of the four
    situations of §3.2 (0: no frontline teams involved); ``participants`` is the number of people
    who take part; ``weeks`` how many weeks are available; ``start`` the first meeting's date.
    """

    participants: int = attrs.field(validator=_between(1, 2000))
    weeks: int = attrs.field(validator=_between(1, 104))
    themes: tuple[str, ...] = attrs.field(factory=tuple, converter=as_tuple)
    audiences: tuple[Audience, ...] = attrs.field(factory=tuple, converter=as_tuple)
    needs: tuple[Need, ...] = attrs.field(factory=tuple, converter=as_tuple)
    frontline_situation: int = attrs.field(default=0, validator=_between(0, 4))
    start: datetime.date | None = None
    municipality: str = ""


class FindingsError(OndermijningError):
    """A findings file that cannot be used; ``problems`` says why, each located."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class PlanError(OndermijningError):
    """The catalog lacks what the planner needs (the core pack's modules)."""


def load_findings(path: str | os.PathLike[str], catalog: Catalog | None = None) -> Findings:
    """Read findings from a TOML file; raise :class:`FindingsError` with every located problem.

    With a catalog, theme ids are checked (and ``zorgfraude`` is read as ``core/zorgfraude``).
    """
    import cattrs

    from . import _toml
    from .converter import converter
    from .loader import _structure_problems
    from .locate import LineIndex

    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise FindingsError([Problem("L002", f"cannot read the file: {exc.strerror or exc}", file=name)]) from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise FindingsError([Problem("L004", f"not UTF-8 text (byte {exc.start})", file=name,
                                     line=raw[: exc.start].count(b"\n") + 1,
                                     hint="save the file as UTF-8")]) from None
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise FindingsError([Problem("L005", f"TOML syntax error: {message}", file=name,
                                     line=int(match.group(1)) if match else None,
                                     hint="see https://toml.io for the syntax")]) from None
    except RecursionError:
        raise FindingsError([Problem("L006", "tables and arrays are nested too deeply", file=name)]) from None
    index = LineIndex(text)
    start = data.get("start")
    if isinstance(start, (datetime.datetime, datetime.time)):
        raise FindingsError([Problem("L104", "invalid value: give a date without a time, e.g. 2026-09-07",
                                     file=name, line=index.line_of(("start",)), path="$.start")])
    if isinstance(start, datetime.date):
        data["start"] = start.isoformat()
    try:
        findings = converter.structure(data, Findings)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        found = sorted(_structure_problems(exc, name, index), key=lambda p: (p.line or 0, p.path))
        raise FindingsError(found) from None
    if catalog is not None:
        findings = _check_themes(findings, catalog, name, index)
    return findings


def _check_themes(findings: Findings, catalog: Catalog, file: str, index: Any) -> Findings:
    import difflib

    themes, problems = [], []
    for i, theme in enumerate(findings.themes):
        qualified = theme if "/" in theme else f"core/{theme}"
        if qualified in catalog.themes:
            themes.append(qualified)
            continue
        close = difflib.get_close_matches(qualified, list(catalog.themes), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "see the theme ids with: ondermijning plan --values"
        problems.append(Problem("L104", f"invalid value: unknown theme {theme!r}", file=file,
                                line=index.line_of(("themes", i)), path=f"$.themes[{i}]", hint=hint))
    if problems:
        raise FindingsError(problems)
    return attrs.evolve(findings, themes=tuple(dict.fromkeys(themes)))


# --- the proposal ---------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Proposal:
    """A proposed trajectory with what it was made from and what was left out, and why."""

    trajectory: Trajectory
    findings: Findings
    left_out: tuple[str, ...] = ()
    remarks: tuple[str, ...] = ()


@attrs.define
class _Pick:
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


@attrs.frozen
class _Draft:
    title: str
    participants: int
    facilitators: int
    cases: tuple[str, ...]
    notes: tuple[str, ...]


def plan(findings: Findings, catalog: Catalog) -> Trajectory:
    """The proposed trajectory for these findings (deterministic)."""
    return propose(findings, catalog).trajectory


def propose(findings: Findings, catalog: Catalog) -> Proposal:
    """The proposed trajectory, with what was left out and remarks about the time available."""
    missing = [m for m in (AWARENESS, CASE_DISCUSSION, DILEMMAS) if m not in catalog.workshops]
    if missing:
        raise PlanError(f"the planner needs the core pack's modules; missing: {', '.join(missing)} "
                        "(is the core plugin disabled?)")
    findings = attrs.evolve(findings, themes=tuple(dict.fromkeys(t if "/" in t else f"core/{t}"
                                                                 for t in findings.themes)))
    unknown = [t for t in findings.themes if t not in catalog.themes]
    if unknown:
        raise PlanError(f"unknown theme(s): {', '.join(unknown)}")
    picks, left_out = _choose(findings, catalog)
    drafts, remarks = _fit(picks, findings)
    trajectory = _trajectory(findings, catalog, picks, drafts, left_out, remarks)
    return Proposal(trajectory=trajectory, findings=findings, left_out=tuple(left_out), remarks=tuple(remarks))


def _source(module: Workshop) -> str:
    return f"Bron: {module.title}: {module.source}."


def _theme_names(catalog: Catalog, themes: Iterable[str]) -> str:
    return ", ".join(catalog.themes[t].name.lower() if t in catalog.themes else t for t in themes)


def _split(total: int, low: int, high: int) -> list[int] | None:
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
    below = next((n for n in range(total - 1, 0, -1) if _split(n, low, high)), None)
    above = next((n for n in range(total + 1, total + 4 * high + 2) if _split(n, low, high)), None)
    return below, above


def _groups_text(groups: Sequence[int], extra_observers: int = 0) -> str:
    total = sum(groups) + extra_observers
    if len(groups) == 1 and not extra_observers:
        return f"Eén groep van {groups[0]} deelnemers."
    sizes = sorted(set(groups), reverse=True)
    parts = " en ".join(f"{groups.count(s)}× {s}" for s in sizes)
    text = f"{total} deelnemers in {len(groups)} parallelle groep{'en' if len(groups) > 1 else ''} ({parts})"
    if extra_observers:
        who = "deelnemer loopt" if extra_observers == 1 else "deelnemers lopen"
        text += (f"; {extra_observers} {who} mee als extra observator en oefent zo de rol voor latere "
                 "gesprekken (handreiking §4.2)")
    return text + "."


def _default_guide(catalog: Catalog, module: Workshop) -> ConversationGuide:
    if catalog.guides:
        return catalog.guides[sorted(catalog.guides)[0]]
    roles = (FacilitatorRole(name="Gespreksleider", task="Stelt de vragen en bewaakt de tijd."),
             FacilitatorRole(name="Observator", task="Luistert en noteert afwegingen, zonder namen."))
    return ConversationGuide(id=module.id, title=module.title, source=module.source, roles=roles,
                             min_participants=module.min_group or 4, max_participants=module.max_group or 5)


def _guide_of(catalog: Catalog, cases: Sequence[str], module: Workshop | None) -> ConversationGuide | None:
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


def _choose(findings: Findings, catalog: Catalog) -> tuple[list[_Pick], list[str]]:
    """Which modules, and why: the handreiking's rules first, then modules of other packs by theme."""
    modules = catalog.workshops
    themes, audiences, needs = set(findings.themes), set(findings.audiences), set(findings.needs)
    n = findings.participants
    picks: dict[str, _Pick] = {}
    left_out: list[str] = []

    def pick(module_id: str, reason: str, **kwargs: Any) -> None:
        if module_id not in modules:
            return
        if module_id in picks:
            picks[module_id].reasons.append(reason)
        else:
            picks[module_id] = _Pick(modules[module_id], [reason], **kwargs)

    def named(*theme_ids: str) -> list[str]:
        return [t for t in theme_ids if t in themes]

    # §2 workshops -------------------------------------------------------------------------------
    if n > 15:
        form = (f"Met {n} deelnemers past de vorm voor een breed publiek: een webinar of een plenaire "
                "bijeenkomst in theateropstelling (handreiking §2.1, vorm 1; §5).")
    else:
        form = (f"Met {n} deelnemers past de kleinere vorm: een deskundige vertelt, daarna praten de "
                "deelnemers in groepjes van drie of vier over hun eigen praktijk (handreiking §2.1, vorm 2; §5).")
    reason = ("Na de verkenning begint de handreiking met bewustwording: een gedeeld beeld van wat ondermijning "
              "is en waarom het sociaal domein erbij hoort (Leeswijzer; §2.1). Ook de dilemmakaart werkt pas "
              "als die kennis er is (§3.3). " + form)
    if themes:
        reason += f" Gebruik voorbeelden bij de thema's uit de verkenning: {_theme_names(catalog, sorted(themes))}."
    pick(AWARENESS, reason)
    if Need.INFORMATION_SHARING in needs:
        pick(AVG, "In de verkenning kwamen vragen over het delen van informatie en de AVG naar voren (§2.2).")
    if {Audience.SOCIAL, Audience.SAFETY} <= audiences:
        pick(AVG, "Sociaal en veiligheidsdomein doen samen mee; samenwerken loopt vaak vast op de vraag wat "
                  "gedeeld mag worden (§2.2).")
    if Need.DAMOCLES in needs:
        pick(DAMOCLES, "In de verkenning kwamen vragen over de Wet Damocles naar voren (§2.3).")
    if Audience.HOUSING in audiences:
        pick(DAMOCLES, "Woningcorporaties doen mee: sluiting van een woning raakt hen en hun huurders direct (§2.3).")
    if named("core/hennepteelt"):
        pick(DAMOCLES, "Hennepteelt in woningen kwam naar voren; na sluiting volgen vaak schulden en andere "
                       "sociale gevolgen voor bewoners (§2.3).")
    if named("core/zorgfraude"):
        pick(CARE_FRAUD, "Zorgfraude kwam naar voren in de verkenning (§2.4).")
    if Audience.PROCUREMENT in audiences:
        pick(CARE_FRAUD, "Inkoop en contractmanagement doen mee: de aanpak van zorgfraude werkt vooral bij de "
                         "keuze van aanbieders en het sluiten van contracten (§2.4).")

    # §3 process guidance ------------------------------------------------------------------------
    werkplaats: list[str] = []
    if Need.COOPERATION in needs:
        werkplaats.append("Samenwerking tussen afdelingen en domeinen binnen de gemeente is een vraag uit de "
                          "verkenning (§3.1).")
    if {Audience.SOCIAL, Audience.SAFETY} <= audiences:
        werkplaats.append("Sociaal en veiligheidsdomein doen samen mee: in de werkplaats oefenen ze "
                          "domeinoverstijgend samenwerken (§3.1).")
    if werkplaats and WERKPLAATS in modules:
        module = modules[WERKPLAATS]
        low, high = module.min_group or 5, module.max_group or 6
        groups = _split(n, low, high)
        if groups is None:
            below, above = _feasible_near(n, low, high)
            options = " of ".join(str(x) for x in (below, above) if x)
            left_out.append(f"{module.title} (§3.1): de werkplaats werkt met groepen van {low}–{high}; {n} "
                            f"deelnemers zijn daar niet over te verdelen. Met {options} deelnemers kan het wel. "
                            f"Reden om hem te overwegen: {' '.join(werkplaats)}")
        else:
            for text in werkplaats:
                pick(WERKPLAATS, text, preferred=3, minimum=2, groups=groups)

    situation = findings.frontline_situation
    if situation or Audience.FRONTLINE in audiences:
        titles = _FRONTLINE_TITLES[situation]
        if situation:
            text = f"Frontlijnteams, situatie {situation}: {FRONTLINE_SITUATIONS[situation].lower()} (§3.2)."
        else:
            text = ("Frontlijnwerkers doen mee: route 1 van §3.2 (wijkverkenning, training on the job en "
                    "coaching) rust de frontlijnprofessional toe.")
        pick(FRONTLINE, text, preferred=len(titles), minimum=1, titles=titles)
    if Audience.YOUTH in audiences:
        pick(EARLY_SIGNALLING, "Professionals die jongeren zien doen mee: vroegsignalering leert een "
                               "niet-pluisgevoel te ordenen en samen te duiden (§3.5).", preferred=3, minimum=2)
    if Need.EARLY_SIGNALLING in needs:
        pick(EARLY_SIGNALLING, "Beter leren kijken en signalen delen is een vraag uit de verkenning (§3.5).",
             preferred=3, minimum=2)
    red = named("core/criminele-uitbuiting", "core/seksuele-uitbuiting", "core/naaktfotos", "core/geweld")
    if red:
        pick(EARLY_SIGNALLING, f"De thema's {_theme_names(catalog, red)} kwamen naar voren: bij die rode vlaggen "
                               "helpt vroegsignalering om op tijd samen in te schatten hoe zorgwekkend het is "
                               "(§3.5).", preferred=3, minimum=2)
    if Need.DILEMMAS in needs:
        pick(DILEMMAS, "Meer doen met professionele dilemma's is een vraag uit de verkenning (§3.3).",
             preferred=2, minimum=1)
    if named("core/uitkeringsfraude"):
        pick(DILEMMAS, "Uitkeringsfraude kwam naar voren; het voorbeelddilemma van §3.3 gaat juist over een "
                       "cliënt die zwart bijverdient.", preferred=2, minimum=1)

    case_module = modules[CASE_DISCUSSION]
    if not _pick_cases(findings, catalog, pick, case_module):
        guide = _guide_of(catalog, [], case_module)
        low, high = (guide.min_participants, guide.max_participants) if guide else (4, 5)
        left_out.append(f"{case_module.title} (§3.4): een casusgesprek vraagt {low}–{high} deelnemers per groep; "
                        f"met {n} lukt dat niet.")
        pick(DILEMMAS, f"Een casusgesprek vraagt minstens {low} deelnemers; met {n} is de dilemmakaart de "
                       "collegiale vorm die past. Collegiale consultatie is een van de drie niveaus die bij elke "
                       "training horen (§3.1; §3.3).", preferred=2, minimum=1)
    if Need.COACHING in needs:
        pick(COACHING, "Persoonlijke begeleiding is een vraag uit de verkenning (hoofdstuk 3, coaching).",
             preferred=3, minimum=1, groups=[1])
    if situation in (1, 2):
        pick(COACHING, "Bij het opzetten of vlottrekken van frontlijnteams horen team- en individuele coaching "
                       "(§3.2).", preferred=3, minimum=1, groups=[1])

    # modules of other packs, by theme ------------------------------------------------------------
    for module_id in sorted(modules):
        module = modules[module_id]
        if (pack_of(module_id) == "core" or module_id in picks or module.kind is ModuleKind.EXPLORATION
                or not module.themes or not set(module.themes) <= themes):
            continue
        reason = (f"Module uit pack '{pack_of(module_id)}': al haar thema's kwamen in de verkenning naar voren "
                  f"({_theme_names(catalog, module.themes)}).")
        if module_id in CASE_MODULES:
            if not _pick_cases(findings, catalog, pick, module, reason=reason):
                left_out.append(f"{module.title}: een casusgesprek vraagt 4–5 deelnemers per groep; met {n} lukt "
                                "dat niet (§3.4).")
            continue
        groups = _split(n, module.min_group, module.max_group)
        if groups is None:
            left_out.append(f"{module.title}: de module werkt met groepen van {module.min_group}–"
                            f"{module.max_group or 'onbeperkt'}; {n} deelnemers zijn daar niet over te verdelen.")
            continue
        several = module.kind is not ModuleKind.WORKSHOP
        pick(module_id, reason, preferred=2 if several else 1, minimum=1, groups=groups)

    for chosen in picks.values():
        if not chosen.groups:
            module = chosen.module
            chosen.groups = _split(n, module.min_group, module.max_group) or [n]
    order = {module_id: i for i, module_id in enumerate(_ORDER)}
    ordered = sorted(picks.values(), key=lambda p: (p.phase, order.get(p.module.id, len(order)), p.module.id))
    return ordered, left_out


_ORDER = (AWARENESS, AVG, DAMOCLES, CARE_FRAUD, WERKPLAATS, FRONTLINE, EARLY_SIGNALLING, DILEMMAS,
          CASE_DISCUSSION, COACHING)

_FRONTLINE_TITLES: dict[int, tuple[str, ...]] = {
    0: ("Wijkverkenning: zelf kijken en met bewoners praten", "Training on the job in de wijk",
        "Team- en individuele coaching"),
    1: ("Teamvorming: hoe kijkt ieder vanuit zijn achtergrond?", "Focus in de wijk en een heldere rol- en "
        "taakverdeling", "Veiligheid en vertrouwen in het team"),
    2: ("Verkennen wat er speelt: gesprekken met teamleden en leidinggevenden",
        "Teamsessie: waar zit energie, waar zitten gaten en obstakels?"),
    3: ("Vanuit een praktijkvraag: waar loopt het vast en wie is er nodig?",
        "Aan tafel met beleid en netwerkpartners"),
    4: ("Expertise uit de eigen gemeente naar het team halen",
        "Samen leren: signalen vroeg zien en weten met wie je ze deelt"),
}


def _case_groups(total: int, guide: ConversationGuide) -> tuple[list[int], int] | None:
    """Case-discussion groups within the guide's range; one or two left over join as extra observers."""
    groups = _split(total, guide.min_participants, guide.max_participants)
    if groups is not None:
        return groups, 0
    high = guide.max_participants
    count = total // high if high else 0
    extra = total - count * high
    if count and extra <= 2 * count:
        return [high] * count, extra
    return None


def _pick_cases(findings: Findings, catalog: Catalog, pick: Callable[..., None], module: Workshop, *,
                reason: str = "") -> bool:
    """Plan case discussions with this module: cases by theme, groups by the guide; False if no group fits."""
    cases = tuple(_matching_cases(findings, catalog)[:3])
    guide = _guide_of(catalog, cases, module)
    assert guide is not None  # with a module there is always a guide, if need be one made from the module
    cases = tuple(c for c in cases if catalog.cases[c].guide == guide.id)
    groups_and_extra = _case_groups(findings.participants, guide)
    if groups_and_extra is None:
        return False
    groups, extra = groups_and_extra
    reasons = [reason] if reason else [
        "Collegiale consultatie of casuïstiekbespreking is een van de drie niveaus die bij elke training horen: "
        "hier delen collega's twijfels en dilemma's bij concrete casussen (§3.1; §3.4)."]
    if Need.CASE_DISCUSSION in findings.needs and not reason:
        reasons.append("In de verkenning kwam de behoefte aan casuïstiekbespreking naar voren (§3.4).")
    wanted = set(findings.themes)
    matched = [c for c in cases if set(catalog.cases[c].themes) & wanted]
    if matched and not reason:
        reasons.append("De casussen passen bij de thema's uit de verkenning: " + "; ".join(
            f"{catalog.cases[c].title} ({_theme_names(catalog, sorted(set(catalog.cases[c].themes) & wanted))})"
            for c in matched) + ".")
    pick(module.id, reasons[0], preferred=max(1, len(cases)), minimum=1, cases=cases, guide=guide,
         groups=groups, extra_observers=extra)
    for text in reasons[1:]:
        pick(module.id, text)
    return True


# --- fitting the meetings into the weeks ----------------------------------------------------------

@attrs.frozen
class _Config:
    full: bool  # preferred number of meetings (else the minimum)
    gap: int  # weeks between meetings of the same process guidance
    step: int  # weeks between consecutive meetings of different modules
    single: bool = False  # one meeting per module (the last resort)


_LADDER = (_Config(True, PREFERRED_GAP, 1), _Config(True, MIN_GAP, 1), _Config(False, MIN_GAP, 1),
           _Config(False, MIN_GAP, 0), _Config(False, MIN_GAP, 0, single=True))


def _count(chosen: _Pick, config: _Config) -> int:
    if config.single:
        return 1
    return chosen.preferred if config.full else chosen.minimum


def _schedule(picks: Sequence[_Pick], config: _Config) -> list[tuple[_Pick, int, int]]:
    """(pick, meeting number, week) in chronological order."""
    out: list[tuple[_Pick, int, int]] = []
    week: int | None = None
    for chosen in (p for p in picks if p.phase == 0):
        for number in range(_count(chosen, config)):
            week = 0 if week is None else week + config.step
            out.append((chosen, number, week))
    process = [p for p in picks if p.phase == 1]
    last: dict[str, int] = {}
    for number in range(max((_count(p, config) for p in process), default=0)):
        for chosen in process:
            if number >= _count(chosen, config):
                continue
            earliest = 0 if week is None else week + config.step
            if chosen.module.id in last:
                earliest = max(earliest, last[chosen.module.id] + config.gap)
            week = earliest
            last[chosen.module.id] = week
            out.append((chosen, number, week))
    return out


def _fit(picks: Sequence[_Pick], findings: Findings) -> tuple[list[tuple[_Draft, _Pick, int]], list[str]]:
    remarks: list[str] = []
    for position, config in enumerate(_LADDER):
        slots = _schedule(picks, config)
        span = (slots[-1][2] + 1) if slots else 0
        if span <= findings.weeks or position == len(_LADDER) - 1:
            break
    if position == 1:
        remarks.append(f"Om binnen {findings.weeks} weken te blijven, zitten er twee in plaats van drie weken "
                       "tussen bijeenkomsten van dezelfde procesbegeleiding; minder dan twee weken raadt de "
                       "handreiking af (§3.1).")
    elif position in (2, 3):
        remarks.append(f"{findings.weeks} weken is krap: elke module krijgt het kleinste aantal bijeenkomsten dat "
                       "nog werkt" + (", en sommige bijeenkomsten van verschillende modules vallen in dezelfde "
                                      "week" if position == 3 else "") + ". Met meer weken past het volledige "
                       "programma.")
    elif position == 4:
        remarks.append(f"In {findings.weeks} week/weken past per module maar één bijeenkomst, en alles valt dicht "
                       "op elkaar. Procesbegeleiding vraagt enkele weken tussen bijeenkomsten (§3.1): plan liever "
                       "meer weken.")
    drafts = [(_draft(chosen, number, _count(chosen, config)), chosen, week)
              for chosen, number, week in slots]
    return drafts, remarks


def _draft(chosen: _Pick, number: int, count: int) -> _Draft:
    module = chosen.module
    cases: tuple[str, ...] = ()
    if chosen.guide is not None:
        if count >= len(chosen.cases):
            cases = chosen.cases[number:number + 1]
        else:  # fewer meetings than cases: the last meeting takes the rest, up to the guide's maximum
            cases = chosen.cases[number:] if number == count - 1 else chosen.cases[number:number + 1]
            cases = cases[: chosen.guide.max_cases]
    if chosen.titles and number < len(chosen.titles):
        title = chosen.titles[number] if count > 1 else module.title
    elif count > 1:
        title = f"{module.title} ({number + 1} van {count})"
    else:
        title = module.title
    notes = []
    if number == 0:
        notes.append("Waarom: " + " ".join(chosen.reasons))
    else:
        notes.append(f"Vervolg van bijeenkomst {number} van deze module; tussendoor passen de deelnemers het "
                     "geleerde toe in hun eigen werk.")
    if module.id == COACHING:
        notes.append("Per deelnemer één-op-één; een reeks van enkele gesprekken naast de procesbegeleiding.")
    else:
        notes.append("Groepen: " + _groups_text(chosen.groups, chosen.extra_observers))
    if module.room_setup:
        notes.append(f"Opstelling: {module.room_setup}")
    if chosen.guide is not None:
        notes.append(f"Gespreksleidraad: {chosen.guide.title}; per groep een gespreksleider en een observator.")
        if not cases:
            notes.append("Deelnemers brengen een eigen casus in (handreiking §3.4).")
    notes.append(_source(module))
    facilitators = max(2, len(chosen.guide.roles)) if chosen.guide is not None else 1
    return _Draft(title=title, participants=max(chosen.groups), facilitators=facilitators, cases=cases,
                  notes=tuple(notes))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60].strip("-") or "voorstel"


def _trajectory(findings: Findings, catalog: Catalog, picks: Sequence[_Pick],
                drafts: Sequence[tuple[_Draft, _Pick, int]], left_out: Sequence[str],
                remarks: Sequence[str]) -> Trajectory:
    from .didactics import load_didactics

    didactics = load_didactics()
    awareness = catalog.workshops[AWARENESS]
    knowledge, process = didactics.for_goal(GoalType.KNOWLEDGE), didactics.for_goal(GoalType.PROCESS)
    phases: list[Phase] = []
    previous = 0
    for phase_number, title, reason in (
        (0, "Bewustwording en kennis",
         "Kennis en bewustwording eerst (handreiking, Leeswijzer; hoofdstuk 2). Doel is kennisoverdracht: "
         f"{_lower_first(knowledge.summary)} ({knowledge.source.section})"),
        (1, "Procesbegeleiding: oefenen in de eigen praktijk"
         + (" en coaching" if any(p.module.kind is ModuleKind.COACHING for p in picks) else ""),
         "Een workshop zonder vervolg verandert weinig (§2.1). In de procesbegeleiding vertalen deelnemers de "
         "kennis naar hun eigen werk, in kleine groepen en met enkele weken tussen de bijeenkomsten om het "
         "geleerde uit te proberen (§3.1). Doel is samen een proces vormgeven: "
         f"{_lower_first(process.summary)} "
         f"({process.source.section})"),
    ):
        sessions = []
        for draft, chosen, week in drafts:
            if chosen.phase != phase_number:
                continue
            sessions.append(Session(title=draft.title, module=chosen.module.id, weeks_after_previous=week - previous,
                                    participants=draft.participants, facilitators=draft.facilitators,
                                    cases=draft.cases, notes=draft.notes))
            previous = week
        if sessions:
            phases.append(Phase(title=title, sessions=tuple(sessions), reason=reason))
    who = findings.municipality or "de gemeente"
    parts = [f"Voorstel voor {who} op basis van de verkenning (handreiking §1): {findings.participants} "
             f"deelnemers, {findings.weeks} weken."]
    if findings.themes:
        parts.append(f"Thema's: {_theme_names(catalog, findings.themes)}.")
    parts.append("Timmer de opzet niet dicht: bepaal vervolgstappen samen met de deelnemers (§1). "
                 f"{didactics.follow_up.text}")
    parts.extend(remarks)
    title = "Trainingstraject ondermijning" + (f": {findings.municipality}" if findings.municipality else "")
    return Trajectory(id=f"plan/{_slug(findings.municipality or 'voorstel')}", title=title,
                      source=Source(awareness.source.publication, "§1–§5",
                                    note="Voorstel van de planner van ondermijning op basis van de verkenning"),
                      description=" ".join(parts), phases=tuple(phases))


# --- when the sessions take place -----------------------------------------------------------------

def session_weeks(trajectory: Trajectory) -> list[tuple[int, int, Phase, Session, int]]:
    """(phase index, session index, phase, session, week from the start) for every session, in order."""
    out = []
    week = 0
    first = True
    for p, phase in enumerate(trajectory.phases):
        for s, session in enumerate(phase.sessions):
            week = session.weeks_after_previous if first else week + session.weeks_after_previous
            first = False
            out.append((p, s, phase, session, week))
    return out


def trajectory_events(trajectory: Trajectory, catalog: Catalog, start: datetime.date, *,
                      time: datetime.time | None = None, hours: float = 3.0) -> list[Event]:
    """One calendar event per session: whole days, or from ``time`` for ``hours``."""
    from .ics import Event

    events = []
    slug = trajectory.id.replace("/", "-")
    for p, s, phase, session, week in session_weeks(trajectory):
        day = start + datetime.timedelta(weeks=week)
        module = catalog.workshops.get(session.module)
        lines = [f"{trajectory.title}", f"Fase {p + 1}: {phase.title}"]
        if module is not None:
            lines.append(f"Module: {module.title}")
        if session.participants and not any(n.startswith("Groepen:") for n in session.notes):
            lines.append(f"Deelnemers per groep: {session.participants}")
        if session.facilitators > 1:
            lines.append(f"Begeleiders per groep: {session.facilitators}")
        for case_id in session.cases:
            case = catalog.cases.get(case_id)
            lines.append(f"Casus: {case.title if case else case_id}")
        lines.extend(session.notes)
        if module is not None and not any(n.startswith("Bron:") for n in session.notes):
            lines.append(_source(module))
        begin: datetime.date | datetime.datetime = day
        duration = datetime.timedelta(days=1)
        if time is not None:
            begin = datetime.datetime.combine(day, time)
            duration = datetime.timedelta(hours=hours)
        events.append(Event(uid=f"{slug}-{p + 1}-{s + 1}-{day:%Y%m%d}@ondermijning", summary=session.title,
                            start=begin, duration=duration, description="\n".join(lines),
                            categories=("Training ondermijning",)))
    return events


# --- checks for any trajectory --------------------------------------------------------------------

@attrs.frozen
class _Slot:
    index: int
    phase_index: int
    session_index: int
    phase: Phase
    session: Session
    week: int
    module: Workshop | None

    @property
    def where(self) -> str:
        return f"'{self.session.title}' (fase {self.phase_index + 1}, bijeenkomst {self.session_index + 1})"

    def path(self, field: str = "") -> str:
        return f"$.phases[{self.phase_index}].sessions[{self.session_index}]" + (f".{field}" if field else "")


def _slots(trajectory: Trajectory, catalog: Catalog) -> list[_Slot]:
    return [_Slot(i, p, s, phase, session, week, catalog.workshops.get(session.module))
            for i, (p, s, phase, session, week) in enumerate(session_weeks(trajectory))]


def _warning(code: str, slot: _Slot, message: str, hint: str, field: str = "") -> Problem:
    return Problem(code, f"{slot.where}: {message}", path=slot.path(field), hint=hint, severity=Severity.WARNING)


def _section(module: Workshop) -> str:
    return module.source.section or module.source.publication


def _check_follow_up(slots: Sequence[_Slot]) -> Iterator[Problem]:
    for slot in slots:
        if slot.module is None or slot.module.kind is not ModuleKind.WORKSHOP:
            continue
        later = [s for s in slots[slot.index + 1:]
                 if s.module is not None and s.module.kind in (ModuleKind.PROCESS, ModuleKind.COACHING)]
        if not later:
            yield _warning("T001", slot, f"de workshop '{slot.module.title}' krijgt in dit traject geen vervolg; "
                                         "zonder procesbegeleiding gebeurt er daarna meestal niets "
                                         f"({SECTION_FOLLOW_UP}).",
                           "Plan na de workshop procesbegeleiding (hoofdstuk 3) en werk op drie niveaus: "
                           "organisatorisch, collegiaal en met rugdekking van leidinggevenden.", "module")


def _is_case_session(slot: _Slot) -> bool:
    return bool(slot.session.cases) or slot.session.module in CASE_MODULES


def _check_group_sizes(slots: Sequence[_Slot]) -> Iterator[Problem]:
    for slot in slots:
        module = slot.module
        if module is None or _is_case_session(slot):
            continue
        size = slot.session.participants
        low, high = module.min_group, module.max_group
        if module.id == WERKPLAATS:
            low, high = low or 5, high or 6
        if not high or (size == 0 and module.id != WERKPLAATS):
            continue
        if size == 0:
            yield _warning("T002", slot, f"geen groepsgrootte opgegeven; {module.title} werkt met groepen van "
                                         f"{low}–{high} ({_section(module)}).",
                           f"Geef participants op: {low} tot {high} per groep.", "participants")
        elif not low <= size <= high:
            advice = ("Splits de groep, met in elke groep verschillende disciplines." if size > high
                      else "Nodig meer deelnemers uit of voeg groepen samen.")
            yield _warning("T002", slot, f"{size} deelnemers per groep; {module.title} werkt met groepen van "
                                         f"{low}–{high} ({_section(module)}).", advice, "participants")


_CASE_CODES = {"S001": ("T003", "participants"), "S002": ("T004", "facilitators"), "S003": ("T005", "cases")}


def _check_case_sessions(slots: Sequence[_Slot], catalog: Catalog) -> Iterator[Problem]:
    from .sessions import check_case_session

    for slot in slots:
        if not _is_case_session(slot):
            continue
        guide = _guide_of(catalog, slot.session.cases, slot.module)
        if guide is None:
            continue
        participants = slot.session.participants
        if participants == 0:
            yield _warning("T003", slot, f"geen aantal deelnemers opgegeven; de leidraad adviseert "
                                         f"{guide.min_participants}–{guide.max_participants} deelnemers per groep "
                                         f"({guide.source.section or guide.source.publication}).",
                           "Geef participants op.", "participants")
        found = check_case_session(guide, participants=participants or None,
                                   facilitators=slot.session.facilitators, cases=slot.session.cases)
        for finding in found:
            code, field = _CASE_CODES[finding.code]
            message = finding.message[0].lower() + finding.message[1:] if finding.message[:1].isupper() \
                else finding.message
            yield _warning(code, slot, message, finding.hint, field)


def _check_gaps(slots: Sequence[_Slot]) -> Iterator[Problem]:
    weeks: dict[str, int] = {}
    for slot in slots:
        module = slot.module
        if module is None or module.kind is not ModuleKind.PROCESS:
            continue
        last = weeks.get(module.id)
        weeks[module.id] = slot.week
        if last is None or slot.week == last:  # the same week: a parallel group, not a next meeting
            continue
        gap = slot.week - last
        if gap < MIN_GAP:
            yield _warning("T006", slot, f"{gap} week na de vorige bijeenkomst van '{module.title}'; tussen "
                                         "bijeenkomsten van procesbegeleiding horen enkele weken om het geleerde "
                                         f"in de praktijk uit te proberen ({SECTION_GAP}).",
                           f"Plan minstens {MIN_GAP} weken ertussen (weeks_after_previous); bijeenkomsten in "
                           "dezelfde week gelden als parallelle groepen.", "weeks_after_previous")


def dilemma_modules(catalog: Catalog) -> frozenset[str]:
    """Modules that work with dilemma cards: the core's, and every module a card names as its usage."""
    return frozenset({DILEMMAS, *(card.usage for card in catalog.dilemma_cards.values() if card.usage)})


def _is_awareness(module: Workshop | None) -> bool:
    return module is not None and module.kind is ModuleKind.WORKSHOP and module.goal_type is GoalType.KNOWLEDGE


def _check_dilemma_order(slots: Sequence[_Slot], catalog: Catalog) -> Iterator[Problem]:
    dilemma = dilemma_modules(catalog)
    for slot in slots:
        if slot.session.module not in dilemma:
            continue
        if not any(_is_awareness(s.module) for s in slots[: slot.index]):
            yield _warning("T007", slot, "de dilemmakaart komt vóór een workshop over bewustwording; zonder die "
                                         "kennis herkennen deelnemers het dilemma niet en blijft het gesprek "
                                         f"hangen in aannames ({SECTION_DILEMMA}).",
                           "Plan eerst de workshop Bewustwording en kennisverwerving (§2.1) of een vergelijkbare "
                           "kenniswerkshop.", "module")


def validate_trajectory(trajectory: Trajectory, catalog: Catalog) -> list[Problem]:
    """What is off in a trajectory by the rules of the handreiking (``T001``–``T007``), in session order.

    Each finding names the session, what is off and the source section; ``path`` points into the
    trajectory (``$.phases[1].sessions[0].participants``). Sessions with an unknown module are
    left to the reference check (``V001``).
    """
    slots = _slots(trajectory, catalog)
    found = [*_check_follow_up(slots), *_check_group_sizes(slots), *_check_case_sessions(slots, catalog),
             *_check_gaps(slots), *_check_dilemma_order(slots, catalog)]
    order = {slot.path(): slot.index for slot in slots}
    return sorted(found, key=lambda p: (order.get(re.sub(r"\.[a-z_]+$", "", p.path), -1), p.code))


# --- the checks as validation rules ---------------------------------------------------------------

def locate(problem: Problem, catalog: Catalog, trajectory_id: str) -> Problem:
    """The problem with the file, line and key path of the trajectory in its pack, when known."""
    where = catalog.locate(trajectory_id)
    if where is None:
        return problem
    base = where.path.removesuffix(".id") if where.path else ""
    path = base + problem.path.removeprefix("$") if base else problem.path
    line = where.line
    if base:
        line = _line_in(where.file, path) or line
    return attrs.evolve(problem, file=where.file, line=line, path=path)


def _line_in(file: str, path: str) -> int | None:
    from .locate import LineIndex, parse_path

    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return LineIndex(text).line_of(parse_path(path))


# --- a readable document --------------------------------------------------------------------------

_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")


def dutch_date(day: datetime.date) -> str:
    """``2026-09-07`` -> ``maandag 7 september 2026`` (without depending on the system's locale)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


_KIND_LABELS = {ModuleKind.EXPLORATION: "verkenning", ModuleKind.WORKSHOP: "workshop",
                ModuleKind.PROCESS: "procesbegeleiding", ModuleKind.COACHING: "coaching"}


def trajectory_document(trajectory: Trajectory, catalog: Catalog, *, start: datetime.date | None = None,
                        proposal: Proposal | None = None) -> Document:
    """The trajectory for people: phases with their reasons, sessions by week (and date), sources."""
    from .didactics import load_didactics
    from .render.document import Document, Item

    didactics = load_didactics()
    doc = Document()
    doc.heading(trajectory.title, 1)
    doc.paragraph(trajectory.description)
    if proposal is not None:
        f = proposal.findings
        doc.heading("Uitgangspunten uit de verkenning")
        rows = [f"Deelnemers: {f.participants}", f"Beschikbare tijd: {f.weeks} weken"
                + (f", vanaf {dutch_date(start)}" if start else "")]
        if f.themes:
            rows.append(f"Thema's: {_theme_names(catalog, f.themes)}")
        if f.audiences:
            rows.append("Wie doen mee: " + "; ".join(a.label for a in f.audiences))
        if f.needs:
            rows.append("Vragen en behoeften: " + "; ".join(n.label for n in f.needs))
        if f.frontline_situation:
            rows.append(f"Frontlijnteams: situatie {f.frontline_situation}, "
                        f"{FRONTLINE_SITUATIONS[f.frontline_situation].lower()} (§3.2)")
        doc.bullets(rows)
    slots = session_weeks(trajectory)
    by_phase: dict[int, list[tuple[int, Session, int]]] = {}
    for p, s, _phase, session, week in slots:
        by_phase.setdefault(p, []).append((s, session, week))
    for p, phase in enumerate(trajectory.phases):
        doc.heading(f"Fase {p + 1}: {phase.title}")
        doc.paragraph(phase.reason)
        items: list[Item] = []
        for _s, session, week in by_phase.get(p, []):
            when = f"Week {week + 1}" + (f", {dutch_date(start + datetime.timedelta(weeks=week))}" if start else "")
            module = catalog.workshops.get(session.module)
            subs = []
            if module is not None and session.title.startswith(module.title):
                subs.append(f"Soort: {_KIND_LABELS[module.kind]}")
            elif module is not None:
                subs.append(f"Module: {module.title} ({_KIND_LABELS[module.kind]})")
            if session.participants and not any(n.startswith("Groepen:") for n in session.notes):
                subs.append(f"Deelnemers per groep: {session.participants}")
            if session.facilitators > 1:
                subs.append(f"Begeleiders per groep: {session.facilitators}")
            for case_id in session.cases:
                case = catalog.cases.get(case_id)
                subs.append(f"Casus: {case.title if case else case_id}")
            subs.extend(session.notes)
            if module is not None and not any(n.startswith("Bron:") for n in session.notes):
                subs.append(_source(module))
            items.append((f"{when}: {session.title}", tuple(subs)))
        doc.bullets(items)
    doc.heading("Naast de training: werk op drie niveaus")
    doc.paragraph(f"{didactics.follow_up.text} ({didactics.follow_up.source.section})")
    doc.bullets([(level.name, (level.text,)) for level in didactics.levels])
    doc.paragraph(f"Bron: {didactics.levels[0].source}.")
    doc.heading("Elke bijeenkomst: vaste onderdelen")
    doc.bullets([(f"{element.name}: {element.text}", element.items) for element in didactics.programme])
    doc.paragraph(f"Bron: {didactics.programme[0].source}.")
    if proposal is not None and proposal.left_out:
        doc.heading("Niet ingepland")
        doc.bullets(list(proposal.left_out))
    modules = dict.fromkeys(s.module for *_rest, s, _w in slots)
    sources = [f"{catalog.workshops[m].title}: {catalog.workshops[m].source}" for m in modules
               if m in catalog.workshops]
    if sources:
        doc.heading("Bronnen van de modules")
        doc.bullets(sources)
    return doc
