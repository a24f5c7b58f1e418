"""Scheduling: fitting the chosen modules' meetings into the weeks, and building the proposed trajectory."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from ..didactics import load_didactics
from ..errors import OndermijningError
from ..i18n import _, ngettext
from ..models import GoalType, ModuleKind, Phase, Session, Source, Trajectory
from .choosing import Pick, choose
from .findings import Findings
from .modules import AWARENESS, CASE_DISCUSSION, COACHING, DILEMMAS, MIN_GAP, PREFERRED_GAP, source_line, theme_names

if TYPE_CHECKING:
    from ..catalog import Catalog


class PlanError(OndermijningError):
    """The catalog lacks what the planner needs (the core pack's modules)."""


@attrs.frozen(kw_only=True)
class Proposal:
    """A proposed trajectory with what it was made from and what was left out, and why."""

    trajectory: Trajectory
    findings: Findings
    left_out: tuple[str, ...] = ()
    remarks: tuple[str, ...] = ()



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
        raise PlanError(_("de planner heeft de modules van het kernpack nodig; ontbreekt: {ids} (staat de plugin "
                          "core uit?)").format(ids=", ".join(missing)))
    findings = attrs.evolve(findings, themes=tuple(dict.fromkeys(t if "/" in t else f"core/{t}"
                                                                 for t in findings.themes)))
    unknown = [t for t in findings.themes if t not in catalog.themes]
    if unknown:
        raise PlanError(ngettext("onbekend thema: {ids}", "onbekende thema's: {ids}", len(unknown))
                        .format(ids=", ".join(unknown)))
    picks, left_out = choose(findings, catalog)
    drafts, remarks = _fit(picks, findings)
    trajectory = _trajectory(findings, catalog, picks, drafts, left_out, remarks)
    return Proposal(trajectory=trajectory, findings=findings, left_out=tuple(left_out), remarks=tuple(remarks))



def _groups_text(groups: Sequence[int], extra_observers: int = 0) -> str:
    total = sum(groups) + extra_observers
    if len(groups) == 1 and not extra_observers:
        return _("Eén groep van {n} deelnemers.").format(n=groups[0])
    sizes = sorted(set(groups), reverse=True)
    parts = _(" en ").join(f"{groups.count(s)}× {s}" for s in sizes)
    text = ngettext("{total} deelnemers in {n} parallelle groep ({parts})",
                    "{total} deelnemers in {n} parallelle groepen ({parts})", len(groups)).format(
                        total=total, n=len(groups), parts=parts)
    if extra_observers:
        text += ngettext("; {n} deelnemer loopt mee als extra observator en oefent zo de rol voor latere gesprekken "
                         "(handreiking §4.2)",
                         "; {n} deelnemers lopen mee als extra observator en oefenen zo de rol voor latere "
                         "gesprekken (handreiking §4.2)", extra_observers).format(n=extra_observers)
    return text + "."



@attrs.frozen
class _Config:
    full: bool  # preferred number of meetings (else the minimum)
    gap: int  # weeks between meetings of the same process guidance
    step: int  # weeks between consecutive meetings of different modules
    single: bool = False  # one meeting per module (the last resort)


_LADDER = (_Config(True, PREFERRED_GAP, 1), _Config(True, MIN_GAP, 1), _Config(False, MIN_GAP, 1),
           _Config(False, MIN_GAP, 0), _Config(False, MIN_GAP, 0, single=True))


def _count(chosen: Pick, config: _Config) -> int:
    if config.single:
        return 1
    return chosen.preferred if config.full else chosen.minimum


def _schedule(picks: Sequence[Pick], config: _Config) -> list[tuple[Pick, int, int]]:
    """(pick, meeting number, week) in chronological order."""
    out: list[tuple[Pick, int, int]] = []
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


def _fit(picks: Sequence[Pick], findings: Findings) -> tuple[list[tuple[_Draft, Pick, int]], list[str]]:
    remarks: list[str] = []
    for position, config in enumerate(_LADDER):
        slots = _schedule(picks, config)
        span = (slots[-1][2] + 1) if slots else 0
        if span <= findings.weeks or position == len(_LADDER) - 1:
            break
    if position == 1:
        remarks.append(_("Om binnen {weeks} weken te blijven, zitten er twee in plaats van drie weken tussen "
                         "bijeenkomsten van dezelfde procesbegeleiding; minder dan twee weken raadt de handreiking "
                         "af (§3.1).").format(weeks=findings.weeks))
    elif position == 2:
        remarks.append(_("{weeks} weken is krap: elke module krijgt het kleinste aantal bijeenkomsten dat nog werkt. "
                         "Met meer weken past het volledige programma.").format(weeks=findings.weeks))
    elif position == 3:
        remarks.append(_("{weeks} weken is krap: elke module krijgt het kleinste aantal bijeenkomsten dat nog werkt, "
                         "en sommige bijeenkomsten van verschillende modules vallen in dezelfde week. Met meer weken "
                         "past het volledige programma.").format(weeks=findings.weeks))
    elif position == 4:
        remarks.append(ngettext("In {weeks} week past per module maar één bijeenkomst, en alles valt dicht op elkaar. "
                                "Procesbegeleiding vraagt enkele weken tussen bijeenkomsten (§3.1): plan liever meer "
                                "weken.",
                                "In {weeks} weken past per module maar één bijeenkomst, en alles valt dicht op "
                                "elkaar. Procesbegeleiding vraagt enkele weken tussen bijeenkomsten (§3.1): plan "
                                "liever meer weken.", findings.weeks).format(weeks=findings.weeks))
    drafts = [(_draft(chosen, number, _count(chosen, config)), chosen, week)
              for chosen, number, week in slots]
    return drafts, remarks


def _draft(chosen: Pick, number: int, count: int) -> _Draft:
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
        title = _("{title} ({n} van {count})").format(title=module.title, n=number + 1, count=count)
    else:
        title = module.title
    notes = []
    if number == 0:
        notes.append(_("Waarom: {reasons}").format(reasons=" ".join(chosen.reasons)))
    else:
        notes.append(_("Vervolg van bijeenkomst {n} van deze module; tussendoor passen de deelnemers het geleerde "
                       "toe in hun eigen werk.").format(n=number))
    if module.id == COACHING:
        notes.append(_("Per deelnemer één-op-één; een reeks van enkele gesprekken naast de procesbegeleiding."))
    else:
        notes.append(_("Groepen:") + " " + _groups_text(chosen.groups, chosen.extra_observers))
    if module.room_setup:
        notes.append(_("Opstelling: {setup}").format(setup=module.room_setup))
    if chosen.guide is not None:
        notes.append(_("Gespreksleidraad: {title}; per groep een gespreksleider en een observator.").format(
            title=chosen.guide.title))
        if not cases:
            notes.append(_("Deelnemers brengen een eigen casus in (handreiking §3.4)."))
    notes.append(source_line(module))
    facilitators = max(2, len(chosen.guide.roles)) if chosen.guide is not None else 1
    return _Draft(title=title, participants=max(chosen.groups), facilitators=facilitators, cases=cases,
                  notes=tuple(notes))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60].strip("-") or "voorstel"


