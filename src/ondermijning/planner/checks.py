"""Checks for any trajectory, proposed or hand-made, by the rules of the handreiking (T001–T007).

:data:`TRAJECTORY_RULES` runs them over every trajectory in the catalog as part of
``ondermijning validate`` (the core plugin contributes them); they are warnings, since they
are advice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import attrs

from ..catalog import Catalog, Rule
from ..errors import Problem, Severity
from ..i18n import _
from ..locate import LineIndex, parse_path
from ..model_base import Model
from ..models import GoalType, ModuleKind, Phase, Session, Trajectory, Workshop
from ..sessions import check_case_session
from .calendar import session_weeks
from .choosing import guide_of
from .modules import CASE_MODULES, DILEMMAS, MIN_GAP, SECTION_DILEMMA, SECTION_FOLLOW_UP, SECTION_GAP, WERKPLAATS


@attrs.frozen(eq=False, repr=False)
class _Slot(Model):  # eq, hash and repr from Model: attrs does not compile them
    index: int
    phase_index: int
    session_index: int
    phase: Phase
    session: Session
    week: int
    module: Workshop | None

    @property
    def where(self) -> str:
        return _("'{title}' (fase {phase}, bijeenkomst {session})").format(
            title=self.session.title, phase=self.phase_index + 1, session=self.session_index + 1)

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
            yield _warning("T001", slot, _("de workshop '{title}' krijgt in dit traject geen vervolg; zonder "
                                           "procesbegeleiding gebeurt er daarna meestal niets ({section}).").format(
                                               title=slot.module.title, section=SECTION_FOLLOW_UP),
                           _("Plan na de workshop procesbegeleiding (hoofdstuk 3) en werk op drie niveaus: "
                             "organisatorisch, collegiaal en met rugdekking van leidinggevenden."), "module")


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
            yield _warning("T002", slot, _("geen groepsgrootte opgegeven; {module} werkt met groepen van "
                                           "{low}–{high} ({section}).").format(module=module.title, low=low,
                                                                              high=high, section=_section(module)),
                           _("Geef participants op: {low} tot {high} per groep.").format(low=low, high=high),
                           "participants")
        elif not low <= size <= high:
            advice = (_("Splits de groep, met in elke groep verschillende disciplines.") if size > high
                      else _("Nodig meer deelnemers uit of voeg groepen samen."))
            yield _warning("T002", slot, _("{size} deelnemers per groep; {module} werkt met groepen van "
                                           "{low}–{high} ({section}).").format(
                                               size=size, module=module.title, low=low, high=high,
                                               section=_section(module)), advice, "participants")


_CASE_CODES = {"S001": ("T003", "participants"), "S002": ("T004", "facilitators"), "S003": ("T005", "cases")}


def _check_case_sessions(slots: Sequence[_Slot], catalog: Catalog) -> Iterator[Problem]:
    for slot in slots:
        if not _is_case_session(slot):
            continue
        guide = guide_of(catalog, slot.session.cases, slot.module)
        if guide is None:
            continue
        participants = slot.session.participants
        if participants == 0:
            yield _warning("T003", slot, _("geen aantal deelnemers opgegeven; de leidraad adviseert {low}–{high} "
                                           "deelnemers per groep ({section}).").format(
                                               low=guide.min_participants, high=guide.max_participants,
                                               section=guide.source.section or guide.source.publication),
                           _("Geef participants op."), "participants")
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
            yield _warning("T006", slot, _("{gap} week na de vorige bijeenkomst van '{module}'; tussen bijeenkomsten "
                                           "van procesbegeleiding horen enkele weken om het geleerde in de praktijk "
                                           "uit te proberen ({section}).").format(gap=gap, module=module.title,
                                                                                  section=SECTION_GAP),
                           _("Plan minstens {weeks} weken ertussen (weeks_after_previous); bijeenkomsten in dezelfde "
                             "week gelden als parallelle groepen.").format(weeks=MIN_GAP), "weeks_after_previous")


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
            yield _warning("T007", slot, _("de dilemmakaart komt vóór een workshop over bewustwording; zonder die "
                                           "kennis herkennen deelnemers het dilemma niet en blijft het gesprek hangen "
                                           "in aannames ({section}).").format(section=SECTION_DILEMMA),
                           _("Plan eerst de workshop Bewustwording en kennisverwerving (§2.1) of een vergelijkbare "
                             "kenniswerkshop."), "module")


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
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return LineIndex(text).line_of(parse_path(path))




# --- the checks as validation rules ----------------------------------------------------------------

#: T001–T007: trajectories follow the handreiking; warnings, since they are advice
TRAJECTORY_CHECKS: tuple[tuple[str, str], ...] = (
    ("T001", "every workshop in a trajectory is followed by process guidance"),
    ("T002", "groups fit the module's group size (werkplaats 5–6)"),
    ("T003", "case sessions have 4–5 participants (the guide's range)"),
    ("T004", "case sessions have a moderator and an observer"),
    ("T005", "case sessions discuss at most the guide's number of cases"),
    ("T006", "meetings of the same process guidance are at least two weeks apart"),
    ("T007", "dilemma-card sessions come after an awareness workshop"),
)


def _trajectory_rule(code: str) -> Callable[[Catalog], Iterator[Problem]]:
    def check(catalog: Catalog) -> Iterator[Problem]:
        for trajectory_id in sorted(catalog.trajectories):
            for problem in validate_trajectory(catalog.trajectories[trajectory_id], catalog):
                if problem.code == code:
                    yield locate(attrs.evolve(problem, message=f"{trajectory_id}: {problem.message}"),
                                 catalog, trajectory_id)

    return check


TRAJECTORY_RULES: tuple[Rule, ...] = tuple(
    Rule(code, summary, _trajectory_rule(code), severity=Severity.WARNING) for code, summary in TRAJECTORY_CHECKS)