def _trajectory(findings: Findings, catalog: Catalog, picks: Sequence[Pick],
                drafts: Sequence[tuple[_Draft, Pick, int]], left_out: Sequence[str],
                remarks: Sequence[str]) -> Trajectory:
    didactics = load_didactics()
    awareness = catalog.workshops[AWARENESS]
    knowledge, process = didactics.for_goal(GoalType.KNOWLEDGE), didactics.for_goal(GoalType.PROCESS)
    phases: list[Phase] = []
    previous = 0
    for phase_number, title, reason in (
        (0, _("Bewustwording en kennis"),
         _("Kennis en bewustwording eerst (handreiking, Leeswijzer; hoofdstuk 2). Doel is kennisoverdracht: "
           "{summary} ({section})").format(summary=_lower_first(knowledge.summary),
                                           section=knowledge.source.section)),
        (1, _("Procesbegeleiding: oefenen in de eigen praktijk en coaching")
         if any(p.module.kind is ModuleKind.COACHING for p in picks) else
         _("Procesbegeleiding: oefenen in de eigen praktijk"),
         _("Een workshop zonder vervolg verandert weinig (§2.1). In de procesbegeleiding vertalen deelnemers de "
           "kennis naar hun eigen werk, in kleine groepen en met enkele weken tussen de bijeenkomsten om het "
           "geleerde uit te proberen (§3.1). Doel is samen een proces vormgeven: {summary} ({section})").format(
               summary=_lower_first(process.summary), section=process.source.section)),
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
    who = findings.municipality or _("de gemeente")
    parts = [_("Voorstel voor {who} op basis van de verkenning (handreiking §1): {participants} deelnemers, "
               "{weeks} weken.").format(who=who, participants=findings.participants, weeks=findings.weeks)]
    if findings.themes:
        parts.append(_("Thema's: {themes}.").format(themes=theme_names(catalog, findings.themes)))
    parts.append(_("Timmer de opzet niet dicht: bepaal vervolgstappen samen met de deelnemers (§1).") + " "
                 + didactics.follow_up.text)
    parts.extend(remarks)
    title = _("Trainingstraject ondermijning") + (f": {findings.municipality}" if findings.municipality else "")
    return Trajectory(id=f"plan/{_slug(findings.municipality or 'voorstel')}", title=title,
                      source=Source(awareness.source.publication, "§1–§5",
                                    note=_("Voorstel van de planner van ondermijning op basis van de verkenning")),
                      description=" ".join(parts), phases=tuple(phases))


